'use strict';
// Campaigns and ad groups as TikTok serves them (docs/tiktok-contract.md §13): /campaign/get|create|update|status/update/,
// /adgroup/get|update|status/update/, with the validation of the SDKs' request models. Registered before `ads` so
// its /campaign/get/ and /adgroup/get/ (with `buying_types` and TopView) are the ones served.
const { BusinessError, advertiserParam, businessRoute, jsonParam, paginate, present } = require('./business');
const { AD_STATUS } = require('./ads');
const { parseTikTokTime, tikTokTime } = require('./data');

/** Campaign fields (BUBUBA model/campaign/campaign.go). */
const CAMPAIGN_FIELDS = [
	'advertiser_id', 'campaign_id', 'campaign_name', 'campaign_system_origin', 'is_search_campaign',
	'is_smart_performance_campaign', 'campaign_type', 'postback_window_mode', 'app_id', 'budget', 'budget_mode', 'rta_id',
	'rta_bid_enabled', 'rta_product_selection_enabled', 'secondary_status', 'operation_status', 'objective',
	'objective_type', 'app_promotion_type', 'virtual_objective_type', 'sales_destination', 'campaign_product_source',
	'budget_optimize_on', 'bid_type', 'deep_bid_type', 'roas_bid', 'optimization_goal', 'is_new_structure', 'create_time',
	'modify_time', 'is_advanced_dedicated_campaign', 'disable_skan_campaign', 'bid_align_type',
	'campaign_app_profile_page_state', 'special_industries', 'rf_campaign_type', 'po_number',
];

/** Ad group fields (BUBUBA model/adgroup/adgroup.go; the targeting ones included). */
const ADGROUP_FIELDS = [
	'advertiser_id', 'campaign_id', 'campaign_name', 'campaign_system_origin', 'is_smart_performance_campaign', 'adgroup_id',
	'adgroup_name', 'create_time', 'modify_time', 'promotion_type', 'shopping_ads_type', 'identity_id', 'identity_type',
	'identity_authorized_bc_id', 'product_source', 'catalog_id', 'catalog_authorized_bc_id', 'store_id',
	'store_authorized_bc_id', 'promotion_target_type', 'promotion_website_type', 'app_id', 'app_type', 'app_download_url',
	'pixel_id', 'optimization_event', 'placement_type', 'placements', 'tiktok_subplacements', 'search_result_enabled',
	'comment_disabled', 'video_download_disabled', 'share_disabled', 'blocked_pangle_app_ids', 'audience_type',
	'auto_targeting_enabled', 'location_ids', 'zipcode_ids', 'languages', 'gender', 'age_groups', 'spending_power',
	'household_income', 'audience_ids', 'smart_audience_enabled', 'excluded_audience_ids', 'interest_category_ids',
	'interest_keyword_ids', 'purchase_intention_keyword_ids', 'actions', 'smart_interest_behavior_enabled',
	'operating_systems', 'min_android_version', 'ios14_targeting', 'min_ios_version', 'device_model_ids', 'network_types',
	'carrier_ids', 'isp_ids', 'device_price_ranges', 'saved_audience_id', 'contextual_tag_ids', 'brand_safety_type',
	'brand_safety_partner', 'category_exclude_ids', 'vertical_sensitive_id', 'budget_mode', 'budget', 'scheduled_budget',
	'schedule_type', 'schedule_start_time', 'schedule_end_time', 'delivery_mode', 'dayparting', 'optimization_goal',
	'secondary_optimization_event', 'frequency', 'frequency_schedule', 'bid_type', 'bid_price', 'conversion_bid_price',
	'deep_bid_type', 'roas_bid', 'vbo_window', 'bid_display_mode', 'deep_cpa_bid', 'cpv_video_duration',
	'next_day_retention', 'click_attribution_window', 'engaged_view_attribution_window', 'view_attribution_window',
	'attribution_event_count', 'billing_event', 'pacing', 'operation_status', 'secondary_status', 'statistic_type',
	'is_hfss', 'is_lhf_compliance', 'creative_material_mode', 'feed_type', 'rf_purchased_type', 'purchased_impression',
	'purchased_reach', 'split_test_group_id', 'split_test_status', 'is_new_structure', 'skip_learning_phase',
];

/** Objectives (BUBUBA enum/objective_type.go): all of them for reads, the current ones for creation. */
const OBJECTIVES = [
	'APP_PROMOTION', 'WEB_CONVERSIONS', 'APP_INSTALL', 'CONVERSIONS', 'REACH', 'TRAFFIC', 'VIDEO_VIEWS', 'CATALOG_SALES',
	'PRODUCT_SALES', 'ENGAGEMENT', 'LEAD_GENERATION', 'SHOP_PURCHASES', 'RF_APP_INSTALL', 'RF_ENGAGEMENT', 'RF_REACH',
	'TOPVIEW_REACH', 'RF_TRAFFIC', 'RF_VIDEO_VIEW', 'BRAND_CONSIDERATION',
];
const CREATE_OBJECTIVES = [
	'APP_PROMOTION', 'WEB_CONVERSIONS', 'REACH', 'TRAFFIC', 'VIDEO_VIEWS', 'PRODUCT_SALES', 'ENGAGEMENT', 'LEAD_GENERATION',
	'RF_REACH',
];
const BUDGET_MODES = ['BUDGET_MODE_INFINITE', 'BUDGET_MODE_TOTAL', 'BUDGET_MODE_DAY', 'BUDGET_MODE_DYNAMIC_DAILY_BUDGET'];
const BUYING_TYPES = ['AUCTION', 'RESERVATION_RF', 'RESERVATION_TOP_VIEW'];
const DEFAULT_BUYING_TYPES = ['AUCTION', 'RESERVATION_RF'];
const OPERATION_STATUSES = ['ENABLE', 'DISABLE', 'DELETE'];

/** `/campaign/create/` body (SDK CampaignCreateBody). */
const CAMPAIGN_CREATE_BODY = [
	'advertiser_id', 'app_id', 'app_promotion_type', 'bid_type', 'budget', 'budget_mode', 'budget_optimize_on',
	'campaign_app_profile_page_state', 'campaign_name', 'campaign_product_source', 'campaign_type', 'catalog_enabled',
	'deep_bid_type', 'disable_skan_campaign', 'internal_channel', 'is_advanced_dedicated_campaign', 'is_search_campaign',
	'objective_type', 'operation_status', 'optimization_goal', 'plugin_partner', 'po_number', 'postback_window_mode',
	'request_id', 'rf_campaign_type', 'roas_bid', 'rta_bid_enabled', 'rta_id', 'rta_product_selection_enabled',
	'sales_destination', 'special_industries', 'virtual_objective_type',
];
/** `/campaign/update/` body: nothing else (SDK CampaignUpdateBody). */
const CAMPAIGN_UPDATE_BODY = ['advertiser_id', 'campaign_id', 'campaign_name', 'budget', 'special_industries', 'po_number'];
/** `/adgroup/update/` body (BUBUBA model/adgroup/update.go). */
const ADGROUP_UPDATE_BODY = [
	'advertiser_id', 'adgroup_id', 'adgroup_name', 'catalog_authorized_bc_id', 'deep_funnel_optimization_status',
	'deep_funnel_event_source', 'deep_funnel_event_source_id', 'deep_funnel_optimization_event', 'comment_disabled',
	'share_disabled', 'blocked_pangle_app_ids', 'audience_type', 'audience_rule', 'saved_audience_id',
	'auto_targeting_enabled', 'shopping_ads_retargeting_type', 'shopping_ads_retargeting_actions_days',
	'include_custom_actions', 'exclude_custom_actions', 'shopping_ads_retargeting_custom_audience_relation', 'location_ids',
	'zipcode_ids', 'languages', 'gender', 'age_groups', 'exclude_age_under_eighteen', 'spending_power', 'household_income',
	'audience_ids', 'smart_audience_enabled', 'exclude_audience_ids', 'interest_category_ids', 'interest_keyword_ids',
	'purchase_intention_keyword_ids', 'actions', 'smart_interest_behavior_enabled', 'include_pangle_audience_package_ids',
	'exclude_pangle_audience_package_ids', 'operating_systems', 'min_android_version', 'ios14_targeting',
	'min_ios_version', 'device_model_ids', 'network_types', 'carrier_ids', 'isp_ids', 'device_price_ranges',
	'contextual_tag_ids', 'brand_safety_type', 'category_exclude_ids', 'vertical_sensitive_id', 'budget',
	'schedule_type', 'schedule_start_time', 'schedule_end_time', 'dayparting', 'frequency', 'frequency_schedule',
	'secondary_optimization_event', 'bid_type', 'bid_price', 'conversion_bid_price', 'deep_bid_type', 'roas_bid',
	'deep_cpa_bid', 'next_day_retention', 'pacing', 'is_hfss', 'is_lhf_compliance', 'app_config',
];

const INT64_MAX = BigInt('9223372036854775807');
const SCHEDULE_TYPES = ['SCHEDULE_FROM_NOW', 'SCHEDULE_START_END'];
const BID_TYPES = ['BID_TYPE_CUSTOM', 'BID_TYPE_NO_BID'];
const ZERO_DECIMAL = new Set(['BIF', 'CLP', 'DJF', 'GNF', 'ISK', 'JPY', 'KMF', 'KRW', 'PYG', 'RWF', 'UGX', 'VND', 'VUV', 'XAF', 'XOF', 'XPF']);

/** Adds what campaigns and ad groups carry in TikTok's answers to the seeded world (deterministic). */
function extendWorld(world) {
	for (const advertiser of world.advertisers) {
		if (advertiser.balance === undefined) advertiser.balance = 1000 + Number(advertiser.advertiser_id.slice(-1)) * 250.5;
	}
	for (const campaign of world.campaigns) {
		if (campaign.__buyingType) continue;
		campaign.__buyingType = 'AUCTION';
		campaign.budget = Math.max(50, campaign.budget);
		campaign.campaign_type = 'REGULAR_CAMPAIGN';
		campaign.is_new_structure = true;
		campaign.secondary_status = secondaryOf('CAMPAIGN', campaign);
	}
	world.adgroups.forEach((group, n) => {
		if (group.__buyingType) return;
		const end = parseTikTokTime(group.create_time) + 120 * 86_400_000;
		Object.assign(group, {
			__buyingType: 'AUCTION',
			budget_mode: 'BUDGET_MODE_DAY',
			budget: 50 + (n % 5) * 10,
			billing_event: n % 3 === 0 ? 'OCPM' : 'CPC',
			bid_type: 'BID_TYPE_CUSTOM',
			bid_price: n % 3 === 0 ? 0 : 1.5,
			conversion_bid_price: n % 3 === 0 ? 8 : 0,
			optimization_goal: n % 3 === 0 ? 'CONVERT' : 'CLICK',
			pacing: 'PACING_MODE_SMOOTH',
			placement_type: 'PLACEMENT_TYPE_AUTOMATIC',
			schedule_type: 'SCHEDULE_START_END',
			schedule_start_time: group.create_time,
			schedule_end_time: tikTokTime(end),
		});
		group.secondary_status = secondaryOf('ADGROUP', group);
	});
}

function secondaryOf(prefix, entity) {
	if (entity.__deleted) return `${prefix}_STATUS_DELETE`;
	return entity.operation_status === 'ENABLE' ? `${prefix}_STATUS_DELIVERY_OK` : `${prefix}_STATUS_DISABLE`;
}

/** A TopView campaign with one ad group (read only in the API), for tests: returns the campaign. */
function addTopViewCampaign(world, advertiserId) {
	const index = world.campaigns.filter((c) => c.advertiser_id === advertiserId).length + 1;
	const stamp = tikTokTime(Date.parse('2026-09-15T00:00:00Z'));
	const campaign = {
		advertiser_id: advertiserId,
		campaign_id: `1899${advertiserId.slice(-2)}${String(index).padStart(13, '0')}`,
		campaign_name: `TopView launch ${index}`,
		objective_type: 'TOPVIEW_REACH',
		rf_campaign_type: 'TOPVIEW',
		operation_status: 'ENABLE',
		secondary_status: 'CAMPAIGN_STATUS_DELIVERY_OK',
		budget_mode: 'BUDGET_MODE_INFINITE',
		budget: 0,
		campaign_type: 'REGULAR_CAMPAIGN',
		create_time: stamp,
		modify_time: stamp,
		__deleted: false,
		__buyingType: 'RESERVATION_TOP_VIEW',
	};
	world.campaigns.push(campaign);
	world.adgroups.push({
		advertiser_id: advertiserId,
		campaign_id: campaign.campaign_id,
		campaign_name: campaign.campaign_name,
		adgroup_id: `1799${advertiserId.slice(-2)}${String(index).padStart(13, '0')}`,
		adgroup_name: `${campaign.campaign_name} / group 1`,
		operation_status: 'ENABLE',
		secondary_status: 'ADGROUP_STATUS_DELIVERY_OK',
		budget_mode: 'BUDGET_MODE_INFINITE',
		budget: 0,
		billing_event: 'CPM',
		create_time: stamp,
		modify_time: stamp,
		__deleted: false,
		__buyingType: 'RESERVATION_TOP_VIEW',
	});
	return campaign;
}

/** `count` auction campaigns (daily budget 100) in `advertiserId`; returns them. */
function addCampaigns(world, advertiserId, count) {
	const base = Date.parse('2026-07-01T00:00:00Z');
	const added = [];
	for (let n = 0; n < count; n++) {
		const created = tikTokTime(base + n * 60_000);
		const index = world.campaigns.length + 1;
		const campaign = {
			advertiser_id: advertiserId,
			campaign_id: `1888${String(index).padStart(15, '0')}`,
			campaign_name: `Bulk campaign ${n + 1}`,
			objective_type: 'TRAFFIC',
			operation_status: 'ENABLE',
			secondary_status: 'CAMPAIGN_STATUS_DELIVERY_OK',
			budget_mode: 'BUDGET_MODE_DAY',
			budget: 100,
			campaign_type: 'REGULAR_CAMPAIGN',
			is_new_structure: true,
			create_time: created,
			modify_time: created,
			__deleted: false,
			__buyingType: 'AUCTION',
		};
		world.campaigns.push(campaign);
		added.push(campaign);
	}
	return added;
}

/** `count` ad groups in a campaign of `advertiserId` (for paging tests). */
function addAdGroups(world, advertiserId, count) {
	const campaign = world.campaigns.find((c) => c.advertiser_id === advertiserId && !c.__deleted);
	const base = Date.parse('2026-08-01T00:00:00Z');
	const start = world.adgroups.length;
	for (let n = 0; n < count; n++) {
		const created = tikTokTime(base + n * 1000);
		world.adgroups.push({
			advertiser_id: advertiserId,
			campaign_id: campaign.campaign_id,
			campaign_name: campaign.campaign_name,
			adgroup_id: `1777${String(start + n + 1).padStart(15, '0')}`,
			adgroup_name: `Bulk group ${n + 1}`,
			operation_status: 'ENABLE',
			secondary_status: 'ADGROUP_STATUS_DELIVERY_OK',
			budget_mode: 'BUDGET_MODE_DAY',
			budget: 20,
			billing_event: 'CPC',
			bid_type: 'BID_TYPE_NO_BID',
			schedule_type: 'SCHEDULE_FROM_NOW',
			schedule_start_time: created,
			create_time: created,
			modify_time: created,
			__deleted: false,
			__buyingType: 'AUCTION',
		});
	}
}

function idList(filtering, key) {
	const value = filtering[key];
	if (value === undefined) return undefined;
	if (!Array.isArray(value)) throw new BusinessError(40002, `filtering.${key}: Not a valid list.`);
	if (value.length < 1 || value.length > 100) throw new BusinessError(40002, `filtering.${key}: Length must be between 1 and 100.`);
	return value.map(String);
}

function timeFilter(filtering, key) {
	const value = filtering[key];
	if (value === undefined) return undefined;
	const ms = parseTikTokTime(value);
	if (Number.isNaN(ms)) throw new BusinessError(40002, `filtering.${key}: Not a valid datetime (YYYY-MM-DD HH:MM:SS).`);
	return ms;
}

/** `/campaign/get/` and `/adgroup/get/`: filtering (with `buying_types`, TopView apart), fields, paging; newest first. */
function listRoute(app, path, { collection, idKey, nameKey, allowedFilters, validFields }) {
	businessRoute(app, 'GET', path, (ctx, grant) => {
		const advertiserId = advertiserParam(ctx, grant);
		const filtering = jsonParam(ctx, 'filtering', { type: 'object' }) ?? {};
		const fields = jsonParam(ctx, 'fields', { type: 'array' });
		for (const key of Object.keys(filtering)) {
			if (!allowedFilters.includes(key)) throw new BusinessError(40002, `filtering.${key}: Unknown field.`);
		}
		for (const field of fields ?? []) {
			if (!validFields.includes(field)) throw new BusinessError(40002, `fields: ${field} is not a valid field.`);
		}
		const campaignIds = idList(filtering, 'campaign_ids');
		const ownIds = idList(filtering, `${idKey}s`);
		const status = filtering.primary_status ?? 'STATUS_NOT_DELETE';
		if (!AD_STATUS[status]) throw new BusinessError(40002, `filtering.primary_status: Must be one of ${Object.keys(AD_STATUS).join(', ')}.`);
		const objective = filtering.objective_type;
		if (objective !== undefined) {
			if (!OBJECTIVES.includes(objective)) throw new BusinessError(40002, `filtering.objective_type: Must be one of ${OBJECTIVES.join(', ')}.`);
			if (objective === 'TOPVIEW_REACH') {
				throw new BusinessError(40002, 'filtering.objective_type: TOPVIEW_REACH is not supported, use buying_types ["RESERVATION_TOP_VIEW"].');
			}
		}
		const buyingTypes = filtering.buying_types ?? DEFAULT_BUYING_TYPES;
		if (!Array.isArray(buyingTypes) || buyingTypes.length === 0 || buyingTypes.some((b) => !BUYING_TYPES.includes(b))) {
			throw new BusinessError(40002, `filtering.buying_types: Must be a list of ${BUYING_TYPES.join(', ')}.`);
		}
		if (buyingTypes.includes('RESERVATION_TOP_VIEW') && buyingTypes.length > 1) {
			throw new BusinessError(40002, 'filtering.buying_types: RESERVATION_TOP_VIEW cannot be used with other values.');
		}
		const createdFrom = timeFilter(filtering, 'creation_filter_start_time');
		const createdTo = timeFilter(filtering, 'creation_filter_end_time');
		const name = filtering[nameKey];

		const list = app.state.world[collection]
			.filter((e) => e.advertiser_id === advertiserId)
			.filter((e) => buyingTypes.includes(e.__buyingType ?? 'AUCTION'))
			.filter((e) => !campaignIds || campaignIds.includes(e.campaign_id))
			.filter((e) => !ownIds || ownIds.includes(e[idKey]))
			.filter((e) => !name || String(e[nameKey]).toLowerCase().includes(String(name).toLowerCase()))
			.filter((e) => !objective || (e.objective_type ?? campaignOf(app, e)?.objective_type) === objective)
			.filter(AD_STATUS[status])
			.filter((e) => createdFrom === undefined || parseTikTokTime(e.create_time) >= createdFrom)
			.filter((e) => createdTo === undefined || parseTikTokTime(e.create_time) <= createdTo)
			.sort((a, b) => (a[idKey] < b[idKey] ? 1 : -1));
		// TopView lists take at most 100 a page: documented for ad groups [MD:Get ad groups], a switch for campaigns.
		const topViewCap = collection === 'adgroups' || app.state.topViewPageSizeCapForCampaigns !== false;
		const page = paginate(ctx, list, { maxPageSize: buyingTypes.includes('RESERVATION_TOP_VIEW') && topViewCap ? 100 : 1000 });
		return { ...page, list: page.list.map((e) => present(e, fields)) };
	});
}

function campaignOf(app, entity) {
	return app.state.world.campaigns.find((c) => c.campaign_id === entity.campaign_id);
}

function jsonBody(ctx) {
	if (!ctx.contentType.includes('application/json')) throw new BusinessError(40002, 'Content-Type must be application/json.');
	if (ctx.body?.__invalidJson !== undefined) throw new BusinessError(40002, 'Request body is not valid JSON.');
	return ctx.body ?? {};
}

function onlyFields(body, allowed) {
	for (const key of Object.keys(body)) {
		if (!allowed.includes(key)) throw new BusinessError(40002, `${key}: Unknown field.`);
	}
}

function idParam(body, key) {
	const value = body[key];
	if (value === undefined || value === '') throw new BusinessError(40002, `${key}: Missing data for required field.`);
	if (!/^\d+$/.test(String(value))) throw new BusinessError(40002, `${key}: Not a valid integer.`);
	return String(value);
}

/** Chinese and Japanese characters count 2 toward a name's length (BUBUBA model/campaign/create.go l.79-80). */
const WIDE = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\u3000-\u303f\uff00-\uffef]/u;
/** Korean is not named by the source: counted 2 only while `state.nameHangulWide` (strict default). */
const HANGUL = /\p{Script=Hangul}/u;

function nameParam(state, body, key, { max, below = false }) {
	const value = body[key];
	if (typeof value !== 'string' || value.trim() === '') throw new BusinessError(40002, `${key}: Must be a non-empty string.`);
	const wide = (ch) => WIDE.test(ch) || (state.nameHangulWide !== false && HANGUL.test(ch));
	const length = [...value].reduce((n, ch) => n + (wide(ch) ? 2 : 1), 0);
	if (below ? length >= max : length > max) throw new BusinessError(40002, `${key}: Length must be ${below ? 'less than' : 'at most'} ${max}.`);
	if (/\p{Extended_Pictographic}/u.test(value)) throw new BusinessError(40002, `${key}: Emoji are not allowed.`);
	return value;
}

/**
 * Checks a money amount as the fake's switches say TikTok does (contract §13.3, §13.4): a number, positive, within the
 * currency's decimals, at least the minimum in the currencies `state.budgetMinimums` knows.
 */
function amountParam(state, body, key, currency) {
	const value = body[key];
	if (typeof value !== 'number' || !Number.isFinite(value)) throw new BusinessError(40002, `${key}: Not a valid number.`);
	if (value <= 0) throw new BusinessError(40002, `${key}: Must be greater than 0.`);
	const allowed = state.budgetDecimals === 'iso' ? (ZERO_DECIMAL.has(currency) ? 0 : 2) : Number(state.budgetDecimals);
	const text = String(value);
	const decimals = text.includes('.') ? text.split('.')[1].length : 0;
	if (decimals > allowed) throw new BusinessError(40002, `${key}: ${currency} amounts allow at most ${allowed} decimal places.`);
	return value;
}

function minimumOf(state, currency, what) {
	return state.budgetMinimums?.[currency]?.[what];
}

/**
 * Whether `amount` is below TikTok's minimum: the FAQ's "the minimum budget is" (default: the minimum itself is
 * allowed) or, with `state.budgetMinimumRule === 'exceed'`, the help page's "must exceed" (contract §13.3).
 */
function belowMinimum(state, amount, minimum) {
	return minimum !== undefined && (state.budgetMinimumRule === 'exceed' ? amount <= minimum : amount < minimum);
}

function currencyOf(state, advertiserId) {
	return state.world.advertisers.find((a) => a.advertiser_id === advertiserId)?.currency ?? 'USD';
}

/** The UNCONFIRMED budget rules, off unless a switch turns them on (contract §13.4). */
function budgetChangeRules(state, entity, key, newBudget) {
	const interval = Number(state.budgetChangeMinIntervalMs ?? 0);
	if (interval > 0 && entity.__budgetChangedAt && Date.now() - entity.__budgetChangedAt < interval) {
		throw new BusinessError(40002, `${key}: The budget was changed too recently. Please try again later.`);
	}
	if (state.budgetBelowSpend === 'refuse' && entity.__spentToday !== undefined && newBudget < entity.__spentToday) {
		throw new BusinessError(40002, `${key}: The budget cannot be lower than the amount already spent (${entity.__spentToday}).`);
	}
}

function findEntity(state, collection, idKey, advertiserId, id, noun) {
	const entity = state.world[collection].find((e) => e[idKey] === id && e.advertiser_id === advertiserId);
	if (!entity) throw new BusinessError(40002, `${noun} ${id} does not exist under advertiser ${advertiserId}.`);
	if (entity.__deleted) throw new BusinessError(40002, `${noun} ${id} has been deleted and cannot be modified.`);
	if (entity.__buyingType === 'RESERVATION_TOP_VIEW') throw new BusinessError(40002, `${noun} ${id} is a TopView ${noun.toLowerCase()} and cannot be modified through the API.`);
	return entity;
}

function campaignRoutes(app) {
	const { state } = app;

	businessRoute(app, 'POST', '/campaign/create/', (ctx, grant) => {
		const body = jsonBody(ctx);
		const advertiserId = advertiserParam(ctx, grant, body.advertiser_id);
		onlyFields(body, CAMPAIGN_CREATE_BODY);
		const name = nameParam(state, body, 'campaign_name', { max: 512 });
		if (!CREATE_OBJECTIVES.includes(body.objective_type)) {
			throw new BusinessError(40002, `objective_type: Must be one of ${CREATE_OBJECTIVES.join(', ')}.`);
		}
		const mode = body.budget_mode;
		if (body.objective_type === 'RF_REACH') {
			if (mode !== undefined && mode !== 'BUDGET_MODE_INFINITE') throw new BusinessError(40002, 'budget_mode: RF_REACH campaigns only support BUDGET_MODE_INFINITE.');
		} else if (!BUDGET_MODES.includes(mode)) {
			throw new BusinessError(40002, `budget_mode: Must be one of ${BUDGET_MODES.join(', ')}.`);
		}
		const currency = currencyOf(state, advertiserId);
		let budget = 0;
		if (mode && mode !== 'BUDGET_MODE_INFINITE') {
			if (body.budget === undefined) throw new BusinessError(40002, 'budget: Missing data for required field.');
			budget = amountParam(state, body, 'budget', currency);
			const minimum = minimumOf(state, currency, mode === 'BUDGET_MODE_TOTAL' ? 'campaignTotal' : 'campaignDaily');
			if (belowMinimum(state, budget, minimum)) throw new BusinessError(40002, `budget: The budget must be ${state.budgetMinimumRule === 'exceed' ? 'more than' : 'at least'} ${minimum} ${currency}.`);
		}
		if (body.operation_status !== undefined && !['ENABLE', 'DISABLE'].includes(body.operation_status)) {
			throw new BusinessError(40002, 'operation_status: Must be one of ENABLE, DISABLE.');
		}
		// "For Reach & Frequency campaigns, set ENABLE or leave it out; do not set DISABLE" (BUBUBA create.go l.165).
		if (body.objective_type === 'RF_REACH' && body.operation_status === 'DISABLE') {
			throw new BusinessError(40002, 'operation_status: Reach & Frequency campaigns cannot be created with DISABLE.');
		}
		if (body.request_id !== undefined) {
			// "A 64-bit integer as a string" (BUBUBA create.go l.85).
			const text = String(body.request_id);
			if (typeof body.request_id !== 'string' || !/^\d{1,19}$/.test(text) || BigInt(text) > INT64_MAX) {
				throw new BusinessError(40002, 'request_id: Must be a 64-bit integer string.');
			}
			const earlier = state.world.campaigns.find((c) => c.__requestId === text && c.advertiser_id === advertiserId);
			// "Only one request with the same request_id succeeds" (BUBUBA create.go l.82); what the others get is
			// UNCONFIRMED: refused (strict) or, with `repeatedRequestId: 'same'`, answered with the campaign made first.
			if (earlier && state.repeatedRequestId === 'same') return present(earlier);
			if (earlier) throw new BusinessError(40002, `request_id: A campaign was already created with request_id ${text}.`);
		}
		const now = tikTokTime(Date.now());
		const index = state.world.campaigns.filter((c) => c.advertiser_id === advertiserId).length + 1;
		const campaign = {
			advertiser_id: advertiserId,
			campaign_id: `18${advertiserId.slice(-2)}${String(500000 + index).padStart(15, '0')}`,
			campaign_name: name,
			objective_type: body.objective_type,
			operation_status: body.operation_status ?? 'ENABLE',
			budget,
			budget_mode: mode ?? 'BUDGET_MODE_INFINITE',
			campaign_type: body.campaign_type ?? 'REGULAR_CAMPAIGN',
			special_industries: body.special_industries,
			po_number: body.po_number,
			budget_optimize_on: body.budget_optimize_on,
			is_new_structure: true,
			create_time: now,
			modify_time: now,
			__deleted: false,
			__buyingType: body.objective_type === 'RF_REACH' ? 'RESERVATION_RF' : 'AUCTION',
			__requestId: body.request_id === undefined ? undefined : String(body.request_id),
		};
		campaign.secondary_status = secondaryOf('CAMPAIGN', campaign);
		state.world.campaigns.push(campaign);
		return present(campaign);
	});

	businessRoute(app, 'POST', '/campaign/update/', (ctx, grant) => {
		const body = jsonBody(ctx);
		const advertiserId = advertiserParam(ctx, grant, body.advertiser_id);
		onlyFields(body, CAMPAIGN_UPDATE_BODY);
		const campaign = findEntity(state, 'campaigns', 'campaign_id', advertiserId, idParam(body, 'campaign_id'), 'Campaign');
		const changes = {};
		if (body.campaign_name !== undefined) changes.campaign_name = nameParam(state, body, 'campaign_name', { max: 512 });
		if (body.budget !== undefined) {
			if (campaign.budget_mode === 'BUDGET_MODE_INFINITE') throw new BusinessError(40002, 'budget: Campaigns without a budget limit cannot set a budget.');
			const currency = currencyOf(state, advertiserId);
			const budget = amountParam(state, body, 'budget', currency);
			const minimum = minimumOf(state, currency, campaign.budget_mode === 'BUDGET_MODE_TOTAL' ? 'campaignTotal' : 'campaignDaily');
			if (belowMinimum(state, budget, minimum)) throw new BusinessError(40002, `budget: The budget must be ${state.budgetMinimumRule === 'exceed' ? 'more than' : 'at least'} ${minimum} ${currency}.`);
			budgetChangeRules(state, campaign, 'budget', budget);
			changes.budget = budget;
			campaign.__budgetChangedAt = Date.now();
		}
		if (body.special_industries !== undefined) changes.special_industries = body.special_industries;
		if (body.po_number !== undefined) changes.po_number = body.po_number;
		Object.assign(campaign, changes, { modify_time: tikTokTime(Date.now()) });
		return present(campaign);
	});

	statusRoute(app, {
		path: '/campaign/status/update/',
		collection: 'campaigns',
		idKey: 'campaign_id',
		idsKey: 'campaign_ids',
		noun: 'Campaign',
		prefix: 'CAMPAIGN',
		partial: () => state.campaignStatusPartialSuccess,
		named: () => state.campaignStatusErrorsNameIds !== false,
		answer: (changed, status) => ({
			campaign_ids: changed.map((c) => c.campaign_id),
			status,
			campaign_list: changed.map((c) => ({ campaign_id: c.campaign_id, status })),
		}),
	});
}

function adGroupRoutes(app) {
	const { state } = app;

	businessRoute(app, 'POST', '/adgroup/update/', (ctx, grant) => {
		const body = jsonBody(ctx);
		const advertiserId = advertiserParam(ctx, grant, body.advertiser_id);
		onlyFields(body, ADGROUP_UPDATE_BODY);
		const group = findEntity(state, 'adgroups', 'adgroup_id', advertiserId, idParam(body, 'adgroup_id'), 'Ad group');
		const currency = currencyOf(state, advertiserId);
		const changes = {};
		if (body.adgroup_name !== undefined) changes.adgroup_name = nameParam(state, body, 'adgroup_name', { max: 512, below: true });
		for (const key of ['schedule_start_time', 'schedule_end_time']) {
			if (body[key] !== undefined && Number.isNaN(parseTikTokTime(body[key]))) {
				throw new BusinessError(40002, `${key}: Not a valid datetime (YYYY-MM-DD HH:MM:SS).`);
			}
		}
		const scheduleType = body.schedule_type ?? group.schedule_type;
		if (body.schedule_type !== undefined && !SCHEDULE_TYPES.includes(body.schedule_type)) {
			throw new BusinessError(40002, `schedule_type: Must be one of ${SCHEDULE_TYPES.join(', ')}.`);
		}
		// SCHEDULE_START_END needs a start and an end, SCHEDULE_FROM_NOW only a start (BUBUBA update.go l.313-314).
		if (body.schedule_type === 'SCHEDULE_START_END' && (body.schedule_start_time === undefined || body.schedule_end_time === undefined)) {
			throw new BusinessError(40002, 'schedule_start_time, schedule_end_time: Required when schedule_type is SCHEDULE_START_END.');
		}
		// An end alone on a "from now" ad group: UNCONFIRMED; refused (strict) unless `endTimeOnFromNow: 'accept'`.
		if (body.schedule_end_time !== undefined && scheduleType === 'SCHEDULE_FROM_NOW' && state.endTimeOnFromNow !== 'accept') {
			throw new BusinessError(40002, 'schedule_end_time: Only for schedule_type SCHEDULE_START_END.');
		}
		const start = body.schedule_start_time ?? group.schedule_start_time;
		const end = body.schedule_end_time ?? group.schedule_end_time;
		if (body.schedule_end_time !== undefined && start && parseTikTokTime(end) <= parseTikTokTime(start)) {
			throw new BusinessError(40002, 'schedule_end_time: The end time must be later than the start time.');
		}
		if (body.schedule_start_time !== undefined) changes.schedule_start_time = body.schedule_start_time;
		if (body.schedule_end_time !== undefined) changes.schedule_end_time = body.schedule_end_time;
		let budget = Number(group.budget);
		if (body.budget !== undefined) {
			if (group.budget_mode === 'BUDGET_MODE_INFINITE') throw new BusinessError(40002, 'budget: Ad groups without a budget limit cannot set a budget.');
			budget = amountParam(state, body, 'budget', currency);
			const daily = minimumOf(state, currency, 'adgroupDaily');
			if (daily !== undefined) {
				const days = group.budget_mode === 'BUDGET_MODE_TOTAL' && start && end
					? Math.max(1, Math.ceil((parseTikTokTime(end) - parseTikTokTime(start)) / 86_400_000))
					: 1;
				if (belowMinimum(state, budget, daily * days)) throw new BusinessError(40002, `budget: The budget must be ${state.budgetMinimumRule === 'exceed' ? 'more than' : 'at least'} ${daily * days} ${currency}.`);
			}
			budgetChangeRules(state, group, 'budget', budget);
			changes.budget = budget;
		}
		if (body.bid_type !== undefined && !BID_TYPES.includes(body.bid_type)) {
			throw new BusinessError(40002, `bid_type: Must be one of ${BID_TYPES.join(', ')}.`);
		}
		const bidType = body.bid_type ?? group.bid_type;
		// With BID_TYPE_CUSTOM, bid_price is required for CPC / CPM / CPV and conversion_bid_price for OCPM (BUBUBA
		// update.go l.352, l.357): a switch to it must carry the bid.
		const bidKey = group.billing_event === 'OCPM' ? 'conversion_bid_price' : 'bid_price';
		if (body.bid_type === 'BID_TYPE_CUSTOM' && group.bid_type !== 'BID_TYPE_CUSTOM' && body[bidKey] === undefined) {
			throw new BusinessError(40002, `${bidKey}: Required when bid_type is BID_TYPE_CUSTOM with billing event ${group.billing_event}.`);
		}
		const campaign = campaignOf(app, group);
		for (const key of ['bid_price', 'conversion_bid_price']) {
			if (body[key] === undefined) continue;
			const bid = amountParam(state, body, key, currency);
			// A bid on a maximum-delivery ad group: UNCONFIRMED; refused (strict) or, with `bidOnNoBid: 'ignore'`, dropped.
			if (bidType !== 'BID_TYPE_CUSTOM') {
				if (state.bidOnNoBid === 'ignore') continue;
				throw new BusinessError(40002, `${key}: Only for bid_type BID_TYPE_CUSTOM (this ad group is ${bidType ?? 'BID_TYPE_NO_BID'}).`);
			}
			// "Lower than the budget set at the campaign and ad group level" (BUBUBA update.go l.353, l.358).
			if (group.budget_mode !== 'BUDGET_MODE_INFINITE' && bid >= budget) {
				throw new BusinessError(40002, `${key}: The bid must be lower than the budget.`);
			}
			if (campaign && campaign.budget_mode !== 'BUDGET_MODE_INFINITE' && bid >= Number(campaign.budget)) {
				throw new BusinessError(40002, `${key}: The bid must be lower than the campaign budget.`);
			}
			changes[key] = bid;
		}
		for (const key of Object.keys(body)) {
			if (!(key in changes) && !['advertiser_id', 'adgroup_id', 'bid_price', 'conversion_bid_price'].includes(key)) changes[key] = body[key];
		}
		if (changes.budget !== undefined) group.__budgetChangedAt = Date.now();
		Object.assign(group, changes, { modify_time: tikTokTime(Date.now()) });
		return present(group);
	});

	statusRoute(app, {
		path: '/adgroup/status/update/',
		collection: 'adgroups',
		idKey: 'adgroup_id',
		idsKey: 'adgroup_ids',
		noun: 'Ad group',
		prefix: 'ADGROUP',
		// allow_partial_success is documented for ad groups (BUBUBA status_update.go): refused ones go to error_list.
		partial: (body) => (body.allow_partial_success === true ? 'error_list' : false),
		named: () => true,
		answer: (changed, status) => ({ adgroup_ids: changed.map((g) => g.adgroup_id), status }),
	});
}

/**
 * A status route: `{advertiser_id, <ids> (1-20), operation_status}`. Deleted or missing entities (or those in a deleted
 * campaign) cannot change: the whole call is refused naming them, unless partial success applies.
 */
function statusRoute(app, { path, collection, idKey, idsKey, noun, prefix, partial, named, answer }) {
	const { state } = app;
	businessRoute(app, 'POST', path, (ctx, grant) => {
		const body = jsonBody(ctx);
		const advertiserId = advertiserParam(ctx, grant, body.advertiser_id);
		const allowed = ['advertiser_id', idsKey, 'operation_status', collection === 'adgroups' ? 'allow_partial_success' : 'postback_window_mode'];
		onlyFields(body, allowed);
		const status = body.operation_status;
		if (status === undefined) throw new BusinessError(40002, 'operation_status: Missing data for required field.');
		if (!OPERATION_STATUSES.includes(status)) throw new BusinessError(40002, `operation_status: Must be one of: ${OPERATION_STATUSES.join(', ')}.`);
		const list = body[idsKey];
		if (list === undefined) throw new BusinessError(40002, `${idsKey}: Missing data for required field.`);
		if (!Array.isArray(list)) throw new BusinessError(40002, `${idsKey}: Not a valid list.`);
		if (list.length < 1 || list.length > 20) throw new BusinessError(40002, `${idsKey}: Length must be between 1 and 20.`);
		const ids = list.map(String);
		const found = ids.map((id) => state.world[collection].find((e) => e[idKey] === id && e.advertiser_id === advertiserId));
		const unchangeable = (e) => !e || e.__deleted || (collection !== 'campaigns' && campaignOf(app, e)?.__deleted === true);
		const refused = ids.filter((id, i) => unchangeable(found[i]));
		const mode = partial(body);
		if (refused.length && !mode) {
			throw new BusinessError(
				40002,
				named() ? `${noun}s ${refused.join(', ')} do not exist or have been deleted and cannot be modified.` : `Invalid ${idsKey}.`,
			);
		}
		const changed = found.filter((e) => !unchangeable(e));
		const now = tikTokTime(Date.now());
		for (const entity of changed) {
			if (status === 'DELETE') entity.__deleted = true;
			else entity.operation_status = status;
			entity.secondary_status = secondaryOf(prefix, entity);
			entity.modify_time = now;
		}
		const data = answer(changed, status);
		if (mode === 'error_list') {
			data.error_list = refused.map((id) => ({ [idKey]: id, error_message: `${noun} ${id} does not exist or has been deleted.` }));
		}
		return data;
	});
}

function register(app) {
	const { state } = app;
	extendWorld(state.world);
	// Switches (contract §13.4): strict defaults from the sources; tests flip them to run both behaviours.
	state.campaignStatusErrorsNameIds = state.campaignStatusErrorsNameIds ?? true;
	state.campaignStatusPartialSuccess = state.campaignStatusPartialSuccess ?? false;
	state.budgetMinimums = state.budgetMinimums ?? { USD: { campaignDaily: 50, campaignTotal: 50, adgroupDaily: 20 } };
	state.budgetDecimals = state.budgetDecimals ?? 'iso';
	state.budgetChangeMinIntervalMs = state.budgetChangeMinIntervalMs ?? 0;
	state.budgetBelowSpend = state.budgetBelowSpend ?? 'allow';
	state.topViewPageSizeCapForCampaigns = state.topViewPageSizeCapForCampaigns ?? true;
	state.repeatedRequestId = state.repeatedRequestId ?? 'refuse';
	state.nameHangulWide = state.nameHangulWide ?? true;
	state.budgetMinimumRule = state.budgetMinimumRule ?? 'minimum';
	state.bidOnNoBid = state.bidOnNoBid ?? 'refuse';
	state.endTimeOnFromNow = state.endTimeOnFromNow ?? 'refuse';

	listRoute(app, '/campaign/get/', {
		collection: 'campaigns',
		idKey: 'campaign_id',
		nameKey: 'campaign_name',
		validFields: CAMPAIGN_FIELDS,
		allowedFilters: [
			'campaign_ids', 'campaign_name', 'primary_status', 'secondary_status', 'objective_type', 'buying_types',
			'campaign_type', 'creation_filter_start_time', 'creation_filter_end_time', 'campaign_system_origins',
			'is_smart_performance_campaign', 'split_test_enabled', 'campaign_product_source', 'optimization_goal',
		],
	});
	listRoute(app, '/adgroup/get/', {
		collection: 'adgroups',
		idKey: 'adgroup_id',
		nameKey: 'adgroup_name',
		validFields: ADGROUP_FIELDS,
		allowedFilters: [
			'campaign_ids', 'adgroup_ids', 'adgroup_name', 'primary_status', 'secondary_status', 'objective_type',
			'buying_types', 'optimization_goal', 'promotion_type', 'bid_strategy', 'billing_events',
			'creative_material_mode', 'creation_filter_start_time', 'creation_filter_end_time', 'campaign_system_origins',
			'split_test_enabled',
		],
	});
	campaignRoutes(app);
	adGroupRoutes(app);

	// Test and dev controls (not TikTok): switches, a TopView campaign, many ad groups.
	app.route('POST', '/__fake/campaigns/switches', (ctx) => {
		const keys = [
			'campaignStatusErrorsNameIds', 'campaignStatusPartialSuccess', 'budgetMinimums', 'budgetDecimals', 'budgetChangeMinIntervalMs',
			'budgetBelowSpend', 'topViewPageSizeCapForCampaigns', 'repeatedRequestId', 'nameHangulWide', 'budgetMinimumRule',
			'bidOnNoBid', 'endTimeOnFromNow',
		];
		for (const key of keys) if (ctx.body && key in ctx.body) state[key] = ctx.body[key];
		return { status: 200, json: Object.fromEntries(keys.map((k) => [k, state[k]])) };
	});
	app.route('POST', '/__fake/campaigns/topview', (ctx) => {
		const campaign = addTopViewCampaign(state.world, String(ctx.body?.advertiser_id ?? state.world.advertisers[0].advertiser_id));
		return { status: 200, json: { campaign_id: campaign.campaign_id } };
	});
	app.route('POST', '/__fake/adgroups', (ctx) => {
		addAdGroups(state.world, String(ctx.body?.advertiser_id ?? state.world.advertisers[0].advertiser_id), Number(ctx.body?.count ?? 1));
		return { status: 200, json: { adgroups: state.world.adgroups.length } };
	});
}

module.exports = register;
Object.assign(module.exports, {
	addTopViewCampaign, addAdGroups, addCampaigns, extendWorld,
	// For the creating routes (adCreation.js): the same body, name, amount and entity rules.
	jsonBody, onlyFields, idParam, nameParam, amountParam, minimumOf, belowMinimum, currencyOf, findEntity, secondaryOf, INT64_MAX,
});
