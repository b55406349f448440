import type { IDataObject, INode, INodePropertyOptions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { businessRequestAllItems, businessRequestAllUnique } from '../transport';
import type { TikTokFunctions, TikTokPagedRequest } from '../transport';

/*
 * `/campaign/get/`, `/adgroup/get/` and `/ad/get/` list only `buying_types` ["AUCTION", "RESERVATION_RF"] unless told
 * otherwise, and `RESERVATION_TOP_VIEW` cannot share a request with another value (bububa `model/ad/get.go`,
 * `model/campaign/get.go`, `model/adgroup/get.go`). So TopView (reservation) objects need a request of their own,
 * read 100 a page (TOP_VIEW_MAX_PAGE_SIZE, contract §13).
 */

/** TikTok's default `buying_types` is `["AUCTION", "RESERVATION_RF"]`: TopView only comes when asked for alone. */
export const TOP_VIEW = ['RESERVATION_TOP_VIEW'];

/**
 * Largest page of a TopView list: 100 for ad groups [MD:Get ad groups], taken for campaigns too (UNCONFIRMED there;
 * contract §13.4). TopView entities are few, so this costs nothing.
 */
export const TOP_VIEW_MAX_PAGE_SIZE = 100;

/** The Buying Type filter's "All (Including TopView)": TikTok's default listing and the TopView listing. */
export const ALL_BUYING_TYPES = 'all';

/** Buying Type filter values → `filtering.buying_types` (contract §13.2); `all` and `default` send none. */
export const BUYING_TYPE_FILTERS: Record<string, string[] | undefined> = {
	[ALL_BUYING_TYPES]: undefined,
	default: undefined,
	AUCTION: ['AUCTION'],
	RESERVATION_RF: ['RESERVATION_RF'],
	RESERVATION_TOP_VIEW: TOP_VIEW,
};

export const BUYING_TYPE_OPTIONS: INodePropertyOptions[] = [
	{
		name: 'All (Including TopView)',
		value: ALL_BUYING_TYPES,
		description: "TikTok's default listing, then TopView (one more request, made at the same time)",
	},
	{ name: 'Auction', value: 'AUCTION', description: 'Auction campaigns only' },
	{
		name: 'Auction and Reach & Frequency',
		value: 'default',
		description: "TikTok's default: everything except TopView",
	},
	{ name: 'Reach & Frequency', value: 'RESERVATION_RF', description: 'Reservation Reach & Frequency and TikTok Pulse' },
	{ name: 'TopView', value: 'RESERVATION_TOP_VIEW', description: 'Reservation TopView only (read only in the API)' },
];

/** The Buying Type filter's value, checked (`fallback` when the filter is not set). */
export function buyingTypeChoice(node: INode, value: unknown, fallback: string, itemIndex: number): string {
	if (value === undefined || value === null || value === '') return fallback;
	const key = String(value).trim();
	if (!(key in BUYING_TYPE_FILTERS)) {
		throw new NodeOperationError(
			node,
			`The "Buying Type" filter must be one of ${Object.keys(BUYING_TYPE_FILTERS).join(', ')}, got "${key.slice(0, 40)}"`,
			{ itemIndex },
		);
	}
	return key;
}

function withTopView(request: TikTokPagedRequest, filtering: IDataObject): TikTokPagedRequest {
	return {
		...request,
		qs: { ...(request.qs ?? {}), filtering: { ...filtering, buying_types: TOP_VIEW } },
		maxPageSize: TOP_VIEW_MAX_PAGE_SIZE,
	};
}

type ListRequest = TikTokPagedRequest & { idKey?: string };

/** One listing; with an ID key, each object once even when objects come or go while the pages are read. */
async function listOne(this: TikTokFunctions, request: ListRequest): Promise<IDataObject[]> {
	return request.idKey
		? await businessRequestAllUnique.call(this, { ...request, idKey: request.idKey })
		: await businessRequestAllItems.call(this, request);
}

/**
 * Every object a list endpoint has, whatever its buying type: TikTok's default listing and (unless the caller chose
 * `buying_types` itself) the TopView listing with the same filters, default ones first. One extra request when there
 * are no TopView objects. Both listings run at the same time (under the transport's limit) unless a shared limit
 * needs the first one's count; with `limitEach`, each listing gets the whole limit (for "the newest N", which may be in
 * either). When one listing fails, the other is let finish before the failure is thrown: nothing runs behind the
 * caller's back.
 */
export async function listAllBuyingTypes(
	this: TikTokFunctions,
	request: ListRequest,
	{ limitEach = false } = {},
): Promise<IDataObject[]> {
	const filtering = ((request.qs ?? {}).filtering ?? {}) as IDataObject;
	if (filtering.buying_types !== undefined) return await listOne.call(this, request);
	if (request.limit !== undefined && !limitEach) {
		// "The first N": TopView only fills what the default listing left.
		const main = await listOne.call(this, request);
		if (main.length >= request.limit) return main;
		const topView = await listOne.call(this, { ...withTopView(request, filtering), limit: request.limit - main.length });
		return [...main, ...topView];
	}
	const [main, topView] = await Promise.allSettled([
		listOne.call(this, request),
		listOne.call(this, withTopView(request, filtering)),
	]);
	if (main.status === 'rejected') throw main.reason;
	if (topView.status === 'rejected') throw topView.reason;
	return [...main.value, ...topView.value];
}

/**
 * A listing for the Buying Type filter's `choice` (checked by `buyingTypeChoice`): both listings for "All", else the
 * one TikTok serves for it, with `filtering.buying_types` set here.
 */
export async function listByBuyingType(this: TikTokFunctions, request: ListRequest, choice: string): Promise<IDataObject[]> {
	if (choice === ALL_BUYING_TYPES) return await listAllBuyingTypes.call(this, request);
	const buyingTypes = BUYING_TYPE_FILTERS[choice];
	if (!buyingTypes) return await listOne.call(this, request);
	const filtering = { ...(((request.qs ?? {}).filtering ?? {}) as IDataObject), buying_types: buyingTypes };
	return await listOne.call(this, {
		...request,
		qs: { ...(request.qs ?? {}), filtering },
		maxPageSize: buyingTypes === TOP_VIEW ? TOP_VIEW_MAX_PAGE_SIZE : request.maxPageSize,
	});
}

/**
 * Objects by ID (`filtering.<idKey>s`): TikTok's default listing, then the IDs it did not return looked up among
 * TopView objects. No extra request when every ID was found.
 */
export async function getByIdsAllBuyingTypes(
	this: TikTokFunctions,
	request: TikTokPagedRequest,
	idKey: string,
): Promise<IDataObject[]> {
	const filtering = ((request.qs ?? {}).filtering ?? {}) as IDataObject;
	const ids = ((filtering[`${idKey}s`] ?? []) as unknown[]).map(String);
	const found = await businessRequestAllItems.call(this, request);
	const seen = new Set(found.map((o) => String(o[idKey])));
	const missing = ids.filter((id) => !seen.has(id));
	if (missing.length === 0 || filtering.buying_types !== undefined) return found;
	const topView = await businessRequestAllItems.call(this, withTopView(request, { ...filtering, [`${idKey}s`]: missing }));
	return [...found, ...topView];
}
