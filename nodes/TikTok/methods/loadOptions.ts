import type { IDataObject, ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { businessRequestAllItems } from '../transport';

/** The advertiser chosen in the node (`advertiserId` resource locator), for pickers that load from it. */
function chosenAdvertiser(this: ILoadOptionsFunctions, what: string): string {
	const value = this.getCurrentNodeParameter('advertiserId', { extractValue: true });
	const id = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';
	if (!/^\d{1,20}$/.test(id)) {
		throw new NodeOperationError(
			this.getNode(),
			`Choose an advertiser first (from the list or by ID) to load its ${what}`,
		);
	}
	return id;
}

function chosenIds(value: unknown): string[] {
	const list = Array.isArray(value) ? value : typeof value === 'string' ? value.split(/[\s,]+/) : [];
	return list.map((v) => String(v).trim()).filter((v) => /^\d{1,20}$/.test(v));
}

function byName(a: INodePropertyOptions, b: INodePropertyOptions): number {
	return a.name.localeCompare(b.name);
}

/** Campaigns of the chosen advertiser (`/campaign/get/`, every page of 1000), for the Campaigns filter. */
export async function getCampaigns(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const advertiserId = chosenAdvertiser.call(this, 'campaigns');
	const campaigns = await businessRequestAllItems.call(this, {
		method: 'GET',
		path: '/campaign/get/',
		qs: { advertiser_id: advertiserId, fields: ['campaign_id', 'campaign_name'] },
	});
	return campaigns
		.map((c) => ({
			name: `${String(c.campaign_name ?? 'Campaign')} (${String(c.campaign_id)})`,
			value: String(c.campaign_id),
		}))
		.sort(byName);
}

/**
 * Ad groups of the chosen advertiser (`/adgroup/get/`, every page of 1000), narrowed to the campaigns chosen in the
 * Campaigns filter when there are any, for the Ad Groups filter.
 */
export async function getAdGroups(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const advertiserId = chosenAdvertiser.call(this, 'ad groups');
	const filters = (this.getCurrentNodeParameter('filters') ?? {}) as IDataObject;
	const campaignIds = chosenIds(filters.campaignIds);
	const qs: IDataObject = {
		advertiser_id: advertiserId,
		fields: ['adgroup_id', 'adgroup_name', 'campaign_id'],
	};
	if (campaignIds.length > 0 && campaignIds.length <= 100) qs.filtering = { campaign_ids: campaignIds };
	const adgroups = await businessRequestAllItems.call(this, { method: 'GET', path: '/adgroup/get/', qs });
	return adgroups
		.map((g) => ({
			name: `${String(g.adgroup_name ?? 'Ad group')} (${String(g.adgroup_id)})`,
			value: String(g.adgroup_id),
		}))
		.sort(byName);
}
