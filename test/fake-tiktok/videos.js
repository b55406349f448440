'use strict';
// TikTok for Developers, Display API video posts (reference §3.4–3.6): POST /v2/video/list/ over the connected
// user's seeded public posts, plus the /__fake/videos control that posts new ones.
//
// As documented: Bearer + scope `video.list`; `fields` comma-separated in the query; JSON body
// `{cursor, max_count}` with `max_count` 1–20 (default 10; above 20 → HTTP 400 `invalid_params`) and `cursor` a
// UTC Unix timestamp in milliseconds (returns videos posted before it); response `{videos, cursor, has_more}`,
// newest first; `create_time` in Unix seconds. The fake keeps each post's millisecond time, so the next-page cursor
// (the last video's millisecond time) never skips a video posted in the same second.
const { developersRoute, v2Error, v2Ok } = require('./developers');
const { prng } = require('./data');

const VIDEO_FIELDS = [
	'id', 'create_time', 'cover_image_url', 'share_url', 'video_description', 'duration', 'height', 'width', 'title',
	'embed_html', 'embed_link', 'like_count', 'comment_count', 'share_count', 'view_count',
];
const MAX_COUNT = 20;
const DEFAULT_COUNT = 10;
const USERNAME = 'fakecreator';
const TOPICS = ['morning coffee', 'new sneakers', 'speedrun', 'street food', 'studio tour', 'behind the scenes', 'unboxing', 'dance challenge'];

/** A video post as TikTok's video object, plus the fake's internal millisecond time. */
function makeVideo(videos, { createTimeMs, title, random = Math.random }) {
	// Distinct milliseconds per post, even for posts in the same second.
	let ms = createTimeMs;
	while (videos.some((v) => v.__createTimeMs === ms)) ms += 1;
	const n = videos.length + 1;
	const id = `73${String(Math.floor(ms / 1000)).padStart(10, '0')}${String(n).padStart(7, '0')}`;
	const text = title ?? `${TOPICS[n % TOPICS.length]} #${n}`;
	const shareUrl = `https://www.tiktok.com/@${USERNAME}/video/${id}`;
	return {
		id,
		create_time: Math.floor(ms / 1000),
		cover_image_url: `https://p16-sign.tiktokcdn.example/cover/${id}.jpeg?x-expires=${Math.floor(ms / 1000) + 21600}`,
		share_url: shareUrl,
		video_description: `${text} (video ${n})`.slice(0, 150),
		duration: 8 + Math.floor(random() * 170),
		height: 1920,
		width: 1080,
		title: text.slice(0, 150),
		embed_html: `<blockquote class="tiktok-embed" cite="${shareUrl}" data-video-id="${id}"><section></section></blockquote><script async src="https://www.tiktok.com/embed.js"></script>`,
		embed_link: `https://www.tiktok.com/player/v1/${id}`,
		like_count: Math.floor(random() * 5000),
		comment_count: Math.floor(random() * 300),
		share_count: Math.floor(random() * 200),
		view_count: Math.floor(random() * 200000),
		__createTimeMs: ms,
		/** Short link code (`https://vm.tiktok.com/<code>/`), resolved by the fake oEmbed. */
		__shortCode: `ZM${id.slice(-8)}`,
		__username: USERNAME,
	};
}

/** The seeded posts: `count` videos over the 90 days before `base`. */
function buildVideos({ seed = 42, base = Date.parse('2026-10-01T00:00:00Z'), count = 45 } = {}) {
	const random = prng(seed + 7);
	const times = [];
	// Whole seconds, as TikTok's `create_time`; makeVideo separates any two in the same second by a millisecond.
	for (let i = 0; i < count; i++) times.push(Math.floor((base - random() * 90 * 86400000) / 1000) * 1000);
	times.sort((a, b) => a - b);
	const videos = [];
	for (const createTimeMs of times) videos.push(makeVideo(videos, { createTimeMs, random }));
	return videos;
}

function present(video, fields) {
	const out = {};
	for (const field of fields) out[field] = video[field];
	return out;
}

function register(app) {
	const { state } = app;
	if (!Array.isArray(state.world.videos)) state.world.videos = buildVideos({ seed: state.seed });

	developersRoute(app, 'POST', '/v2/video/list/', 'video.list', (ctx) => {
		const fields = String(ctx.query.fields || '').split(',').map((f) => f.trim()).filter(Boolean);
		if (fields.length === 0) return v2Error(400, 'invalid_params', 'fields is required.');
		for (const field of fields) {
			if (!VIDEO_FIELDS.includes(field)) return v2Error(400, 'invalid_params', `Invalid field: ${field}.`);
		}
		if (!String(ctx.contentType).includes('application/json')) {
			return v2Error(400, 'invalid_params', 'Content-Type must be application/json.');
		}
		const body = ctx.body ?? {};
		if (body.__invalidJson !== undefined) return v2Error(400, 'invalid_params', 'The request body is not valid JSON.');
		const maxCount = body.max_count === undefined ? DEFAULT_COUNT : body.max_count;
		if (!Number.isInteger(maxCount) || maxCount < 1 || maxCount > MAX_COUNT) {
			return v2Error(400, 'invalid_params', `max_count must be between 1 and ${MAX_COUNT}.`);
		}
		const cursor = body.cursor === undefined || body.cursor === null ? undefined : Number(body.cursor);
		if (cursor !== undefined && (!Number.isInteger(cursor) || cursor < 0)) {
			return v2Error(400, 'invalid_params', 'cursor must be a Unix timestamp in milliseconds.');
		}
		const list = state.world.videos
			.filter((v) => cursor === undefined || v.__createTimeMs < cursor)
			.sort((a, b) => b.__createTimeMs - a.__createTimeMs);
		const page = list.slice(0, maxCount);
		return v2Ok({
			videos: page.map((v) => present(v, fields)),
			cursor: page.length > 0 ? page[page.length - 1].__createTimeMs : (cursor ?? 0),
			has_more: list.length > maxCount,
		});
	});

	// Videos by ID (ownership checked by TikTok; here: the user's posts), 1–20 IDs.
	developersRoute(app, 'POST', '/v2/video/query/', 'video.list', (ctx) => {
		const fields = String(ctx.query.fields || '').split(',').map((f) => f.trim()).filter(Boolean);
		if (fields.length === 0) return v2Error(400, 'invalid_params', 'fields is required.');
		const ids = ctx.body?.filters?.video_ids;
		if (!Array.isArray(ids) || ids.length < 1 || ids.length > 20) {
			return v2Error(400, 'invalid_params', 'filters.video_ids must list 1 to 20 video IDs.');
		}
		const videos = state.world.videos.filter((v) => ids.includes(v.id)).map((v) => present(v, fields));
		return v2Ok({ videos, cursor: 0, has_more: false });
	});

	// Test/dev control: posts `count` videos now (or at `createTime`, Unix seconds or TikTok's UTC text).
	app.route('POST', '/__fake/videos', (ctx) => {
		const body = ctx.body ?? {};
		let createTimeMs = Date.now();
		if (typeof body.createTime === 'number') createTimeMs = body.createTime * 1000;
		else if (typeof body.createTime === 'string') createTimeMs = Date.parse(`${body.createTime.replace(' ', 'T')}Z`);
		if (Number.isNaN(createTimeMs)) return { status: 400, json: { error: 'createTime is not a time' } };
		const videos = [];
		for (let i = 0; i < Number(body.count ?? 1); i++) {
			const video = makeVideo(state.world.videos, { createTimeMs, title: body.title });
			state.world.videos.push(video);
			videos.push({ id: video.id, create_time: video.create_time });
		}
		return { status: 200, json: { videos } };
	});
}

module.exports = register;
Object.assign(module.exports, { VIDEO_FIELDS, makeVideo, buildVideos, MAX_COUNT, USERNAME });
