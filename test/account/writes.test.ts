import type { INode } from 'n8n-workflow';

import { runTikTokNode, runWorkflow, tikTokNode } from '../harness/engine';
import { BUSINESS_PREFIX, businessCredential, queueFault, useFake } from '../harness/fake';
import type { Entity } from './helpers';
import { ADV2, addAdGroups, requestsTo, writes } from './helpers';

const CREATE = `${BUSINESS_PREFIX}/campaign/create/`;
const advertiser = { __rl: true, mode: 'id', value: ADV2 };

type Body = Record<string, unknown>;

describe('campaign and ad group writes: idempotent creates, exact amounts, TikTok rules (issues 23, 24)', () => {
	const fake = useFake({}, { perTest: true });
	const campaignsOf = () => (fake.state.world.campaigns as Entity[]).filter((c) => c.advertiser_id === ADV2);
	const groupsOf = () => (fake.state.world.adgroups as Entity[]).filter((g) => g.advertiser_id === ADV2 && !g.__deleted);
	const switches = (values: Record<string, unknown>) => Object.assign(fake.state, values);
	const bodiesTo = (path: string) => requestsTo(fake, path).map((r) => r.body as Body);

	const createParameters = (extra: Record<string, unknown> = {}) => ({
		resource: 'campaign',
		operation: 'create',
		advertiserId: advertiser,
		campaignName: 'Retry me',
		objectiveType: 'TRAFFIC',
		budgetMode: 'BUDGET_MODE_DAY',
		budget: 80,
		additionalFields: {},
		...extra,
	});
	/** A Campaign → Create node with n8n's "Retry On Fail" (3 tries, no wait), run in execution `executionId`. */
	const createWithRetry = async (executionId: string, extra: Record<string, unknown> = {}) => {
		const node: INode = tikTokNode(createParameters(extra), { tikTokBusinessOAuth2Api: businessCredential(fake).id }, {
			retryOnFail: true,
			maxTries: 3,
			waitBetweenTries: 0,
		});
		return await runWorkflow({ nodes: [node], credentials: [businessCredential(fake)], executionId });
	};
	const failCreateAfterApplying = () => queueFault(fake, { kind: 'applyThenFail', path: CREATE, mode: '500' });

	describe('Retry On Fail (issue 23 item 4)', () => {
		it('a create TikTok applied and answered 500 leaves exactly one campaign; the retry, refused for its request_id, says so', async () => {
			const before = campaignsOf().length;
			failCreateAfterApplying();
			const { error } = await createWithRetry('exec-1');
			expect(campaignsOf()).toHaveLength(before + 1);
			const ids = bodiesTo('/campaign/create/').map((b) => b.request_id);
			expect(ids.length).toBeGreaterThanOrEqual(2);
			expect(new Set(ids).size).toBe(1);
			expect(String(ids[0])).toMatch(/^\d{1,19}$/);
			expect(BigInt(String(ids[0])) <= BigInt('9223372036854775807')).toBe(true);
			expect((error as { description?: string }).description).toMatch(/already has the campaign of request ID \d+.*Nothing new was created/);
		});

		it("with TikTok answering a repeated request_id with the first campaign (switch), the retry succeeds with it", async () => {
			switches({ repeatedRequestId: 'same' });
			const before = campaignsOf().length;
			failCreateAfterApplying();
			const run = await createWithRetry('exec-2');
			expect(run.error).toBeUndefined();
			expect(campaignsOf()).toHaveLength(before + 1);
			const created = campaignsOf()[campaignsOf().length - 1];
			expect(run.output().map((i) => i.json.campaign_id)).toEqual([created.campaign_id]);
		});

		it('a new execution sends another request_id (a second campaign is wanted); a typed Request ID wins', async () => {
			await createWithRetry('exec-a');
			await createWithRetry('exec-b');
			await createWithRetry('exec-c', { additionalFields: { requestId: '123456789' } });
			const ids = bodiesTo('/campaign/create/').map((b) => b.request_id);
			expect(ids).toHaveLength(3);
			expect(ids[0]).not.toEqual(ids[1]);
			expect(ids[2]).toBe('123456789');
		});

		it('two items of one run get two request_ids', async () => {
			const { items, error } = await runTikTokNode({
				parameters: createParameters({ campaignName: '={{ $json.name }}' }),
				credentials: [businessCredential(fake)],
				input: [{ json: { name: 'One' } }, { json: { name: 'Two' } }],
			});
			expect(error).toBeUndefined();
			expect(items).toHaveLength(2);
			const ids = bodiesTo('/campaign/create/').map((b) => b.request_id);
			expect(new Set(ids).size).toBe(2);
		});
	});

	describe('amounts beyond 2^53 (issue 23 item 9)', () => {
		it.each([
			['typed as text', '9007199254740993'],
			['mapped as a number', Number('9007199254740993')],
			['with cents', '90071992547409.93'],
		])('a budget %s is refused before any request, not sent as another number', async (_how, budget) => {
			const { error } = await runTikTokNode({
				parameters: createParameters({ budget: '={{ $json.budget }}' }),
				credentials: [businessCredential(fake)],
				input: [{ json: { budget } }],
			});
			expect(error?.message).toMatch(/"Budget" parameter is too large to be sent exactly/);
			expect(writes(fake)).toHaveLength(0);
		});

		it('a bid beyond 2^53 is refused before any request; the largest exact amount is sent as typed', async () => {
			const group = groupsOf().find((g) => g.bid_type === 'BID_TYPE_CUSTOM')!;
			const update = (bidPrice: unknown) =>
				runTikTokNode({
					parameters: { resource: 'adGroup', operation: 'update', advertiserId: advertiser, adGroupId: String(group.adgroup_id), updateFields: { bidPrice } } as never,
					credentials: [businessCredential(fake)],
				});
			expect((await update('9007199254740993')).error?.message).toMatch(/"Bid" parameter is too large to be sent exactly/);
			expect(writes(fake)).toHaveLength(0);
			const { error } = await update('9007199254740991');
			expect(error?.message).toMatch(/lower than the ad group's budget/);
		});
	});

	describe('bids against both budgets (issue 23 item 9, issue 24 item 7)', () => {
		it("a bid below the ad group's budget but not the campaign's is refused before any write", async () => {
			const group = groupsOf().find((g) => g.bid_type === 'BID_TYPE_CUSTOM')!;
			const campaign = campaignsOf().find((c) => c.campaign_id === group.campaign_id)!;
			Object.assign(campaign, { budget_mode: 'BUDGET_MODE_DAY', budget: 50 });
			Object.assign(group, { budget_mode: 'BUDGET_MODE_DAY', budget: 200 });
			const { error } = await runTikTokNode({
				parameters: { resource: 'adGroup', operation: 'update', advertiserId: advertiser, adGroupId: String(group.adgroup_id), updateFields: { bidPrice: 60 } } as never,
				credentials: [businessCredential(fake)],
			});
			expect(error?.message).toBe('The "Bid" field (60) must be lower than the campaign\'s budget (50 USD)');
			expect(writes(fake)).toHaveLength(0);
		});
	});

	describe('maximum delivery and "from now" ad groups (issue 24 items 4, 5)', () => {
		const fromNowGroup = () => {
			addAdGroups(fake, ADV2, 1);
			const group = groupsOf()[groupsOf().length - 1];
			expect(group).toMatchObject({ bid_type: 'BID_TYPE_NO_BID', schedule_type: 'SCHEDULE_FROM_NOW', billing_event: 'CPC' });
			return group;
		};
		const update = (group: Entity, updateFields: Record<string, unknown>) =>
			runTikTokNode({
				parameters: { resource: 'adGroup', operation: 'update', advertiserId: advertiser, adGroupId: String(group.adgroup_id), updateFields } as never,
				credentials: [businessCredential(fake)],
			});

		it.each(['refuse', 'ignore'])('a bid on a BID_TYPE_NO_BID ad group also sends BID_TYPE_CUSTOM, accepted (bidOnNoBid %s)', async (mode) => {
			switches({ bidOnNoBid: mode });
			const group = fromNowGroup();
			const { error, items } = await update(group, { bidPrice: 2.5 });
			expect(error).toBeUndefined();
			expect(bodiesTo('/adgroup/update/')).toEqual([{ advertiser_id: ADV2, adgroup_id: group.adgroup_id, bid_price: 2.5, bid_type: 'BID_TYPE_CUSTOM' }]);
			expect(items[0].json).toMatchObject({ bid_type: 'BID_TYPE_CUSTOM', bid_price: 2.5 });
		});

		it('the strict fake refuses a bid alone on a BID_TYPE_NO_BID ad group (what the node no longer sends)', async () => {
			const group = fromNowGroup();
			const { error } = await runTikTokNode({
				parameters: { resource: 'apiCall', operation: 'make', api: 'business', method: 'POST', url: '/adgroup/update/', body: JSON.stringify({ advertiser_id: ADV2, adgroup_id: group.adgroup_id, bid_price: 2.5 }) } as never,
				credentials: [businessCredential(fake)],
			});
			expect(String(error?.message ?? '') + String((error as { description?: string })?.description ?? '')).toMatch(/BID_TYPE_CUSTOM/);
		});

		it.each(['refuse', 'accept'])('a new end on a SCHEDULE_FROM_NOW ad group sends SCHEDULE_START_END with its start (endTimeOnFromNow %s)', async (mode) => {
			switches({ endTimeOnFromNow: mode });
			const group = fromNowGroup();
			const { error, items } = await update(group, { scheduleEndTime: '2027-03-01T00:00:00Z' });
			expect(error).toBeUndefined();
			expect(bodiesTo('/adgroup/update/')).toEqual([
				{
					advertiser_id: ADV2,
					adgroup_id: group.adgroup_id,
					schedule_end_time: '2027-03-01 00:00:00',
					schedule_type: 'SCHEDULE_START_END',
					schedule_start_time: group.schedule_start_time,
				},
			]);
			expect(items[0].json).toMatchObject({ schedule_type: 'SCHEDULE_START_END', schedule_end_time: '2027-03-01 00:00:00' });
		});
	});

	describe('names, R&F status, budget minimums (issue 24 item 7)', () => {
		it('a 300-character Chinese campaign name (600 as TikTok counts) is refused before any request', async () => {
			const { error } = await runTikTokNode({
				parameters: createParameters({ campaignName: '广'.repeat(300) }),
				credentials: [businessCredential(fake)],
			});
			expect(error?.message).toMatch(/"Campaign Name" parameter is 600 characters long as TikTok counts it \(300 characters; Chinese and Japanese ones count 2\): TikTok takes at most 512/);
			expect(fake.state.requests).toHaveLength(0);
		});

		it.each([
			[true, 'refused by TikTok, naming the field'],
			[false, 'accepted'],
		])('a 300-character Korean name (counting not documented) is sent; with Hangul counted 2 = %s: %s', async (wide) => {
			switches({ nameHangulWide: wide });
			const { error } = await runTikTokNode({ parameters: createParameters({ campaignName: '가'.repeat(300) }), credentials: [businessCredential(fake)] });
			expect(requestsTo(fake, '/campaign/create/')).toHaveLength(1);
			if (wide) expect(`${error?.message} ${(error as { description?: string }).description}`).toMatch(/campaign_name[\s\S]*"Campaign Name"/);
			else expect(error).toBeUndefined();
		});

		it('a Reach & Frequency campaign with Status Disabled is refused before any request', async () => {
			const { error } = await runTikTokNode({
				parameters: createParameters({ objectiveType: 'RF_REACH', budgetMode: 'BUDGET_MODE_INFINITE', additionalFields: { operationStatus: 'DISABLE' } }),
				credentials: [businessCredential(fake)],
			});
			expect(error?.message).toMatch(/"Status" parameter cannot be Disabled for a Reach & Frequency campaign/);
			expect(fake.state.requests).toHaveLength(0);
		});

		it.each([
			['minimum', undefined],
			['exceed', /TikTok refused the "Budget" value/],
		])('a budget of exactly 50 USD is sent (budgetMinimumRule %s)', async (rule, refusal) => {
			switches({ budgetMinimumRule: rule });
			const { error } = await runTikTokNode({ parameters: createParameters({ budget: 50 }), credentials: [businessCredential(fake)] });
			expect(requestsTo(fake, '/campaign/create/')).toHaveLength(1);
			if (refusal) expect((error as { description?: string }).description).toMatch(refusal);
			else expect(error).toBeUndefined();
		});
	});
});
