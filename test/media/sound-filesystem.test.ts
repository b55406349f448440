/* eslint-disable @n8n/community-nodes/no-restricted-imports -- a test, not node code: its own rules are test/eslint.config.mjs */
// Binary data stored outside memory (n8n's default "filesystem" mode in 2.x, or S3 / database): the item only holds
// an ID, and the node must read the file through n8n's binary helpers.
import fs from 'node:fs/promises';

import type { IBinaryData, IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { runTikTokNode } from '../harness/engine';
import { ADV2, BUSINESS_PREFIX, businessCredential, useFake } from '../harness/fake';
import { md5, mp3, wav } from './audio-fixtures';

// After the harness: it sets N8N_USER_FOLDER before n8n-core loads.
/* eslint-disable @typescript-eslint/no-require-imports */
const core = require('n8n-core') as typeof import('n8n-core');
const { Container } = require('@n8n/di') as typeof import('@n8n/di');
/* eslint-enable @typescript-eslint/no-require-imports */

const ADVERTISER = ADV2;
const UPLOAD = `${BUSINESS_PREFIX}/file/music/upload/`;

describe('sound.upload with binary data stored on the filesystem', () => {
	const fake = useFake({}, {
		reset: (f) => {
			(f.state.musicUploads as unknown[]).length = 0;
		},
	});
	const service = Container.get(core.BinaryDataService);

	beforeAll(async () => {
		await service.init();
	});

	async function storedItem(buffer: Buffer, fileName: string, { dropBytes = false } = {}): Promise<INodeExecutionData> {
		const binary = await service.store({ type: 'execution', workflowId: 'test-workflow', executionId: 'test-execution' }, buffer, {
			data: '',
			mimeType: 'audio/wav',
			fileName,
		} as IBinaryData);
		expect(binary.id).toMatch(/^filesystem(-v2)?:/);
		expect(binary.data).not.toBe(buffer.toString('base64'));
		// n8n 1.x items carry no `bytes`: the size then comes from the stored file's metadata.
		if (dropBytes) delete binary.bytes;
		return { json: {}, binary: { data: binary } };
	}

	const upload = (input: INodeExecutionData[], options: IDataObject = {}) =>
		runTikTokNode({
			parameters: { resource: 'sound', operation: 'upload', advertiserId: { __rl: true, mode: 'id', value: ADVERTISER }, options: options as INodeParameters },
			credentials: [businessCredential(fake)],
			input,
		});

	it('reads a filesystem-stored WAV through n8n\'s helpers and uploads its bytes with the right MD5', async () => {
		const file = wav(14);
		const { items, error } = await upload([await storedItem(file, 'stored.wav')]);
		expect(error).toBeUndefined();
		expect(items[0].json.signature).toBe(md5(file));
		const [record] = fake.state.musicUploads as Array<{ file: { size: number; md5: string }; fields: Record<string, string> }>;
		expect(record.file).toMatchObject({ size: file.length, md5: md5(file) });
		expect(record.fields.file_name).toBe('stored.wav');
	});

	it.each([
		['from the item\'s byte count', false],
		['from the stored file\'s metadata', true],
	])('refuses for a carousel scene (MP3 up to 10 MB) a stored file n8n records as 60 MB %s, before reading it and without a request', async (_label, dropBytes) => {
		const item = await storedItem(wav(330, { sampleRate: 48000, channels: 2 }), 'huge.wav', { dropBytes });
		// Swap the stored bytes for a small 12-second MP3: only the recorded size can refuse the upload now, which
		// shows the size is checked before the file is read into memory.
		await fs.writeFile(service.getPath(String(item.binary?.data.id)), mp3(12));
		const { error } = await upload([item], { musicScene: 'CAROUSEL_ADS' });
		expect(error?.message).toMatch(/is 60\.4 MB: for the Music Scene CAROUSEL_ADS TikTok accepts MP3 only, up to 10 MB/);
		expect(fake.state.requestsTo(UPLOAD)).toHaveLength(0);
	});
});
