/* eslint-disable @n8n/community-nodes/no-restricted-imports -- a test, not node code: its own rules are test/eslint.config.mjs */
import path from 'node:path';

import type { IDataObject, INode, INodeParameters, INodeProperties, INodeTypeDescription } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

import type { Entity } from '../account/helpers';
import { ADV2, requestsTo } from '../account/helpers';
import { NODE_TYPE, PACKAGE_ROOT, loadPackage, runWorkflow } from '../harness/engine';
import { businessCredential, useFake } from '../harness/fake';
import { toolNodeType } from '../harness/tool';

/**
 * What the model can fill in the tool variant (n8n's `convertNodeToAiTool`, test/harness/tool.ts): n8n's editor offers
 * "Let the model define this parameter" on every parameter but single-choice dropdowns (`options`; editor-ui
 * fromAIOverride.utils.ts `PROP_TYPE_DENYLIST`), so the Campaign and Ad Group parameters must be something else; the ID
 * filters, multi-selects of names loaded from TikTok, are text of IDs in the tool. And workflows saved while they were
 * dropdowns keep working.
 */

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { operationsOf } = require(path.join(PACKAGE_ROOT, 'dist/nodes/TikTok/actions/registry.js')) as { operationsOf: (resource: string) => string[] };

const node: Pick<INode, 'typeVersion'> = { typeVersion: 1 };
const PICKERS = ['campaignId', 'adGroupId', 'adId', 'campaignIds', 'adgroupIds'];
const DROPDOWNS = ['options', 'multiOptions'];

/** The properties n8n shows for `values` (top level and inside shown collections), with their types. */
function shownPickers(description: INodeTypeDescription, values: INodeParameters): Array<{ name: string; type: string }> {
	const parameters = NodeHelpers.getNodeParameters(description.properties, values, true, false, node, description) ?? {};
	const shown = description.properties.filter((p) => NodeHelpers.displayParameter(parameters, p, node, description));
	const found: Array<{ name: string; type: string }> = [];
	for (const property of shown) {
		if (PICKERS.includes(property.name)) found.push({ name: property.name, type: property.type });
		if (property.type === 'collection') {
			for (const option of (property.options ?? []) as INodeProperties[]) {
				if (PICKERS.includes(option.name)) found.push({ name: `${property.name}.${option.name}`, type: option.type });
			}
		}
	}
	return found;
}

describe('the Campaign and Ad Group parameters in the tool variant', () => {
	it('are resource locators or text in every campaign and ad group operation, never dropdowns', async () => {
		const tool = (await toolNodeType()).description;
		expect(tool.name.endsWith('Tool')).toBe(true);
		const seen: Record<string, Array<{ name: string; type: string }>> = {};
		for (const resource of ['campaign', 'adGroup', 'ad']) {
			for (const operation of operationsOf(resource)) {
				const pickers = shownPickers(tool, { resource, operation });
				seen[`${resource}.${operation}`] = pickers;
				for (const picker of pickers) expect([`${resource}.${operation}`, picker.name, DROPDOWNS.includes(picker.type)]).toEqual([`${resource}.${operation}`, picker.name, false]);
			}
		}
		// Every operation that acts on one campaign / ad group / ad has its locator; the searches have their ID filters.
		expect(seen).toMatchObject({
			'campaign.get': [{ name: 'campaignId', type: 'resourceLocator' }],
			'campaign.update': [{ name: 'campaignId', type: 'resourceLocator' }],
			'campaign.updateStatus': [{ name: 'campaignId', type: 'resourceLocator' }],
			'campaign.getMany': [{ name: 'filters.campaignIds', type: 'string' }],
			'adGroup.get': [{ name: 'adGroupId', type: 'resourceLocator' }],
			'adGroup.update': [{ name: 'adGroupId', type: 'resourceLocator' }],
			'adGroup.updateStatus': [{ name: 'adGroupId', type: 'resourceLocator' }],
			'adGroup.getMany': [{ name: 'filters.adgroupIds', type: 'string' }, { name: 'filters.campaignIds', type: 'string' }],
			'ad.get': [{ name: 'adId', type: 'resourceLocator' }],
			'ad.updateStatus': [{ name: 'adId', type: 'resourceLocator' }],
		});
		expect(seen['adGroup.getMany']).toHaveLength(2);
		expect(seen['ad.getMany'].map((p) => p.name).sort()).toEqual(['filters.adgroupIds', 'filters.campaignIds']);
		// The status and privacy choices are text the model can fill, in the tool only.
		const statusIn = (description: INodeTypeDescription) =>
			description.properties.filter((p) => p.name === 'operationStatus' && NodeHelpers.displayParameter({ resource: 'campaign', operation: 'updateStatus' }, p, node, description));
		expect(statusIn(tool).map((p) => p.type)).toEqual(['string']);
		const { nodeTypes } = await loadPackage();
		const base = nodeTypes.getByNameAndVersion(NODE_TYPE, 1).description;
		expect(statusIn(base).map((p) => p.type)).toEqual(['options']);
		// Outside the tool the searches keep their multi-select filters (loaded from TikTok).
		expect(shownPickers(base, { resource: 'campaign', operation: 'getMany' })).toEqual([{ name: 'filters.campaignIds', type: 'multiOptions' }]);
	});

	it('the switches are shown in the tool only, all off by default', async () => {
		const tool = (await toolNodeType()).description;
		const { nodeTypes } = await loadPackage();
		const base = nodeTypes.getByNameAndVersion(NODE_TYPE, 1).description;
		const switches = (description: INodeTypeDescription) => {
			const parameters = NodeHelpers.getNodeParameters(description.properties, { resource: 'campaign', operation: 'update' }, true, false, node, description) ?? {};
			return Object.fromEntries(['allowDestructiveOperations', 'allowSpending', 'allowPublishing'].filter((n) => n in parameters).map((n) => [n, parameters[n]]));
		};
		expect(switches(tool)).toEqual({ allowDestructiveOperations: false, allowSpending: false, allowPublishing: false });
		expect(switches(base)).toEqual({});
	});
});

describe('workflows saved while Campaign, Ad Group and Ad were dropdowns or text keep working', () => {
	const fake = useFake({}, { perTest: true });

	/** A node as a workflow saved before this change holds it: the IDs as plain strings. */
	const saved = (parameters: IDataObject): INode =>
		JSON.parse(
			JSON.stringify({
				parameters: { advertiserId: { __rl: true, value: ADV2, mode: 'id' }, ...parameters },
				id: 'c0ffee00-0000-4000-8000-000000000001',
				name: 'TikTok',
				type: NODE_TYPE,
				typeVersion: 1,
				position: [0, 0],
				credentials: { tikTokBusinessOAuth2Api: { id: 'business-1', name: 'TikTok Business' } },
			}),
		) as INode;
	const run = async (parameters: IDataObject) => {
		const result = await runWorkflow({ nodes: [saved(parameters)], credentials: [businessCredential(fake)] });
		return { error: result.error, items: result.output('TikTok').map((i) => i.json) };
	};

	it('reads the plain IDs of campaign, ad group and ad operations as before', async () => {
		const campaign = (fake.state.world.campaigns as Entity[]).find((c) => c.advertiser_id === ADV2 && !c.__deleted)!;
		const group = (fake.state.world.adgroups as Entity[]).find((g) => g.advertiser_id === ADV2 && !g.__deleted)!;
		const ad = (fake.state.world.ads as Entity[]).find((a) => a.advertiser_id === ADV2 && !a.__deleted)!;

		const got = await run({ resource: 'campaign', operation: 'get', campaignId: String(campaign.campaign_id) });
		expect(got.error).toBeUndefined();
		expect(got.items).toEqual([expect.objectContaining({ campaign_id: String(campaign.campaign_id) })]);

		const renamed = await run({ resource: 'campaign', operation: 'update', campaignId: String(campaign.campaign_id), updateFields: { campaignName: 'Saved' } });
		expect(renamed.error).toBeUndefined();
		expect(campaign.campaign_name).toBe('Saved');

		const paused = await run({ resource: 'adGroup', operation: 'updateStatus', adGroupId: String(group.adgroup_id), operationStatus: 'ENABLE' });
		expect(paused.error).toBeUndefined();
		expect(requestsTo(fake, '/adgroup/status/update/').map((r) => (r.body as IDataObject).adgroup_ids)).toEqual([[String(group.adgroup_id)]]);

		const gotAd = await run({ resource: 'ad', operation: 'get', adId: String(ad.ad_id) });
		expect(gotAd.error).toBeUndefined();
		expect(gotAd.items).toEqual([expect.objectContaining({ ad_id: String(ad.ad_id) })]);

		// An expression mapping the ID, as saved workflows often hold it, too.
		const mapped = await run({ resource: 'adGroup', operation: 'get', adGroupId: `={{ "${String(group.adgroup_id)}" }}` });
		expect(mapped.error).toBeUndefined();
		expect(mapped.items).toEqual([expect.objectContaining({ adgroup_id: String(group.adgroup_id) })]);
	});

	it('reads the new locator values ({__rl, mode, value}) the same way', async () => {
		const campaign = (fake.state.world.campaigns as Entity[]).find((c) => c.advertiser_id === ADV2 && !c.__deleted)!;
		const got = await run({ resource: 'campaign', operation: 'get', campaignId: { __rl: true, mode: 'list', value: String(campaign.campaign_id), cachedResultName: 'x' } });
		expect(got.error).toBeUndefined();
		expect(got.items).toEqual([expect.objectContaining({ campaign_id: String(campaign.campaign_id) })]);
	});
});
