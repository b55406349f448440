/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- a test, not node code: its own rules are test/eslint.config.mjs */
import * as path from 'node:path';

import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { runTikTokNode } from '../harness/engine';
import { ADV1, businessCredential, useFake } from '../harness/fake';
import { useFastClock } from '../harness/clock';

/** The built helper every operation runs its items through (what the node runs). */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const items = require(path.join(__dirname, '..', '..', 'dist', 'nodes', 'TikTok', 'helpers', 'items')) as {
	forEachItem: (
		this: IExecuteFunctions,
		input: INodeExecutionData[],
		run: (itemIndex: number) => Promise<IDataObject | IDataObject[]>,
	) => Promise<INodeExecutionData[]>;
};



/** Backoff, Retry-After and limiter waits are fast-forwarded (test/harness/clock.ts), not sat through. */
useFastClock();

describe('issue 23 item 2: no item count limit below what n8n holds (no spread of results into arguments)', () => {
	it('one input item yielding 130,000 results (a large lead form) returns every one, paired with its item', async () => {
		const context = { continueOnFail: () => false, getNode: () => ({ name: 'TikTok' }) } as unknown as IExecuteFunctions;
		const rows = Array.from({ length: 130_000 }, (_, n) => ({ lead_id: String(n) }));
		const out = await items.forEachItem.call(context, [{ json: {} }, { json: {} }], async (i) => (i === 0 ? rows : [{ lead_id: 'x' }]));
		expect(out).toHaveLength(130_001);
		expect(out[129_999]).toEqual({ json: { lead_id: '129999' }, pairedItem: { item: 0 } });
		expect(out[130_000]).toEqual({ json: { lead_id: 'x' }, pairedItem: { item: 1 } });
	});

	describe('through the engine', () => {
		const fake = useFake({ adsPerAdvertiser: [Number(process.env.ADS ?? 150_000), 1, 1] });

		it('Ad → Get Many returns all 150,000 ads of an advertiser', async () => {
			const { items: out, error } = await runTikTokNode({
				parameters: {
					resource: 'ad',
					operation: 'getMany',
					advertiserId: { __rl: true, mode: 'id', value: ADV1 },
					returnAll: true,
					filters: {},
					// Two fields per ad keep the 150 pages small: the item count is what this test is about.
					simplify: false,
					options: { fields: ['ad_name'] },
				},
				credentials: [businessCredential(fake)],
			});
			expect(error).toBeUndefined();
			const live = fake.state.world.ads.filter((a) => a.advertiser_id === ADV1 && !a.__deleted).length;
			expect(live).toBeGreaterThanOrEqual(Number(process.env.ADS ?? 150_000) * 0.9);
			expect(out).toHaveLength(live);
			expect(new Set(out.map((i) => i.json.ad_id)).size).toBe(live);
			expect(out[out.length - 1].pairedItem).toEqual({ item: 0 });
			expect(Object.keys(out[0].json).sort()).toEqual(['ad_id', 'ad_name']);
		}, 300_000);
	});
});
