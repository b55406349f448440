/* eslint-disable @n8n/community-nodes/no-dangerous-functions -- a test, not node code: its own rules are test/eslint.config.mjs */
// Stand-ins for the n8n-nodes-base nodes the example workflows use (not installed here): Manual Trigger and Webhook pass
// their input on, Sticky Note outputs nothing, Code runs the node's JavaScript as plain JavaScript (all the examples' code
// needs).
import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';

function standIn(name: string, run: (this: IExecuteFunctions) => INodeExecutionData[]): INodeType {
	return {
		description: {
			displayName: `${name} (stand-in)`,
			name,
			group: ['transform'],
			version: [1, 2],
			description: `Stand-in for n8n-nodes-base.${name}`,
			defaults: { name },
			inputs: ['main'],
			outputs: ['main'],
			properties: [
				{ displayName: 'Code', name: 'jsCode', type: 'string', default: '' },
				{ displayName: 'Content', name: 'content', type: 'string', default: '' },
			],
		} as INodeTypeDescription,
		async execute(this: IExecuteFunctions) {
			return [run.call(this)];
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
	'n8n-nodes-base.code': standIn('code', function () {
		const code = this.getNodeParameter('jsCode', 0) as string;
		const items = new Function(code)() as INodeExecutionData[];
		return items.map((item) => ({ ...item, pairedItem: { item: 0 } }));
	}),
};
