import type { IDataObject, ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { appendAll } from '../transport/arrays';
import { MAX_FILTER_IDS } from '../helpers/validation';
import { listAllBuyingTypes } from '../helpers/buyingTypes';
import { BUSINESS_CREDENTIALS } from '../transport';
import { searchAdvertisers } from './listSearch';

const ID = /^\d{1,20}$/;

/** IDs held by a multi-select or a text of IDs (empty while it holds an expression the editor cannot resolve). */
function idsOf(value: unknown): string[] {
	if (typeof value === 'string' && value.startsWith('=')) return [];
	const list = Array.isArray(value) ? value : typeof value === 'string' ? value.split(/[\s,]+/) : [value];
	return [...new Set(list.map((v) => (v === undefined || v === null ? '' : String(v).trim())).filter((v) => ID.test(v)))];
}

/**
 * The advertisers a picker loads for: the action node's `advertiserId` locator, or the trigger's `advertiserIds`.
 * None while no advertiser is chosen: the picker is then empty (its hint says to choose the advertiser first), as
 * n8n's pickers are before their parent is set, rather than an error with a stack trace in n8n's log.
 */
function chosenAdvertisers(this: ILoadOptionsFunctions): string[] {
	return this.getCurrentNodeParameters()?.advertiserId !== undefined
		? idsOf(this.getCurrentNodeParameter('advertiserId', { extractValue: true }))
		: idsOf(this.getCurrentNodeParameter('advertiserIds'));
}

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
