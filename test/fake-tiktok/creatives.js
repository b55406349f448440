'use strict';
// The ad account's creative library (docs/tiktok-contract.md §19.1; BUBUBA model/file/image/ad_upload.go,
// model/file/video/ad_upload.go, model/file/name_check.go, model/file/{image,video}/ad_search.go; TikTok's SDK
// FileApi.md): multipart `POST /file/image/ad/upload/` and `/file/video/ad/upload/` (UPLOAD_BY_FILE), the MD5
// signature checked against the bytes (40900), names unique per ad account (40911), documented formats and sizes
// (40908, 40907); `GET /file/name/check/`; `GET /file/image/ad/search/` and `/file/video/ad/search/`.
// Every upload is recorded in `state.creativeUploads` (fields and file facts, not the bytes) for tests.
// Switch (open point): `state.contract.videoSignatureRequired` — TikTok's SDK lists `video_signature`, bububa does not
// send it: false (default) takes a video without it, true refuses one. A signature that is sent is always checked.
const crypto = require('node:crypto');

const { BusinessError, advertiserParam, businessRoute, jsonParam, paginate } = require('./business');
const { tikTokTime } = require('./data');
const { parseMultipart } = require('./music');

const MAX_IMAGE_BYTES = 50 * 1024 * 1024;
const MAX_IMAGE_PIXELS = 3686400;
const MAX_VIDEO_BYTES = 500 * 1024 * 1024;

function imageInfo(data) {
	if (data.length >= 24 && data.readUInt32BE(0) === 0x89504e47 && data.slice(12, 16).toString('latin1') === 'IHDR') {
		return { format: 'png', width: data.readUInt32BE(16), height: data.readUInt32BE(20) };
	}
	if (data.length >= 3 && data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff) {
		let offset = 2;
		while (offset + 9 < data.length && data[offset] === 0xff) {
			const marker = data[offset + 1];
			const length = data.readUInt16BE(offset + 2);
			if (marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker)) {
				return { format: 'jpeg', height: data.readUInt16BE(offset + 5), width: data.readUInt16BE(offset + 7) };
			}
			offset += 2 + length;
		}
		return { format: 'jpeg', width: 0, height: 0 };
	}
	return undefined;
}

function videoFormat(data) {
	const text = (start, end) => data.slice(start, end).toString('latin1');
	if (['ftyp', 'moov', 'mdat', 'wide', 'free'].includes(text(4, 8))) return text(8, 12) === 'qt  ' ? 'mov' : 'mp4';
	if (text(0, 4) === 'RIFF' && text(8, 12) === 'AVI ') return 'avi';
	if (data.length >= 4 && data[0] === 0 && data[1] === 0 && data[2] === 1 && (data[3] === 0xba || data[3] === 0xb3)) return 'mpeg';
	return undefined;
}

function register(app) {
	const { state } = app;
	state.creativeUploads = [];
	state.world.libraryImages = [];
	state.world.libraryVideos = [];
	let serial = 0;

	const nameTaken = (advertiserId, fileType, name) =>
		(fileType === 'IMAGE' ? state.world.libraryImages : state.world.libraryVideos).find((f) => f.advertiser_id === advertiserId && f.file_name === name);

	/** The multipart checks both uploads share; returns the advertiser, the file, its MD5 and its name. */
	function readUpload(ctx, grant, { fileField, signatureField, fileType, signatureRequired }) {
		const form = parseMultipart(ctx.contentType, ctx.rawBody);
		if (!form) throw new BusinessError(40002, `${fileField}: The request must be multipart/form-data.`);
		const { fields, files } = form;
		const advertiserId = advertiserParam(ctx, grant, fields.advertiser_id);
		const uploadType = fields.upload_type ?? 'UPLOAD_BY_FILE';
		if (!['UPLOAD_BY_FILE', 'UPLOAD_BY_URL', 'UPLOAD_BY_FILE_ID', 'UPLOAD_BY_VIDEO_ID'].includes(uploadType)) {
			throw new BusinessError(40002, 'upload_type: Not a valid choice.');
		}
		if (uploadType !== 'UPLOAD_BY_FILE') throw new BusinessError(40002, `The fake serves UPLOAD_BY_FILE only (got ${uploadType}).`);
		const file = files[fileField];
		if (!file) throw new BusinessError(40002, `${fileField}: Missing data for required field.`);
		const md5 = crypto.createHash('md5').update(file.data).digest('hex');
		const record = { advertiserId, fields: { ...fields }, file: { filename: file.filename, contentType: file.contentType, size: file.data.length, md5 } };
		state.creativeUploads.push(record);
		const signature = fields[signatureField];
		if (signature === undefined && signatureRequired) throw new BusinessError(40002, `${signatureField}: Missing data for required field.`);
		if (signature !== undefined && String(signature).toLowerCase() !== md5) {
			throw new BusinessError(40900, `The file signature does not match the file (${signatureField} must be the MD5 of ${fileField}).`);
		}
		const name = fields.file_name ?? file.filename;
		if (!name || [...name].length > 100) throw new BusinessError(40002, 'file_name: Length must be between 1 and 100.');
		if (nameTaken(advertiserId, fileType, name)) {
			throw new BusinessError(40911, `Duplicated material name: ${name}. Please rename the file or add a timestamp.`);
		}
		return { advertiserId, file, md5, name, record };
	}

	businessRoute(app, 'POST', '/file/image/ad/upload/', (ctx, grant) => {
		const { advertiserId, file, md5, name, record } = readUpload(ctx, grant, {
			fileField: 'image_file',
			signatureField: 'image_signature',
			fileType: 'IMAGE',
			signatureRequired: true,
		});
		const info = imageInfo(file.data);
		if (!info) throw new BusinessError(40908, 'The image format is not supported. Supported formats: JPG, JPEG, PNG.');
		if (file.data.length >= MAX_IMAGE_BYTES) throw new BusinessError(40907, 'The image is too large.');
		if (info.width * info.height > MAX_IMAGE_PIXELS) throw new BusinessError(40915, 'The image resolution exceeds 3686400 pixels.');
		serial += 1;
		const now = tikTokTime(Date.now());
		const image = {
			advertiser_id: advertiserId,
			image_id: `ad-site-i18n-sg/20261204${String(serial).padStart(8, '0')}`,
			material_id: `72${String(6000000000000000 + serial).padStart(17, '0')}`,
			is_carousel_usable: true,
			displayable: true,
			width: info.width,
			height: info.height,
			format: info.format,
			image_url: `https://p16-sign-sg.tiktokcdn.example/${serial}.${info.format}?x-expires=3600`,
			signature: md5,
			size: file.data.length,
			file_name: name,
			create_time: now,
			modify_time: now,
		};
		state.world.libraryImages.push(image);
		record.imageId = image.image_id;
		const { advertiser_id: _a, ...data } = image;
		return data;
	});

	businessRoute(app, 'POST', '/file/video/ad/upload/', (ctx, grant) => {
		const { advertiserId, file, md5, name, record } = readUpload(ctx, grant, {
			fileField: 'video_file',
			signatureField: 'video_signature',
			fileType: 'VIDEO',
			signatureRequired: state.contract?.videoSignatureRequired === true,
		});
		const format = videoFormat(file.data);
		if (!format) throw new BusinessError(40908, 'The video format is not supported. Supported formats: mp4, mov, mpeg, avi.');
		if (file.data.length > MAX_VIDEO_BYTES) throw new BusinessError(40907, 'The video is too large.');
		serial += 1;
		const now = tikTokTime(Date.now());
		const video = {
			advertiser_id: advertiserId,
			video_id: `v10033g50000ct${String(serial).padStart(10, '0')}`,
			material_id: `73${String(7000000000000000 + serial).padStart(17, '0')}`,
			displayable: true,
			width: 1080,
			height: 1920,
			bit_rate: 2000000,
			duration: 15,
			format,
			signature: md5,
			size: file.data.length,
			file_name: name,
			video_cover_url: `https://p16-sign-sg.tiktokcdn.example/cover/${serial}.jpg?x-expires=21600`,
			preview_url: `https://v16m.tiktokcdn.example/${serial}.mp4?x-expires=21600`,
			allowed_placements: ['PLACEMENT_TIKTOK', 'PLACEMENT_PANGLE'],
			allow_download: true,
			create_time: now,
			modify_time: now,
		};
		state.world.libraryVideos.push(video);
		record.videoId = video.video_id;
		const { advertiser_id: _a, ...data } = video;
		// A list of one video (BUBUBA ad_upload.go AdUploadResponse `Data []Video`).
		return [data];
	});

	businessRoute(app, 'GET', '/file/name/check/', (ctx, grant) => {
		const advertiserId = advertiserParam(ctx, grant);
		const one = (fileName, fileType = 'VIDEO') => {
			if (!['VIDEO', 'IMAGE'].includes(fileType)) throw new BusinessError(40002, 'file_type: Must be one of VIDEO, IMAGE.');
			if (!fileName) throw new BusinessError(40002, 'file_name: Missing data for required field.');
			const taken = nameTaken(advertiserId, fileType, fileName);
			return { file_name: fileName, duplicate: Boolean(taken), ...(taken ? { duplicate_template_id: taken.material_id } : {}) };
		};
		const files = jsonParam(ctx, 'files', { type: 'array' });
		if (files) {
			if (files.length > 20) throw new BusinessError(40002, 'files: At most 20.');
			return { batch_results: files.map((f) => one(f.file_name, f.file_type)) };
		}
		return one(ctx.query.file_name, ctx.query.file_type);
	});

	for (const [path, collection, idsKey] of [
		['/file/image/ad/search/', 'libraryImages', 'image_ids'],
		['/file/video/ad/search/', 'libraryVideos', 'video_ids'],
	]) {
		businessRoute(app, 'GET', path, (ctx, grant) => {
			const advertiserId = advertiserParam(ctx, grant);
			const filtering = jsonParam(ctx, 'filtering', { type: 'object' }) ?? {};
			let list = state.world[collection].filter((f) => f.advertiser_id === advertiserId);
			if (Array.isArray(filtering.material_ids)) list = list.filter((f) => filtering.material_ids.includes(f.material_id));
			if (Array.isArray(filtering[idsKey])) list = list.filter((f) => filtering[idsKey].includes(f[idsKey.slice(0, -1)]));
			const page = paginate(ctx, list);
			return { list: page.list.map(({ advertiser_id: _a, ...f }) => f), page_info: page.page_info };
		});
	}
}

module.exports = register;
