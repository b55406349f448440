'use strict';
// Synchronous reports: GET /report/integrated/get/ with TikTok's validation (required fields, date windows, paging,
// double-encoded filtering, unknown metrics) and deterministic, seeded metrics over the seeded world.
// Test switches: `state.reportQueryTooLargeDays = N` (or POST /__fake/reports/query-too-large {days}) answers 40067
// for any date window longer than N days.
const { BusinessError, advertiserParam, businessRoute, jsonParam, paginate } = require('./business');
const { AD_STATUS } = require('./ads');
const { rawNumber } = require('./contract');

// The names TikTok has, from sources independent of this project (see the file's `sources`): the fake accepts no
// other dimension or metric.
const INDEPENDENT = require('../reports/tiktok-report-names.json');
const LISTED_DIMENSIONS = new Set([...INDEPENDENT.dimensions.bububa, ...INDEPENDENT.dimensions.fivetran]);
const LISTED_METRICS = new Set(INDEPENDENT.metrics.bububa);
/** What a TT_SHOP report is documented to take: its default metrics. Which others it accepts is UNCONFIRMED. */
const TT_SHOP_DOCUMENTED_METRICS = INDEPENDENT.ttShopDefaultMetrics.value;

const REPORT_TYPES = ['BASIC', 'AUDIENCE', 'PLAYABLE_MATERIAL', 'CATALOG', 'BC', 'TT_SHOP'];
const SERVICE_TYPES = ['AUCTION', 'RESERVATION'];
const DATA_LEVEL_RANK = {
	AUCTION_ADVERTISER: 0,
	AUCTION_CAMPAIGN: 1,
	AUCTION_ADGROUP: 2,
	AUCTION_AD: 3,
	RESERVATION_ADVERTISER: 0,
	RESERVATION_CAMPAIGN: 1,
	RESERVATION_ADGROUP: 2,
	RESERVATION_AD: 3,
};
const NEEDS_DATA_LEVEL = ['BASIC', 'AUDIENCE', 'CATALOG'];
const LIFETIME_REPORTS = ['BASIC', 'PLAYABLE_MATERIAL'];

/** ID dimensions, from the coarsest to the finest, and the world collection each one walks. */
const ID_DIMENSIONS = ['advertiser_id', 'campaign_id', 'adgroup_id', 'ad_id'];
const ID_COLLECTION = { campaign_id: 'campaigns', adgroup_id: 'adgroups', ad_id: 'ads' };
const TIME_DIMENSIONS = ['stat_time_day', 'stat_time_hour'];

/** Breakdown dimensions and the values the fake spreads data over. */
const BREAKDOWNS = {
	country_code: ['US', 'GB', 'DE', 'SG'],
	age: ['AGE_13_17', 'AGE_18_24', 'AGE_25_34', 'AGE_35_44', 'AGE_45_54', 'AGE_55_100'],
	gender: ['FEMALE', 'MALE', 'NONE'],
	platform: ['ANDROID', 'IPHONE', 'IPAD', 'PC'],
	ac: ['WIFI', '4G', '5G', '3G'],
	language: ['en', 'de', 'fr', 'zh'],
	placement: ['PLACEMENT_TIKTOK', 'PLACEMENT_PANGLE', 'PLACEMENT_GLOBAL_APP_BUNDLE'],
	interest_category: ['Apparel', 'Games', 'Food & Beverage', 'Travel'],
	interest_category_v2: ['10000', '20000', '30000'],
	contextual_tag: ['Sports', 'Beauty', 'Music'],
	playable_id: ['playable-0001', 'playable-0002', 'playable-0003'],
	catalog_id: ['7400000000000000001'],
	product_set_id: ['7410000000000000001', '7410000000000000002'],
	product_id: ['sku-red', 'sku-blue', 'sku-green'],
	sku_id: ['sku-red-m', 'sku-blue-l'],
	room_id: ['live-room-01', 'live-room-02'],
};

const DIMENSIONS_BY_REPORT = Object.fromEntries(
	Object.entries({
		BASIC: [...ID_DIMENSIONS, ...TIME_DIMENSIONS, 'country_code'],
		AUDIENCE: [
			...ID_DIMENSIONS,
			...TIME_DIMENSIONS,
			'country_code', 'age', 'gender', 'platform', 'ac', 'language', 'placement', 'interest_category',
			'interest_category_v2', 'contextual_tag',
		],
		PLAYABLE_MATERIAL: ['playable_id', 'country_code', ...TIME_DIMENSIONS],
		CATALOG: [...ID_DIMENSIONS, ...TIME_DIMENSIONS, 'catalog_id', 'product_set_id', 'product_id', 'sku_id'],
		TT_SHOP: ['advertiser_id', 'campaign_id', 'room_id', ...TIME_DIMENSIONS],
	}).map(([type, names]) => [type, names.filter((name) => LISTED_DIMENSIONS.has(name))]),
);
const AUDIENCE_ONLY = ['age', 'gender', 'platform', 'ac', 'language', 'placement', 'interest_category', 'interest_category_v2', 'contextual_tag'];

/** Attribute metrics: properties of the row's campaign / ad group / ad, not numbers. */
const ATTRIBUTE_METRICS = {
	advertiser_name: (e, adv) => adv.advertiser_name,
	advertiser_id: (e, adv) => adv.advertiser_id,
	campaign_name: (e) => e.campaign_name,
	campaign_id: (e) => e.campaign_id,
	objective_type: (e) => e.objective_type ?? e.__campaign?.objective_type,
	campaign_budget: (e) => (e.budget ?? e.__campaign?.budget) !== undefined ? String(e.budget ?? e.__campaign?.budget) : undefined,
	adgroup_name: (e) => e.adgroup_name,
	adgroup_id: (e) => e.adgroup_id,
	ad_name: (e) => e.ad_name,
	ad_id: (e) => e.ad_id,
	ad_text: (e) => e.ad_text,
	call_to_action: (e) => e.call_to_action,
	currency: (e, adv) => adv.currency,
	promotion_type: (e) => (e.adgroup_id ? 'WEBSITE' : undefined),
	placement_type: (e) => (e.adgroup_id ? 'PLACEMENT_TYPE_NORMAL' : undefined),
	budget: (e) => (e.adgroup_id ? '50.00' : undefined),
	bid_strategy: (e) => (e.adgroup_id ? 'BID_STRATEGY_COST_CAP' : undefined),
};

/** Counters the fake generates for every row (summed across days when there is no time dimension). */
const BASE = [
	'impressions', 'gross_impressions', 'clicks', 'spend', 'reach', 'conversion', 'real_time_conversion', 'result',
	'video_play_actions', 'video_watched_2s', 'video_watched_6s', 'video_views_p25', 'video_views_p50',
	'video_views_p75', 'video_views_p100', 'engaged_view', 'engaged_view_15s', 'likes', 'comments', 'shares',
	'follows', 'profile_visits', 'engagements', 'app_install', 'complete_payment', 'total_complete_payment_rate',
	'billed_cost', 'cash_spend', 'voucher_spend', 'secondary_goal_result', 'anchor_clicks', 'clicks_on_music_disc',
];

const round2 = (n) => Math.round(n * 100) / 100;
const ratio = (num, den, scale = 1) => (den > 0 ? (round2((num / den) * scale)).toFixed(2) : '-');

/** Derived metrics: computed from the summed counters, `"-"` where TikTok cannot compute them. */
const DERIVED = {
	ctr: (b) => ratio(b.clicks, b.impressions, 100),
	cpc: (b) => ratio(b.spend, b.clicks),
	cpm: (b) => ratio(b.spend, b.impressions, 1000),
	frequency: (b, hourly) => (hourly ? '-' : ratio(b.impressions, b.reach)),
	cost_per_1000_reached: (b, hourly) => (hourly ? '-' : ratio(b.spend, b.reach, 1000)),
	cost_per_conversion: (b) => ratio(b.spend, b.conversion),
	conversion_rate: (b) => ratio(b.conversion, b.clicks, 100),
	conversion_rate_v2: (b) => ratio(b.conversion, b.impressions, 100),
	real_time_cost_per_conversion: (b) => ratio(b.spend, b.real_time_conversion),
	real_time_conversion_rate: (b) => ratio(b.real_time_conversion, b.clicks, 100),
	cost_per_result: (b) => ratio(b.spend, b.result),
	result_rate: (b) => ratio(b.result, b.impressions, 100),
	cost_per_secondary_goal_result: (b) => ratio(b.spend, b.secondary_goal_result),
	engagement_rate: (b) => ratio(b.engagements, b.impressions, 100),
	profile_visits_rate: (b) => ratio(b.profile_visits, b.impressions, 100),
	average_video_play: (b) => ratio(b.video_watched_6s * 7 + b.video_watched_2s * 3, b.video_play_actions),
	average_video_play_per_user: (b, hourly) => (hourly ? '-' : ratio(b.video_watched_6s * 8, b.reach)),
	cost_per_app_install: (b) => ratio(b.spend, b.app_install),
	complete_payment_roas: (b) => ratio(b.total_complete_payment_rate, b.spend),
	cost_per_complete_payment: (b) => ratio(b.spend, b.complete_payment),
	value_per_complete_payment: (b) => ratio(b.total_complete_payment_rate, b.complete_payment),
	complete_payment_rate: (b) => ratio(b.complete_payment, b.clicks, 100),
};

const MONEY = new Set(['spend', 'billed_cost', 'cash_spend', 'voucher_spend', 'total_complete_payment_rate']);

/** Strict: the independent list. (The fake computes values for the metrics above; others come back as "-".) */
const KNOWN_METRICS = LISTED_METRICS;

/** Filter fields the fake understands (others TikTok documents are accepted and ignored). */
const ID_FILTERS = { campaign_ids: 'campaign_id', adgroup_ids: 'adgroup_id', ad_ids: 'ad_id' };
const STATUS_FILTERS = { campaign_status: 'campaign_id', adgroup_status: 'adgroup_id', ad_status: 'ad_id' };
const ACCEPTED_FILTERS = new Set([
	...Object.keys(ID_FILTERS),
	...Object.keys(STATUS_FILTERS),
	'country_code', 'buying_type', 'campaign_automation_type', 'promotion_type', 'objective_type', 'campaign_name',
	'adgroup_name', 'ad_name', 'placement', 'age', 'gender', 'platform',
]);
const FILTER_TYPES = ['IN', 'NOT_IN', 'CONTAIN_ANY_OF', 'MATCH', 'GREATER_EQUAL', 'GREATER_THAN', 'LOWER_EQUAL', 'LOWER_THAN', 'BETWEEN'];
const ARRAY_FILTER_TYPES = ['IN', 'NOT_IN', 'CONTAIN_ANY_OF', 'BETWEEN'];

/** Seeded draws for a row key (FNV-1a of the key, then mulberry32): the same key always yields the same metrics. */
const DRAWS = new Float64Array(8);
function drawFor(key) {
	let a = 0x811c9dc5;
	for (let i = 0; i < key.length; i++) {
		a ^= key.charCodeAt(i);
		a = Math.imul(a, 0x01000193) >>> 0;
	}
	for (let n = 0; n < DRAWS.length; n++) {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		DRAWS[n] = ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	}
	return DRAWS;
}

/** The counters of one entity for one day or hour (`scale` 1 for a day, ~1/24 for an hour). */
function baseCounters(key, scale) {
	const [r1, r2, r3, r4, r5, r6, r7, r8] = drawFor(key);
	const impressions = Math.floor((300 + r1 * 6000) * scale);
	const clicks = Math.floor(impressions * (0.004 + r2 * 0.03));
	const spend = round2((impressions / 1000) * (2 + r3 * 9));
	// About a third of the rows have no conversion: their cost per conversion is TikTok's "-".
	const conversion = r4 < 0.35 ? 0 : Math.floor(clicks * (r4 - 0.35) * 0.4);
	const plays = Math.floor(impressions * (0.3 + r5 * 0.4));
	const p25 = Math.floor(plays * (0.5 + r6 * 0.3));
	const p50 = Math.floor(p25 * (0.6 + r7 * 0.3));
	const p75 = Math.floor(p50 * (0.6 + r8 * 0.3));
	const payments = Math.floor(conversion * r6);
	return {
		impressions,
		gross_impressions: impressions + Math.floor(impressions * r7 * 0.02),
		clicks,
		spend,
		reach: Math.max(1, Math.floor(impressions * (0.55 + r8 * 0.35))),
		conversion,
		real_time_conversion: Math.max(0, conversion - (r5 < 0.5 ? 1 : 0)),
		result: conversion,
		video_play_actions: plays,
		video_watched_2s: Math.floor(plays * (0.6 + r7 * 0.3)),
		video_watched_6s: Math.floor(plays * (0.3 + r8 * 0.3)),
		video_views_p25: p25,
		video_views_p50: p50,
		video_views_p75: p75,
		video_views_p100: Math.floor(p75 * (0.5 + r2 * 0.4)),
		engaged_view: Math.floor(plays * (0.2 + r3 * 0.2)),
		engaged_view_15s: Math.floor(plays * (0.05 + r3 * 0.1)),
		likes: Math.floor(impressions * r6 * 0.02),
		comments: Math.floor(impressions * r7 * 0.002),
		shares: Math.floor(impressions * r8 * 0.002),
		follows: Math.floor(impressions * r5 * 0.001),
		profile_visits: Math.floor(impressions * r2 * 0.004),
		engagements: clicks + Math.floor(impressions * r3 * 0.01),
		app_install: Math.floor(conversion * r7),
		complete_payment: payments,
		total_complete_payment_value: round2(payments * (15 + r8 * 60)),
		billed_cost: round2(spend * (0.9 + r5 * 0.1)),
		cash_spend: round2(spend * 0.95),
		voucher_spend: round2(spend * 0.05),
		secondary_goal_result: Math.floor(conversion * r8 * 0.5),
		anchor_clicks: Math.floor(clicks * r6 * 0.1),
		clicks_on_music_disc: Math.floor(clicks * r7 * 0.05),
	};
}

function addCounters(into, add) {
	for (const key of BASE) into[key] += add[key];
	return into;
}

/** One metric of a row, as TikTok sends it: a string, or `"-"`. */
function metricValue(name, base, entity, advertiser, hourly) {
	if (ATTRIBUTE_METRICS[name]) {
		const value = ATTRIBUTE_METRICS[name](entity ?? {}, advertiser);
		return value === undefined || value === null || value === '' ? '-' : String(value);
	}
	if (DERIVED[name]) return DERIVED[name](base, hourly);
	if (!(name in base)) return '-';
	if (hourly && name === 'reach') return '-';
	return MONEY.has(name) ? round2(base[name]).toFixed(2) : String(base[name]);
}

// ---------------------------------------------------------------------------------------------------------------
// Dates

function parseDate(name, text) {
	if (typeof text !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(text)) {
		throw new BusinessError(40002, `${name}: Not a valid date, expected format YYYY-MM-DD.`);
	}
	const ms = Date.parse(`${text}T00:00:00Z`);
	if (Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== text) {
		throw new BusinessError(40002, `${name}: Not a valid date, expected format YYYY-MM-DD.`);
	}
	return ms;
}

function daysOf(startMs, endMs) {
	const days = [];
	for (let ms = startMs; ms <= endMs; ms += 86400000) days.push(new Date(ms).toISOString().slice(0, 10));
	return days;
}

// ---------------------------------------------------------------------------------------------------------------
// Request parsing and validation

function parseFiltering(ctx, reportType) {
	const filtering = jsonParam(ctx, 'filtering', { type: 'array' });
	if (filtering === undefined) return [];
	if (reportType === 'TT_SHOP') throw new BusinessError(40002, 'filtering: Not supported when report_type is TT_SHOP.');
	return filtering.map((filter, index) => {
		if (typeof filter !== 'object' || filter === null || Array.isArray(filter)) {
			throw new BusinessError(40002, `filtering[${index}]: Not a valid object.`);
		}
		for (const key of ['field_name', 'filter_type', 'filter_value']) {
			if (filter[key] === undefined) throw new BusinessError(40002, `filtering[${index}].${key}: Missing data for required field.`);
		}
		const { field_name: field, filter_type: type, filter_value: raw } = filter;
		if (!ACCEPTED_FILTERS.has(field)) throw new BusinessError(40002, `filtering[${index}].field_name: ${field} is not a supported filter field.`);
		if (!FILTER_TYPES.includes(type)) throw new BusinessError(40002, `filtering[${index}].filter_type: Must be one of ${FILTER_TYPES.join(', ')}.`);
		// TikTok's filter_value is always text: a JSON array inside the JSON array (double-encoded) for IN & co.
		if (typeof raw !== 'string') throw new BusinessError(40002, `filtering[${index}].filter_value: Not a valid string.`);
		let values = [raw];
		if (ARRAY_FILTER_TYPES.includes(type)) {
			try {
				values = JSON.parse(raw);
			} catch {
				values = undefined;
			}
			if (!Array.isArray(values)) {
				throw new BusinessError(40002, `filtering[${index}].filter_value: Must be a JSON array string when filter_type is ${type}.`);
			}
			if (type === 'BETWEEN' && values.length !== 2) {
				throw new BusinessError(40002, `filtering[${index}].filter_value: BETWEEN takes exactly two values.`);
			}
			values = values.map(String);
		}
		if (ID_FILTERS[field] && (values.length < 1 || values.length > 100)) {
			throw new BusinessError(40002, `filtering[${index}].filter_value: ${field} takes between 1 and 100 IDs.`);
		}
		if (STATUS_FILTERS[field]) {
			for (const status of values) {
				if (!AD_STATUS[status]) throw new BusinessError(40002, `filtering[${index}].filter_value: ${status} is not a valid ${field}.`);
			}
		}
		return { field, type, values };
	});
}

function parseReportRequest(ctx, grant) {
	const q = ctx.query;
	const reportType = q.report_type;
	if (!reportType) throw new BusinessError(40002, 'report_type: Missing data for required field.');
	if (!REPORT_TYPES.includes(reportType)) throw new BusinessError(40002, `report_type: Must be one of ${REPORT_TYPES.join(', ')}.`);
	if (reportType === 'BC') {
		if (!q.bc_id) throw new BusinessError(40002, 'bc_id: Missing data for required field when report_type is BC.');
		throw new BusinessError(40001, `No permission to operate business center ${q.bc_id}.`);
	}
	const advertiserId = advertiserParam(ctx, grant);
	const serviceType = q.service_type ?? 'AUCTION';
	if (!SERVICE_TYPES.includes(serviceType)) throw new BusinessError(40002, `service_type: Must be one of ${SERVICE_TYPES.join(', ')}.`);

	let dataLevel;
	if (NEEDS_DATA_LEVEL.includes(reportType)) {
		dataLevel = q.data_level;
		if (!dataLevel) throw new BusinessError(40002, `data_level: Missing data for required field when report_type is ${reportType}.`);
		if (DATA_LEVEL_RANK[dataLevel] === undefined) throw new BusinessError(40002, `data_level: Must be one of ${Object.keys(DATA_LEVEL_RANK).join(', ')}.`);
		if (!dataLevel.startsWith(serviceType)) {
			throw new BusinessError(40002, `data_level: ${dataLevel} does not match service_type ${serviceType}.`);
		}
	}

	const dimensions = jsonParam(ctx, 'dimensions', { required: true, type: 'array' });
	if (dimensions.length === 0) throw new BusinessError(40002, 'dimensions: Length must be at least 1.');
	const allowedDimensions = DIMENSIONS_BY_REPORT[reportType];
	for (const dimension of dimensions) {
		if (!allowedDimensions.includes(dimension)) {
			throw new BusinessError(40002, `dimensions: ${dimension} is not a supported dimension for report_type ${reportType}.`);
		}
	}
	if (new Set(dimensions).size !== dimensions.length) throw new BusinessError(40002, 'dimensions: Contains duplicate dimensions.');
	const timeDimensions = dimensions.filter((d) => TIME_DIMENSIONS.includes(d));
	if (timeDimensions.length > 1) throw new BusinessError(40002, 'dimensions: stat_time_day and stat_time_hour cannot be used together.');
	const timeDimension = timeDimensions[0];
	if (dataLevel) {
		for (const dimension of dimensions.filter((d) => ID_DIMENSIONS.includes(d))) {
			if (ID_DIMENSIONS.indexOf(dimension) > DATA_LEVEL_RANK[dataLevel]) {
				throw new BusinessError(40002, `dimensions: ${dimension} is not supported when data_level is ${dataLevel}.`);
			}
		}
	}

	const metrics = jsonParam(ctx, 'metrics', { type: 'array' }) ?? (reportType === 'TT_SHOP' ? TT_SHOP_DOCUMENTED_METRICS : ['spend', 'impressions']);
	const acceptedForType =
		reportType === 'TT_SHOP' && !ctx.state.contract?.ttShopAnyListedMetric
			? (m) => TT_SHOP_DOCUMENTED_METRICS.includes(m)
			: (m) => KNOWN_METRICS.has(m);
	const unknown = metrics.filter((m) => typeof m !== 'string' || !acceptedForType(m));
	if (unknown.length > 0) {
		throw new BusinessError(40002, `metrics: Invalid metric(s) ${unknown.join(', ')}. Check the metrics supported by report_type ${reportType}.`);
	}

	const lifetime = q.query_lifetime === 'true';
	if (q.query_lifetime !== undefined && !['true', 'false'].includes(q.query_lifetime)) {
		throw new BusinessError(40002, 'query_lifetime: Not a valid boolean.');
	}
	let startMs;
	let endMs;
	if (lifetime) {
		if (!LIFETIME_REPORTS.includes(reportType)) {
			throw new BusinessError(40002, `query_lifetime: Lifetime metrics are not supported when report_type is ${reportType}.`);
		}
		if (timeDimension) throw new BusinessError(40002, `dimensions: ${timeDimension} cannot be used when query_lifetime is true.`);
		if (dimensions.some((d) => AUDIENCE_ONLY.includes(d) || d === 'country_code')) {
			throw new BusinessError(40002, 'dimensions: Audience and country breakdowns cannot be used when query_lifetime is true.');
		}
	} else {
		if (!q.start_date) throw new BusinessError(40002, 'start_date: Missing data for required field when query_lifetime is false.');
		if (!q.end_date) throw new BusinessError(40002, 'end_date: Missing data for required field when query_lifetime is false.');
		startMs = parseDate('start_date', q.start_date);
		endMs = parseDate('end_date', q.end_date);
		if (endMs < startMs) throw new BusinessError(40002, 'end_date: Must be later than or equal to start_date.');
		const span = (endMs - startMs) / 86400000 + 1;
		if (timeDimension === 'stat_time_hour' && span > 1) {
			throw new BusinessError(40002, 'The time range between start_date and end_date cannot exceed 1 day when dimensions include stat_time_hour.');
		}
		if (timeDimension === 'stat_time_day' && span > 30) {
			throw new BusinessError(40002, 'The time range between start_date and end_date cannot exceed 30 days when dimensions include stat_time_day.');
		}
		if (span > 365) throw new BusinessError(40002, 'The time range between start_date and end_date cannot exceed 365 days.');
		const tooLarge = ctx.state.reportQueryTooLargeDays;
		if (tooLarge !== undefined && tooLarge !== null && span > Number(tooLarge)) {
			throw new BusinessError(40067, 'Query too large. Please shorten the time range between start_date and end_date or reduce the dimensions.');
		}
	}

	const filters = parseFiltering(ctx, reportType);

	const enableTotal = q.enable_total_metrics === 'true';
	if (enableTotal) {
		if (!['BASIC', 'TT_SHOP'].includes(reportType)) {
			throw new BusinessError(40002, `enable_total_metrics: Not supported when report_type is ${reportType}.`);
		}
		const ids = dimensions.filter((d) => ID_DIMENSIONS.includes(d));
		const others = dimensions.filter((d) => !ID_DIMENSIONS.includes(d) && d !== 'stat_time_day');
		if (ids.length > 1 || others.length > 0) {
			throw new BusinessError(40002, 'enable_total_metrics: Only supported with one ID dimension and/or stat_time_day.');
		}
	}

	const orderField = q.order_field;
	if (orderField !== undefined && (!KNOWN_METRICS.has(orderField) || ATTRIBUTE_METRICS[orderField])) {
		throw new BusinessError(40002, `order_field: ${orderField} cannot be used for ordering.`);
	}
	const orderType = q.order_type ?? 'DESC';
	if (!['ASC', 'DESC'].includes(orderType)) throw new BusinessError(40002, 'order_type: Must be one of ASC, DESC.');
	if (q.query_mode !== undefined && !['REGULAR', 'CHUNK'].includes(q.query_mode)) {
		throw new BusinessError(40002, 'query_mode: Must be one of REGULAR, CHUNK.');
	}

	return {
		advertiserId,
		reportType,
		serviceType,
		dataLevel,
		dimensions,
		metrics,
		lifetime,
		startMs,
		endMs,
		timeDimension,
		filters,
		enableTotal,
		orderField,
		orderType,
	};
}

// ---------------------------------------------------------------------------------------------------------------
// Building the report

/** The entities the rows walk: the finest ID dimension's collection, narrowed by the ID and status filters. */
function entitiesFor(world, req) {
	const advertiser = world.advertisers.find((a) => a.advertiser_id === req.advertiserId);
	const idDims = req.dimensions.filter((d) => ID_DIMENSIONS.includes(d));
	const finest = idDims.sort((a, b) => ID_DIMENSIONS.indexOf(b) - ID_DIMENSIONS.indexOf(a))[0];
	let entities;
	if (!finest || finest === 'advertiser_id') {
		entities = [{ advertiser_id: advertiser.advertiser_id, __key: advertiser.advertiser_id }];
	} else {
		const campaigns = new Map(world.campaigns.map((c) => [c.campaign_id, c]));
		entities = world[ID_COLLECTION[finest]]
			.filter((e) => e.advertiser_id === req.advertiserId)
			.map((e) => ({ ...e, __campaign: campaigns.get(e.campaign_id), __key: e[finest] }));
	}
	// The level's status filter defaults to STATUS_NOT_DELETE, as TikTok applies it.
	const levelKey = req.dataLevel ? ['advertiser_id', 'campaign_id', 'adgroup_id', 'ad_id'][DATA_LEVEL_RANK[req.dataLevel]] : undefined;
	const statusFilter = req.filters.find((f) => STATUS_FILTERS[f.field]);
	const statuses = statusFilter ? statusFilter.values : ['STATUS_NOT_DELETE'];
	const statusKey = statusFilter ? STATUS_FILTERS[statusFilter.field] : levelKey;
	if (statusKey && statusKey === finest) {
		entities = entities.filter((e) => statuses.some((s) => AD_STATUS[s](e)));
	}
	for (const filter of req.filters) {
		const key = ID_FILTERS[filter.field];
		if (!key) continue;
		const keep = (e) => e[key] !== undefined && filter.values.includes(String(e[key]));
		entities = entities.filter((e) => (filter.type === 'NOT_IN' ? !keep(e) : keep(e)));
	}
	return { advertiser, entities };
}

function breakdownCombos(req) {
	let combos = [{}];
	for (const dimension of req.dimensions) {
		const values = BREAKDOWNS[dimension];
		if (!values) continue;
		const filter = req.filters.find((f) => f.field === dimension && f.type === 'IN');
		const chosen = filter ? values.filter((v) => filter.values.includes(v)) : values;
		combos = combos.flatMap((combo) => chosen.map((v) => ({ ...combo, [dimension]: v })));
	}
	return combos;
}

function timeBuckets(req) {
	if (req.lifetime) return [{ key: 'lifetime', value: undefined, scale: 40 }];
	const days = daysOf(req.startMs, req.endMs);
	if (req.timeDimension === 'stat_time_day') return days.map((d) => ({ key: d, value: `${d} 00:00:00`, scale: 1 }));
	if (req.timeDimension === 'stat_time_hour') {
		return days.flatMap((d) =>
			Array.from({ length: 24 }, (_, h) => {
				const hh = String(h).padStart(2, '0');
				return { key: `${d}T${hh}`, value: `${d} ${hh}:00:00`, scale: 1 / 24 };
			}),
		);
	}
	return [{ key: days, value: undefined, scale: 1 }];
}

function buildReport(state, req) {
	const { advertiser, entities } = entitiesFor(state.world, req);
	const combos = breakdownCombos(req).map((combo) => ({
		combo,
		key: Object.entries(combo).map(([k, v]) => `${k}=${v}`).join('&'),
	}));
	const buckets = timeBuckets(req);
	const hourly = req.timeDimension === 'stat_time_hour';
	let total;
	const rows = [];
	for (const bucket of buckets) {
		for (const entity of entities) {
			const prefix = `${req.advertiserId}|${entity.__key}|`;
			for (const { combo, key: comboKey } of combos) {
				let base;
				if (Array.isArray(bucket.key)) {
					// Summed over the window's days (same-shaped objects keep this fast).
					for (const day of bucket.key) {
						const counters = baseCounters(`${prefix}${day}|${comboKey}`, 1);
						base = base ? addCounters(base, counters) : counters;
					}
				} else {
					base = baseCounters(`${prefix}${bucket.key}|${comboKey}`, bucket.scale);
				}
				if (req.enableTotal) total = total ? addCounters(total, base) : { ...base };
				const dimensions = {};
				for (const dimension of req.dimensions) {
					if (ID_DIMENSIONS.includes(dimension)) dimensions[dimension] = String(entity[dimension] ?? advertiser.advertiser_id);
					else if (TIME_DIMENSIONS.includes(dimension)) dimensions[dimension] = bucket.value;
					else dimensions[dimension] = combo[dimension];
				}
				const metrics = {};
				for (const metric of req.metrics) metrics[metric] = metricValue(metric, base, entity, advertiser, hourly);
				const row = { dimensions, metrics };
				if (req.orderField) {
					const value = Number(metricValue(req.orderField, base, entity, advertiser, hourly));
					row.__sort = Number.isNaN(value) ? -Infinity : value;
				}
				rows.push(row);
			}
		}
	}
	if (req.orderField) {
		const sign = req.orderType === 'ASC' ? 1 : -1;
		rows.sort((a, b) => (a.__sort === b.__sort ? 0 : a.__sort < b.__sort ? -sign : sign));
		for (const row of rows) delete row.__sort;
	}
	let totalMetrics;
	if (req.enableTotal) {
		total = total ?? baseCounters('empty', 0);
		totalMetrics = {};
		for (const metric of req.metrics) {
			totalMetrics[metric] = ATTRIBUTE_METRICS[metric] ? '-' : metricValue(metric, total, undefined, advertiser, hourly);
		}
	}
	return { list: rows, totalMetrics };
}

/** Reports are rebuilt for each page by TikTok; the fake keeps the last few to keep paging cheap. */
function cachedReport(state, req) {
	state.reportCache = state.reportCache ?? new Map();
	const key = JSON.stringify({ ...req, ads: state.world.ads.length });
	let report = state.reportCache.get(key);
	if (!report) {
		report = buildReport(state, req);
		state.reportCache.set(key, report);
		if (state.reportCache.size > 16) state.reportCache.delete(state.reportCache.keys().next().value);
	}
	return report;
}

/**
 * TikTok returns at most 20,000 IDs per report and says so in the `X-Tt-Ads-Throttle` header [MD:Run a synchronous
 * report]: rows of IDs past the limit (`state.contract.reportIdLimit`, 20,000) are dropped and the report is marked.
 */
function truncated(state, req, report) {
	const limit = Number(state.contract?.reportIdLimit ?? 20000);
	const idDimension = [...ID_DIMENSIONS].reverse().find((d) => req.dimensions.includes(d));
	if (!idDimension) return report;
	const ids = new Set();
	const list = [];
	for (const row of report.list) {
		const id = row.dimensions[idDimension];
		if (!ids.has(id) && ids.size >= limit) continue;
		ids.add(id);
		list.push(row);
	}
	return list.length === report.list.length ? report : { ...report, list, throttled: true };
}

/** Attribute metrics that are IDs come as JSON numbers in TikTok's recorded answers: sent as bare digits. */
function idMetricsAsNumbers(row) {
	const metrics = { ...row.metrics };
	for (const key of ['advertiser_id', 'campaign_id', 'adgroup_id', 'ad_id']) {
		if (typeof metrics[key] === 'string' && /^\d+$/.test(metrics[key])) metrics[key] = rawNumber(metrics[key]);
	}
	return { ...row, metrics };
}

function register(app) {
	const { state } = app;
	state.reportQueryTooLargeDays = state.reportQueryTooLargeDays ?? undefined;

	// Response headers a handler leaves on ctx (X-Tt-Ads-Throttle) go out with the envelope.
	const withHeaders = {
		...app,
		route: (method, path, handler) =>
			app.route(method, path, async (ctx) => {
				const result = await handler(ctx);
				if (ctx.responseHeaders) result.headers = { ...(result.headers ?? {}), ...ctx.responseHeaders };
				return result;
			}),
	};
	businessRoute(withHeaders, 'GET', '/report/integrated/get/', (ctx, grant) => {
		const req = parseReportRequest(ctx, grant);
		const report = truncated(ctx.state, req, cachedReport(ctx.state, req));
		if (report.throttled) ctx.responseHeaders = { 'X-Tt-Ads-Throttle': String(ctx.state.contract?.throttleHeaderValue ?? '1') };
		const page = paginate(ctx, report.list);
		const list = ctx.state.contract?.idMetricsAsNumbers === false ? page.list : page.list.map(idMetricsAsNumbers);
		const data = { list, page_info: page.page_info };
		if (report.totalMetrics) data.total_metrics = report.totalMetrics;
		return data;
	});

	// Test control: answer 40067 "query too large" for date windows longer than `days` (null turns it off).
	app.route('POST', '/__fake/reports/query-too-large', (ctx) => {
		const days = ctx.body?.days;
		state.reportQueryTooLargeDays = days === undefined || days === null ? undefined : Number(days);
		return { status: 200, json: { days: state.reportQueryTooLargeDays ?? null } };
	});
}

module.exports = register;
Object.assign(module.exports, { KNOWN_METRICS, DIMENSIONS_BY_REPORT, BREAKDOWNS, parseReportRequest, buildReport });
