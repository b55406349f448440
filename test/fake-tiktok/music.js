'use strict';
// TikTok API for Business music library (reference §1.11): `POST /file/music/upload/` as multipart/form-data with
// `advertiser_id`, `music_file`, `music_signature` (MD5 hex of the file; mismatch → 40900), optional `upload_type`,
// `file_name`, `music_scene`; and `GET /file/music/get/` to list what was uploaded. Every upload is also recorded in
// `state.musicUploads` (fields and file facts, not the bytes) for tests to inspect.
const crypto = require('node:crypto');

const { BusinessError, advertiserParam, businessRoute, jsonParam, paginate } = require('./business');
const { tikTokTime } = require('./data');

const MUSIC_SCENES = ['CREATIVE_ASSET', 'CAROUSEL_ADS', 'CATALOG_CAROUSEL'];
const UPLOAD_TYPES = ['UPLOAD_BY_FILE', 'UPLOAD_BY_FILE_ID'];
/** Sound Kit's cap, applied to CREATIVE_ASSET only under the switch (TikTok documents none); carousel: MP3 ≤ 10 MB. */
const MAX_BYTES = 50 * 1024 * 1024;
const CAROUSEL_MAX_BYTES = 10 * 1024 * 1024;

/**
 * Parses a multipart/form-data body (RFC 7578): `{ fields: {name: text}, files: {name: {filename, contentType, data}} }`.
 * Returns `undefined` when the content type is not multipart or the body is malformed.
 */
function parseMultipart(contentType, raw) {
	const match = /^multipart\/form-data\s*;.*?boundary=(?:"([^"]+)"|([^\s;]+))/i.exec(String(contentType));
	if (!match) return undefined;
	const delimiter = Buffer.from(`--${match[1] ?? match[2]}`);
	const fields = {};
	const files = {};
	let position = raw.indexOf(delimiter);
	if (position === -1) return undefined;
	for (;;) {
		position += delimiter.length;
		// `--` after a delimiter closes the body.
		if (raw.slice(position, position + 2).toString() === '--') return { fields, files };
		if (raw.slice(position, position + 2).toString() !== '\r\n') return undefined;
		position += 2;
		const headerEnd = raw.indexOf('\r\n\r\n', position);
		if (headerEnd === -1) return undefined;
		const headers = {};
		for (const line of raw.slice(position, headerEnd).toString('utf8').split('\r\n')) {
			const colon = line.indexOf(':');
			if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
		}
		const next = raw.indexOf(Buffer.concat([Buffer.from('\r\n'), delimiter]), headerEnd + 4);
		if (next === -1) return undefined;
		const content = raw.slice(headerEnd + 4, next);
		const disposition = headers['content-disposition'] ?? '';
		const name = /\bname="([^"]*)"/i.exec(disposition)?.[1];
		const filename = /\bfilename="([^"]*)"/i.exec(disposition)?.[1];
		if (name !== undefined) {
			if (filename !== undefined) {
				files[name] = { filename, contentType: headers['content-type'] ?? 'application/octet-stream', data: content };
			} else {
				fields[name] = content.toString('utf8');
			}
		}
		position = next + 2;
	}
}

/** The audio type of the bytes by signature (what TikTok's 40908 "unsupported type" is about). */
function audioType(data) {
	const text = (start, end) => data.slice(start, end).toString('latin1');
	if (text(0, 4) === 'RIFF' && text(8, 12) === 'WAVE') return 'wav';
	let offset = 0;
	if (text(0, 3) === 'ID3' && data.length >= 10) {
		offset = 10 + (((data[6] & 0x7f) << 21) | ((data[7] & 0x7f) << 14) | ((data[8] & 0x7f) << 7) | (data[9] & 0x7f));
		while (offset < data.length && data[offset] === 0) offset++;
	}
	if (text(offset, offset + 4) === 'fLaC') return 'flac';
	if (data[offset] === 0xff && (data[offset + 1] & 0xe0) === 0xe0 && ((data[offset + 1] >> 1) & 3) !== 0) return 'mp3';
	return undefined;
}

function register(app) {
	const { state } = app;
	state.musicUploads = [];
	state.world.musics = [];

	businessRoute(app, 'POST', '/file/music/upload/', (ctx, grant) => {
		// Without a file (carousel likes, or a file uploaded before) TikTok takes a JSON body.
		if (String(ctx.contentType).includes('application/json')) return jsonUpload(ctx, grant);
		const form = parseMultipart(ctx.contentType, ctx.rawBody);
		if (!form) throw new BusinessError(40002, 'music_file: The request must be multipart/form-data.');
		const { fields, files } = form;
		const advertiserId = advertiserParam(ctx, grant, fields.advertiser_id);
		const uploadType = fields.upload_type ?? 'UPLOAD_BY_FILE';
		if (!UPLOAD_TYPES.includes(uploadType)) throw new BusinessError(40002, `upload_type: Must be one of: ${UPLOAD_TYPES.join(', ')}.`);
		if (uploadType !== 'UPLOAD_BY_FILE') throw new BusinessError(40002, 'file_id: Missing data for required field.');
		const musicScene = fields.music_scene ?? 'CREATIVE_ASSET';
		if (!MUSIC_SCENES.includes(musicScene)) throw new BusinessError(40002, `music_scene: Must be one of: ${MUSIC_SCENES.join(', ')}.`);
		const file = files.music_file;
		if (!file) throw new BusinessError(40002, 'music_file: Missing data for required field.');
		if (!fields.music_signature) throw new BusinessError(40002, 'music_signature: Missing data for required field.');
		const md5 = crypto.createHash('md5').update(file.data).digest('hex');
		const record = {
			advertiserId,
			fields: { ...fields },
			file: { filename: file.filename, contentType: file.contentType, size: file.data.length, md5 },
		};
		state.musicUploads.push(record);
		if (String(fields.music_signature).toLowerCase() !== md5) {
			throw new BusinessError(40900, 'The file signature does not match the file (music_signature must be the MD5 of music_file).');
		}
		const fileName = fields.file_name ?? file.filename;
		if (!fileName || fileName.length > 100) throw new BusinessError(40002, 'file_name: Length must be between 1 and 100.');
		const type = audioType(file.data);
		if (musicScene !== 'CREATIVE_ASSET') {
			// Documented: carousel music is MP3 only, up to 10 MB.
			if (type !== 'mp3') throw new BusinessError(40908, 'Only mp3 files are supported for carousel music.');
			if (file.data.length > CAROUSEL_MAX_BYTES) throw new BusinessError(40907, 'The file is too large.');
		} else if (state.contract?.creativeAssetSoundKitLimits) {
			// The other reading (switch): the retired Sound Kit's "mp3, wav, flac under 50 MB" applies here too.
			if (!type) throw new BusinessError(40908, 'The file type is not supported. Supported types: mp3, wav, flac.');
			if (file.data.length >= MAX_BYTES) throw new BusinessError(40907, 'The file is too large.');
		}

		const now = tikTokTime(Date.now());
		const musicId = `69${String(8000000000000000 + state.world.musics.length + 1).padStart(17, '0')}`;
		const music = {
			advertiser_id: advertiserId,
			music_id: musicId,
			material_id: `71${String(5000000000000000 + state.world.musics.length + 1).padStart(17, '0')}`,
			file_name: fileName,
			signature: md5,
			music_scene: musicScene,
			sources: ['CUSTOM'],
			author: null,
			liked: false,
			cover_url: null,
			url: `https://sf16-music.tiktokcdn.example/obj/${musicId}.${type ?? 'bin'}?x-expires=43200`,
			duration: null,
			style: null,
			copyright: 'OWNED',
			create_time: now,
			modify_time: now,
		};
		state.world.musics.push(music);
		record.musicId = musicId;
		const { advertiser_id: _omit, music_scene: _scene, ...data } = music;
		return data;
	});

	/** JSON form: `material_action` on a carousel scene (like / unlike / history), or `UPLOAD_BY_FILE_ID`. */
	function jsonUpload(ctx, grant) {
		const body = ctx.body ?? {};
		if (body.__invalidJson !== undefined) throw new BusinessError(40002, 'The request body is not valid JSON.');
		const advertiserId = advertiserParam(ctx, grant, body.advertiser_id === undefined ? undefined : String(body.advertiser_id));
		const musicScene = body.music_scene ?? 'CREATIVE_ASSET';
		if (!MUSIC_SCENES.includes(musicScene)) throw new BusinessError(40002, `music_scene: Must be one of: ${MUSIC_SCENES.join(', ')}.`);
		if (body.material_action !== undefined) {
			const actions = ['ADD_TO_LIKED', 'ADD_TO_HISTORY', 'REMOVE_FROM_LIKED'];
			if (!actions.includes(body.material_action)) throw new BusinessError(40002, `material_action: Must be one of: ${actions.join(', ')}.`);
			if (musicScene === 'CREATIVE_ASSET') throw new BusinessError(40002, 'material_action is only supported for carousel music scenes.');
			const music = state.world.musics.find((m) => m.advertiser_id === advertiserId && m.material_id === String(body.material_id));
			if (!music) throw new BusinessError(40007, `material_id ${body.material_id} does not exist.`);
			if (body.material_action === 'ADD_TO_LIKED') music.liked = true;
			if (body.material_action === 'REMOVE_FROM_LIKED') music.liked = false;
			music.modify_time = tikTokTime(Date.now());
			const { advertiser_id: _a, music_scene: _s, ...data } = music;
			return data;
		}
		if (body.upload_type !== 'UPLOAD_BY_FILE_ID') throw new BusinessError(40002, 'music_file: Missing data for required field.');
		if (!body.file_id) throw new BusinessError(40002, 'file_id: Missing data for required field.');
		throw new BusinessError(40007, `file_id ${body.file_id} does not exist.`);
	}

	businessRoute(app, 'GET', '/file/music/get/', (ctx, grant) => {
		const advertiserId = advertiserParam(ctx, grant);
		const filtering = jsonParam(ctx, 'filtering', { type: 'object' }) ?? {};
		let musics = state.world.musics.filter((m) => m.advertiser_id === advertiserId);
		if (Array.isArray(filtering.music_ids)) musics = musics.filter((m) => filtering.music_ids.includes(m.music_id));
		const { list, page_info } = paginate(ctx, musics);
		return { musics: list.map(({ advertiser_id: _a, music_scene: _s, ...m }) => m), page_info };
	});
}

module.exports = register;
Object.assign(module.exports, { parseMultipart, audioType });
