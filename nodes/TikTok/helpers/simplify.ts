import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { agentOutputFields, agentOutputMode } from './tool';

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

/**
 * Whether item `itemIndex` asks for the simplified output: its Simplify parameter, unless the AI-agent tool's Output
 * (helpers/tool.ts `agentOutputProperties`) says Simplified (yes), Raw or Selected Fields (no: all fields, to select
 * from). Outside an agent call only Simplify decides. Every operation with a Simplify parameter reads it here.
 */
export function wantsSimplified(this: IExecuteFunctions, itemIndex: number): boolean {
	const mode = agentOutputMode.call(this, itemIndex);
	if (mode === 'simplified') return true;
	if (mode === 'raw' || mode === 'selected') return false;
	return this.getNodeParameter('simplify', itemIndex, true) !== false;
}

const own = (object: unknown, key: string): boolean =>
	object !== null &&
	typeof object === 'object' &&
	Object.prototype.hasOwnProperty.call(object, key);

/**
 * The entity with only `fields`, in that order; fields TikTok did not send stay absent. A field may be a dotted path
 * (`metrics.spend`, when the entity has no field of that exact name): its value is kept at the same place
 * (`{ metrics: { spend } }`). Only the entity's own fields are read.
 */
export function simplifyEntity(entity: IDataObject, fields: readonly string[]): IDataObject {
	const out: IDataObject = {};
	const made = new Set<IDataObject>();
	for (const field of fields) {
		if (own(entity, field)) {
			if (entity[field] !== undefined) out[field] = entity[field];
			continue;
		}
		const path = field.split('.');
		if (path.length < 2) continue;
		let value: unknown = entity;
		for (const key of path) value = own(value, key) ? (value as IDataObject)[key] : undefined;
		if (value === undefined) continue;
		let target: IDataObject | undefined = out;
		for (const key of path.slice(0, -1)) {
			if (!own(target, key)) {
				const next: IDataObject = {};
				made.add(next);
				target[key] = next;
			} else if (!made.has(target[key] as IDataObject)) {
				target = undefined; // a field above it is already kept whole
				break;
			}
			target = target[key] as IDataObject;
		}
		if (target) target[path[path.length - 1]] = value as IDataObject[keyof IDataObject];
	}
	return out;
}

/** The input item an output item is paired with (0 when it does not say). */
function pairedIndex(item: INodeExecutionData): number {
	const paired = Array.isArray(item.pairedItem) ? item.pairedItem[0] : item.pairedItem;
	return typeof paired === 'number' ? paired : (paired?.item ?? 0);
}

/**
 * For an AI agent's tool call whose Output is Selected Fields: reads and checks "Fields to Return" of every input item
 * (before the operation runs, so a bad list is refused with nothing sent) and returns what cuts the operation's output
 * items down to them with `simplifyEntity`. Undefined when no item selects fields (outside an agent, always). Error
 * items (continueOnFail) pass unchanged.
 */
export function selectAgentFields(
	this: IExecuteFunctions,
	inputCount: number,
): ((output: INodeExecutionData[]) => INodeExecutionData[]) | undefined {
	const selections = new Map<number, string[]>();
	for (let i = 0; i < inputCount; i++) {
		if (agentOutputMode.call(this, i) === 'selected')
			selections.set(i, agentOutputFields.call(this, i));
	}
	if (selections.size === 0) return undefined;
	return (output) =>
		output.map((item) => {
			const fields = selections.get(pairedIndex(item));
			if (!fields || item.json.error !== undefined) return item;
			return { ...item, json: simplifyEntity(item.json, fields) };
		});
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
		const index = pairedIndex(item);
		if (!cache.has(index)) cache.set(index, wantsSimplified.call(this, index));
		if (!cache.get(index) || !isEntity(item.json)) return item;
		return { ...item, json: simplifyEntity(item.json, fields) };
	});
}
