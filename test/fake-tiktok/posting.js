'use strict';
// TikTok's Content Posting API (docs/tiktok-contract.md §9): creator info, the three init endpoints (Direct Post video,
// inbox video, photo content), the upload URL (PUT in chunks, checked exactly as the Media Transfer Guide says), the
// post status that moves through the documented states, cancel, and the documented errors on switches.
//
// Controls (not TikTok): POST /__fake/posting/creator (merge creator info fields), POST /__fake/posting/config
// (switches, see `defaults()`), GET /__fake/posting/state (uploads and posts, without bytes).
const crypto = require('node:crypto');

const { now: clockNow } = require('./clock');

const { developersRoute, v2Error, v2Ok } = require('./developers');

const MB = 1024 * 1024;
const PRIVACY_LEVELS = ['PUBLIC_TO_EVERYONE', 'MUTUAL_FOLLOW_FRIENDS', 'FOLLOWER_OF_CREATOR', 'SELF_ONLY'];
const VIDEO_TYPES = ['video/mp4', 'video/quicktime', 'video/webm'];
const UPLOAD_PATH = '/upload/video/';

function defaults() {
	return {
		creator: {
			creator_avatar_url: 'https://p16.tiktokcdn.example/avatar.jpeg',
			creator_username: 'fakecreator',
			creator_nickname: 'Fake Creator',
			privacy_level_options: ['PUBLIC_TO_EVERYONE', 'MUTUAL_FOLLOW_FRIENDS', 'SELF_ONLY'],
			comment_disabled: false,
			duet_disabled: false,
			stitch_disabled: false,
			max_video_post_duration_sec: 300,
		},
		/** An audited app may post publicly; an unaudited one only SELF_ONLY (403 unaudited_client_…). */
		audited: true,
		/** Verified URL prefixes / domains for PULL_FROM_URL (403 url_ownership_unverified otherwise). */
		verifiedPrefixes: ['https://media.example.com/'],
		verifiedDomains: ['verified.example.org'],
		/** Status fetches spent in PROCESSING_* before the final state. */
		processingSteps: 1,
		/** `fail_reason` the next post ends with (FAILED), or null. */
		failNextPost: null,
		/**
		 * UNCONFIRMED (contract §9.9): what `{UPLOADED_BYTES}` in the upload answer's `Content-Range: bytes 0-{N}/{total}`
		 * means: 'lastByte' (the last byte index received, HTTP style) or 'count' (the number of bytes received).
		 */
		progressStyle: 'lastByte',
		/**
		 * Chunk faults: `{ index, status, times, applied }` answers chunk `index` with `status` `times` times; with
		 * `applied: true` the chunk is stored anyway (the answer was lost on the way back).
		 */
		chunkFaults: [],
		/** Per-token request limits per minute (documented): init 6, creator info 20, status 30. */
		enforceRateLimits: true,
		/**
		 * UNCONFIRMED (contract §9.9): `publicaly_available_post_id` is documented as list<int64>; third-party fixtures
		 * show strings. 'string' (default) or 'number' (raw 19-digit JSON numbers).
		 */
		postIdAs: 'string',
		/** Origin of the upload URLs handed out (default: the fake's own); a foreign one tests that the node refuses it. */
		uploadUrlBase: null,
	};
}

function isoBox(type, body) {
	const head = Buffer.alloc(8);
	head.writeUInt32BE(8 + body.length, 0);
	head.write(type, 4, 'latin1');
	return Buffer.concat([head, body]);
}

/** An MP4 of `size` bytes lasting `seconds` (enough structure for content sniffing and duration). */
function sampleMp4(size, seconds) {
	const ftyp = isoBox('ftyp', Buffer.from('isom\0\0\0\0isomiso2avc1mp41', 'latin1'));
	const mvhd = Buffer.alloc(100);
	mvhd.writeUInt32BE(1000, 12);
	mvhd.writeUInt32BE(Math.round(seconds * 1000), 16);
	const moov = isoBox('moov', isoBox('mvhd', mvhd));
	const media = Buffer.alloc(Math.max(0, size - ftyp.length - moov.length - 8));
	for (let i = 0; i < media.length; i++) media[i] = (i * 31 + 7) & 255;
	return Buffer.concat([ftyp, moov, isoBox('mdat', media)]);
}

function publishIdFor(kind) {
	return `${kind}~v2.${crypto.randomInt(100000000, 999999999)}${crypto.randomInt(100, 999)}`;
}

function register(app) {
	const { state } = app;
	const posting = (state.posting = {
		config: defaults(),
		uploads: new Map(), // upload_id → upload
		posts: new Map(), // publish_id → post
		calls: new Map(), // token → { path → [timestamps] }
		nextPostId: 7400000000000000000n,
		reset() {
			posting.config = defaults();
			posting.uploads.clear();
			posting.posts.clear();
			posting.calls.clear();
			posting.nextPostId = 7400000000000000000n;
		},
	});

	const tokenOf = (ctx) => String(ctx.headers.authorization || '').replace(/^Bearer\s+/i, '');
	/** Sliding one-minute window per token and endpoint: true when over `limit`. */
	const overLimit = (ctx, path, limit) => {
		if (!posting.config.enforceRateLimits) return false;
		const token = tokenOf(ctx);
		const byPath = posting.calls.get(token) ?? new Map();
		posting.calls.set(token, byPath);
		// On the transport's clock (clock.js), so a minute a test fast-forwards counts.
		const now = clockNow();
		const times = (byPath.get(path) ?? []).filter((t) => now - t < 60_000);
		times.push(now);
		byPath.set(path, times);
		return times.length > limit;
	};
	const rateLimited = () => v2Error(429, 'rate_limit_exceeded', 'Your request is blocked due to exceeding the API rate limit.');

	developersRoute(app, 'POST', '/v2/post/publish/creator_info/query/', 'video.publish', (ctx) => {
		if (overLimit(ctx, 'creator', 20)) return rateLimited();
		return v2Ok({ ...posting.config.creator });
	});

	const isVerifiedUrl = (value) => {
		let url;
		try {
			url = new URL(String(value));
		} catch {
			return false;
		}
		if (url.protocol !== 'https:') return false;
		const host = url.hostname.toLowerCase();
		if (posting.config.verifiedDomains.some((d) => host === d || host.endsWith(`.${d}`))) return true;
		return posting.config.verifiedPrefixes.some((p) => url.toString().startsWith(p));
	};

	/** Checks `source_info` for a video: the chunk rules of the Media Transfer Guide. Returns an error result or undefined. */
	const checkVideoSource = (info) => {
		if (!info || typeof info !== 'object') return v2Error(400, 'invalid_param', 'source_info is required.');
		if (info.source === 'PULL_FROM_URL') {
			if (typeof info.video_url !== 'string' || !info.video_url) return v2Error(400, 'invalid_param', 'video_url is required for PULL_FROM_URL.');
			if (!isVerifiedUrl(info.video_url)) {
				return v2Error(403, 'url_ownership_unverified', 'To use PULL_FROM_URL as the video transfer method, the developer must verify the ownership of the URL prefix or domain.');
			}
			return undefined;
		}
		if (info.source !== 'FILE_UPLOAD') return v2Error(400, 'invalid_param', 'source must be FILE_UPLOAD or PULL_FROM_URL.');
		const { video_size: size, chunk_size: chunk, total_chunk_count: count } = info;
		if (![size, chunk, count].every((n) => Number.isSafeInteger(n) && n > 0)) {
			return v2Error(400, 'invalid_param', 'video_size, chunk_size and total_chunk_count are required for FILE_UPLOAD.');
		}
		if (size > 4096 * MB) return v2Error(400, 'invalid_param', 'The video is larger than 4 GB.');
		if (size < 5 * MB && (chunk !== size || count !== 1)) {
			return v2Error(400, 'invalid_param', 'Videos under 5 MB must be uploaded whole (chunk_size = video_size, total_chunk_count = 1).');
		}
		if (size >= 5 * MB && (chunk < 5 * MB || chunk > 64 * MB) && !(chunk === size && size <= 64 * MB)) {
			return v2Error(400, 'invalid_param', 'chunk_size must be between 5 MB and 64 MB.');
		}
		if (chunk > size) return v2Error(400, 'invalid_param', 'chunk_size is larger than video_size.');
		if (count !== Math.floor(size / chunk)) return v2Error(400, 'invalid_param', 'total_chunk_count must be video_size / chunk_size rounded down.');
		if (count < 1 || count > 1000) return v2Error(400, 'invalid_param', 'total_chunk_count must be between 1 and 1000.');
		if (size > 64 * MB && count < 2) return v2Error(400, 'invalid_param', 'Videos over 64 MB must be uploaded in chunks.');
		if (size - (count - 1) * chunk > 128 * MB) return v2Error(400, 'invalid_param', 'The final chunk would exceed 128 MB.');
		return undefined;
	};

	const createPost = (ctx, grant, { kind, inbox, postInfo, sourceInfo, mediaType }) => {
		const publishId = publishIdFor(kind);
		const post = {
			publish_id: publishId,
			inbox,
			mediaType,
			source: sourceInfo.source,
			postInfo,
			sourceInfo,
			token: tokenOf(ctx),
			openId: grant.openId,
			uploaded: false,
			steps: 0,
			failReason: posting.config.failNextPost,
			createdAt: Date.now(),
		};
		posting.config.failNextPost = null;
		posting.posts.set(publishId, post);
		const data = { publish_id: publishId };
		if (sourceInfo.source === 'FILE_UPLOAD') {
			const uploadId = String(crypto.randomInt(10000, 99999999));
			const uploadToken = crypto.randomBytes(8).toString('hex');
			posting.uploads.set(uploadId, {
				uploadId,
				uploadToken,
				publishId,
				videoSize: sourceInfo.video_size,
				chunkSize: sourceInfo.chunk_size,
				totalChunkCount: sourceInfo.total_chunk_count,
				received: 0,
				chunks: [],
				hash: crypto.createHash('sha256'),
				sha256: null,
				complete: false,
				expiresAt: Date.now() + 3600_000,
				authorizationSeen: false,
				faults: [],
			});
			data.upload_url = `${posting.config.uploadUrlBase ?? state.url}${UPLOAD_PATH}?upload_id=${uploadId}&upload_token=${uploadToken}`;
		} else {
			post.uploaded = true;
		}
		return v2Ok(data);
	};

	const checkPrivacy = (privacy) => {
		const options = posting.config.creator.privacy_level_options ?? [];
		if (!privacy || !options.includes(privacy)) {
			return v2Error(403, 'privacy_level_option_mismatch', 'privacy_level is not specified or not among the options from the privacy_level_options returned in /publish/creator_info/query/ API.');
		}
		if (!posting.config.audited && privacy !== 'SELF_ONLY') {
			return v2Error(403, 'unaudited_client_can_only_post_to_private_accounts', 'Unaudited clients can only post to a private account.');
		}
		return undefined;
	};

	const pendingShares = (openId) =>
		[...posting.posts.values()].filter((p) => p.inbox && p.openId === openId && Date.now() - p.createdAt < 86_400_000 && !p.final).length;

	developersRoute(app, 'POST', '/v2/post/publish/video/init/', 'video.publish', (ctx, grant) => {
		if (overLimit(ctx, 'init', 6)) return rateLimited();
		const body = ctx.body ?? {};
		const info = body.post_info ?? {};
		if (typeof info.title === 'string' && info.title.length > 2200) return v2Error(400, 'invalid_param', 'title is longer than 2200 UTF-16 runes.');
		if (info.privacy_level !== undefined && !PRIVACY_LEVELS.includes(info.privacy_level)) return v2Error(400, 'invalid_param', 'Invalid privacy_level.');
		const privacyError = checkPrivacy(info.privacy_level);
		if (privacyError) return privacyError;
		const sourceError = checkVideoSource(body.source_info);
		if (sourceError) return sourceError;
		return createPost(ctx, grant, { kind: body.source_info.source === 'FILE_UPLOAD' ? 'v_pub_file' : 'v_pub_url', inbox: false, postInfo: info, sourceInfo: body.source_info, mediaType: 'VIDEO' });
	});

	developersRoute(app, 'POST', '/v2/post/publish/inbox/video/init/', 'video.upload', (ctx, grant) => {
		if (overLimit(ctx, 'init', 6)) return rateLimited();
		const body = ctx.body ?? {};
		const sourceError = checkVideoSource(body.source_info);
		if (sourceError) return sourceError;
		if (pendingShares(grant.openId) >= 5) {
			return v2Error(403, 'spam_risk_too_many_pending_share', 'The daily upload cap from the API is reached for the current user.');
		}
		return createPost(ctx, grant, { kind: body.source_info.source === 'FILE_UPLOAD' ? 'v_inbox_file' : 'v_inbox_url', inbox: true, postInfo: {}, sourceInfo: body.source_info, mediaType: 'VIDEO' });
	});

	// Photos: scope video.publish for DIRECT_POST, video.upload for MEDIA_UPLOAD (checked below, not by the route).
	developersRoute(app, 'POST', '/v2/post/publish/content/init/', undefined, (ctx, grant) => {
		if (overLimit(ctx, 'init', 6)) return rateLimited();
		const body = ctx.body ?? {};
		if (body.media_type !== 'PHOTO') return v2Error(400, 'invalid_param', 'media_type must be PHOTO.');
		if (body.post_mode !== 'DIRECT_POST' && body.post_mode !== 'MEDIA_UPLOAD') return v2Error(400, 'invalid_param', 'post_mode must be DIRECT_POST or MEDIA_UPLOAD.');
		const scope = body.post_mode === 'DIRECT_POST' ? 'video.publish' : 'video.upload';
		if (!grant.scopes.includes(scope)) return v2Error(401, 'scope_not_authorized', `The access_token does not bear user's grant on ${scope} scope.`);
		const info = body.post_info ?? {};
		if (typeof info.title === 'string' && info.title.length > 90) return v2Error(400, 'invalid_param', 'title is longer than 90 UTF-16 runes.');
		if (typeof info.description === 'string' && info.description.length > 4000) return v2Error(400, 'invalid_param', 'description is longer than 4000 UTF-16 runes.');
		const source = body.source_info ?? {};
		if (source.source !== 'PULL_FROM_URL') return v2Error(400, 'invalid_param', 'Only PULL_FROM_URL is allowed for photos.');
		const images = source.photo_images;
		if (!Array.isArray(images) || images.length < 1 || images.length > 35) return v2Error(400, 'invalid_param', 'photo_images must hold 1 to 35 URLs.');
		if (!Number.isInteger(source.photo_cover_index) || source.photo_cover_index < 0 || source.photo_cover_index >= images.length) {
			return v2Error(400, 'invalid_param', 'photo_cover_index is out of range.');
		}
		if (!images.every(isVerifiedUrl)) {
			return v2Error(403, 'url_ownership_unverified', 'To use PULL_FROM_URL as the content transfer method, developer must verify the ownership of the URL prefix or domain.');
		}
		if (body.post_mode === 'DIRECT_POST') {
			const privacyError = checkPrivacy(info.privacy_level);
			if (privacyError) return privacyError;
		} else if (pendingShares(grant.openId) >= 5) {
			return v2Error(403, 'spam_risk_too_many_pending_share', 'The daily upload cap from the API is reached for the current user.');
		}
		return createPost(ctx, grant, { kind: 'p_pub_url', inbox: body.post_mode === 'MEDIA_UPLOAD', postInfo: info, sourceInfo: source, mediaType: 'PHOTO' });
	});

	// The upload URL: PUT in chunks, sequential, each checked against the init's source_info.
	app.route('PUT', UPLOAD_PATH, (ctx) => {
		const upload = posting.uploads.get(String(ctx.query.upload_id));
		if (!upload || upload.uploadToken !== ctx.query.upload_token) return { status: 404, text: 'upload task not found' };
		if (ctx.headers.authorization) upload.authorizationSeen = true;
		if (Date.now() > upload.expiresAt) return { status: 403, text: 'upload_url expired' };
		if (upload.complete) return { status: 416, headers: progressHeader(upload), text: 'upload already complete' };
		const type = String(ctx.headers['content-type'] || '').split(';')[0].trim().toLowerCase();
		const length = Number(ctx.headers['content-length']);
		const range = /^bytes (\d+)-(\d+)\/(\d+)$/.exec(String(ctx.headers['content-range'] || ''));
		if (!VIDEO_TYPES.includes(type) || !Number.isInteger(length) || !range || length !== ctx.rawBody.length) {
			return { status: 400, text: 'malformed headers, or Content-Length does not match the body' };
		}
		const [first, last, total] = range.slice(1).map(Number);
		if (total !== upload.videoSize || last - first + 1 !== length) return { status: 400, text: 'Content-Range does not match the chunk' };
		if (first !== upload.received) return { status: 416, headers: progressHeader(upload), text: 'Content-Range does not reflect the upload progress' };
		const index = upload.chunks.length;
		const isLast = index === upload.totalChunkCount - 1;
		const expected = isLast ? upload.videoSize - first : upload.chunkSize;
		if (length !== expected || first !== index * upload.chunkSize) {
			return { status: 400, text: `chunk ${index + 1} must be ${expected} bytes starting at ${index * upload.chunkSize}` };
		}
		const fault = posting.config.chunkFaults.find((f) => f.index === index && (f.times ?? 1) > 0);
		if (fault && !fault.applied) {
			fault.times = (fault.times ?? 1) - 1;
			upload.faults.push({ index, status: fault.status });
			return { status: fault.status ?? 500, text: 'injected fault' };
		}
		upload.hash.update(ctx.rawBody);
		upload.received += length;
		upload.chunks.push({ first, last, length, contentType: type });
		if (isLast) {
			upload.complete = true;
			upload.sha256 = upload.hash.digest('hex');
			const post = posting.posts.get(upload.publishId);
			if (post) post.uploaded = true;
		}
		if (fault && fault.applied) {
			fault.times = (fault.times ?? 1) - 1;
			upload.faults.push({ index, status: fault.status, applied: true });
			return { status: fault.status ?? 500, text: 'injected fault after storing the chunk' };
		}
		return { status: isLast ? 201 : 206, headers: progressHeader(upload) };
	});

	function progressHeader(upload) {
		const n = posting.config.progressStyle === 'count' ? upload.received : upload.received - 1;
		return { 'content-range': `bytes 0-${Math.max(0, n)}/${upload.videoSize}` };
	}

	// Status: PROCESSING_UPLOAD (until every chunk is in, then `processingSteps` more fetches) or PROCESSING_DOWNLOAD
	// (`processingSteps` fetches), then SEND_TO_USER_INBOX (inbox), PUBLISH_COMPLETE or FAILED.
	developersRoute(app, 'POST', '/v2/post/publish/status/fetch/', undefined, (ctx, grant) => {
		if (!grant.scopes.includes('video.publish') && !grant.scopes.includes('video.upload')) {
			return v2Error(401, 'scope_not_authorized', "The access_token does not bear user's grant on video.upload or video.publish.");
		}
		if (overLimit(ctx, 'status', 30)) return rateLimited();
		const post = posting.posts.get(String(ctx.body?.publish_id ?? ''));
		if (!post) return v2Error(400, 'invalid_publish_id', 'The publish_id does not exist.');
		if (post.openId !== grant.openId) return v2Error(400, 'token_not_authorized_for_specified_publish_id', 'The access_token does not have authorization for this publish_id.');
		const upload = [...posting.uploads.values()].find((u) => u.publishId === post.publish_id);
		const data = { status: '', publicaly_available_post_id: [] };
		if (post.source === 'FILE_UPLOAD') data.uploaded_bytes = upload ? upload.received : 0;
		if (!post.final && post.uploaded) {
			post.steps += 1;
			if (post.steps > posting.config.processingSteps) {
				if (post.failReason) post.final = 'FAILED';
				else if (post.inbox) post.final = 'SEND_TO_USER_INBOX';
				else {
					post.final = 'PUBLISH_COMPLETE';
					// A post ID only for public posts (after moderation, which the fake passes at once).
					if (post.postInfo.privacy_level === 'PUBLIC_TO_EVERYONE') {
						posting.nextPostId += 1n;
						post.postId = String(posting.nextPostId);
					}
				}
			}
		}
		if (post.final) {
			data.status = post.final;
			if (post.final === 'FAILED') data.fail_reason = post.failReason;
			if (post.postId) data.publicaly_available_post_id = [post.postId];
		} else {
			data.status = post.source === 'FILE_UPLOAD' ? 'PROCESSING_UPLOAD' : 'PROCESSING_DOWNLOAD';
		}
		if (post.source === 'PULL_FROM_URL') data.downloaded_bytes = post.final ? 1048576 : 524288;
		if (posting.config.postIdAs === 'number' && data.publicaly_available_post_id.length > 0) {
			// JSON numbers of 19 digits, as an int64 list would be written: built as text (JSON.stringify cannot).
			const ok = v2Ok({ ...data, publicaly_available_post_id: data.publicaly_available_post_id.map((id) => `__int64_${id}`) });
			return { status: 200, headers: { 'content-type': 'application/json; charset=utf-8' }, text: JSON.stringify(ok.json).replace(/"__int64_(\d+)"/g, '$1') };
		}
		return v2Ok(data);
	});

	developersRoute(app, 'POST', '/v2/post/publish/cancel/', undefined, (ctx) => {
		const post = posting.posts.get(String(ctx.body?.publish_id ?? ''));
		if (!post) return v2Error(400, 'invalid_publish_id', 'The publish_id does not exist.');
		if (post.final || post.source !== 'PULL_FROM_URL') return v2Error(400, 'publish_not_cancellable', 'The task is already in a final state.');
		post.final = 'FAILED';
		post.failReason = 'publish_cancelled';
		return { status: 200, json: { error: { code: 'ok', message: '', log_id: 'fake' } } };
	});

	// A sample MP4 to download (e2e, dev): ftyp, moov with an mvhd of `seconds`, filler media data up to `size` bytes.
	app.route('GET', '/__fake/posting/sample.mp4', (ctx) => {
		const video = sampleMp4(Number(ctx.query.size ?? 11 * MB), Number(ctx.query.seconds ?? 20));
		posting.lastSample = { size: video.length, sha256: crypto.createHash('sha256').update(video).digest('hex') };
		return { status: 200, headers: { 'content-type': 'video/mp4', 'content-disposition': 'attachment; filename="sample.mp4"' }, text: video };
	});

	app.route('POST', '/__fake/posting/creator', (ctx) => {
		Object.assign(posting.config.creator, ctx.body ?? {});
		return { status: 200, json: posting.config.creator };
	});
	app.route('POST', '/__fake/posting/config', (ctx) => {
		const { creator, ...rest } = ctx.body ?? {};
		Object.assign(posting.config, rest);
		if (creator) Object.assign(posting.config.creator, creator);
		return { status: 200, json: { ...posting.config } };
	});
	app.route('POST', '/__fake/posting/reset', () => {
		posting.reset();
		return { status: 200, json: { ok: true } };
	});
	app.route('GET', '/__fake/posting/state', () => ({
		status: 200,
		json: {
			posts: [...posting.posts.values()].map(({ token, ...p }) => ({ ...p, token: token ? '(set)' : undefined })),
			uploads: [...posting.uploads.values()].map(({ hash, uploadToken, ...u }) => u),
		},
	}));
}

module.exports = register;
Object.assign(module.exports, { UPLOAD_PATH, defaults, sampleMp4 });
