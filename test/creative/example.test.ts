/* eslint-disable @n8n/community-nodes/no-restricted-imports -- a test, not node code: its own rules are test/eslint.config.mjs */
// examples/video-to-paused-ad.json as `npm run dev` runs it against the fake TikTok API (issue 27): a generated MP4 →
// the creative library → a paused campaign, ad group and ad, one create request each.
import fs from 'node:fs';
import path from 'node:path';

import type { IConnections, INode } from 'n8n-workflow';

import { PACKAGE_ROOT, runWorkflow } from '../harness/engine';
import { EXAMPLE_STAND_INS } from '../harness/stand-ins';
import { BUSINESS_PREFIX, businessCredential, useFake } from '../harness/fake';

describe('examples/video-to-paused-ad.json', () => {
	const fake = useFake({}, { perTest: true });

	it('uploads the video once, then creates a paused campaign, ad group and ad from it', async () => {
		const workflow = JSON.parse(fs.readFileSync(path.join(PACKAGE_ROOT, 'examples', 'video-to-paused-ad.json'), 'utf8')) as { nodes: INode[]; connections: IConnections };
		const result = await runWorkflow({
			nodes: workflow.nodes,
			connections: workflow.connections,
			startNode: workflow.nodes.find((n) => n.type === 'n8n-nodes-base.manualTrigger')?.name,
			credentials: [businessCredential(fake, {}, 'tiktokBusinessFake')],
			extraNodeTypes: EXAMPLE_STAND_INS,
		});
		expect(result.error).toBeUndefined();
		const [video] = result.output('Upload the video to the library');
		const [ad] = result.output('Create a paused ad');
		expect(ad.json).toMatchObject({ video_id: video.json.video_id, operation_status: 'DISABLE', ad_text: 'The summer collection is here' });
		expect(result.output('Create a paused ad group')[0].json).toMatchObject({ operation_status: 'DISABLE' });
		expect(result.output('Create a paused campaign')[0].json).toMatchObject({ operation_status: 'DISABLE' });
		for (const path of ['/file/video/ad/upload/', '/campaign/create/', '/adgroup/create/', '/ad/create/']) {
			expect([path, fake.state.requestsTo(`${BUSINESS_PREFIX}${path}`).length]).toEqual([path, 1]);
		}
	});
});
