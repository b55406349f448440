import type { IDataObject, ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { parseTikTokIdList } from '../helpers/validation';
import { BUSINESS_CREDENTIALS, businessRequestAllItems } from '../transport';
import { searchAdvertisers } from './listSearch';

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

/** IDs chosen in another multi-select of the node (empty when it holds an expression the editor cannot resolve). */
function chosenIds(this: ILoadOptionsFunctions, parameter: string, label: string): string[] {
	const value = this.getCurrentNodeParameter(parameter);
	if (typeof value === 'string' && value.startsWith('=')) return [];
	const parts = (Array.isArray(value) ? value : [value]).flatMap((v) =>
		typeof v === 'string' ? v.split(/[\s,]+/).filter((s) => s !== '') : v === undefined || v === null ? [] : [v],
	);
	return [...new Set(parseTikTokIdList(this.getNode(), parts, label))];
}

function advertisersFirst(this: ILoadOptionsFunctions): string[] {
	const advertiserIds = chosenIds.call(this, 'advertiserIds', 'Advertisers');
	if (advertiserIds.length === 0) {
		throw new NodeOperationError(
			this.getNode(),
			'Choose the advertisers first (or enter IDs with an expression): campaigns and ad groups are listed per advertiser',
		);
	}
	return advertiserIds;
}

function byName(a: INodePropertyOptions, b: INodePropertyOptions): number {
	return a.name.localeCompare(b.name);
}

/** Campaigns of the chosen advertisers. */
export async function getCampaigns(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const options: INodePropertyOptions[] = [];
	for (const advertiserId of advertisersFirst.call(this)) {
		const campaigns = await businessRequestAllItems.call(this, {
			method: 'GET',
			path: '/campaign/get/',
			qs: { advertiser_id: advertiserId, fields: ['campaign_id', 'campaign_name'] },
		});
		options.push(
			...campaigns.map((c: IDataObject) => ({
				name: `${String(c.campaign_name ?? 'Campaign')} (${String(c.campaign_id)})`,
				value: String(c.campaign_id),
			})),
		);
	}
	return options.sort(byName);
}

/** Ad groups of the chosen advertisers, within the chosen campaigns if any. */
export async function getAdGroups(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const advertiserIds = advertisersFirst.call(this);
	const campaignIds = chosenIds.call(this, 'filters.campaignIds', 'Campaigns').slice(0, 100);
	const options: INodePropertyOptions[] = [];
	for (const advertiserId of advertiserIds) {
		const adgroups = await businessRequestAllItems.call(this, {
			method: 'GET',
			path: '/adgroup/get/',
			qs: {
				advertiser_id: advertiserId,
				fields: ['adgroup_id', 'adgroup_name', 'campaign_id'],
				...(campaignIds.length > 0 ? { filtering: { campaign_ids: campaignIds } } : {}),
			},
		});
		options.push(
			...adgroups.map((g: IDataObject) => ({
				name: `${String(g.adgroup_name ?? 'Ad group')} (${String(g.adgroup_id)})`,
				value: String(g.adgroup_id),
			})),
		);
	}
	return options.sort(byName);
}
