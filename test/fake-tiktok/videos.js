'use strict';
// TikTok for Developers Display API: the connected user's video posts, `POST /v2/video/list/` (cursor paging) and
// `POST /v2/video/query/` (by ID). Reference §3.4–3.6: `fields` comma-separated in the query, JSON body
// `{cursor (ms), max_count (≤ 20, default 10)}`, newest first, `{videos, cursor, has_more}`.
const { developersRoute, v2Error, v2Ok } = require('./developers');
const { prng } = require('./data');

const USERNAME = 'fakecreator';
const SEEDED_VIDEOS = 45;
const MAX_COUNT = 20;
const DEFAULT_COUNT = 10;
const VIDEO_FIELDS = [
	'id',
	'create_time',
	'cover_image_url',
	'share_url',
	'video_description',
	'duration',
	'height',
	'width',
	'title',
	'embed_html',
	'embed_link',
	'like_count',
	'comment_count',
	'share_count',
	'view_count',
];
const TOPICS = ['sneaker unboxing', 'latte art', 'speedrun tips', 'studio tour', 'behind the scenes', 'Q&A', 'tutorial', 'haul'];

/** A video object as the Display API returns it (`create_time` in Unix seconds). */
function makeVideo(state, { createdMs, index }) {
	const random = state.videoRandom;
	const id = `73${String(4000000000000000 + state.world.videos.length + 1).padStart(17, '0')}`;
	const topic = TOPICS[Math.floor(random() * TOPICS.length)];
	const title = `${topic[0].toUpperCase()}${topic.slice(1)} #${index}`;
	const shareUrl = `https://www.tiktok.com/@${USERNAME}/video/${id}`;
	return {
		id,
		create_time: Math.floor(createdMs / 1000),
		cover_image_url: `https://p16-sign.tiktokcdn.example/obj/cover-${id}.jpeg?x-expires=${Math.floor(createdMs / 1000) + 21600}`,
		share_url: `${shareUrl}?utm_campaign=tt4d_open_api&utm_source=fakeclientkey0001`,
		video_description: `${title} — posted by the fake creator`,
		duration: 8 + Math.floor(random() * 170),
		height: 1024,
		width: 576,
		title,
		embed_html: `<blockquote class="tiktok-embed" cite="${shareUrl}" data-video-id="${id}" style="max-width: 605px;min-width: 325px;"><section></section></blockquote><script async src="https://www.tiktok.com/embed.js"></script>`,
		embed_link: `https://www.tiktok.com/player/v1/${id}`,
		like_count: Math.floor(random() * 5000),
		comment_count: Math.floor(random() * 300),
		share_count: Math.floor(random() * 200),
		view_count: Math.floor(random() * 100000),
		/** Short link code (`https://vm.tiktok.com/<code>/`), resolved by the fake oEmbed. */
		__shortCode: `ZM${id.slice(-8)}`,
		__username: USERNAME,
	};
}

/** 45 videos, one every ~20 hours before the world's base date (2026-10-01), distinct millisecond timestamps. */
function seedVideos(state) {
	state.world.videos = [];
	state.videoRandom = prng(state.seed + 7);
	const base = Date.parse('2026-10-01T00:00:00Z');
	for (let n = 0; n < SEEDED_VIDEOS; n++) {
		const createdMs = base - (n + 1) * 20 * 3600_000 - Math.floor(state.videoRandom() * 3600) * 1000;
		state.world.videos.push(makeVideo(state, { createdMs, index: SEEDED_VIDEOS - n }));
	}
}

function present(video, fields) {
	const out = {};
	for (const field of fields) if (field in video) out[field] = video[field];
	return out;
}

/** `fields` from the query: comma-separated names of the video object (required). */
function fieldsParam(ctx) {
	const fields = String(ctx.query.fields ?? '')
		.split(',')
		.map((f) => f.trim())
		.filter(Boolean);
	if (fields.length === 0) return { error: v2Error(400, 'invalid_params', 'fields is required.') };
	const unknown = fields.find((f) => !VIDEO_FIELDS.includes(f));
	if (unknown) return { error: v2Error(400, 'invalid_params', `Invalid field: ${unknown}.`) };
	return { fields };
}

function jsonBody(ctx) {
	if (!String(ctx.contentType).includes('application/json')) {
		return { error: v2Error(400, 'invalid_params', 'Content-Type must be application/json.') };
	}
	const body = ctx.body ?? {};
	if (body.__invalidJson !== undefined) return { error: v2Error(400, 'invalid_params', 'The request body is not valid JSON.') };
	return { body };
}

function register(app) {
	const { state } = app;
	seedVideos(state);

	developersRoute(app, 'POST', '/v2/video/list/', 'video.list', (ctx) => {
		const { fields, error } = fieldsParam(ctx);
		if (error) return error;
		const { body, error: bodyError } = jsonBody(ctx);
		if (bodyError) return bodyError;
		const maxCount = body.max_count === undefined ? DEFAULT_COUNT : body.max_count;
		if (!Number.isInteger(maxCount) || maxCount < 1 || maxCount > MAX_COUNT) {
			return v2Error(400, 'invalid_params', `max_count must be between 1 and ${MAX_COUNT}.`);
		}
		const cursor = body.cursor === undefined ? Date.now() : body.cursor;
		if (!Number.isInteger(cursor) || cursor < 0) return v2Error(400, 'invalid_params', 'cursor must be a Unix timestamp in milliseconds.');
		// Newest first; the cursor returns the videos posted strictly before it.
		const older = state.world.videos
			.filter((v) => v.create_time * 1000 < cursor)
			.sort((a, b) => b.create_time - a.create_time);
		const page = older.slice(0, maxCount);
		const hasMore = older.length > page.length;
		return v2Ok({
			videos: page.map((v) => present(v, fields)),
			cursor: page.length ? page[page.length - 1].create_time * 1000 : cursor,
			has_more: hasMore,
		});
	});

	developersRoute(app, 'POST', '/v2/video/query/', 'video.list', (ctx) => {
		const { fields, error } = fieldsParam(ctx);
		if (error) return error;
		const { body, error: bodyError } = jsonBody(ctx);
		if (bodyError) return bodyError;
		const ids = body.filters?.video_ids;
		if (!Array.isArray(ids) || ids.length < 1 || ids.length > 20) {
			return v2Error(400, 'invalid_params', 'filters.video_ids must list 1 to 20 video IDs.');
		}
		const videos = state.world.videos.filter((v) => ids.includes(v.id)).map((v) => present(v, fields));
		return v2Ok({ videos, cursor: 0, has_more: false });
	});

	// Test/dev control: posts `count` new videos now (or at `createTime`, epoch ms).
	app.route('POST', '/__fake/videos', (ctx) => {
		const body = ctx.body ?? {};
		const created = [];
		for (let i = 0; i < Number(body.count ?? 1); i++) {
			const createdMs = body.createTime !== undefined ? Number(body.createTime) + i * 1000 : Date.now() - i * 1000;
			const video = makeVideo(state, { createdMs, index: state.world.videos.length + 1 });
			state.world.videos.push(video);
			created.push({ id: video.id, create_time: video.create_time });
		}
		return { status: 200, json: { videos: created } };
	});
}

module.exports = register;
Object.assign(module.exports, { makeVideo, seedVideos, VIDEO_FIELDS, USERNAME });
