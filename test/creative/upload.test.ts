/* eslint-disable @n8n/community-nodes/no-restricted-imports -- a test, not node code: its own rules are test/eslint.config.mjs */
// Creative → Upload Image / Upload Video (issue 27): files into the ad account's creative library, through the real
// n8n engine against the strict fake (test/fake-tiktok/creatives.js; docs/tiktok-contract.md §19.1).
import crypto from 'node:crypto';

import type { IBinaryData, IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { runTikTokNode } from '../harness/engine';
import { BUSINESS_PREFIX, businessCredential, useFake } from '../harness/fake';
import type { FakeTikTok } from '../harness/fake';
import { filler, mp4, webm } from '../post/video-fixtures';
import { jpegImage, pngImage } from './image-fixtures';

// After the harness: it sets N8N_USER_FOLDER before n8n-core loads.
/* eslint-disable @typescript-eslint/no-require-imports */
const core = require('n8n-core') as typeof import('n8n-core');
const { Container } = require('@n8n/di') as typeof import('@n8n/di');
/* eslint-enable @typescript-eslint/no-require-imports */

const ADVERTISER = '7000000000000000002';
const IMAGE_UPLOAD = `${BUSINESS_PREFIX}/file/image/ad/upload/`;
const VIDEO_UPLOAD = `${BUSINESS_PREFIX}/file/video/ad/upload/`;
const NAME_CHECK = `${BUSINESS_PREFIX}/file/name/check/`;

/** An error's message and description, as the user reads them. */
const errorText = (error: unknown) => {
	const e = error as { message?: string; description?: string } | undefined;
	return e ? `${e.message ?? ''} ${e.description ?? ''}` : '';
};

const md5 = (buffer: Buffer) => crypto.createHash('md5').update(buffer).digest('hex');

const inMemory = (buffer: Buffer, fileName: string, mimeType: string): INodeExecutionData => ({
	json: {},
	binary: { data: { data: buffer.toString('base64'), mimeType, fileName, bytes: buffer.length } as IBinaryData },
});

type Upload = { advertiserId: string; fields: Record<string, string>; file: { size: number; md5: string; filename: string } };
const uploads = (fake: FakeTikTok) => fake.state.creativeUploads as Upload[];

describe('creative uploads into the library', () => {
	const fake = useFake({}, {
		reset: (f) => {
			(f.state.faults as unknown[]).length = 0;
			uploads(f).length = 0;
			(f.state.world.libraryImages as unknown[]).length = 0;
			(f.state.world.libraryVideos as unknown[]).length = 0;
		},
	});
	const service = Container.get(core.BinaryDataService);
	beforeAll(async () => {
		await service.init();
	});

	const run = (operation: string, input: INodeExecutionData[], options: IDataObject = {}) =>
		runTikTokNode({
			parameters: {
				resource: 'creative',
				operation,
				advertiserId: { __rl: true, mode: 'id', value: ADVERTISER },
				options: options as INodeParameters,
			},
			credentials: [businessCredential(fake)],
			input,
		});

	it('uploads a PNG with its MD5 as image_signature, in one multipart request, and returns the image ID as text', async () => {
		const image = pngImage(1080, 1920);
		const { items, error } = await run('uploadImage', [inMemory(image, 'cover.png', 'image/png')]);
		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({ file_name: 'cover.png', signature: md5(image), width: 1080, height: 1920, format: 'png' });
		expect(typeof items[0].json.image_id).toBe('string');
		expect(typeof items[0].json.material_id).toBe('string');
		expect(fake.state.requestsTo(IMAGE_UPLOAD)).toHaveLength(1);
		expect(fake.state.requestsTo(NAME_CHECK)).toHaveLength(1);
		const [record] = uploads(fake);
		expect(record.fields).toMatchObject({ advertiser_id: ADVERTISER, upload_type: 'UPLOAD_BY_FILE', file_name: 'cover.png', image_signature: md5(image) });
		expect(record.file).toMatchObject({ size: image.length, md5: md5(image), filename: 'cover.png' });
		expect(items[0].pairedItem).toEqual({ item: 0 });
	});

	it('takes a JPEG, names it by the File Name option, and reads its size from the frame header', async () => {
		const image = jpegImage(1200, 628);
		const { items, error } = await run('uploadImage', [inMemory(image, 'IMG_0001.JPG', 'image/jpeg')], { fileName: 'Summer sale 1200x628' });
		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({ file_name: 'Summer sale 1200x628', width: 1200, height: 628, format: 'jpeg' });
	});

	it.each([
		['an image over 3,686,400 pixels', () => pngImage(2000, 2000), /is 2000 × 2000 pixels \(4000000\): TikTok takes at most 3686400 pixels/],
		['a GIF', () => Buffer.concat([Buffer.from('GIF89a'), filler(100)]), /is not a JPEG or PNG image \(its content is a GIF image\)/],
		['a WebP', () => Buffer.concat([Buffer.from('RIFF\u0000\u0000\u0000\u0000WEBP', 'latin1'), filler(100)]), /not a JPEG or PNG image \(its content is a WebP image\)/],
		['an empty file', () => Buffer.alloc(0), /is an empty file: there is nothing to upload/],
	])('refuses %s before any request, naming the field', async (_label, make, message) => {
		const { error } = await run('uploadImage', [inMemory(make(), 'x.png', 'image/png')]);
		expect(errorText(error)).toMatch(message);
		expect(errorText(error)).toMatch(/binary field "data"/);
		expect(fake.state.requests.filter((r) => r.path.startsWith(BUSINESS_PREFIX))).toHaveLength(0);
	});

	it('refuses a stored image n8n records as 60 MB before reading it (TikTok: under 50 MB)', async () => {
		const binary = await service.store({ type: 'execution', workflowId: 'w', executionId: 'e' }, pngImage(100, 100), {
			data: '',
			mimeType: 'image/png',
			fileName: 'big.png',
		} as IBinaryData);
		binary.bytes = 60 * 1024 * 1024;
		const { error } = await run('uploadImage', [{ json: {}, binary: { data: binary } }]);
		expect(errorText(error)).toMatch(/is 60\.0 MB: TikTok takes images under 50\.0 MB/);
		expect(fake.state.requests.filter((r) => r.path.startsWith(BUSINESS_PREFIX))).toHaveLength(0);
	});

	it.each([false, true])(
		'streams a video stored on the filesystem with its MD5 as video_signature (video_signature required by the fake: %s)',
		async (required) => {
			(fake.state.contract as Record<string, unknown>).videoSignatureRequired = required;
			const video = mp4(3 * 1024 * 1024 + 17, { seconds: 15 });
			const binary = await service.store({ type: 'execution', workflowId: 'w', executionId: 'e' }, video, {
				data: '',
				mimeType: 'video/mp4',
				fileName: 'launch.mp4',
			} as IBinaryData);
			expect(binary.id).toMatch(/^filesystem/);
			const { items, error } = await run('uploadVideo', [{ json: {}, binary: { data: binary } }]);
			expect(error).toBeUndefined();
			expect(items[0].json).toMatchObject({ file_name: 'launch.mp4', signature: md5(video), format: 'mp4' });
			expect(String(items[0].json.video_id)).toMatch(/^v10033g/);
			const [record] = uploads(fake);
			expect(record.fields.video_signature).toBe(md5(video));
			expect(record.file).toMatchObject({ size: video.length, md5: md5(video) });
			expect(fake.state.requestsTo(VIDEO_UPLOAD)).toHaveLength(1);
		},
	);

	it('refuses a WebM video (TikTok lists MP4, MOV, MPEG and AVI) before any request', async () => {
		const { error } = await run('uploadVideo', [inMemory(webm(4096, 5), 'clip.webm', 'video/webm')]);
		expect(errorText(error)).toMatch(/is not an MP4, MOV, MPEG or AVI video \(its content is a WebM\/Matroska file\)/);
		expect(fake.state.requestsTo(VIDEO_UPLOAD)).toHaveLength(0);
	});

	it('returns the file already in the library under its name and MD5 instead of uploading it twice', async () => {
		const video = mp4(200_000);
		const first = await run('uploadVideo', [inMemory(video, 'same.mp4', 'video/mp4')]);
		expect(first.error).toBeUndefined();
		expect(first.items[0].json.already_in_library).toBe(false);
		const again = await run('uploadVideo', [inMemory(video, 'same.mp4', 'video/mp4')]);
		expect(again.error).toBeUndefined();
		expect(again.items[0].json).toMatchObject({ video_id: first.items[0].json.video_id, already_in_library: true });
		expect(fake.state.requestsTo(VIDEO_UPLOAD)).toHaveLength(1);
	});

	it('refuses a name another file already has, naming the File Name option, and uploads nothing', async () => {
		expect((await run('uploadImage', [inMemory(pngImage(100, 100, 4096, 1), 'logo.png', 'image/png')])).error).toBeUndefined();
		const { error } = await run('uploadImage', [inMemory(pngImage(100, 100, 4096, 2), 'logo.png', 'image/png')]);
		expect(errorText(error)).toMatch(/The image name "logo.png" is already used by another image in the creative library of advertiser 7000000000000000002/);
		expect(errorText(error)).toMatch(/Set another File Name in Options/);
		expect(fake.state.requestsTo(IMAGE_UPLOAD)).toHaveLength(1);
	});

	it('reports an upload whose answer was lost as maybe uploaded, and a second run returns it without a second upload', async () => {
		(fake.state.faults as unknown[]).push({ kind: 'applyThenFail', path: IMAGE_UPLOAD, mode: '500', count: 1, skip: 0 });
		const image = pngImage(640, 640);
		const first = await run('uploadImage', [inMemory(image, 'lost.png', 'image/png')]);
		expect(errorText(first.error)).toMatch(/TikTok may have uploaded the image "lost.png"/);
		expect(errorText(first.error)).toMatch(/Running the node again is safe/);
		expect(fake.state.requestsTo(IMAGE_UPLOAD)).toHaveLength(1);
		const second = await run('uploadImage', [inMemory(image, 'lost.png', 'image/png')]);
		expect(second.error).toBeUndefined();
		expect(second.items[0].json).toMatchObject({ file_name: 'lost.png', signature: md5(image), already_in_library: true });
		expect(fake.state.requestsTo(IMAGE_UPLOAD)).toHaveLength(1);
	});

	it('refuses a File Name over 100 characters before any request', async () => {
		const { error } = await run('uploadImage', [inMemory(pngImage(10, 10), 'a.png', 'image/png')], { fileName: 'n'.repeat(101) });
		expect(errorText(error)).toMatch(/The "File Name" option is 101 characters long: TikTok takes at most 100/);
		expect(fake.state.requests.filter((r) => r.path.startsWith(BUSINESS_PREFIX))).toHaveLength(0);
	});
});
