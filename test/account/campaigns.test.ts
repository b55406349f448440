import type { NodeApiError } from 'n8n-workflow';

import { runTikTokNode } from '../harness/engine';
import { businessCredential, useFake } from '../harness/fake';
import type { Entity } from './helpers';
import { ADV1, ADV2, ADV3, addCampaigns, addTopViewCampaign, mappedAdvertiser, requestsTo, writes } from './helpers';

type StatusBody = { advertiser_id: string; campaign_ids: string[]; operation_status: string };

describe('campaign operations through the engine', () => {
	const fake = useFake({}, { perTest: true });

	const campaignsOf = (advertiserId: string) =>
		(fake.state.world.campaigns as Entity[]).filter((c) => c.advertiser_id === advertiserId && !c.__deleted);
	const byId = (id: string) => (fake.state.world.campaigns as Entity[]).find((c) => c.campaign_id === id) as Entity;
	const run = async (parameters: Record<string, unknown>, rows: Array<Record<string, unknown>> = [{}], continueOnFail = false) =>
		await runTikTokNode({
			parameters: { resource: 'campaign', advertiserId: mappedAdvertiser, ...parameters } as never,
			credentials: [businessCredential(fake)],
			input: rows.map((r) => ({ json: { advertiserId: ADV2, ...r } })),
			continueOnFail,
		});
	const statusBodies = () => requestsTo(fake, '/campaign/status/update/').map((r) => r.body as StatusBody);
	const pause = async (ids: string[], continueOnFail = true) =>
		await run(
			{ operation: 'updateStatus', campaignId: '={{ $json.campaignId }}', operationStatus: 'DISABLE' },
			ids.map((campaignId) => ({ campaignId })),
			continueOnFail,
		);

	describe('updateStatus', () => {
		it('pauses 45 campaigns with 3 requests (20 + 20 + 5), outputs paired and in order', async () => {
			const ids = addCampaigns(fake, ADV2, 45).map((c) => String(c.campaign_id));
			const { items, error } = await pause(ids, false);
			expect(error).toBeUndefined();
			// The first batch alone, then the other two together (they may arrive in either order).
			expect(statusBodies().map((b) => [b.advertiser_id, b.operation_status, b.campaign_ids.length]).sort((a, b) => Number(b[2]) - Number(a[2]))).toEqual([
				[ADV2, 'DISABLE', 20],
				[ADV2, 'DISABLE', 20],
				[ADV2, 'DISABLE', 5],
			]);
			expect(items.map((i) => i.json)).toEqual(ids.map((id) => ({ advertiser_id: ADV2, campaign_id: id, status: 'DISABLE' })));
			expect(items.map((i) => i.pairedItem)).toEqual(ids.map((_, n) => ({ item: n })));
			for (const id of ids) expect(byId(id).operation_status).toBe('DISABLE');
		});

		it('a deleted campaign among 45 fails only its item: TikTok refuses its batch naming it, the other 19 are re-sent once', async () => {
			const ids = addCampaigns(fake, ADV2, 45).map((c) => String(c.campaign_id));
			byId(ids[30]).__deleted = true;
			const { items, error } = await pause(ids);
			expect(error).toBeUndefined();
			// The first batch alone, then the others together (in either order): 20, then {20 → refused → 19, 5}.
			expect(statusBodies()[0].campaign_ids).toHaveLength(20);
			expect(statusBodies().map((b) => b.campaign_ids.length).sort((a, b) => a - b)).toEqual([5, 19, 20, 20]);
			expect(items[30].json.error).toContain(`${ids[30]} do not exist or have been deleted`);
			expect(items[30].pairedItem).toEqual({ item: 30 });
			expect(items.filter((i) => i.json.error)).toHaveLength(1);
			for (const [n, id] of ids.entries()) {
				if (n !== 30) expect(items[n].json).toEqual({ advertiser_id: ADV2, campaign_id: id, status: 'DISABLE' });
			}
		});

		it('when TikTok does not name the campaign (switch), halves the refused batch until it stands alone', async () => {
			fake.state.campaignStatusErrorsNameIds = false;
			const ids = addCampaigns(fake, ADV2, 20).map((c) => String(c.campaign_id));
			byId(ids[13]).__deleted = true;
			const { items } = await pause(ids);
			expect(statusBodies().map((b) => b.campaign_ids.length)).toEqual([20, 10, 10, 5, 3, 2, 1, 1, 5]);
			expect(items[13].json.error).toBe('TikTok: Invalid campaign_ids.');
			expect(items.filter((i) => i.json.error)).toHaveLength(1);
		});

		it('when TikTok changes the rest and leaves the deleted one out (switch), fails it with the minimum 3 requests', async () => {
			fake.state.campaignStatusPartialSuccess = 'omit';
			const ids = addCampaigns(fake, ADV2, 45).map((c) => String(c.campaign_id));
			byId(ids[30]).__deleted = true;
			const { items } = await pause(ids);
			expect(statusBodies()[0].campaign_ids).toHaveLength(20);
			expect(statusBodies().map((b) => b.campaign_ids.length).sort((a, b) => a - b)).toEqual([5, 20, 20]);
			expect(items[30].json.error).toMatch(/did not confirm the status change of campaign/);
			expect(items.filter((i) => i.json.error)).toHaveLength(1);
		});

		it('without continueOnFail stops at the refused campaign with its item index', async () => {
			const ids = campaignsOf(ADV2).slice(0, 3).map((c) => String(c.campaign_id));
			byId(ids[2]).__deleted = true;
			const { error } = await pause(ids, false);
			expect((error as NodeApiError).context.itemIndex).toBe(2);
		});

		it.each([
			['an unknown status', { operationStatus: 'PAUSE' }, /"Status" parameter must be ENABLE, DISABLE or DELETE/],
			['a non-numeric ID', { campaignId: '18abc' }, /"Campaign" parameter must be a TikTok ID/],
		])('refuses %s before any request, naming the field', async (_label, override, message) => {
			const id = String(campaignsOf(ADV2)[0].campaign_id);
			const { error } = await run({ operation: 'updateStatus', campaignId: id, operationStatus: 'DISABLE', ...override });
			expect(error?.message).toMatch(message);
			expect(fake.state.requests).toHaveLength(0);
		});
	});

	describe('get and getMany', () => {
		it('gets campaigns by ID in one request per 100, simplified, IDs as strings; TopView ones with one more request', async () => {
			const topView = addTopViewCampaign(fake, ADV2);
			const ids = [...campaignsOf(ADV2).slice(0, 3).map((c) => String(c.campaign_id)), String(topView.campaign_id)];
			const { items, error } = await run({ operation: 'get', campaignId: '={{ $json.campaignId }}' }, ids.map((campaignId) => ({ campaignId })));
			expect(error).toBeUndefined();
			const requests = requestsTo(fake, '/campaign/get/');
			expect(requests.map((r) => JSON.parse(r.query.filtering))).toEqual([
				{ campaign_ids: ids, primary_status: 'STATUS_ALL' },
				{ campaign_ids: [ids[3]], primary_status: 'STATUS_ALL', buying_types: ['RESERVATION_TOP_VIEW'] },
			]);
			expect(items.map((i) => i.json.campaign_id)).toEqual(ids);
			expect(items[3].json).toMatchObject({ objective_type: 'TOPVIEW_REACH', rf_campaign_type: 'TOPVIEW' });
			expect(Object.keys(items[0].json).sort()).toEqual(
				['advertiser_id', 'budget', 'budget_mode', 'campaign_id', 'campaign_name', 'create_time', 'modify_time', 'objective_type', 'operation_status', 'secondary_status'].sort(),
			);
			expect(typeof items[0].json.campaign_id).toBe('string');
		});

		it('with Simplify off returns every field TikTok sends', async () => {
			const [campaign] = campaignsOf(ADV2);
			const { items } = await run({ operation: 'get', campaignId: String(campaign.campaign_id), simplify: false });
			expect(requestsTo(fake, '/campaign/get/')[0].query.fields).toBeUndefined();
			expect(items[0].json).toHaveProperty('campaign_type', 'REGULAR_CAMPAIGN');
		});

		it('a campaign TikTok does not have fails its item only', async () => {
			const [campaign] = campaignsOf(ADV2);
			const { items } = await run(
				{ operation: 'get', campaignId: '={{ $json.campaignId }}' },
				[{ campaignId: String(campaign.campaign_id) }, { campaignId: '1899999999999999999' }],
				true,
			);
			expect(items[0].json.campaign_id).toBe(campaign.campaign_id);
			expect(items[1].json.error).toMatch(/Campaign 1899999999999999999 was not found/);
		});

		it('searches with filters (name, objective, status incl. deleted, created between, TopView) and a limit', async () => {
			addTopViewCampaign(fake, ADV2);
			const { items } = await run({
				operation: 'getMany',
				limit: 5,
				filters: { name: 'campaign', objectiveType: 'TRAFFIC', primaryStatus: 'STATUS_ALL', createdAfter: '2026-01-01T00:00:00Z', createdBefore: '2026-12-31T00:00:00Z' },
			});
			const [request] = requestsTo(fake, '/campaign/get/');
			expect(JSON.parse(request.query.filtering)).toEqual({
				campaign_name: 'campaign',
				objective_type: 'TRAFFIC',
				primary_status: 'STATUS_ALL',
				creation_filter_start_time: '2026-01-01 00:00:00',
				creation_filter_end_time: '2026-12-31 00:00:00',
			});
			expect(request.query.page_size).toBe('5');
			expect(items.every((i) => i.json.objective_type === 'TRAFFIC')).toBe(true);

			fake.state.clearRequests();
			const topView = await run({ operation: 'getMany', returnAll: true, filters: { buyingType: 'RESERVATION_TOP_VIEW' } });
			expect(JSON.parse(requestsTo(fake, '/campaign/get/')[0].query.filtering)).toEqual({ buying_types: ['RESERVATION_TOP_VIEW'] });
			expect(topView.items.map((i) => i.json.objective_type)).toEqual(['TOPVIEW_REACH']);
		});

		it.each([
			['caps TopView pages at 100 for campaigns too (default)', true],
			['takes 1000 (switch)', false],
		])('lists 120 TopView campaigns 100 a page whether TikTok %s', async (_label, cap) => {
			fake.state.topViewPageSizeCapForCampaigns = cap;
			for (let n = 0; n < 120; n++) addTopViewCampaign(fake, ADV1);
			const { items, error } = await run({ operation: 'getMany', returnAll: true, filters: { buyingType: 'RESERVATION_TOP_VIEW' } }, [{ advertiserId: ADV1 }]);
			expect(error).toBeUndefined();
			expect(requestsTo(fake, '/campaign/get/').map((r) => r.query.page_size)).toEqual(['100', '100']);
			expect(items).toHaveLength(120);
			// The fake does enforce the cap it is switched to: 1000 a page is refused only with the cap.
			const direct = await fetch(`${fake.url}/open_api/v1.3/campaign/get/?advertiser_id=${ADV1}&page_size=1000&filtering=${encodeURIComponent('{"buying_types":["RESERVATION_TOP_VIEW"]}')}`, {
				headers: { 'Access-Token': fake.FAKE.businessToken },
			});
			expect(((await direct.json()) as { code: number }).code).toBe(cap ? 40002 : 0);
		});

		it('refuses an unknown objective filter before any request', async () => {
			const { error } = await run({ operation: 'getMany', filters: { objectiveType: 'SELL_MORE' } });
			expect(error?.message).toMatch(/"Objective" parameter must be one of/);
			expect(fake.state.requests).toHaveLength(0);
		});
	});

	describe('create', () => {
		const create = async (parameters: Record<string, unknown>, rows?: Array<Record<string, unknown>>, continueOnFail = false) =>
			await run({ operation: 'create', campaignName: 'November promo', objectiveType: 'TRAFFIC', budgetMode: 'BUDGET_MODE_DAY', budget: 120.5, ...parameters }, rows, continueOnFail);

		it('creates a campaign with the budget as typed, after reading the currency once', async () => {
			const { items, error } = await create({ additionalFields: { operationStatus: 'DISABLE', poNumber: 'PO-7', specialIndustries: ['HOUSING'] } });
			expect(error).toBeUndefined();
			expect(requestsTo(fake, '/advertiser/info/')).toHaveLength(1);
			const [post] = requestsTo(fake, '/campaign/create/');
			expect(post.body).toEqual({
				advertiser_id: ADV2,
				campaign_name: 'November promo',
				objective_type: 'TRAFFIC',
				budget_mode: 'BUDGET_MODE_DAY',
				budget: 120.5,
				operation_status: 'DISABLE',
				po_number: 'PO-7',
				special_industries: ['HOUSING'],
				// Derived from the execution, node and item (issue 23 item 4).
				request_id: expect.stringMatching(/^\d{1,19}$/),
			});
			expect(items[0].json).toMatchObject({ campaign_name: 'November promo', budget: 120.5, operation_status: 'DISABLE' });
			expect(typeof items[0].json.campaign_id).toBe('string');
		});

		it('refuses a USD budget under 50 before any write, naming the field', async () => {
			const { error } = await create({ budget: 49.99 });
			expect(error?.message).toBe('The "Budget" parameter is 49.99 USD: TikTok\'s minimum for a campaign budget is 50 USD');
			expect(writes(fake)).toHaveLength(0);
		});

		it('refuses more than 2 decimals before any request at all', async () => {
			const { error } = await create({ budget: 120.555 });
			expect(error?.message).toMatch(/"Budget" parameter has 3 decimals \(120\.555\): TikTok takes at most 2, and the node does not round/);
			expect(fake.state.requests).toHaveLength(0);
		});

		it('refuses decimals in a currency without them (JPY) before any write', async () => {
			(fake.state.world.advertisers as Entity[]).find((a) => a.advertiser_id === ADV3)!.currency = 'JPY';
			const { error } = await create({ budget: 8000.5 }, [{ advertiserId: ADV3 }]);
			expect(error?.message).toMatch(/"Budget" parameter is 8000\.5 JPY: JPY amounts take no decimals/);
			expect(writes(fake)).toHaveLength(0);
		});

		it('leaves minimums in other currencies to TikTok: sent when TikTok has none (default), TikTok refusal naming Budget when it has one (switch)', async () => {
			const accepted = await create({ budget: 10 }, [{ advertiserId: ADV3 }]);
			expect(accepted.error).toBeUndefined();
			expect(accepted.items[0].json.budget).toBe(10);

			fake.state.budgetMinimums = { ...(fake.state.budgetMinimums as object), EUR: { campaignDaily: 50, campaignTotal: 50, adgroupDaily: 20 } };
			const refused = await create({ budget: 10 }, [{ advertiserId: ADV3 }]);
			expect(refused.error?.message).toBe('TikTok: budget: The budget must be at least 50 EUR.');
			expect((refused.error as NodeApiError).description).toMatch(/TikTok refused the "Budget" value/);
		});

		it.each([
			['an unknown objective', { objectiveType: 'SELL_MORE' }, /"Objective" parameter must be one of/, undefined],
			['an unknown budget mode', { budgetMode: 'BUDGET_MODE_WEEK' }, /"Budget Mode" parameter must be one of/, undefined],
			['a budget that is not a number', { budget: '={{ "lots" }}' }, /"Budget" parameter must be a positive amount/, undefined],
			['an empty name', { campaignName: '={{ "" }}' }, /"Campaign Name" parameter is empty/, undefined],
			['a non-numeric advertiser', {}, /"Advertiser" parameter must be a TikTok ID/, [{ advertiserId: 'acme' }]],
			['Reach & Frequency with a budget mode', { objectiveType: 'RF_REACH' }, /"Budget Mode" parameter must be No Limit/, undefined],
			['Other Fields TikTok does not take', { additionalFields: { otherFields: '{"adgroup_name": "x"}' } }, /"Other Fields \(JSON\)" parameter holds "adgroup_name"/, undefined],
		])('refuses %s before any request, naming the field', async (_label, override, message, rows: Array<Record<string, unknown>> | undefined) => {
			const { error } = await create(override, rows);
			expect(error?.message).toMatch(message);
			expect(fake.state.requests).toHaveLength(0);
		});
	});

	describe('update', () => {
		const update = async (campaignId: string, updateFields: Record<string, unknown>, continueOnFail = false) =>
			await run({ operation: 'update', campaignId, updateFields }, [{}], continueOnFail);

		it('sends only the fields set: a new name is one request with just that name', async () => {
			const [campaign] = campaignsOf(ADV2);
			const { items, error } = await update(String(campaign.campaign_id), { campaignName: 'Renamed' });
			expect(error).toBeUndefined();
			expect(fake.state.requests.map((r) => r.path)).toEqual(['/open_api/v1.3/campaign/update/']);
			expect(fake.state.requests[0].body).toEqual({ advertiser_id: ADV2, campaign_id: campaign.campaign_id, campaign_name: 'Renamed' });
			expect(items[0].json).toMatchObject({ campaign_id: campaign.campaign_id, campaign_name: 'Renamed', budget: campaign.budget });
		});

		it('a new budget is checked against the campaign and currency (reads), then sent alone', async () => {
			const [campaign] = campaignsOf(ADV2);
			const { items, error } = await update(String(campaign.campaign_id), { budget: '250.75' });
			expect(error).toBeUndefined();
			expect(requestsTo(fake, '/campaign/update/')[0].body).toEqual({ advertiser_id: ADV2, campaign_id: campaign.campaign_id, budget: 250.75 });
			expect(writes(fake)).toHaveLength(1);
			expect(items[0].json.budget).toBe(250.75);
		});

		it('refuses a budget under the minimum before any write', async () => {
			const [campaign] = campaignsOf(ADV2);
			const { error } = await update(String(campaign.campaign_id), { budget: 20 });
			expect(error?.message).toMatch(/"Budget" parameter is 20 USD: TikTok's minimum for a campaign budget is 50 USD/);
			expect(writes(fake)).toHaveLength(0);
		});

		it('refuses an empty update before any request', async () => {
			const [campaign] = campaignsOf(ADV2);
			const { error } = await update(String(campaign.campaign_id), {});
			expect(error?.message).toMatch(/"Update Fields" parameter is empty/);
			expect(fake.state.requests).toHaveLength(0);
		});

		it.each([
			['allows a second budget change at once (default)', 0, undefined],
			['refuses it, naming the Budget field, when TikTok limits how often (switch)', 3_600_000, /changed too recently/],
		])('daily budget changed twice in a row: TikTok %s', async (_label, interval, refusal) => {
			fake.state.budgetChangeMinIntervalMs = interval;
			const [campaign] = campaignsOf(ADV2);
			await update(String(campaign.campaign_id), { budget: 300 });
			const second = await update(String(campaign.campaign_id), { budget: 400 }, true);
			if (!refusal) {
				expect(second.items[0].json.budget).toBe(400);
			} else {
				expect(second.items[0].json.error).toMatch(refusal);
				expect(second.items[0].json.description).toMatch(/TikTok refused the "Budget" value/);
				expect(byId(String(campaign.campaign_id)).budget).toBe(300);
			}
		});

		it.each([
			['allows it (default)', 'allow', undefined],
			['refuses it, naming the Budget field (switch)', 'refuse', /lower than the amount already spent/],
		])('lowering a budget below what was spent today: TikTok %s', async (_label, mode, refusal) => {
			fake.state.budgetBelowSpend = mode;
			const [campaign] = campaignsOf(ADV2);
			byId(String(campaign.campaign_id)).__spentToday = 80;
			const { items } = await update(String(campaign.campaign_id), { budget: 60 }, true);
			if (!refusal) expect(items[0].json.budget).toBe(60);
			else {
				expect(items[0].json.error).toMatch(refusal);
				expect(items[0].json.description).toMatch(/"Budget"/);
			}
		});

		it('refuses a budget on a campaign without a budget limit before writing', async () => {
			const topView = addTopViewCampaign(fake, ADV1);
			const noLimit = campaignsOf(ADV2)[0];
			byId(String(noLimit.campaign_id)).budget_mode = 'BUDGET_MODE_INFINITE';
			const one = await update(String(noLimit.campaign_id), { budget: 100 });
			expect(one.error?.message).toMatch(/"Budget" parameter cannot be set: this campaign has no budget limit/);
			const two = await run({ operation: 'update', campaignId: String(topView.campaign_id), updateFields: { budget: 100 } }, [{ advertiserId: ADV1 }]);
			expect(two.error?.message).toMatch(/TopView campaign/);
			expect(writes(fake)).toHaveLength(0);
		});
	});
});
