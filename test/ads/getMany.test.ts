import { DateTime } from 'luxon';
import type { IDataObject, NodeApiError } from 'n8n-workflow';

import { runTikTokNode } from '../harness/engine';
import { ADV1, BUSINESS_PREFIX, businessCredential, useFake } from '../harness/fake';
import { useFastClock } from '../harness/clock';

const ADVERTISER = ADV1;
const AD_GET = `${BUSINESS_PREFIX}/ad/get/`;
const advertiser = (value = ADVERTISER) => ({ __rl: true, mode: 'id', value });

type Ad = Record<string, unknown> & { ad_id: string; advertiser_id: string; __deleted: boolean };


/** Backoff, Retry-After and limiter waits are fast-forwarded (test/harness/clock.ts), not sat through. */
useFastClock();

describe('ad.getMany: search ads with filters, fields and paging', () => {
	// 2,500 ads in the first advertiser, so return-all needs three pages of 1,000.
	const fake = useFake({ adsPerAdvertiser: [2500, 10, 10] });

	const ads = () => (fake.state.world.ads as Ad[]).filter((a) => a.advertiser_id === ADVERTISER);
	const search = async (parameters: Record<string, unknown>, extra: { continueOnFail?: boolean; input?: Array<{ json: IDataObject }> } = {}) =>
		await runTikTokNode({
			parameters: { resource: 'ad', operation: 'getMany', advertiserId: advertiser(), ...parameters } as never,
			credentials: [businessCredential(fake)],
			...extra,
		});
	/** TikTok's default listing; each listing is followed by one for TopView ads (buying_types RESERVATION_TOP_VIEW). */
	const isTopView = (r: { query: Record<string, string> }) => String(r.query.filtering ?? '').includes('RESERVATION_TOP_VIEW');
	const pagesAsked = () =>
		fake.state
			.requestsTo(AD_GET)
			.filter((r) => !isTopView(r))
			.map((r) => [Number(r.query.page), Number(r.query.page_size)]);

	it('returns all 2,500 ads with exactly 3 list requests of page_size 1000', async () => {
		const { items, error } = await search({ returnAll: true, filters: { primaryStatus: 'STATUS_ALL' } });
		expect(error).toBeUndefined();
		expect(pagesAsked()).toEqual([
			[1, 1000],
			[2, 1000],
			[3, 1000],
		]);
		// And one request for TopView ads (there are none here).
		expect(fake.state.requestsTo(AD_GET).filter(isTopView)).toHaveLength(1);
		expect(items).toHaveLength(2500);
		const ids = items.map((i) => i.json.ad_id);
		expect(new Set(ids).size).toBe(2500);
		expect(new Set(ids)).toEqual(new Set(ads().map((a) => a.ad_id)));
		expect(items.every((i) => typeof i.json.ad_id === 'string' && (i.pairedItem as { item: number }).item === 0)).toBe(true);
	});

	it('honours limit 25 exactly with one request of page_size 25', async () => {
		const { items, error } = await search({ returnAll: false, limit: 25 });
		expect(error).toBeUndefined();
		expect(pagesAsked()).toEqual([[1, 25]]);
		expect(items).toHaveLength(25);
	});

	it('honours a limit above one page exactly: 1,200 ads in two requests', async () => {
		const { items } = await search({ returnAll: false, limit: 1200 });
		expect(pagesAsked()).toEqual([
			[1, 1000],
			[2, 1000],
		]);
		expect(items).toHaveLength(1200);
		expect(new Set(items.map((i) => i.json.ad_id)).size).toBe(1200);
	});

	it('leaves deleted ads out by default and includes them with primary status "All (Including Deleted)"', async () => {
		const deleted = ads().filter((a) => a.__deleted);
		expect(deleted.length).toBeGreaterThan(0);
		const plain = await search({ returnAll: true });
		expect(plain.items).toHaveLength(2500 - deleted.length);
		expect(JSON.parse(fake.state.requestsTo(AD_GET).filter((r) => !isTopView(r))[0].query.filtering ?? '{}')).toEqual({});
		const onlyDeleted = await search({ returnAll: true, filters: { primaryStatus: 'STATUS_DELETE' } });
		expect(onlyDeleted.items.map((i) => i.json.ad_id).sort()).toEqual(deleted.map((a) => a.ad_id).sort());
	});

	it('sends every filter to TikTok as one JSON `filtering` object, times converted to UTC', async () => {
		const sample = ads()[7];
		const { items, error } = await search({
			returnAll: true,
			filters: {
				campaignIds: [sample.campaign_id],
				adgroupIds: [sample.adgroup_id],
				adIds: `${sample.ad_id}, 1780000000000000001`,
				adName: String(sample.ad_name),
				primaryStatus: 'STATUS_ALL',
				createdAfter: '2026-07-01T08:00:00+08:00',
				createdBefore: '2026-10-01 00:00:00',
			},
		});
		expect(error).toBeUndefined();
		const [request] = fake.state.requestsTo(AD_GET);
		expect(request.query.advertiser_id).toBe(ADVERTISER);
		expect(JSON.parse(request.query.filtering)).toEqual({
			campaign_ids: [sample.campaign_id],
			adgroup_ids: [sample.adgroup_id],
			ad_ids: [sample.ad_id, '1780000000000000001'],
			ad_name: sample.ad_name,
			primary_status: 'STATUS_ALL',
			creation_filter_start_time: '2026-07-01 00:00:00',
			creation_filter_end_time: '2026-10-01 00:00:00',
		});
		// Nothing else leaks into the query as loose parameters.
		expect(Object.keys(request.query).sort()).toEqual(['advertiser_id', 'filtering', 'page', 'page_size']);
		expect(items.map((i) => i.json.ad_id)).toContain(sample.ad_id);
		for (const item of items) expect(item.json.campaign_id).toBe(sample.campaign_id);
	});

	it('filters by creation time: only ads created within the range come back', async () => {
		const { items } = await search({
			returnAll: true,
			filters: { createdAfter: '2026-09-01T00:00:00Z', createdBefore: '2026-09-10T00:00:00Z', primaryStatus: 'STATUS_ALL' },
		});
		const expected = ads().filter((a) => String(a.create_time) >= '2026-09-01 00:00:00' && String(a.create_time) <= '2026-09-10 00:00:00');
		expect(expected.length).toBeGreaterThan(0);
		expect(items.map((i) => i.json.ad_id).sort()).toEqual(expected.map((a) => a.ad_id).sort());
	});

	it("reads a date picker value (no offset) in the workflow's time zone", async () => {
		const { workflow } = await search({ returnAll: false, limit: 5, filters: { createdBefore: '2026-09-01T08:00:00' } });
		const expected = DateTime.fromISO('2026-09-01T08:00:00', { zone: workflow.timezone }).toUTC().toFormat('yyyy-MM-dd HH:mm:ss');
		const [request] = fake.state.requestsTo(AD_GET);
		expect(JSON.parse(request.query.filtering)).toEqual({ creation_filter_end_time: expected });
	});

	it('reads a Luxon DateTime mapped by an expression in its own time zone', async () => {
		await search({
			returnAll: false,
			limit: 5,
			filters: { createdAfter: "={{ DateTime.fromISO('2026-09-01T07:30:00', { zone: 'America/New_York' }) }}" },
		});
		const [request] = fake.state.requestsTo(AD_GET);
		expect(JSON.parse(request.query.filtering)).toEqual({ creation_filter_start_time: '2026-09-01 11:30:00' });
	});

	it('asks only for the chosen fields (plus the ad ID) and returns just those', async () => {
		const { items } = await search({ returnAll: false, limit: 3, simplify: false, options: { fields: ['ad_name', 'operation_status'] } });
		const [request] = fake.state.requestsTo(AD_GET);
		expect(JSON.parse(request.query.fields)).toEqual(['ad_id', 'ad_name', 'operation_status']);
		expect(items).toHaveLength(3);
		for (const item of items) expect(Object.keys(item.json).sort()).toEqual(['ad_id', 'ad_name', 'operation_status']);
	});

	it('retries a 40100 in the middle of paging: nothing lost or repeated', async () => {
		// The second request of TikTok's default listing is rate-limited once (the TopView listing runs beside it).
		fake.state.failNext({ path: AD_GET, code: 40100, skip: 1, match: (query) => !isTopView({ query }) });
		const { items, error } = await search({ returnAll: true, filters: { primaryStatus: 'STATUS_ALL' } });
		expect(error).toBeUndefined();
		// Pages 2 and 3 go out together once page 1 tells there are 3; the one that got the 40100 is asked again.
		const asked = pagesAsked().map(([page]) => page);
		expect(asked[0]).toBe(1);
		expect(asked).toHaveLength(4);
		expect(new Set(asked.slice(1))).toEqual(new Set([2, 3]));
		expect(items).toHaveLength(2500);
		// In TikTok's order, as a run without the rate limit gives it.
		const again = await search({ returnAll: true, filters: { primaryStatus: 'STATUS_ALL' } });
		expect(items.map((i) => i.json.ad_id)).toEqual(again.items.map((i) => i.json.ad_id));
		expect(new Set(items.map((i) => i.json.ad_id))).toEqual(new Set(ads().map((a) => a.ad_id)));
	});

	it('runs one search per input item, each result paired with its item', async () => {
		const { items } = await search(
			{ returnAll: false, limit: 2, filters: { adName: '={{ $json.name }}' } },
			{ input: [{ json: { name: 'Spring' } }, { json: { name: 'Holiday' } }] },
		);
		expect(items).toHaveLength(4);
		expect(items.slice(0, 2).every((i) => String(i.json.ad_name).includes('Spring') && (i.pairedItem as { item: number }).item === 0)).toBe(true);
		expect(items.slice(2).every((i) => String(i.json.ad_name).includes('Holiday') && (i.pairedItem as { item: number }).item === 1)).toBe(true);
		expect(fake.state.requestsTo(AD_GET).map((r) => JSON.parse(r.query.filtering).ad_name)).toEqual(['Spring', 'Holiday']);
	});

	it('passes TikTok errors on with its code, and under continueOnFail as an error item', async () => {
		const { error } = await search({ returnAll: true, advertiserId: advertiser('7999999999999999999') });
		expect(error?.name).toBe('NodeApiError');
		expect((error as NodeApiError).context.tiktokCode).toBe(40001);
		const { items } = await search({ returnAll: true, advertiserId: advertiser('7999999999999999999') }, { continueOnFail: true });
		expect(items).toHaveLength(1);
		expect(items[0].json).toMatchObject({ code: 40001 });
		expect(items[0].pairedItem).toEqual({ item: 0 });
	});

	it.each([
		['a created-between range that ends before it starts', { filters: { createdAfter: '2026-09-10T00:00:00Z', createdBefore: '2026-09-01T00:00:00Z' } }, /"Created Before" filter .* is earlier than "Created After".*ends before it starts/],
		['a date that is not a date', { filters: { createdAfter: '={{ "next tuesday" }}' } }, /"Created After" parameter is not a valid date and time/],
		['a non-numeric campaign ID', { filters: { campaignIds: '={{ ["1801000000000000001", "abc"] }}' } }, /"Campaign Names or IDs" parameter must be a TikTok ID/],
		['an over-long ad ID', { filters: { adIds: '1'.repeat(21) } }, /"Ad IDs" parameter is too long/],
		['more than 100 ad IDs', { filters: { adIds: Array.from({ length: 101 }, (_, n) => String(1780000000000000000 + n * 1000)).join(',') } }, /"Ad IDs" filter has 101 IDs: TikTok accepts at most 100/],
		['an unknown primary status', { filters: { primaryStatus: '={{ "STATUS_PAUSED" }}' } }, /"Primary Status" filter must be one of/],
		['a limit of 0', { returnAll: false, limit: '={{ 0 }}' }, /"Limit" parameter must be a whole number of at least 1/],
		['a field name that is not one', { simplify: false, options: { fields: '={{ ["ad_name", "name; drop"] }}' } }, /"Fields" option holds "name; drop"/],
		['an empty advertiser ID', { advertiserId: advertiser('={{ "" }}') }, /"Advertiser" parameter is empty/],
	])('refuses %s before any request, naming the field', async (_label, parameters, message) => {
		const { error } = await search({ returnAll: true, ...parameters });
		expect(error?.message).toMatch(message);
		expect(fake.state.requests).toHaveLength(0);
	});
});
