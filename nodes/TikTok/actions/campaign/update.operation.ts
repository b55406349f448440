import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import type { Amount } from '../../helpers/budget';
import { fetchEntitiesByIds } from '../../helpers/entities';
import { getAdvertiserId } from '../../helpers/utils';
import { assertOneOf, assertTikTokId } from '../../helpers/validation';
import { tikTokApiError } from '../../transport';
import { advertiserRLC } from '../common.descriptions';
import { assertCampaignBudget, emptyUpdateError, executeEntityWrite, readNewBudget, readNewName, refuseRaise } from '../entityWrite';
import { CAMPAIGN, campaignIdProperty } from './fields';

const properties: INodeProperties[] = [
	advertiserRLC,
	{
		...campaignIdProperty,
		description:
			'The campaign to change. Pick it from the list or give its ID (digits).',
	},
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		description: 'Only the fields set here are sent to TikTok; the rest stays as it is',
		options: [
			{
				displayName: 'Budget',
				name: 'budget',
				type: 'number',
				default: 50,
				description:
					"New budget in the advertiser's currency, in the campaign's budget mode (which cannot change). At least 50 USD; never rounded.",
			},
			{
				displayName: 'Campaign Name',
				name: 'campaignName',
				type: 'string',
				default: '',
				description: 'New name (at most 512 characters, Chinese and Japanese ones counting 2; no emoji)',
			},
			{
				displayName: 'PO Number',
				name: 'poNumber',
				type: 'string',
				default: '',
				description: 'Purchase order number, shown on invoices',
			},
			{
				displayName: 'Special Ad Categories',
				name: 'specialIndustries',
				type: 'multiOptions',
				options: [
					{ name: 'Credit', value: 'CREDIT' },
					{ name: 'Employment', value: 'EMPLOYMENT' },
					{ name: 'Housing', value: 'HOUSING' },
				],
				default: [],
				description: 'Special ad categories (TikTok lets you clear them, not switch them)',
			},
		],
	},
];

const displayOptions = { show: { resource: ['campaign'], operation: ['update'] } };

export const description = updateDisplayOptions(displayOptions, properties);

interface UpdateParams {
	advertiserId: string;
	campaignId: string;
	body: IDataObject;
	budget?: Amount;
}

/** Reads one item's changes: only what the user set goes into the body; an empty change is refused. */
function prepare(this: IExecuteFunctions, i: number): UpdateParams {
	const node = this.getNode();
	const advertiserId = getAdvertiserId.call(this, i);
	const campaignId = assertTikTokId(node, this.getNodeParameter('campaignId', i, '', { extractValue: true }), 'Campaign', i);
	const fields = this.getNodeParameter('updateFields', i, {}) as IDataObject;
	const body: IDataObject = { advertiser_id: advertiserId, campaign_id: campaignId };
	if (fields.campaignName !== undefined) body.campaign_name = readNewName(node, fields.campaignName, 'Campaign Name', 'at most 512', i);
	const budget = readNewBudget(node, fields, body, i);
	if (fields.poNumber !== undefined && String(fields.poNumber).trim() !== '') body.po_number = String(fields.poNumber).trim();
	if (fields.specialIndustries !== undefined) {
		const list = Array.isArray(fields.specialIndustries) ? (fields.specialIndustries as unknown[]) : [fields.specialIndustries];
		body.special_industries = list.map((v) => assertOneOf(node, v, ['HOUSING', 'EMPLOYMENT', 'CREDIT'], 'Special Ad Categories', i));
	}
	if (Object.keys(body).length === 2) throw emptyUpdateError(node, i);
	return { advertiserId, campaignId, body, budget };
}

/**
 * Changes a campaign per input item (`POST /campaign/update/`), sending only the fields set. A new budget is first
 * checked against the campaign's budget mode (`/campaign/get/`) and the advertiser's currency (`/advertiser/info/`,
 * once per advertiser): both are reads, nothing is written before the checks pass.
 */
export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	const node = this.getNode();
	return await executeEntityWrite<UpdateParams>(this, items, {
		prepare: (i) => prepare.call(this, i),
		check: async (p, currencies, itemIndex) => {
			if (!p.budget) return;
			const found = await fetchEntitiesByIds.call(this, CAMPAIGN, p.advertiserId, [p.campaignId], ['campaign_id', 'budget_mode', 'objective_type', 'budget'], itemIndex);
			const campaign = found.get(p.campaignId);
			if (!campaign) {
				throw tikTokApiError(node, { api: 'business', code: 40007, message: `Campaign ${p.campaignId} was not found in advertiser ${p.advertiserId}` }, itemIndex);
			}
			if (campaign.objective_type === 'TOPVIEW_REACH') {
				throw new NodeOperationError(node, `The "Budget" field cannot be changed: campaign ${p.campaignId} is a TopView campaign, which TikTok's API can read but not update`, { itemIndex });
			}
			// An AI agent's raise is refused on this one read, before the currency is read.
			refuseRaise.call(this, itemIndex, { amount: p.budget, current: campaign.budget, what: `the budget of campaign ${p.campaignId}` });
			await assertCampaignBudget.call(this, p.advertiserId, p.budget, String(campaign.budget_mode ?? '') || undefined, currencies, itemIndex);
		},
		path: '/campaign/update/',
		// Setting the same name or budget twice is harmless.
		idempotent: true,
		fieldNames: { budget: 'Budget', campaign_name: 'Campaign Name' },
		result: 'updated campaign',
	});
}
