/* eslint-disable @n8n/community-nodes/no-dangerous-functions -- a test, not node code: its own rules are test/eslint.config.mjs */
// The ONE set of stand-ins for the n8n-nodes-base nodes the example workflows use (not installed here): Manual Trigger
// and Webhook pass their input on, Sticky Note outputs nothing, IF evaluates the examples' "number is greater than",
// Code runs the node's JavaScript as plain JavaScript (all the examples' code needs). `runExample`
// (test/harness/examples.ts) runs an example with them.
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';

function standIn(name: string, run: (this: IExecuteFunctions) => INodeExecutionData[] | INodeExecutionData[][], outputs = 1): INodeType {
	return {
		description: {
			displayName: `${name} (stand-in)`,
			name,
			group: ['transform'],
			version: [1, 2, 2.2],
			description: `Stand-in for n8n-nodes-base.${name}`,
			defaults: { name },
			inputs: ['main'],
			outputs: Array(outputs).fill('main'),
			properties: [
				{ displayName: 'Code', name: 'jsCode', type: 'string', default: '' },
				{ displayName: 'Content', name: 'content', type: 'string', default: '' },
				{ displayName: 'Conditions', name: 'conditions', type: 'json', default: {} },
				{ displayName: 'Options', name: 'options', type: 'json', default: {} },
			],
		} as INodeTypeDescription,
		async execute(this: IExecuteFunctions) {
			const out = run.call(this);
			return outputs === 1 ? [out as INodeExecutionData[]] : (out as INodeExecutionData[][]);
		},
	};
}

export const EXAMPLE_STAND_INS: Record<string, INodeType> = {
	'n8n-nodes-base.manualTrigger': standIn('manualTrigger', function () {
		return this.getInputData();
	}),
	'n8n-nodes-base.stickyNote': standIn('stickyNote', () => []),
	// The request as n8n's Webhook node outputs it ({headers, params, query, body}): the test hands it in as input.
	'n8n-nodes-base.webhook': standIn('webhook', function () {
		return this.getInputData();
	}),
	// IF v2 for the examples' one "number is greater than" condition: per item, true branch first.
	'n8n-nodes-base.if': standIn(
		'if',
		function () {
			const yes: INodeExecutionData[] = [];
			const no: INodeExecutionData[] = [];
			this.getInputData().forEach((item, i) => {
				const { conditions } = this.getNodeParameter('conditions', i) as { conditions: IDataObject[] };
				const [condition] = conditions;
				const operator = condition.operator as IDataObject;
				if (operator.type !== 'number' || operator.operation !== 'gt') {
					throw new Error(`The IF stand-in evaluates "number is greater than" only, not ${JSON.stringify(operator)}`);
				}
				const passes = Number(condition.leftValue) > Number(condition.rightValue);
				(passes ? yes : no).push({ json: item.json, pairedItem: { item: i } });
			});
			return [yes, no];
		},
		2,
	),
	'n8n-nodes-base.code': standIn('code', function () {
		const code = this.getNodeParameter('jsCode', 0) as string;
		const items = new Function(code)() as INodeExecutionData[];
		return items.map((item) => ({ ...item, pairedItem: { item: 0 } }));
	}),
};
