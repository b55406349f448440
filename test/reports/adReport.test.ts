/* eslint-disable @n8n/community-nodes/no-restricted-imports -- a test, not node code: its own rules are test/eslint.config.mjs */
import fs from 'node:fs';
import path from 'node:path';

import { DateTime } from 'luxon';
import type { IDataObject, INode, NodeApiError } from 'n8n-workflow';

import { PACKAGE_ROOT, runTikTokNode, runWorkflow } from '../harness/engine';
import type { FakeRequest } from '../harness/fake';
import { ADV1, ADV2, ADV3, BUSINESS_PREFIX, businessCredential, errorText, expectNoSecrets, useFake } from '../harness/fake';
import { useFastClock } from '../harness/clock';

const EAST = ADV1; // Asia/Singapore, UTC+8
const WEST = ADV2; // America/New_York, UTC-5
const UTC = ADV3; // Etc/UTC

const REPORT = `${BUSINESS_PREFIX}/report/integrated/get/`;
const INFO = `${BUSINESS_PREFIX}/advertiser/info/`;

const rl = (value: string) => ({ __rl: true, mode: 'id', value });

/** Every calendar day from `start` to `end`, both included. */
function daysBetween(start: string, end: string): string[] {
	const days: string[] = [];
	for (let d = DateTime.fromISO(start, { zone: 'utc' }); d.toISODate()! <= end; d = d.plus({ days: 1 })) days.push(d.toISODate()!);
	return days;
}

const span = (r: FakeRequest) =>
	DateTime.fromISO(r.query.end_date, { zone: 'utc' }).diff(DateTime.fromISO(r.query.start_date, { zone: 'utc' }), 'days').days + 1;


/** Backoff, Retry-After and limiter waits are fast-forwarded (test/harness/clock.ts), not sat through. */
useFastClock();

describe('adReport.getMany through the real engine against the fake TikTok report API', () => {
	const fake = useFake({}, {
		reset: (f) => {
			f.state.reportQueryTooLargeDays = undefined;
		},
	});

	const campaignsOf = (advertiserId: string) => fake.state.world.campaigns.filter((c) => c.advertiser_id === advertiserId);

	async function report(parameters: IDataObject, extra: { continueOnFail?: boolean; input?: Array<{ json: IDataObject }> } = {}) {
		return await runTikTokNode({
			parameters: {
				resource: 'adReport',
				operation: 'getMany',
				advertiserId: rl(UTC),
				reportType: 'BASIC',
				dataLevel: 'AUCTION_CAMPAIGN',
				dimensions: ['campaign_id', 'stat_time_day'],
				metrics: ['spend', 'impressions', 'clicks'],
				dateRange: 'custom',
				startDate: '2026-06-01T00:00:00',
				endDate: '2026-06-07T00:00:00',
				returnAll: true,
				...parameters,
			} as INode['parameters'],
			credentials: [businessCredential(fake)],
			...extra,
		});
	}

	describe('long ranges', () => {
		it('fetches a 75-day daily report as three windows of at most 30 days, every day present once', async () => {
			const { items, error } = await report({ startDate: '2026-06-01T00:00:00', endDate: '2026-08-14T00:00:00' });
			expect(error).toBeUndefined();

			const requests = fake.state.requestsTo(REPORT);
			expect(requests.map((r) => [r.query.start_date, r.query.end_date])).toEqual([
				['2026-06-01', '2026-06-30'],
				['2026-07-01', '2026-07-30'],
				['2026-07-31', '2026-08-14'],
			]);
			for (const r of requests) {
				expect(span(r)).toBeLessThanOrEqual(30);
				expect(r.query.page_size).toBe('1000');
				expect(JSON.parse(r.query.dimensions)).toEqual(['campaign_id', 'stat_time_day']);
			}
			// Custom dates need no time zone: the report calls are the only calls.
			expect(fake.state.requestsTo(INFO)).toHaveLength(0);

			const campaigns = campaignsOf(UTC).map((c) => c.campaign_id as string);
			const days = daysBetween('2026-06-01', '2026-08-14');
			expect(days).toHaveLength(75);
			expect(items).toHaveLength(campaigns.length * 75);
			const seen = new Map<string, number>();
			for (const { json } of items) {
				const key = `${String(json.campaign_id)}|${String(json.stat_time_day)}`;
				seen.set(key, (seen.get(key) ?? 0) + 1);
			}
			for (const campaign of campaigns) {
				for (const d of days) expect(seen.get(`${campaign}|${d} 00:00:00`)).toBe(1);
			}
			expect(items.every((i) => i.pairedItem && (i.pairedItem as { item: number }).item === 0)).toBe(true);
		});

		it('fetches an hourly report over 3 days as three 1-day windows, every hour present once', async () => {
			const { items, error } = await report({
				dimensions: ['stat_time_hour'],
				dataLevel: 'AUCTION_ADVERTISER',
				startDate: '2026-06-10T00:00:00',
				endDate: '2026-06-12T00:00:00',
			});
			expect(error).toBeUndefined();
			expect(fake.state.requestsTo(REPORT).map((r) => [r.query.start_date, r.query.end_date])).toEqual([
				['2026-06-10', '2026-06-10'],
				['2026-06-11', '2026-06-11'],
				['2026-06-12', '2026-06-12'],
			]);
			const hours = items.map((i) => i.json.stat_time_hour as string);
			expect(hours).toHaveLength(72);
			expect(new Set(hours).size).toBe(72);
			expect(hours[0]).toBe('2026-06-10 00:00:00');
			expect(hours[71]).toBe('2026-06-12 23:00:00');
		});

		it('pages each window with page_size 1000 until TikTok has no more pages', async () => {
			const adgroups = fake.state.world.adgroups.filter((g) => g.advertiser_id === UTC);
			const { items, error } = await report({
				dataLevel: 'AUCTION_ADGROUP',
				dimensions: ['adgroup_id', 'stat_time_day'],
				startDate: '2026-06-01T00:00:00',
				endDate: '2026-06-30T00:00:00',
			});
			expect(error).toBeUndefined();
			const expected = adgroups.length * 30;
			expect(expected).toBeGreaterThan(1000);
			expect(items).toHaveLength(expected);
			expect(fake.state.requestsTo(REPORT).map((r) => [r.query.page, r.query.page_size])).toEqual(
				Array.from({ length: Math.ceil(expected / 1000) }, (_, p) => [String(p + 1), '1000']),
			);
		});

		it('splits a range without a time dimension into 365-day windows and says which window each row covers', async () => {
			const { items, error } = await report({
				dimensions: ['campaign_id'],
				startDate: '2025-05-01T00:00:00',
				endDate: '2026-06-04T00:00:00',
			});
			expect(error).toBeUndefined();
			const requests = fake.state.requestsTo(REPORT);
			expect(requests.map((r) => [r.query.start_date, r.query.end_date])).toEqual([
				['2025-05-01', '2026-04-30'],
				['2026-05-01', '2026-06-04'],
			]);
			const campaigns = campaignsOf(UTC).length;
			expect(items).toHaveLength(campaigns * 2);
			expect(items[0].json).toMatchObject({ start_date: '2025-05-01', end_date: '2026-04-30' });
			expect(items[campaigns].json).toMatchObject({ start_date: '2026-05-01', end_date: '2026-06-04' });
		});

		it('halves the window when TikTok answers 40067 "query too large", and keeps the smaller windows for the rest', async () => {
			// The fake's test control (also usable from `npm run fake-tiktok`): 40067 above 10 days.
			const control = await fetch(`${fake.url}/__fake/reports/query-too-large`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ days: 10 }),
			});
			expect(await control.json()).toEqual({ days: 10 });
			const { items, error } = await report({ startDate: '2026-06-01T00:00:00', endDate: '2026-06-30T00:00:00' });
			expect(error).toBeUndefined();
			const windows = fake.state.requestsTo(REPORT).map((r) => [r.query.start_date, r.query.end_date]);
			// The first window alone until TikTok takes it; then the rest, in windows of that size, concurrently.
			expect(windows.slice(0, 3)).toEqual([
				['2026-06-01', '2026-06-30'], // 40067
				['2026-06-01', '2026-06-15'], // 40067
				['2026-06-01', '2026-06-08'],
			]);
			expect(windows.slice(3).sort()).toEqual([
				['2026-06-09', '2026-06-16'],
				['2026-06-17', '2026-06-24'],
				['2026-06-25', '2026-06-30'],
			]);
			const days = items.map((i) => i.json.stat_time_day as string);
			const campaigns = campaignsOf(UTC).length;
			expect(items).toHaveLength(campaigns * 30);
			for (const d of daysBetween('2026-06-01', '2026-06-30')) {
				expect(days.filter((x) => x === `${d} 00:00:00`)).toHaveLength(campaigns);
			}
		});

		it('gives up with TikTok\'s 40067 message when even a single day is too large', async () => {
			fake.state.reportQueryTooLargeDays = 0;
			const { error } = await report({ dimensions: ['stat_time_hour'], dataLevel: 'AUCTION_ADVERTISER' });
			expect(error?.name).toBe('NodeApiError');
			expect(error?.message).toContain('Query too large');
			expect((error as NodeApiError).context.tiktokCode).toBe(40067);
			expect((error as NodeApiError).description).toContain('shorten the date range');
			expect(fake.state.requestsTo(REPORT)).toHaveLength(1);
		});

		it('with a limit, stops paging as soon as it has enough rows', async () => {
			const { items, error } = await report({
				returnAll: false,
				limit: 45,
				startDate: '2026-06-01T00:00:00',
				endDate: '2026-08-14T00:00:00',
			});
			expect(error).toBeUndefined();
			expect(items).toHaveLength(45);
			const requests = fake.state.requestsTo(REPORT);
			expect(requests).toHaveLength(1);
			expect(requests[0].query.page_size).toBe('45');
		});

		it('orders by a metric across windows: the top rows of each window, merged and sorted again', async () => {
			const parameters = {
				startDate: '2026-06-01T00:00:00',
				endDate: '2026-07-15T00:00:00',
				options: { orderField: 'spend', orderType: 'DESC' },
			};
			const all = await report(parameters);
			const top = await report({ ...parameters, returnAll: false, limit: 10 });
			expect(top.error).toBeUndefined();
			const spends = all.items.map((i) => i.json.spend as number).sort((a, b) => b - a);
			expect(top.items.map((i) => i.json.spend)).toEqual(spends.slice(0, 10));
			const requests = fake.state.requestsTo(REPORT).slice(-2);
			expect(requests.map((r) => [r.query.order_field, r.query.order_type, r.query.page_size])).toEqual([
				['spend', 'DESC', '10'],
				['spend', 'DESC', '10'],
			]);
		});
	});

	describe('clean numbers', () => {
		it('turns numeric metrics into numbers and "-" into null, keeping IDs and names as text', async () => {
			const { items, error } = await report({
				metrics: ['spend', 'impressions', 'ctr', 'cost_per_conversion', 'campaign_name'],
				options: { keepRawRow: true },
			});
			expect(error).toBeUndefined();
			expect(items.length).toBeGreaterThan(0);
			let dashes = 0;
			for (const { json } of items) {
				const raw = json.raw as { dimensions: IDataObject; metrics: Record<string, string> };
				expect(typeof json.campaign_id).toBe('string');
				expect(json.campaign_id).toBe(raw.dimensions.campaign_id);
				expect(json.campaign_name).toBe(raw.metrics.campaign_name);
				expect(typeof raw.metrics.spend).toBe('string');
				for (const metric of ['spend', 'impressions', 'ctr', 'cost_per_conversion']) {
					if (raw.metrics[metric] === '-') {
						dashes += 1;
						expect(json[metric]).toBeNull();
					} else {
						expect(typeof json[metric]).toBe('number');
						expect(json[metric]).toBe(Number(raw.metrics[metric]));
					}
				}
				expect(Number.isInteger(json.impressions)).toBe(true);
			}
			// The seeded data has days without conversions: their cost per conversion is TikTok's "-".
			expect(dashes).toBeGreaterThan(0);
		});

		it('flattens rows into one object of dimensions then metrics, without the raw row unless asked', async () => {
			const { items } = await report({ metrics: ['spend', 'clicks'] });
			expect(Object.keys(items[0].json)).toEqual(['campaign_id', 'stat_time_day', 'spend', 'clicks']);
		});

		it('adds one totals item per window, with numbers, when totals are asked for', async () => {
			const { items, error } = await report({
				startDate: '2026-06-01T00:00:00',
				endDate: '2026-07-10T00:00:00',
				metrics: ['spend', 'impressions', 'cost_per_conversion'],
				options: { enableTotalMetrics: true },
			});
			expect(error).toBeUndefined();
			const totals = items.filter((i) => i.json.is_total === true);
			expect(totals.map((t) => [t.json.start_date, t.json.end_date])).toEqual([
				['2026-06-01', '2026-06-30'],
				['2026-07-01', '2026-07-10'],
			]);
			expect(items.slice(-2).every((i) => i.json.is_total === true)).toBe(true);
			for (const t of totals) {
				expect(typeof t.json.spend).toBe('number');
				const rows = items.filter((i) => !i.json.is_total && String(i.json.stat_time_day) >= `${String(t.json.start_date)}` && String(i.json.stat_time_day) <= `${String(t.json.end_date)} 23`);
				const sum = rows.reduce((n, i) => n + (i.json.impressions as number), 0);
				expect(t.json.impressions).toBe(sum);
			}
			expect(fake.state.requestsTo(REPORT).every((r) => r.query.enable_total_metrics === 'true')).toBe(true);
		});
	});

	describe('date presets in the advertiser time zone', () => {
		/** The range a preset means now in `zone`, computed the same way a person would. */
		function expectedRange(preset: string, zone: string): [string, string] {
			const today = DateTime.now().setZone(zone).startOf('day');
			const iso = (d: DateTime) => d.toISODate()!;
			switch (preset) {
				case 'today':
					return [iso(today), iso(today)];
				case 'yesterday':
					return [iso(today.minus({ days: 1 })), iso(today.minus({ days: 1 }))];
				case 'last7Days':
					return [iso(today.minus({ days: 7 })), iso(today.minus({ days: 1 }))];
				case 'last14Days':
					return [iso(today.minus({ days: 14 })), iso(today.minus({ days: 1 }))];
				case 'last30Days':
					return [iso(today.minus({ days: 30 })), iso(today.minus({ days: 1 }))];
				case 'last90Days':
					return [iso(today.minus({ days: 90 })), iso(today.minus({ days: 1 }))];
				case 'thisMonth':
					return [iso(today.startOf('month')), iso(today)];
				case 'lastMonth': {
					const first = today.minus({ months: 1 }).startOf('month');
					return [iso(first), iso(first.endOf('month'))];
				}
			}
			throw new Error(preset);
		}

		/** Runs a preset without a time dimension (one window) and returns the dates sent to TikTok. */
		async function sentRange(preset: string, advertiserId: string, zone: string) {
			const before = expectedRange(preset, zone);
			const { error } = await report({ advertiserId: rl(advertiserId), dateRange: preset, dimensions: ['campaign_id'] });
			const after = expectedRange(preset, zone);
			expect(error).toBeUndefined();
			const requests = fake.state.requestsTo(REPORT);
			expect(requests).toHaveLength(1);
			const sent: [string, string] = [requests[0].query.start_date, requests[0].query.end_date];
			// A run that straddles midnight in the zone may legitimately see either day.
			expect([JSON.stringify(before), JSON.stringify(after)]).toContain(JSON.stringify(sent));
			return sent;
		}

		it('resolves "last month" in an advertiser east of UTC (Asia/Singapore)', async () => {
			const [start, end] = await sentRange('lastMonth', EAST, 'Asia/Singapore');
			expect(start.endsWith('-01')).toBe(true);
			expect(DateTime.fromISO(end).plus({ days: 1 }).day).toBe(1);
			const [info] = fake.state.requestsTo(INFO);
			expect(JSON.parse(info.query.advertiser_ids)).toEqual([EAST]);
		});

		it('resolves "last month" in an advertiser west of UTC (America/New_York)', async () => {
			const [start, end] = await sentRange('lastMonth', WEST, 'America/New_York');
			expect(start.endsWith('-01')).toBe(true);
			expect(DateTime.fromISO(end).plus({ days: 1 }).day).toBe(1);
			expect(fake.state.requestsTo(INFO)).toHaveLength(1);
		});

		describe('with the clock set to 2026-11-01 02:00 UTC (Nov 1 in Singapore, still Oct 31 in New York)', () => {
			beforeEach(() => {
				// Only Date is frozen: the engine's timers and the HTTP stack run for real.
				jest.useFakeTimers({
					now: new Date('2026-11-01T02:00:00Z'),
					doNotFake: ['hrtime', 'nextTick', 'performance', 'queueMicrotask', 'setImmediate', 'clearImmediate', 'setInterval', 'clearInterval', 'setTimeout', 'clearTimeout'],
				});
			});
			afterEach(() => jest.useRealTimers());

			it.each([
				['lastMonth', EAST, '2026-10-01', '2026-10-31'],
				['lastMonth', WEST, '2026-09-01', '2026-09-30'],
				['today', EAST, '2026-11-01', '2026-11-01'],
				['today', WEST, '2026-10-31', '2026-10-31'],
				['yesterday', WEST, '2026-10-30', '2026-10-30'],
				['thisMonth', EAST, '2026-11-01', '2026-11-01'],
				['thisMonth', WEST, '2026-10-01', '2026-10-31'],
				['last7Days', EAST, '2026-10-25', '2026-10-31'],
				['last7Days', WEST, '2026-10-24', '2026-10-30'],
				['lastMonth', UTC, '2026-10-01', '2026-10-31'],
			])('"%s" for advertiser %s is %s to %s', async (preset, advertiserId, start, end) => {
				const { error } = await report({ advertiserId: rl(advertiserId), dateRange: preset, dimensions: ['campaign_id'] });
				expect(error).toBeUndefined();
				const [request] = fake.state.requestsTo(REPORT);
				expect([request.query.start_date, request.query.end_date]).toEqual([start, end]);
			});
		});

		it.each(['today', 'yesterday', 'last7Days', 'last14Days', 'last30Days', 'last90Days', 'thisMonth', 'lastMonth'])(
			'resolves "%s" in the advertiser time zone',
			async (preset) => {
				await sentRange(preset, WEST, 'America/New_York');
			},
		);

		it('splits "last 90 days" by day into 30-day windows covering exactly those days', async () => {
			const [start, end] = expectedRange('last90Days', 'Asia/Singapore');
			const { items, error } = await report({ advertiserId: rl(EAST), dateRange: 'last90Days', dimensions: ['stat_time_day'], dataLevel: 'AUCTION_ADVERTISER' });
			expect(error).toBeUndefined();
			// The first window alone, then the other two together: in date order once sorted.
			const requests = fake.state.requestsTo(REPORT);
			expect(requests).toHaveLength(3);
			expect(requests[0].query.start_date).toBe(start);
			const ends = requests.map((r) => r.query.end_date).sort();
			expect(ends[2]).toBe(end);
			expect(items.map((i) => (i.json.stat_time_day as string).slice(0, 10))).toEqual(daysBetween(start, end));
		});

		it('asks TikTok for the time zone once per advertiser, however many items', async () => {
			const { items, error } = await report(
				{ advertiserId: rl('={{ $json.advertiser }}'), dateRange: 'yesterday', dimensions: ['campaign_id'] },
				{ input: [{ json: { advertiser: EAST } }, { json: { advertiser: WEST } }, { json: { advertiser: EAST } }] },
			);
			expect(error).toBeUndefined();
			expect(fake.state.requestsTo(INFO).map((r) => JSON.parse(r.query.advertiser_ids)[0])).toEqual([EAST, WEST]);
			expect(fake.state.requestsTo(REPORT).map((r) => r.query.advertiser_id)).toEqual([EAST, WEST, EAST]);
			const pairs = new Set(items.map((i) => (i.pairedItem as { item: number }).item));
			expect(pairs).toEqual(new Set([0, 1, 2]));
		});
	});

	describe('what is sent', () => {
		it('sends query_lifetime and no dates for a lifetime report, without asking for the time zone', async () => {
			const { items, error } = await report({ queryLifetime: true, dimensions: ['campaign_id'], dateRange: 'lastMonth' });
			expect(error).toBeUndefined();
			const requests = fake.state.requestsTo(REPORT);
			expect(requests).toHaveLength(1);
			expect(requests[0].query.query_lifetime).toBe('true');
			expect(requests[0].query.start_date).toBeUndefined();
			expect(requests[0].query.end_date).toBeUndefined();
			expect(fake.state.requestsTo(INFO)).toHaveLength(0);
			expect(items).toHaveLength(campaignsOf(UTC).length);
			expect(items[0].json.start_date).toBeUndefined();
		});

		it('sends report_type, service_type, data_level, dimensions and metrics as TikTok expects them', async () => {
			await report({
				reportType: 'AUDIENCE',
				serviceType: 'AUCTION',
				dataLevel: 'AUCTION_AD',
				dimensions: ['campaign_id', 'age', 'gender'],
				metrics: ['spend', 'reach'],
				options: { customMetrics: 'frequency, video_views_p100', customDimensions: 'country_code' },
				returnAll: false,
				limit: 5,
			});
			const [request] = fake.state.requestsTo(REPORT);
			expect(request.query).toMatchObject({
				advertiser_id: UTC,
				report_type: 'AUDIENCE',
				service_type: 'AUCTION',
				data_level: 'AUCTION_AD',
				start_date: '2026-06-01',
				end_date: '2026-06-07',
				page: '1',
				page_size: '5',
			});
			expect(JSON.parse(request.query.dimensions)).toEqual(['campaign_id', 'age', 'gender', 'country_code']);
			expect(JSON.parse(request.query.metrics)).toEqual(['spend', 'reach', 'frequency', 'video_views_p100']);
		});

		it('does not send data_level for report types without one', async () => {
			const { error } = await report({ reportType: 'PLAYABLE_MATERIAL', dimensions: ['country_code'], dataLevel: 'AUCTION_AD' });
			expect(error).toBeUndefined();
			expect(fake.state.requestsTo(REPORT)[0].query.data_level).toBeUndefined();
		});

		it('double-encodes filter_value for ID, status and custom filters, and a status of "all" brings back deleted ads', async () => {
			const ads = fake.state.world.ads.filter((a) => a.advertiser_id === UTC);
			const deleted = ads.filter((a) => a.__deleted);
			expect(deleted.length).toBeGreaterThan(0);
			const campaignIds = [...new Set(ads.map((a) => a.campaign_id as string))];
			const base = { dataLevel: 'AUCTION_AD', dimensions: ['ad_id'], metrics: ['spend'] };

			const withDefault = await report({ ...base, filters: { campaignIds: campaignIds.join(', ') } });
			const withAll = await report({
				...base,
				filters: {
					campaignIds: campaignIds.join(', '),
					status: 'STATUS_ALL',
					customFilters: '[{"field_name": "buying_type", "filter_type": "IN", "filter_value": ["AUCTION"]}]',
				},
			});
			expect(withDefault.error).toBeUndefined();
			expect(withAll.error).toBeUndefined();
			expect(withDefault.items).toHaveLength(ads.length - deleted.length);
			expect(withAll.items).toHaveLength(ads.length);
			expect(withAll.items.map((i) => i.json.ad_id)).toEqual(expect.arrayContaining(deleted.map((a) => a.ad_id)));

			const sent = JSON.parse(fake.state.requestsTo(REPORT)[1].query.filtering);
			expect(sent).toEqual([
				{ field_name: 'campaign_ids', filter_type: 'IN', filter_value: JSON.stringify(campaignIds) },
				{ field_name: 'ad_status', filter_type: 'IN', filter_value: '["STATUS_ALL"]' },
				{ field_name: 'buying_type', filter_type: 'IN', filter_value: '["AUCTION"]' },
			]);
			// filter_value is text inside the JSON text of `filtering`.
			expect(fake.state.requestsTo(REPORT)[1].query.filtering).toContain('"filter_value":"[\\"STATUS_ALL\\"]"');
		});

		it('narrows the rows to the campaign IDs given', async () => {
			const [first, second] = campaignsOf(UTC).map((c) => c.campaign_id as string);
			const { items, error } = await report({ dimensions: ['campaign_id'], filters: { campaignIds: `${first}\n${second}` } });
			expect(error).toBeUndefined();
			expect(items.map((i) => i.json.campaign_id).sort()).toEqual([first, second].sort());
		});
	});

	describe('bad input', () => {
		it.each([
			['no dimensions picked in the editor', { dimensions: [] }, /Parameter "Dimensions" is required/],
			['no dimensions from an expression', { dimensions: '={{ [] }}' }, /"Dimensions" parameter is empty/],
			['an end date before the start date', { startDate: '2026-06-10T00:00:00', endDate: '2026-06-01T00:00:00' }, /"End Date" \(2026-06-01\) is before the "Start Date" \(2026-06-10\)/],
			['a custom range without a start date', { startDate: '' }, /Parameter "Start Date" is required|"Start Date" parameter is empty/],
			['a date that is not a date', { startDate: '={{ "next tuesday" }}' }, /"Start Date" parameter is not a date/],
			['lifetime together with a day dimension', { queryLifetime: true }, /Lifetime reports cannot be broken down by time: remove stat_time_day/],
			['both day and hour dimensions', { dimensions: ['stat_time_day', 'stat_time_hour'] }, /both stat_time_day and stat_time_hour/],
			['a metric name that is not a name', { options: { customMetrics: 'spend; DROP' } }, /"Metrics" parameter has an invalid name "spend;"/],
			['a campaign ID that is not an ID', { filters: { campaignIds: '1800000000000000001, abc' } }, /"Campaign IDs" parameter must be a TikTok ID/],
			['more than 100 campaign IDs', { filters: { campaignIds: Array.from({ length: 101 }, (_, n) => `18000000000000${String(n).padStart(5, '0')}`).join(',') } }, /"Campaign IDs" filter has 101 IDs: TikTok accepts at most 100/],
			['a status filter at the advertiser level', { dataLevel: 'AUCTION_ADVERTISER', dimensions: ['advertiser_id'], filters: { status: 'STATUS_ALL' } }, /"Status" filter works at the Campaign, Ad Group or Ad data level/],
			['other filters that are not JSON', { filters: { customFilters: '[{"field_name": ' } }, /"Other Filters \(JSON\)" parameter is not valid JSON/],
		])('refuses %s before any request', async (_label, parameters, message) => {
			const { error } = await report(parameters as IDataObject);
			expect(error?.message).toMatch(message);
			expect(fake.state.requests).toHaveLength(0);
		});

		it('shows TikTok\'s own message for a metric TikTok rejects, at the first request', async () => {
			const { error, items } = await report({ options: { customMetrics: 'not_a_real_metric' } });
			expect(items).toEqual([]);
			expect(error?.name).toBe('NodeApiError');
			expect(error?.message).toContain('not_a_real_metric');
			expect(error?.message).toMatch(/^TikTok: metrics: Invalid metric/);
			expect((error as NodeApiError).context.tiktokCode).toBe(40002);
			expect((error as NodeApiError).context.itemIndex).toBe(0);
			expect(fake.state.requests).toHaveLength(1);
		});

		it('under continueOnFail, a failing item gives an error item and the others their rows', async () => {
			const { items, error } = await report(
				{ options: { customMetrics: '={{ $json.extra }}' }, dimensions: ['campaign_id'] },
				{ input: [{ json: { extra: '' } }, { json: { extra: 'nope_metric' } }], continueOnFail: true },
			);
			expect(error).toBeUndefined();
			const failed = items.filter((i) => i.json.error);
			expect(failed).toHaveLength(1);
			expect(failed[0].pairedItem).toEqual({ item: 1 });
			expect(failed[0].json.code).toBe(40002);
			expect(items.filter((i) => !i.json.error).every((i) => (i.pairedItem as { item: number }).item === 0)).toBe(true);
		});

		it('keeps tokens and secrets out of items and errors', async () => {
			const ok = await report({ options: { keepRawRow: true } });
			const failed = await report({ options: { customMetrics: 'nope_metric' } });
			expectNoSecrets(fake, [ok.items, errorText(failed.error)]);
		});
	});

	describe('example workflow', () => {
		it('examples/report-daily-spend-last-month.json runs against the fake: daily spend per campaign for last month', async () => {
			const workflow = JSON.parse(fs.readFileSync(path.join(PACKAGE_ROOT, 'examples', 'report-daily-spend-last-month.json'), 'utf8')) as {
				nodes: INode[];
				connections: Record<string, { main: Array<Array<{ node: string }>> }>;
			};
			const tikTok = workflow.nodes.find((n) => n.type === 'n8n-nodes-tiktok-suite.tikTok')!;
			const trigger = workflow.nodes.find((n) => n.type === 'n8n-nodes-base.manualTrigger')!;
			expect(workflow.connections[trigger.name].main[0][0].node).toBe(tikTok.name);
			const credentialId = (tikTok.credentials?.tikTokBusinessOAuth2Api as { id: string }).id;
			// The harness loads this package only: run the TikTok node as the example configures it.
			const result = await runWorkflow({ nodes: [tikTok], credentials: [businessCredential(fake, {}, credentialId)] });
			expect(result.error).toBeUndefined();
			const items = result.output(tikTok.name);
			const [start, end] = (() => {
				const first = DateTime.now().setZone('America/New_York').startOf('day').minus({ months: 1 }).startOf('month');
				return [first.toISODate()!, first.endOf('month').toISODate()!];
			})();
			const campaigns = campaignsOf(WEST).length;
			expect(items).toHaveLength(campaigns * daysBetween(start, end).length);
			expect(Object.keys(items[0].json)).toEqual(['campaign_id', 'stat_time_day', 'spend', 'impressions', 'clicks', 'campaign_name']);
			expect(typeof items[0].json.spend).toBe('number');
			expect(fake.state.requestsTo(REPORT).every((r) => r.query.advertiser_id === WEST)).toBe(true);
		});
	});
});
