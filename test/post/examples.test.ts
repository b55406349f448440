/* eslint-disable @n8n/community-nodes/no-restricted-imports -- a test, not node code: its own rules are test/eslint.config.mjs */
// The posting example workflows (examples/post-*.json) as `npm run dev` runs them against the fake TikTok API. Their
// n8n-nodes-base nodes are not installed here: Manual Trigger, Code and Sticky Note get small stand-ins (the Code
// stand-in runs the node's JavaScript as plain JavaScript, which is all the example's code uses).
import fs from 'node:fs';
import path from 'node:path';

import type { IConnections, INode } from 'n8n-workflow';

import { PACKAGE_ROOT, runWorkflow } from '../harness/engine';
import { EXAMPLE_STAND_INS } from '../harness/stand-ins';
import { developersCredential, useFake } from '../harness/fake';
import { posting, uploads } from './posting-state';

const STAND_INS = EXAMPLE_STAND_INS;

describe('posting example workflows run against the fake TikTok API', () => {
	const fake = useFake({}, { reset: (f) => posting(f).reset() });

	async function run(file: string) {
		const workflow = JSON.parse(fs.readFileSync(path.join(PACKAGE_ROOT, 'examples', file), 'utf8')) as { nodes: INode[]; connections: IConnections };
		for (const node of workflow.nodes.filter((n) => n.type === 'n8n-nodes-tiktok-suite.tikTok')) {
			expect(node.credentials?.tikTokOAuth2Api?.id).toBe('tiktokOAuth2Fake');
		}
		const result = await runWorkflow({
			nodes: workflow.nodes,
			connections: workflow.connections,
			startNode: workflow.nodes.find((n) => n.type === 'n8n-nodes-base.manualTrigger')?.name,
			// The scopes `npm run dev` grants (scripts/runtime/local.js).
			credentials: [developersCredential(fake, { scopes: ['user.info.basic', 'user.info.profile', 'user.info.stats', 'video.list', 'video.publish', 'video.upload'] }, 'tiktokOAuth2Fake')],
			extraNodeTypes: STAND_INS,
		});
		expect(result.error).toBeUndefined();
		return result;
	}

	it('post-video-from-url.json: a URL video published privately, no bytes sent', async () => {
		const result = await run('post-video-from-url.json');
		const [out] = result.output('Publish video (Only Me)');
		expect(out.json).toMatchObject({ status: 'PUBLISH_COMPLETE', source: 'PULL_FROM_URL', privacyLevel: 'SELF_ONLY' });
		const body = fake.state.requestsTo('/v2/post/publish/video/init/')[0].body as { post_info: Record<string, unknown> };
		expect(body.post_info.privacy_level).toBe('SELF_ONLY');
		expect(fake.state.requestsTo('/upload/video/')).toHaveLength(0);
	});

	it('post-binary-video-draft.json: the generated MP4 goes whole to the inbox, SEND_TO_USER_INBOX', async () => {
		const result = await run('post-binary-video-draft.json');
		const [generated] = result.output('Generate an 8-second MP4');
		const bytes = Buffer.from(String(generated.binary?.data.data), 'base64');
		const [out] = result.output('Send to TikTok inbox');
		expect(out.json).toMatchObject({ status: 'SEND_TO_USER_INBOX', format: 'mp4', videoSize: bytes.length, totalChunkCount: 1 });
		expect(uploads(fake)[0].received).toBe(bytes.length);
	});
});
