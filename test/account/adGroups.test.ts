import type { NodeApiError } from 'n8n-workflow';

import { runTikTokNode } from '../harness/engine';
import { businessCredential, useFake } from '../harness/fake';
import type { Entity } from './helpers';
import { ADV1, ADV2, addAdGroups, addTopViewCampaign, mappedAdvertiser, requestsTo, writes } from './helpers';

type StatusBody = { advertiser_id: string; adgroup_ids: string[]; operation_status: string; allow_partial_success: boolean };

describe('ad group operations through the engine', () => {
	const fake = useFake({}, { perTest: true });

	const groupsOf = (advertiserId: string) =>
		(fake.state.world.adgroups as Entity[]).filter((g) => g.advertiser_id === advertiserId && !g.__deleted);
	const byId = (id: string) => (fake.state.world.adgroups as Entity[]).find((g) => g.adgroup_id === id) as Entity;
	const run = async (parameters: Record<string, unknown>, rows: Array<Record<string, unknown>> = [{}], continueOnFail = false) =>
		await runTikTokNode({
			parameters: { resource: 'adGroup', advertiserId: mappedAdvertiser, ...parameters } as never,
			credentials: [businessCredential(fake)],
			input: rows.map((r) => ({ json: { advertiserId: ADV2, ...r } })),
			continueOnFail,
		});

	describe('getMany', () => {
		it('lists 2,500 ad groups with Return All in 3 requests of 1000', async () => {
			addAdGroups(fake, ADV2, 2500 - groupsOf(ADV2).length);
			const { items, error } = await run({ operation: 'getMany', returnAll: true });
			expect(error).toBeUndefined();
			const requests = requestsTo(fake, '/adgroup/get/');
			expect(requests.map((r) => [r.query.page, r.query.page_size])).toEqual([
				['1', '1000'],
				['2', '1000'],
				['3', '1000'],
			]);
			expect(items).toHaveLength(2500);
			expect(new Set(items.map((i) => i.json.adgroup_id)).size).toBe(2500);
			expect(items.every((i) => typeof i.json.adgroup_id === 'string' && i.json.budget !== undefined)).toBe(true);
			expect(JSON.parse(requests[0].query.fields)).toContain('budget');
		});

		it('filters by campaigns and ad groups, with the chosen fields', async () => {
			const [group] = groupsOf(ADV2);
			const { items } = await run({
				operation: 'getMany',
				returnAll: true,
				filters: { campaignIds: [group.campaign_id], adgroupIds: `${String(group.adgroup_id)}` },
				options: { fields: ['adgroup_name', 'budget'] },
			});
			const [request] = requestsTo(fake, '/adgroup/get/');
			expect(JSON.parse(request.query.filtering)).toEqual({ campaign_ids: [group.campaign_id], adgroup_ids: [group.adgroup_id] });
			expect(JSON.parse(request.query.fields)).toEqual(['adgroup_id', 'adgroup_name', 'budget']);
			expect(items.map((i) => i.json)).toEqual([{ adgroup_id: group.adgroup_id, adgroup_name: group.adgroup_name, budget: group.budget }]);
		});
	});

	describe('get', () => {
		it('gets ad groups by ID (TopView too), simplified', async () => {
			const topView = addTopViewCampaign(fake, ADV2);
			const topGroup = (fake.state.world.adgroups as Entity[]).find((g) => g.campaign_id === topView.campaign_id)!;
			const ids = [String(groupsOf(ADV2)[0].adgroup_id), String(topGroup.adgroup_id)];
			const { items, error } = await run({ operation: 'get', adGroupId: '={{ $json.id }}' }, ids.map((id) => ({ id })));
			expect(error).toBeUndefined();
			expect(requestsTo(fake, '/adgroup/get/')).toHaveLength(2);
			expect(items.map((i) => i.json.adgroup_id)).toEqual(ids);
			expect(items[0].json).toHaveProperty('schedule_end_time');
			expect(items[0].json).not.toHaveProperty('placement_type');
		});
	});

	describe('updateStatus', () => {
		it('disables 45 ad groups in 3 requests with allow_partial_success; a deleted one fails alone without another request', async () => {
			const groups = groupsOf(ADV2).slice(0, 45);
			byId(String(groups[7].adgroup_id)).__deleted = true;
			const { items, error } = await run(
				{ operation: 'updateStatus', adGroupId: '={{ $json.id }}', operationStatus: 'DISABLE' },
				groups.map((g) => ({ id: g.adgroup_id })),
				true,
			);
			expect(error).toBeUndefined();
			const bodies = requestsTo(fake, '/adgroup/status/update/').map((r) => r.body as StatusBody);
			expect(bodies.map((b) => [b.adgroup_ids.length, b.allow_partial_success])).toEqual([
				[20, true],
				[20, true],
				[5, true],
			]);
			expect(items[7].json.error).toMatch(/does not exist or has been deleted/);
			expect(items.filter((i) => i.json.error)).toHaveLength(1);
			expect(items[8].json).toEqual({ advertiser_id: ADV2, adgroup_id: groups[8].adgroup_id, status: 'DISABLE' });
			expect(byId(String(groups[8].adgroup_id)).operation_status).toBe('DISABLE');
		});
	});

	describe('update', () => {
		const update = async (adGroupId: string, updateFields: Record<string, unknown>, rows?: Array<Record<string, unknown>>, continueOnFail = false) =>
			await run({ operation: 'update', adGroupId, updateFields }, rows, continueOnFail);
		const cpcGroup = () => groupsOf(ADV2).find((g) => g.billing_event === 'CPC')!;
		const ocpmGroup = () => groupsOf(ADV2).find((g) => g.billing_event === 'OCPM')!;

		it('sends only the name when only the name is set: one request', async () => {
			const group = cpcGroup();
			const { error } = await update(String(group.adgroup_id), { adGroupName: 'Renamed group' });
			expect(error).toBeUndefined();
			expect(fake.state.requests.map((r) => r.path)).toEqual(['/open_api/v1.3/adgroup/update/']);
			expect(fake.state.requests[0].body).toEqual({ advertiser_id: ADV2, adgroup_id: group.adgroup_id, adgroup_name: 'Renamed group' });
		});

		it('raises a budget by 20% as an expression, exactly, after checking it (reads only before the write)', async () => {
			const group = cpcGroup();
			const expected = Math.round(Number(group.budget) * 1.2 * 100) / 100;
			const { items, error } = await update(String(group.adgroup_id), { budget: '={{ Math.round($json.budget * 1.2 * 100) / 100 }}' }, [
				{ budget: group.budget },
			]);
			expect(error).toBeUndefined();
			expect(requestsTo(fake, '/adgroup/update/')[0].body).toEqual({ advertiser_id: ADV2, adgroup_id: group.adgroup_id, budget: expected });
			expect(items[0].json.budget).toBe(expected);
			expect(fake.state.requests.map((r) => r.method)).toEqual(['GET', 'GET', 'POST']);
		});

		it('sends a bid as bid_price for CPC ad groups and as conversion_bid_price for oCPM ones', async () => {
			const cpc = cpcGroup();
			const ocpm = ocpmGroup();
			await update(String(cpc.adgroup_id), { bidPrice: 2.25 });
			await update(String(ocpm.adgroup_id), { bidPrice: 9.5 });
			expect(requestsTo(fake, '/adgroup/update/').map((r) => r.body)).toEqual([
				{ advertiser_id: ADV2, adgroup_id: cpc.adgroup_id, bid_price: 2.25 },
				{ advertiser_id: ADV2, adgroup_id: ocpm.adgroup_id, conversion_bid_price: 9.5 },
			]);
		});

		it('sends a new schedule end in UTC, and refuses one before the start', async () => {
			const group = cpcGroup();
			const ok = await update(String(group.adgroup_id), { scheduleEndTime: '2027-03-01T12:00:00+01:00' });
			expect(ok.error).toBeUndefined();
			expect(requestsTo(fake, '/adgroup/update/')[0].body).toEqual({
				advertiser_id: ADV2,
				adgroup_id: group.adgroup_id,
				schedule_end_time: '2027-03-01 11:00:00',
			});
			const bad = await update(String(group.adgroup_id), { scheduleEndTime: '2020-01-01T00:00:00Z' });
			expect(bad.error?.message).toMatch(/"Schedule End Time" field \(2020-01-01 00:00:00 UTC\) is not after the ad group's start/);
			expect(writes(fake)).toHaveLength(1);
		});

		it.each([
			['a USD daily budget under 20', { budget: 19.5 }, /"Budget" parameter is 19\.5 USD: TikTok's minimum for an ad group daily budget is 20 USD/],
			['a bid not lower than the budget', { bidPrice: 500 }, /"Bid" field \(500\) must be lower than the ad group's budget/],
			['a bid with decimals in JPY', { bidPrice: 1.5 }, /"Bid" parameter is 1\.5 JPY: JPY amounts take no decimals/],
		])('refuses %s before any write', async (label, fields, message) => {
			if (label.includes('JPY')) (fake.state.world.advertisers as Entity[]).find((a) => a.advertiser_id === ADV2)!.currency = 'JPY';
			const { error } = await update(String(cpcGroup().adgroup_id), fields);
			expect(error?.message).toMatch(message);
			expect(writes(fake)).toHaveLength(0);
		});

		it('checks a lifetime budget against 20 USD × scheduled days', async () => {
			const group = cpcGroup();
			Object.assign(byId(String(group.adgroup_id)), {
				budget_mode: 'BUDGET_MODE_TOTAL',
				schedule_start_time: '2026-11-01 00:00:00',
				schedule_end_time: '2026-12-01 00:00:00',
			});
			const { error } = await update(String(group.adgroup_id), { budget: 500 });
			expect(error?.message).toMatch(/minimum for an ad group lifetime budget over 30 scheduled days \(20 a day\) is 600 USD/);
			expect(writes(fake)).toHaveLength(0);
		});

		it.each([
			['an empty update', {}, /"Update Fields" parameter is empty/, undefined],
			['a non-numeric ID', { adGroupName: 'x' }, /"Ad Group" parameter must be a TikTok ID/, 'group-1'],
			['a budget with 3 decimals', { budget: 25.125 }, /"Budget" parameter has 3 decimals/, undefined],
		])('refuses %s before any request, naming the field', async (_label, fields, message, id: string | undefined) => {
			const { error } = await update(id ?? String(cpcGroup().adgroup_id), fields);
			expect(error?.message).toMatch(message);
			expect(fake.state.requests).toHaveLength(0);
		});

		it('a budget TikTok refuses fails only its item, naming the Budget field', async () => {
			fake.state.budgetBelowSpend = 'refuse';
			const [a, b] = groupsOf(ADV2).filter((g) => g.billing_event === 'CPC');
			byId(String(a.adgroup_id)).__spentToday = 45;
			const { items } = await run(
				{ operation: 'update', adGroupId: '={{ $json.id }}', updateFields: { budget: 40 } },
				[{ id: a.adgroup_id }, { id: b.adgroup_id }],
				true,
			);
			expect(items[0].json.error).toMatch(/lower than the amount already spent/);
			expect(items[0].json.description).toMatch(/TikTok refused the "Budget" value/);
			expect(items[1].json.budget).toBe(40);
		});

		it('without continueOnFail stops on a refused item with its index', async () => {
			const { error } = await run({ operation: 'update', adGroupId: '1799999999999999999', updateFields: { budget: 40 } }, [{ advertiserId: ADV1 }]);
			expect(error?.message).toMatch(/Ad group 1799999999999999999 was not found/);
			expect((error as NodeApiError).context.itemIndex).toBe(0);
		});
	});
});
