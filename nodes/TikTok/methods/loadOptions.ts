import type { IDataObject, ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { appendAll } from '../transport/arrays';
import { MAX_FILTER_IDS } from '../helpers/validation';
import { listAllBuyingTypes } from '../helpers/buyingTypes';
import { BUSINESS_CREDENTIALS } from '../transport';
import { chosenAdvertisers, idsOf } from './chosen';
import { searchAdvertisers } from './listSearch';

function byName(a: INodePropertyOptions, b: INodePropertyOptions): number {
	return a.name.localeCompare(b.name);
}

/** The advertisers the credential's token reaches, for multi-selects (the trigger's Advertisers). */
export async function getAdvertisers(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const credentials = await this.getCredentials(BUSINESS_CREDENTIALS);
	if (credentials.environment === 'sandbox') {
		throw new NodeOperationError(
			this.getNode(),
			'TikTok does not list advertisers in the sandbox: switch the field to an expression and enter your sandbox advertiser ID',
		);
	}
	const { results } = await searchAdvertisers.call(this);
	return results.map((r) => ({ name: r.name, value: r.value }));
}

/** Campaigns of the chosen advertiser(s) (`/campaign/get/`, every page of 1000), for the Campaigns filter. */
export async function getCampaigns(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const options: INodePropertyOptions[] = [];
	for (const advertiserId of chosenAdvertisers.call(this)) {
		const campaigns = await listAllBuyingTypes.call(this, {
			method: 'GET',
			path: '/campaign/get/',
			qs: { advertiser_id: advertiserId, fields: ['campaign_id', 'campaign_name'] },
		});
		appendAll(
			options,
			campaigns.map((c: IDataObject) => ({
				name: `${String(c.campaign_name ?? 'Campaign')} (${String(c.campaign_id)})`,
				value: String(c.campaign_id),
			})),
		);
	}
	return options.sort(byName);
}

/**
 * Ad groups of the chosen advertiser(s) (`/adgroup/get/`, every page of 1000), narrowed to the campaigns chosen in the
 * Campaigns filter when there are any, for the Ad Groups filter.
 */
export async function getAdGroups(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const advertiserIds = chosenAdvertisers.call(this);
	const filters = (this.getCurrentNodeParameter('filters') ?? {}) as IDataObject;
	const campaignIds = idsOf(filters.campaignIds).slice(0, MAX_FILTER_IDS);
	const options: INodePropertyOptions[] = [];
	for (const advertiserId of advertiserIds) {
		const adgroups = await listAllBuyingTypes.call(this, {
			method: 'GET',
			path: '/adgroup/get/',
			qs: {
				advertiser_id: advertiserId,
				fields: ['adgroup_id', 'adgroup_name', 'campaign_id'],
				...(campaignIds.length > 0 ? { filtering: { campaign_ids: campaignIds } } : {}),
			},
		});
		appendAll(
			options,
			adgroups.map((g: IDataObject) => ({
				name: `${String(g.adgroup_name ?? 'Ad group')} (${String(g.adgroup_id)})`,
				value: String(g.adgroup_id),
			})),
		);
	}
	return options.sort(byName);
}
export { getLeadForms } from './leadForms';
