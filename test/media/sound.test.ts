import type { INodeExecutionData, NodeApiError } from 'n8n-workflow';

import { runTikTokNode } from '../harness/engine';
import { ADV1, BUSINESS_PREFIX, businessCredential, expectNoSecrets, FAKE, useFake } from '../harness/fake';
import { binaryItem, flac, md5, mp3, png, wav } from './audio-fixtures';

const ADVERTISER = ADV1;
const UPLOAD = `${BUSINESS_PREFIX}/file/music/upload/`;

interface UploadRecord {
	advertiserId: string;
	fields: Record<string, string>;
	file: { filename: string; contentType: string; size: number; md5: string };
	musicId?: string;
}

describe('sound.upload: a binary to the advertiser\'s music library', () => {
	const fake = useFake({}, {
		reset: (f) => {
			(f.state.musicUploads as UploadRecord[]).length = 0;
		},
	});

	const uploads = () => fake.state.musicUploads as UploadRecord[];
	const upload = (input: INodeExecutionData[], parameters: Record<string, unknown> = {}, continueOnFail = false) =>
		runTikTokNode({
			parameters: {
				resource: 'sound',
				operation: 'upload',
				advertiserId: { __rl: true, mode: 'id', value: ADVERTISER },
				...parameters,
			},
			credentials: [businessCredential(fake)],
			input,
			continueOnFail,
		});

	it('uploads a generated WAV as multipart with music_file, its MD5 as music_signature, file_name and music_scene', async () => {
		const file = wav(12);
		const { items, error } = await upload([binaryItem(file, { fileName: 'jingle.wav', mimeType: 'audio/wav' })]);
		expect(error).toBeUndefined();
		expect(items).toHaveLength(1);
		expect(items[0].json).toMatchObject({ file_name: 'jingle.wav', signature: md5(file) });
		expect(typeof items[0].json.music_id).toBe('string');
		expect(items[0].pairedItem).toEqual({ item: 0 });

		const [request] = fake.state.requestsTo(UPLOAD, 'POST');
		expect(request.contentType).toMatch(/^multipart\/form-data; boundary=/);
		expect(request.headers['access-token']).toBe(FAKE.businessToken);
		const [record] = uploads();
		expect(record.fields).toEqual({
			advertiser_id: ADVERTISER,
			upload_type: 'UPLOAD_BY_FILE',
			music_scene: 'CREATIVE_ASSET',
			file_name: 'jingle.wav',
			music_signature: md5(file),
		});
		expect(record.file).toEqual({ filename: 'jingle.wav', contentType: 'audio/wav', size: file.length, md5: md5(file) });
	});

	it('uploads a generated FLAC, with the chosen file name and music scene', async () => {
		const file = flac(15);
		const { items, error } = await upload([binaryItem(file, { fileName: 'loop.flac' })], {
			options: { fileName: 'Summer loop', musicScene: 'CREATIVE_ASSET' },
		});
		expect(error).toBeUndefined();
		expect(items[0].json.file_name).toBe('Summer loop');
		const [record] = uploads();
		expect(record.fields.file_name).toBe('Summer loop');
		expect(record.fields.music_signature).toBe(md5(file));
		expect(record.file).toMatchObject({ filename: 'loop.flac', contentType: 'audio/flac', size: file.length, md5: md5(file) });
	});

	it('uploads an MP3 to a carousel scene', async () => {
		const file = mp3(30, { id3: true });
		const { error } = await upload([binaryItem(file, { fileName: 'hook.mp3' })], { options: { musicScene: 'CAROUSEL_ADS' } });
		expect(error).toBeUndefined();
		expect(uploads()[0].fields.music_scene).toBe('CAROUSEL_ADS');
		expect(uploads()[0].file.contentType).toBe('audio/mpeg');
	});

	it('reads the binary property named by binaryPropertyName, and names the part by the detected type', async () => {
		const file = wav(10);
		const { error } = await upload([binaryItem(file, { property: 'sound', fileName: 'voice-over' })], { binaryPropertyName: 'sound' });
		expect(error).toBeUndefined();
		expect(uploads()[0].file.filename).toBe('voice-over.wav');
		expect(uploads()[0].fields.file_name).toBe('voice-over');
	});

	it('uploads each input item, pairing each result with its item', async () => {
		const { items, error } = await upload([
			binaryItem(wav(11), { fileName: 'a.wav' }),
			binaryItem(flac(20), { fileName: 'b.flac' }),
		]);
		expect(error).toBeUndefined();
		expect(items.map((i) => i.json.file_name)).toEqual(['a.wav', 'b.flac']);
		expect(items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(fake.state.requestsTo(UPLOAD)).toHaveLength(2);
	});

	// TikTok documents limits only for carousel scenes (MP3 only, up to 10 MB): those are refused here, before any
	// request, naming the field and TikTok's rule. Sound Kit's "10–300 s, under 50 MB" is not TikTok's rule here.
	it.each([
		['a WAV for Carousel Ads', () => binaryItem(wav(12), { fileName: 'loop.wav' }), 'CAROUSEL_ADS', /"data" \(loop\.wav\) is a WAV file: for the Music Scene CAROUSEL_ADS TikTok accepts MP3 only, up to 10 MB/],
		['a FLAC for Catalog Carousel', () => binaryItem(flac(12), { fileName: 'loop.flac' }), 'CATALOG_CAROUSEL', /is a FLAC file: for the Music Scene CATALOG_CAROUSEL TikTok accepts MP3 only, up to 10 MB/],
		['an 11 MB MP3 for Carousel Ads', () => binaryItem(mp3(700), { fileName: 'long.mp3' }), 'CAROUSEL_ADS', /is 1\d\.\d MB: for the Music Scene CAROUSEL_ADS TikTok accepts MP3 only, up to 10 MB/],
		['a PNG renamed .mp3 for Carousel Ads', () => binaryItem(png(), { fileName: 'cover.mp3', mimeType: 'audio/mpeg' }), 'CAROUSEL_ADS', /"data" \(cover\.mp3\) is a PNG image: for the Music Scene CAROUSEL_ADS/],
		['a missing binary property', () => ({ json: {} }) as INodeExecutionData, 'CREATIVE_ASSET', /binary file 'data'/],
	])('refuses %s without a request', async (_label, makeItem, musicScene, message) => {
		const { error } = await upload([makeItem()], { options: { musicScene } });
		expect(error?.message).toMatch(message);
		expect((error as NodeApiError)?.context?.itemIndex).toBe(0);
		expect(fake.state.requests).toHaveLength(0);
	});

	it.each([
		['a 6-second MP3', () => binaryItem(mp3(6), { fileName: 'sting.mp3' })],
		['a 5-second WAV', () => binaryItem(wav(5), { fileName: 'short.wav' })],
		['a 6-minute MP3', () => binaryItem(mp3(360), { fileName: 'long.mp3' })],
		['a 60 MB WAV', () => binaryItem(wav(330, { sampleRate: 48000, channels: 2 }), { fileName: 'huge.wav' })],
	])('sends %s for Creative Asset to TikTok (no limit documented for that scene): the strict fake accepts it', async (_label, makeItem) => {
		const { error, items } = await upload([makeItem()], { options: { musicScene: 'CREATIVE_ASSET' } });
		expect(error).toBeUndefined();
		expect(uploads()).toHaveLength(1);
		expect(uploads()[0].fields.music_scene).toBe('CREATIVE_ASSET');
		expect(items[0].json.music_id).toBeDefined();
	});

	describe('against a TikTok that applies the retired Sound Kit limits to Creative Asset (the other reading)', () => {
		beforeEach(() => {
			fake.state.contract.creativeAssetSoundKitLimits = true;
		});

		it('a 6-second MP3 still reaches TikTok and is accepted', async () => {
			const { error } = await upload([binaryItem(mp3(6), { fileName: 'sting.mp3' })]);
			expect(error).toBeUndefined();
			expect(uploads()).toHaveLength(1);
		});

		it.each([
			['a PNG', () => binaryItem(png(), { fileName: 'cover.mp3' }), /40908|file type/i],
			['a 60 MB WAV', () => binaryItem(wav(330, { sampleRate: 48000, channels: 2 }), { fileName: 'huge.wav' }), /40907|too large/i],
		])("sends %s and shows TikTok's refusal with its code and a hint", async (_label, makeItem, message) => {
			const { error } = await upload([makeItem()]);
			expect(fake.state.requestsTo(UPLOAD)).toHaveLength(1);
			const text = `${error?.message} ${(error as NodeApiError)?.description ?? ''}`;
			expect(text).toMatch(message);
			expect((error as NodeApiError)?.description).toMatch(/TikTok/);
		});
	});

	it('names the missing binary field', async () => {
		const { error } = await upload([binaryItem(wav(12), { property: 'audio' })], { binaryPropertyName: 'sound' });
		expect(error?.message).toContain('sound');
		expect(fake.state.requests).toHaveLength(0);
	});

	it.each([
		['an over-long file name', { options: { fileName: 'x'.repeat(101) } }, /"File Name" option is 101 characters long/],
		['an unknown music scene', { options: { musicScene: '={{ "RADIO" }}' } }, /"Music Scene" option must be one of/],
		['a non-numeric advertiser', { advertiserId: { __rl: true, mode: 'id', value: '={{ "acme" }}' } }, /"Advertiser" parameter must be a TikTok ID/],
		['an empty binary field name', { binaryPropertyName: '={{ "" }}' }, /"Input Binary Field" parameter is empty/],
	])('refuses %s, naming the field, without a request', async (_label, parameters, message) => {
		const { error } = await upload([binaryItem(wav(12), { fileName: 'a.wav' })], parameters);
		expect(error?.message).toMatch(message);
		expect(fake.state.requests).toHaveLength(0);
	});

	it.each([
		['an MP3 whose Xing header says 30 s (the header wins over the 5 s of frames)', () => mp3(5, { vbrHeader: 'xing', headerSeconds: 30 })],
		['a mono MP3 with a Xing header', () => mp3(25, { vbrHeader: 'xing', mono: true })],
		['an MP3 with a VBRI header', () => mp3(45, { vbrHeader: 'vbri' })],
		['an MP3 behind an ID3v2 tag, timed by its frames', () => mp3(200, { id3: true })],
		['a FLAC that does not declare its length (streamed): nothing to check', () => flac(5, { declareTotal: false })],
		['a stereo 44.1 kHz WAV', () => wav(20, { sampleRate: 44100, channels: 2 })],
	])('uploads %s', async (_label, make) => {
		const { error } = await upload([binaryItem(make(), { fileName: 'sound' })]);
		expect(error).toBeUndefined();
		expect(uploads()).toHaveLength(1);
	});

	it('does not re-send an upload after a server fault (50000): one request, an error', async () => {
		fake.state.failNext({ path: UPLOAD, code: 50000 }, 1);
		const { error } = await upload([binaryItem(wav(12), { fileName: 'a.wav' })]);
		expect(error?.name).toBe('NodeApiError');
		expect((error as NodeApiError).context.tiktokCode).toBe(50000);
		expect(fake.state.requestsTo(UPLOAD)).toHaveLength(1);
	});

	it('does not re-send an upload after a gateway timeout (504)', async () => {
		fake.state.failNext({ path: UPLOAD, httpStatus: 504 }, 1);
		const { error } = await upload([binaryItem(wav(12), { fileName: 'a.wav' })]);
		expect(error?.name).toBe('NodeApiError');
		expect(fake.state.requestsTo(UPLOAD)).toHaveLength(1);
	});

	it('re-sends an upload TikTok refused before processing (40100 rate limit), the same bytes and MD5', async () => {
		fake.state.failNext({ path: UPLOAD, code: 40100 }, 1);
		const file = wav(12);
		const { items, error } = await upload([binaryItem(file, { fileName: 'a.wav' })]);
		expect(error).toBeUndefined();
		expect(items[0].json.signature).toBe(md5(file));
		const requests = fake.state.requestsTo(UPLOAD);
		expect(requests).toHaveLength(2);
		expect(requests[1].bodySize).toBe(requests[0].bodySize);
		expect(uploads()).toHaveLength(1);
		expect(uploads()[0].file.md5).toBe(md5(file));
	});

	it('surfaces TikTok\'s 40900 (signature mismatch) with its hint', async () => {
		fake.state.failNext({ path: UPLOAD, code: 40900, message: 'The file signature does not match.' }, 1);
		const { error } = await upload([binaryItem(wav(12), { fileName: 'a.wav' })]);
		expect(error?.message).toContain('signature does not match');
		expect((error as NodeApiError).description).toContain('MD5');
	});

	it('the fake checks the MD5 as TikTok does: a music_signature that is not the file\'s MD5 gets 40900', async () => {
		const file = wav(12);
		const send = async (signature: string) => {
			const form = new FormData();
			form.append('advertiser_id', ADVERTISER);
			form.append('music_signature', signature);
			form.append('music_file', new Blob([new Uint8Array(file)]), 'a.wav');
			const response = await fetch(`${fake.url}${UPLOAD}`, { method: 'POST', headers: { 'Access-Token': FAKE.businessToken }, body: form });
			return (await response.json()) as { code: number; data: Record<string, unknown> };
		};
		expect((await send('0'.repeat(32))).code).toBe(40900);
		const ok = await send(md5(file));
		expect(ok.code).toBe(0);
		expect(ok.data.signature).toBe(md5(file));
	});

	it('under continueOnFail refuses the bad item and uploads the good one', async () => {
		const { items, error } = await upload(
			[binaryItem(png(), { fileName: 'cover.mp3' }), binaryItem(mp3(12), { fileName: 'ok.mp3' })],
			{ options: { musicScene: 'CAROUSEL_ADS' } },
			true,
		);
		expect(error).toBeUndefined();
		expect(items[0].json.error).toMatch(/is a PNG image: for the Music Scene CAROUSEL_ADS TikTok accepts MP3 only/);
		expect(items[0].pairedItem).toEqual({ item: 0 });
		expect(items[1].json.file_name).toBe('ok.mp3');
		expect(items[1].pairedItem).toEqual({ item: 1 });
		expect(fake.state.requestsTo(UPLOAD)).toHaveLength(1);
	});

	it('never puts a token or secret into the items', async () => {
		const { items } = await upload([binaryItem(wav(12), { fileName: 'a.wav' })]);
		expectNoSecrets(fake, [items]);
	});
});
