import type { IDataObject, INode } from 'n8n-workflow';
import { NodeOperationError, jsonParse } from 'n8n-workflow';

/** TikTok IDs (advertiser, campaign, ad group, ad) are 64-bit integers, sent as strings. */
const MAX_ID_LENGTH = 20;

/**
 * Checks a TikTok ID before any request: present, digits only, at most 20 digits. Returns it trimmed, as a string
 * (numbers mapped from other nodes are accepted).
 */
export function assertTikTokId(node: INode, value: unknown, field: string, itemIndex?: number): string {
	const text = typeof value === 'number' && Number.isSafeInteger(value) ? String(value) : value;
	if (typeof text !== 'string' || text.trim() === '') {
		throw new NodeOperationError(node, `The "${field}" parameter is empty: enter a TikTok ID (digits only)`, {
			itemIndex,
		});
	}
	const id = text.trim();
	if (!/^\d+$/.test(id)) {
		throw new NodeOperationError(
			node,
			`The "${field}" parameter must be a TikTok ID made of digits only, got "${id.slice(0, 40)}"`,
			{ itemIndex },
		);
	}
	if (id.length > MAX_ID_LENGTH) {
		throw new NodeOperationError(
			node,
			`The "${field}" parameter is too long for a TikTok ID (${id.length} digits, at most ${MAX_ID_LENGTH})`,
			{ itemIndex },
		);
	}
	return id;
}

/** Splits a list of IDs given as an array or as comma/space/newline separated text, checking each one. */
export function parseTikTokIdList(node: INode, value: unknown, field: string, itemIndex?: number): string[] {
	const parts = Array.isArray(value)
		? value
		: typeof value === 'number'
			? [value]
			: String(value ?? '')
					.split(/[\s,]+/)
					.filter((s) => s !== '');
	return parts.map((part) => assertTikTokId(node, part, field, itemIndex));
}

/** Parses a JSON parameter (object or array), with an error naming the field. Objects pass through. */
export function parseJsonParameter<T = IDataObject>(
	node: INode,
	value: unknown,
	field: string,
	itemIndex?: number,
): T {
	if (typeof value === 'object' && value !== null) return value as T;
	const text = String(value ?? '').trim();
	if (text === '') return {} as T;
	try {
		return jsonParse<T>(text);
	} catch (error) {
		throw new NodeOperationError(node, `The "${field}" parameter is not valid JSON: ${(error as Error).message}`, {
			itemIndex,
		});
	}
}
