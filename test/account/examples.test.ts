// The two example workflows, run through the engine against the fake TikTok API (runExample: Manual Trigger and
// IF get the harness's stand-ins).


import { businessCredential, useFake } from '../harness/fake';
import { runExample } from '../harness/examples';
import type { Entity } from './helpers';
import { ADV2, requestsTo } from './helpers';

describe('the campaign and ad group example workflows run against the fake TikTok API', () => {
	const fake = useFake({}, { perTest: true });

	const run = async (file: string) => await runExample(fake, file, [businessCredential(fake, {}, 'tiktokBusinessFake')]);

	it('campaigns-pause-over-spend.json: pauses exactly the campaigns that spent over 20 yesterday, 20 per request', async () => {
		const result = await run('campaigns-pause-over-spend.json');
		const rows = result.output("Yesterday's spend per campaign");
		expect(rows.length).toBeGreaterThan(0);
		const over = rows.filter((r) => Number(r.json.spend) > 20).map((r) => String(r.json.campaign_id));
		expect(over.length).toBeGreaterThan(0);
		expect(over.length).toBeLessThan(rows.length);
		const paused = result.output('Pause the campaign');
		expect(paused.map((i) => i.json.campaign_id)).toEqual(over);
		expect(paused.every((i) => i.json.status === 'DISABLE')).toBe(true);
		expect(requestsTo(fake, '/campaign/status/update/')).toHaveLength(Math.ceil(over.length / 20));
		for (const campaign of fake.state.world.campaigns as Entity[]) {
			if (campaign.advertiser_id !== ADV2) continue;
			if (over.includes(String(campaign.campaign_id))) expect(campaign.operation_status).toBe('DISABLE');
		}
	});

	it('adgroups-raise-budget.json: raises five delivering ad groups by 20%, to the cent', async () => {
		const before = new Map((fake.state.world.adgroups as Entity[]).map((g) => [String(g.adgroup_id), Number(g.budget)]));
		const result = await run('adgroups-raise-budget.json');
		const updated = result.output('Raise budget by 20%');
		expect(updated).toHaveLength(5);
		for (const item of updated) {
			const old = before.get(String(item.json.adgroup_id))!;
			expect(item.json.budget).toBe(Math.round(old * 1.2 * 100) / 100);
		}
		expect(requestsTo(fake, '/adgroup/update/').map((r) => Object.keys(r.body as object).sort())).toEqual(
			Array(5).fill(['adgroup_id', 'advertiser_id', 'budget']),
		);
	});
});
