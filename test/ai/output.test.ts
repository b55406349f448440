import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { ADV2, ADV3, addCampaigns } from '../account/helpers';
import { runTikTokNode } from '../harness/engine';
import { businessCredential, useFake } from '../harness/fake';
import { callTool } from '../harness/tool';

/**
 * The tool variant's Output (n8n's AI-tool output guideline: simplified / raw / selected fields), through n8n's tool
 * conversion and n8n-core's tool invocation (test/harness/tool.ts): what the model gets back, by size and fields.
 */

const CAMPAIGN_SIMPLE = [
	'advertiser_id',
	'campaign_id',
	'campaign_name',
	'objective_type',
	'rf_campaign_type',
	'operation_status',
	'secondary_status',
	'budget_mode',
	'budget',
	'create_time',
	'modify_time',
];
const fromAI = (key: string, description: string) =>
	`={{ $fromAI('${key}', '${description}', 'string') }}`;
const keysOf = (items: IDataObject[]) => items.map((item) => Object.keys(item));
/** Characters the model reads: the tool's answer as n8n-core hands it over (JSON). */
const size = (response: unknown) => JSON.stringify(response).length;

describe("the tool's Output: what an agent gets back from a call", () => {
	const fake = useFake({}, { perTest: true });
	const business = () => [businessCredential(fake)];

	// Campaign → Get Many of one advertiser; the model chooses the name to search for.
	const search = (extra: IDataObject = {}) => ({
		resource: 'campaign',
		operation: 'getMany',
		advertiserId: { __rl: true, mode: 'id', value: ADV2 },
		returnAll: true,
		filters: { name: fromAI('name', 'text in the campaign name') },
		...extra,
	});
	const campaignsOf = async (parameters: INodeParameters) => {
		const [call] = await callTool(parameters, [{ name: 'Agent' }], business());
		expect(call.error).toBeUndefined();
		return call.response as IDataObject[];
	};

	beforeEach(() => {
		for (const [i, c] of addCampaigns(fake, ADV2, 3).entries()) c.campaign_name = `Agent test ${i}`;
	});

	it('by default the tool returns what the operation returns (Simplify on: the simplified campaigns), as before', async () => {
		const items = await campaignsOf(search());
		expect(items).toHaveLength(3);
		for (const keys of keysOf(items)) expect(CAMPAIGN_SIMPLE).toEqual(expect.arrayContaining(keys));
		// The same as the node returns outside an agent, and a saved tool with Simplify off still gets everything.
		const { items: plain } = await runTikTokNode({
			parameters: search({ filters: { name: 'Agent' } }),
			credentials: business(),
		});
		expect(items).toEqual(plain.map((i) => i.json));
		const raw = await campaignsOf(search({ simplify: false }));
		expect(Math.min(...keysOf(raw).map((k) => k.length))).toBeGreaterThan(CAMPAIGN_SIMPLE.length);
	});

	it('Simplified cuts every ad to 12 fields even with Simplify off; Raw gives every field TikTok sent', async () => {
		const ads = (extra: IDataObject) =>
			campaignsOf({
				resource: 'ad',
				operation: 'getMany',
				advertiserId: { __rl: true, mode: 'id', value: ADV2 },
				limit: 5,
				...extra,
			});
		const simplified = await ads({ simplify: false, agentOutput: 'simplified' });
		const raw = await ads({ agentOutput: 'raw' });
		expect(simplified).toHaveLength(5);
		expect(raw).toHaveLength(5);
		for (const keys of keysOf(simplified)) expect(keys.length).toBeLessThanOrEqual(12);
		for (const keys of keysOf(raw)) expect(keys.length).toBeGreaterThan(12);
		// The same ads, each simplified one a part of its raw one.
		expect(simplified.map((a) => a.ad_id)).toEqual(raw.map((a) => a.ad_id));
		for (const [i, a] of simplified.entries()) expect(raw[i]).toMatchObject(a);
		// The fake's ads carry 18 of TikTok's ~40 fields: what the model reads is still a quarter smaller.
		expect(size(simplified)).toBeLessThan(0.8 * size(raw));
		const selected = await ads({
			agentOutput: 'selected',
			agentOutputFields: 'ad_id,ad_name,operation_status',
		});
		expect(size(selected)).toBeLessThan(0.25 * size(raw));
	});

	it('Selected Fields returns exactly the listed fields, in that order, of every item', async () => {
		const items = await campaignsOf(
			search({
				agentOutput: 'selected',
				agentOutputFields: 'campaign_name, budget ,campaign_id, no_such_field',
			}),
		);
		expect(items).toHaveLength(3);
		for (const keys of keysOf(items))
			expect(keys).toEqual(['campaign_name', 'budget', 'campaign_id']);
		expect(items.map((c) => c.campaign_name).sort()).toEqual([
			'Agent test 0',
			'Agent test 1',
			'Agent test 2',
		]);
		// The model can choose the fields too (a text parameter: "Let the model define this parameter").
		const [byModel] = await callTool(
			search({
				agentOutput: 'selected',
				agentOutputFields: fromAI('fields', 'campaign fields, separated by commas'),
			}),
			[{ name: 'Agent', fields: 'campaign_id,operation_status' }],
			business(),
		);
		for (const keys of keysOf(byModel.response as IDataObject[]))
			expect(keys).toEqual(['campaign_id', 'operation_status']);
	});

	it('Selected Fields takes dotted paths into an object, e.g. the raw row of a report', async () => {
		const [call] = await callTool(
			{
				resource: 'adReport',
				operation: 'getMany',
				advertiserId: { __rl: true, mode: 'id', value: ADV3 },
				dimensions: ['campaign_id', 'stat_time_day'],
				metrics: ['spend', 'clicks'],
				dateRange: 'last7Days',
				returnAll: true,
				options: { keepRawRow: true },
				agentOutput: 'selected',
				agentOutputFields: 'campaign_id, raw.metrics.spend, raw.dimensions.stat_time_day',
			},
			[{}],
			business(),
		);
		expect(call.error).toBeUndefined();
		const rows = call.response as Array<{
			campaign_id: string;
			raw: { metrics: IDataObject; dimensions: IDataObject };
		}>;
		expect(rows.length).toBeGreaterThan(0);
		for (const row of rows) {
			expect(Object.keys(row)).toEqual(['campaign_id', 'raw']);
			expect(Object.keys(row.raw)).toEqual(['metrics', 'dimensions']);
			expect(Object.keys(row.raw.metrics)).toEqual(['spend']);
			expect(Object.keys(row.raw.dimensions)).toEqual(['stat_time_day']);
		}
	});

	it('Selected Fields applies to writes too; an empty or broken list is refused before anything is sent', async () => {
		const campaign = addCampaigns(fake, ADV2, 1)[0];
		const pause = (fields: string) => ({
			resource: 'campaign',
			operation: 'updateStatus',
			advertiserId: { __rl: true, mode: 'id', value: ADV2 },
			campaignId: { __rl: true, mode: 'id', value: String(campaign.campaign_id) },
			operationStatus: 'DISABLE',
			agentOutput: 'selected',
			agentOutputFields: fields,
		});
		const [empty] = await callTool(pause(' , '), [{}], business());
		expect(empty.error).toMatch(/"Fields to Return" parameter is empty/);
		const [broken] = await callTool(pause('campaign_id, raw..spend'), [{}], business());
		expect(broken.error).toMatch(/"Fields to Return" parameter holds "raw\.\.spend"/);
		expect(fake.state.requests).toHaveLength(0);
		const [paused] = await callTool(pause('campaign_id, status'), [{}], business());
		expect(paused.response).toEqual([
			{ campaign_id: String(campaign.campaign_id), status: 'DISABLE' },
		]);
	});

	it('outside an agent the Output parameters change nothing, even when a saved workflow holds them', async () => {
		const parameters = search({ filters: { name: 'Agent' } });
		const { items: plain } = await runTikTokNode({ parameters, credentials: business() });
		const { items: withOutput } = await runTikTokNode({
			parameters: { ...parameters, agentOutput: 'selected', agentOutputFields: 'campaign_id' },
			credentials: business(),
		});
		expect(withOutput.map((i) => i.json)).toEqual(plain.map((i) => i.json));
		for (const keys of keysOf(plain.map((i) => i.json))) expect(keys.length).toBeGreaterThan(1);
	});
});
