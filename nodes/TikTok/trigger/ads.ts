import type { IDataObject, INodeExecutionData, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { secondsToTikTokTime, tikTokTimeToSeconds } from '../helpers/time';
import { stringifyIds } from '../helpers/utils';
import { listAllBuyingTypes } from '../helpers/buyingTypes';
import { mapConcurrent } from '../transport';
import { AD_OVERLAP_SECONDS, compareEntries } from './cursor';
import type { AdEvent, AdTriggerParameters } from './parameters';
import { adTriggerParameters } from './parameters';
import type { StreamEntry } from './runner';
import { forStream, runCursorPoll } from './runner';

const AD_PATH = '/ad/get/';

type AdEntry = StreamEntry;

/** The time an ad counts at: `create_time` for adCreated, `modify_time` (else `create_time`) for adUpdated. */
function eventTime(ad: IDataObject, event: AdEvent): number | undefined {
	const created = tikTokTimeToSeconds(ad.create_time);
	return event === 'adCreated' ? created : (tikTokTimeToSeconds(ad.modify_time) ?? created);
}

function entriesOf(ads: IDataObject[], event: AdEvent, advertiserId: string): AdEntry[] {
	const entries: AdEntry[] = [];
	for (const ad of ads) {
		const time = eventTime(ad, event);
		// An ad without a readable time cannot be placed against the cursor; TikTok always sends create_time.
		if (time === undefined || ad.ad_id === undefined || ad.ad_id === null) continue;
		entries.push({ id: String(ad.ad_id), time, key: advertiserId, item: ad });
	}
	return entries;
}

/**
 * TikTok's `filtering`: the user's campaign / ad group filters, every status (an ad deleted right after it was
 * created, or deleted as its change, still counts; and the list cannot shrink while it is paged, so no ad slides
 * past a page boundary unseen), and the time bound.
 */
function adFiltering(params: AdTriggerParameters, bound: IDataObject): IDataObject {
	const filtering: IDataObject = { primary_status: 'STATUS_ALL', ...bound };
	if (params.campaignIds.length > 0) filtering.campaign_ids = params.campaignIds;
	if (params.adgroupIds.length > 0) filtering.adgroup_ids = params.adgroupIds;
	return filtering;
}

/**
 * Every ad of the advertiser whose event time is `from` (Unix seconds) or later. adCreated asks TikTok for ads
 * created from then on (`creation_filter_start_time` is inclusive); adUpdated for ads modified after one second
 * before (`modified_after` is exclusive). TikTok lists newest first, so the oldest pending ads are on the last page:
 * every page is read, forwards (an ad created or changed meanwhile can only push others to a later page, where they
 * are read again and dropped as duplicates, never skipped). One request when it all fits in 1000.
 */
async function adsSince(
	this: IPollFunctions,
	params: AdTriggerParameters,
	advertiserId: string,
	from: number,
	deadline?: number,
): Promise<IDataObject[]> {
	const bound =
		params.event === 'adCreated'
			? { creation_filter_start_time: secondsToTikTokTime(from) }
			: { modified_after: secondsToTikTokTime(from - 1) };
	// TopView (reservation) ads are listed by a request of their own.
	return await listAllBuyingTypes.call(this, {
		method: 'GET',
		path: AD_PATH,
		qs: { advertiser_id: advertiserId, filtering: adFiltering(params, bound) },
		// Forwards, page after page: an ad added meanwhile pushes others onto later pages, read later, never skipped.
		sequentialPages: true,
		deadline,
	});
}

/**
 * The ad events' poll: per advertiser, what is new since its cursor; at most `limit` items, oldest first. The cursor
 * rules, the deadline and the failure policy are the trigger's one runner's (`runner.ts`).
 */
export async function pollAds(this: IPollFunctions, event: AdEvent): Promise<INodeExecutionData[][] | null> {
	const params = adTriggerParameters.call(this, event);
	if (this.getMode() === 'manual') return await newestAd.call(this, params);
	return await runCursorPoll.call(this, {
		event,
		keys: params.advertiserIds,
		overlap: AD_OVERLAP_SECONDS,
		limit: params.limit,
		noun: 'advertiser',
		contextKey: 'advertiserId',
		read: async (advertiserId, from, deadline) => ({
			entries: entriesOf(await adsSince.call(this, params, advertiserId, from, deadline), event, advertiserId),
		}),
		toItem: (entry) => ({ json: stringifyIds(entry.item) }),
	});
}

/**
 * "Fetch test event": the newest ad (adCreated: the newest created; adUpdated: the most recently changed of the
 * 100 newest) over all advertisers, with the filters applied. Reads no cursor and changes none.
 */
async function newestAd(this: IPollFunctions, params: AdTriggerParameters): Promise<INodeExecutionData[][]> {
	let best: AdEntry | undefined;
	const lists = await mapConcurrent(params.advertiserIds, async (advertiserId) => {
		try {
			return await listAllBuyingTypes.call(
				this,
				{
					method: 'GET',
					path: AD_PATH,
					qs: { advertiser_id: advertiserId, filtering: adFiltering(params, {}) },
					// TikTok lists newest first: the newest created is the first ad; the latest change is among the first 100.
					limit: params.event === 'adCreated' ? 1 : 100,
				},
				{ limitEach: true },
			);
		} catch (error) {
			throw forStream(this.getNode(), error, { noun: 'advertiser', contextKey: 'advertiserId' }, advertiserId);
		}
	});
	for (const [index, advertiserId] of params.advertiserIds.entries()) {
		for (const entry of entriesOf(lists[index], params.event, advertiserId)) {
			if (!best || compareEntries(entry, best) > 0) best = entry;
		}
	}
	if (!best) {
		const filtered = params.campaignIds.length > 0 || params.adgroupIds.length > 0;
		throw new NodeOperationError(
			this.getNode(),
			`No ads found in advertiser${params.advertiserIds.length > 1 ? 's' : ''} ${params.advertiserIds.join(', ')}${filtered ? ' with the current filters' : ''}`,
			{
				description:
					'There is nothing to show as a test event yet. Once activated, the trigger still emits ads as they are created or changed.',
			},
		);
	}
	return [[{ json: stringifyIds(best.item) }]];
}
