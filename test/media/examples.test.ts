/* eslint-disable @n8n/community-nodes/no-restricted-imports -- a test, not node code: its own rules are test/eslint.config.mjs */
// The example workflows (examples/*.json) as n8n would run them against the fake TikTok API of `npm run dev`.
// Their n8n-nodes-base nodes are not installed here: Manual Trigger, Code and Sticky Note get small stand-ins (the
// Code stand-in runs the node's JavaScript as plain JavaScript, which is all the example's code uses).
import fs from 'node:fs';
import path from 'node:path';

import type { IConnections, INode } from 'n8n-workflow';

import { PACKAGE_ROOT, runWorkflow } from '../harness/engine';
import { EXAMPLE_STAND_INS } from '../harness/stand-ins';
import type { FakeTikTok } from '../harness/fake';
import { BUSINESS_PREFIX, businessCredential, developersCredential, useFake } from '../harness/fake';

/** The fake's address in the examples (`npm run dev` serves it there). */
const DEV_FAKE_URL = 'http://127.0.0.1:4010';

const STAND_INS = EXAMPLE_STAND_INS;

interface ExampleWorkflow {
	name: string;
	nodes: INode[];
	connections: IConnections;
}

function loadExample(file: string, fake: FakeTikTok): ExampleWorkflow {
	const text = fs.readFileSync(path.join(PACKAGE_ROOT, 'examples', file), 'utf8');
	return JSON.parse(text.split(DEV_FAKE_URL).join(fake.url)) as ExampleWorkflow;
}

describe('example workflows run against the fake TikTok API', () => {
	const fake = useFake();

	const credentials = () => [businessCredential(fake, {}, 'tiktokBusinessFake'), developersCredential(fake, {}, 'tiktokOAuth2Fake')];

	async function run(file: string) {
		const workflow = loadExample(file, fake);
		const trigger = workflow.nodes.find((n) => n.type === 'n8n-nodes-base.manualTrigger');
		for (const node of workflow.nodes.filter((n) => n.type === 'n8n-nodes-tiktok-suite.tikTok')) {
			for (const [type, ref] of Object.entries(node.credentials ?? {})) {
				expect(ref.id).toBe(type === 'tikTokOAuth2Api' ? 'tiktokOAuth2Fake' : 'tiktokBusinessFake');
			}
		}
		const result = await runWorkflow({
			nodes: workflow.nodes,
			connections: workflow.connections,
			startNode: trigger?.name,
			credentials: credentials(),
			extraNodeTypes: STAND_INS,
		});
		expect(result.error).toBeUndefined();
		return result;
	}

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
