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

	async function storedItem(buffer: Buffer, fileName: string, { dropBytes = false } = {}): Promise<INodeExecutionData> {
		const binary = await service.store({ type: 'execution', workflowId: 'test-workflow', executionId: 'test-execution' }, buffer, {
			data: '',
			mimeType: 'video/mp4',
			fileName,
		} as IBinaryData);
		expect(binary.id).toMatch(/^filesystem(-v2)?:/);
		if (dropBytes) delete binary.bytes;
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
});
