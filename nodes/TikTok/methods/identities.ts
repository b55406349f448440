import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { businessRequest } from '../transport';
import { chosenAdvertisers } from './chosen';

/**
 * The chosen advertiser's identities (`GET /identity/get/`, docs/tiktok-contract.md §19.3) of the chosen Identity Type,
 * filtered by display name. None while no advertiser is chosen: the picker's hint says to choose it first.
 */
export async function searchIdentities(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const [advertiserId] = chosenAdvertisers.call(this);
	if (advertiserId === undefined) return { results: [] };
	const identityType = String(this.getCurrentNodeParameter('identityType') ?? '');
	const data = await businessRequest.call(this, {
		method: 'GET',
		path: '/identity/get/',
		qs: { advertiser_id: advertiserId, ...(identityType ? { identity_type: identityType } : {}), page: 1, page_size: 100 },
	});
	const needle = (filter ?? '').trim().toLowerCase();
	const list = Array.isArray(data.identity_list) ? (data.identity_list as IDataObject[]) : [];
	return {
		results: list
			.map((i) => ({ name: `${String(i.display_name ?? i.user_name ?? 'Identity')} (${String(i.identity_type ?? '')})`, value: String(i.identity_id) }))
			.filter((r) => !needle || r.name.toLowerCase().includes(needle) || r.value.includes(needle)),
	};
}
