import type { IDataObject, IExecuteFunctions, INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { assertTikTokId } from './validation';

/** Reads the `advertiserId` resource locator of an item and checks it. */
export function getAdvertiserId(this: IExecuteFunctions, itemIndex: number): string {
	const value = this.getNodeParameter('advertiserId', itemIndex, '', { extractValue: true });
	return assertTikTokId(this.getNode(), value, 'Advertiser', itemIndex);
}

const ID_KEY = /(^id$|_id$)/;

/**
 * TikTok returns IDs as strings in v1.3 but some payloads still carry numbers: make every `*_id` (and `*_ids`
 * entries) a string, so items are stable whatever TikTok sends.
 */
export function stringifyIds<T extends IDataObject>(entity: T): T {
	const out: IDataObject = { ...entity };
	for (const [key, value] of Object.entries(out)) {
		if (ID_KEY.test(key) && typeof value === 'number') out[key] = String(value);
		else if (key.endsWith('_ids') && Array.isArray(value)) {
			out[key] = value.map((v) => (typeof v === 'number' ? String(v) : v)) as IDataObject[string];
		}
	}
	return out as T;
}

/** Checks a `limit` parameter: a whole number of at least 1. */
export function assertLimit(node: INode, value: unknown, itemIndex?: number): number {
	const limit = Number(value);
	if (!Number.isInteger(limit) || limit < 1) {
		throw new NodeOperationError(node, `The "Limit" parameter must be a whole number of at least 1, got ${String(value)}`, {
			itemIndex,
		});
	}
	return limit;
}

/** Reads `returnAll` / `limit` of an item: `undefined` means all. */
export function getLimit(this: IExecuteFunctions, itemIndex: number): number | undefined {
	if (this.getNodeParameter('returnAll', itemIndex, false) as boolean) return undefined;
	return assertLimit(this.getNode(), this.getNodeParameter('limit', itemIndex, 50), itemIndex);
}
