import type { INodeProperties } from 'n8n-workflow';

import type { EntityKind } from '../../helpers/entities';
import { fieldOptionsOf } from '../entity/fields';
import { idLocator } from '../common.descriptions';

/** Ad group fields `/adgroup/get/` returns (contract §13.1; BUBUBA model/adgroup/adgroup.go), the most read ones. */
export const ADGROUP_FIELDS = [
	'advertiser_id', 'campaign_id', 'campaign_name', 'adgroup_id', 'adgroup_name', 'create_time', 'modify_time',
	'operation_status', 'secondary_status', 'promotion_type', 'placement_type', 'placements', 'optimization_goal',
	'optimization_event', 'billing_event', 'bid_type', 'bid_price', 'conversion_bid_price', 'deep_bid_type', 'roas_bid',
	'deep_cpa_bid', 'budget_mode', 'budget', 'scheduled_budget', 'schedule_type', 'schedule_start_time',
	'schedule_end_time', 'dayparting', 'pacing', 'frequency', 'frequency_schedule', 'location_ids', 'languages',
	'gender', 'age_groups', 'audience_ids', 'excluded_audience_ids', 'interest_category_ids', 'operating_systems',
	'app_id', 'pixel_id', 'identity_id', 'identity_type', 'comment_disabled', 'share_disabled', 'is_new_structure',
	'is_hfss', 'feed_type', 'rf_purchased_type', 'purchased_impression', 'purchased_reach', 'delivery_mode',
	'brand_safety_type', 'split_test_group_id', 'split_test_status', 'creative_material_mode',
];

/** What a simplified ad group keeps. */
export const ADGROUP_SIMPLE_FIELDS = [
	'advertiser_id', 'campaign_id', 'adgroup_id', 'adgroup_name', 'operation_status', 'secondary_status', 'budget_mode',
	'budget', 'billing_event', 'bid_type', 'bid_price', 'conversion_bid_price', 'optimization_goal',
	'schedule_start_time', 'schedule_end_time', 'create_time', 'modify_time',
];

export const ADGROUP: EntityKind = {
	noun: 'ad group',
	idLabel: 'Ad Group',
	path: '/adgroup/get/',
	idKey: 'adgroup_id',
	idsFilter: 'adgroup_ids',
	nameFilter: 'adgroup_name',
	simpleFields: ADGROUP_SIMPLE_FIELDS,
	fieldOptions: fieldOptionsOf(ADGROUP_FIELDS),
};

/** The ad group picker: the advertiser's ad groups (searchable by name or ID), or an ID. */
export const adGroupIdProperty: INodeProperties = idLocator({
	displayName: 'Ad Group',
	name: 'adGroupId',
	noun: 'ad group',
	searchListMethod: 'searchAdGroups',
	description: 'The ad group: pick it, or give its ID',
	example: '1790000000000000000',
	hint: "Lists the chosen advertiser's ad groups: choose the Advertiser first",
});
