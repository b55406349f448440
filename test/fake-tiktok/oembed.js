'use strict';
// TikTok oEmbed (`GET https://www.tiktok.com/oembed?url=…`, reference §4): no authentication; documented oembed.com
// fields plus `author_unique_id`, `embed_product_id`, `embed_type`; unknown, private or non-TikTok URLs → HTTP 400
// `{"code":400,"message":"Something went wrong"}`. Short links (vm./vt.tiktok.com) are resolved by TikTok.
const { USERNAME } = require('./videos');

const NOT_FOUND = { status: 400, json: { code: 400, message: 'Something went wrong' } };

/** Finds the seeded video a TikTok URL points at (web, mobile, embed and short-link forms), or the profile. */
function resolve(state, text) {
	let url;
	try {
		url = new URL(text);
	} catch {
		return undefined;
	}
	const host = url.hostname.toLowerCase();
	if (host !== 'tiktok.com' && !host.endsWith('.tiktok.com')) return undefined;
	const videos = state.world.videos ?? [];
	if (host === 'vm.tiktok.com' || host === 'vt.tiktok.com' || url.pathname.startsWith('/t/')) {
		const code = url.pathname.replace(/^\/t\//, '/').replace(/\//g, '');
		const video = videos.find((v) => v.__shortCode === code);
		return video ? { video } : undefined;
	}
	const id =
		/^\/@[^/]+\/video\/(\d+)\/?$/.exec(url.pathname)?.[1] ??
		/^\/v\/(\d+)\.html$/.exec(url.pathname)?.[1] ??
		/^\/embed(?:\/v2)?\/(\d+)\/?$/.exec(url.pathname)?.[1];
	if (id) {
		const video = videos.find((v) => v.id === id);
		return video ? { video } : undefined;
	}
	const profile = /^\/@([^/]+)\/?$/.exec(url.pathname)?.[1];
	if (profile === USERNAME) return { profile };
	return undefined;
}

function register(app) {
	const { state } = app;

	app.route('GET', '/oembed', (ctx) => {
		const failure = state.takeFailure('/oembed');
		if (failure) {
			return failure.json
				? { status: failure.httpStatus ?? 429, json: failure.json }
				: { status: failure.httpStatus ?? 429, text: failure.text ?? 'Too Many Requests' };
		}
		const target = ctx.query.url ? resolve(state, ctx.query.url) : undefined;
		if (!target) return NOT_FOUND;
		const authorUrl = `https://www.tiktok.com/@${USERNAME}`;
		const common = {
			version: '1.0',
			author_url: authorUrl,
			author_name: 'Fake Creator',
			width: '100%',
			height: '100%',
			provider_url: 'https://www.tiktok.com',
			provider_name: 'TikTok',
			author_unique_id: USERNAME,
		};
		if (target.profile) {
			return {
				status: 200,
				json: {
					...common,
					type: 'rich',
					title: 'Fake Creator',
					html: `<blockquote class="tiktok-embed" cite="${authorUrl}" data-unique-id="${USERNAME}" data-embed-from="oembed" data-embed-type="creator" style="max-width: 780px; min-width: 288px;"><section><a target="_blank" href="${authorUrl}?refer=creator_embed">@${USERNAME}</a></section></blockquote> <script async src="https://www.tiktok.com/embed.js"></script>`,
					embed_type: 'creator',
				},
			};
		}
		const { video } = target;
		const cite = `https://www.tiktok.com/@${USERNAME}/video/${video.id}`;
		return {
			status: 200,
			json: {
				...common,
				type: 'video',
				title: video.title,
				html: `<blockquote class="tiktok-embed" cite="${cite}" data-video-id="${video.id}" data-embed-from="oembed" style="max-width: 605px;min-width: 325px;" > <section> <a target="_blank" title="@${USERNAME}" href="${authorUrl}?refer=embed">@${USERNAME}</a> ${video.title} </section> </blockquote> <script async src="https://www.tiktok.com/embed.js"></script>`,
				thumbnail_width: 576,
				thumbnail_height: 1024,
				thumbnail_url: `https://p16-sign.tiktokcdn.example/obj/thumb-${video.id}.jpeg`,
				embed_product_id: video.id,
				embed_type: 'video',
			},
		};
	});
}

module.exports = register;
Object.assign(module.exports, { resolve });
