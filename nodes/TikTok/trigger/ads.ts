import type { IDataObject, INode, INodeExecutionData, IPollFunctions } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { secondsToTikTokTime, tikTokTimeToSeconds } from '../helpers/time';
import { stringifyIds } from '../helpers/utils';
import { listAllBuyingTypes } from '../helpers/buyingTypes';
import { mapConcurrent } from '../transport';
import type { CursorEntry, PollCursor } from './cursor';
import {
	AD_OVERLAP_SECONDS,
	advanceCursor,
	compareEntries,
	compareIds,
	lowerBound,
	newer,
	notSeenBy,
	nowSeconds,
	pendingEntries,
	readCursor,
	seedCursor,
	seedLowerBound,
} from './cursor';
import type { AdEvent, AdTriggerParameters } from './parameters';
import { adTriggerParameters, forgetOtherEvents } from './parameters';
import { appendAll } from '../transport/arrays';

const AD_PATH = '/ad/get/';

interface AdEntry extends CursorEntry {
	advertiserId: string;
	ad: IDataObject;
}

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
		entries.push({ id: String(ad.ad_id), time, advertiserId, ad });
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

/** Names the advertiser in an error, so a poll over several says which one failed. */
function forAdvertiser(node: INode, error: unknown, advertiserId: string): NodeApiError | NodeOperationError {
	const wrapped =
		error instanceof NodeApiError || error instanceof NodeOperationError
			? error
			: new NodeOperationError(node, error as Error);
	if (!wrapped.message.includes(advertiserId)) wrapped.message = `${wrapped.message} (advertiser ${advertiserId})`;
	wrapped.context.advertiserId = advertiserId;
	return wrapped;
}

/** When this event's cursors were last written by a poll n8n persists (one that emitted, or the activation's seed). */
function savedAt(staticData: IDataObject, event: AdEvent): number | undefined {
	const saved = staticData.savedAt as IDataObject | undefined;
	return saved?.event === event && typeof saved.at === 'number' ? saved.at : undefined;
}


/** n8n's budget for one poll (n8n 2.x says it; older versions get n8n's default of five minutes). */
function pollBudgetMs(context: IPollFunctions): number {
	const own = (context as { getPollBudgetMs?: () => number }).getPollBudgetMs;
	const budget = typeof own === 'function' ? Number(own.call(context)) : NaN;
	return Number.isFinite(budget) && budget > 0 ? budget : DEFAULT_POLL_BUDGET_MS;
}

const DEFAULT_POLL_BUDGET_MS = 5 * 60_000;

/** What one advertiser's part of a poll came to. */
type AdvertiserPoll =
	| { advertiserId: string; next: PollCursor; entries: AdEntry[]; seeded: boolean }
	| { advertiserId: string; deferred: true }
	| { advertiserId: string; error: NodeApiError | NodeOperationError };

/** One error naming every advertiser that failed (the first one's details, the others by ID). */
function pollError(node: INode, failures: Array<{ advertiserId: string; error: NodeApiError | NodeOperationError }>) {
	const [first, ...others] = failures;
	if (others.length > 0) {
		const ids = others.map((f) => f.advertiserId).join(', ');
		first.error.message = `${first.error.message}; ${others.length} more advertiser${others.length > 1 ? 's' : ''} failed too (${ids})`;
		first.error.context.failedAdvertiserIds = failures.map((f) => f.advertiserId);
	}
	return first.error;
}

/**
 * The ad events' poll: per advertiser, what is new since its cursor; at most `limit` items, oldest first.
 * Advertisers are polled side by side (under the transport's limit). One that fails keeps its cursor and does not stop
 * the others: what they found is emitted, and the failure is reported to n8n as a failed trigger execution
 * (`__emitError`, the workflow stays active); a poll that emits nothing fails with it instead. Advertisers not reached
 * within n8n's poll budget keep their cursors too, for the next poll.
 */
export async function pollAds(this: IPollFunctions, event: AdEvent): Promise<INodeExecutionData[][] | null> {
	const params = adTriggerParameters.call(this, event);
	if (this.getMode() === 'manual') return await newestAd.call(this, params);

	const node = this.getNode();
	const staticData = this.getWorkflowStaticData('node');
	const stored = (staticData[event] ?? {}) as IDataObject;
	// Stop starting requests (and retrying) with a fifth of the budget left, so the poll returns within it.
	const deadline = Date.now() + Math.floor(pollBudgetMs(this) * 0.8);

	const anchor = savedAt(staticData, event);
	const polls = await mapConcurrent(params.advertiserIds, async (advertiserId): Promise<AdvertiserPoll> => {
		if (Date.now() >= deadline) return { advertiserId, deferred: true };
		let cursor = readCursor(stored[advertiserId]);
		if (!cursor && anchor !== undefined) {
			// An advertiser added after the trigger last saved its state (e.g. by an expression). n8n saves static
			// data only when a poll emits, and after activation: a seed made now, in a poll that emits nothing, would
			// be lost on a restart, and the ads created until then with it. So it starts from the last save instead,
			// which a restart reproduces exactly: its ads created since then are new.
			cursor = { time: anchor, seen: {} };
		}
		try {
			if (!cursor) {
				// First activation for this advertiser: record what exists now, emit nothing.
				const now = nowSeconds();
				const from = seedLowerBound(now, AD_OVERLAP_SECONDS);
				const ads = await adsSince.call(this, params, advertiserId, from, deadline);
				const next = seedCursor(entriesOf(ads, event, advertiserId), now, AD_OVERLAP_SECONDS);
				return { advertiserId, next, entries: [], seeded: true };
			}
			const ads = await adsSince.call(this, params, advertiserId, lowerBound(cursor, AD_OVERLAP_SECONDS), deadline);
			const entries = pendingEntries(cursor, entriesOf(ads, event, advertiserId), AD_OVERLAP_SECONDS);
			return { advertiserId, next: cursor, entries, seeded: false };
		} catch (error) {
			return { advertiserId, error: forAdvertiser(node, error, advertiserId) };
		}
	});

	const next: Record<string, PollCursor> = {};
	const candidates: AdEntry[] = [];
	const failures: Array<{ advertiserId: string; error: NodeApiError | NodeOperationError }> = [];
	let seeded = false;
	for (const result of polls) {
		if ('next' in result) {
			next[result.advertiserId] = result.next;
			appendAll(candidates, result.entries);
			seeded ||= result.seeded;
			continue;
		}
		// Failed or not reached: its cursor stays as stored (none if it had none).
		const kept = readCursor(stored[result.advertiserId]);
		if (kept) next[result.advertiserId] = kept;
		if ('error' in result) failures.push({ advertiserId: result.advertiserId, error: result.error });
	}

	// Another poll may have run while this one waited for TikTok (a slow answer, a long backoff) and emitted some of
	// the same ads: reconcile with the cursors as they are now, not as they were when this poll began. Nothing below
	// awaits, so no other poll can change them in between.
	const current = (staticData[event] ?? {}) as IDataObject;
	const fresh: AdEntry[] = [];
	for (const advertiserId of params.advertiserIds) {
		const now = readCursor(current[advertiserId]);
		if (now) next[advertiserId] = next[advertiserId] ? newer(now, next[advertiserId], AD_OVERLAP_SECONDS) : now;
		appendAll(fresh, notSeenBy(now, candidates.filter((e) => e.advertiserId === advertiserId)));
	}

	// Oldest first across advertisers; what is over the limit stays pending (its cursor does not pass it).
	fresh.sort((a, b) => compareEntries(a, b) || compareIds(a.advertiserId, b.advertiserId));
	const emitted = fresh.slice(0, params.limit);
	for (const advertiserId of params.advertiserIds) {
		const own = emitted.filter((e) => e.advertiserId === advertiserId);
		if (own.length > 0) next[advertiserId] = advanceCursor(next[advertiserId], own, AD_OVERLAP_SECONDS);
	}

	// Nothing to emit and a failure: the poll fails (n8n reports it), and no cursor moves.
	if (failures.length > 0 && emitted.length === 0) throw pollError(node, failures);

	// n8n saves static data when a poll emits (and after activation): change it only then.
	if (emitted.length > 0 || seeded) {
		staticData[event] = next;
		forgetOtherEvents(staticData, event);
		staticData.savedAt = { event, at: nowSeconds() };
	}
	if (failures.length > 0 && typeof this.__emitError === 'function') this.__emitError(pollError(node, failures));
	if (emitted.length === 0) return null;
	return [emitted.map((e) => ({ json: stringifyIds(e.ad) }))];
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
			throw forAdvertiser(this.getNode(), error, advertiserId);
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
	return [[{ json: stringifyIds(best.ad) }]];
}
