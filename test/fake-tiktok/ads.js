'use strict';
// Ads, campaigns and ad groups: /ad/get/, /campaign/get/, /adgroup/get/ with TikTok's filtering, fields and paging.
const { BusinessError, advertiserParam, businessRoute, jsonParam, paginate, present } = require('./business');
const { parseTikTokTime } = require('./data');

const AD_STATUS = {
	STATUS_ALL: () => true,
	STATUS_NOT_DELETE: (e) => !e.__deleted,
	STATUS_DELETE: (e) => e.__deleted,
	STATUS_DELIVERY_OK: (e) => !e.__deleted && e.operation_status === 'ENABLE',
	STATUS_DISABLE: (e) => !e.__deleted && e.operation_status === 'DISABLE',
	STATUS_NOT_DELIVERY: (e) => !e.__deleted && e.operation_status !== 'ENABLE',
	STATUS_TIME_DONE: () => false,
	STATUS_RF_CLOSED: () => false,
	STATUS_FROZEN: (e) => !e.__deleted && e.operation_status === 'FROZEN',
	STATUS_DELIVERY_PARTIAL: () => false,
	STATUS_DELIVERY_CATALOG: () => false,
};

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

/** Newest first (create_time, then ID), the order the fake documents for every list. */
function newestFirst(idKey) {
	return (a, b) => (a.create_time === b.create_time ? (a[idKey] < b[idKey] ? 1 : -1) : a.create_time < b.create_time ? 1 : -1);
}

/**
 * A list endpoint over `collection` (ads, campaigns, adgroups): advertiser check, filtering (IDs, name, status,
 * creation window, modified_after), fields, paging.
 */
function listRoute(app, path, { collection, idKey, nameKey, allowedFilters }) {
	businessRoute(app, 'GET', path, (ctx, grant) => {
		const advertiserId = advertiserParam(ctx, grant);
		const filtering = jsonParam(ctx, 'filtering', { type: 'object' }) ?? {};
		const fields = jsonParam(ctx, 'fields', { type: 'array' });
		for (const key of Object.keys(filtering)) {
			if (!allowedFilters.includes(key)) throw new BusinessError(40002, `filtering.${key}: Unknown field.`);
		}
		const known = app.state.world[collection][0] ?? {};
		for (const field of fields ?? []) {
			if (!(field in known)) throw new BusinessError(40002, `fields: ${field} is not a valid field.`);
		}
		const campaignIds = idList(filtering, 'campaign_ids');
		const adgroupIds = idList(filtering, 'adgroup_ids');
		const adIds = idList(filtering, 'ad_ids');
		const ownIds = idList(filtering, `${idKey}s`);
		const status = filtering.primary_status ?? 'STATUS_NOT_DELETE';
		if (!AD_STATUS[status]) throw new BusinessError(40002, `filtering.primary_status: Must be one of ${Object.keys(AD_STATUS).join(', ')}.`);
		const createdFrom = timeFilter(filtering, 'creation_filter_start_time');
		const createdTo = timeFilter(filtering, 'creation_filter_end_time');
		const modifiedAfter = timeFilter(filtering, 'modified_after');
		const name = filtering[nameKey];

		const list = app.state.world[collection]
			.filter((e) => e.advertiser_id === advertiserId)
			.filter((e) => !campaignIds || campaignIds.includes(e.campaign_id))
			.filter((e) => !adgroupIds || adgroupIds.includes(e.adgroup_id))
			.filter((e) => !adIds || adIds.includes(e.ad_id))
			.filter((e) => !ownIds || ownIds.includes(e[idKey]))
			.filter((e) => !name || String(e[nameKey]).toLowerCase().includes(String(name).toLowerCase()))
			.filter(AD_STATUS[status])
			.filter((e) => createdFrom === undefined || parseTikTokTime(e.create_time) >= createdFrom)
			.filter((e) => createdTo === undefined || parseTikTokTime(e.create_time) <= createdTo)
			.filter((e) => modifiedAfter === undefined || parseTikTokTime(e.modify_time) > modifiedAfter)
			.sort(newestFirst(idKey));
		const page = paginate(ctx, list);
		return { ...page, list: page.list.map((e) => present(e, fields)) };
	});
}

function register(app) {
	listRoute(app, '/ad/get/', {
		collection: 'ads',
		idKey: 'ad_id',
		nameKey: 'ad_name',
		allowedFilters: [
			'campaign_ids', 'adgroup_ids', 'ad_ids', 'ad_name', 'primary_status', 'secondary_status', 'objective_type',
			'optimization_goal', 'creative_material_mode', 'destination', 'buying_types', 'campaign_system_origins',
			'creation_filter_start_time', 'creation_filter_end_time', 'modified_after',
		],
	});
	listRoute(app, '/campaign/get/', {
		collection: 'campaigns',
		idKey: 'campaign_id',
		nameKey: 'campaign_name',
		allowedFilters: [
			'campaign_ids', 'campaign_name', 'primary_status', 'secondary_status', 'objective_type', 'buying_types',
			'campaign_type', 'creation_filter_start_time', 'creation_filter_end_time', 'campaign_system_origins',
		],
	});
	listRoute(app, '/adgroup/get/', {
		collection: 'adgroups',
		idKey: 'adgroup_id',
		nameKey: 'adgroup_name',
		allowedFilters: [
			'campaign_ids', 'adgroup_ids', 'adgroup_name', 'primary_status', 'secondary_status', 'objective_type',
			'buying_types', 'optimization_goal', 'promotion_type', 'bid_strategy', 'billing_events',
			'creative_material_mode', 'creation_filter_start_time', 'creation_filter_end_time',
		],
	});
}

module.exports = register;
Object.assign(module.exports, { listRoute, AD_STATUS });
