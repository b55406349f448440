import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { AUTHENTICATION_VALUES } from '../actions/event/send.description';
import { businessRequestAllItems, mapConcurrent } from '../transport';
import { searchAdvertisers } from './listSearch';

/** Largest `page_size` of `/pixel/list/` (1–20; docs/tiktok-contract.md §18.6). */
export const PIXEL_PAGE_SIZE = 20;
/** Advertisers whose pixels the picker reads (the first ones the token reaches). */
const MAX_ADVERTISERS = 20;

/**
 * The pixels of the advertisers the Business credential reaches (`/pixel/list/`), filtered by name or code. A
 * pixel's Events API token cannot list pixels (TikTok documents no such call for it): with that credential the list
 * is empty and the code is entered by ID (the parameter's hint says so).
 */
export async function searchPixels(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const authentication = this.getCurrentNodeParameter('authentication') ?? AUTHENTICATION_VALUES.eventsApi;
	// The Events API token cannot list pixels: nothing to list (the parameter's hint says to enter the code by ID).
	if (authentication !== AUTHENTICATION_VALUES.business) return { results: [] };
	const advertisers = (await searchAdvertisers.call(this)).results.slice(0, MAX_ADVERTISERS);
	const lists = await mapConcurrent(
		advertisers,
		async (advertiser) =>
			await businessRequestAllItems.call(this, {
				method: 'GET',
				path: '/pixel/list/',
				qs: { advertiser_id: String(advertiser.value) },
				listKey: 'pixels',
				maxPageSize: PIXEL_PAGE_SIZE,
			}),
		advertisers.length,
	);
	const needle = (filter ?? '').trim().toLowerCase();
	const results: INodeListSearchResult['results'] = [];
	lists.forEach((pixels: IDataObject[], n) => {
		for (const pixel of pixels) {
			const name = `${String(pixel.pixel_name ?? 'Pixel')} (${String(pixel.pixel_code)}) · ${advertisers[n].name}`;
			if (needle && !name.toLowerCase().includes(needle)) continue;
			results.push({ name, value: String(pixel.pixel_code) });
		}
	});
	return { results };
}
