import type { INodeProperties } from 'n8n-workflow';

import { advertiserRLC } from '../common.descriptions';
import { BUDGET_MODE_OPTIONS, campaignIdProperty } from '../campaign/fields';

/**
 * `/adgroup/create/`'s enums and the fields Other Fields (JSON) may hold (docs/tiktok-contract.md §19.2; BUBUBA
 * model/adgroup/create.go, enum/promotion_type.go, placement.go, optimization_goal.go, billing_event.go, pacing_mode.go).
 */
export const PROMOTION_TYPES = [
	'WEBSITE', 'APP_ANDROID', 'APP_IOS', 'GAME', 'LEAD_GENERATION', 'LEAD_GEN_CLICK_TO_TT_DIRECT_MESSAGE',
	'LEAD_GEN_CLICK_TO_SOCIAL_MEDIA_APP_MESSAGE', 'LEAD_GEN_CLICK_TO_CALL', 'WEBSITE_OR_DISPLAY', 'TIKTOK_SHOP',
	'VIDEO_SHOPPING', 'LIVE_SHOPPING', 'PSA_PRODUCT', 'EXTERNAL_OR_DISPLAY',
];
export const PLACEMENTS = ['PLACEMENT_TIKTOK', 'PLACEMENT_PANGLE', 'PLACEMENT_GLOBAL_APP_BUNDLE'];
export const OPTIMIZATION_GOALS = [
	'CLICK', 'CONVERT', 'INSTALL', 'IN_APP_EVENT', 'SHOW', 'REACH', 'LEAD_GENERATION', 'CONVERSATION', 'FOLLOWERS',
	'PROFILE_VIEWS', 'PAGE_VISITS', 'VALUE', 'AUTOMATIC_VALUE_OPTIMIZATION', 'GMV', 'PURCHASES', 'INITIATE_CHECKOUTS',
	'MT_LIVE_ROOM', 'PRODUCT_CLICK_IN_LIVE', 'ENGAGED_VIEW', 'ENGAGED_VIEW_FIFTEEN', 'TRAFFIC_LANDING_PAGE_VIEW',
	'CONVERSION_LEADS', 'DESTINATION_VISIT', 'PREFERRED_LEAD',
];
export const BILLING_EVENTS = ['CPC', 'CPM', 'CPV', 'OCPM'];
export const AGE_GROUPS = ['AGE_13_17', 'AGE_18_24', 'AGE_25_34', 'AGE_35_44', 'AGE_45_54', 'AGE_55_100'];
/** Objectives whose ad groups need no promotion type (BUBUBA create.go l.77). */
export const NO_PROMOTION_TYPE_OBJECTIVES = ['REACH', 'VIDEO_VIEWS', 'ENGAGEMENT'];

/** `/adgroup/create/` body fields without a parameter of their own, for Other Fields (JSON). */
export const ADGROUP_CREATE_OTHER_FIELDS = [
	'actions', 'adgroup_app_profile_page_state', 'app_config', 'app_id', 'attribution_event_count', 'audience_ids',
	'audience_rule', 'audience_type', 'auto_targeting_enabled', 'bid_display_mode', 'blocked_pangle_app_ids',
	'brand_safety_partner', 'brand_safety_type', 'carrier_ids', 'catalog_authorized_bc_id', 'catalog_id',
	'category_exclude_ids', 'click_attribution_window', 'comment_disabled', 'contextual_tag_ids', 'creative_material_mode',
	'dayparting', 'deep_bid_type', 'deep_cpa_bid', 'deep_funnel_event_source', 'deep_funnel_event_source_id',
	'deep_funnel_optimization_event', 'deep_funnel_optimization_status', 'device_model_ids', 'device_price_ranges',
	'engaged_view_attribution_window', 'exclude_audience_ids', 'exclude_custom_actions', 'exclude_pangle_audience_package_ids',
	'frequency', 'frequency_schedule', 'household_income', 'identity_authorized_bc_id', 'identity_id', 'identity_type',
	'include_custom_actions', 'include_pangle_audience_package_ids', 'interest_category_ids', 'interest_keyword_ids',
	'ios14_targeting', 'is_hfss', 'is_lhf_compliance', 'isp_ids', 'message_app_account_id', 'message_app_type',
	'message_event_set_id', 'min_android_version', 'min_ios_version', 'network_types', 'next_day_retention',
	'operating_systems', 'phone_number', 'phone_region_calling_code', 'phone_region_code', 'product_source',
	'promotion_target_type', 'promotion_website_type', 'purchase_intention_keyword_ids', 'roas_bid', 'saved_audience_id',
	'search_result_enabled', 'secondary_optimization_event', 'share_disabled', 'shopping_ads_retargeting_actions_days',
	'shopping_ads_retargeting_custom_audience_relation', 'shopping_ads_retargeting_type', 'shopping_ads_type',
	'smart_audience_enabled', 'smart_interest_behavior_enabled', 'spending_power', 'statistic_type',
	'store_authorized_bc_id', 'store_id', 'tiktok_subplacements', 'vbo_window', 'vertical_sensitive_id',
	'video_download_disabled', 'view_attribution_window', 'zipcode_ids',
];

const label = (value: string) =>
	value
		.toLowerCase()
		.split('_')
		.map((word) => (['cpc', 'cpm', 'cpv', 'ocpm', 'gmv', 'tt', 'psa'].includes(word) ? word.toUpperCase() : word[0].toUpperCase() + word.slice(1)))
		.join(' ');

const optionsOf = (values: string[]) => values.map((value) => ({ name: label(value), value })).sort((a, b) => a.name.localeCompare(b.name));

const PROMOTION_TYPE_OPTIONS = [{ name: 'Not Set (Reach, Video Views, Engagement)', value: '' }, ...optionsOf(PROMOTION_TYPES)];

export const createProperties: INodeProperties[] = [
	advertiserRLC,
	{ ...campaignIdProperty, description: 'The campaign the new ad group goes into: pick it, or give its ID' },
	{
		displayName: 'Ad Group Name',
		name: 'adGroupName',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. US 18-34 video',
		description: 'Name of the new ad group (under 512 characters, Chinese and Japanese ones counting 2; no emoji)',
	},
	{
		displayName: 'Promotion Type',
		name: 'promotionType',
		type: 'options',
		options: PROMOTION_TYPE_OPTIONS,
		default: 'WEBSITE',
		description: "Where the ads send people. Needed unless the campaign's objective is Reach, Video Views or Engagement (which takes External or Display only).",
	},
	{
		displayName: 'Placement Type',
		name: 'placementType',
		type: 'options',
		options: [
			{ name: 'Automatic', value: 'PLACEMENT_TYPE_AUTOMATIC', description: 'TikTok chooses where the ads show' },
			{ name: 'Select Placements', value: 'PLACEMENT_TYPE_NORMAL', description: 'You choose the apps (Placements)' },
		],
		default: 'PLACEMENT_TYPE_AUTOMATIC',
		description: 'Whether TikTok chooses the placements. Cannot be changed once the ad group exists.',
	},
	{
		displayName: 'Placements',
		name: 'placements',
		type: 'multiOptions',
		options: [
			{ name: 'TikTok', value: 'PLACEMENT_TIKTOK' },
			{ name: 'Pangle', value: 'PLACEMENT_PANGLE' },
			{ name: 'Global App Bundle', value: 'PLACEMENT_GLOBAL_APP_BUNDLE' },
		],
		default: ['PLACEMENT_TIKTOK'],
		description: 'Where the ads show',
		displayOptions: { show: { placementType: ['PLACEMENT_TYPE_NORMAL'] } },
	},
	{
		displayName: 'Location IDs',
		name: 'locationIds',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 6252001',
		description:
			"TikTok's IDs of the regions to reach, separated by commas (e.g. 6252001 for the United States; find them with an API Call to /tool/region/). At most 3,000; regions must not overlap.",
	},
	{
		displayName: 'Budget Mode',
		name: 'budgetMode',
		type: 'options',
		options: BUDGET_MODE_OPTIONS,
		default: 'BUDGET_MODE_DAY',
		description: 'How the budget is counted. Total needs a start and an end. Ignored (and No Limit allowed) when the campaign optimizes the budget.',
	},
	{
		displayName: 'Budget',
		name: 'budget',
		type: 'number',
		default: 20,
		description: "The ad group's budget in the advertiser's currency (at least 20 USD a day; at most 2 decimals, none in JPY or KRW; never rounded)",
		displayOptions: { hide: { budgetMode: ['BUDGET_MODE_INFINITE'] } },
	},
	{
		displayName: 'Schedule Type',
		name: 'scheduleType',
		type: 'options',
		options: [
			{ name: 'From Start On', value: 'SCHEDULE_FROM_NOW', description: 'Runs from its start with no end' },
			{ name: 'Start and End', value: 'SCHEDULE_START_END', description: 'Runs between its start and its end' },
		],
		default: 'SCHEDULE_FROM_NOW',
		description: 'Whether the ad group has an end',
	},
	{
		displayName: 'Schedule Start Time',
		name: 'scheduleStartTime',
		type: 'dateTime',
		default: '',
		description: 'When delivery starts (in the workflow time zone unless the value has an offset; sent in UTC). Empty: now.',
	},
	{
		displayName: 'Schedule End Time',
		name: 'scheduleEndTime',
		type: 'dateTime',
		default: '',
		required: true,
		description: 'When delivery stops (in the workflow time zone unless the value has an offset; sent in UTC)',
		displayOptions: { show: { scheduleType: ['SCHEDULE_START_END'] } },
	},
	{
		displayName: 'Optimization Goal',
		name: 'optimizationGoal',
		type: 'options',
		options: optionsOf(OPTIMIZATION_GOALS),
		default: 'CLICK',
		description: "What TikTok optimizes delivery for (it must suit the campaign's objective; TikTok checks the pair)",
	},
	{
		displayName: 'Billing Event',
		name: 'billingEvent',
		type: 'options',
		options: optionsOf(BILLING_EVENTS),
		default: 'CPC',
		description: 'What you pay for (it must suit the Optimization Goal: e.g. Click with CPC, Reach with CPM, Convert with OCPM)',
	},
	{
		displayName: 'Pacing',
		name: 'pacing',
		type: 'options',
		options: [
			{ name: 'Smooth', value: 'PACING_MODE_SMOOTH', description: 'Spread the budget over the schedule' },
			{ name: 'Fast', value: 'PACING_MODE_FAST', description: 'Spend the budget as fast as results come' },
		],
		default: 'PACING_MODE_SMOOTH',
		description: 'How fast the budget is spent (TikTok sets it itself when the campaign optimizes the budget)',
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'Age Groups',
				name: 'ageGroups',
				type: 'multiOptions',
				options: AGE_GROUPS.map((value) => ({ name: value.replace('AGE_', '').replace('_100', '+').replace('_', '–'), value })),
				default: [],
				description: 'Ages to reach (none: TikTok\'s default)',
			},
			{
				displayName: 'Bid',
				name: 'bid',
				type: 'number',
				default: 1,
				description:
					"With the Cost Cap bid strategy: the cost you aim at per result, in the advertiser's currency (bid_price; for OCPM the target cost per conversion, conversion_bid_price). Lower than the budgets; never rounded.",
			},
			{
				displayName: 'Bid Strategy',
				name: 'bidType',
				type: 'options',
				options: [
					{ name: 'Maximum Delivery', value: 'BID_TYPE_NO_BID', description: 'Spend the whole budget for the most results' },
					{ name: 'Cost Cap', value: 'BID_TYPE_CUSTOM', description: 'Aim at the Bid per result' },
				],
				default: 'BID_TYPE_NO_BID',
				description: 'How TikTok bids (needed when the campaign optimizes the budget)',
			},
			{
				displayName: 'Gender',
				name: 'gender',
				type: 'options',
				options: [
					{ name: 'All', value: 'GENDER_UNLIMITED' },
					{ name: 'Female', value: 'GENDER_FEMALE' },
					{ name: 'Male', value: 'GENDER_MALE' },
				],
				default: 'GENDER_UNLIMITED',
			},
			{
				displayName: 'Languages',
				name: 'languages',
				type: 'string',
				default: '',
				placeholder: 'e.g. en, es',
				description: "Audience language codes, separated by commas (TikTok's language enum)",
			},
			{
				displayName: 'Other Fields (JSON)',
				name: 'otherFields',
				type: 'json',
				default: '{}',
				description:
					'Any other field TikTok documents for /adgroup/create/, as a JSON object of TikTok\'s names, e.g. {"pixel_id": "123", "optimization_event": "ON_WEB_ORDER"}',
			},
			{
				displayName: 'Request ID',
				name: 'requestId',
				type: 'string',
				default: '',
				placeholder: 'e.g. 2026112501',
				description:
					"A number of your choice (digits). TikTok creates one ad group per request ID. Without it, the node sends an ID of its own, the same for every try of one execution (Retry On Fail) and new for each execution.",
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
				description: 'Whether the ad group starts switched on (TikTok default) or off',
			},
		],
	},
];
