/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- a test, not node code: its own rules are test/eslint.config.mjs */
import * as path from 'node:path';

import { runTikTokNode } from '../harness/engine';
import { ADV1, ADV2, BUSINESS_PREFIX, businessCredential, useFake } from '../harness/fake';
import { useFastClock } from '../harness/clock';

const AD_GET = `${BUSINESS_PREFIX}/ad/get/`;
const MISSING_AD = '1789999999999999999';

type Ad = Record<string, unknown> & { ad_id: string; advertiser_id: string; __deleted: boolean };
type Recorded = { at: number; query: Record<string, string> };

/** TopView ads need a listing of their own (contract §11): these tests count TikTok's default listing. */
const isTopView = (r: Recorded) => String(r.query.filtering ?? '').includes('RESERVATION_TOP_VIEW');

/** The built transport's limiter (what the node runs). */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const concurrency = require(path.join(__dirname, '..', '..', 'dist', 'nodes', 'TikTok', 'transport', 'concurrency')) as {
	RequestLimiter: new () => { adaptive: number; rateLimited(): void; succeeded(): void; acquire(ceiling: number): Promise<() => void> };
	limiterFor: (credential: string, host: string) => unknown;
	limiterCount: () => number;
	DEFAULT_REQUESTS_PER_SECOND: number;
};

/** Most requests that arrived at the fake within any one second (without the limiter, all 20 within milliseconds). */
function busiestSecond(requests: Recorded[]): number {
	const times = requests.map((r) => r.at).sort((a, b) => a - b);
	let most = 0;
	for (let i = 0, j = 0; i < times.length; i++) {
		while (times[i] - times[j] >= 1000) j++;
		most = Math.max(most, i - j + 1);
	}
	return most;
}

/** Whether two requests were at TikTok at the same time (the later arrived before the earlier was answered). */
function overlapped(requests: Recorded[], latencyMs: number): boolean {
	const times = requests.map((r) => r.at).sort((a, b) => a - b);
	return times.some((t, i) => i > 0 && t - times[i - 1] < latencyMs / 2);
}


/** Backoff, Retry-After and limiter waits are fast-forwarded (test/harness/clock.ts), not sat through. */
useFastClock();

describe('concurrency under one limit per credential: order, pairing and limits unchanged', () => {
	const fake = useFake({ adsPerAdvertiser: [2500, 600, 60] }, { perTest: true });
	const live = (advertiserId: string) => (fake.state.world.ads as Ad[]).filter((a) => a.advertiser_id === advertiserId && !a.__deleted);

	it('ad.get over 400 items of two advertisers: batches go out together, each output stays at its input, paired', async () => {
		fake.state.latencyMs = 150;
		const a = live(ADV1).slice(0, 200);
		const b = live(ADV2).slice(0, 190);
		// Interleaved advertisers, a repeated ID and a missing one.
		const rows: Array<{ advertiserId: string; adId: string }> = [];
		for (let i = 0; i < 200; i++) {
			rows.push({ advertiserId: ADV1, adId: a[i].ad_id });
			if (i < 190) rows.push({ advertiserId: ADV2, adId: b[i].ad_id });
		}
		rows.splice(7, 0, { advertiserId: ADV1, adId: a[3].ad_id }, { advertiserId: ADV2, adId: MISSING_AD });
		const { items, error } = await runTikTokNode({
			parameters: { resource: 'ad', operation: 'get', advertiserId: { __rl: true, mode: 'id', value: '={{ $json.advertiserId }}' }, adId: '={{ $json.adId }}' },
			credentials: [businessCredential(fake)],
			input: rows.map((json) => ({ json })),
			continueOnFail: true,
		});
		expect(error).toBeUndefined();
		expect(items).toHaveLength(rows.length);
		for (const [i, row] of rows.entries()) {
			expect(items[i].pairedItem).toEqual({ item: i });
			if (row.adId === MISSING_AD) expect(items[i].json.error).toMatch(/was not found/);
			else expect([items[i].json.ad_id, items[i].json.advertiser_id]).toEqual([row.adId, row.advertiserId]);
		}
		// 2 + 2 batches of up to 100 IDs: the minimum, and some of them at TikTok at the same time; the one ID TikTok's
		// default listing did not return is looked up once among TopView ads.
		const all = fake.state.requestsTo(AD_GET) as Recorded[];
		const requests = all.filter((r) => !isTopView(r));
		expect(requests).toHaveLength(4);
		expect(all.filter(isTopView)).toHaveLength(1);
		expect(overlapped(requests, 150)).toBe(true);
	});

	it('ad.getMany lists 2,500 ads with pages 2 and 3 fetched together, in the order one request at a time gives', async () => {
		fake.state.latencyMs = 150;
		const list = async (requestsPerSecond?: number) =>
			await runTikTokNode({
				parameters: {
					resource: 'ad',
					operation: 'getMany',
					advertiserId: { __rl: true, mode: 'id', value: ADV1 },
					returnAll: true,
					filters: {},
					options: {},
					...(requestsPerSecond ? { requestsPerSecond } : {}),
				},
				credentials: [businessCredential(fake)],
			});
		const concurrent = await list();
		const requests = (fake.state.requestsTo(AD_GET) as Recorded[]).filter((r) => !isTopView(r));
		expect(requests.map((r) => Number(r.query.page)).sort()).toEqual([1, 2, 3]);
		expect(overlapped(requests.slice(1), 150)).toBe(true);
		fake.state.clearRequests();
		const oneAtATime = await list(1);
		expect(busiestSecond(fake.state.requestsTo(AD_GET) as Recorded[])).toBe(1);
		expect(concurrent.items.map((i) => i.json.ad_id)).toEqual(oneAtATime.items.map((i) => i.json.ad_id));
		expect(concurrent.items).toHaveLength(live(ADV1).length);
		expect(concurrent.items.map((i) => i.pairedItem)).toEqual(concurrent.items.map(() => ({ item: 0 })));
	});

	it('with a limit, fetches only the pages it needs, and exactly that many ads', async () => {
		const { items } = await runTikTokNode({
			parameters: { resource: 'ad', operation: 'getMany', advertiserId: { __rl: true, mode: 'id', value: ADV1 }, returnAll: false, limit: 1500, filters: {}, options: {} },
			credentials: [businessCredential(fake)],
		});
		expect(items).toHaveLength(1500);
		expect((fake.state.requestsTo(AD_GET) as Recorded[]).map((r) => [Number(r.query.page), Number(r.query.page_size)]).sort()).toEqual([
			[1, 1000],
			[2, 1000],
		]);
	});

	it('never starts more than 10 requests in a second by default, and "Max Requests Per Second" lowers that', async () => {
		const ids = live(ADV1).slice(0, 2000).map((a) => a.ad_id);
		const get = async (extra: Record<string, unknown>) =>
			await runTikTokNode({
				parameters: { resource: 'ad', operation: 'get', advertiserId: { __rl: true, mode: 'id', value: ADV1 }, adId: '={{ $json.adId }}', ...extra },
				credentials: [businessCredential(fake)],
				input: ids.map((adId) => ({ json: { adId } })),
			});
		const all = await get({});
		expect(all.error).toBeUndefined();
		expect(fake.state.requestsTo(AD_GET)).toHaveLength(20);
		expect(busiestSecond(fake.state.requestsTo(AD_GET) as Recorded[])).toBeLessThanOrEqual(concurrency.DEFAULT_REQUESTS_PER_SECOND);
		expect(busiestSecond(fake.state.requestsTo(AD_GET) as Recorded[])).toBeGreaterThan(2);

		fake.state.clearRequests();
		const slow = await get({ requestsPerSecond: 2 });
		expect(slow.items.map((i) => i.json.ad_id)).toEqual(ids);
		expect(fake.state.requestsTo(AD_GET)).toHaveLength(20);
		expect(busiestSecond(fake.state.requestsTo(AD_GET) as Recorded[])).toBeLessThanOrEqual(2);
	});

	it('a 40100 in the middle of concurrent pages loses and repeats nothing', async () => {
		fake.state.rateLimitShare = 0.3;
		const { items, error } = await runTikTokNode({
			parameters: { resource: 'ad', operation: 'getMany', advertiserId: { __rl: true, mode: 'id', value: ADV1 }, returnAll: true, filters: {}, options: {} },
			credentials: [businessCredential(fake)],
		});
		fake.state.rateLimitShare = 0;
		expect(error).toBeUndefined();
		const ids = items.map((i) => i.json.ad_id);
		expect(new Set(ids).size).toBe(live(ADV1).length);
		expect(ids).toHaveLength(live(ADV1).length);
	});
});

describe('the request limiter', () => {
	it('halves its rate on each rate-limit answer (down to 1) and climbs back one step per run of good answers', () => {
		const limiter = new concurrency.RequestLimiter();
		expect(limiter.adaptive).toBe(10);
		limiter.rateLimited();
		expect(limiter.adaptive).toBe(5);
		limiter.rateLimited();
		limiter.rateLimited();
		limiter.rateLimited();
		expect(limiter.adaptive).toBe(1);
		const climbs: number[] = [];
		for (let i = 0; i < 60; i++) {
			limiter.succeeded();
			climbs.push(limiter.adaptive);
		}
		expect(climbs[0]).toBe(2);
		expect(climbs.at(-1)).toBe(10);
		expect(Math.max(...climbs)).toBe(10);
	});

	it('lets at most its current rate in flight', async () => {
		const limiter = new concurrency.RequestLimiter();
		limiter.rateLimited(); // 5
		const releases = await Promise.all(Array.from({ length: 5 }, async () => await limiter.acquire(10)));
		let sixth = false;
		const pending = limiter.acquire(10).then((release) => {
			sixth = true;
			return release;
		});
		await new Promise((r) => setImmediate(r));
		expect(sixth).toBe(false);
		releases[0]();
		// It still waits for the second's window (5 started within it), then runs.
		(await pending)();
		expect(sixth).toBe(true);
		for (const release of releases.slice(1)) release();
	});

	it('keeps a bounded number of limiters however many credentials a process sees', () => {
		for (let i = 0; i < 500; i++) concurrency.limiterFor(`tikTokBusinessOAuth2Api:credential-${i}`, 'business-api.tiktok.com');
		expect(concurrency.limiterCount()).toBeLessThanOrEqual(200);
	});
});
