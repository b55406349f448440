/* eslint-disable @n8n/community-nodes/no-restricted-imports -- a test, not node code: its own rules are test/eslint.config.mjs */
// A video stored outside memory (n8n's filesystem binary mode, the default in 2.x): the node must stream it from n8n's
// binary store chunk by chunk, never asking for the whole buffer.
import type { IBinaryData, INodeExecutionData } from 'n8n-workflow';

import { useFastClock } from '../harness/clock';
import { runTikTokNode } from '../harness/engine';
import { developersCredential, useFake } from '../harness/fake';
import { posting } from './posting-state';
import { MB, mp4, sha256 } from './video-fixtures';

// The transport's waits (backoff, the posting pace of 6 inits a minute per credential, status polls) are fast-forwarded.
useFastClock();

// After the harness: it sets N8N_USER_FOLDER before n8n-core loads.
/* eslint-disable @typescript-eslint/no-require-imports */
const core = require('n8n-core') as typeof import('n8n-core');
const { Container } = require('@n8n/di') as typeof import('@n8n/di');
/* eslint-enable @typescript-eslint/no-require-imports */

const SCOPES = ['user.info.basic', 'video.publish', 'video.upload'];

describe('post.publishVideo with the video stored on the filesystem', () => {
	const fake = useFake({}, { reset: (f) => posting(f).reset() });
	const service = Container.get(core.BinaryDataService);

	beforeAll(async () => {
		await service.init();
	});

	async function storedItem(buffer: Buffer, fileName: string, { dropBytes = false, recordBytes }: { dropBytes?: boolean; recordBytes?: number } = {}): Promise<INodeExecutionData> {
		const binary = await service.store({ type: 'execution', workflowId: 'test-workflow', executionId: 'test-execution' }, buffer, {
			data: '',
			mimeType: 'video/mp4',
			fileName,
		} as IBinaryData);
		expect(binary.id).toMatch(/^filesystem(-v2)?:/);
		if (dropBytes) delete binary.bytes;
		if (recordBytes !== undefined) binary.bytes = recordBytes;
		return { json: {}, binary: { data: binary } };
	}

	it.each([
		['n8n records the size', false],
		['the size comes from the stored file\'s metadata (n8n 1.x items)', true],
	])('streams a 12 MB stored video (moov at the end) in rule-abiding chunks, exact bytes (%s)', async (_label, dropBytes) => {
		const file = mp4(12 * MB + 4321, { seconds: 33, moovAtEnd: true });
		const item = await storedItem(file, 'stored.mp4', { dropBytes });
		// Never the whole file as one buffer: n8n's getAsBuffer is not asked.
		const getBuffer = jest.spyOn(service, 'getAsBuffer');
		const { items, error } = await runTikTokNode({
			parameters: { resource: 'post', operation: 'publishVideo', privacyLevel: 'PUBLIC_TO_EVERYONE', options: { chunkSizeMb: 5 } },
			credentials: [developersCredential(fake, { scopes: SCOPES })],
			input: [item],
		});
		expect(error).toBeUndefined();
		expect(getBuffer).not.toHaveBeenCalled();
		getBuffer.mockRestore();
		const [upload] = [...posting(fake).uploads.values()];
		const half = Math.floor(file.length / 2);
		expect(upload.chunks.map((c) => c.length)).toEqual([half, file.length - half]);
		expect(upload.sha256).toBe(sha256(file));
		expect(items[0].json).toMatchObject({ status: 'PUBLISH_COMPLETE', durationSeconds: 33, videoSize: file.length });
		expect(items[0].json.postId).toMatch(/^\d+$/);
	});

	const VIDEO_INIT = '/v2/post/publish/video/init/';
	const publishStored = async (item: INodeExecutionData) =>
		await runTikTokNode({
			parameters: { resource: 'post', operation: 'publishVideo', privacyLevel: 'PUBLIC_TO_EVERYONE', options: { chunkSizeMb: 5 } },
			credentials: [developersCredential(fake, { scopes: SCOPES })],
			input: [item],
		});

	// Issue 23 item 7: n8n's record of the size is compared with the file itself BEFORE the init, both ways.
	it.each([
		['smaller than the file (the upload would post a cut video)', -1 * MB],
		['larger than the file (the upload would fail half-way, after the post exists)', 3 * MB],
	])('refuses, before any init, a stored video whose recorded size is %s', async (_label, delta) => {
		const file = mp4(12 * MB, { seconds: 20 });
		const { items, error } = await publishStored(await storedItem(file, 'changed.mp4', { recordBytes: file.length + delta }));
		expect(items).toHaveLength(0);
		expect(error?.message).toContain(`holds ${file.length} bytes, but n8n recorded ${file.length + delta} bytes`);
		expect(error?.description).toContain('Nothing was sent to TikTok');
		expect(fake.state.requestsTo(VIDEO_INIT)).toHaveLength(0);
		expect(posting(fake).uploads.size).toBe(0);
	});

	it('refuses, before any init, a 32-byte "MP4" with no moov box', async () => {
		const ftyp = Buffer.alloc(24);
		ftyp.writeUInt32BE(24, 0);
		ftyp.write('ftypisom', 4, 'latin1');
		const free = Buffer.alloc(8);
		free.writeUInt32BE(8, 0);
		free.write('free', 4, 'latin1');
		const file = Buffer.concat([ftyp, free]);
		expect(file.length).toBe(32);
		const { items, error } = await publishStored(await storedItem(file, 'empty.mp4'));
		expect(items).toHaveLength(0);
		expect(error?.message).toContain('has no moov box');
		expect(fake.state.requestsTo(VIDEO_INIT)).toHaveLength(0);
		expect(posting(fake).uploads.size).toBe(0);
	});

	it('stops before the last chunk, and says the post exists, when the file grows after it was measured', async () => {
		const file = mp4(12 * MB, { seconds: 20 });
		const item = await storedItem(file, 'growing.mp4');
		const grown = Buffer.concat([file, Buffer.alloc(1000)]);
		// The first stream (measurement) sees the file as it was; the upload's stream sees it grown.
		const original = service.getAsStream.bind(service);
		let streams = 0;
		const spy = jest.spyOn(service, 'getAsStream').mockImplementation(async (id, chunkSize) => {
			streams += 1;
			if (streams === 1) return await original(id, chunkSize);
			const { Readable } = await import('node:stream');
			return Readable.from([grown.subarray(0, 8 * MB), grown.subarray(8 * MB)]);
		});
		try {
			const { items, error } = await publishStored(item);
			expect(items).toHaveLength(0);
			expect(error?.message).toContain('changed during the upload: it is now longer than the');
			expect(error?.description).toMatch(/TikTok already has this post \(publish_id \S+\)/);
			expect(fake.state.requestsTo(VIDEO_INIT)).toHaveLength(1);
			const [upload] = [...posting(fake).uploads.values()];
			expect(upload.complete).toBe(false);
			expect(upload.chunks.length).toBeLessThan(upload.totalChunkCount);
		} finally {
			spy.mockRestore();
		}
	});
});
