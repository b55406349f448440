import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

/**
 * `simplify`, as n8n's Get / Get Many operations have it: on by default, the item keeps only the fields a person reads
 * first (the operation's list, at most 12); off, everything TikTok returns. The operation's output schema
 * (`nodes/TikTok/__schema__/v1.0.0/<resource>/<operation>.json`) describes the simplified item.
 */
export const simplifyProperty: INodeProperties = {
	displayName: 'Simplify',
	name: 'simplify',
	type: 'boolean',
	default: true,
	description: 'Whether to return a simplified version of the response instead of the raw data',
};

/** Whether item `itemIndex` asks for the simplified output. */
export function wantsSimplified(this: IExecuteFunctions, itemIndex: number): boolean {
	return this.getNodeParameter('simplify', itemIndex, true) !== false;
}

/** The entity with only `fields`, in that order; fields TikTok did not send stay absent. */
export function simplifyEntity(entity: IDataObject, fields: readonly string[]): IDataObject {
	const out: IDataObject = {};
	for (const field of fields) if (entity[field] !== undefined) out[field] = entity[field];
	return out;
}

/**
 * Simplifies output items of a batched operation where asked: each item is paired with its input, whose `simplify`
 * decides. Error items (`continueOnFail`) pass unchanged.
 */
export function simplifyPairedItems(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
	fields: readonly string[],
	isEntity: (json: IDataObject) => boolean,
): INodeExecutionData[] {
	const cache = new Map<number, boolean>();
	return items.map((item) => {
		const paired = Array.isArray(item.pairedItem) ? item.pairedItem[0] : item.pairedItem;
		const index = typeof paired === 'number' ? paired : (paired?.item ?? 0);
		if (!cache.has(index)) cache.set(index, wantsSimplified.call(this, index));
		if (!cache.get(index) || !isEntity(item.json)) return item;
		return { ...item, json: simplifyEntity(item.json, fields) };
	});
}
