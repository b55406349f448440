import type { IBinaryData, IDataObject, INodeParameters } from 'n8n-workflow';

import type { Entity } from '../account/helpers';
import { ADV2, addCampaigns, requestsTo, writes } from '../account/helpers';
import { runTikTokNode } from '../harness/engine';
import { businessCredential, developersCredential, useFake } from '../harness/fake';
import { callTool } from '../harness/tool';
import { posting } from '../post/posting-state';
import { mp4 } from '../post/video-fixtures';
import { AD_GROUP_CREATE } from '../creative/adGroup-fixtures';

/**
 * The author switches of the tool variant (Allow Spending, Allow Public Posting), through n8n's tool conversion and
 * n8n-core's tool invocation (test/harness/tool.ts): all off by default, a refused call writes nothing to TikTok.
 */

const advertiser = { __rl: true, mode: 'id', value: ADV2 };
const fromAI = (key: string, description: string) =>
	`={{ $fromAI('${key}', '${description}', 'string') }}`;

describe('Allow Spending: an agent cannot make TikTok spend money unless the author allows it', () => {
	const fake = useFake({}, { perTest: true });
	const business = () => [businessCredential(fake)];
	const campaign = (): Entity => addCampaigns(fake, ADV2, 1)[0]; // daily budget 100 USD

	const statusTool = (extra: IDataObject = {}) => ({
		resource: 'campaign',
		operation: 'updateStatus',
		advertiserId: advertiser,
		campaignId: { __rl: true, mode: 'id', value: fromAI('campaignId', 'ID of the campaign') },
		operationStatus: fromAI('status', 'ENABLE, DISABLE or DELETE'),
		...extra,
	});
	const budgetTool = (extra: IDataObject = {}) => ({
		resource: 'campaign',
		operation: 'update',
		advertiserId: advertiser,
		campaignId: { __rl: true, mode: 'id', value: fromAI('campaignId', 'ID of the campaign') },
		updateFields: { budget: fromAI('budget', 'new daily budget in USD') },
		...extra,
	});

	it('with every switch off: enabling a campaign is refused with no request; pausing goes through', async () => {
		const c = campaign();
		const [enable, pause] = await callTool(
			statusTool(),
			[
				{ campaignId: String(c.campaign_id), status: 'ENABLE' },
				{ campaignId: String(c.campaign_id), status: 'DISABLE' },
			],
			business(),
		);
		expect(enable.error).toMatch(
			/Not allowed to enable a campaign: .*switch on "Allow Spending" on this tool/,
		);
		expect(pause.error).toBeUndefined();
		expect(pause.response).toEqual([
			expect.objectContaining({ campaign_id: c.campaign_id, status: 'DISABLE' }),
		]);
		// One request in all: the pause. Nothing was sent for the refused ENABLE.
		expect(
			fake.state.requests.map((r) => [
				r.path,
				(r.body as IDataObject | undefined)?.operation_status,
			]),
		).toEqual([['/open_api/v1.3/campaign/status/update/', 'DISABLE']]);
	});

	it('with every switch off: raising a campaign budget is refused before any write; lowering it goes through', async () => {
		const c = campaign();
		const [raise] = await callTool(
			budgetTool(),
			[{ campaignId: String(c.campaign_id), budget: '150' }],
			business(),
		);
		expect(raise.error).toMatch(
			/Not allowed to raise the budget of campaign \d+ from 100 to 150: .*"Allow Spending"/,
		);
		// One read (the campaign's current budget), then the refusal: no write reached TikTok.
		expect(fake.state.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /open_api/v1.3/campaign/get/']);
		expect(writes(fake)).toHaveLength(0);
		expect(c.budget).toBe(100);

		const [lower] = await callTool(
			budgetTool(),
			[{ campaignId: String(c.campaign_id), budget: '60' }],
			business(),
		);
		expect(lower.error).toBeUndefined();
		expect(
			requestsTo(fake, '/campaign/update/').map((r) => (r.body as IDataObject).budget),
		).toEqual([60]);
		expect(c.budget).toBe(60);
	});

	it('with Allow Spending on, the raise and the enabling go through', async () => {
		const c = campaign();
		const [raise] = await callTool(
			budgetTool({ allowSpending: true }),
			[{ campaignId: String(c.campaign_id), budget: '150' }],
			business(),
		);
		expect(raise.error).toBeUndefined();
		expect(
			requestsTo(fake, '/campaign/update/').map((r) => (r.body as IDataObject).budget),
		).toEqual([150]);
		expect(c.budget).toBe(150);
		const [enable] = await callTool(
			statusTool({ allowSpending: true }),
			[{ campaignId: String(c.campaign_id), status: 'ENABLE' }],
			business(),
		);
		expect(enable.error).toBeUndefined();
		expect(
			requestsTo(fake, '/campaign/status/update/').map(
				(r) => (r.body as IDataObject).operation_status,
			),
		).toEqual(['ENABLE']);
	});

	it('an ad group budget or bid raise is refused, a lower bid goes through; enabling an ad is refused', async () => {
		const group = (fake.state.world.adgroups as Entity[]).find(
			(g) =>
				g.advertiser_id === ADV2 &&
				!g.__deleted &&
				g.budget_mode === 'BUDGET_MODE_DAY' &&
				g.billing_event === 'CPC',
		)!;
		const update = {
			resource: 'adGroup',
			operation: 'update',
			advertiserId: advertiser,
			adGroupId: { __rl: true, mode: 'id', value: String(group.adgroup_id) },
			updateFields: { budget: fromAI('budget', 'budget'), bidPrice: fromAI('bid', 'bid') },
		};
		const budget = Number(group.budget);
		const bid = Number(group.bid_price);
		const [raise] = await callTool(
			{ ...update, updateFields: { budget: fromAI('budget', 'budget') } },
			[{ budget: String(budget + 10) }],
			business(),
		);
		expect(raise.error).toMatch(/Not allowed to raise the budget of ad group/);
		const [bidUp] = await callTool(
			{ ...update, updateFields: { bidPrice: fromAI('bid', 'bid') } },
			[{ bid: String(bid + 1) }],
			business(),
		);
		expect(bidUp.error).toMatch(/Not allowed to raise the bid of ad group .*"Allow Spending"/);
		// One read of the ad group per refused raise (its budget and bid), no write.
		expect(fake.state.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /open_api/v1.3/adgroup/get/', 'GET /open_api/v1.3/adgroup/get/']);
		expect(writes(fake)).toHaveLength(0);
		const [bidDown] = await callTool(
			{ ...update, updateFields: { bidPrice: fromAI('bid', 'bid') } },
			[{ bid: String(bid / 2) }],
			business(),
		);
		expect(bidDown.error).toBeUndefined();
		expect(
			requestsTo(fake, '/adgroup/update/').map((r) => (r.body as IDataObject).bid_price),
		).toEqual([bid / 2]);

		const ad = (fake.state.world.ads as Entity[]).find(
			(a) => a.advertiser_id === ADV2 && !a.__deleted,
		)!;
		const [enableAd] = await callTool(
			{
				resource: 'ad',
				operation: 'updateStatus',
				advertiserId: advertiser,
				adId: String(ad.ad_id),
				operationStatus: 'ENABLE',
			},
			[{}],
			business(),
		);
		expect(enableAd.error).toMatch(/Not allowed to enable an ad: .*"Allow Spending"/);
		expect(requestsTo(fake, '/ad/status/update/')).toHaveLength(0);
	});

	it("creating a campaign that starts enabled (TikTok's default) is refused; one that starts disabled is created", async () => {
		const create = (status: IDataObject) => ({
			resource: 'campaign',
			operation: 'create',
			advertiserId: advertiser,
			campaignName: fromAI('name', 'campaign name'),
			objectiveType: 'TRAFFIC',
			budgetMode: 'BUDGET_MODE_DAY',
			budget: 60,
			additionalFields: { requestId: '2026120401', ...status },
		});
		const [enabled] = await callTool(create({}), [{ name: 'Agent promo' }], business());
		expect(enabled.error).toMatch(
			/Not allowed to create a campaign that starts enabled .*"Allow Spending"/,
		);
		expect(fake.state.requests).toHaveLength(0);
		const [disabled] = await callTool(
			create({ operationStatus: 'DISABLE' }),
			[{ name: 'Agent promo' }],
			business(),
		);
		expect(disabled.error).toBeUndefined();
		expect(
			requestsTo(fake, '/campaign/create/').map((r) => (r.body as IDataObject).operation_status),
		).toEqual(['DISABLE']);
	});

	// Ad Group → Create and Ad → Create as in test/creative/buildAd.test.ts: a live traffic campaign, a library video.
	const adGroupCreate = (campaignId: string, status: IDataObject) => ({
		resource: 'adGroup',
		operation: 'create',
		advertiserId: advertiser,
		campaignId: { __rl: true, mode: 'id', value: campaignId },
		adGroupName: fromAI('name', 'ad group name'),
		...AD_GROUP_CREATE,
		additionalFields: { ageGroups: ['AGE_18_24', 'AGE_25_34'], ...status },
	});
	const trafficCampaign = (): string => {
		const c = (fake.state.world.campaigns as Entity[]).find(
			(e) =>
				e.advertiser_id === ADV2 && !e.__deleted && (e.__buyingType ?? 'AUCTION') === 'AUCTION',
		)!;
		Object.assign(c, {
			objective_type: 'TRAFFIC',
			budget_mode: 'BUDGET_MODE_DAY',
			budget: 500,
			budget_optimize_on: false,
		});
		return String(c.campaign_id);
	};

	it('creating an ad group that starts enabled is refused with no request; one created Disabled goes through', async () => {
		const campaignId = trafficCampaign();
		// Status not set (TikTok's default: enabled), and set to ENABLE by the model.
		const [enabled] = await callTool(
			adGroupCreate(campaignId, {}),
			[{ name: 'Agent group' }],
			business(),
		);
		const [explicit] = await callTool(
			adGroupCreate(campaignId, { operationStatus: fromAI('status', 'ENABLE or DISABLE') }),
			[{ name: 'Agent group', status: 'ENABLE' }],
			business(),
		);
		expect(enabled.error).toMatch(
			/Not allowed to create an ad group that starts enabled .*"Allow Spending"/,
		);
		expect(explicit.error).toMatch(/Not allowed to create an ad group that starts enabled/);
		expect(fake.state.requests).toHaveLength(0);
		const [disabled] = await callTool(
			adGroupCreate(campaignId, { operationStatus: 'DISABLE' }),
			[{ name: 'Agent group' }],
			business(),
		);
		expect(disabled.error).toBeUndefined();
		expect(
			requestsTo(fake, '/adgroup/create/').map((r) => (r.body as IDataObject).operation_status),
		).toEqual(['DISABLE']);
		expect(disabled.response).toEqual([
			expect.objectContaining({ adgroup_name: 'Agent group', operation_status: 'DISABLE' }),
		]);
	});

	it('creating an ad that starts enabled is refused with no request; one created Disabled goes through', async () => {
		// Outside the agent (not guarded): a library video and a paused ad group to put the ad in.
		const video = mp4(150_000);
		const upload = await runTikTokNode({
			parameters: { resource: 'creative', operation: 'uploadVideo', advertiserId: advertiser },
			credentials: business(),
			input: [
				{
					json: {},
					binary: {
						data: {
							data: video.toString('base64'),
							mimeType: 'video/mp4',
							fileName: 'agent.mp4',
							bytes: video.length,
						} as IBinaryData,
					},
				},
			],
		});
		const group = await runTikTokNode({
			parameters: {
				...adGroupCreate(trafficCampaign(), { operationStatus: 'DISABLE' }),
				adGroupName: 'Agent group',
			} as INodeParameters,
			credentials: business(),
		});
		expect([upload.error, group.error]).toEqual([undefined, undefined]);
		const identity = (fake.state.world.identities as Array<Record<string, string>>).find(
			(i) => i.advertiser_id === ADV2,
		)!;
		const adCreate = (status: INodeParameters) => ({
			resource: 'ad',
			operation: 'create',
			advertiserId: advertiser,
			adGroupId: { __rl: true, mode: 'id', value: String(group.items[0].json.adgroup_id) },
			adName: fromAI('name', 'ad name'),
			adFormat: 'SINGLE_VIDEO',
			identityType: 'CUSTOMIZED_USER',
			identityId: { __rl: true, mode: 'id', value: identity.identity_id },
			videoId: String(upload.items[0].json.video_id),
			adText: 'New: the summer collection is here',
			callToAction: 'SHOP_NOW',
			landingPageUrl: 'https://example.com/summer',
			additionalFields: status,
		});
		const before = fake.state.requests.length;
		const [enabled] = await callTool(adCreate({}), [{ name: 'Agent ad' }], business());
		expect(enabled.error).toMatch(
			/Not allowed to create an ad that starts enabled .*"Allow Spending"/,
		);
		expect(fake.state.requests).toHaveLength(before);
		const [disabled] = await callTool(
			adCreate({ operationStatus: 'DISABLE' }),
			[{ name: 'Agent ad' }],
			business(),
		);
		expect(disabled.error).toBeUndefined();
		const creates = requestsTo(fake, '/ad/create/').map(
			(r) => r.body as { operation_status?: string; creatives: IDataObject[] },
		);
		expect(creates).toHaveLength(1);
		expect(creates[0].creatives[0].operation_status).toBe('DISABLE');
		expect(creates[0].operation_status).toBeUndefined();
		expect(disabled.response).toEqual([
			expect.objectContaining({ ad_name: 'Agent ad', operation_status: 'DISABLE' }),
		]);
		// With Allow Spending on, the enabled one is created too.
		const [allowed] = await callTool(
			{ ...adCreate({}), allowSpending: true },
			[{ name: 'Agent ad 2' }],
			business(),
		);
		expect(allowed.error).toBeUndefined();
		expect(requestsTo(fake, '/ad/create/')).toHaveLength(2);
	});

	it('outside an agent nothing changes: the same node enables and raises without any switch', async () => {
		const c = campaign();
		const run = async (parameters: IDataObject) =>
			await runTikTokNode({
				parameters: {
					resource: 'campaign',
					advertiserId: advertiser,
					campaignId: String(c.campaign_id),
					...parameters,
				},
				credentials: business(),
			});
		expect(
			(await run({ operation: 'update', updateFields: { budget: 500 } })).error,
		).toBeUndefined();
		expect(
			(await run({ operation: 'updateStatus', operationStatus: 'ENABLE' })).error,
		).toBeUndefined();
		expect(c.budget).toBe(500);
		expect(requestsTo(fake, '/campaign/status/update/')).toHaveLength(1);
	});
});

describe('Allow Public Posting: an agent cannot post for others to see unless the author allows it', () => {
	const fake = useFake({}, { reset: (f) => posting(f).reset() });
	const developers = () => [
		developersCredential(fake, { scopes: ['user.info.basic', 'video.publish', 'video.upload'] }),
	];
	const postTool = (extra: IDataObject = {}) => ({
		resource: 'post',
		operation: 'publishVideo',
		source: 'url',
		videoUrl: fromAI('videoUrl', 'URL of the video'),
		privacyLevel: fromAI('privacy', 'PUBLIC_TO_EVERYONE, MUTUAL_FOLLOW_FRIENDS or SELF_ONLY'),
		waitForCompletion: false,
		...extra,
	});
	const inits = () => fake.state.requests.filter((r) => r.path.endsWith('/init/'));

	it('with every switch off: a public Direct Post is refused with no request to TikTok; an Only Me post goes through', async () => {
		const [open, followers, own] = await callTool(
			postTool(),
			[
				{ videoUrl: 'https://media.example.com/v/a.mp4', privacy: 'PUBLIC_TO_EVERYONE' },
				{ videoUrl: 'https://media.example.com/v/b.mp4', privacy: 'MUTUAL_FOLLOW_FRIENDS' },
				{ videoUrl: 'https://media.example.com/v/c.mp4', privacy: 'SELF_ONLY' },
			],
			developers(),
		);
		expect(open.error).toMatch(
			/Not allowed to publish a video others can see \(PUBLIC_TO_EVERYONE\).*switch on "Allow Public Posting"/,
		);
		expect(followers.error).toMatch(
			/Not allowed to publish a video others can see \(MUTUAL_FOLLOW_FRIENDS\)/,
		);
		expect(own.error).toBeUndefined();
		expect(own.response).toEqual([
			expect.objectContaining({ privacyLevel: 'SELF_ONLY', publishId: expect.any(String) }),
		]);
		// Only the Only Me post reached TikTok: its creator-info query and its init.
		expect(
			inits().map((r) => (r.body as { post_info: IDataObject }).post_info.privacy_level),
		).toEqual(['SELF_ONLY']);
		expect(fake.state.requests.filter((r) => r.path.includes('/creator_info/'))).toHaveLength(1);
	});

	it('with every switch off: photos go as Only Me or to the inbox, not publicly; a video draft goes to the inbox', async () => {
		const photos = {
			resource: 'post',
			operation: 'publishPhotos',
			photoUrls: 'https://media.example.com/p/1.jpg',
			postMode: fromAI('postMode', 'DIRECT_POST or MEDIA_UPLOAD'),
			privacyLevel: fromAI('privacy', 'privacy level'),
			waitForCompletion: false,
		};
		const [open, inbox] = await callTool(
			photos,
			[
				{ postMode: 'DIRECT_POST', privacy: 'PUBLIC_TO_EVERYONE' },
				{ postMode: 'MEDIA_UPLOAD', privacy: 'PUBLIC_TO_EVERYONE' },
			],
			developers(),
		);
		expect(open.error).toMatch(
			/Not allowed to publish photos others can see .*"Allow Public Posting"/,
		);
		expect(inbox.error).toBeUndefined();
		const [draft] = await callTool(
			{
				resource: 'post',
				operation: 'uploadVideoDraft',
				source: 'url',
				videoUrl: fromAI('videoUrl', 'URL'),
				waitForCompletion: false,
			},
			[{ videoUrl: 'https://media.example.com/v/d.mp4' }],
			developers(),
		);
		expect(draft.error).toBeUndefined();
		expect(inits().map((r) => r.path.replace(/^.*\/publish\//, ''))).toEqual([
			'content/init/',
			'inbox/video/init/',
		]);
		expect((inits()[0].body as IDataObject).post_mode).toBe('MEDIA_UPLOAD');
	});

	it('with Allow Public Posting on, the public post goes through', async () => {
		const [open] = await callTool(
			postTool({ allowPublishing: true }),
			[{ videoUrl: 'https://media.example.com/v/a.mp4', privacy: 'PUBLIC_TO_EVERYONE' }],
			developers(),
		);
		expect(open.error).toBeUndefined();
		expect(
			inits().map((r) => (r.body as { post_info: IDataObject }).post_info.privacy_level),
		).toEqual(['PUBLIC_TO_EVERYONE']);
	});
});
