import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { idLocator } from '../common.descriptions';
import type { EntityKind } from '../../helpers/entities';
import { fieldOptionsOf } from '../entity/fields';

/** Campaign fields `/campaign/get/` returns (contract §13.1; BUBUBA model/campaign/campaign.go). */
export const CAMPAIGN_FIELDS = [
	'advertiser_id', 'campaign_id', 'campaign_name', 'campaign_system_origin', 'is_search_campaign',
	'is_smart_performance_campaign', 'campaign_type', 'postback_window_mode', 'app_id', 'budget', 'budget_mode',
	'rta_id', 'rta_bid_enabled', 'rta_product_selection_enabled', 'secondary_status', 'operation_status', 'objective',
	'objective_type', 'app_promotion_type', 'virtual_objective_type', 'sales_destination', 'campaign_product_source',
	'budget_optimize_on', 'bid_type', 'deep_bid_type', 'roas_bid', 'optimization_goal', 'is_new_structure',
	'create_time', 'modify_time', 'is_advanced_dedicated_campaign', 'disable_skan_campaign', 'bid_align_type',
	'campaign_app_profile_page_state', 'special_industries', 'rf_campaign_type', 'po_number',
];

/** What a simplified campaign keeps: the fields a person reads first (TopView / R&F show in `objective_type` and `rf_campaign_type`). */
export const CAMPAIGN_SIMPLE_FIELDS = [
	'advertiser_id', 'campaign_id', 'campaign_name', 'objective_type', 'rf_campaign_type', 'operation_status',
	'secondary_status', 'budget_mode', 'budget', 'create_time', 'modify_time',
];

export const CAMPAIGN: EntityKind = {
	noun: 'campaign',
	idLabel: 'Campaign',
	path: '/campaign/get/',
	idKey: 'campaign_id',
	idsFilter: 'campaign_ids',
	nameFilter: 'campaign_name',
	simpleFields: CAMPAIGN_SIMPLE_FIELDS,
	fieldOptions: fieldOptionsOf(CAMPAIGN_FIELDS),
};

/** The campaign picker: the advertiser's campaigns (searchable by name or ID), or an ID. */
export const campaignIdProperty: INodeProperties = idLocator({
	displayName: 'Campaign',
	name: 'campaignId',
	noun: 'campaign',
	searchListMethod: 'searchCampaigns',
	description: 'The campaign: pick it, or give its ID',
	example: '1800000000000000000',
	hint: "Lists the chosen advertiser's campaigns: choose the Advertiser first",
});

/** Budget modes as the editor offers them (contract §13.2). */
export const BUDGET_MODE_OPTIONS: INodePropertyOptions[] = [
	{ name: 'Daily', value: 'BUDGET_MODE_DAY', description: 'At most the budget per day' },
	{
		name: 'Dynamic Daily',
		value: 'BUDGET_MODE_DYNAMIC_DAILY_BUDGET',
		description: 'The budget is a 7-day average: a day may spend up to 125% of it',
	},
	{ name: 'No Limit', value: 'BUDGET_MODE_INFINITE', description: 'No campaign budget (ad groups set theirs)' },
	{ name: 'Total (Lifetime)', value: 'BUDGET_MODE_TOTAL', description: 'At most the budget over the whole run' },
];
