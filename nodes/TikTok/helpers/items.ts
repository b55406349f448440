import type { IDataObject, IExecuteFunctions, INode, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { tikTokCodeOf } from '../transport/errors';
import { appendAll } from '../transport/arrays';

/** Makes sure an error carries the item it belongs to (re-wrapping a NodeApiError would drop the index). */
export function withItemIndex(node: INode, error: unknown, itemIndex: number): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		error.context.itemIndex = itemIndex;
		return error;
	}
	return new NodeOperationError(node, error as Error, { itemIndex });
}

/** The item `continueOnFail` emits for a failed input: the error's message, TikTok's code when there is one. */
export function errorItem(error: unknown, itemIndex: number): INodeExecutionData {
	const e = error as { message?: string; description?: string | null; context?: IDataObject };
	const json: IDataObject = { error: e?.message ?? String(error) };
	if (e?.description) json.description = e.description;
	const code = tikTokCodeOf(error);
	if (code !== undefined) json.code = code;
	if (e?.context?.tiktokRequestId !== undefined) json.requestId = e.context.tiktokRequestId;
	return { json, pairedItem: { item: itemIndex } };
}

/** Pairs results with the input item they came from. */
export function pairItems(results: IDataObject | IDataObject[], itemIndex: number): INodeExecutionData[] {
	const list = Array.isArray(results) ? results : [results];
	return list.map((json) => ({ json, pairedItem: { item: itemIndex } }));
}

/**
 * Runs `run` for every input item: pairs its results with the item, and on failure either emits an error item
 * (`continueOnFail`) or stops with the error stamped with the item index.
 */
export async function forEachItem(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
	run: (itemIndex: number) => Promise<IDataObject | IDataObject[]>,
): Promise<INodeExecutionData[]> {
	const returnData: INodeExecutionData[] = [];
	for (let i = 0; i < items.length; i++) {
		try {
			appendAll(returnData, pairItems(await run(i), i));
		} catch (error) {
			if (this.continueOnFail()) {
				returnData.push(errorItem(error, i));
				continue;
			}
			throw withItemIndex(this.getNode(), error, i);
		}
	}
	return returnData;
}
