import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import type { Amount } from '../../helpers/budget';
import { BUDGET_MODES, parseAmount } from '../../helpers/budget';
import { CREATE_OBJECTIVES, OBJECTIVE_OPTIONS } from '../../helpers/entities';
import { getAdvertiserId } from '../../helpers/utils';
import { assertOneOf, assertTikTokId, parseJsonParameter } from '../../helpers/validation';
import { advertiserRLC } from '../common.descriptions';
import { assertCampaignBudget, assertNameLength, executeEntityWrite } from '../entityWrite';
import { BUDGET_MODE_OPTIONS } from './fields';

/** Body fields `/campaign/create/` documents (contract §13.1), for Other Fields (JSON). */
const CREATE_BODY_FIELDS = [
	'app_id', 'app_promotion_type', 'bid_type', 'budget_optimize_on', 'campaign_app_profile_page_state',
	'campaign_product_source', 'campaign_type', 'catalog_enabled', 'deep_bid_type', 'disable_skan_campaign',
	'is_advanced_dedicated_campaign', 'is_search_campaign', 'operation_status', 'optimization_goal', 'po_number',
	'postback_window_mode', 'request_id', 'rf_campaign_type', 'roas_bid', 'rta_bid_enabled', 'rta_id',
	'rta_product_selection_enabled', 'sales_destination', 'special_industries', 'virtual_objective_type',
];

const properties: INodeProperties[] = [
	advertiserRLC,
	{
		displayName: 'Campaign Name',
		name: 'campaignName',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. November promo',
		description: 'Name of the new campaign (at most 512 characters, Chinese and Japanese ones counting 2; no emoji)',
	},
	{
		displayName: 'Objective',
		name: 'objectiveType',
		type: 'options',
		required: true,
		options: OBJECTIVE_OPTIONS.filter((o) => CREATE_OBJECTIVES.includes(String(o.value))),
		default: 'TRAFFIC',
		description: 'What the campaign is for. Deprecated objectives and TopView cannot be created through the API.',
	},
	{
		displayName: 'Budget Mode',
		name: 'budgetMode',
		type: 'options',
		required: true,
		options: BUDGET_MODE_OPTIONS,
		default: 'BUDGET_MODE_DAY',
		description: 'How the budget is counted. It cannot be changed once the campaign runs.',
	},
	{
		displayName: 'Budget',
		name: 'budget',
		type: 'number',
		required: true,
		default: 50,
		description:
			"The budget in the advertiser's currency (at least 50 USD; at most 2 decimals, none in currencies such as JPY or KRW; never rounded)",
		displayOptions: { hide: { budgetMode: ['BUDGET_MODE_INFINITE'] } },
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'App Promotion Type',
				name: 'appPromotionType',
				type: 'options',
				options: [
					{ name: 'App Install', value: 'APP_INSTALL' },
					{ name: 'App Pre-Registration', value: 'APP_PREREGISTRATION' },
					{ name: 'App Retargeting', value: 'APP_RETARGETING' },
				],
				default: 'APP_INSTALL',
				description: 'For the App Promotion objective',
			},
			{
				displayName: 'Campaign Budget Optimization',
				name: 'budgetOptimizeOn',
				type: 'boolean',
				default: false,
				description: 'Whether TikTok spreads the campaign budget over its ad groups',
			},
			{
				displayName: 'Campaign Type',
				name: 'campaignType',
				type: 'options',
				options: [
					{ name: 'Regular', value: 'REGULAR_CAMPAIGN' },
					{ name: 'iOS 14 Dedicated', value: 'IOS14_CAMPAIGN' },
				],
				default: 'REGULAR_CAMPAIGN',
				description: 'Regular or iOS 14 dedicated campaign',
			},
			{
				displayName: 'Other Fields (JSON)',
				name: 'otherFields',
				type: 'json',
				default: '{}',
				description:
					"Any other field TikTok documents for /campaign/create/, as a JSON object of TikTok's names, e.g. {\"app_id\": \"123\"}",
			},
			{
				displayName: 'PO Number',
				name: 'poNumber',
				type: 'string',
				default: '',
				description: 'Purchase order number, shown on invoices',
			},
			{
				displayName: 'Request ID',
				name: 'requestId',
				type: 'string',
				default: '',
				placeholder: 'e.g. 2026112501',
				description:
					'A number of your choice (digits). TikTok creates one campaign per request ID, so a workflow run again with the same ID does not create a second one. Without it, the node sends an ID of its own, the same for every try of one execution (Retry On Fail) and new for each execution.',
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
				description: 'Housing, employment or credit ads (targeting is then limited)',
			},
			{
				displayName: 'Status',
				name: 'operationStatus',
				type: 'options',
				options: [
					{ name: 'Enabled', value: 'ENABLE' },
					{ name: 'Disabled', value: 'DISABLE' },
				],
				default: 'ENABLE',
				description: 'Whether the campaign starts switched on (TikTok default) or off',
			},
		],
	},
];

const displayOptions = { show: { resource: ['campaign'], operation: ['create'] } };

export const description = updateDisplayOptions(displayOptions, properties);

interface CreateParams {
	advertiserId: string;
	body: IDataObject;
	budget?: Amount;
	budgetMode: string;
}

/** Reads and checks one item's campaign: everything that can be checked without TikTok, before any request. */
function prepare(this: IExecuteFunctions, i: number): CreateParams {
	const node = this.getNode();
	const advertiserId = getAdvertiserId.call(this, i);
	const name = String(this.getNodeParameter('campaignName', i, '') ?? '').trim();
	if (name === '') {
		throw new NodeOperationError(node, 'The "Campaign Name" parameter is empty: give the campaign a name', { itemIndex: i });
	}
	assertNameLength(node, name, '"Campaign Name" parameter', 'at most 512', i);
	const objective = assertOneOf(node, this.getNodeParameter('objectiveType', i), CREATE_OBJECTIVES, 'Objective', i);
	const budgetMode = assertOneOf(node, this.getNodeParameter('budgetMode', i), BUDGET_MODES, 'Budget Mode', i);
	if (objective === 'RF_REACH' && budgetMode !== 'BUDGET_MODE_INFINITE') {
		throw new NodeOperationError(
			node,
			'The "Budget Mode" parameter must be No Limit (BUDGET_MODE_INFINITE) for a Reach & Frequency campaign: its ad groups carry the budget',
			{ itemIndex: i },
		);
	}
	const body: IDataObject = { advertiser_id: advertiserId, campaign_name: name, objective_type: objective, budget_mode: budgetMode };
	let budget: Amount | undefined;
	if (budgetMode !== 'BUDGET_MODE_INFINITE') {
		budget = parseAmount(node, this.getNodeParameter('budget', i, ''), 'Budget', i);
		if (!budget) {
			throw new NodeOperationError(node, `The "Budget" parameter is empty: ${budgetMode} needs a budget`, { itemIndex: i });
		}
		body.budget = budget.value;
	}

	const extra = this.getNodeParameter('additionalFields', i, {}) as IDataObject;
	const other = parseJsonParameter<IDataObject>(node, extra.otherFields ?? {}, 'Other Fields (JSON)', i);
	if (typeof other !== 'object' || other === null || Array.isArray(other)) {
		throw new NodeOperationError(node, 'The "Other Fields (JSON)" parameter must be a JSON object', { itemIndex: i });
	}
	for (const [key, value] of Object.entries(other)) {
		if (!CREATE_BODY_FIELDS.includes(key)) {
			throw new NodeOperationError(
				node,
				`The "Other Fields (JSON)" parameter holds "${key.slice(0, 40)}", which /campaign/create/ does not take (or which has its own parameter)`,
				{ itemIndex: i },
			);
		}
		body[key] = value;
	}
	if (extra.operationStatus !== undefined) {
		body.operation_status = assertOneOf(node, extra.operationStatus, ['ENABLE', 'DISABLE'], 'Status', i);
	}
	if (extra.campaignType !== undefined) {
		body.campaign_type = assertOneOf(node, extra.campaignType, ['REGULAR_CAMPAIGN', 'IOS14_CAMPAIGN'], 'Campaign Type', i);
	}
	if (extra.appPromotionType !== undefined) {
		body.app_promotion_type = assertOneOf(
			node,
			extra.appPromotionType,
			['APP_INSTALL', 'APP_RETARGETING', 'APP_PREREGISTRATION'],
			'App Promotion Type',
			i,
		);
	}
	// "For Reach & Frequency campaigns, set ENABLE or leave it out; do not set DISABLE" (BUBUBA create.go l.165).
	if (objective === 'RF_REACH' && body.operation_status === 'DISABLE') {
		throw new NodeOperationError(
			node,
			'The "Status" parameter cannot be Disabled for a Reach & Frequency campaign: TikTok creates these enabled only',
			{ itemIndex: i, description: 'Leave Status at Enabled (TikTok\'s default). Nothing was sent to TikTok.' },
		);
	}
	if (extra.budgetOptimizeOn !== undefined) body.budget_optimize_on = extra.budgetOptimizeOn === true;
	if (Array.isArray(extra.specialIndustries) && extra.specialIndustries.length) {
		body.special_industries = (extra.specialIndustries as unknown[]).map((v) =>
			assertOneOf(node, v, ['HOUSING', 'EMPLOYMENT', 'CREDIT'], 'Special Ad Categories', i),
		);
	}
	if (extra.poNumber !== undefined && String(extra.poNumber).trim() !== '') body.po_number = String(extra.poNumber).trim();
	if (extra.requestId !== undefined && String(extra.requestId).trim() !== '') {
		body.request_id = assertTikTokId(node, extra.requestId, 'Request ID', i);
	}
	return { advertiserId, body, budget, budgetMode };
}

/**
 * Creates one campaign per input item (`POST /campaign/create/`). Every item is checked before any request; a budget
 * is then checked against the advertiser's currency (`/advertiser/info/`, once per advertiser) before it is sent.
 * Creation is not re-sent after an unclear failure (only when TikTok rate-limited it, having done nothing).
 */
export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await executeEntityWrite<CreateParams>(this, items, {
		prepare: (i) => prepare.call(this, i),
		check: async (p, currencies, itemIndex) => {
			if (p.budget) await assertCampaignBudget.call(this, p.advertiserId, p.budget, p.budgetMode, currencies, itemIndex);
		},
		path: '/campaign/create/',
		creates: 'a campaign',
		// Never re-sent by the transport after an unclear failure: what TikTok answers a repeated request_id is
		// UNCONFIRMED. A request_id is always sent (the typed one, or one derived from the execution), so n8n's own
		// "Retry On Fail" cannot create a second campaign.
		idempotent: false,
		requestId: true,
		fieldNames: { budget: 'Budget', campaign_name: 'Campaign Name', objective_type: 'Objective' },
		result: 'created campaign',
	});
}
