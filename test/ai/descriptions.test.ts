/* eslint-disable @n8n/community-nodes/no-restricted-imports -- a test, not node code: its own rules are test/eslint.config.mjs */
import path from 'node:path';

import type {
	INode,
	INodeParameters,
	INodeProperties,
	INodePropertyOptions,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

import { PACKAGE_ROOT } from '../harness/engine';
import { toolNode, toolNodeType } from '../harness/tool';

/**
 * What a model is told about each operation. n8n 2.41 gives an agent, for a `usableAsTool` node's tool, the description
 * `NodeHelpers.getToolDescriptionForNode` makes (n8n-core create-node-as-tool.ts): with the tool's Description "Set
 * Automatically" (the default) it is the operation option's `action` + " in TikTok" (n8n-workflow node-helpers.ts
 * `makeDescription`). The option's `description` is what a person sees in the Operation dropdown. Both must say what the
 * operation can do, as the registry declares it (`effects`); the description also says which IDs it needs (its required
 * pickers and IDs), so a new operation cannot ship without it. The action stays short and names no IDs: n8n also makes
 * it the default name of a node added from the node creator (`makeNodeName`), and a model learns the IDs it must give
 * from the tool's arguments (one per parameter the author leaves to the model).
 */

/* eslint-disable @typescript-eslint/no-require-imports */
const { operationsOf, effectsOf, resourceNames } = require(
	path.join(PACKAGE_ROOT, 'dist/nodes/TikTok/actions/registry.js'),
) as {
	operationsOf: (resource: string) => string[];
	effectsOf: (resource: string, operation: string) => string[];
	resourceNames: string[];
};
/* eslint-enable @typescript-eslint/no-require-imports */

/** How a text names each effect class (helpers/tool.ts `Effect`; no effect: it only reads). */
const SAYS: Record<string, RegExp> = {
	read: /changes nothing|without changing anything/i,
	write: /costs nothing|at no cost/i,
	spend: /spends? money|\bto spend\b/i,
	public: /\bpublic/i,
	irreversible: /irreversibl/i,
};

/** The words naming each ID parameter; a required picker or ID not listed here fails the test (add its words). */
const ID_WORDS: Record<string, string> = {
	advertiserId: 'advertiser ID',
	campaignId: 'campaign ID',
	adGroupId: 'ad group ID',
	adId: 'ad ID',
	identityId: 'identity ID',
	videoId: 'video ID',
	formId: 'form ID',
	pixelCode: 'pixel code',
	publishId: 'publish ID',
};

const node: Pick<INode, 'typeVersion'> = { typeVersion: 1 };

/** The required IDs an operation shows in the tool variant: its required resource locators and `…Id` / `…Code` fields. */
function requiredIds(description: INodeTypeDescription, values: INodeParameters): string[] {
	const parameters =
		NodeHelpers.getNodeParameters(description.properties, values, true, false, node, description) ??
		{};
	return description.properties
		.filter(
			(p: INodeProperties) =>
				p.required === true && NodeHelpers.displayParameter(parameters, p, node, description),
		)
		.filter((p) => p.type === 'resourceLocator' || /(Id|Code)$/.test(p.name))
		.map((p) => p.name);
}

function check(text: string, effects: string[], ids: string[]): string[] {
	const problems: string[] = [];
	const classes = effects.length === 0 ? ['read'] : effects;
	for (const [effect, says] of Object.entries(SAYS)) {
		// `write` is named when it is the only effect: spending, posting publicly and deleting are writes too.
		const expected =
			effect === 'write'
				? classes.length === 1 && classes[0] === 'write'
				: classes.includes(effect);
		if (effect === 'write' && !expected) continue;
		if (says.test(text) !== expected)
			problems.push(`${expected ? 'does not say' : 'says'} ${effect} (${says})`);
	}
	for (const id of ids) {
		const words = ID_WORDS[id];
		if (words === undefined) problems.push(`needs ${id}: add its words to ID_WORDS`);
		else if (!new RegExp(`\\b${words}\\b`, 'i').test(text))
			problems.push(`does not say it needs the ${words}`);
	}
	return problems;
}

describe("every operation's tool description says what it changes and what it costs; its dropdown text also which IDs it needs", () => {
	it('in what n8n gives the model (the action) and in the Operation dropdown (the description)', async () => {
		const tool = (await toolNodeType()).description;
		const problems: Record<string, string[]> = {};
		let checked = 0;
		for (const resource of resourceNames) {
			const operationProperty = tool.properties.find(
				(p) => p.name === 'operation' && p.displayOptions?.show?.resource?.includes(resource),
			);
			for (const operation of operationsOf(resource)) {
				const option = ((operationProperty?.options ?? []) as INodePropertyOptions[]).find(
					(o) => o.value === operation,
				);
				const described = toolNode({ resource, operation, descriptionType: 'auto' });
				const told = NodeHelpers.getToolDescriptionForNode(described, {
					description: tool,
				} as never);
				expect([resource, operation, told]).toEqual([
					resource,
					operation,
					`${option?.action} in TikTok`,
				]);
				const effects = effectsOf(resource, operation);
				const ids = requiredIds(tool, { resource, operation });
				const found = [
					...check(told, effects, []).map((p) => `action ${p}`),
					...(String(option?.action).length > 64 ? [`action is over 64 characters (a node's default name)`] : []),
					...check(String(option?.description), effects, ids).map((p) => `description ${p}`),
				];
				if (found.length > 0) problems[`${resource}.${operation}`] = found;
				checked++;
			}
		}
		expect(problems).toEqual({});
		expect(checked).toBe(34);
	});

	it('names the IDs from the parameters an operation requires (e.g. Campaign → Update needs the advertiser and the campaign)', async () => {
		const tool = (await toolNodeType()).description;
		expect(requiredIds(tool, { resource: 'campaign', operation: 'update' })).toEqual([
			'advertiserId',
			'campaignId',
		]);
		expect(requiredIds(tool, { resource: 'lead', operation: 'getMany' })).toEqual([
			'advertiserId',
			'formId',
		]);
		expect(check('Get a campaign by advertiser ID', [], ['advertiserId', 'campaignId'])).toEqual([
			'does not say read (/changes nothing|without changing anything/i)',
			'does not say it needs the campaign ID',
		]);
		expect(
			check(
				'Update a campaign at no cost by advertiser ID and campaign ID',
				['write', 'spend'],
				['advertiserId', 'campaignId'],
			),
		).toEqual(['does not say spend (/spends? money|\\bto spend\\b/i)']);
	});
});
