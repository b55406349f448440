/* eslint-disable @n8n/community-nodes/no-restricted-globals -- a test, not node code: its own rules are test/eslint.config.mjs */
/**
 * The scale part of `npm run bench` (issue 18): against the fake TikTok API with about TikTok's own latency per
 * request (BENCH_SCALE_LATENCY_MS, 200 ms), each scenario through n8n's real engine beside the fewest requests the
 * API allows, a sequential bare loop, and a bare loop with the package's concurrency rule (at most 10 requests in
 * flight or answered within the last second: TikTok's lowest app level). Then listing 10,000 ads with `40100` on 30% of requests, to show
 * nothing is lost or repeated. Prints a table; asserts nothing (numbers, not tests). BENCH_SCALE=0 skips it.
 */
import type { IDataObject, INode } from 'n8n-workflow';

import { createCredentialsHelper, pollTrigger, runTikTokNode, triggerNode, triggerWorkflow } from '../harness/engine';
import { BUSINESS_PREFIX, FAKE, businessCredential, startFake } from '../harness/fake';
import type { FakeTikTok } from '../harness/fake';

const LATENCY_MS = Number(process.env.BENCH_SCALE_LATENCY_MS ?? 200);
/** Quick mode (`npm run bench -- --quick`, run by .ci/run): one run, no 100,000 ads, 30 days of hourly report. */
const QUICK = process.env.BENCH_QUICK === '1';
/** Runs per scenario (median); the year-long hourly report, 150 s a round, runs once. */
const RUNS = Number(process.env.BENCH_SCALE_RUNS ?? (QUICK ? 1 : 3));
/** Days of the hourly report (one request each). */
const REPORT_DAYS = QUICK ? 30 : 365;
/** The package's default: requests started per second, and in flight. */
const RATE = 10;
/** Pause before each measured round: the limiter's window (a second) and a little more. */
const QUIET_MS = 1100;
const ADV_100K = '7000000000000000001';
const ADV_10K = '7000000000000000002';
const ADV_SMALL = '7000000000000000003';
const EXTRA_ADVERTISERS = Array.from({ length: 27 }, (_, i) => `71000000000000000${String(i + 1).padStart(2, '0')}`);

interface Measured {
	requests: number;
	ms: number;
}

interface Row {
	scenario: string;
	minimum: number;
	n8n?: Measured;
	sequential?: Measured;
	concurrent?: Measured;
	note?: string;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function timed(fake: FakeTikTok, fn: () => Promise<void>): Promise<Measured> {
	const before = fake.state.requests.length;
	const started = process.hrtime.bigint();
	await fn();
	return { ms: Number(process.hrtime.bigint() - started) / 1e6, requests: fake.state.requests.length - before };
}

/** The package's rule: at most `rate` requests in flight or answered within the last second. */
function pacer(rate: number) {
	const answered: number[] = [];
	let inFlight = 0;
	return async <T>(fn: () => Promise<T>): Promise<T> => {
		for (;;) {
			const now = performance.now();
			while (answered.length && answered[0] <= now - 1000) answered.shift();
			if (inFlight + answered.length < rate) break;
			await new Promise((r) => setTimeout(r, answered.length === 0 ? 5 : Math.max(1, answered[0] + 1000 - now)));
		}
		inFlight++;
		try {
			return await fn();
		} finally {
			inFlight--;
			answered.push(performance.now());
		}
	};
}

/** A plain client of the fake's Business API: what a hand-written loop does. */
function bare(fake: FakeTikTok) {
	const headers = { 'Access-Token': FAKE.businessToken, 'Content-Type': 'application/json' };
	const encode = (qs: IDataObject) =>
		new URLSearchParams(Object.entries(qs).map(([k, v]) => [k, typeof v === 'object' ? JSON.stringify(v) : String(v)])).toString();
	const get = async (path: string, qs: IDataObject): Promise<IDataObject> => {
		const response = await fetch(`${fake.url}${BUSINESS_PREFIX}${path}?${encode(qs)}`, { headers });
		const body = JSON.parse(await response.text()) as IDataObject;
		if (body.code !== 0) throw new Error(`fake ${path}: code ${body.code} ${body.message}`);
		return body.data as IDataObject;
	};
	const listOf = (data: IDataObject) => (data.list as IDataObject[]) ?? [];
	return {
		get,
		/** Every page, one after another. */
		async sequential(path: string, qs: IDataObject, pageSize = 1000): Promise<IDataObject[]> {
			const rows: IDataObject[] = [];
			for (let page = 1; ; page++) {
				const data = await get(path, { ...qs, page, page_size: pageSize });
				rows.push(...listOf(data));
				if (page >= Number((data.page_info as IDataObject)?.total_page ?? 1)) return rows;
			}
		},
		/** The first page, then the others at once under the pacer, joined in order. */
		async concurrent(path: string, qs: IDataObject, pace: ReturnType<typeof pacer>, pageSize = 1000): Promise<IDataObject[]> {
			const first = await pace(async () => await get(path, { ...qs, page: 1, page_size: pageSize }));
			const total = Number((first.page_info as IDataObject)?.total_page ?? 1);
			const rest = await Promise.all(
				Array.from({ length: total - 1 }, (_, i) => pace(async () => await get(path, { ...qs, page: i + 2, page_size: pageSize }))),
			);
			return [first, ...rest].flatMap(listOf);
		},
	};
}

const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

async function run(): Promise<{ rows: Row[]; faults: string }> {
	// The fake scans and sorts an advertiser's ads on every list request: the 100,000 ads get a fake of their own, so
	// the other scenarios measure latency and concurrency, not that scan. BENCH_SCALE_100K=0 leaves the 100,000 out.
	const with100k = !QUICK && process.env.BENCH_SCALE_100K !== '0';
	process.stderr.write(`Scale benchmark: ${LATENCY_MS} ms per request${with100k ? ', building a fake world with 100,000 ads' : ''}\n`);
	const fake = await startFake({ latencyMs: LATENCY_MS, adsPerAdvertiser: [50, 10_000, 50] });
	const big = with100k ? await startFake({ latencyMs: LATENCY_MS, adsPerAdvertiser: [100_000, 0, 0] }) : undefined;
	for (const world of [fake, big]) for (const ad of world?.state.world.ads ?? []) if (ad.__deleted) ad.__deleted = false;
	const grant = fake.state.businessTokens.get(FAKE.businessToken) as { advertiserIds: string[] };
	grant.advertiserIds.push(...EXTRA_ADVERTISERS);
	const credential = businessCredential(fake, {}, 'bench-scale');
	const credentials = [credential];
	const loop = bare(fake);
	const rows: Row[] = [];

	const runNode = async (parameters: INode['parameters'], on = credentials) => {
		const result = await runTikTokNode({ parameters, credentials: on });
		if (result.error) throw new Error(result.error.message);
		return result.items;
	};

	const scenario = async (
		on: FakeTikTok,
		name: string,
		minimum: number,
		n8nRun: () => Promise<void>,
		sequentialRun: () => Promise<void>,
		concurrentRun: () => Promise<void>,
		rounds = RUNS,
	) => {
		const row: Row = { scenario: name, minimum };
		const measure = async (fn: () => Promise<void>) => {
			const runs: Measured[] = [];
			for (let i = 0; i < rounds; i++) {
				// A second of quiet first: the package's limiter (per credential, across executions, like TikTok's own
				// count) would otherwise make a round wait for the previous round's requests; the bare loops' pacers are new.
				await new Promise((r) => setTimeout(r, QUIET_MS));
				runs.push(await timed(on, fn));
			}
			return { requests: runs[0].requests, ms: median(runs.map((r) => r.ms)) };
		};
		try {
			row.n8n = await measure(n8nRun);
			row.concurrent = await measure(concurrentRun);
			row.sequential = await measure(sequentialRun);
		} catch (error) {
			row.note = (error as Error).message;
		}
		rows.push(row);
		process.stderr.write(`  measured: ${name}${row.note ? ` (${row.note})` : ''}\n`);
	};

	// Warm-up: load the package and n8n's engine, one request.
	await runNode({ resource: 'ad', operation: 'get', advertiserId: { __rl: true, mode: 'id', value: ADV_SMALL }, adId: String(fake.state.world.ads.find((a) => a.advertiser_id === ADV_SMALL)?.ad_id) });

	const targets: Array<{ on: FakeTikTok; advertiserId: string }> = [{ on: fake, advertiserId: ADV_10K }];
	if (big) targets.push({ on: big, advertiserId: ADV_100K });
	// "All buying types" (the node's default) is TikTok's default listing plus the TopView listing, which TikTok only
	// serves on its own (100 a page): the bare loops make the same requests. "Auction and Reach & Frequency" (the Buying
	// Type filter) is the default listing alone.
	const topViewQs = (qs: IDataObject) => ({ ...qs, filtering: { buying_types: ['RESERVATION_TOP_VIEW'] } });
	for (const { on, advertiserId } of targets) {
		const count = on.state.world.ads.filter((a) => a.advertiser_id === advertiserId).length;
		const client = bare(on);
		const onCredentials = [businessCredential(on, {}, on === fake ? 'bench-scale' : 'bench-scale-100k')];
		const check = (n: number) => {
			if (n !== count) throw new Error(`listed ${n} ads, expected ${count}`);
		};
		const qs = { advertiser_id: advertiserId };
		const listAds = async (filters: Record<string, string>) =>
			check(
				(await runNode({ resource: 'ad', operation: 'getMany', advertiserId: { __rl: true, mode: 'id', value: advertiserId }, returnAll: true, filters, options: {} }, onCredentials))
					.length,
			);
		await scenario(
			on,
			`ad.getMany: list ${count.toLocaleString('en-US')} ads (returnAll; all buying types, TopView included)`,
			Math.ceil(count / 1000) + 1,
			async () => await listAds({}),
			async () => {
				const ads = await client.sequential('/ad/get/', qs);
				check(ads.length + (await client.sequential('/ad/get/', topViewQs(qs), 100)).length);
			},
			async () => {
				const pace = pacer(RATE);
				const [ads, topView] = await Promise.all([client.concurrent('/ad/get/', qs, pace), client.concurrent('/ad/get/', topViewQs(qs), pace, 100)]);
				check(ads.length + topView.length);
			},
		);
		await scenario(
			on,
			`ad.getMany: list ${count.toLocaleString('en-US')} ads (returnAll; Buying Type: Auction and Reach & Frequency)`,
			Math.ceil(count / 1000),
			async () => await listAds({ buyingType: 'default' }),
			async () => check((await client.sequential('/ad/get/', qs)).length),
			async () => check((await client.concurrent('/ad/get/', qs, pacer(RATE))).length),
		);
	}

	// A year of hourly numbers for one campaign (30 days in quick mode): TikTok allows one day per hourly request.
	const campaign = fake.state.world.campaigns.find((c) => c.advertiser_id === ADV_SMALL) as IDataObject;
	const end = Date.parse('2026-09-30T00:00:00Z');
	const start = end - (REPORT_DAYS - 1) * 86_400_000;
	const days = Array.from({ length: REPORT_DAYS }, (_, i) => isoDay(start + i * 86_400_000));
	const reportQs = (day: string) => ({
		advertiser_id: ADV_SMALL,
		service_type: 'AUCTION',
		report_type: 'BASIC',
		data_level: 'AUCTION_CAMPAIGN',
		dimensions: ['campaign_id', 'stat_time_hour'],
		metrics: ['spend', 'impressions', 'clicks'],
		filtering: [{ field_name: 'campaign_ids', filter_type: 'IN', filter_value: JSON.stringify([String(campaign.campaign_id)]) }],
		start_date: day,
		end_date: day,
		page: 1,
		page_size: 1000,
	});
	let hourlyRows = 0;
	await scenario(
		fake,
		`adReport.getMany: ${REPORT_DAYS} days, hourly, one campaign`,
		REPORT_DAYS,
		async () => {
			const items = await runNode({
				resource: 'adReport',
				operation: 'getMany',
				advertiserId: { __rl: true, mode: 'id', value: ADV_SMALL },
				reportType: 'BASIC',
				serviceType: 'AUCTION',
				dataLevel: 'AUCTION_CAMPAIGN',
				dimensions: ['campaign_id', 'stat_time_hour'],
				metrics: ['spend', 'impressions', 'clicks'],
				dateRange: 'custom',
				startDate: days[0],
				endDate: days[REPORT_DAYS - 1],
				filters: { campaignIds: String(campaign.campaign_id) },
				returnAll: true,
				options: {},
			});
			hourlyRows = items.length;
		},
		async () => {
			for (const day of days) await loop.get('/report/integrated/get/', reportQs(day));
		},
		async () => {
			const pace = pacer(RATE);
			await Promise.all(days.map((day) => pace(async () => await loop.get('/report/integrated/get/', reportQs(day)))));
		},
		1,
	);
	if (hourlyRows) rows[rows.length - 1].note = `${hourlyRows.toLocaleString('en-US')} rows`;

	// An idle poll over 30 advertisers: two requests each (TikTok's default listing and the TopView one).
	const advertisers = [ADV_100K, ADV_10K, ADV_SMALL, ...EXTRA_ADVERTISERS];
	const node = triggerNode({ event: 'adCreated', advertiserIds: advertisers, limit: 100 }, { tikTokBusinessOAuth2Api: credential.id });
	const credentialsHelper = await createCredentialsHelper(credentials);
	const workflow = await triggerWorkflow(node);
	// Activation: records the present (the big advertisers' last five minutes hold nothing, one page each).
	await pollTrigger({ workflow, node, credentialsHelper, mode: 'trigger', activation: 'activate' });
	const idleQs = (advertiserId: string) => ({
		advertiser_id: advertiserId,
		filtering: { creation_filter_start_time: isoDay(Date.now()) + ' 00:00:00', primary_status: 'STATUS_ALL' },
		page: 1,
		page_size: 1000,
	});
	const idleQueries = (advertiserId: string) => {
		const qs = idleQs(advertiserId);
		return [qs, { ...qs, filtering: { ...qs.filtering, buying_types: ['RESERVATION_TOP_VIEW'] }, page_size: 100 }];
	};
	await scenario(
		fake,
		`trigger adCreated: idle poll, ${advertisers.length} advertisers`,
		advertisers.length * 2,
		async () => {
			if ((await pollTrigger({ workflow, node, credentialsHelper, mode: 'trigger' })) !== null) throw new Error('an idle poll emitted items');
		},
		async () => {
			for (const advertiserId of advertisers) for (const qs of idleQueries(advertiserId)) await loop.get('/ad/get/', qs);
		},
		async () => {
			const pace = pacer(RATE);
			await Promise.all(advertisers.flatMap(idleQueries).map((qs) => pace(async () => await loop.get('/ad/get/', qs))));
		},
	);

	// 40100 on 30% of requests while listing 10,000 ads: every ad exactly once, in TikTok's order.
	const expected = (await loop.sequential('/ad/get/', { advertiser_id: ADV_10K })).map((a) => String(a.ad_id));
	fake.state.rateLimitShare = 0.3;
	const before = fake.state.requests.length;
	const started = performance.now();
	let faults: string;
	try {
		const items = await runNode({ resource: 'ad', operation: 'getMany', advertiserId: { __rl: true, mode: 'id', value: ADV_10K }, returnAll: true, filters: {}, options: {} });
		const ids = items.map((i) => String(i.json.ad_id));
		const requests = fake.state.requests.length - before;
		const same = ids.length === expected.length && ids.every((id, i) => id === expected[i]);
		faults = `With 40100 on 30% of requests (${requests} requests for ${Math.ceil(expected.length / 1000)} pages, ${Math.round(performance.now() - started).toLocaleString('en-US')} ms): ${ids.length.toLocaleString('en-US')} ads listed, ${new Set(ids).size.toLocaleString('en-US')} distinct, ${
			same ? 'identical to the unthrottled listing, in order' : 'DIFFERENT from the unthrottled listing'
		}.`;
	} catch (error) {
		faults = `With 40100 on 30% of requests the listing failed: ${(error as Error).message}`;
	}
	fake.state.rateLimitShare = 0;

	await fake.close();
	await big?.close();
	return { rows, faults };
}

function table(rows: Row[]): string {
	const ms = (m?: Measured) => (m ? `${Math.round(m.ms).toLocaleString('en-US')} ms (${m.requests})` : '–');
	const ratio = (a?: Measured, b?: Measured) => (a && b ? `${(a.ms / b.ms).toFixed(2)}×` : '–');
	const header = ['Scenario', 'Minimum requests', 'n8n (requests)', 'Sequential bare loop', 'Concurrent bare loop', 'Sequential / n8n', 'n8n / concurrent'];
	const body = rows.map((r) => [r.scenario, String(r.minimum), ms(r.n8n), ms(r.sequential), ms(r.concurrent), ratio(r.sequential, r.n8n), ratio(r.n8n, r.concurrent)]);
	const notes = rows.filter((r) => r.note).map((r) => `- ${r.scenario}: ${r.note}`);
	return [...[header, header.map(() => '---'), ...body].map((cells) => `| ${cells.join(' | ')} |`), ...(notes.length ? ['', ...notes] : [])].join('\n');
}

export async function scaleMain(): Promise<void> {
	const { rows, faults } = await run();
	process.stdout.write(
		`\nScale: fake TikTok API with ${LATENCY_MS} ms latency per request; the package's default limit (${RATE} requests/s); wall time (requests), median of ${RUNS} runs (the hourly report: one), Node ${process.version}.\n\n${table(rows)}\n\n${faults}\n`,
	);
}
