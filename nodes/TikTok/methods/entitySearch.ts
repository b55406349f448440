import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { listAllBuyingTypes } from '../helpers/buyingTypes';
import { BUSINESS_MAX_PAGE_SIZE } from '../transport';
import { chosenAdvertisers } from './chosen';

/** What a picker lists: the endpoint, its ID and name fields and TikTok's name filter (contract §13.1). */
interface Listed {
	path: string;
	idKey: string;
	nameKey: string;
	noun: string;
}

/**
 * The chosen advertiser's objects for a "From List" picker, newest first as TikTok lists them: one page of up to 1000
 * (and TopView ones), filtered by TikTok on the typed text (a name fragment, or an ID when it is all digits). More
 * than a page: the user types to narrow it, or enters the ID.
 */
async function search(this: ILoadOptionsFunctions, listed: Listed, filter?: string): Promise<INodeListSearchResult> {
	const text = (filter ?? '').trim();
	const filtering = text === '' ? undefined : /^\d{1,20}$/.test(text) ? { [`${listed.idKey}s`]: [text] } : { [listed.nameKey]: text };
	// None while no advertiser is chosen: the picker is empty and its hint says to choose the advertiser first.
	const [advertiserId] = chosenAdvertisers.call(this);
	if (advertiserId === undefined) return { results: [] };
	const found = await listAllBuyingTypes.call(
		this,
		{
			method: 'GET',
			path: listed.path,
			qs: { advertiser_id: advertiserId, fields: [listed.idKey, listed.nameKey], ...(filtering ? { filtering } : {}) },
			limit: BUSINESS_MAX_PAGE_SIZE,
			idKey: listed.idKey,
		},
		{ limitEach: true },
	);
	return {
		results: found.map((o) => ({
			name: `${String(o[listed.nameKey] ?? listed.noun)} (${String(o[listed.idKey])})`,
			value: String(o[listed.idKey]),
		})),
	};
}

/** Campaigns for the Campaign picker. */
export async function searchCampaigns(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	return await search.call(this, { path: '/campaign/get/', idKey: 'campaign_id', nameKey: 'campaign_name', noun: 'campaign' }, filter);
}

/** Ad groups for the Ad Group picker. */
export async function searchAdGroups(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	return await search.call(this, { path: '/adgroup/get/', idKey: 'adgroup_id', nameKey: 'adgroup_name', noun: 'ad group' }, filter);
}

/** Ads for the Ad picker. */
export async function searchAds(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	return await search.call(this, { path: '/ad/get/', idKey: 'ad_id', nameKey: 'ad_name', noun: 'ad' }, filter);
}
