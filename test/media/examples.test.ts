// The example workflows (examples/*.json) as n8n would run them against the fake TikTok API of `npm run dev`.
// Their n8n-nodes-base nodes are not installed here: Manual Trigger, Code and Sticky Note get small stand-ins (the
// Code stand-in runs the node's JavaScript as plain JavaScript, which is all the example's code uses).


import { BUSINESS_PREFIX, businessCredential, developersCredential, useFake } from '../harness/fake';
import { runExample } from '../harness/examples';

describe('example workflows run against the fake TikTok API', () => {
	const fake = useFake();

	const credentials = () => [businessCredential(fake, {}, 'tiktokBusinessFake'), developersCredential(fake, {}, 'tiktokOAuth2Fake')];

	const run = async (file: string) => await runExample(fake, file, credentials());

	it('video-list-and-embed.json: five latest videos, each with its embed code', async () => {
		const result = await run('video-list-and-embed.json');
		const videos = result.output('Latest videos');
		expect(videos).toHaveLength(5);
		const embeds = result.output('Embed code');
		expect(embeds).toHaveLength(5);
		expect(embeds.map((e) => e.json.video_id)).toEqual(videos.map((v) => v.json.id));
		for (const embed of embeds) expect(embed.json.html).toContain('tiktok-embed');
		expect(fake.state.requestsTo('/oembed')).toHaveLength(5);
	});

	it('sound-upload.json: the generated 12-second WAV is uploaded with its MD5', async () => {
		const result = await run('sound-upload.json');
		const [generated] = result.output('Generate a 12-second WAV');
		const bytes = Buffer.from(String(generated.binary?.data.data), 'base64');
		expect(bytes.toString('latin1', 0, 4)).toBe('RIFF');
		const [uploaded] = result.output('Upload sound');
		expect(uploaded.json.file_name).toBe('n8n-test-tone.wav');
		expect(uploaded.json.signature).toBe((fake.state.musicUploads as Array<{ file: { md5: string } }>).at(-1)?.file.md5);
		expect(fake.state.requestsTo(`${BUSINESS_PREFIX}/file/music/upload/`)).toHaveLength(1);
	});

	it('api-call.json: advertiser info from the Business API and user info from the Developers API', async () => {
		const result = await run('api-call.json');
		const [business] = result.output('Advertiser info (Business API)');
		expect((business.json.list as Array<Record<string, unknown>>).map((a) => a.advertiser_id)).toEqual([
			'7000000000000000001',
			'7000000000000000002',
		]);
		const [developers] = result.output('User info (Developers API)');
		expect(developers.json).toMatchObject({ data: { user: { display_name: 'Fake Creator' } }, error: { code: 'ok' } });
		expect(fake.state.requestsTo(`${BUSINESS_PREFIX}/advertiser/info/`)[0].query.fields).toBe('["advertiser_id","name","currency","timezone"]');
	});
});
