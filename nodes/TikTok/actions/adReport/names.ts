import type { IExecuteFunctions, INodePropertyOptions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { isAgentCall } from '../../helpers/tool';

/** A TikTok report field name (dimension or metric). */
export const NAME = /^[a-z][a-z0-9_]*$/;

/**
 * The names chosen in a multi-select: the editor's list, or what an expression or the model gives: an array, names
 * separated by commas, or a JSON array as text. (n8n's "Let the model define this parameter" on a multi-select asks
 * the model for text: editor-ui fromAIOverride.utils.ts `buildValueFromOverride`.)
 */
function chosenNames(
	this: IExecuteFunctions,
	selected: unknown,
	field: string,
	itemIndex: number,
): unknown[] {
	if (Array.isArray(selected)) return selected;
	if (typeof selected !== 'string') return [];
	const text = selected.trim();
	if (!text.startsWith('[')) return text.split(/[\s,]+/);
	try {
		const parsed: unknown = JSON.parse(text);
		if (Array.isArray(parsed)) return parsed;
	} catch {
		// refused below
	}
	throw new NodeOperationError(
		this.getNode(),
		`The "${field}" parameter is not a list of names: give them separated by commas, e.g. spend, impressions`,
		{ itemIndex, description: 'Nothing was sent to TikTok.' },
	);
}

/**
 * A list of TikTok field names from a multi-select plus a text field (the Custom option). In an AI agent's call the
 * names of the multi-select must be among its options (`offered`): a name the model makes up is refused before any
 * request, naming the field and the names it can use; other names TikTok documents go into the Custom option, set by
 * the workflow author. Outside an agent, any well-formed name is sent as before.
 */
export function nameList(
	this: IExecuteFunctions,
	selected: unknown,
	extra: unknown,
	field: string,
	itemIndex: number,
	offered: INodePropertyOptions[],
): string[] {
	const chosen = chosenNames
		.call(this, selected, field, itemIndex)
		.map((v) => String(v).trim())
		.filter((v) => v !== '');
	if (isAgentCall.call(this)) {
		const names = offered.map((o) => String(o.value));
		const unknown = chosen.find((name) => !names.includes(name));
		if (unknown !== undefined) {
			throw new NodeOperationError(
				this.getNode(),
				`The "${field}" parameter has "${unknown.slice(0, 40)}", which is not one of its names. Use one or more of: ${names.join(', ')}`,
				{
					itemIndex,
					description: `Nothing was sent to TikTok. Other names TikTok documents go into Options → Custom ${field}.`,
				},
			);
		}
	}
	const parts = [...chosen, ...String(extra ?? '').split(/[\s,]+/).filter((v) => v !== '')];
	for (const name of parts) {
		if (!NAME.test(name)) {
			throw new NodeOperationError(
				this.getNode(),
				`The "${field}" parameter has an invalid name "${name.slice(0, 40)}": use TikTok's names, e.g. spend or stat_time_day`,
				{ itemIndex },
			);
		}
	}
	return [...new Set(parts)];
}
