import fs from 'node:fs';
import path from 'node:path';

import type { IDataObject, IExecuteFunctions, INode, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { NODE_TYPE, loadPackage, runWorkflow } from '../harness/engine';
import { BUSINESS_PREFIX, businessCredential, useFake } from '../harness/fake';

/**
 * The node as an AI Agent's tool, through n8n's own tool machinery:
 * - the `tikTokTool` type is made as n8n's NodeTypes does for a synthetic tool (packages/cli/src/node-types.ts
 *   `getByNameAndVersion`: Object.create clones, then `convertNodeToAiTool` from packages/cli/src/tool-generation/
 *   ai-tools.ts). That function comes from the n8n 2.41.1 the e2e tests install when it is there; n8n's CLI is not a
 *   dependency of this project, so otherwise the same conversion is done here (name + "Tool", no main input, an
 *   ai_tool output, the tool-description parameters);
 * - the tool itself is built by n8n-core's `getInputConnectionData` → `createNodeAsTool` (schema from the node's
 *   `$fromAI()` calls) and run by `makeHandleToolInvocation`, exactly as for an AI Agent node. The stand-in agent below
 *   takes the tool n8n-core hands it and calls it with the arguments a model would send.
 */

const UTC_ADVERTISER = '7000000000000000003'; // Etc/UTC
const ADVERTISER = '7000000000000000001';
const TOOL_TYPE = `${NODE_TYPE}Tool`;

type ConvertNodeToAiTool = (item: { description: INodeTypeDescription }) => { description: INodeTypeDescription };

function n8nConvertNodeToAiTool(): { convert: ConvertNodeToAiTool; from: string } {
	// The n8n 2.41.1 the e2e tests and `npm run dev` install (scripts/runtime/install.js, the same cache folder).
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const { layout } = require('../../scripts/runtime/install') as { layout: () => { dir: string } };
	const file = path.join(layout().dir, 'node_modules', 'n8n', 'dist', 'tool-generation', 'ai-tools.js');
	if (fs.existsSync(file)) {
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		return { convert: (require(file) as { convertNodeToAiTool: ConvertNodeToAiTool }).convertNodeToAiTool, from: file };
	}
	// `.ci/run` installs n8n before the engine tests and sets this: there the real conversion is required.
	if (process.env.TIKTOK_SUITE_REQUIRE_N8N === '1') {
		throw new Error(`n8n's tool conversion (${file}) is missing: run \`npm run n8n:install\``);
	}
	const convert: ConvertNodeToAiTool = (item) => {
		const d = item.description;
		d.name += 'Tool';
		d.inputs = [];
		d.outputs = [NodeConnectionTypes.AiTool];
		d.displayName += ' Tool';
		delete d.usableAsTool;
		d.properties.splice(0, 0,
			{ displayName: 'Tool Description', name: 'descriptionType', type: 'options', noDataExpression: true, default: 'auto', options: [{ name: 'Set Automatically', value: 'auto' }, { name: 'Set Manually', value: 'manual' }] },
			{ displayName: 'Description', name: 'toolDescription', type: 'string', default: d.description, displayOptions: { show: { descriptionType: ['manual'] } } },
		);
		return item;
	};
	return { convert, from: 'the same conversion, in this test (n8n not installed)' };
}

/** The tool variant of the package's node, as n8n makes it. */
async function toolNodeType(): Promise<INodeType> {
	const { nodeTypes } = await loadPackage();
	const base = nodeTypes.getByNameAndVersion(NODE_TYPE, 1) as INodeType;
	const properties = Object.create(base.description.properties);
	const description = Object.create(base.description, { properties: { value: properties, writable: false } });
	const cloned = Object.create(base, { description: { value: description } }) as INodeType;
	return n8nConvertNodeToAiTool().convert(cloned as never) as unknown as INodeType;
}

type ToolLike = { name: string; description: string; schema: { shape: Record<string, unknown> }; invoke: (args: IDataObject) => Promise<string> };

/** A stand-in AI Agent: takes the tools n8n-core builds from its ai_tool input and calls the first with `$json.args`. */
const agent: INodeType = {
	description: {
		displayName: 'Agent',
		name: 'agent',
		group: ['transform'],
		version: 1,
		description: 'Calls a connected tool',
		defaults: { name: 'Agent' },
		inputs: [NodeConnectionTypes.Main, { type: NodeConnectionTypes.AiTool, required: true }],
		outputs: [NodeConnectionTypes.Main],
		properties: [],
	},
	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const tools = (await this.getInputConnectionData(NodeConnectionTypes.AiTool, 0)) as ToolLike[];
		const tool = tools[0];
		const out: INodeExecutionData[] = [];
		for (const [i, item] of this.getInputData().entries()) {
			const json: IDataObject = { name: tool.name, description: tool.description, schemaKeys: Object.keys(tool.schema.shape) };
			try {
				json.response = JSON.parse(await tool.invoke(item.json.args as IDataObject));
			} catch (error) {
				json.error = (error as Error).message;
			}
			out.push({ json, pairedItem: { item: i } });
		}
		return [out];
	},
};

describe('as an AI Agent tool, built and run by n8n-core', () => {
	const fake = useFake();

	async function callTool(parameters: INode['parameters'], args: IDataObject[]) {
		const tikTok: INode = {
			id: 'tool',
			name: 'TikTok Ads',
			type: TOOL_TYPE,
			typeVersion: 1,
			position: [0, 0],
			parameters,
			credentials: { tikTokBusinessOAuth2Api: { id: 'business', name: 'business' } },
		};
		const agentNode: INode = { id: 'agent', name: 'Agent', type: 'test.agent', typeVersion: 1, position: [200, 0], parameters: {} };
		const { output, error } = await runWorkflow({
			nodes: [agentNode, tikTok],
			connections: { 'TikTok Ads': { ai_tool: [[{ node: 'Agent', type: 'ai_tool', index: 0 }]] } },
			credentials: [{ ...businessCredential(fake), id: 'business' }],
			input: args.map((a) => ({ json: { args: a } })),
			extraNodeTypes: { 'test.agent': agent, [TOOL_TYPE]: await toolNodeType() },
		});
		expect(error).toBeUndefined();
		return output('Agent').map((i) => i.json);
	}

	const report = (extra: IDataObject = {}) => ({
		resource: 'adReport',
		operation: 'getMany',
		advertiserId: { __rl: true, mode: 'id', value: UTC_ADVERTISER },
		dimensions: ['campaign_id', 'stat_time_day'],
		metrics: ['spend'],
		dateRange: "={{ $fromAI('dateRange', 'Which days to report on', 'string') }}",
		reportType: "={{ $fromAI('reportType', 'BASIC or AUDIENCE', 'string') }}",
		dataLevel: "={{ $fromAI('dataLevel', 'AUCTION_CAMPAIGN, AUCTION_AD...', 'string') }}",
		returnAll: true,
		...extra,
	});
	const reportRequests = () => fake.state.requestsTo(`${BUSINESS_PREFIX}/report/integrated/get/`);

	it("the tool's schema lets the model set dateRange, reportType and dataLevel, and the report runs with them", async () => {
		const [yesterday, week] = await callTool(report(), [
			{ dateRange: 'yesterday', reportType: 'BASIC', dataLevel: 'AUCTION_CAMPAIGN' },
			{ dateRange: 'last7Days', reportType: 'BASIC', dataLevel: 'AUCTION_AD' },
		]);
		expect(yesterday.error).toBeUndefined();
		expect(yesterday.name).toBe('TikTok_Ads');
		expect([...(yesterday.schemaKeys as string[])].sort()).toEqual(['dataLevel', 'dateRange', 'reportType']);
		expect(Array.isArray(yesterday.response)).toBe(true);

		const requests = reportRequests();
		expect(requests).toHaveLength(2);
		const day = (offset: number) => new Date(Date.now() - offset * 86400000).toISOString().slice(0, 10);
		expect([requests[0].query.start_date, requests[0].query.end_date]).toEqual([day(1), day(1)]);
		expect(requests[0].query.data_level).toBe('AUCTION_CAMPAIGN');
		expect([requests[1].query.start_date, requests[1].query.end_date]).toEqual([day(7), day(1)]);
		expect(requests[1].query.data_level).toBe('AUCTION_AD');
		expect(week.error).toBeUndefined();
	});

	it('a value the model makes up is refused before any request, naming the parameter and its allowed values', async () => {
		const [made] = await callTool(report(), [{ dateRange: 'lastYear', reportType: 'BASIC', dataLevel: 'AUCTION_CAMPAIGN' }]);
		expect(made.error).toMatch(/"Date Range" parameter must be one of today, yesterday, last7Days/);
		const [type] = await callTool(report(), [{ dateRange: 'today', reportType: 'SUPER', dataLevel: 'AUCTION_CAMPAIGN' }]);
		expect(type.error).toMatch(/"Report Type" parameter must be one of .*BASIC/);
		expect(reportRequests()).toHaveLength(0);
	});

	const statusTool = (extra: IDataObject = {}) => ({
		resource: 'ad',
		operation: 'updateStatus',
		advertiserId: { __rl: true, mode: 'id', value: ADVERTISER },
		adId: "={{ $fromAI('adId', 'ID of the ad', 'string') }}",
		operationStatus: "={{ $fromAI('status', 'ENABLE, DISABLE or DELETE', 'string') }}",
		...extra,
	});
	const liveAd = () =>
		(fake.state.world.ads as Array<{ ad_id: string; advertiser_id: string; __deleted: boolean }>).find(
			(a) => a.advertiser_id === ADVERTISER && !a.__deleted,
		)!;
	const statusRequests = () => fake.state.requestsTo(`${BUSINESS_PREFIX}/ad/status/update/`);

	it('with destructive operations withheld (the default), the tool cannot delete an ad; pausing still works', async () => {
		const ad = liveAd();
		const [del, pause] = await callTool(statusTool(), [
			{ adId: ad.ad_id, status: 'DELETE' },
			{ adId: ad.ad_id, status: 'DISABLE' },
		]);
		expect(del.description).toMatch(/delete it irreversibly/);
		expect(del.error).toMatch(/Not allowed to delete an ad/);
		expect(statusRequests().map((r) => (r.body as IDataObject).operation_status)).toEqual(['DISABLE']);
		expect(ad.__deleted).toBe(false);
		expect(pause.error).toBeUndefined();
		expect(pause.response).toEqual([expect.objectContaining({ ad_id: ad.ad_id, status: 'DISABLE' })]);
	});

	it('withheld: the tool cannot delete a campaign or an ad group either', async () => {
		const ad = liveAd() as unknown as { campaign_id: string; adgroup_id: string };
		const [campaign] = await callTool(
			{ resource: 'campaign', operation: 'updateStatus', advertiserId: { __rl: true, mode: 'id', value: ADVERTISER }, campaignId: "={{ $fromAI('id', 'campaign ID', 'string') }}", operationStatus: 'DELETE' },
			[{ id: ad.campaign_id }],
		);
		const [group] = await callTool(
			{ resource: 'adGroup', operation: 'updateStatus', advertiserId: { __rl: true, mode: 'id', value: ADVERTISER }, adGroupId: "={{ $fromAI('id', 'ad group ID', 'string') }}", operationStatus: 'DELETE' },
			[{ id: ad.adgroup_id }],
		);
		expect(campaign.description).toMatch(/delete it irreversibly/);
		expect(campaign.error).toMatch(/Not allowed to delete a campaign/);
		expect(group.error).toMatch(/Not allowed to delete an ad group/);
		expect(fake.state.requests.filter((r) => r.path.includes('/status/update/'))).toHaveLength(0);
	});

	it('a workflow author who allows destructive operations lets the agent delete the ad', async () => {
		const ad = liveAd();
		const [del] = await callTool(statusTool({ allowDestructiveOperations: true }), [{ adId: ad.ad_id, status: 'DELETE' }]);
		expect(del.error).toBeUndefined();
		expect(statusRequests().map((r) => (r.body as IDataObject).operation_status)).toEqual(['DELETE']);
		expect(ad.__deleted).toBe(true);
	});

	it('withheld: an API call other than GET is refused before it is sent; a GET goes through', async () => {
		const call = {
			resource: 'apiCall',
			operation: 'make',
			api: 'business',
			method: "={{ $fromAI('method', 'GET or POST', 'string') }}",
			url: "={{ $fromAI('url', 'path of the endpoint', 'string') }}",
			body: JSON.stringify({ advertiser_id: ADVERTISER, ad_ids: [liveAd().ad_id], operation_status: 'DELETE' }),
		};
		const [post, get] = await callTool(call, [
			{ method: 'POST', url: '/ad/status/update/' },
			{ method: 'GET', url: `/advertiser/info/?advertiser_ids=["${ADVERTISER}"]` },
		]);
		expect(post.description).toMatch(/irreversibly delete data/);
		expect(post.error).toMatch(/Not allowed to make a POST API call/);
		expect(statusRequests()).toHaveLength(0);
		expect(get.error).toBeUndefined();
	});

	it('the same node outside an agent is not restricted', async () => {
		const { runTikTokNode } = await import('../harness/engine');
		const ad = liveAd();
		const { error } = await runTikTokNode({
			parameters: { resource: 'ad', operation: 'updateStatus', advertiserId: { __rl: true, mode: 'id', value: ADVERTISER }, adId: ad.ad_id, operationStatus: 'DELETE' },
			credentials: [businessCredential(fake)],
		});
		expect(error).toBeUndefined();
		expect(ad.__deleted).toBe(true);
	});
});
