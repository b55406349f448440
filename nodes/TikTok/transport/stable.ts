import type { IDataObject } from 'n8n-workflow';

import { businessRequestAllItems } from './business';
import type { TikTokFunctions, TikTokPagedRequest } from './types';

/** Passes over the whole list at most, when it keeps changing while it is read. */
const MAX_PASSES = 3;

/**
 * Pages through a Business list that may change while it is read (TikTok pages by offset): every entity once, by
 * `idKey`. Ads created meanwhile push others to the next page, where they would come twice: they are dropped as
 * duplicates. Ads deleted (or leaving the filter) meanwhile pull others back across a page boundary, where they
 * would be missed: TikTok's `page_info.total_number` then differs between pages, and the list is read again (up to
 * three passes in all), keeping what each pass adds. What it cannot promise: an entity created after the read began
 * may or may not be included, and one pulled across a boundary while as many others were added in the same moment
 * (the count unchanged) can still be missed.
 */
export async function businessRequestAllUnique(
	this: TikTokFunctions,
	request: TikTokPagedRequest & { idKey: string },
): Promise<IDataObject[]> {
	const seen = new Set<string>();
	const results: IDataObject[] = [];
	for (let pass = 0; pass < MAX_PASSES; pass++) {
		const totals = new Set<number>();
		const list = await businessRequestAllItems.call(this, {
			...request,
			onPage: (data) => {
				const total = Number((data.page_info as IDataObject | undefined)?.total_number);
				if (Number.isFinite(total)) totals.add(total);
				request.onPage?.(data);
			},
		});
		for (const entity of list) {
			const id = String(entity[request.idKey] ?? '');
			if (id && seen.has(id)) continue;
			if (id) seen.add(id);
			results.push(entity);
		}
		if (request.limit !== undefined && results.length >= request.limit) return results.slice(0, request.limit);
		// A stable count across the pages: nothing slid past a boundary unseen.
		if (totals.size <= 1) return results;
	}
	return results;
}
