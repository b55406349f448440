/* eslint-disable @n8n/community-nodes/no-restricted-globals -- a test, not node code: its own rules are test/eslint.config.mjs */
/**
 * `npm run bench` (scripts/bench.js loads this file): request counts and wall time of the heavy operations, run
 * through n8n's real execution engine (the test harness) against the fake TikTok API with a fixed added latency per
 * request, each beside the fewest requests the API allows and beside a bare loop that fetches the same pages with
 * plain `fetch` (no n8n). Prints a table; asserts nothing (numbers, not tests).
 *
 * Scenarios whose operation is not in the built package are listed as skipped with the reason; a scenario that fails
 * is listed with its error and makes `npm run bench` exit non-zero. The bare loop is measured for every scenario
 * whose endpoint the fake serves.
 *
 * Quick mode (`npm run bench -- --quick`, BENCH_QUICK=1; run by .ci/run): one run, smaller advertisers.
 * A new scenario is its own numbered block in `run()` (`await scenario(name, minimum, available, n8nRun, bareRun)`),
 * sized from ADS_PER_ADVERTISER or the seeded world so that quick mode stays quick.
 */
import type { IDataObject, INode, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import {
	NODE_TYPE,
	TRIGGER_TYPE,
	loadPackage,
	pollTrigger,
	runTikTokNode,
	triggerNode,
	triggerWorkflow,
	createCredentialsHelper,
} from '../harness/engine';
import { BUSINESS_PREFIX, FAKE, businessCredential, startFake } from '../harness/fake';
import type { FakeTikTok } from '../harness/fake';
import { runUploadMemoryCase } from './upload-memory';

/* eslint-disable @typescript-eslint/no-require-imports */
const { addLead: addFakeLead } = require('../fake-tiktok/leads') as {
	addLead: (world: unknown, store: unknown, pageId: string, options: { created?: number }) => unknown;
};
/* eslint-enable @typescript-eslint/no-require-imports */

/** Quick mode (`npm run bench -- --quick`, run by .ci/run): one run, smaller advertisers; checks the bench works. */
const QUICK = process.env.BENCH_QUICK === '1';
const LATENCY_MS = Number(process.env.BENCH_LATENCY_MS ?? 20);
const RUNS = Number(process.env.BENCH_RUNS ?? (QUICK ? 1 : 3));
const ADS_PER_ADVERTISER = QUICK ? [2000, 200, 50] : [10000, 1000, 100];
/** Runs only the scenarios whose name holds this text (and neither the upload memory case nor the scale block). */
const ONLY = process.env.BENCH_ONLY ?? '';
const ADV1 = '7000000000000000001';
const ADV2 = '7000000000000000002';
const ADV3 = '7000000000000000003';

interface Measured {
	requests: number;
	ms: number;
}

interface Row {
	scenario: string;
	minimum?: number;
	n8n?: Measured;
	bare?: Measured;
	note?: string;
	/** A side failed or the runs disagreed (not: skipped because the operation is not in the package). */
	failed?: boolean;
}

/** Scenarios that failed, with why: scripts/bench.js exits non-zero when there are any (so .ci/run notices). */
export const failedScenarios: string[] = [];

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** One timed run of `fn`: wall time and the number of requests the fake received meanwhile. */
async function timed(fake: FakeTikTok, fn: () => Promise<void>): Promise<Measured> {
	// A scenario may clear the fake's request log (Event → Send does, for memory): what it cleared still counts.
	const state = fake.state;
	const clear = state.clearRequests;
	let before = state.requests.length;
	let counted = 0;
	state.clearRequests = () => {
		counted += state.requests.length - before;
		before = 0;
		clear.call(state);
	};
	const started = process.hrtime.bigint();
	try {
		await fn();
	} finally {
		state.clearRequests = clear;
	}
	return { ms: Number(process.hrtime.bigint() - started) / 1e6, requests: counted + state.requests.length - before };
}

/** Combines runs: the request count (all runs must agree) and the median wall time. */
function combine(runs: Measured[]): Measured | undefined {
	if (runs.length === 0) return undefined;
	const counts = new Set(runs.map((r) => r.requests));
	if (counts.size > 1) throw new Error(`request count changed between runs: ${[...counts].join(', ')}`);
	return { requests: runs[0].requests, ms: median(runs.map((r) => r.ms)) };
}

/** Whether the built TikTok node offers `resource` → `operation`. */
async function hasOperation(resource: string, operation: string): Promise<boolean> {
	const { nodeTypes } = await loadPackage();
	const type = nodeTypes.getByNameAndVersion(NODE_TYPE, 1);
	const properties = (type.description.properties ?? []) as INodeProperties[];
	return properties.some(
		(p) =>
			p.name === 'operation' &&
			(p.displayOptions?.show?.resource as string[] | undefined)?.includes(resource) &&
			(p.options ?? []).some((o) => (o as { value?: unknown }).value === operation),
	);
}

/** A plain client of the fake's Business API: what a hand-written loop would do. */
function bare(fake: FakeTikTok) {
	const headers = { 'Access-Token': FAKE.businessToken, 'Content-Type': 'application/json' };
	const encode = (qs: IDataObject) =>
		new URLSearchParams(
			Object.entries(qs).map(([k, v]) => [k, typeof v === 'object' ? JSON.stringify(v) : String(v)]),
		).toString();
	return {
		async get(path: string, qs: IDataObject): Promise<IDataObject> {
			const response = await fetch(`${fake.url}${BUSINESS_PREFIX}${path}?${encode(qs)}`, { headers });
			const text = await response.text();
			if (response.status !== 200) throw new Error(`fake ${path}: HTTP ${response.status}`);
			const body = JSON.parse(text) as IDataObject;
			if (body.code !== 0) throw new Error(`fake ${path}: code ${body.code} ${body.message}`);
			return body.data as IDataObject;
		},
		async post(path: string, payload: IDataObject, extra: Record<string, string> = {}): Promise<IDataObject> {
			const response = await fetch(`${fake.url}${BUSINESS_PREFIX}${path}`, { method: 'POST', headers: { ...headers, ...extra }, body: JSON.stringify(payload) });
			const text = await response.text();
			if (response.status !== 200) throw new Error(`fake ${path}: HTTP ${response.status}`);
			const body = JSON.parse(text) as IDataObject;
			if (body.code !== 0) throw new Error(`fake ${path}: code ${body.code} ${body.message}`);
			return body.data as IDataObject;
		},
		/** All pages of a list endpoint, `page_size` 1000. */
		async all(path: string, qs: IDataObject): Promise<IDataObject[]> {
			const rows: IDataObject[] = [];
			for (let page = 1; ; page++) {
				const data = await this.get(path, { ...qs, page, page_size: 1000 });
				rows.push(...((data.list as IDataObject[]) ?? []));
				const info = data.page_info as IDataObject;
				if (page >= Number(info?.total_page ?? 1)) return rows;
			}
		},
	};
}

function chunks<T>(list: T[], size: number): T[][] {
	const out: T[][] = [];
	for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
	return out;
}

const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

async function run(): Promise<Row[]> {
	const fake = await startFake({ latencyMs: LATENCY_MS, adsPerAdvertiser: ADS_PER_ADVERTISER });
	// The seeded world deletes about 5% of ads; make the first two advertisers' ads all live, so that the default
	// listing (which leaves deleted ads out, as TikTok does) returns every one of them, and every status change of
	// the 1,000 ads of the second one is allowed (TikTok refuses to change deleted ads).
	for (const ad of fake.state.world.ads) {
		if ((ad.advertiser_id === ADV1 || ad.advertiser_id === ADV2) && ad.__deleted) {
			ad.__deleted = false;
			ad.secondary_status = 'AD_STATUS_DELIVERY_OK';
		}
	}
	const credential = businessCredential(fake, {}, 'bench-business');
	const credentials = [credential];
	const loop = bare(fake);
	const rows: Row[] = [];
	const adIds = (advertiserId: string) =>
		fake.state.world.ads.filter((a) => a.advertiser_id === advertiserId).map((a) => String(a.ad_id));

	/** Runs the TikTok node over `input` and fails on any error (item or run). */
	const runNode = async (parameters: INode['parameters'], input?: INodeExecutionData[]) => {
		const result = await runTikTokNode({ parameters, credentials, input });
		if (result.error) throw new Error(result.error.message);
		const failed = result.items.find((item) => item.json.error);
		if (failed) throw new Error(String(failed.json.error));
		return result.items;
	};

	const scenario = async (
		name: string,
		minimum: number | undefined,
		available: () => Promise<string | undefined>,
		n8nRun: () => Promise<void>,
		bareRun: () => Promise<void>,
	) => {
		if (ONLY && !name.includes(ONLY)) return;
		const row: Row = { scenario: name, minimum };
		const notes: string[] = [];
		const missing = await available();
		if (missing) notes.push(`skipped: ${missing}`);
		const bareRuns: Measured[] = [];
		const n8nRuns: Measured[] = [];
		let bareFailed = false;
		let n8nFailed = Boolean(missing);
		// Interleaved, alternating which goes first, so neither side gets the warm-up advantage.
		for (let i = 0; i < RUNS; i++) {
			const order = i % 2 === 0 ? ['bare', 'n8n'] : ['n8n', 'bare'];
			for (const side of order) {
				if (side === 'bare' && !bareFailed) {
					try {
						bareRuns.push(await timed(fake, bareRun));
					} catch (error) {
						bareFailed = true;
						notes.push(`bare loop: ${(error as Error).message}`);
					}
				}
				if (side === 'n8n' && !n8nFailed) {
					try {
						n8nRuns.push(await timed(fake, n8nRun));
					} catch (error) {
						n8nFailed = true;
						notes.push(`n8n: ${(error as Error).message}`);
					}
				}
			}
		}
		try {
			row.bare = bareFailed ? undefined : combine(bareRuns);
			row.n8n = n8nFailed ? undefined : combine(n8nRuns);
		} catch (error) {
			notes.push((error as Error).message);
			row.failed = true;
		}
		if (bareFailed || (n8nFailed && !missing)) row.failed = true;
		if (row.failed) failedScenarios.push(`${name}: ${notes.join('; ')}`);
		if (notes.length) row.note = notes.join('; ');
		rows.push(row);
		process.stderr.write(`  measured: ${name}${row.note ? ` (${row.note})` : ''}\n`);
	};

	const operation = (resource: string, op: string) => async () =>
		(await hasOperation(resource, op)) ? undefined : `${resource}.${op} is not in the built package`;

	// Warm up: load the package and the engine, one request.
	await runNode({ resource: 'ad', operation: 'get', advertiserId: { __rl: true, mode: 'id', value: ADV3 }, adId: adIds(ADV3)[0] });

	// 1. List 10,000 ads (returnAll).
	const allAds = adIds(ADV1);
	await scenario(
		`ad.getMany: list ${allAds.length.toLocaleString('en-US')} ads (returnAll)`,
		// Pages of 1000, plus one request for TopView ads (RESERVATION_TOP_VIEW cannot share a request).
		Math.ceil(allAds.length / 1000) + 1,
		operation('ad', 'getMany'),
		async () => {
			const items = await runNode({ resource: 'ad', operation: 'getMany', advertiserId: { __rl: true, mode: 'id', value: ADV1 }, returnAll: true, filters: {}, options: {} });
			if (items.length !== allAds.length) throw new Error(`listed ${items.length} ads, expected ${allAds.length}`);
		},
		async () => {
			const rows = await loop.all('/ad/get/', { advertiser_id: ADV1 });
			rows.push(...(await loop.all('/ad/get/', { advertiser_id: ADV1, filtering: { buying_types: ['RESERVATION_TOP_VIEW'] } })));
			if (rows.length !== allAds.length) throw new Error(`listed ${rows.length} ads, expected ${allAds.length}`);
		},
	);

	// 2. Get 1,000 ads, one per input item (batched up to 100 IDs per request).
	const thousand = adIds(ADV2).slice(0, 1000);
	const getInput = thousand.map((adId) => ({ json: { adId } }));
	await scenario(
		`ad.get: ${thousand.length.toLocaleString('en-US')} items`,
		Math.ceil(thousand.length / 100),
		operation('ad', 'get'),
		async () => {
			const items = await runNode({ resource: 'ad', operation: 'get', advertiserId: { __rl: true, mode: 'id', value: ADV2 }, adId: '={{ $json.adId }}' }, getInput);
			if (items.length !== thousand.length) throw new Error(`got ${items.length} ads`);
		},
		async () => {
			for (const ids of chunks(thousand, 100)) {
				await loop.get('/ad/get/', { advertiser_id: ADV2, filtering: { ad_ids: ids, primary_status: 'STATUS_ALL' }, page: 1, page_size: 100 });
			}
		},
	);

	// 3. Change the status of 1,000 ads, one per input item (batched up to 20 IDs per request).
	let status = 'DISABLE';
	await scenario(
		`ad.updateStatus: ${thousand.length.toLocaleString('en-US')} items`,
		Math.ceil(thousand.length / 20),
		operation('ad', 'updateStatus'),
		async () => {
			status = status === 'DISABLE' ? 'ENABLE' : 'DISABLE';
			const items = await runNode({ resource: 'ad', operation: 'updateStatus', advertiserId: { __rl: true, mode: 'id', value: ADV2 }, adId: '={{ $json.adId }}', operationStatus: status }, getInput);
			if (items.length !== thousand.length) throw new Error(`updated ${items.length} ads`);
		},
		async () => {
			status = status === 'DISABLE' ? 'ENABLE' : 'DISABLE';
			for (const ids of chunks(thousand, 20)) {
				await loop.post('/ad/status/update/', { advertiser_id: ADV2, ad_ids: ids, operation_status: status });
			}
		},
	);

	// 4. A 90-day daily report by campaign and country (3 dimensions): TikTok allows 30 days per daily request, so
	// 3 windows, 1,000 rows a page.
	const end = Date.parse('2026-09-28T00:00:00Z');
	const start = end - 89 * 86_400_000;
	const windows = [0, 1, 2].map((w) => [isoDay(start + w * 30 * 86_400_000), isoDay(start + (w * 30 + 29) * 86_400_000)]);
	const reportQuery = {
		advertiser_id: ADV1,
		service_type: 'AUCTION',
		report_type: 'BASIC',
		data_level: 'AUCTION_CAMPAIGN',
		dimensions: ['campaign_id', 'stat_time_day', 'country_code'],
		metrics: ['spend', 'impressions', 'clicks'],
	};
	let reportMinimum: number | undefined;
	let reportRows = 0;
	await scenario(
		'adReport.getMany: 90 days, daily, by campaign and country',
		undefined,
		operation('adReport', 'getMany'),
		async () => {
			const items = await runNode({
				resource: 'adReport',
				operation: 'getMany',
				advertiserId: { __rl: true, mode: 'id', value: ADV1 },
				serviceType: 'AUCTION',
				reportType: 'BASIC',
				dataLevel: 'AUCTION_CAMPAIGN',
				dimensions: ['campaign_id', 'stat_time_day', 'country_code'],
				metrics: ['spend', 'impressions', 'clicks'],
				dateRange: 'custom',
				startDate: isoDay(start),
				endDate: isoDay(end),
				returnAll: true,
				filters: {},
				options: {},
			});
			if (reportRows && items.length !== reportRows) throw new Error(`${items.length} rows, the bare loop got ${reportRows}`);
		},
		async () => {
			let requests = 0;
			let rows = 0;
			for (const [startDate, endDate] of windows) {
				for (let page = 1; ; page++) {
					const data = await loop.get('/report/integrated/get/', { ...reportQuery, start_date: startDate, end_date: endDate, page, page_size: 1000 });
					requests += 1;
					rows += ((data.list as unknown[]) ?? []).length;
					if (page >= Number((data.page_info as IDataObject)?.total_page ?? 1)) break;
				}
			}
			reportMinimum = requests;
			reportRows = rows;
		},
	);
	const reportRow = rows[rows.length - 1];
	if (reportRow?.scenario.startsWith('adReport')) reportRow.minimum = reportMinimum;
	if (reportRow?.scenario.startsWith('adReport') && reportRow.n8n && reportRows) {
		const perSecond = (m: Measured) => Math.round(reportRows / (m.ms / 1000)).toLocaleString('en-US');
		reportRow.note = `${reportRows.toLocaleString('en-US')} rows: ${perSecond(reportRow.n8n)} rows/s through n8n${reportRow.bare ? `, ${perSecond(reportRow.bare)} rows/s bare loop` : ''}`;
	}

	// 5. An idle trigger poll over three advertisers: nothing new, two requests per advertiser (default buying types,
	// then TopView).
	const advertisers = [ADV1, ADV2, ADV3];
	const node = triggerNode({ event: 'adCreated', advertiserIds: advertisers, limit: 100 }, { tikTokBusinessOAuth2Api: credential.id });
	node.type = TRIGGER_TYPE;
	const credentialsHelper = await createCredentialsHelper(credentials);
	const workflow = await triggerWorkflow(node);
	let seeded: string | undefined;
	await scenario(
		`trigger adCreated: idle poll, ${advertisers.length} advertisers`,
		advertisers.length * 2,
		async () => {
			try {
				// First activation: the trigger records "now" and emits nothing.
				await pollTrigger({ workflow, node, credentialsHelper, mode: 'trigger', activation: 'activate' });
			} catch (error) {
				seeded = (error as Error).message;
			}
			return seeded;
		},
		async () => {
			const emitted = await pollTrigger({ workflow, node, credentialsHelper, mode: 'trigger' });
			if (emitted !== null) throw new Error('an idle poll emitted items');
		},
		async () => {
			const now = new Date(Date.now() - 5000).toISOString().replace('T', ' ').slice(0, 19);
			for (const advertiserId of advertisers) {
				await loop.get('/ad/get/', { advertiser_id: advertiserId, filtering: { creation_filter_start_time: now, primary_status: 'STATUS_ALL' }, page: 1, page_size: 100 });
				await loop.get('/ad/get/', { advertiser_id: advertiserId, filtering: { creation_filter_start_time: now, primary_status: 'STATUS_ALL', buying_types: ['RESERVATION_TOP_VIEW'] }, page: 1, page_size: 100 });
			}
		},
	);

	// 6. An idle leadReceived poll over two instant forms (issue 17). TikTok has no "leads since" query: each form costs
	// one lead download task per region as TikTok documents it (create, one check once ready, download; the check
	// carries the form too), and a check waits at least a second after the create (TikTok's limits), which the wall time
	// shows. Lead Region's default reads the three regions (rest of the world, EEA, US): so does the bare loop.
	const leadForms = ['7400000000000000101', '7400000000000000102'];
	const leadNode = triggerNode(
		{ event: 'leadReceived', advertiserId: { __rl: true, mode: 'id', value: ADV1 }, pageIds: leadForms },
		{ tikTokBusinessOAuth2Api: credential.id },
	);
	leadNode.type = TRIGGER_TYPE;
	const leadWorkflow = await triggerWorkflow(leadNode);
	let leadSeeded: string | undefined;
	await scenario(
		`trigger leadReceived: idle poll, ${leadForms.length} instant forms`,
		9 * leadForms.length,
		async () => {
			if (!fake.state.leadStore) return 'the fake serves no lead endpoints';
			try {
				await pollTrigger({ workflow: leadWorkflow, node: leadNode, credentialsHelper, mode: 'trigger', activation: 'activate' });
			} catch (error) {
				leadSeeded = (error as Error).message;
			}
			return leadSeeded;
		},
		async () => {
			const emitted = await pollTrigger({ workflow: leadWorkflow, node: leadNode, credentialsHelper, mode: 'trigger' });
			if (emitted !== null) throw new Error('an idle poll emitted items');
		},
		async () => {
			for (const pageId of leadForms) {
				for (const region of [undefined, 'eu', 'us']) {
					const extra: Record<string, string> = region ? { 'x-lead-region': region } : {};
					const task = await loop.post('/page/lead/task/', { advertiser_id: ADV1, page_id: pageId }, extra);
					await loop.post('/page/lead/task/', { advertiser_id: ADV1, page_id: pageId, task_id: task.task_id as string }, extra);
					const url = `${fake.url}${BUSINESS_PREFIX}/page/lead/task/download/?advertiser_id=${ADV1}&task_id=${String(task.task_id)}`;
					const response = await fetch(url, { headers: { 'Access-Token': FAKE.businessToken, ...extra } });
					if (response.status !== 200) throw new Error(`fake lead download: HTTP ${response.status}`);
					await response.arrayBuffer();
				}
			}
		},
	);
	const leadRow = rows[rows.length - 1];
	if (leadRow?.scenario.startsWith('trigger leadReceived') && leadRow.n8n) {
		leadRow.note = [leadRow.note, 'n8n waits 1 s before checking each task (spacing checks within TikTok\'s limits); the bare loop checks at once']
			.filter(Boolean)
			.join('; ');
	}

	// Event → Send (issue 28): 100,000 conversions (10,000 in quick mode), each with an email, a phone and an external
	// ID to normalise and hash, 1,000 per request. The bare loop posts the same events already hashed.
	const eventCount = QUICK ? 10_000 : 100_000;
	const events = fake.state.events as { keep: boolean; count: number };
	events.keep = false;
	const eventInput = Array.from({ length: eventCount }, (_, n) => ({
		json: { email: ` Buyer.${n}@Example.com`, phone: `+1 415 555 ${String(n % 10000).padStart(4, '0')}`, userId: `crm-${n}`, order: `o-${n}`, total: n % 100 },
	}));
	const pixel = (fake.state.pixels as Array<{ pixel_code: string }>)[0].pixel_code;
	const peaks = { heapMb: 0, rssMb: 0, baseHeapMb: 0 };
	await scenario(
		`Event → Send: ${eventCount.toLocaleString('en-US')} events (hashed, 1,000 per request)`,
		Math.ceil(eventCount / 1000),
		operation('event', 'send'),
		async () => {
			fake.state.clearRequests();
			global.gc?.();
			peaks.baseHeapMb = process.memoryUsage().heapUsed / 2 ** 20;
			const sample = setInterval(() => {
				const usage = process.memoryUsage();
				peaks.heapMb = Math.max(peaks.heapMb, usage.heapUsed / 2 ** 20 - peaks.baseHeapMb);
				peaks.rssMb = Math.max(peaks.rssMb, usage.rss / 2 ** 20);
			}, 20);
			try {
				const items = await runNode(
					{
						resource: 'event',
						operation: 'send',
						authentication: 'businessOAuth2',
						pixelCode: { __rl: true, mode: 'id', value: pixel },
						event: 'Purchase',
						eventTime: '1796484600',
						eventId: '={{ $json.order }}',
						pageUrl: 'https://shop.example.com/thank-you',
						userData: { email: '={{ $json.email }}', phone: '={{ $json.phone }}', externalId: '={{ $json.userId }}' },
						eventProperties: { currency: 'USD', value: '={{ $json.total }}' },
					},
					eventInput,
				);
				if (items.length !== eventCount) throw new Error(`${items.length} outputs for ${eventCount} events`);
			} finally {
				clearInterval(sample);
			}
		},
		async () => {
			fake.state.clearRequests();
			const { createHash } = await import('node:crypto');
			const hash = (text: string) => createHash('sha256').update(text).digest('hex');
			for (const part of chunks(eventInput, 1000)) {
				await loop.post('/event/track/', {
					event_source: 'web',
					event_source_id: pixel,
					data: part.map(({ json }) => ({
						event: 'Purchase',
						event_time: 1796484600,
						event_id: json.order,
						page: { url: 'https://shop.example.com/thank-you' },
						user: { email: [hash(json.email.trim().toLowerCase())], phone: [hash(json.phone.replace(/ /g, ''))], external_id: [hash(json.userId)] },
						properties: { currency: 'USD', value: json.total },
					})),
				});
			}
		},
	);
	const eventRow = rows[rows.length - 1];
	if (eventRow?.scenario.startsWith('Event') && eventRow.n8n) {
		eventRow.note = [eventRow.note, `n8n: peak heap +${Math.round(peaks.heapMb)} MB over the start of a run, peak RSS ${Math.round(peaks.rssMb)} MB (input items included)`]
			.filter(Boolean)
			.join('; ');
	}

	// Lead → Get Many over one form of 100,000 leads (issue 23; 10,000 in quick mode), Lead Region's default (All
	// Regions: one task per region, the leads all in the rest of the world's file). Peak RSS of this process is
	// sampled every 20 ms; it holds the fake too, which renders the CSV file (the n8n side streams it into items).
	const leadCount = QUICK ? 10_000 : 100_000;
	const bigForm = '7400000000000000102';
	const leadPeaks = { baseRssMb: 0, rssMb: 0, baseHeapMb: 0, itemsHeapMb: 0 };
	await scenario(
		`lead.getMany: one form of ${leadCount.toLocaleString('en-US')} leads (All Regions)`,
		9,
		async () => {
			if (!fake.state.leadStore) return 'the fake serves no lead endpoints';
			const store = fake.state.leadStore as { leads: Array<{ page_id: string }> };
			const have = store.leads.filter((l) => l.page_id === bigForm).length;
			const created = Date.now() - 3_600_000;
			for (let n = have; n < leadCount; n++) addFakeLead(fake.state.world, store, bigForm, { created: created + (n % 3000) * 1000 });
			return (await hasOperation('lead', 'getMany')) ? undefined : 'lead.getMany is not in the built package';
		},
		async () => {
			global.gc?.();
			const before = process.memoryUsage();
			leadPeaks.baseRssMb = Math.max(leadPeaks.baseRssMb, before.rss / 2 ** 20);
			leadPeaks.baseHeapMb = before.heapUsed / 2 ** 20;
			const sample = setInterval(() => {
				leadPeaks.rssMb = Math.max(leadPeaks.rssMb, process.memoryUsage().rss / 2 ** 20);
			}, 20);
			try {
				const items = await runNode({ resource: 'lead', operation: 'getMany', advertiserId: { __rl: true, mode: 'id', value: ADV1 }, formId: { __rl: true, mode: 'id', value: bigForm }, returnAll: true, options: {} });
				if (items.length !== leadCount) throw new Error(`${items.length} leads, expected ${leadCount}`);
				// What the output items themselves hold (they are alive here), beside the peak of reading the file.
				global.gc?.();
				leadPeaks.itemsHeapMb = Math.max(leadPeaks.itemsHeapMb, process.memoryUsage().heapUsed / 2 ** 20 - leadPeaks.baseHeapMb);
			} finally {
				clearInterval(sample);
			}
		},
		async () => {
			let bytes = 0;
			for (const region of [undefined, 'eu', 'us']) {
				const extra: Record<string, string> = region ? { 'x-lead-region': region } : {};
				const task = await loop.post('/page/lead/task/', { advertiser_id: ADV1, page_id: bigForm }, extra);
				for (let check = 0; check < 3; check++) {
					const state = await loop.post('/page/lead/task/', { advertiser_id: ADV1, page_id: bigForm, task_id: task.task_id as string }, extra);
					if (state.status === 'SUCCEED') break;
				}
				const url = `${fake.url}${BUSINESS_PREFIX}/page/lead/task/download/?advertiser_id=${ADV1}&task_id=${String(task.task_id)}`;
				const response = await fetch(url, { headers: { 'Access-Token': FAKE.businessToken, ...extra } });
				if (response.status !== 200) throw new Error(`fake lead download: HTTP ${response.status}`);
				bytes += (await response.arrayBuffer()).byteLength;
			}
			if (bytes === 0) throw new Error('the bare loop downloaded nothing');
		},
	);
	const bigLeadRow = rows[rows.length - 1];
	if (bigLeadRow?.scenario.startsWith('lead.getMany') && bigLeadRow.n8n) {
		bigLeadRow.note = [
			bigLeadRow.note,
			`n8n: peak RSS ${Math.round(leadPeaks.rssMb)} MB, +${Math.round(leadPeaks.rssMb - leadPeaks.baseRssMb)} MB over the RSS before the run (the fake's files included: it runs in this process); the ${leadCount.toLocaleString('en-US')} output items alone hold ${Math.round(leadPeaks.itemsHeapMb)} MB of heap${global.gc ? '' : ' (run node with --expose-gc for this figure)'}`,
		]
			.filter(Boolean)
			.join('; ');
	}

	await fake.close();
	return rows;
}

function table(rows: Row[]): string {
	const fmtMs = (m?: Measured) => (m ? `${Math.round(m.ms).toLocaleString('en-US')} ms` : '–');
	const header = ['Scenario', 'Requests (n8n)', 'Minimum', 'Requests (bare loop)', 'Wall time (n8n)', 'Wall time (bare loop)', 'n8n / bare'];
	const body = rows.map((r) => [
		r.scenario,
		r.n8n ? String(r.n8n.requests) : '–',
		r.minimum === undefined ? '–' : String(r.minimum),
		r.bare ? String(r.bare.requests) : '–',
		fmtMs(r.n8n),
		fmtMs(r.bare),
		r.n8n && r.bare ? `${(r.n8n.ms / r.bare.ms).toFixed(2)}×` : '–',
	]);
	const lines = [header, header.map(() => '---'), ...body].map((cells) => `| ${cells.join(' | ')} |`);
	const notes = rows.filter((r) => r.note).map((r) => `- ${r.scenario}: ${r.note}`);
	return [...lines, ...(notes.length ? ['', ...notes] : [])].join('\n');
}

export async function main(): Promise<void> {
	// BENCH_UPLOAD_ONLY=1: only the upload memory case (publish and creative library), e.g. after a change to uploads.
	if (process.env.BENCH_UPLOAD_ONLY === '1') {
		process.stdout.write(`\n${await runUploadMemoryCase()}\n`);
		return;
	}
	process.stderr.write(`Benchmark: fake TikTok API with ${LATENCY_MS} ms added per request, ads per advertiser ${ADS_PER_ADVERTISER.join(' / ')}, median of ${RUNS} runs\n`);
	const rows = await run();
	process.stdout.write(`\nFake TikTok API with ${LATENCY_MS} ms latency per request; wall time is the median of ${RUNS} runs (Node ${process.version}, n8n-core engine).\n\n${table(rows)}\n`);
	if (ONLY) return;
	// Issue 15: peak memory of a 300 MB upload from n8n's filesystem binary mode (BENCH_UPLOAD_MB, BENCH_UPLOAD_CHUNK_MB).
	process.stderr.write('  measuring: post.publishVideo and creative.uploadVideo upload memory (fresh process)\n');
	process.stdout.write(`\n${await runUploadMemoryCase()}\n`);

	// Issue 18's scale scenarios (200 ms latency, concurrency): their own block, in test/bench/scale.ts.
	if (process.env.BENCH_SCALE !== '0') {
		const { scaleMain } = await import('./scale');
		await scaleMain();
	}
}
