// Build an ad end to end (issue 27): Ad Group → Create, Ad → Create, Ad → Update through the real n8n engine against
// the strict fake (test/fake-tiktok/adCreation.js; docs/tiktok-contract.md §19.2–19.4).
import type { IBinaryData, IDataObject, INode, INodeParameters } from 'n8n-workflow';

import { runTikTokNode, runWorkflow, tikTokNode } from '../harness/engine';
import { BUSINESS_PREFIX, businessCredential, queueFault, useFake } from '../harness/fake';
import type { FakeTikTok } from '../harness/fake';
import { mp4 } from '../post/video-fixtures';
import { AD_GROUP_CREATE } from './adGroup-fixtures';

const ADVERTISER = '7000000000000000002';
const ADGROUP_CREATE = `${BUSINESS_PREFIX}/adgroup/create/`;
const AD_CREATE = `${BUSINESS_PREFIX}/ad/create/`;
const AD_UPDATE = `${BUSINESS_PREFIX}/ad/update/`;

const errorText = (error: unknown) => {
	const e = error as { message?: string; description?: string } | undefined;
	return e ? `${e.message ?? ''} ${e.description ?? ''}` : '';
};
const writes = (fake: FakeTikTok) => fake.state.requests.filter((r) => r.method === 'POST' && r.path.startsWith(BUSINESS_PREFIX));

describe('build an ad end to end', () => {
	const fake = useFake({}, { perTest: true });

	const run = (parameters: IDataObject) =>
		runTikTokNode({
			parameters: { advertiserId: { __rl: true, mode: 'id', value: ADVERTISER }, ...parameters } as INodeParameters,
			credentials: [businessCredential(fake)],
			input: [{ json: {} }],
		});

	/** A live traffic campaign of the advertiser, without campaign budget optimization. */
	function trafficCampaign(): Record<string, unknown> {
		const campaign = (fake.state.world.campaigns as Array<Record<string, unknown>>).find((c) => c.advertiser_id === ADVERTISER && !c.__deleted && (c.__buyingType ?? 'AUCTION') === 'AUCTION')!;
		Object.assign(campaign, { objective_type: 'TRAFFIC', budget_mode: 'BUDGET_MODE_DAY', budget: 500, budget_optimize_on: false });
		return campaign;
	}

	const adGroupParameters = (campaignId: string, extra: IDataObject = {}) => ({
		resource: 'adGroup',
		operation: 'create',
		campaignId: { __rl: true, mode: 'id', value: campaignId },
		adGroupName: 'US 18-34 video',
		...AD_GROUP_CREATE,
		additionalFields: { operationStatus: 'DISABLE', ageGroups: ['AGE_18_24', 'AGE_25_34'] },
		...extra,
	});

	async function uploadVideo(): Promise<string> {
		const video = mp4(150_000);
		const { items, error } = await runTikTokNode({
			parameters: { resource: 'creative', operation: 'uploadVideo', advertiserId: { __rl: true, mode: 'id', value: ADVERTISER } },
			credentials: [businessCredential(fake)],
			input: [{ json: {}, binary: { data: { data: video.toString('base64'), mimeType: 'video/mp4', fileName: 'launch.mp4', bytes: video.length } as IBinaryData } }],
		});
		expect(error).toBeUndefined();
		return String(items[0].json.video_id);
	}

	const identityId = () => String((fake.state.world.identities as Array<Record<string, string>>).find((i) => i.advertiser_id === ADVERTISER)!.identity_id);

	const adParameters = (adGroupId: string, videoId: string, extra: IDataObject = {}) => ({
		resource: 'ad',
		operation: 'create',
		adGroupId: { __rl: true, mode: 'id', value: adGroupId },
		adName: 'Launch 15s',
		adFormat: 'SINGLE_VIDEO',
		identityType: 'CUSTOMIZED_USER',
		identityId: { __rl: true, mode: 'id', value: identityId() },
		videoId,
		adText: 'New: the summer collection is here',
		callToAction: 'SHOP_NOW',
		landingPageUrl: 'https://example.com/summer',
		additionalFields: { operationStatus: 'DISABLE' },
		...extra,
	});

	async function adGroup(): Promise<string> {
		const { items, error } = await run(adGroupParameters(String(trafficCampaign().campaign_id)));
		expect(error).toBeUndefined();
		return String(items[0].json.adgroup_id);
	}

	it('creates an ad group under a campaign with one create request carrying a request_id; IDs as text', async () => {
		const campaign = trafficCampaign();
		const { items, error } = await run(adGroupParameters(String(campaign.campaign_id)));
		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({ campaign_id: campaign.campaign_id, adgroup_name: 'US 18-34 video', operation_status: 'DISABLE', budget: 25 });
		expect(typeof items[0].json.adgroup_id).toBe('string');
		const [create] = fake.state.requestsTo(ADGROUP_CREATE);
		expect(fake.state.requestsTo(ADGROUP_CREATE)).toHaveLength(1);
		expect(create.body).toMatchObject({
			location_ids: ['6252001'],
			schedule_type: 'SCHEDULE_FROM_NOW',
			schedule_start_time: '2026-12-10 09:00:00',
			age_groups: ['AGE_18_24', 'AGE_25_34'],
			placements: ['PLACEMENT_TIKTOK'],
		});
		expect(String((create.body as IDataObject).request_id)).toMatch(/^\d{1,19}$/);
	});

	it.each([
		['a Total budget without an end', { budgetMode: 'BUDGET_MODE_TOTAL' }, /must be Start and End for a Total \(lifetime\) budget/],
		['an end before the start', { scheduleType: 'SCHEDULE_START_END', scheduleEndTime: '2026-12-01T00:00:00Z' }, /"Schedule End Time" parameter \(2026-12-01 00:00:00 UTC\) is not after the start/],
		['a bid without Cost Cap', { additionalFields: { bid: 2 } }, /needs the Bid Strategy Cost Cap/],
		['no region', { locationIds: '={{ "" }}' }, /"Location IDs" parameter is empty/],
		['Select Placements with none', { placements: [] }, /"Placements" parameter is empty/],
	])('refuses %s before any request', async (_label, extra, message) => {
		const { error } = await run(adGroupParameters(String(trafficCampaign().campaign_id), extra));
		expect(errorText(error)).toMatch(message);
		expect(fake.state.requests.filter((r) => r.path.startsWith(BUSINESS_PREFIX))).toHaveLength(0);
	});

	it('refuses an ad group without promotion type under a traffic campaign after reading the campaign, creating nothing', async () => {
		const { error } = await run(adGroupParameters(String(trafficCampaign().campaign_id), { promotionType: '' }));
		expect(errorText(error)).toMatch(/Not Set, but the campaign's objective TRAFFIC needs one/);
		expect(writes(fake)).toHaveLength(0);
	});

	it('creates a paused video ad from an uploaded video with one create request, taking TikTok\'s suggested cover', async () => {
		const videoId = await uploadVideo();
		const adGroupId = await adGroup();
		const { items, error } = await run(adParameters(adGroupId, videoId));
		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({ adgroup_id: adGroupId, video_id: videoId, ad_text: 'New: the summer collection is here', operation_status: 'DISABLE' });
		expect(String(items[0].json.ad_id)).toMatch(/^\d{19}$/);
		expect(fake.state.requestsTo(AD_CREATE)).toHaveLength(1);
		const creative = ((fake.state.requestsTo(AD_CREATE)[0].body as IDataObject).creatives as IDataObject[])[0];
		expect(creative.image_ids).toEqual([expect.stringMatching(/^tos-alisg-p-0051\/cover-/)]);
	});

	it.each([
		['101 characters', 'x'.repeat(101), /"Ad Text" parameter is 101 characters long: TikTok takes at most 100/],
		['51 Japanese characters', 'あ'.repeat(51), /is 102 characters long as TikTok counts it \(51 characters; Chinese and Japanese ones count 2\)/],
		['an emoji', 'Sale 🔥', /contains an emoji/],
	])('refuses ad text of %s before any request', async (_label, adText, message) => {
		const { error } = await run(adParameters('1779000000000000001', 'v10033g50000ct0000000001', { adText }));
		expect(errorText(error)).toMatch(message);
		expect(fake.state.requests.filter((r) => r.path.startsWith(BUSINESS_PREFIX))).toHaveLength(0);
	});

	it.each([true, false])(
		'refuses a website ad without a landing page before creating anything (fake requires it: %s)',
		async (strict) => {
			const videoId = await uploadVideo();
			const adGroupId = await adGroup();
			(fake.state.contract as Record<string, unknown>).adWebsiteNeedsLandingPage = strict;
			const { error } = await run(adParameters(adGroupId, videoId, { landingPageUrl: '' }));
			expect(errorText(error)).toMatch(new RegExp(`"Landing Page URL" parameter is empty, but ad group ${adGroupId} promotes a website`));
			expect(fake.state.requestsTo(AD_CREATE)).toHaveLength(0);
		},
	);

	async function createdAd(): Promise<{ adId: string; videoId: string }> {
		const videoId = await uploadVideo();
		const { items, error } = await run(adParameters(await adGroup(), videoId));
		expect(error).toBeUndefined();
		return { adId: String(items[0].json.ad_id), videoId };
	}

	const readAd = async (adId: string) => {
		const { items, error } = await run({ resource: 'ad', operation: 'get', adId: { __rl: true, mode: 'id', value: adId }, simplify: false });
		expect(error).toBeUndefined();
		return items[0].json;
	};

	it('changes an ad\'s text with patch_update and leaves the rest of the creative untouched', async () => {
		const { adId, videoId } = await createdAd();
		const before = await readAd(adId);
		const { items, error } = await run({ resource: 'ad', operation: 'update', adId: { __rl: true, mode: 'id', value: adId }, updateFields: { adText: 'Last days of the summer sale' } });
		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({ ad_id: adId, ad_text: 'Last days of the summer sale' });
		const [update] = fake.state.requestsTo(AD_UPDATE);
		expect(update.body).toMatchObject({ patch_update: true, creatives: [{ ad_id: adId, ad_text: 'Last days of the summer sale' }] });
		const after = await readAd(adId);
		expect(after).toMatchObject({ ad_text: 'Last days of the summer sale', video_id: videoId, call_to_action: 'SHOP_NOW', landing_page_url: 'https://example.com/summer', image_ids: before.image_ids, identity_id: before.identity_id });
	});

	it('changes the landing page (not patchable) by sending the whole creative back, the rest untouched', async () => {
		const { adId, videoId } = await createdAd();
		const { error } = await run({ resource: 'ad', operation: 'update', adId: { __rl: true, mode: 'id', value: adId }, updateFields: { landingPageUrl: 'https://example.com/fall' } });
		expect(error).toBeUndefined();
		expect((fake.state.requestsTo(AD_UPDATE)[0].body as IDataObject).patch_update).toBeUndefined();
		expect(await readAd(adId)).toMatchObject({ landing_page_url: 'https://example.com/fall', ad_text: 'New: the summer collection is here', video_id: videoId, call_to_action: 'SHOP_NOW' });
	});

	describe("n8n's Retry On Fail after a create whose answer was lost", () => {
		/** The node with n8n's "Retry On Fail" (3 tries, no wait), in one execution. */
		const withRetry = async (parameters: IDataObject, executionId: string) => {
			const node: INode = tikTokNode(
				{ advertiserId: { __rl: true, mode: 'id', value: ADVERTISER }, ...parameters } as INodeParameters,
				{ tikTokBusinessOAuth2Api: businessCredential(fake).id },
				{ retryOnFail: true, maxTries: 3, waitBetweenTries: 0 },
			);
			return await runWorkflow({ nodes: [node], credentials: [businessCredential(fake)], executionId });
		};
		const adsOf = (adGroupId: string) => (fake.state.world.ads as Array<Record<string, unknown>>).filter((a) => a.adgroup_id === adGroupId);

		it('an ad TikTok created and answered 500 is not created twice: the retry finds it and returns it', async () => {
			const videoId = await uploadVideo();
			const adGroupId = await adGroup();
			queueFault(fake, { kind: 'applyThenFail', path: AD_CREATE, mode: '500' });
			const run = await withRetry(adParameters(adGroupId, videoId), 'exec-ad-1');
			expect(run.error).toBeUndefined();
			expect(fake.state.requestsTo(AD_CREATE)).toHaveLength(1);
			expect(adsOf(adGroupId)).toHaveLength(1);
			const [item] = run.output();
			expect(item.json).toMatchObject({ ad_id: adsOf(adGroupId)[0].ad_id, ad_name: 'Launch 15s', video_id: videoId, created_by_earlier_try: true });
		});

		it('an ad create cut before TikTok ran it is not re-sent by the retry either: the error says to look first', async () => {
			const videoId = await uploadVideo();
			const adGroupId = await adGroup();
			queueFault(fake, { kind: 'reset', path: AD_CREATE });
			const run = await withRetry(adParameters(adGroupId, videoId), 'exec-ad-2');
			expect(errorText(run.error)).toMatch(new RegExp(`Not sent again: an earlier try of this item sent the create of an ad and lost TikTok's answer.*Look there before running the workflow again`, 's'));
			expect(errorText(run.error)).toContain(`in ad group ${adGroupId}`);
			expect(fake.state.requestsTo(AD_CREATE)).toHaveLength(1);
			expect(adsOf(adGroupId)).toHaveLength(0);
		});

		it('a new execution creates again (a second ad is wanted)', async () => {
			const videoId = await uploadVideo();
			const adGroupId = await adGroup();
			queueFault(fake, { kind: 'applyThenFail', path: AD_CREATE, mode: '500' });
			await withRetry(adParameters(adGroupId, videoId), 'exec-ad-3');
			const again = await withRetry(adParameters(adGroupId, videoId), 'exec-ad-4');
			expect(again.error).toBeUndefined();
			expect(again.output()[0].json.created_by_earlier_try).toBeUndefined();
			expect(adsOf(adGroupId)).toHaveLength(2);
		});

		it('an ad group TikTok created and answered 500 leaves exactly one ad group (the retry repeats its request_id)', async () => {
			const campaign = trafficCampaign();
			const groups = () => (fake.state.world.adgroups as Array<Record<string, unknown>>).filter((g) => g.campaign_id === campaign.campaign_id && g.adgroup_name === 'US 18-34 video');
			queueFault(fake, { kind: 'applyThenFail', path: ADGROUP_CREATE, mode: '500' });
			await withRetry(adGroupParameters(String(campaign.campaign_id)), 'exec-group-1');
			expect(groups()).toHaveLength(1);
			const ids = fake.state.requestsTo(ADGROUP_CREATE).map((r) => (r.body as IDataObject).request_id);
			expect(ids.length).toBeGreaterThanOrEqual(2);
			expect(new Set(ids).size).toBe(1);
		});
	});
});
