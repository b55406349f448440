'use strict';
// Ads, campaigns and ad groups: /ad/get/, /campaign/get/, /adgroup/get/ with TikTok's filtering, fields and paging.
const { BusinessError, advertiserParam, businessRoute, jsonParam, paginate, present } = require('./business');
const { parseTikTokTime, tikTokTime } = require('./data');

/** Fields `/ad/get/` accepts in `fields` (reference §1.6); those the fake's ads do not carry are simply absent. */
const AD_FIELDS = [
	'advertiser_id', 'campaign_id', 'campaign_name', 'adgroup_id', 'adgroup_name', 'ad_id', 'ad_name', 'create_time',
	'modify_time', 'operation_status', 'secondary_status', 'ad_format', 'ad_text', 'ad_texts', 'call_to_action',
	'call_to_action_id', 'card_id', 'video_id', 'image_ids', 'music_id', 'tiktok_item_id', 'identity_id', 'identity_type',
	'landing_page_url', 'landing_page_urls', 'display_name', 'profile_image_url', 'deeplink', 'deeplink_type',
	'impression_tracking_url', 'click_tracking_url', 'playable_url', 'is_aco', 'is_new_structure', 'creative_authorized',
	'promotional_music_disabled', 'item_duet_status', 'item_stitch_status', 'dark_post_status', 'creative_type',
	'optimization_event',
];

const OPERATION_STATUSES = ['ENABLE', 'DISABLE', 'DELETE'];

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

const BUYING_TYPES = ['AUCTION', 'RESERVATION_RF', 'RESERVATION_TOP_VIEW'];
/** TikTok's default `buying_types` on /campaign/get/, /adgroup/get/, /ad/get/: TopView (reservation) is left out. */
const DEFAULT_BUYING_TYPES = ['AUCTION', 'RESERVATION_RF'];

/**
 * `filtering.buying_types` [BUBUBA] model/ad/get.go, model/campaign/get.go, model/adgroup/get.go: default
 * ["AUCTION", "RESERVATION_RF"]; RESERVATION_TOP_VIEW cannot be combined with other values. Entities carry the
 * fake-only `__buyingType` (AUCTION when absent).
 */
function buyingTypesFilter(filtering) {
	const value = filtering.buying_types;
	if (value === undefined) return DEFAULT_BUYING_TYPES;
	if (!Array.isArray(value) || value.length === 0) throw new BusinessError(40002, 'filtering.buying_types: Not a valid list.');
	const unknown = value.filter((v) => !BUYING_TYPES.includes(v));
	if (unknown.length) throw new BusinessError(40002, `filtering.buying_types: Must be one of: ${BUYING_TYPES.join(', ')}.`);
	if (value.includes('RESERVATION_TOP_VIEW') && value.length > 1) {
		throw new BusinessError(40002, 'filtering.buying_types: RESERVATION_TOP_VIEW cannot be used together with other values.');
	}
	return value;
}

/** Newest first (create_time, then ID), the order the fake documents for every list. */
function newestFirst(idKey) {
	return (a, b) => (a.create_time === b.create_time ? (a[idKey] < b[idKey] ? 1 : -1) : a.create_time < b.create_time ? 1 : -1);
}

/** Collections sorted newest first, kept for large collections only (below, sorting each time is cheap). */
const sortedCache = new WeakMap();
const CACHE_FROM = 10_000;

/**
 * `collection` sorted newest first (as `newestFirst` orders it), as a new array. A collection of 10,000 or more is
 * sorted once and the order reused while its length and every entity's `create_time` stay as they were: sorting
 * 150,000 ads for every page took seconds per page.
 */
function sortedNewestFirst(collection, idKey) {
	if (collection.length < CACHE_FROM) return [...collection].sort(newestFirst(idKey));
	const cached = sortedCache.get(collection);
	if (cached && cached.idKey === idKey && cached.sorted.length === collection.length && cached.sorted.every((e, i) => e.create_time === cached.times[i])) {
		return cached.sorted;
	}
	const keyed = collection.map((e) => ({ e, time: String(e.create_time), id: String(e[idKey]) }));
	keyed.sort((a, b) => (a.time === b.time ? (a.id < b.id ? 1 : a.id > b.id ? -1 : 0) : a.time < b.time ? 1 : -1));
	const sorted = keyed.map((k) => k.e);
	sortedCache.set(collection, { idKey, sorted, times: sorted.map((e) => e.create_time) });
	return sorted;
}

/**
 * A list endpoint over `collection` (ads, campaigns, adgroups): advertiser check, filtering (IDs, name, status,
 * creation window, modified_after), fields, paging.
 */
function listRoute(app, path, { collection, idKey, nameKey, allowedFilters, validFields }) {
	// A large collection (10,000 or more) is filtered once per listing: its pages reuse the list until any write
	// (a request other than GET) or a change of the collection's size. Filtering 150,000 ads for each of 150 pages
	// made a full listing take minutes.
	const listings = new Map();
	app.hooks.push({ before: (ctx) => (ctx.method !== 'GET' && listings.clear(), false) });
	businessRoute(app, 'GET', path, (ctx, grant) => {
		const advertiserId = advertiserParam(ctx, grant);
		const filtering = jsonParam(ctx, 'filtering', { type: 'object' }) ?? {};
		const fields = jsonParam(ctx, 'fields', { type: 'array' });
		for (const key of Object.keys(filtering)) {
			if (!allowedFilters.includes(key)) throw new BusinessError(40002, `filtering.${key}: Unknown field.`);
		}
		const known = app.state.world[collection][0] ?? {};
		for (const field of fields ?? []) {
			const valid = validFields ? validFields.includes(field) : field in known;
			if (!valid) throw new BusinessError(40002, `fields: ${field} is not a valid field.`);
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
		const buyingTypes = buyingTypesFilter(filtering);

		const all = app.state.world[collection];
		const listingKey = `${advertiserId}|${ctx.query.filtering ?? ''}`;
		const kept = all.length >= CACHE_FROM ? listings.get(listingKey) : undefined;
		const list = kept && kept.size === all.length ? kept.list : sortedNewestFirst(all, idKey)
			.filter((e) => e.advertiser_id === advertiserId)
			.filter((e) => !campaignIds || campaignIds.includes(e.campaign_id))
			.filter((e) => !adgroupIds || adgroupIds.includes(e.adgroup_id))
			.filter((e) => !adIds || adIds.includes(e.ad_id))
			.filter((e) => !ownIds || ownIds.includes(e[idKey]))
			.filter((e) => !name || String(e[nameKey]).toLowerCase().includes(String(name).toLowerCase()))
			.filter((e) => buyingTypes.includes(e.__buyingType ?? 'AUCTION'))
			.filter(AD_STATUS[status])
			.filter((e) => createdFrom === undefined || parseTikTokTime(e.create_time) >= createdFrom)
			.filter((e) => createdTo === undefined || parseTikTokTime(e.create_time) <= createdTo)
			.filter((e) => modifiedAfter === undefined || parseTikTokTime(e.modify_time) > modifiedAfter);
		if (all.length >= CACHE_FROM) listings.set(listingKey, { size: all.length, list });
		const page = paginate(ctx, list);
		return { ...page, list: page.list.map((e) => present(e, fields)) };
	});
}

/**
 * `POST /ad/status/update/`: JSON `{advertiser_id, ad_ids (1-20), operation_status}` → `data: {ad_ids, status}`.
 * TikTok refuses to change deleted ads. Whether it rejects the whole call or only those ads (like ad groups'
 * `allow_partial_success`) is UNCONFIRMED (reference §1.7): the fake rejects the whole call with 40002 and changes
 * nothing. Its message names the offending ads unless `state.adStatusErrorsNameAds` is false (then it is generic).
 * The other possible behaviour can be switched on with `state.adStatusPartialSuccess`: `'error_list'` changes the
 * valid ads and lists the refused ones in `error_list` (as ad groups do), `'omit'` just leaves them out of `ad_ids`.
 */
function statusUpdateRoute(app) {
	const { state } = app;
	businessRoute(app, 'POST', '/ad/status/update/', (ctx, grant) => {
		if (!ctx.contentType.includes('application/json')) throw new BusinessError(40002, 'Content-Type must be application/json.');
		const body = ctx.body ?? {};
		const advertiserId = advertiserParam(ctx, grant, body.advertiser_id);
		const status = body.operation_status;
		if (status === undefined) throw new BusinessError(40002, 'operation_status: Missing data for required field.');
		if (!OPERATION_STATUSES.includes(status)) {
			throw new BusinessError(40002, `operation_status: Must be one of: ${OPERATION_STATUSES.join(', ')}.`);
		}
		if (body.ad_ids === undefined) throw new BusinessError(40002, 'ad_ids: Missing data for required field.');
		if (!Array.isArray(body.ad_ids)) throw new BusinessError(40002, 'ad_ids: Not a valid list.');
		if (body.ad_ids.length < 1 || body.ad_ids.length > 20) throw new BusinessError(40002, 'ad_ids: Length must be between 1 and 20.');
		const ids = body.ad_ids.map(String);
		const named = state.adStatusErrorsNameAds !== false;
		const found = ids.map((id) => state.world.ads.find((a) => a.ad_id === id && a.advertiser_id === advertiserId));
		if (state.adStatusPartialSuccess) {
			const refused = ids.filter((id, i) => !found[i] || found[i].__deleted);
			const changed = found.filter((a) => a && !a.__deleted);
			applyStatus(changed, status);
			const data = { ad_ids: changed.map((a) => a.ad_id), status };
			if (state.adStatusPartialSuccess === 'error_list') {
				data.error_list = refused.map((id) => ({ ad_id: id, error_message: `Ad ${id} does not exist or has been deleted.` }));
			}
			return data;
		}
		const ads = found;
		const missing = ids.filter((id, i) => !ads[i]);
		if (missing.length) {
			throw new BusinessError(40002, named ? `Ad ids ${missing.join(', ')} do not exist under advertiser ${advertiserId}.` : 'Invalid ad_ids.');
		}
		const deleted = ads.filter((a) => a.__deleted).map((a) => a.ad_id);
		if (deleted.length) {
			throw new BusinessError(40002, named ? `Ads ${deleted.join(', ')} have been deleted and cannot be modified.` : 'Invalid ad_ids.');
		}
		applyStatus(ads, status);
		return { ad_ids: ids, status };
	});
}

function applyStatus(ads, status) {
	const now = tikTokTime(Date.now());
	for (const ad of ads) {
		if (status === 'DELETE') {
			ad.__deleted = true;
			ad.secondary_status = 'AD_STATUS_DELETE';
		} else {
			ad.operation_status = status;
			ad.secondary_status = status === 'ENABLE' ? 'AD_STATUS_DELIVERY_OK' : 'AD_STATUS_DISABLE';
		}
		ad.modify_time = now;
	}
}

function register(app) {
	statusUpdateRoute(app);
	listRoute(app, '/ad/get/', {
		collection: 'ads',
		idKey: 'ad_id',
		nameKey: 'ad_name',
		validFields: AD_FIELDS,
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
Object.assign(module.exports, { listRoute, AD_STATUS, AD_FIELDS });
