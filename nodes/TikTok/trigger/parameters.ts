import type { IDataObject, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { parseTikTokIdList } from '../helpers/validation';

export type AdEvent = 'adCreated' | 'adUpdated';
export type TriggerEvent = AdEvent | 'videoPosted';

const EVENTS: TriggerEvent[] = ['adCreated', 'adUpdated', 'videoPosted'];

/**
 * Static data holds one key per event (`adCreated` / `adUpdated`: `{ <advertiserId>: cursor }`; `videoPosted`: a
 * cursor). When the node is switched to another event, the old event's cursors go: switching back starts afresh.
 */
export function forgetOtherEvents(staticData: IDataObject, event: TriggerEvent): void {
	for (const other of EVENTS) if (other !== event && other in staticData) delete staticData[other];
}

export interface AdTriggerParameters {
	event: AdEvent;
	advertiserIds: string[];
	campaignIds: string[];
	adgroupIds: string[];
	limit: number;
}

/** TikTok accepts 1–100 IDs in `filtering.campaign_ids` / `filtering.adgroup_ids`. */
const MAX_FILTER_IDS = 100;

/**
 * IDs from a multi-select (an array), a mapped expression (array, or text separated by commas, spaces or new
 * lines), or a mix (`["1,2", "3"]`): checked one by one, duplicates dropped.
 */
export function parseIdParameter(
	node: ReturnType<IPollFunctions['getNode']>,
	value: unknown,
	field: string,
): string[] {
	const parts = (Array.isArray(value) ? value : [value]).flatMap((v) =>
		typeof v === 'string' ? v.split(/[\s,]+/).filter((s) => s !== '') : v === undefined || v === null || v === '' ? [] : [v],
	);
	return [...new Set(parseTikTokIdList(node, parts, field))];
}

/** Reads and checks the ad events' parameters, before any request. */
export function adTriggerParameters(this: IPollFunctions, event: AdEvent): AdTriggerParameters {
	const node = this.getNode();
	const advertiserIds = parseIdParameter(node, this.getNodeParameter('advertiserIds', []), 'Advertisers');
	if (advertiserIds.length === 0) {
		throw new NodeOperationError(node, 'The "Advertisers" parameter is empty: choose at least one advertiser to watch', {
			description: 'Pick advertisers from the list, or map their IDs with an expression (an array, or IDs separated by commas).',
		});
	}
	const filters = (this.getNodeParameter('filters', {}) ?? {}) as IDataObject;
	const campaignIds = parseIdParameter(node, filters.campaignIds, 'Campaigns');
	const adgroupIds = parseIdParameter(node, filters.adgroupIds, 'Ad Groups');
	for (const [label, ids] of [
		['Campaigns', campaignIds],
		['Ad Groups', adgroupIds],
	] as const) {
		if (ids.length > MAX_FILTER_IDS) {
			throw new NodeOperationError(
				node,
				`The "${label}" filter has ${ids.length} IDs: TikTok accepts at most ${MAX_FILTER_IDS}`,
			);
		}
	}
	const limit = Number(this.getNodeParameter('limit', 50));
	if (!Number.isInteger(limit) || limit < 1) {
		throw new NodeOperationError(node, `The "Limit" parameter must be a whole number of at least 1, got "${String(limit)}"`);
	}
	return { event, advertiserIds, campaignIds, adgroupIds, limit };
}
