import type { IDataObject } from 'n8n-workflow';

import { businessRequestAllItems, businessRequestAllUnique } from '../transport';
import type { TikTokFunctions, TikTokPagedRequest } from '../transport';
import { TOP_VIEW, TOP_VIEW_MAX_PAGE_SIZE } from './entities';

/*
 * `/campaign/get/`, `/adgroup/get/` and `/ad/get/` list only `buying_types` ["AUCTION", "RESERVATION_RF"] unless told
 * otherwise, and `RESERVATION_TOP_VIEW` cannot share a request with another value (bububa `model/ad/get.go`,
 * `model/campaign/get.go`, `model/adgroup/get.go`). So TopView (reservation) objects need a request of their own,
 * read 100 a page (TOP_VIEW_MAX_PAGE_SIZE, contract §13).
 */

function withTopView(request: TikTokPagedRequest, filtering: IDataObject): TikTokPagedRequest {
	return {
		...request,
		qs: { ...(request.qs ?? {}), filtering: { ...filtering, buying_types: TOP_VIEW } },
		maxPageSize: TOP_VIEW_MAX_PAGE_SIZE,
	};
}

/**
 * Every object a list endpoint has, whatever its buying type: TikTok's default listing, then (unless the limit is
 * already reached, or the caller chose `buying_types` itself) the TopView listing with the same filters. One extra
 * request when there are no TopView objects. With `limitEach`, each listing gets the whole limit (for "the newest
 * N", which may be in either).
 */
export async function listAllBuyingTypes(
	this: TikTokFunctions,
	request: TikTokPagedRequest & { idKey?: string },
	{ limitEach = false } = {},
): Promise<IDataObject[]> {
	const filtering = ((request.qs ?? {}).filtering ?? {}) as IDataObject;
	// With an ID key: each object once even when objects come or go while the pages are read (businessRequestAllUnique).
	const list = async (r: TikTokPagedRequest) =>
		request.idKey
			? await businessRequestAllUnique.call(this, { ...r, idKey: request.idKey })
			: await businessRequestAllItems.call(this, r);
	const main = await list(request);
	if (filtering.buying_types !== undefined) return main;
	if (!limitEach && request.limit !== undefined && main.length >= request.limit) return main;
	const limit = request.limit === undefined || limitEach ? request.limit : request.limit - main.length;
	const topView = await list({ ...withTopView(request, filtering), limit });
	return [...main, ...topView];
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
