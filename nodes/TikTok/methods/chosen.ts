import type { ILoadOptionsFunctions } from 'n8n-workflow';

/** What the pickers of both nodes load for (methods/loadOptions.ts, methods/entitySearch.ts). */

const ID = /^\d{1,20}$/;

/** IDs held by a multi-select or a text of IDs (empty while it holds an expression the editor cannot resolve). */
export function idsOf(value: unknown): string[] {
	if (typeof value === 'string' && value.startsWith('=')) return [];
	const list = Array.isArray(value) ? value : typeof value === 'string' ? value.split(/[\s,]+/) : [value];
	return [...new Set(list.map((v) => (v === undefined || v === null ? '' : String(v).trim())).filter((v) => ID.test(v)))];
}

/**
 * The advertisers a picker loads for: the action node's `advertiserId` locator, or the trigger's `advertiserIds`.
 * None while no advertiser is chosen: the picker is then empty (its hint says to choose the advertiser first), as
 * n8n's pickers are before their parent is set, rather than an error with a stack trace in n8n's log.
 */
export function chosenAdvertisers(this: ILoadOptionsFunctions): string[] {
	return this.getCurrentNodeParameters()?.advertiserId !== undefined
		? idsOf(this.getCurrentNodeParameter('advertiserId', { extractValue: true }))
		: idsOf(this.getCurrentNodeParameter('advertiserIds'));
}
