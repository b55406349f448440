import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { executeBatched } from '../../helpers/batch';
import type { Amount } from '../../helpers/budget';
import { advertiserCurrencies, assertBudget, nameRefusedField, parseAmount } from '../../helpers/budget';
import { assertOneOf, fetchEntitiesByIds } from '../../helpers/entities';
import { getAdvertiserId, stringifyIds } from '../../helpers/utils';
import { assertTikTokId } from '../../helpers/validation';
import { businessRequest, tikTokApiError } from '../../transport';
import { advertiserRLC } from '../common.descriptions';
import { CAMPAIGN, campaignIdProperty } from './fields';

const properties: INodeProperties[] = [
	advertiserRLC,
	{
		...campaignIdProperty,
		description:
			'The campaign to change. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
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
				description: 'New name (at most 512 characters, no emoji)',
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
	key: string;
	advertiserId: string;
	campaignId: string;
	body: IDataObject;
	budget?: Amount;
}

/** Reads one item's changes: only what the user set goes into the body; an empty change is refused. */
function prepare(this: IExecuteFunctions, i: number): UpdateParams {
	const node = this.getNode();
	const advertiserId = getAdvertiserId.call(this, i);
	const campaignId = assertTikTokId(node, this.getNodeParameter('campaignId', i), 'Campaign Name or ID', i);
	const fields = this.getNodeParameter('updateFields', i, {}) as IDataObject;
	const body: IDataObject = { advertiser_id: advertiserId, campaign_id: campaignId };
	if (fields.campaignName !== undefined) {
		const name = String(fields.campaignName).trim();
		if (name === '') throw new NodeOperationError(node, 'The "Campaign Name" field is empty: enter the new name', { itemIndex: i });
		if ([...name].length > 512) {
			throw new NodeOperationError(node, `The "Campaign Name" field is ${[...name].length} characters long: TikTok takes at most 512`, {
				itemIndex: i,
			});
		}
		body.campaign_name = name;
	}
	let budget: Amount | undefined;
	if (fields.budget !== undefined) {
		budget = parseAmount(node, fields.budget, 'Budget', i);
		if (!budget) throw new NodeOperationError(node, 'The "Budget" field is empty: enter the new budget', { itemIndex: i });
		body.budget = budget.value;
	}
	if (fields.poNumber !== undefined && String(fields.poNumber).trim() !== '') body.po_number = String(fields.poNumber).trim();
	if (fields.specialIndustries !== undefined) {
		const list = Array.isArray(fields.specialIndustries) ? (fields.specialIndustries as unknown[]) : [fields.specialIndustries];
		body.special_industries = list.map((v) => assertOneOf(node, v, ['HOUSING', 'EMPLOYMENT', 'CREDIT'], 'Special Ad Categories', i));
	}
	if (Object.keys(body).length === 2) {
		throw new NodeOperationError(node, 'The "Update Fields" parameter is empty: add at least one field to change', {
			itemIndex: i,
			description: 'Nothing was sent to TikTok.',
		});
	}
	return { key: String(i), advertiserId, campaignId, body, budget };
}

/**
 * Changes a campaign per input item (`POST /campaign/update/`), sending only the fields set. A new budget is first
 * checked against the campaign's budget mode (`/campaign/get/`) and the advertiser's currency (`/advertiser/info/`,
 * once per advertiser): both are reads, nothing is written before the checks pass.
 */
export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	const node = this.getNode();
	const currencies = new Map<string, string | undefined>();
	return await executeBatched<UpdateParams>(this, items, {
		batchSize: 1,
		prepare: (i) => prepare.call(this, i),
		groupKey: (p) => p.key,
		id: (p) => p.key,
		send: async (p, ids, itemIndex) => {
			if (p.budget) {
				const found = await fetchEntitiesByIds.call(this, CAMPAIGN, p.advertiserId, [p.campaignId], ['campaign_id', 'budget_mode', 'objective_type'], itemIndex);
				const campaign = found.get(p.campaignId);
				if (!campaign) {
					throw tikTokApiError(node, { api: 'business', code: 40007, message: `Campaign ${p.campaignId} was not found in advertiser ${p.advertiserId}` }, itemIndex);
				}
				if (campaign.objective_type === 'TOPVIEW_REACH') {
					throw new NodeOperationError(node, `The "Budget" field cannot be changed: campaign ${p.campaignId} is a TopView campaign, which TikTok's API can read but not update`, { itemIndex });
				}
				await advertiserCurrencies.call(this, [p.advertiserId], currencies, itemIndex);
				assertBudget(
					node,
					{ amount: p.budget, field: 'Budget', currency: currencies.get(p.advertiserId), level: 'campaign', budgetMode: String(campaign.budget_mode ?? '') || undefined },
					itemIndex,
				);
			}
			try {
				const data = await businessRequest.call(this, {
					method: 'POST',
					path: '/campaign/update/',
					body: p.body,
					// Setting the same name or budget twice is harmless.
					idempotent: true,
					itemIndex,
				});
				return new Map([[ids[0], stringifyIds(data)]]);
			} catch (error) {
				throw nameRefusedField(error, { budget: 'Budget', campaign_name: 'Campaign Name' });
			}
		},
		missing: (_p, _id, itemIndex) => new NodeOperationError(node, 'TikTok did not return the updated campaign', { itemIndex }),
	});
}
