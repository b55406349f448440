import type { IDataObject, INode, INodeProperties, INodePropertyOptions, INodeType } from 'n8n-workflow';

import { NODE_TYPE, loadPackage, runTikTokNode } from '../harness/engine';
import { ADV3, BUSINESS_PREFIX, businessCredential, useFake } from '../harness/fake';

// The independent list: names TikTok has, from sources outside this project (its `sources` say which).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const INDEPENDENT = require('./tiktok-report-names.json') as {
	dimensions: { bububa: string[]; fivetran: string[] };
	metrics: { bububa: string[] };
	ttShopDefaultMetrics: { value: string[] };
};
const LISTED_DIMENSIONS = new Set([...INDEPENDENT.dimensions.bububa, ...INDEPENDENT.dimensions.fivetran]);
const LISTED_METRICS = new Set(INDEPENDENT.metrics.bububa);

const REPORT = `${BUSINESS_PREFIX}/report/integrated/get/`;
const UTC = ADV3;
const rl = (value: string) => ({ __rl: true, mode: 'id', value });

describe('the report catalogue offers only names an independent source lists', () => {
	let properties: INodeProperties[];
	beforeAll(async () => {
		const { nodeTypes } = await loadPackage();
		const description = (nodeTypes.getByNameAndVersion(NODE_TYPE, 1) as INodeType).description;
		properties = description.properties.filter((p) => p.displayOptions?.show?.resource?.includes('adReport'));
	});
	const values = (name: string) =>
		properties
			.filter((p) => p.name === name)
			.flatMap((p) => (p.options ?? []) as INodePropertyOptions[])
			.map((o) => String(o.value));

	it('every dimension the editor offers is listed', () => {
		const offered = values('dimensions');
		expect(offered.length).toBeGreaterThan(10);
		expect(offered.filter((v) => !LISTED_DIMENSIONS.has(v))).toEqual([]);
	});

	it('every metric the editor offers (for every report type) is listed, and the defaults too', () => {
		const offered = values('metrics');
		expect(offered.length).toBeGreaterThan(50);
		expect(offered.filter((v) => !LISTED_METRICS.has(v))).toEqual([]);
		const defaults = properties.filter((p) => p.name === 'metrics').flatMap((p) => p.default as string[]);
		expect(defaults.filter((v) => !LISTED_METRICS.has(v))).toEqual([]);
		// The four points of the audit.
		expect(offered).not.toContain('total_complete_payment_value');
		expect(offered).toContain('total_complete_payment_rate');
		// TT_SHOP's metrics default is TikTok's own default for that report type.
		const ttShop = properties.find((p) => p.name === 'metrics' && p.displayOptions?.show?.reportType?.includes('TT_SHOP'));
		expect(ttShop?.default).toEqual(INDEPENDENT.ttShopDefaultMetrics.value);
	});
});

describe('adReport.getMany against the strict fake (independent metric list, throttle header, ID metrics)', () => {
	const fake = useFake();

	async function report(parameters: IDataObject) {
		return await runTikTokNode({
			parameters: {
				resource: 'adReport',
				operation: 'getMany',
				advertiserId: rl(UTC),
				reportType: 'BASIC',
				dataLevel: 'AUCTION_AD',
				dimensions: ['ad_id'],
				metrics: ['spend', 'impressions'],
				dateRange: 'custom',
				startDate: '2026-06-01T00:00:00',
				endDate: '2026-06-07T00:00:00',
				returnAll: true,
				...parameters,
			} as INode['parameters'],
			credentials: [businessCredential(fake)],
		});
	}

	describe.each([
		['only its documented default metrics (strict)', false],
		['any listed metric (the other reading)', true],
	])('a TT_SHOP report, the fake accepting %s', (_title, anyListed) => {
		it('with the default metrics is accepted: spend and billed_cost are sent', async () => {
			fake.state.contract.ttShopAnyListedMetric = anyListed;
			// Metrics left at the node's default for TT_SHOP (an unset parameter).
			const { error, items } = await report({ reportType: 'TT_SHOP', dimensions: ['campaign_id', 'stat_time_day'], metrics: undefined } as IDataObject);
			expect(error).toBeUndefined();
			expect(items.length).toBeGreaterThan(0);
			const [request] = fake.state.requestsTo(REPORT);
			expect(JSON.parse(request.query.metrics)).toEqual(INDEPENDENT.ttShopDefaultMetrics.value);
			expect(items[0].json).toHaveProperty('billed_cost');
		});
	});

	it("the strict fake refuses a TT_SHOP report with the generic default metrics (what the node used to send)", async () => {
		const { error } = await report({ reportType: 'TT_SHOP', dimensions: ['campaign_id', 'stat_time_day'], metrics: ['spend', 'impressions', 'clicks'] });
		expect(error?.message).toMatch(/metrics/);
	});

	it('a report TikTok cut at its ID limit (X-Tt-Ads-Throttle) fails, saying so and how to narrow it', async () => {
		fake.state.contract.reportIdLimit = 3;
		const { error } = await report({});
		expect(error?.message).toMatch(/TikTok cut this report/);
		expect(error?.message).toMatch(/X-Tt-Ads-Throttle/);
		expect((error as { description?: string }).description).toMatch(/shorter Date Range|coarser Data Level|Campaign IDs/);
		expect((error as { description?: string }).description).toMatch(/Accept Truncated Report/);
	});

	it('with Accept Truncated Report, the rows TikTok returned come out', async () => {
		fake.state.contract.reportIdLimit = 3;
		const { error, items } = await report({ options: { acceptTruncated: true } });
		expect(error).toBeUndefined();
		expect(new Set(items.map((i) => i.json.ad_id)).size).toBe(3);
	});

	it("reads TikTok's code from an HTTP error answer too (the transport reads answers as text)", async () => {
		fake.state.failNext({ path: REPORT, httpStatus: 400, json: { code: 40002, message: 'dimensions: bad', request_id: 'req-400', data: {} } });
		const { error } = await report({});
		expect(error?.message).toBe('TikTok: dimensions: bad');
		expect((error as { context?: { tiktokCode?: unknown } }).context?.tiktokCode).toBe(40002);
	});

	it('an uncut report needs no option', async () => {
		const { error, items } = await report({});
		expect(error).toBeUndefined();
		expect(items.length).toBeGreaterThan(3);
	});

	it.each([
		['JSON numbers (as recorded)', true],
		['strings (as documented)', false],
	])('ID columns are exact strings when TikTok sends attribute IDs as %s', async (_title, asNumbers) => {
		fake.state.contract.idMetricsAsNumbers = asNumbers;
		const { error, items } = await report({ metrics: ['spend', 'campaign_id', 'adgroup_id', 'campaign_name'] });
		expect(error).toBeUndefined();
		expect(items.length).toBeGreaterThan(0);
		const ads = new Map(fake.state.world.ads.map((a) => [String(a.ad_id), a]));
		for (const { json } of items) {
			const ad = ads.get(String(json.ad_id)) as Record<string, unknown>;
			expect(typeof json.ad_id).toBe('string');
			expect(json.campaign_id).toBe(ad.campaign_id);
			expect(json.adgroup_id).toBe(ad.adgroup_id);
			expect(typeof json.spend).toBe('number');
		}
	});
});
