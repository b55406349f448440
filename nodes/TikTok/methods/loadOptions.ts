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

/**
 * The campaigns or ad groups (`path`) of the chosen advertiser(s), every page of 1000 and every buying type, as options
 * named "<name> (<ID>)" and sorted by name.
 */
async function entityOptions(
	this: ILoadOptionsFunctions,
	path: string,
	idKey: string,
	nameKey: string,
	unnamed: string,
	extraQs: IDataObject,
): Promise<INodePropertyOptions[]> {
	const options: INodePropertyOptions[] = [];
	for (const advertiserId of chosenAdvertisers.call(this)) {
		const entities = await listAllBuyingTypes.call(this, {
			method: 'GET',
			path,
			qs: { advertiser_id: advertiserId, ...extraQs },
		});
		appendAll(
			options,
			entities.map((e: IDataObject) => ({
				name: `${String(e[nameKey] ?? unnamed)} (${String(e[idKey])})`,
				value: String(e[idKey]),
			})),
		);
	}
	return options.sort(byName);
}

/** Campaigns of the chosen advertiser(s) (`/campaign/get/`, every page of 1000), for the Campaigns filter. */
export async function getCampaigns(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return await entityOptions.call(this, '/campaign/get/', 'campaign_id', 'campaign_name', 'Campaign', {
		fields: ['campaign_id', 'campaign_name'],
	});
}

/**
 * Ad groups of the chosen advertiser(s) (`/adgroup/get/`, every page of 1000), narrowed to the campaigns chosen in the
 * Campaigns filter when there are any, for the Ad Groups filter.
 */
export async function getAdGroups(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const filters = (this.getCurrentNodeParameter('filters') ?? {}) as IDataObject;
	const campaignIds = idsOf(filters.campaignIds).slice(0, MAX_FILTER_IDS);
	return await entityOptions.call(this, '/adgroup/get/', 'adgroup_id', 'adgroup_name', 'Ad group', {
		fields: ['adgroup_id', 'adgroup_name', 'campaign_id'],
		...(campaignIds.length > 0 ? { filtering: { campaign_ids: campaignIds } } : {}),
	});
}
export { getLeadForms } from './leadForms';
