import type { IDataObject, INode } from 'n8n-workflow';

import { ADV1, ADV3, BUSINESS_PREFIX, businessCredential, useFake } from '../harness/fake';
import { callTool as callAgentTool } from '../harness/tool';

/** The node as an AI Agent's tool, built and run by n8n-core (test/harness/tool.ts). */

const UTC_ADVERTISER = ADV3; // Etc/UTC
const ADVERTISER = ADV1;

describe('as an AI Agent tool, built and run by n8n-core', () => {
	const fake = useFake();

	const callTool = async (parameters: INode['parameters'], args: IDataObject[]) =>
		await callAgentTool(parameters, args, [businessCredential(fake)]);

	const report = (extra: IDataObject = {}) => ({
		resource: 'adReport',
		operation: 'getMany',
		advertiserId: { __rl: true, mode: 'id', value: UTC_ADVERTISER },
		dimensions: ['campaign_id', 'stat_time_day'],
		metrics: ['spend'],
		dateRange: "={{ $fromAI('dateRange', 'Which days to report on', 'string') }}",
		reportType: "={{ $fromAI('reportType', 'BASIC or AUDIENCE', 'string') }}",
		dataLevel: "={{ $fromAI('dataLevel', 'AUCTION_CAMPAIGN, AUCTION_AD...', 'string') }}",
		returnAll: true,
		...extra,
	});
	const reportRequests = () => fake.state.requestsTo(`${BUSINESS_PREFIX}/report/integrated/get/`);

	it("the tool's schema lets the model set dateRange, reportType and dataLevel, and the report runs with them", async () => {
		const [yesterday, week] = await callTool(report(), [
			{ dateRange: 'yesterday', reportType: 'BASIC', dataLevel: 'AUCTION_CAMPAIGN' },
			{ dateRange: 'last7Days', reportType: 'BASIC', dataLevel: 'AUCTION_AD' },
		]);
		expect(yesterday.error).toBeUndefined();
		expect(yesterday.name).toBe('TikTok_Ads');
		expect([...(yesterday.schemaKeys as string[])].sort()).toEqual(['dataLevel', 'dateRange', 'reportType']);
		expect(Array.isArray(yesterday.response)).toBe(true);

		const requests = reportRequests();
		expect(requests).toHaveLength(2);
		const day = (offset: number) => new Date(Date.now() - offset * 86400000).toISOString().slice(0, 10);
		expect([requests[0].query.start_date, requests[0].query.end_date]).toEqual([day(1), day(1)]);
		expect(requests[0].query.data_level).toBe('AUCTION_CAMPAIGN');
		expect([requests[1].query.start_date, requests[1].query.end_date]).toEqual([day(7), day(1)]);
		expect(requests[1].query.data_level).toBe('AUCTION_AD');
		expect(week.error).toBeUndefined();
	});

	it('a value the model makes up is refused before any request, naming the parameter and its allowed values', async () => {
		const [made] = await callTool(report(), [{ dateRange: 'lastYear', reportType: 'BASIC', dataLevel: 'AUCTION_CAMPAIGN' }]);
		expect(made.error).toMatch(/"Date Range" parameter must be one of today, yesterday, last7Days/);
		const [type] = await callTool(report(), [{ dateRange: 'today', reportType: 'SUPER', dataLevel: 'AUCTION_CAMPAIGN' }]);
		expect(type.error).toMatch(/"Report Type" parameter must be one of .*BASIC/);
		expect(reportRequests()).toHaveLength(0);
	});

	const statusTool = (extra: IDataObject = {}) => ({
		resource: 'ad',
		operation: 'updateStatus',
		advertiserId: { __rl: true, mode: 'id', value: ADVERTISER },
		adId: "={{ $fromAI('adId', 'ID of the ad', 'string') }}",
		operationStatus: "={{ $fromAI('status', 'ENABLE, DISABLE or DELETE', 'string') }}",
		...extra,
	});
	const liveAd = () =>
		(fake.state.world.ads as Array<{ ad_id: string; advertiser_id: string; __deleted: boolean }>).find(
			(a) => a.advertiser_id === ADVERTISER && !a.__deleted,
		)!;
	const statusRequests = () => fake.state.requestsTo(`${BUSINESS_PREFIX}/ad/status/update/`);

	it('with destructive operations withheld (the default), the tool cannot delete an ad; pausing still works', async () => {
		const ad = liveAd();
		const [del, pause] = await callTool(statusTool(), [
			{ adId: ad.ad_id, status: 'DELETE' },
			{ adId: ad.ad_id, status: 'DISABLE' },
		]);
		expect(del.description).toMatch(/irreversibly delete it/);
		expect(del.error).toMatch(/Not allowed to delete an ad/);
		expect(statusRequests().map((r) => (r.body as IDataObject).operation_status)).toEqual(['DISABLE']);
		expect(ad.__deleted).toBe(false);
		expect(pause.error).toBeUndefined();
		expect(pause.response).toEqual([expect.objectContaining({ ad_id: ad.ad_id, status: 'DISABLE' })]);
	});

	it('withheld: the tool cannot delete a campaign or an ad group either', async () => {
		const ad = liveAd() as unknown as { campaign_id: string; adgroup_id: string };
		const [campaign] = await callTool(
			{ resource: 'campaign', operation: 'updateStatus', advertiserId: { __rl: true, mode: 'id', value: ADVERTISER }, campaignId: "={{ $fromAI('id', 'campaign ID', 'string') }}", operationStatus: 'DELETE' },
			[{ id: ad.campaign_id }],
		);
		const [group] = await callTool(
			{ resource: 'adGroup', operation: 'updateStatus', advertiserId: { __rl: true, mode: 'id', value: ADVERTISER }, adGroupId: "={{ $fromAI('id', 'ad group ID', 'string') }}", operationStatus: 'DELETE' },
			[{ id: ad.adgroup_id }],
		);
		expect(campaign.description).toMatch(/irreversibly delete it/);
		expect(campaign.error).toMatch(/Not allowed to delete a campaign/);
		expect(group.error).toMatch(/Not allowed to delete an ad group/);
		expect(fake.state.requests.filter((r) => r.path.includes('/status/update/'))).toHaveLength(0);
	});

	it('a workflow author who allows destructive operations lets the agent delete the ad', async () => {
		const ad = liveAd();
		const [del] = await callTool(statusTool({ allowDestructiveOperations: true }), [{ adId: ad.ad_id, status: 'DELETE' }]);
		expect(del.error).toBeUndefined();
		expect(statusRequests().map((r) => (r.body as IDataObject).operation_status)).toEqual(['DELETE']);
		expect(ad.__deleted).toBe(true);
	});

	it('withheld: an API call other than GET is refused before it is sent; a GET goes through', async () => {
		const call = {
			resource: 'apiCall',
			operation: 'make',
			api: 'business',
			method: "={{ $fromAI('method', 'GET or POST', 'string') }}",
			url: "={{ $fromAI('url', 'path of the endpoint', 'string') }}",
			body: JSON.stringify({ advertiser_id: ADVERTISER, ad_ids: [liveAd().ad_id], operation_status: 'DELETE' }),
		};
		const [post, get] = await callTool(call, [
			{ method: 'POST', url: '/ad/status/update/' },
			{ method: 'GET', url: `/advertiser/info/?advertiser_ids=["${ADVERTISER}"]` },
		]);
		expect(post.description).toMatch(/irreversibly delete data/);
		expect(post.error).toMatch(/Not allowed to make a POST API call/);
		expect(statusRequests()).toHaveLength(0);
		expect(get.error).toBeUndefined();
	});

	it('the same node outside an agent is not restricted', async () => {
		const { runTikTokNode } = await import('../harness/engine');
		const ad = liveAd();
		const { error } = await runTikTokNode({
			parameters: { resource: 'ad', operation: 'updateStatus', advertiserId: { __rl: true, mode: 'id', value: ADVERTISER }, adId: ad.ad_id, operationStatus: 'DELETE' },
			credentials: [businessCredential(fake)],
		});
		expect(error).toBeUndefined();
		expect(ad.__deleted).toBe(true);
	});
});
