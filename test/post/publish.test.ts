/* eslint-disable @n8n/community-nodes/no-restricted-globals -- a test, not node code: its own rules are test/eslint.config.mjs */
import type { INodeExecutionData, NodeApiError } from 'n8n-workflow';

import { useFastClock } from '../harness/clock';
import { runTikTokNode } from '../harness/engine';
import { developersCredential, secretsOf, useFake } from '../harness/fake';
import { binaryItem } from '../media/audio-fixtures';
import type { Upload } from './posting-state';
import { posting, uploads } from './posting-state';
import { MB, mp4, png, sha256, webm } from './video-fixtures';

// The transport's waits (backoff, the posting pace of 6 inits a minute per credential, status polls) are fast-forwarded.
useFastClock();

const SCOPES = ['user.info.basic', 'user.info.profile', 'user.info.stats', 'video.list', 'video.publish', 'video.upload'];
const CREATOR = '/v2/post/publish/creator_info/query/';
const VIDEO_INIT = '/v2/post/publish/video/init/';
const INBOX_INIT = '/v2/post/publish/inbox/video/init/';
const CONTENT_INIT = '/v2/post/publish/content/init/';
const STATUS = '/v2/post/publish/status/fetch/';
const UPLOAD = '/upload/video/';

/** Checks every chunk the fake received against the Media Transfer Guide. */
function expectChunksObeyTikTokRules(upload: Upload): void {
	const { videoSize, chunkSize, totalChunkCount, chunks } = upload;
	expect(totalChunkCount).toBe(Math.floor(videoSize / chunkSize));
	expect(totalChunkCount).toBeGreaterThanOrEqual(1);
	expect(totalChunkCount).toBeLessThanOrEqual(1000);
	expect(chunks).toHaveLength(totalChunkCount);
	let next = 0;
	chunks.forEach((chunk, index) => {
		expect(chunk.first).toBe(next);
		expect(chunk.last - chunk.first + 1).toBe(chunk.length);
		const isLast = index === totalChunkCount - 1;
		if (videoSize < 5 * MB) expect(chunk.length).toBe(videoSize);
		else if (isLast) {
			expect(chunk.length).toBeGreaterThanOrEqual(Math.min(chunkSize, videoSize));
			expect(chunk.length).toBeLessThanOrEqual(128 * MB);
		} else {
			expect(chunk.length).toBe(chunkSize);
			expect(chunk.length).toBeGreaterThanOrEqual(5 * MB);
			expect(chunk.length).toBeLessThanOrEqual(64 * MB);
		}
		next = chunk.last + 1;
	});
	expect(next).toBe(videoSize);
}

describe('post.publishVideo: Direct Post through the Content Posting API', () => {
	const fake = useFake({}, { reset: (f) => posting(f).reset() });
	const credential = () => developersCredential(fake, { scopes: SCOPES });
	const publish = (input: INodeExecutionData[] | undefined, parameters: Record<string, unknown> = {}, continueOnFail = false) =>
		runTikTokNode({
			parameters: { resource: 'post', operation: 'publishVideo', privacyLevel: 'PUBLIC_TO_EVERYONE', ...parameters },
			credentials: [credential()],
			input,
			continueOnFail,
		});

	it('sends a 12 MB binary video in chunks that obey TikTok\'s rules, the exact bytes, and outputs the post ID once PUBLISH_COMPLETE', async () => {
		const file = mp4(12 * MB, { seconds: 42 });
		const { items, error } = await publish([binaryItem(file, { fileName: 'clip.mp4', mimeType: 'video/mp4' })], { title: 'Launch day #n8n' });
		expect(error).toBeUndefined();

		const [init] = fake.state.requestsTo(VIDEO_INIT, 'POST');
		const body = init.body as { post_info: Record<string, unknown>; source_info: Record<string, number | string> };
		expect(body.source_info).toEqual({ source: 'FILE_UPLOAD', video_size: file.length, chunk_size: 6 * MB, total_chunk_count: 2 });
		expect(body.post_info).toMatchObject({ privacy_level: 'PUBLIC_TO_EVERYONE', title: 'Launch day #n8n', disable_comment: false, disable_duet: false, disable_stitch: false, is_aigc: false });

		const [upload] = uploads(fake);
		expectChunksObeyTikTokRules(upload);
		// Equal chunks of at least the 5 MB chunk size: 12 MB → 2 × 6 MB.
		expect(upload.chunks.map((c) => c.length)).toEqual([6 * MB, 6 * MB]);
		expect(upload.chunks.every((c) => c.contentType === 'video/mp4')).toBe(true);
		expect(upload.sha256).toBe(sha256(file));
		// The bearer token never goes to the upload URL.
		expect(upload.authorizationSeen).toBe(false);
		const puts = fake.state.requestsTo(UPLOAD, 'PUT');
		expect(puts.map((p) => p.headers['content-range'])).toEqual([`bytes 0-${6 * MB - 1}/${file.length}`, `bytes ${6 * MB}-${file.length - 1}/${file.length}`]);
		expect(puts.map((p) => p.headers['content-length'])).toEqual([String(6 * MB), String(6 * MB)]);

		// Creator info first, then init, the chunks, then status until final.
		const order = fake.state.requests.map((r) => r.path);
		expect(order[0]).toBe(CREATOR);
		expect(order[1]).toBe(VIDEO_INIT);
		expect(fake.state.requestsTo(STATUS).length).toBeGreaterThanOrEqual(2);
		expect(items).toHaveLength(1);
		expect(items[0].pairedItem).toEqual({ item: 0 });
		expect(items[0].json).toMatchObject({ status: 'PUBLISH_COMPLETE', source: 'FILE_UPLOAD', videoSize: file.length, totalChunkCount: 2, format: 'mp4', durationSeconds: 42 });
		expect(items[0].json.postId).toMatch(/^\d{19}$/);
		expect(items[0].json.postUrl).toBe(`https://www.tiktok.com/@fakecreator/video/${items[0].json.postId}`);
		expect(JSON.stringify(items)).not.toContain(secretsOf(fake)[secretsOf(fake).length - 1]);
	});

	it('sends a 3 MB video in one piece (chunk_size = video_size, one chunk)', async () => {
		const file = mp4(3 * MB);
		const { items, error } = await publish([binaryItem(file, { fileName: 'short.mp4' })]);
		expect(error).toBeUndefined();
		const body = fake.state.requestsTo(VIDEO_INIT)[0].body as { source_info: Record<string, unknown> };
		expect(body.source_info).toEqual({ source: 'FILE_UPLOAD', video_size: file.length, chunk_size: file.length, total_chunk_count: 1 });
		expect(fake.state.requestsTo(UPLOAD, 'PUT')).toHaveLength(1);
		expect(uploads(fake)[0].sha256).toBe(sha256(file));
		expect(items[0].json.status).toBe('PUBLISH_COMPLETE');
	});

	it('posts from a URL without sending any bytes (PULL_FROM_URL)', async () => {
		const { items, error } = await publish(undefined, { source: 'url', videoUrl: 'https://media.example.com/v/clip.mp4', privacyLevel: 'SELF_ONLY' });
		expect(error).toBeUndefined();
		const body = fake.state.requestsTo(VIDEO_INIT)[0].body as { source_info: Record<string, unknown> };
		expect(body.source_info).toEqual({ source: 'PULL_FROM_URL', video_url: 'https://media.example.com/v/clip.mp4' });
		expect(fake.state.requestsTo(UPLOAD)).toHaveLength(0);
		expect(fake.state.requests.every((r) => r.bodySize < 4096)).toBe(true);
		// SELF_ONLY posts get no public post ID.
		expect(items[0].json).toMatchObject({ status: 'PUBLISH_COMPLETE', source: 'PULL_FROM_URL', postId: null, postIds: [] });
	});

	it('refuses a privacy level the creator is not offered, naming the field, before any init', async () => {
		const { error } = await publish([binaryItem(mp4(3 * MB))], { privacyLevel: 'FOLLOWER_OF_CREATOR' });
		expect(error?.message).toMatch(/"Privacy Level" FOLLOWER_OF_CREATOR is not offered to this TikTok creator \(@fakecreator\): choose one of PUBLIC_TO_EVERYONE, MUTUAL_FOLLOW_FRIENDS, SELF_ONLY/);
		expect(fake.state.requestsTo(CREATOR)).toHaveLength(1);
		expect(fake.state.requestsTo(VIDEO_INIT)).toHaveLength(0);
	});

	it('refuses a PNG renamed .mp4 by its content, before any request', async () => {
		const { error } = await publish([binaryItem(png(200_000), { fileName: 'holiday.mp4', mimeType: 'video/mp4' })]);
		expect(error?.message).toMatch(/binary field "data" \(holiday\.mp4\) is not an MP4, WebM or MOV video \(its content is a PNG image\)/);
		expect(fake.state.requests).toHaveLength(0);
	});

	it('turns a FAILED status into an error carrying TikTok\'s fail_reason and a hint', async () => {
		posting(fake).config.failNextPost = 'frame_rate_check_failed';
		const { error } = await publish([binaryItem(mp4(3 * MB))]);
		const apiError = error as NodeApiError;
		expect(apiError.message).toMatch(/the post failed \(fail_reason frame_rate_check_failed, publish_id v_pub_file~v2\.\d+\)/);
		expect(apiError.description).toMatch(/23 to 60 frames per second/);
	});

	it('refuses, before any init, a video longer than the creator may post (duration from the MP4 mvhd, moov at the end)', async () => {
		const { error } = await publish([binaryItem(mp4(6 * MB, { seconds: 301.5, moovAtEnd: true }), { fileName: 'long.mp4' })]);
		expect(error?.message).toMatch(/is 301\.5 seconds long: this creator \(max_video_post_duration_sec\) allows at most 300 seconds/);
		expect(fake.state.requestsTo(VIDEO_INIT)).toHaveLength(0);
	});

	it('reads a WebM duration and a MOV by its brand, and sends their content types', async () => {
		const { items, error } = await publish([binaryItem(webm(3 * MB, 15.5)), binaryItem(mp4(3 * MB, { brand: 'qt  ', seconds: 9 }))], { waitForCompletion: false });
		expect(error).toBeUndefined();
		expect(items.map((i) => [i.json.format, i.json.durationSeconds])).toEqual([['webm', 15.5], ['mov', 9]]);
		expect(fake.state.requestsTo(UPLOAD, 'PUT').map((p) => p.headers['content-type'])).toEqual(['video/webm', 'video/quicktime']);
		expect(items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	});

	it('refuses a caption over 2,200 UTF-16 units, naming the field, before any request', async () => {
		const { error } = await publish([binaryItem(mp4(3 * MB))], { title: '😀'.repeat(1101) });
		expect(error?.message).toMatch(/"Title" parameter is 2202 characters \(UTF-16 units\) long: TikTok allows at most 2200/);
		expect(fake.state.requests).toHaveLength(0);
	});

	it('keeps an interaction the creator disabled off, and refuses an explicit request to turn it on', async () => {
		posting(fake).config.creator.comment_disabled = true;
		const { error } = await publish([binaryItem(mp4(3 * MB))], { options: { disableComment: false } });
		expect(error?.message).toMatch(/"Disable Comment" option is off, but this TikTok creator has disabled comment/);
		expect(fake.state.requestsTo(VIDEO_INIT)).toHaveLength(0);

		const { error: second } = await publish([binaryItem(mp4(3 * MB))], { waitForCompletion: false });
		expect(second).toBeUndefined();
		expect((fake.state.requestsTo(VIDEO_INIT)[0].body as { post_info: Record<string, unknown> }).post_info.disable_comment).toBe(true);
	});

	it.each([
		['spam_risk_too_many_posts', 403, /daily cap of posts/],
		['unaudited_client_can_only_post_to_private_accounts', 403, /only post to a private account/],
		['url_ownership_unverified', 403, /verified/],
		['reached_active_user_cap', 403, /active posting users/],
		['spam_risk_user_banned_from_posting', 403, /banned/],
	])('turns the init error %s into a NodeApiError with a hint, without repeating the init', async (code, httpStatus, hint) => {
		fake.state.failNext({ path: VIDEO_INIT, code, httpStatus, message: `TikTok says ${code}` });
		const { error } = await publish([binaryItem(mp4(3 * MB))]);
		expect(error?.message).toBe(`TikTok: TikTok says ${code}`);
		expect((error as NodeApiError).description).toMatch(hint);
		expect(fake.state.requestsTo(VIDEO_INIT)).toHaveLength(1);
		expect(fake.state.requestsTo(UPLOAD)).toHaveLength(0);
	});

	it('does not repeat an init TikTok answered with a server error, and says the post may exist', async () => {
		fake.state.failNext({ path: VIDEO_INIT, code: 'internal_error', httpStatus: 500, message: 'Internal error' });
		const { error } = await publish([binaryItem(mp4(3 * MB))]);
		expect(fake.state.requestsTo(VIDEO_INIT)).toHaveLength(1);
		expect((error as NodeApiError).description).toMatch(/may have started the post anyway.*the init was not repeated/);
	});

	it('sends the init again only after TikTok\'s rate limit (refused before anything happened)', async () => {
		fake.state.failNext({ path: VIDEO_INIT, code: 'rate_limit_exceeded', httpStatus: 429, message: 'Rate limit exceeded.' });
		const { items, error } = await publish([binaryItem(mp4(3 * MB))], { waitForCompletion: false });
		expect(error).toBeUndefined();
		expect(fake.state.requestsTo(VIDEO_INIT)).toHaveLength(2);
		expect(items[0].json.publishId).toMatch(/^v_pub_file~/);
	});

	it('reports the unaudited-app refusal the fake gives for a public post by an unaudited app', async () => {
		posting(fake).config.audited = false;
		const { error } = await publish([binaryItem(mp4(3 * MB))]);
		expect(error?.message).toMatch(/Unaudited clients can only post to a private account/);
		expect((error as NodeApiError).description).toMatch(/Only Me/);
	});

	it('refuses an http or unverified-looking URL early, and reports TikTok\'s url_ownership_unverified with how to verify', async () => {
		const { error } = await publish(undefined, { source: 'url', videoUrl: 'http://media.example.com/clip.mp4' });
		expect(error?.message).toMatch(/"Video URL" parameter must be an https URL/);
		expect(fake.state.requests).toHaveLength(0);
		const { error: unverified } = await publish(undefined, { source: 'url', videoUrl: 'https://elsewhere.example.net/clip.mp4' });
		expect(unverified?.message).toMatch(/verify the ownership/);
		expect((unverified as NodeApiError).description).toMatch(/URL properties/);
	});

	it('resends the same range when a chunk gets a 5xx, and completes', async () => {
		posting(fake).config.chunkFaults = [{ index: 1, status: 503, times: 1 }];
		const file = mp4(11 * MB);
		const { items, error } = await publish([binaryItem(file)], { waitForCompletion: false });
		expect(error).toBeUndefined();
		const ranges = fake.state.requestsTo(UPLOAD, 'PUT').map((p) => p.headers['content-range']);
		const half = Math.floor(file.length / 2);
		expect(ranges).toEqual([`bytes 0-${half - 1}/${file.length}`, `bytes ${half}-${file.length - 1}/${file.length}`, `bytes ${half}-${file.length - 1}/${file.length}`]);
		expect(uploads(fake)[0].sha256).toBe(sha256(file));
		expect(items[0].json.bytesSent).toBe(file.length);
		expect(fake.state.requestsTo(VIDEO_INIT)).toHaveLength(1);
	});

	// UNCONFIRMED (contract §9.9): whether {UPLOADED_BYTES} in TikTok's progress header is the last byte index or a count.
	it.each(['lastByte', 'count'])('moves on when a chunk arrived but its answer was lost (progress header as %s)', async (style) => {
		posting(fake).config.progressStyle = style;
		posting(fake).config.chunkFaults = [{ index: 0, status: 502, times: 1, applied: true }];
		const file = mp4(10 * MB + 123);
		const { error } = await publish([binaryItem(file)], { waitForCompletion: false });
		expect(error).toBeUndefined();
		const upload = uploads(fake)[0];
		expect(upload.complete).toBe(true);
		expect(upload.sha256).toBe(sha256(file));
		expect(fake.state.requestsTo(UPLOAD, 'PUT')).toHaveLength(3);
		expect(fake.state.requestsTo(VIDEO_INIT)).toHaveLength(1);
	});

	it('stops sending chunks when the execution is stopped mid-upload (n8n\'s "Stop execution")', async () => {
		fake.state.latencyMs = 150;
		const file = mp4(30 * MB);
		const chunkPuts = () => fake.state.requestsTo(UPLOAD, 'PUT').length;
		let stopped = 0;
		const { run } = await runTikTokNode({
			parameters: { resource: 'post', operation: 'publishVideo', privacyLevel: 'PUBLIC_TO_EVERYONE' },
			credentials: [credential()],
			input: [binaryItem(file)],
			onStarted: (cancel) => {
				const poll = setInterval(() => {
					if (chunkPuts() < 2) return;
					clearInterval(poll);
					stopped = chunkPuts();
					cancel();
				}, 5);
			},
		});
		expect(run.status).toBe('canceled');
		// Long enough for the other four chunks (150 ms each) and a status check, had the node gone on.
		await new Promise((r) => setTimeout(r, 1200));
		const [upload] = uploads(fake);
		expect(upload.totalChunkCount).toBe(6);
		expect(stopped).toBeGreaterThanOrEqual(2);
		expect(stopped).toBeLessThan(6);
		// The chunk in flight when the stop came is aborted; none is started after it.
		expect(chunkPuts()).toBe(stopped);
		expect(upload.complete).toBeFalsy();
		expect(fake.state.requestsTo(STATUS)).toHaveLength(0);
		expect(fake.state.requestsTo(VIDEO_INIT)).toHaveLength(1);
	});

	it('stops with an error (and never repeats the init) when the upload URL has expired', async () => {
		posting(fake).config.chunkFaults = [{ index: 0, status: 403, times: 1 }];
		const { error } = await publish([binaryItem(mp4(6 * MB))]);
		expect(error?.message).toMatch(/the upload URL has expired/);
		expect((error as NodeApiError).description).toMatch(/expired \(TikTok allows one hour\)/);
		expect(fake.state.requestsTo(UPLOAD, 'PUT')).toHaveLength(1);
		expect(fake.state.requestsTo(VIDEO_INIT)).toHaveLength(1);
	});

	it('never sends the video to an upload URL outside TikTok\'s hosts', async () => {
		posting(fake).config.uploadUrlBase = 'http://127.0.0.1:9';
		const { error } = await publish([binaryItem(mp4(3 * MB))]);
		expect(error?.message).toMatch(/upload URL the node will not send the video to: host 127\.0\.0\.1:9 is not a TikTok upload host/);
		expect(fake.state.requestsTo(UPLOAD)).toHaveLength(0);
	});

	it('with continueOnFail, a bad item becomes an error item paired to it and the others still post', async () => {
		const { items, error } = await publish([binaryItem(png(1000), { fileName: 'x.mp4' }), binaryItem(mp4(3 * MB))], { waitForCompletion: false }, true);
		expect(error).toBeUndefined();
		expect(items[0].json.error).toMatch(/not an MP4, WebM or MOV video/);
		expect(items[0].pairedItem).toEqual({ item: 0 });
		expect(items[1].json.publishId).toMatch(/^v_pub_file~/);
		expect(items[1].pairedItem).toEqual({ item: 1 });
	});
});

describe('post.uploadVideoDraft, post.publishPhotos, post.getStatus', () => {
	const fake = useFake({}, { reset: (f) => posting(f).reset() });
	const credential = () => developersCredential(fake, { scopes: SCOPES });
	const run = (parameters: Record<string, unknown>, input?: INodeExecutionData[]) =>
		runTikTokNode({ parameters: { resource: 'post', ...parameters }, credentials: [credential()], input });

	it('sends a binary video to the inbox, waits for SEND_TO_USER_INBOX and says to finish in the app', async () => {
		const file = mp4(7 * MB);
		const { items, error } = await run({ operation: 'uploadVideoDraft' }, [binaryItem(file)]);
		expect(error).toBeUndefined();
		const body = fake.state.requestsTo(INBOX_INIT)[0].body as Record<string, unknown>;
		// floor(7 MB / 5 MB) = 1 chunk: the whole file.
		expect(body).toEqual({ source_info: { source: 'FILE_UPLOAD', video_size: file.length, chunk_size: 7 * MB, total_chunk_count: 1 } });
		expect(fake.state.requestsTo(CREATOR)).toHaveLength(0);
		expect(uploads(fake)[0].sha256).toBe(sha256(file));
		expect(items[0].json).toMatchObject({ status: 'SEND_TO_USER_INBOX', source: 'FILE_UPLOAD' });
		expect(items[0].json.nextStep).toMatch(/open the TikTok app, tap the inbox notification/);
	});

	it('reports TikTok\'s pending-share cap with a hint', async () => {
		for (let i = 0; i < 5; i++) {
			const { error } = await run({ operation: 'uploadVideoDraft', source: 'url', videoUrl: `https://media.example.com/d${i}.mp4`, waitForCompletion: false });
			expect(error).toBeUndefined();
		}
		// The fake limits inits to 6 a minute per token: each run above used a fresh token.
		const { error } = await run({ operation: 'uploadVideoDraft', source: 'url', videoUrl: 'https://media.example.com/d6.mp4' });
		expect((error as NodeApiError).description).toMatch(/at most 5 pending shares/);
	});

	it('posts photos with media_type PHOTO, their URLs, cover index and privacy', async () => {
		const { items, error } = await run({
			operation: 'publishPhotos',
			photoUrls: 'https://media.example.com/p/1.jpg\nhttps://media.example.com/p/2.jpg, https://media.example.com/p/3.webp',
			coverIndex: 2,
			title: 'Three shots',
			description: 'Behind the scenes #studio',
			privacyLevel: 'PUBLIC_TO_EVERYONE',
			options: { autoAddMusic: true },
		});
		expect(error).toBeUndefined();
		const body = fake.state.requestsTo(CONTENT_INIT)[0].body as Record<string, unknown>;
		expect(body).toEqual({
			media_type: 'PHOTO',
			post_mode: 'DIRECT_POST',
			post_info: {
				title: 'Three shots',
				description: 'Behind the scenes #studio',
				privacy_level: 'PUBLIC_TO_EVERYONE',
				disable_comment: false,
				auto_add_music: true,
				brand_content_toggle: false,
				brand_organic_toggle: false,
			},
			source_info: {
				source: 'PULL_FROM_URL',
				photo_cover_index: 2,
				photo_images: ['https://media.example.com/p/1.jpg', 'https://media.example.com/p/2.jpg', 'https://media.example.com/p/3.webp'],
			},
		});
		expect(items[0].json).toMatchObject({ status: 'PUBLISH_COMPLETE', photoCount: 3, postMode: 'DIRECT_POST' });
	});

	it('sends photos to the inbox (MEDIA_UPLOAD) without creator checks or privacy', async () => {
		const { items, error } = await run({ operation: 'publishPhotos', photoUrls: ['https://media.example.com/p/1.jpg'], postMode: 'MEDIA_UPLOAD' });
		expect(error).toBeUndefined();
		expect(fake.state.requestsTo(CREATOR)).toHaveLength(0);
		expect((fake.state.requestsTo(CONTENT_INIT)[0].body as Record<string, unknown>).post_info).toEqual({});
		expect(items[0].json.status).toBe('SEND_TO_USER_INBOX');
	});

	it.each([
		[{ photoUrls: ' ,\n, ' }, /"Photo URLs" parameter has 0 URLs: TikTok accepts 1 to 35 photos/],
		[{ photoUrls: Array.from({ length: 36 }, (_, i) => `https://media.example.com/${i}.jpg`) }, /has 36 URLs/],
		[{ photoUrls: 'https://media.example.com/1.jpg', coverIndex: 1 }, /"Cover Index" parameter must be a whole number from 0 to 0/],
		[{ photoUrls: 'https://media.example.com/1.jpg', title: 'x'.repeat(91) }, /"Title" parameter is 91 characters/],
	])('refuses bad photo input before any request (%#)', async (parameters, message) => {
		const { error } = await run({ operation: 'publishPhotos', ...parameters });
		expect(error?.message).toMatch(message);
		expect(fake.state.requests).toHaveLength(0);
	});

	it('gets a post\'s status by publish ID, and explains an unknown one', async () => {
		const { items } = await run({ operation: 'uploadVideoDraft', source: 'url', videoUrl: 'https://media.example.com/x.mp4', waitForCompletion: false });
		const publishId = String(items[0].json.publishId);
		const { items: status } = await run({ operation: 'getStatus', publishId });
		expect(status[0].json).toMatchObject({ publishId, status: 'PROCESSING_DOWNLOAD', postIds: [] });
		const { error } = await run({ operation: 'getStatus', publishId: 'v_pub_url~v2.1' });
		expect((error as NodeApiError).description).toMatch(/TikTok does not know this Publish ID/);
		const { error: bad } = await run({ operation: 'getStatus', publishId: 'not a publish id!' });
		expect(bad?.message).toMatch(/"Publish ID" parameter is not a TikTok publish ID/);
	});
});

describe('user.get and user.getCreatorInfo', () => {
	const fake = useFake({}, { reset: (f) => posting(f).reset() });

	it('gets the profile simplified, asking only for the fields of the granted scopes', async () => {
		const { items, error } = await runTikTokNode({
			parameters: { resource: 'user', operation: 'get' },
			credentials: [developersCredential(fake, { scopes: ['user.info.basic', 'user.info.stats', 'video.publish'] })],
		});
		expect(error).toBeUndefined();
		const fields = fake.state.requestsTo('/v2/user/info/')[0].query.fields.split(',');
		expect(fields).toContain('follower_count');
		expect(fields).not.toContain('username');
		// Simplify asks TikTok only for the simple fields (server-side, the README's Simplify rule).
		expect(fields).not.toContain('union_id');
		expect(fields).not.toContain('avatar_large_url');
		expect(items[0].json).toEqual({ open_id: '-000fake-open-id-0001', display_name: 'Fake Creator', avatar_url: 'https://p16.tiktokcdn.example/avatar.jpeg', follower_count: 1234, following_count: 56, likes_count: 7890, video_count: 45 });
	});

	it('returns every field TikTok sends with Simplify off', async () => {
		const { items } = await runTikTokNode({
			parameters: { resource: 'user', operation: 'get', simplify: false },
			credentials: [developersCredential(fake, { scopes: SCOPES })],
		});
		expect(Object.keys(items[0].json)).toHaveLength(14);
		expect(fake.state.requestsTo('/v2/user/info/')[0].query.fields.split(',')).toContain('union_id');
	});

	it('gets the creator info as TikTok returns it', async () => {
		const { items, error } = await runTikTokNode({
			parameters: { resource: 'user', operation: 'getCreatorInfo' },
			credentials: [developersCredential(fake, { scopes: SCOPES })],
		});
		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({ creator_username: 'fakecreator', privacy_level_options: ['PUBLIC_TO_EVERYONE', 'MUTUAL_FOLLOW_FRIENDS', 'SELF_ONLY'], max_video_post_duration_sec: 300 });
	});
});

describe('planChunks: TikTok\'s chunk rules for every size', () => {
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const { planChunks, chunkRange } = require('../../dist/nodes/TikTok/transport/upload') as typeof import('../../nodes/TikTok/transport/upload');

	it.each([
		[1, 5],
		[5 * MB - 1, 5],
		[5 * MB, 5],
		[12 * MB, 5],
		[64 * MB, 64],
		[64 * MB + 1, 64],
		[300 * MB, 5],
		[300 * MB + 12345, 64],
		[1000 * 5 * MB + 999, 5],
		[4096 * MB, 5],
		[4096 * MB, 64],
	])('%d bytes with %d MB chunks', (size, chunkMb) => {
		const plan = planChunks(size, chunkMb * MB);
		expect(plan.totalChunkCount).toBe(Math.floor(size / plan.chunkSize));
		expect(plan.totalChunkCount).toBeGreaterThanOrEqual(1);
		expect(plan.totalChunkCount).toBeLessThanOrEqual(1000);
		if (size < 5 * MB) expect(plan).toEqual({ videoSize: size, chunkSize: size, totalChunkCount: 1 });
		if (size > 64 * MB) expect(plan.totalChunkCount).toBeGreaterThan(1);
		const last = chunkRange(plan, plan.totalChunkCount - 1);
		expect(last.last).toBe(size - 1);
		if (plan.totalChunkCount > 1) {
			expect(plan.chunkSize).toBeGreaterThanOrEqual(5 * MB);
			expect(plan.chunkSize).toBeLessThanOrEqual(64 * MB);
			expect(last.length).toBeLessThanOrEqual(128 * MB);
			// The last chunk carries fewer than `count` trailing bytes: memory stays at about one chunk.
			expect(last.length - plan.chunkSize).toBeLessThan(plan.totalChunkCount);
		}
	});
});

describe('post IDs: TikTok types them int64 (UNCONFIRMED whether sent as JSON numbers or strings)', () => {
	const fake = useFake({}, { reset: (f) => posting(f).reset() });

	it.each(['string', 'number'])('outputs the exact 19-digit post ID when TikTok sends it as a %s', async (postIdAs) => {
		posting(fake).config.postIdAs = postIdAs;
		const { items, error } = await runTikTokNode({
			parameters: { resource: 'post', operation: 'publishVideo', source: 'url', videoUrl: 'https://media.example.com/a.mp4', privacyLevel: 'PUBLIC_TO_EVERYONE' },
			credentials: [developersCredential(fake, { scopes: SCOPES })],
		});
		expect(error).toBeUndefined();
		// The fake's first post ID: 7400000000000000001 (not representable as a JavaScript number).
		expect(items[0].json.postId).toBe('7400000000000000001');
		expect(items[0].json.postIds).toEqual(['7400000000000000001']);
	});
});
