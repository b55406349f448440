import type { IDataObject, INode } from 'n8n-workflow';
import { NodeOperationError, jsonParse } from 'n8n-workflow';

/** TikTok IDs (advertiser, campaign, ad group, ad) are 64-bit integers, sent as strings: at most 19 digits. */
const MAX_ID_LENGTH = 19;
/** The largest signed 64-bit integer: no TikTok ID is above it. */
const INT64_MAX = '9223372036854775807';

/**
 * Checks a TikTok ID before any request: present, digits only, within int64 (at most 19 digits). Returns it trimmed,
 * as a string. Numbers mapped from other nodes are accepted while JavaScript holds them exactly; a larger number has
 * already lost digits, so it is refused with "pass IDs as text".
 */
export function assertTikTokId(node: INode, value: unknown, field: string, itemIndex?: number): string {
	if (typeof value === 'number' && Number.isFinite(value) && !Number.isSafeInteger(value) && Number.isInteger(value)) {
		throw new NodeOperationError(
			node,
			`The "${field}" parameter is a number too large to be exact (${String(value)}): it has lost digits. Pass IDs as text`,
			{
				itemIndex,
				description:
					'TikTok IDs have up to 19 digits, more than a JavaScript number holds exactly. Keep the ID a string where it comes from (TikTok sends IDs as text), or type it into the field.',
			},
		);
	}
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
	const digits = id.replace(/^0+(?=\d)/, '');
	if (digits.length > MAX_ID_LENGTH) {
		throw new NodeOperationError(
			node,
			`The "${field}" parameter is too long for a TikTok ID (${id.length} digits, at most ${MAX_ID_LENGTH}: TikTok IDs are 64-bit integers)`,
			{ itemIndex },
		);
	}
	if (digits.length === MAX_ID_LENGTH && digits > INT64_MAX) {
		throw new NodeOperationError(
			node,
			`The "${field}" parameter is too large for a TikTok ID (${id}; TikTok IDs are 64-bit integers, at most ${INT64_MAX})`,
			{ itemIndex },
		);
	}
	return id;
}

/**
 * The IDs of a list, each checked: a multi-select's array, a mapped expression's array or text (IDs separated by
 * commas, spaces or new lines), or a mix (`["1,2", "3"]`). Empty entries are dropped.
 */
export function parseTikTokIdList(node: INode, value: unknown, field: string, itemIndex?: number): string[] {
	const parts = (Array.isArray(value) ? value : [value]).flatMap((part: unknown) =>
		typeof part === 'string'
			? part.split(/[\s,]+/).filter((s) => s !== '')
			: part === undefined || part === null
				? []
				: [part],
	);
	return parts.map((part) => assertTikTokId(node, part, field, itemIndex));
}

/** Most IDs TikTok accepts in one ID filter (`campaign_ids`, `adgroup_ids`, `ad_ids`; reference §1.6). */
export const MAX_FILTER_IDS = 100;

/**
 * The IDs of an ID filter (as `parseTikTokIdList` reads them), duplicates dropped: at most `MAX_FILTER_IDS`.
 * Empty when none are given.
 */
export function parseIdFilter(node: INode, value: unknown, field: string, itemIndex?: number): string[] {
	const ids = [...new Set(parseTikTokIdList(node, value, field, itemIndex))];
	if (ids.length > MAX_FILTER_IDS) {
		throw new NodeOperationError(
			node,
			`The "${field}" filter has ${ids.length} IDs: TikTok accepts at most ${MAX_FILTER_IDS}`,
			{ itemIndex, description: 'Split the IDs over several input items or runs, or filter one level up (by campaign instead of ad group or ad).' },
		);
	}
	return ids;
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

/**
 * An option parameter's value, checked against the values the editor offers (an expression can give anything):
 * trimmed and matched regardless of case, returned in the allowed spelling (`enable` → `ENABLE`); anything else is
 * refused before any request, naming the field and the allowed values.
 */
export function assertOneOf(node: INode, value: unknown, allowed: readonly string[], field: string, itemIndex?: number): string {
	const text = typeof value === 'string' ? value.trim() : '';
	const match = allowed.includes(text) ? text : allowed.find((a) => a.toLowerCase() === text.toLowerCase());
	if (match === undefined || text === '') {
		throw new NodeOperationError(
			node,
			`The "${field}" parameter must be one of ${allowed.join(', ')}, got "${String(value ?? '').slice(0, 40)}"`,
			{ itemIndex },
		);
	}
	return match;
}

/** The values of an `options` property (or of one option of a collection) in a description. */
export function optionValues(properties: Array<{ name: string; options?: unknown[] }>, name: string): string[] {
	const property = properties.find((p) => p.name === name);
	return ((property?.options ?? []) as Array<{ value?: unknown }>)
		.map((o) => o.value)
		.filter((v): v is string => typeof v === 'string');
}
