/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- a test, not node code: its own rules are test/eslint.config.mjs */
import fs from 'node:fs';
import path from 'node:path';

import type { IDataObject, IExecuteFunctions, INode, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import type { StoredCredential } from './credentials';
import { NODE_TYPE, loadPackage, runWorkflow } from './engine';

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

export const TOOL_TYPE = `${NODE_TYPE}Tool`;

type ConvertNodeToAiTool = (item: { description: INodeTypeDescription }) => { description: INodeTypeDescription };

export function n8nConvertNodeToAiTool(): { convert: ConvertNodeToAiTool; from: string } {
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
export async function toolNodeType(): Promise<INodeType> {
	const { nodeTypes } = await loadPackage();
	const base = nodeTypes.getByNameAndVersion(NODE_TYPE, 1) as INodeType;
	const properties = Object.create(base.description.properties);
	const description = Object.create(base.description, { properties: { value: properties, writable: false } });
	const cloned = Object.create(base, { description: { value: description } }) as INodeType;
	return n8nConvertNodeToAiTool().convert(cloned as never) as unknown as INodeType;
}

type ToolLike = { name: string; description: string; schema: { shape: Record<string, unknown> }; invoke: (args: IDataObject) => Promise<string> };

/** A stand-in AI Agent: takes the tools n8n-core builds from its ai_tool input and calls the first with `$json.args`. */
export const agent: INodeType = {
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


/** The node's tool variant as a workflow node with `parameters` (and `name`). */
export function toolNode(parameters: INode['parameters'], name = 'TikTok'): INode {
	return { id: 'tool', name, type: TOOL_TYPE, typeVersion: 1, position: [0, 0], parameters };
}

/** Runs the tool variant with `parameters` under the stand-in agent, once per `args` (what a model sends); returns the agent's items. */
export async function callTool(parameters: INode['parameters'], args: IDataObject[], credentials: StoredCredential[]): Promise<IDataObject[]> {
	const tikTok: INode = {
		...toolNode(parameters, 'TikTok Ads'),
		credentials: Object.fromEntries(credentials.map((c) => [c.type, { id: c.id, name: c.name }])),
	};
	const agentNode: INode = { id: 'agent', name: 'Agent', type: 'test.agent', typeVersion: 1, position: [200, 0], parameters: {} };
	const { output, error } = await runWorkflow({
		nodes: [agentNode, tikTok],
		connections: { 'TikTok Ads': { ai_tool: [[{ node: 'Agent', type: 'ai_tool', index: 0 }]] } },
		credentials,
		input: args.map((a) => ({ json: { args: a } })),
		extraNodeTypes: { 'test.agent': agent, [TOOL_TYPE]: await toolNodeType() },
	});
	if (error) throw error;
	return output('Agent').map((i) => i.json);
}
