import type { IDataObject, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { assertLimit } from '../helpers/utils';
import { parseIdFilter, parseTikTokIdList } from '../helpers/validation';

export type AdEvent = 'adCreated' | 'adUpdated';
export type TriggerEvent = AdEvent | 'videoPosted' | 'leadReceived';

const EVENTS: TriggerEvent[] = ['adCreated', 'adUpdated', 'videoPosted', 'leadReceived'];

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

/** Reads and checks the ad events' parameters, before any request. */
export function adTriggerParameters(this: IPollFunctions, event: AdEvent): AdTriggerParameters {
	const node = this.getNode();
	const advertiserIds = [...new Set(parseTikTokIdList(node, this.getNodeParameter('advertiserIds', []), 'Advertisers'))];
	if (advertiserIds.length === 0) {
		throw new NodeOperationError(node, 'The "Advertisers" parameter is empty: choose at least one advertiser to watch', {
			description: 'Pick advertisers from the list, or map their IDs with an expression (an array, or IDs separated by commas).',
		});
	}
	const filters = (this.getNodeParameter('filters', {}) ?? {}) as IDataObject;
	const campaignIds = parseIdFilter(node, filters.campaignIds, 'Campaigns');
	const adgroupIds = parseIdFilter(node, filters.adgroupIds, 'Ad Groups');
	const limit = assertLimit(node, this.getNodeParameter('limit', 50));
	return { event, advertiserIds, campaignIds, adgroupIds, limit };
}
