'use strict';
// Making ads (docs/tiktok-contract.md §19.2–19.4): `POST /adgroup/create/` (BUBUBA model/adgroup/create.go),
// `POST /ad/create/` and `/ad/update/` (model/ad/create.go, creative.go, update.go), `GET /identity/get/`
// (model/identity/get.go) and `GET /file/video/suggestcover/` (model/file/video/suggestcover.go), strictly from the
// sources. Switch (open point, contract.js): `adWebsiteNeedsLandingPage`.
const { BusinessError, advertiserParam, businessRoute, present } = require('./business');
const {
	INT64_MAX, amountParam, belowMinimum, currencyOf, findEntity, idParam, jsonBody, minimumOf, nameParam, onlyFields, secondaryOf,
} = require('./campaigns');
const { parseTikTokTime, tikTokTime } = require('./data');

const PROMOTION_TYPES = [
	'APP_ANDROID', 'APP_IOS', 'GAME', 'WEBSITE', 'LEAD_GENERATION', 'LEAD_GEN_CLICK_TO_TT_DIRECT_MESSAGE',
	'LEAD_GEN_CLICK_TO_SOCIAL_MEDIA_APP_MESSAGE', 'LEAD_GEN_CLICK_TO_CALL', 'WEBSITE_OR_DISPLAY', 'TIKTOK_SHOP',
	'VIDEO_SHOPPING', 'LIVE_SHOPPING', 'PSA_PRODUCT', 'EXTERNAL_OR_DISPLAY',
];
const PLACEMENTS = ['PLACEMENT_TIKTOK', 'PLACEMENT_PANGLE', 'PLACEMENT_GLOBAL_APP_BUNDLE'];
const GOALS = [
	'CLICK', 'CONVERT', 'INSTALL', 'IN_APP_EVENT', 'SHOW', 'REACH', 'LEAD_GENERATION', 'CONVERSATION', 'FOLLOWERS',
	'PROFILE_VIEWS', 'PAGE_VISITS', 'VALUE', 'AUTOMATIC_VALUE_OPTIMIZATION', 'GMV', 'PURCHASES', 'INITIATE_CHECKOUTS',
	'MT_LIVE_ROOM', 'PRODUCT_CLICK_IN_LIVE', 'ENGAGED_VIEW', 'ENGAGED_VIEW_FIFTEEN', 'TRAFFIC_LANDING_PAGE_VIEW',
	'CONVERSION_LEADS', 'DESTINATION_VISIT', 'PREFERRED_LEAD',
];
const BILLING = ['CPC', 'CPM', 'CPV', 'OCPC', 'GD', 'OCPM'];
const AD_FORMATS = ['SINGLE_IMAGE', 'SINGLE_VIDEO', 'LIVE_CONTENT', 'CAROUSEL_ADS', 'CATALOG_CAROUSEL'];
const IDENTITY_TYPES = ['CUSTOMIZED_USER', 'AUTH_CODE', 'TT_USER', 'BC_AUTH_TT'];
const CALL_TO_ACTIONS = [
	'APPLY_NOW', 'BOOK_NOW', 'CALL_NOW', 'CONTACT_US', 'DOWNLOAD_NOW', 'EXPERIENCE_NOW', 'GET_QUOTE', 'GET_SHOWTIMES',
	'GET_TICKETS_NOW', 'INSTALL_NOW', 'INTERESTED', 'LEARN_MORE', 'LISTEN_NOW', 'ORDER_NOW', 'PLAY_GAME', 'PREORDER_NOW',
	'READ_MORE', 'SEND_MESSAGE', 'SHOP_NOW', 'SIGN_UP', 'SUBSCRIBE', 'VIEW_NOW', 'VIEW_PROFILE', 'VISIT_STORE',
	'WATCH_LIVE', 'WATCH_NOW',
];
/** Creative fields /ad/update/ takes with patch_update: true (BUBUBA model/ad/update.go l.12-22). */
const PATCHABLE = ['ad_name', 'identity_id', 'identity_type', 'identity_authorized_bc_id', 'video_id', 'image_ids', 'music_id', 'tiktok_item_id', 'ad_text'];
/** Creative fields the fake keeps (a subset of creative.go; unknown ones are refused). */
const CREATIVE_FIELDS = [
	'ad_id', 'ad_name', 'ad_format', 'identity_type', 'identity_id', 'identity_authorized_bc_id', 'video_id', 'image_ids',
	'music_id', 'tiktok_item_id', 'ad_text', 'call_to_action', 'call_to_action_id', 'card_id', 'landing_page_url',
	'display_name', 'deeplink', 'deeplink_type', 'operation_status', 'page_id', 'tracking_pixel_id', 'creative_authorized',
	'promotional_music_disabled', 'item_duet_status', 'item_stitch_status', 'dark_post_status', 'utm_params',
	'impression_tracking_url', 'click_tracking_url',
];
const OTHER_ADGROUP_FIELDS = require('./adCreationFields');
const ADGROUP_CREATE_BODY = [
	'advertiser_id', 'campaign_id', 'adgroup_name', 'request_id', 'promotion_type', 'placement_type', 'placements',
	'location_ids', 'budget_mode', 'budget', 'schedule_type', 'schedule_start_time', 'schedule_end_time',
	'optimization_goal', 'billing_event', 'pacing', 'bid_type', 'bid_price', 'conversion_bid_price', 'age_groups', 'gender',
	'languages', 'operation_status', 'pixel_id', 'optimization_event', ...OTHER_ADGROUP_FIELDS,
];
const WIDE = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\u3000-\u303f\uff00-\uffef]/u;

function oneOf(value, allowed, key) {
	if (!allowed.includes(value)) throw new BusinessError(40002, `${key}: Must be one of ${allowed.join(', ')}.`);
	return value;
}

function timeParam(body, key) {
	const text = body[key];
	if (typeof text !== 'string' || !/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(text)) {
		throw new BusinessError(40002, `${key}: Must be a time in the format YYYY-MM-DD HH:MM:SS.`);
	}
	return parseTikTokTime(text);
}

/** Ad text: 1-100 characters, Chinese and Japanese counting 2, no emoji (BUBUBA creative.go AdText). */
function adTextParam(value) {
	if (typeof value !== 'string' || value === '') throw new BusinessError(40002, 'ad_text: Missing data for required field.');
	const length = [...value].reduce((n, ch) => n + (WIDE.test(ch) ? 2 : 1), 0);
	if (length > 100) throw new BusinessError(40002, 'ad_text: Length must be between 1 and 100.');
	if (/\p{Extended_Pictographic}/u.test(value)) throw new BusinessError(40002, 'ad_text: Emoji are not allowed.');
	return value;
}

function register(app) {
	const { state } = app;
	const world = state.world;
	// One custom identity per advertiser (CUSTOMIZED_USER), as the sandbox creates them.
	world.identities = world.advertisers.map((a, n) => ({
		advertiser_id: a.advertiser_id,
		identity_id: `74${String(n + 1).padStart(17, '0')}`,
		identity_type: 'CUSTOMIZED_USER',
		display_name: `${a.advertiser_name ?? 'Brand'} on TikTok`,
		available_status: 'AVAILABLE',
	}));

	businessRoute(app, 'GET', '/identity/get/', (ctx, grant) => {
		const advertiserId = advertiserParam(ctx, grant);
		const type = ctx.query.identity_type;
		if (type !== undefined && type !== '') oneOf(type, IDENTITY_TYPES, 'identity_type');
		const list = world.identities.filter((i) => i.advertiser_id === advertiserId && (!type || i.identity_type === type));
		return { identity_list: list.map(({ advertiser_id: _a, ...i }) => i), page_info: { page: 1, page_size: 100, total_number: list.length, total_page: 1 } };
	});

	businessRoute(app, 'GET', '/file/video/suggestcover/', (ctx, grant) => {
		const advertiserId = advertiserParam(ctx, grant);
		const video = (world.libraryVideos ?? []).find((v) => v.advertiser_id === advertiserId && v.video_id === ctx.query.video_id);
		if (!video) throw new BusinessError(40002, `video_id ${ctx.query.video_id} does not exist.`);
		const count = Math.min(10, Number(ctx.query.poster_number ?? 10));
		const list = Array.from({ length: count }, (_, n) => ({ id: `tos-alisg-p-0051/cover-${video.video_id}-${n}`, width: 1080, height: 1920, url: `https://p16.tiktokcdn.example/cover/${n}.jpg` }));
		for (const cover of list) if (!(world.covers ??= []).includes(cover.id)) world.covers.push(cover.id);
		return { list };
	});

	businessRoute(app, 'POST', '/adgroup/create/', (ctx, grant) => {
		const body = jsonBody(ctx);
		const advertiserId = advertiserParam(ctx, grant, body.advertiser_id);
		onlyFields(body, ADGROUP_CREATE_BODY);
		const campaign = findEntity(state, 'campaigns', 'campaign_id', advertiserId, idParam(body, 'campaign_id'), 'Campaign');
		const name = nameParam(state, body, 'adgroup_name', { max: 512, below: true });
		const objective = campaign.objective_type;
		if (body.promotion_type === undefined) {
			if (!['REACH', 'VIDEO_VIEWS', 'ENGAGEMENT'].includes(objective)) throw new BusinessError(40002, 'promotion_type: Missing data for required field.');
		} else {
			oneOf(body.promotion_type, PROMOTION_TYPES, 'promotion_type');
			if (objective === 'ENGAGEMENT' && body.promotion_type !== 'EXTERNAL_OR_DISPLAY') {
				throw new BusinessError(40002, 'promotion_type: Only EXTERNAL_OR_DISPLAY is supported for ENGAGEMENT campaigns.');
			}
		}
		const placementType = oneOf(body.placement_type ?? 'PLACEMENT_TYPE_NORMAL', ['PLACEMENT_TYPE_AUTOMATIC', 'PLACEMENT_TYPE_NORMAL'], 'placement_type');
		if (placementType === 'PLACEMENT_TYPE_NORMAL') {
			if (!Array.isArray(body.placements) || body.placements.length === 0) throw new BusinessError(40002, 'placements: Missing data for required field.');
			body.placements.forEach((p) => oneOf(p, PLACEMENTS, 'placements'));
		}
		const locations = Array.isArray(body.location_ids) ? body.location_ids : [];
		const zipcodes = Array.isArray(body.zipcode_ids) ? body.zipcode_ids : [];
		if (locations.length + zipcodes.length === 0) throw new BusinessError(40002, 'location_ids: Pass location_ids or zipcode_ids.');
		if (locations.length + zipcodes.length > 3000) throw new BusinessError(40002, 'location_ids: At most 3000 locations and zip codes.');
		if (locations.some((l) => typeof l !== 'string' || !/^\d+$/.test(l))) throw new BusinessError(40002, 'location_ids: Not a valid list of IDs.');
		const cbo = campaign.budget_optimize_on === true;
		const currency = currencyOf(state, advertiserId);
		let budget;
		if (cbo) {
			if (body.bid_type === undefined) throw new BusinessError(40002, 'bid_type: Required when campaign budget optimization is on.');
		} else {
			const mode = oneOf(body.budget_mode, ['BUDGET_MODE_DAY', 'BUDGET_MODE_TOTAL', 'BUDGET_MODE_DYNAMIC_DAILY_BUDGET'], 'budget_mode');
			if (body.budget === undefined) throw new BusinessError(40002, 'budget: Missing data for required field.');
			budget = amountParam(state, body, 'budget', currency);
			const minimum = minimumOf(state, currency, 'adgroupDaily');
			if (mode !== 'BUDGET_MODE_TOTAL' && belowMinimum(state, budget, minimum)) throw new BusinessError(40002, `budget: The budget must be at least ${minimum} ${currency}.`);
			if (mode === 'BUDGET_MODE_TOTAL' && body.schedule_type !== 'SCHEDULE_START_END') {
				throw new BusinessError(40002, 'schedule_type: BUDGET_MODE_TOTAL requires SCHEDULE_START_END.');
			}
		}
		const scheduleType = oneOf(body.schedule_type, ['SCHEDULE_FROM_NOW', 'SCHEDULE_START_END'], 'schedule_type');
		const start = timeParam(body, 'schedule_start_time');
		if (scheduleType === 'SCHEDULE_START_END') {
			if (timeParam(body, 'schedule_end_time') <= start) throw new BusinessError(40002, 'schedule_end_time: Must be later than schedule_start_time.');
		} else if (body.schedule_end_time !== undefined) {
			throw new BusinessError(40002, 'schedule_end_time: Not allowed with SCHEDULE_FROM_NOW.');
		}
		oneOf(body.optimization_goal, GOALS, 'optimization_goal');
		oneOf(body.billing_event, BILLING, 'billing_event');
		if (body.pacing !== undefined) oneOf(body.pacing, ['PACING_MODE_SMOOTH', 'PACING_MODE_FAST'], 'pacing');
		if (body.bid_type !== undefined) oneOf(body.bid_type, ['BID_TYPE_NO_BID', 'BID_TYPE_CUSTOM'], 'bid_type');
		if (body.bid_type === 'BID_TYPE_CUSTOM') {
			const key = body.billing_event === 'OCPM' ? 'conversion_bid_price' : 'bid_price';
			if (body[key] === undefined) throw new BusinessError(40002, `${key}: Required with BID_TYPE_CUSTOM and billing_event ${body.billing_event}.`);
			const bid = amountParam(state, body, key, currency);
			if (budget !== undefined && bid >= budget) throw new BusinessError(40002, `${key}: The bid must be lower than the budget.`);
		} else if (body.bid_price !== undefined || body.conversion_bid_price !== undefined) {
			throw new BusinessError(40002, 'bid_price: Only applies to BID_TYPE_CUSTOM.');
		}
		if (body.operation_status !== undefined) oneOf(body.operation_status, ['ENABLE', 'DISABLE'], 'operation_status');
		if (body.request_id !== undefined) {
			const text = String(body.request_id);
			if (typeof body.request_id !== 'string' || !/^\d{1,19}$/.test(text) || BigInt(text) > INT64_MAX) {
				throw new BusinessError(40002, 'request_id: Must be a 64-bit integer string.');
			}
			const earlier = world.adgroups.find((g) => g.__requestId === text && g.advertiser_id === advertiserId);
			if (earlier && state.repeatedRequestId === 'same') return present(earlier);
			if (earlier) throw new BusinessError(40002, `request_id: An ad group was already created with request_id ${text}.`);
		}
		const now = tikTokTime(Date.now());
		const { advertiser_id: _a, request_id: _r, ...fields } = body;
		const group = {
			...fields,
			advertiser_id: advertiserId,
			campaign_name: campaign.campaign_name,
			adgroup_id: `1779${String(world.adgroups.length + 1).padStart(15, '0')}`,
			adgroup_name: name,
			placement_type: placementType,
			placements: placementType === 'PLACEMENT_TYPE_AUTOMATIC' ? ['PLACEMENT_TIKTOK', 'PLACEMENT_PANGLE'] : body.placements,
			budget_mode: cbo ? 'BUDGET_MODE_INFINITE' : body.budget_mode,
			budget: cbo ? 0 : budget,
			operation_status: body.operation_status ?? 'ENABLE',
			create_time: now,
			modify_time: now,
			__deleted: false,
			__buyingType: 'AUCTION',
			__requestId: body.request_id === undefined ? undefined : String(body.request_id),
		};
		group.secondary_status = secondaryOf('ADGROUP', group);
		world.adgroups.push(group);
		return present(group);
	});

	/** Checks one creative of /ad/create/ (or a full /ad/update/) against the sources; returns the ad's creative fields. */
	function checkCreative(creative, group, advertiserId) {
		for (const key of Object.keys(creative)) if (!CREATIVE_FIELDS.includes(key)) throw new BusinessError(40002, `creatives.${key}: Unknown field.`);
		const format = oneOf(creative.ad_format, AD_FORMATS, 'ad_format');
		if (creative.identity_type !== undefined) oneOf(creative.identity_type, IDENTITY_TYPES, 'identity_type');
		if (creative.identity_id !== undefined) {
			const known = world.identities.find((i) => i.advertiser_id === advertiserId && i.identity_id === creative.identity_id && i.identity_type === creative.identity_type);
			if (!known) throw new BusinessError(40002, `identity_id ${creative.identity_id} is not an identity of type ${creative.identity_type} of advertiser ${advertiserId}.`);
		}
		const spark = creative.tiktok_item_id !== undefined;
		if (format === 'SINGLE_VIDEO' && !spark) {
			if (!creative.video_id) throw new BusinessError(40002, 'video_id: Required for SINGLE_VIDEO ads.');
			if (!(world.libraryVideos ?? []).some((v) => v.advertiser_id === advertiserId && v.video_id === creative.video_id)) {
				throw new BusinessError(40002, `video_id ${creative.video_id} does not exist in the creative library.`);
			}
			// The cover: exactly one image ID (creative.go ImageIDs).
			if (!Array.isArray(creative.image_ids) || creative.image_ids.length !== 1) throw new BusinessError(40002, 'image_ids: Pass exactly one cover image for a SINGLE_VIDEO ad.');
		}
		if (format === 'SINGLE_IMAGE') {
			if (creative.video_id !== undefined) throw new BusinessError(40002, 'video_id: Not supported for SINGLE_IMAGE ads.');
			if (!Array.isArray(creative.image_ids) || creative.image_ids.length !== 1) throw new BusinessError(40002, 'image_ids: Pass exactly one image for a SINGLE_IMAGE ad.');
		}
		for (const imageId of creative.image_ids ?? []) {
			const known = (world.libraryImages ?? []).some((i) => i.advertiser_id === advertiserId && i.image_id === imageId) || (world.covers ?? []).includes(imageId);
			if (!known) throw new BusinessError(40002, `image_ids: ${imageId} does not exist in the creative library.`);
		}
		if ((format === 'SINGLE_VIDEO' || format === 'SINGLE_IMAGE') && !spark) adTextParam(creative.ad_text);
		if (creative.call_to_action === undefined && creative.call_to_action_id === undefined) {
			throw new BusinessError(40002, 'call_to_action: Pass call_to_action or call_to_action_id.');
		}
		if (creative.call_to_action !== undefined) oneOf(creative.call_to_action, CALL_TO_ACTIONS, 'call_to_action');
		if (creative.landing_page_url !== undefined && !/^https?:\/\/\S+$/.test(String(creative.landing_page_url))) {
			throw new BusinessError(40002, 'landing_page_url: Not a valid URL.');
		}
		if (group.promotion_type === 'WEBSITE' && !creative.landing_page_url && state.contract?.adWebsiteNeedsLandingPage !== false) {
			throw new BusinessError(40002, 'landing_page_url: Required when the ad group promotes a website.');
		}
		if (creative.ad_name !== undefined && creative.ad_name !== '') nameParam(state, creative, 'ad_name', { max: 512 });
		if (creative.operation_status !== undefined) oneOf(creative.operation_status, ['ENABLE', 'DISABLE'], 'operation_status');
	}

	businessRoute(app, 'POST', '/ad/create/', (ctx, grant) => {
		const body = jsonBody(ctx);
		const advertiserId = advertiserParam(ctx, grant, body.advertiser_id);
		onlyFields(body, ['advertiser_id', 'adgroup_id', 'creatives']);
		const group = findEntity(state, 'adgroups', 'adgroup_id', advertiserId, idParam(body, 'adgroup_id'), 'Adgroup');
		if (!Array.isArray(body.creatives) || body.creatives.length === 0 || body.creatives.length > 20) {
			throw new BusinessError(40002, 'creatives: Pass 1 to 20 creatives.');
		}
		for (const creative of body.creatives) checkCreative(creative, group, advertiserId);
		const adIds = [];
		const creatives = [];
		for (const creative of body.creatives) {
			const now = tikTokTime(Date.now());
			const adId = `1781${String(world.ads.length + 1).padStart(15, '0')}`;
			const ad = {
				...creative,
				advertiser_id: advertiserId,
				campaign_id: group.campaign_id,
				campaign_name: group.campaign_name,
				adgroup_id: group.adgroup_id,
				adgroup_name: group.adgroup_name,
				ad_id: adId,
				ad_name: creative.ad_name || adId,
				operation_status: creative.operation_status ?? 'ENABLE',
				create_time: now,
				modify_time: now,
				is_aco: false,
				__deleted: false,
			};
			ad.secondary_status = ad.operation_status === 'ENABLE' ? 'AD_STATUS_DELIVERY_OK' : 'AD_STATUS_DISABLE';
			world.ads.push(ad);
			adIds.push(adId);
			creatives.push(present(ad));
		}
		return { ad_ids: adIds, creatives };
	});

	businessRoute(app, 'POST', '/ad/update/', (ctx, grant) => {
		const body = jsonBody(ctx);
		const advertiserId = advertiserParam(ctx, grant, body.advertiser_id);
		onlyFields(body, ['advertiser_id', 'adgroup_id', 'creatives', 'patch_update', 'request_id']);
		const group = findEntity(state, 'adgroups', 'adgroup_id', advertiserId, idParam(body, 'adgroup_id'), 'Adgroup');
		if (!Array.isArray(body.creatives) || body.creatives.length === 0 || body.creatives.length > 20) {
			throw new BusinessError(40002, 'creatives: Pass 1 to 20 creatives.');
		}
		const updated = [];
		for (const creative of body.creatives) {
			const ad = findEntity(state, 'ads', 'ad_id', advertiserId, idParam(creative, 'ad_id'), 'Ad');
			if (ad.adgroup_id !== group.adgroup_id) throw new BusinessError(40002, `Ad ${ad.ad_id} is not in ad group ${group.adgroup_id}.`);
			let next;
			if (body.patch_update === true) {
				// Only the patchable fields change; everything else stays (update.go l.12-27).
				for (const key of Object.keys(creative)) {
					if (key !== 'ad_id' && !PATCHABLE.includes(key)) throw new BusinessError(40002, `creatives.${key}: Cannot be updated with patch_update.`);
				}
				next = { ...ad, ...creative };
			} else {
				// Without patch_update the creative is replaced by what is sent: fields left out are cleared.
				const kept = Object.fromEntries(Object.entries(ad).filter(([k]) => !CREATIVE_FIELDS.includes(k) || k === 'ad_id'));
				next = { ...kept, ...creative };
			}
			const { ad_id: _id, ...check } = Object.fromEntries(Object.entries(next).filter(([k]) => CREATIVE_FIELDS.includes(k)));
			checkCreative(check, group, advertiserId);
			if (next.ad_text !== undefined) adTextParam(next.ad_text);
			for (const key of Object.keys(ad)) if (CREATIVE_FIELDS.includes(key) && key !== 'ad_id') delete ad[key];
			Object.assign(ad, next, { modify_time: tikTokTime(Date.now()) });
			updated.push(ad.ad_id);
		}
		return { ad_ids: updated, creatives: updated.map((id) => present(world.ads.find((a) => a.ad_id === id))) };
	});
}

module.exports = register;
