import type {
	IDataObject,
	INode,
	INodeParameters,
	INodeProperties,
	INodeTypeDescription,
} from 'n8n-workflow';
import { FROM_AI_AUTO_GENERATED_MARKER, NodeHelpers } from 'n8n-workflow';

import { runTikTokNode } from '../harness/engine';
import { ADV3, BUSINESS_PREFIX, businessCredential, useFake } from '../harness/fake';
import { callTool as callAgentTool, toolNode, toolNodeType } from '../harness/tool';

/**
 * The report fields a model chooses: Ad Report's Dimensions and Metrics are multi-selects. n8n 2.41's editor offers
 * "Let the model define this parameter" on every parameter of a tool (codex AI → Tools) except those of type `options`
 * and `credentialsSelect` or with `noDataExpression` (editor-ui fromAIOverride.utils.ts `PROP_TYPE_DENYLIST`,
 * `canBeContentOverride`), so on a multi-select too; it then writes `$fromAI('<Display Name>', '<description>',
 * 'string')` (`buildValueFromOverride`: every type but boolean, number and json asks the model for text). n8n's tool
 * conversion takes that expression like any other, and the node reads the text.
 */

const ADVERTISER = ADV3;
const PROP_TYPE_DENYLIST = ['options', 'credentialsSelect'];
const node: Pick<INode, 'typeVersion'> = { typeVersion: 1 };

/** What the 2.41 editor writes when the author clicks the button (description as the author typed it). */
const override = (displayName: string, description: string) =>
	`={{ ${FROM_AI_AUTO_GENERATED_MARKER} $fromAI('${displayName}', \`${description}\`, 'string') }}`;

function shown(
	description: INodeTypeDescription,
	values: INodeParameters,
	name: string,
): INodeProperties[] {
	const parameters =
		NodeHelpers.getNodeParameters(description.properties, values, true, false, node, description) ??
		{};
	return description.properties.filter(
		(p) => p.name === name && NodeHelpers.displayParameter(parameters, p, node, description),
	);
}

describe('Ad Report Dimensions and Metrics chosen by the model', () => {
	const fake = useFake();
	const reportRequests = () => fake.state.requestsTo(`${BUSINESS_PREFIX}/report/integrated/get/`);

	const report = (extra: IDataObject = {}) => ({
		resource: 'adReport',
		operation: 'getMany',
		advertiserId: { __rl: true, mode: 'id', value: ADVERTISER },
		dimensions: override(
			'Dimensions',
			'TikTok report dimensions separated by commas, e.g. campaign_id, stat_time_day',
		),
		metrics: override(
			'Metrics',
			'TikTok report metrics separated by commas, e.g. spend, impressions, clicks',
		),
		dateRange: 'yesterday',
		returnAll: true,
		...extra,
	});
	const callTool = async (parameters: INode['parameters'], args: IDataObject[]) =>
		await callAgentTool(parameters, args, [businessCredential(fake)]);

	it('in the tool variant both are parameters the editor lets the model define', async () => {
		const tool = (await toolNodeType()).description;
		expect(tool.codex?.categories).toContain('AI');
		expect(tool.codex?.subcategories?.AI).toContain('Tools');
		for (const reportType of ['BASIC', 'TT_SHOP']) {
			for (const name of ['dimensions', 'metrics']) {
				const [property] = shown(
					tool,
					{ resource: 'adReport', operation: 'getMany', reportType },
					name,
				);
				expect([
					reportType,
					name,
					property.type,
					PROP_TYPE_DENYLIST.includes(property.type),
					property.noDataExpression ?? false,
				]).toEqual([reportType, name, 'multiOptions', false, false]);
			}
		}
	});

	it("a tool node holding the editor's override for both has no node issue and keeps the expressions", async () => {
		const tool = (await toolNodeType()).description;
		const parameters = NodeHelpers.getNodeParameters(
			tool.properties,
			report(),
			true,
			false,
			node,
			tool,
		)!;
		expect([parameters.dimensions, parameters.metrics]).toEqual([
			report().dimensions,
			report().metrics,
		]);
		expect(NodeHelpers.getNodeParametersIssues(tool.properties, toolNode(parameters), tool)).toBeNull();
	});

	it("the model's text (names separated by commas, or a JSON array) becomes the report's dimensions and metrics", async () => {
		const [byDay, byAd] = await callTool(report(), [
			{ Dimensions: 'campaign_id, stat_time_day', Metrics: 'spend,clicks, ctr' },
			{ Dimensions: '["campaign_id"]', Metrics: '["impressions", "conversion"]' },
		]);
		expect(byDay.schemaKeys).toEqual(['Dimensions', 'Metrics']);
		expect([byDay.error, byAd.error]).toEqual([undefined, undefined]);
		const requests = reportRequests();
		expect(
			requests.map((r) => [JSON.parse(r.query.dimensions), JSON.parse(r.query.metrics)]),
		).toEqual([
			[
				['campaign_id', 'stat_time_day'],
				['spend', 'clicks', 'ctr'],
			],
			[['campaign_id'], ['impressions', 'conversion']],
		]);
		expect((byDay.response as IDataObject[])[0]).toEqual(
			expect.objectContaining({ campaign_id: expect.any(String), spend: expect.anything() }),
		);
	});

	it('a name the model makes up is refused before any request, naming the field and the names it can use', async () => {
		const [metric, dimension, notAList] = await callTool(report(), [
			{ Dimensions: 'campaign_id', Metrics: 'spend, total_spend_usd' },
			{ Dimensions: 'campaign, stat_time_day', Metrics: 'spend' },
			{ Dimensions: 'campaign_id', Metrics: '["spend",' },
		]);
		expect(metric.error).toMatch(
			/^The "Metrics" parameter has "total_spend_usd", which is not one of its names\. Use one or more of: .*\bspend\b.*\bimpressions\b/,
		);
		expect(metric.error).toMatch(
			/Nothing was sent to TikTok\. Other names TikTok documents go into Options → Custom Metrics/,
		);
		expect(dimension.error).toMatch(
			/^The "Dimensions" parameter has "campaign", which is not one of its names\. Use one or more of: .*\bcampaign_id\b.*\bstat_time_day\b/,
		);
		expect(notAList.error).toMatch(/The "Metrics" parameter is not a list of names/);
		expect(reportRequests()).toHaveLength(0);
	});

	it("the author's Custom Metrics still add names the lists do not offer", async () => {
		const [withCustom] = await callTool(
			report({ options: { customMetrics: 'video_views_p100' } }),
			[{ Dimensions: 'campaign_id', Metrics: 'spend' }],
		);
		expect(withCustom.error).toBeUndefined();
		expect(JSON.parse(reportRequests()[0].query.metrics)).toEqual(['spend', 'video_views_p100']);
	});

	it('outside an agent, an expression giving text or names beyond the lists works as before', async () => {
		const { error } = await runTikTokNode({
			parameters: {
				...report(),
				dimensions: '={{ "campaign_id, stat_time_day" }}',
				metrics: '={{ ["spend", "video_views_p100"] }}',
			},
			credentials: [businessCredential(fake)],
		});
		expect(error).toBeUndefined();
		const [request] = reportRequests();
		expect([JSON.parse(request.query.dimensions), JSON.parse(request.query.metrics)]).toEqual([
			['campaign_id', 'stat_time_day'],
			['spend', 'video_views_p100'],
		]);
	});
});
