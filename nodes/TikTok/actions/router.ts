import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { TikTokType } from './node.type';
import { findOperation, NODE_CREDENTIALS } from './registry';
import { selectAgentFields } from '../helpers/simplify';
import { scrubError, secretsOfCredentials } from '../transport';

/** Dispatches to the registry's `actions/<resource>/<operation>.operation.ts`; each operation handles pairing and continueOnFail. */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const resource = this.getNodeParameter<TikTokType>('resource', 0);
	const operation = this.getNodeParameter('operation', 0);
	const tikTokNodeData = { resource, operation } as TikTokType;

	const handler = findOperation(tikTokNodeData.resource, tikTokNodeData.operation);
	if (!handler) {
		throw new NodeOperationError(
			this.getNode(),
			`The operation "${operation}" is not supported for resource "${resource}"`,
		);
	}
	// An AI agent's tool call with Output "Selected Fields": its field list is checked now, before anything is sent, and
	// applied to what the operation returns (Simplified / Raw are read by the operations, through wantsSimplified).
	const select = selectAgentFields.call(this, items.length);
	// Last line of defence for secrets, whatever put them in an error (the transport already scrubs its own): error
	// items of "Continue" and the error that stops the node.
	let output: INodeExecutionData[];
	try {
		output = await handler.execute.call(this, items);
	} catch (error) {
		throw scrubError(error as Error, await secretsOfCredentials(this, [...NODE_CREDENTIALS]));
	}
	const errorItems = output.filter((item) => item.json?.error !== undefined);
	if (errorItems.length > 0) {
		const secrets = await secretsOfCredentials(this, [...NODE_CREDENTIALS]);
		for (const item of errorItems) scrubError(item.json, secrets);
	}
	return [select ? select(output) : output];
}
