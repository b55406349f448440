/* eslint-disable @n8n/community-nodes/no-restricted-imports -- a test, not node code: its own rules are test/eslint.config.mjs */
import fs from 'node:fs';
import path from 'node:path';

import type { IConnections, INode } from 'n8n-workflow';

import { PACKAGE_ROOT, runWorkflow } from '../harness/engine';
import { BUSINESS_PREFIX, businessCredential, useFake } from '../harness/fake';

describe('examples/ads-search-and-pause.json against the fake TikTok API', () => {
	const fake = useFake();

	it('searches the Spring ads of advertiser 7000000000000000001 and pauses the first one', async () => {
		const workflow = JSON.parse(fs.readFileSync(path.join(PACKAGE_ROOT, 'examples', 'ads-search-and-pause.json'), 'utf8')) as {
			nodes: INode[];
			connections: IConnections;
		};
		// The harness loads only this package: start at the first TikTok node instead of n8n's Manual Trigger.
		const nodes = workflow.nodes.filter((n) => n.type !== 'n8n-nodes-base.manualTrigger');
		const connections = Object.fromEntries(
			Object.entries(workflow.connections).filter(([from]) => nodes.some((n) => n.name === from)),
		);
		const { output, error } = await runWorkflow({
			nodes,
			connections,
			credentials: [businessCredential(fake, {}, 'tiktokBusinessFake')],
			startNode: 'Search ads named Spring',
		});
		expect(error).toBeUndefined();
		const found = output('Search ads named Spring');
		expect(found.length).toBeGreaterThan(1);
		expect(found.length).toBeLessThanOrEqual(10);
		for (const item of found) {
			expect(item.json.ad_name).toMatch(/Spring/);
			expect(item.json.operation_status).toBe('ENABLE');
		}
		const paused = output('Pause the first one');
		expect(paused.map((i) => i.json)).toEqual([
			{ advertiser_id: '7000000000000000001', ad_id: found[0].json.ad_id, status: 'DISABLE' },
		]);
		const ad = fake.state.world.ads.find((a) => a.ad_id === found[0].json.ad_id);
		expect(ad?.operation_status).toBe('DISABLE');
		expect(fake.state.requestsTo(`${BUSINESS_PREFIX}/ad/status/update/`)).toHaveLength(1);
	});
});
