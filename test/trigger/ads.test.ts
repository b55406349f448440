/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets -- a test, not node code: its own rules are test/eslint.config.mjs */
import type { NodeApiError } from 'n8n-workflow';

import { useFastClock } from '../harness/clock';
import { runTikTokNode } from '../harness/engine';
import { businessCredential, secretsOf, useFake } from '../harness/fake';
import type { Ad } from './helpers';
import {
	ADVERTISERS,
	AD_PATH,
	addAd,
	filteringOf,
	idsOf,
	makeTrigger,
	modifyAd,
	nowSeconds,
	snapshot,
	tikTokSeconds,
} from './helpers';

const [ADV1, ADV2, ADV3] = ADVERTISERS;
/** The trigger's overlap window for ads (nodes/TikTok/trigger/cursor.ts). */
const OVERLAP = 300;

/** `/ad/get/` requests with TikTok's default buying types, and those for TopView ads (RESERVATION_TOP_VIEW). */
const isTopView = (r: { query: Record<string, string> }) => String(r.query.filtering ?? '').includes('RESERVATION_TOP_VIEW');

describe('TikTok Trigger: adCreated / adUpdated over several polls (n8n PollContext, fake TikTok)', () => {
	// A fresh fake per test: ads one test creates must not sit in another test's window.
	const fake = useFake({}, { perTest: true });
	useFastClock();
	const defaultListing = () => fake.state.requestsTo(AD_PATH).filter((r) => !isTopView(r));
	const topViewListing = () => fake.state.requestsTo(AD_PATH).filter(isTopView);
	/** The advertisers asked, sorted: advertisers are polled at the same time, so requests arrive in any order. */
	const advertisersOf = (requests: Array<{ query: Record<string, string> }>) => requests.map((r) => r.query.advertiser_id).sort();

	const adCreated = async (parameters: Record<string, unknown> = {}) =>
		await makeTrigger(fake, { event: 'adCreated', advertiserIds: [ADV1], ...parameters });
	const adUpdated = async (parameters: Record<string, unknown> = {}) =>
		await makeTrigger(fake, { event: 'adUpdated', advertiserIds: [ADV1], ...parameters });

	it('first poll records the present and emits nothing, with one request per advertiser', async () => {
		const existing = addAd(fake, ADV1, nowSeconds() - 10);
		const trigger = await adCreated({ advertiserIds: ADVERTISERS });
		const before = nowSeconds();
		expect(await trigger.poll()).toBeNull();
		const after = nowSeconds();

		const requests = defaultListing();
		expect(advertisersOf(requests)).toEqual([...ADVERTISERS].sort());
		for (const request of requests) {
			expect(request.query.page_size).toBe('1000');
			const filtering = filteringOf(request);
			expect(filtering.primary_status).toBe('STATUS_ALL');
			// Reads back two overlap windows from "now", so the first cursor knows everything in its window.
			const start = String(filtering.creation_filter_start_time);
			expect(start >= tikTokSeconds(before - 2 * OVERLAP) && start <= tikTokSeconds(after - 2 * OVERLAP)).toBe(true);
		}
		const cursors = trigger.staticData().adCreated as Record<string, { time: number; seen: Record<string, string[]> }>;
		expect(Object.keys(cursors)).toEqual(ADVERTISERS);
		// The ad that existed at activation is remembered, so it is never emitted.
		expect(Object.values(cursors[ADV1].seen).flat()).toContain(existing.ad_id);
		expect(await trigger.poll()).toBeNull();
	});

	it('emits ads created after activation once each, oldest first, shaped like ad.get outputs', async () => {
		const trigger = await adCreated();
		expect(await trigger.poll()).toBeNull();
		const t = nowSeconds();
		const ads = [addAd(fake, ADV1, t + 3), addAd(fake, ADV1, t + 1), addAd(fake, ADV1, t + 2)];

		const first = await trigger.poll();
		expect(idsOf(first)).toEqual([ads[1].ad_id, ads[2].ad_id, ads[0].ad_id]);
		expect(await trigger.poll()).toBeNull();
		expect(await trigger.poll()).toBeNull();

		const { items } = await runTikTokNode({
			parameters: { resource: 'ad', operation: 'get', advertiserId: { __rl: true, mode: 'id', value: ADV1 }, adId: ads[0].ad_id, simplify: false },
			credentials: [businessCredential(fake)],
		});
		expect(first![0][2].json).toEqual(items[0].json);
		expect(typeof first![0][2].json.ad_id).toBe('string');
	});

	it('emits two ads created in the same second across a poll boundary, both once', async () => {
		const trigger = await adCreated();
		await trigger.poll();
		const t = nowSeconds() + 5;
		const a = addAd(fake, ADV1, t);
		expect(idsOf(await trigger.poll())).toEqual([a.ad_id]);

		const b = addAd(fake, ADV1, t);
		fake.state.clearRequests();
		expect(idsOf(await trigger.poll())).toEqual([b.ad_id]);
		// The lower bound is inclusive (it reaches back to the boundary second and beyond): a is re-read and dropped.
		const [request] = defaultListing();
		expect(String(filteringOf(request).creation_filter_start_time) <= tikTokSeconds(t)).toBe(true);
		expect(await trigger.poll()).toBeNull();
	});

	it('delivers 2,500 new ads with limit 1000 as 1000, 1000 and 500 over three polls, oldest first, none twice', async () => {
		const trigger = await adCreated({ limit: 1000 });
		await trigger.poll();
		// Five ads a second for 500 seconds: longer than the overlap window, and many ads share each second.
		const t = nowSeconds() + 1;
		const ads: Ad[] = [];
		for (let i = 0; i < 2500; i++) ads.push(addAd(fake, ADV1, t + Math.floor(i / 5), i % 3));

		const batches: string[][] = [];
		for (let poll = 0; poll < 3; poll++) {
			fake.state.clearRequests();
			batches.push(idsOf(await trigger.poll()));
			for (const request of defaultListing()) expect(request.query.page_size).toBe('1000');
		}
		expect(batches.map((b) => b.length)).toEqual([1000, 1000, 500]);
		// Oldest first: exactly the creation order (same-second ties by ad ID, which grows with creation).
		expect(batches.flat()).toEqual(ads.map((a) => a.ad_id));
		expect(await trigger.poll()).toBeNull();
	});

	it('emits an ad modified twice twice under adUpdated and once under adCreated', async () => {
		const created = await adCreated();
		const updated = await adUpdated();
		expect(await created.poll()).toBeNull();
		expect(await updated.poll()).toBeNull();

		const t = nowSeconds() + 2;
		const ad = addAd(fake, ADV1, t);
		modifyAd(ad, t + 2, { ad_name: 'Renamed once' });
		fake.state.clearRequests();
		expect(idsOf(await created.poll())).toEqual([ad.ad_id]);
		const first = await updated.poll();
		expect(idsOf(first)).toEqual([ad.ad_id]);
		expect(first![0][0].json).toMatchObject({ ad_name: 'Renamed once', modify_time: tikTokSeconds(t + 2) });

		// adUpdated asks TikTok only for ads modified after the cursor (minus the overlap), not for a creation window.
		const [, updateRequest] = defaultListing();
		const filtering = filteringOf(updateRequest);
		expect(filtering.creation_filter_start_time).toBeUndefined();
		expect(String(filtering.modified_after) < tikTokSeconds(t + 2)).toBe(true);

		modifyAd(ad, t + 5, { operation_status: 'DISABLE' });
		expect(await created.poll()).toBeNull();
		const second = await updated.poll();
		expect(idsOf(second)).toEqual([ad.ad_id]);
		expect(second![0][0].json).toMatchObject({ operation_status: 'DISABLE', modify_time: tikTokSeconds(t + 5) });

		fake.state.clearRequests();
		expect(await created.poll()).toBeNull();
		expect(await updated.poll()).toBeNull();
		const lastUpdate = defaultListing()[1];
		expect(filteringOf(lastUpdate).modified_after).toBe(tikTokSeconds(t + 5 - OVERLAP - 1));
	});

	it('tracks three advertisers independently, and applies the limit oldest first across them', async () => {
		const trigger = await adCreated({ advertiserIds: ADVERTISERS, limit: 2 });
		await trigger.poll();
		const before = snapshot(trigger.staticData().adCreated) as Record<string, unknown>;
		const t = nowSeconds() + 2;

		const onlyTwo = addAd(fake, ADV2, t);
		expect(idsOf(await trigger.poll())).toEqual([onlyTwo.ad_id]);
		const after = snapshot(trigger.staticData().adCreated) as Record<string, unknown>;
		expect(after[ADV1]).toEqual(before[ADV1]);
		expect(after[ADV3]).toEqual(before[ADV3]);
		expect(after[ADV2]).not.toEqual(before[ADV2]);

		const a1 = addAd(fake, ADV1, t + 1);
		const c2 = addAd(fake, ADV3, t + 2);
		const a3 = addAd(fake, ADV1, t + 3);
		expect(idsOf(await trigger.poll())).toEqual([a1.ad_id, c2.ad_id]);
		expect(idsOf(await trigger.poll())).toEqual([a3.ad_id]);
		expect(await trigger.poll()).toBeNull();
	});

	it('makes one request per advertiser for a poll that finds nothing, and leaves static data untouched', async () => {
		const trigger = await adCreated({ advertiserIds: ADVERTISERS });
		await trigger.poll();
		addAd(fake, ADV3, nowSeconds() + 1);
		expect(await trigger.poll()).not.toBeNull();

		const before = snapshot(trigger.staticData());
		(trigger.workflow.staticData as { __dataChanged?: boolean }).__dataChanged = false;
		fake.state.clearRequests();
		expect(await trigger.poll()).toBeNull();

		expect(advertisersOf(defaultListing())).toEqual([...ADVERTISERS].sort());
		// Plus one request per advertiser for TopView ads, which TikTok's default buying types leave out.
		expect(advertisersOf(topViewListing())).toEqual([...ADVERTISERS].sort());
		expect(fake.state.requests).toHaveLength(6);
		expect(snapshot(trigger.staticData())).toEqual(before);
		expect((trigger.workflow.staticData as { __dataChanged?: boolean }).__dataChanged).toBe(false);
	});

	it('emits an ad TikTok shows late (its time already behind the cursor, within the overlap) once', async () => {
		const trigger = await adCreated();
		await trigger.poll();
		const t = nowSeconds() + 60;
		const onTime = addAd(fake, ADV1, t);
		expect(idsOf(await trigger.poll())).toEqual([onTime.ad_id]);

		const late = addAd(fake, ADV1, t - 30);
		expect(idsOf(await trigger.poll())).toEqual([late.ad_id]);
		expect(await trigger.poll()).toBeNull();
	});

	it('picks up where it left off after a restart (static data persisted as JSON)', async () => {
		const trigger = await adCreated();
		await trigger.poll();
		const t = nowSeconds() + 1;
		const a = addAd(fake, ADV1, t);
		expect(idsOf(await trigger.poll())).toEqual([a.ad_id]);

		const b = addAd(fake, ADV1, t);
		const restarted = await makeTrigger(fake, trigger.node.parameters, {
			staticData: { [`node:${trigger.node.name}`]: snapshot(trigger.staticData()) },
		});
		expect(idsOf(await restarted.poll())).toEqual([b.ad_id]);
		expect(await restarted.poll()).toBeNull();
	});

	it('retries a rate-limited poll inside its budget and emits once', async () => {
		const trigger = await adCreated();
		await trigger.poll();
		const a = addAd(fake, ADV1, nowSeconds() + 1);
		fake.state.clearRequests();
		// The default listing's first two answers (the TopView listing runs beside it, unthrottled).
		fake.state.failNext({ path: AD_PATH, code: 40100, match: (query: Record<string, string>) => !isTopView({ query }) }, 2);

		expect(idsOf(await trigger.poll())).toEqual([a.ad_id]);
		expect(defaultListing()).toHaveLength(3);
		expect(await trigger.poll()).toBeNull();
	});

	it('emits what the other advertisers found when one stays rate-limited, reports its error and keeps its cursor', async () => {
		const trigger = await adCreated({ advertiserIds: [ADV1, ADV2] });
		await trigger.poll();
		const t = nowSeconds() + 1;
		const a = addAd(fake, ADV1, t);
		const b = addAd(fake, ADV2, t + 1);
		const before = snapshot(trigger.staticData());
		// The first advertiser's request succeeds; the second one's is rate-limited until the retries run out.
		fake.state.clearRequests();
		const original = fake.state.takeFailure as (path: string, ...rest: unknown[]) => unknown;
		fake.state.takeFailure = (path: string, ...rest: unknown[]) => {
			const request = rest.at(-1) as { query?: Record<string, string> } | undefined;
			const adv2 = request?.query?.advertiser_id === ADV2;
			return adv2 && path.endsWith('/ad/get/') ? { code: 40133 } : original(path, ...rest);
		};

		const result = await trigger.poll();
		fake.state.takeFailure = original;

		// ADV1's ad is emitted and its cursor moves; ADV2's cursor is exactly as before.
		expect(idsOf(result)).toEqual([a.ad_id]);
		const after = snapshot(trigger.staticData()) as { adCreated: Record<string, unknown> };
		expect(after.adCreated[ADV2]).toEqual((before as typeof after).adCreated[ADV2]);
		expect(after.adCreated[ADV1]).not.toEqual((before as typeof after).adCreated[ADV1]);
		// The failure is reported to n8n (a failed trigger execution), with TikTok's message and the advertiser.
		expect(trigger.reported).toHaveLength(1);
		const error = trigger.reported[0] as NodeApiError;
		expect(error.name).toBe('NodeApiError');
		expect(error.message).toMatch(/^TikTok rate-limited the call: The request frequency of this advertiser/);
		expect(error.message).toContain(ADV2);
		expect(error.httpCode).toBe('429');
		expect(error.description).toMatch(/after 6 attempts/);
		expect(defaultListing().filter((r) => r.query.advertiser_id === ADV2)).toHaveLength(6);

		// Nothing was lost: the next poll delivers ADV2's ad, and ADV1's is not repeated.
		expect(idsOf(await trigger.poll())).toEqual([b.ad_id]);
		expect(trigger.reported).toHaveLength(1);
	});

	it('fails a poll that finds nothing while an advertiser stays rate-limited, leaving every cursor unchanged', async () => {
		const trigger = await adCreated({ advertiserIds: [ADV1, ADV2] });
		await trigger.poll();
		const b = addAd(fake, ADV2, nowSeconds() + 1);
		const before = snapshot(trigger.staticData());
		const original = fake.state.takeFailure as (path: string, ...rest: unknown[]) => unknown;
		fake.state.takeFailure = (path: string, ...rest: unknown[]) => {
			const request = rest.at(-1) as { query?: Record<string, string> } | undefined;
			const adv2 = request?.query?.advertiser_id === ADV2;
			return adv2 && path.endsWith('/ad/get/') ? { code: 40133 } : original(path, ...rest);
		};
		const error = (await trigger.poll().catch((e: unknown) => e)) as NodeApiError;
		fake.state.takeFailure = original;
		expect(error.message).toMatch(/^TikTok rate-limited the call/);
		expect(error.message).toContain(ADV2);
		expect(snapshot(trigger.staticData())).toEqual(before);
		expect(idsOf(await trigger.poll())).toEqual([b.ad_id]);
	});

	it('stops within the poll budget when every advertiser is rate-limited, and loses nothing', async () => {
		const many = [ADV1, ADV2, ADVERTISERS[2]];
		const trigger = await adCreated({ advertiserIds: many });
		await trigger.poll();
		const t = nowSeconds() + 1;
		const added = many.map((advertiserId, i) => addAd(fake, advertiserId, t + i));
		const before = snapshot(trigger.staticData());
		fake.state.failNext({ path: AD_PATH, code: 40100 }, 1000);
		const error = (await trigger.poll('trigger', { pollBudgetMs: 1500 }).catch((e: unknown) => e)) as NodeApiError;
		fake.state.clearFaults();
		// Retries stop at the budget (80% of it, minus one backoff at most), not after the transport's 60 s.
		expect(error.message).toMatch(/^TikTok rate-limited the call/);
		expect(error.message).toMatch(/more advertisers? failed too/);
		expect(snapshot(trigger.staticData())).toEqual(before);
		expect(idsOf(await trigger.poll())).toEqual(added.map((a) => a.ad_id));
	});

	it('in manual mode returns the newest ad and does not move (or create) the cursor', async () => {
		const untouched = await adCreated({ advertiserIds: ADVERTISERS });
		const sample = await untouched.poll('manual');
		expect(sample).toHaveLength(1);
		expect(sample![0]).toHaveLength(1);
		expect(untouched.staticData()).toEqual({});

		const trigger = await adCreated({ advertiserIds: ADVERTISERS });
		await trigger.poll();
		const t = nowSeconds() + 1;
		const older = addAd(fake, ADV2, t);
		const newest = addAd(fake, ADV3, t + 1);
		const before = snapshot(trigger.staticData());

		fake.state.clearRequests();
		const manual = await trigger.poll('manual');
		expect(idsOf(manual)).toEqual([newest.ad_id]);
		for (const request of defaultListing()) expect(request.query.page_size).toBe('1');
		expect(snapshot(trigger.staticData())).toEqual(before);

		expect(idsOf(await trigger.poll())).toEqual([older.ad_id, newest.ad_id]);
	});

	it('in manual mode returns the most recently changed ad for adUpdated', async () => {
		const trigger = await adUpdated();
		const t = nowSeconds();
		const changed = addAd(fake, ADV1, t - 100);
		addAd(fake, ADV1, t - 50);
		modifyAd(changed, t - 10);
		expect(idsOf(await trigger.poll('manual'))).toEqual([changed.ad_id]);
		expect(trigger.staticData()).toEqual({});
	});

	it('in manual mode says so when no ad matches', async () => {
		const trigger = await adCreated({ filters: { campaignIds: ['1899999999999999999'] } });
		const error = (await trigger.poll('manual').catch((e: unknown) => e)) as Error;
		expect(error.name).toBe('NodeOperationError');
		expect(error.message).toBe(`No ads found in advertiser ${ADV1} with the current filters`);
	});

	it('sends the campaign and ad group filters to TikTok and emits only matching ads', async () => {
		const groups = fake.state.world.adgroups.filter((g) => g.advertiser_id === ADV1);
		const trigger = await adCreated({
			filters: { campaignIds: [groups[0].campaign_id], adgroupIds: `${groups[0].adgroup_id}, ${groups[1].adgroup_id}` },
		});
		await trigger.poll();
		const t = nowSeconds() + 1;
		const inGroup0 = addAd(fake, ADV1, t, 0);
		const inGroup1 = addAd(fake, ADV1, t, 1);
		addAd(fake, ADV1, t, 3); // another campaign
		fake.state.clearRequests();

		expect(idsOf(await trigger.poll())).toEqual([inGroup0.ad_id, inGroup1.ad_id]);
		const filtering = filteringOf(defaultListing()[0]);
		expect(filtering.campaign_ids).toEqual([groups[0].campaign_id]);
		expect(filtering.adgroup_ids).toEqual([groups[0].adgroup_id, groups[1].adgroup_id]);
	});

	it.each([
		['a list of IDs', [ADV1, ADV2]],
		['an expression giving an array', `={{ ["${ADV1}", "${ADV2}"] }}`],
		['an expression giving comma-separated IDs', `={{ "${ADV1}, ${ADV2}" }}`],
	])('accepts advertisers as %s', async (_label, advertiserIds) => {
		const trigger = await adCreated({ advertiserIds });
		await trigger.poll();
		expect(advertisersOf(defaultListing())).toEqual([ADV1, ADV2].sort());
		expect(Object.keys(trigger.staticData().adCreated as object)).toEqual([ADV1, ADV2]);
	});

	it.each([
		['no advertiser', { advertiserIds: [] }, /"Advertisers" parameter is empty/],
		['an empty mapped advertiser', { advertiserIds: '={{ "" }}' }, /"Advertisers" parameter is empty/],
		['a malformed advertiser ID', { advertiserIds: ['acme'] }, /"Advertisers" parameter must be a TikTok ID/],
		['a malformed campaign ID', { filters: { campaignIds: ['cmp-1'] } }, /"Campaigns" parameter must be a TikTok ID/],
		[
			'more than 100 ad groups',
			{ filters: { adgroupIds: Array.from({ length: 101 }, (_, i) => `17${String(i).padStart(17, '0')}`) } },
			/"Ad Groups" filter has 101 IDs: TikTok accepts at most 100/,
		],
		['a limit of 0', { limit: 0 }, /"Limit" parameter must be a whole number of at least 1/],
	])('refuses %s before any request', async (_label, parameters, message) => {
		const trigger = await adCreated(parameters);
		const error = (await trigger.poll().catch((e: unknown) => e)) as Error;
		expect(error.name).toBe('NodeOperationError');
		expect(error.message).toMatch(message);
		expect(fake.state.requests).toHaveLength(0);
		expect(trigger.staticData()).toEqual({});
	});

	it('fails activation clearly for an advertiser the token cannot reach, storing nothing', async () => {
		const token = 'fake-business-token-only-adv1';
		fake.state.businessTokens.set(token, { appId: fake.FAKE.businessAppId, advertiserIds: [ADV1] });
		const trigger = await makeTrigger(
			fake,
			{ event: 'adCreated', advertiserIds: [ADV1, ADV2] },
			{ credentials: [businessCredential(fake, { accessToken: token })] },
		);
		const error = (await trigger.poll().catch((e: unknown) => e)) as NodeApiError;
		expect(error.name).toBe('NodeApiError');
		expect(error.message).toBe(`TikTok: No permission to operate advertiser ${ADV2}. Please check the advertiser authorization.`);
		expect(error.description).toMatch(/permission/);
		expect(error.context.advertiserId).toBe(ADV2);
		expect(trigger.staticData()).toEqual({});
		for (const secret of [...secretsOf(fake), token]) {
			expect(JSON.stringify({ message: error.message, description: error.description })).not.toContain(secret);
		}
	});
});
