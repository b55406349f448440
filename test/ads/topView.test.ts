/* eslint-disable @n8n/community-nodes/no-restricted-globals -- a test, not node code: its own rules are test/eslint.config.mjs */
import type { ILoadOptionsFunctions, INodeParameters, INodePropertyOptions, INodeType } from 'n8n-workflow';

import { createAdditionalData, createCredentialsHelper, loadPackage, runTikTokNode, triggerNode, triggerWorkflow } from '../harness/engine';
import { ADV1, BUSINESS_PREFIX, businessCredential, useFake } from '../harness/fake';
import { idsOf, makeTrigger } from '../trigger/helpers';

// After the harness: it prepares n8n-core's environment.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { LoadOptionsContext } = require('n8n-core') as typeof import('n8n-core');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { addTopViewAd } = require('../fake-tiktok/contract') as {
	addTopViewAd: (state: unknown, options?: Record<string, unknown>) => { campaign_id: string; adgroup_id: string; ad_id: string };
};

const ADVERTISER = ADV1;
const AD_GET = `${BUSINESS_PREFIX}/ad/get/`;
const rl = (value: string) => ({ __rl: true, mode: 'id', value });

/**
 * TopView (reservation) ads: TikTok's default `buying_types` (AUCTION, RESERVATION_RF) leaves them out and
 * RESERVATION_TOP_VIEW cannot share a request with other values (bububa model/ad/get.go). The strict fake does the same.
 */
describe('TopView (reservation) ads and campaigns', () => {
	const fake = useFake({}, { perTest: true });

	/** Every /ad/get/ request sent either no buying_types or RESERVATION_TOP_VIEW alone (TikTok refuses a mix). */
	function expectValidBuyingTypes() {
		for (const request of fake.state.requestsTo(AD_GET)) {
			const filtering = JSON.parse(request.query.filtering ?? '{}') as { buying_types?: string[] };
			if (filtering.buying_types) expect(filtering.buying_types).toEqual(['RESERVATION_TOP_VIEW']);
		}
	}

	it('the strict fake hides them from a default listing, as TikTok documents', async () => {
		const topView = addTopViewAd(fake.state);
		const response = await fetch(`${fake.url}${AD_GET}?advertiser_id=${ADVERTISER}&page_size=1000&filtering=${encodeURIComponent(JSON.stringify({ ad_ids: [topView.ad_id] }))}`, {
			headers: { 'Access-Token': fake.FAKE.businessToken },
		});
		expect(((await response.json()) as { data: { list: unknown[] } }).data.list).toEqual([]);
	});

	it('ad.get finds a TopView ad: one default request, then one for the ID it did not return', async () => {
		const topView = addTopViewAd(fake.state);
		const { error, items } = await runTikTokNode({
			parameters: { resource: 'ad', operation: 'get', advertiserId: rl(ADVERTISER), adId: topView.ad_id },
			credentials: [businessCredential(fake)],
		});
		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({ ad_id: topView.ad_id, campaign_id: topView.campaign_id });
		expect(fake.state.requestsTo(AD_GET)).toHaveLength(2);
		expectValidBuyingTypes();
	});

	it('ad.get of an ordinary ad costs no extra request', async () => {
		const ad = fake.state.world.ads.find((a) => a.advertiser_id === ADVERTISER && !a.__deleted)!;
		const { error } = await runTikTokNode({
			parameters: { resource: 'ad', operation: 'get', advertiserId: rl(ADVERTISER), adId: String(ad.ad_id) },
			credentials: [businessCredential(fake)],
		});
		expect(error).toBeUndefined();
		expect(fake.state.requestsTo(AD_GET)).toHaveLength(1);
	});

	it('ad.getMany lists TopView ads with the others', async () => {
		const topView = addTopViewAd(fake.state);
		const { error, items } = await runTikTokNode({
			parameters: { resource: 'ad', operation: 'getMany', advertiserId: rl(ADVERTISER), returnAll: true },
			credentials: [businessCredential(fake)],
		});
		expect(error).toBeUndefined();
		const ids = items.map((i) => i.json.ad_id);
		expect(ids).toContain(topView.ad_id);
		const live = fake.state.world.ads.filter((a) => a.advertiser_id === ADVERTISER && !a.__deleted);
		expect(new Set(ids)).toEqual(new Set(live.map((a) => a.ad_id)));
		expectValidBuyingTypes();
	});

	it('ad.getMany filtered by ad IDs finds a TopView one', async () => {
		const topView = addTopViewAd(fake.state);
		const ad = fake.state.world.ads.find((a) => a.advertiser_id === ADVERTISER && !a.__deleted)!;
		const { error, items } = await runTikTokNode({
			parameters: {
				resource: 'ad',
				operation: 'getMany',
				advertiserId: rl(ADVERTISER),
				returnAll: true,
				filters: { adIds: `${String(ad.ad_id)},${topView.ad_id}` },
			},
			credentials: [businessCredential(fake)],
		});
		expect(error).toBeUndefined();
		expect(items.map((i) => i.json.ad_id).sort()).toEqual([String(ad.ad_id), topView.ad_id].sort());
	});

	it('the trigger emits a new TopView ad (adCreated)', async () => {
		const trigger = await makeTrigger(fake, { event: 'adCreated', advertiserIds: [ADVERTISER] });
		expect(await trigger.poll()).toBeNull();
		await new Promise((r) => setTimeout(r, 1100));
		const topView = addTopViewAd(fake.state, { advertiser_id: ADVERTISER });
		expect(idsOf(await trigger.poll())).toEqual([topView.ad_id]);
		expect(await trigger.poll()).toBeNull();
		expectValidBuyingTypes();
	});

	it('the campaign and ad group pickers offer TopView campaigns and ad groups', async () => {
		const topView = addTopViewAd(fake.state);
		const { nodeTypes } = await loadPackage();
		const load = async (method: string, parameters: INodeParameters) => {
			const node = triggerNode(parameters, { tikTokBusinessOAuth2Api: 'business-1' });
			const workflow = await triggerWorkflow(node);
			const additionalData = createAdditionalData(await createCredentialsHelper([businessCredential(fake)]));
			additionalData.currentNodeParameters = parameters;
			const context = new LoadOptionsContext(workflow, node, additionalData, `parameters.${method}`);
			const nodeType = nodeTypes.getByNameAndVersion(node.type, 1) as INodeType;
			const loader = nodeType.methods!.loadOptions![method] as (this: ILoadOptionsFunctions) => Promise<INodePropertyOptions[]>;
			return await loader.call(context as unknown as ILoadOptionsFunctions);
		};
		const campaigns = await load('getCampaigns', { event: 'adCreated', advertiserIds: [ADVERTISER] });
		expect(campaigns.map((o) => o.value)).toContain(topView.campaign_id);
		const adGroups = await load('getAdGroups', { event: 'adCreated', advertiserIds: [ADVERTISER] });
		expect(adGroups.map((o) => o.value)).toContain(topView.adgroup_id);
	});
	const buyingTypesOf = (request: { query: Record<string, string> }) =>
		(JSON.parse(request.query.filtering ?? '{}') as { buying_types?: string[] }).buying_types;

	it('ad.getMany reads the default and the TopView listing at the same time, default ads first', async () => {
		const topView = addTopViewAd(fake.state);
		fake.state.latencyMs = 150;
		const { error, items } = await runTikTokNode({
			parameters: { resource: 'ad', operation: 'getMany', advertiserId: rl(ADVERTISER), returnAll: true },
			credentials: [businessCredential(fake)],
		});
		expect(error).toBeUndefined();
		const requests = fake.state.requestsTo(AD_GET);
		expect(requests.map(buyingTypesOf)).toEqual(expect.arrayContaining([undefined, ['RESERVATION_TOP_VIEW']]));
		expect(requests).toHaveLength(2);
		// Both arrived before either was answered (150 ms each): not one after the other.
		expect(Math.abs(requests[0].at - requests[1].at)).toBeLessThan(150);
		expect(items.at(-1)!.json.ad_id).toBe(topView.ad_id);
	});

	it('ad.getMany with Buying Type "Auction and Reach & Frequency" makes one listing, without TopView', async () => {
		const topView = addTopViewAd(fake.state);
		const { error, items } = await runTikTokNode({
			parameters: { resource: 'ad', operation: 'getMany', advertiserId: rl(ADVERTISER), returnAll: true, filters: { buyingType: 'default' } },
			credentials: [businessCredential(fake)],
		});
		expect(error).toBeUndefined();
		expect(fake.state.requestsTo(AD_GET).map(buyingTypesOf)).toEqual([undefined]);
		expect(items.map((i) => i.json.ad_id)).not.toContain(topView.ad_id);
		expect(items.length).toBeGreaterThan(0);
	});

	it('ad.getMany with Buying Type "TopView" lists only TopView ads, 100 a page', async () => {
		const topView = addTopViewAd(fake.state);
		const { error, items } = await runTikTokNode({
			parameters: { resource: 'ad', operation: 'getMany', advertiserId: rl(ADVERTISER), returnAll: true, filters: { buyingType: 'RESERVATION_TOP_VIEW' } },
			credentials: [businessCredential(fake)],
		});
		expect(error).toBeUndefined();
		expect(items.map((i) => i.json.ad_id)).toEqual([topView.ad_id]);
		const requests = fake.state.requestsTo(AD_GET);
		expect(requests.map(buyingTypesOf)).toEqual([['RESERVATION_TOP_VIEW']]);
		expect(requests[0].query.page_size).toBe('100');
	});

	it('a Buying Type TikTok does not know is refused before any request, naming the filter', async () => {
		const { error } = await runTikTokNode({
			parameters: { resource: 'ad', operation: 'getMany', advertiserId: rl(ADVERTISER), returnAll: true, filters: { buyingType: 'EVERYTHING' } },
			credentials: [businessCredential(fake)],
		});
		expect(error?.message).toMatch(/^The "Buying Type" filter must be one of all, default, AUCTION/);
		expect(fake.state.requestsTo(AD_GET)).toHaveLength(0);
	});

	it('when the TopView listing fails, the run fails with its error (the default listing is let finish first)', async () => {
		addTopViewAd(fake.state);
		fake.state.latencyMs = 50;
		fake.state.failNext({ path: AD_GET, code: 40002, message: 'filtering.buying_types: Not supported here.', match: (query) => String(query.filtering ?? '').includes('RESERVATION_TOP_VIEW') });
		const { error } = await runTikTokNode({
			parameters: { resource: 'ad', operation: 'getMany', advertiserId: rl(ADVERTISER), returnAll: true },
			credentials: [businessCredential(fake)],
		});
		expect(error?.message).toContain('Not supported here');
		const answered = fake.state.requests.length;
		await new Promise((r) => setTimeout(r, 120));
		expect(fake.state.requests).toHaveLength(answered);
		expect(fake.state.requestsTo(AD_GET).filter((r) => buyingTypesOf(r) === undefined)).toHaveLength(1);
	});

	it('campaign.getMany with Buying Type "All (Including TopView)" lists TopView campaigns with the others', async () => {
		const topView = addTopViewAd(fake.state);
		const campaignGet = `${BUSINESS_PREFIX}/campaign/get/`;
		const { error, items } = await runTikTokNode({
			parameters: { resource: 'campaign', operation: 'getMany', advertiserId: rl(ADVERTISER), returnAll: true, filters: { buyingType: 'all' } },
			credentials: [businessCredential(fake)],
		});
		expect(error).toBeUndefined();
		expect(items.at(-1)!.json.campaign_id).toBe(topView.campaign_id);
		expect(fake.state.requestsTo(campaignGet).map(buyingTypesOf)).toEqual(expect.arrayContaining([undefined, ['RESERVATION_TOP_VIEW']]));
		// Without the filter: TikTok's default listing, one request, no TopView (unchanged for saved workflows).
		fake.state.clearRequests();
		const plain = await runTikTokNode({
			parameters: { resource: 'campaign', operation: 'getMany', advertiserId: rl(ADVERTISER), returnAll: true },
			credentials: [businessCredential(fake)],
		});
		expect(plain.items.map((i) => i.json.campaign_id)).not.toContain(topView.campaign_id);
		expect(fake.state.requestsTo(campaignGet)).toHaveLength(1);
	});
});
