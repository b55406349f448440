'use strict';
// Switches for what TikTok's documents leave open (docs/tiktok-contract.md §7 and §13). By default the fake follows
// the documents strictly; each switch turns on the other behaviour a real TikTok might have, so the tests can run the
// product against both. Set them in-process (`fake.state.contract.x = …`) or with `POST /__fake/contract {…}`;
// `POST /__fake/contract/reset` restores the strict defaults.

/** The strict defaults: what TikTok documents. */
const STRICT = Object.freeze({
	/** Login Kit token endpoint also reads `client_key` from the URL query (documented: form body only). */
	clientKeyFromQuery: false,
	/** A TT_SHOP report accepts any listed metric (documented: only its default, spend and billed_cost, is named). */
	ttShopAnyListedMetric: false,
	/**
	 * Report attribute metrics that are IDs (campaign_id…) come as JSON numbers, as in recorded TikTok answers
	 * (Airbyte fixtures); false: as strings, like TikTok's documented examples.
	 */
	idMetricsAsNumbers: true,
	/** IDs a report returns before TikTok cuts it and sends X-Tt-Ads-Throttle (documented: 20,000). */
	reportIdLimit: 20000,
	/** Value of the X-Tt-Ads-Throttle header (its format is not documented). */
	throttleHeaderValue: '1',
	/**
	 * /file/music/upload/ with music_scene CREATIVE_ASSET refuses what the retired Sound Kit refused (not MP3/WAV/FLAC,
	 * 50 MB or more). Documented: no limit for that scene (only carousel scenes: MP3 up to 10 MB).
	 */
	creativeAssetSoundKitLimits: false,
	/**
	 * /event/track/ with one invalid event: false (strict) refuses the whole request with 40002 naming the event, as
	 * TikTok documents for a request over 1,000 events; true accepts the request and drops the event silently.
	 */
	eventTrackDropsInvalid: false,
	/**
	 * /file/video/ad/upload/ without `video_signature`: TikTok's SDK (FileApi.md) lists the field, bububa
	 * (model/file/video/ad_upload.go) never sends it. false takes a video without it; true refuses one. A signature that
	 * is sent is always checked against the bytes (40900).
	 */
	videoSignatureRequired: false,
	/**
	 * /ad/create/ for an ad group whose promotion_type is WEBSITE without `landing_page_url`: true (strict) refuses it,
	 * false lets TikTok's review catch it (the sources do not say which).
	 */
	adWebsiteNeedsLandingPage: true,
});

/**
 * A JSON number with every digit (IDs beyond 2^53): JSON.stringify writes a marker string, which the server turns
 * into the bare digits (server.js).
 */
function rawNumber(digits) {
	return { toJSON: () => `\u0000RAW:${digits}\u0000` };
}

function register(app) {
	const { state } = app;
	state.contract = { ...STRICT };
	state.resetContract = () => {
		state.contract = { ...STRICT };
		state.oauthErrorStatus = 200;
	};
	app.route('POST', '/__fake/contract', (ctx) => {
		const body = ctx.body ?? {};
		for (const key of Object.keys(body)) {
			if (key === 'oauthErrorStatus') state.oauthErrorStatus = Number(body[key]);
			else if (key in state.contract) state.contract[key] = body[key];
			else return { status: 400, json: { error: `unknown switch ${key}` } };
		}
		return { status: 200, json: { ...state.contract, oauthErrorStatus: state.oauthErrorStatus } };
	});
	// Adds a TopView (reservation) campaign, ad group and ad to an advertiser: listed only with buying_types
	// ["RESERVATION_TOP_VIEW"] (ads.js). Body {advertiser_id?, name?} → {campaign_id, adgroup_id, ad_id}.
	app.route('POST', '/__fake/top-view-ad', (ctx) => ({ status: 200, json: addTopViewAd(state, ctx.body ?? {}) }));
	app.route('POST', '/__fake/contract/reset', () => {
		state.resetContract();
		return { status: 200, json: { ...state.contract, oauthErrorStatus: state.oauthErrorStatus } };
	});
}

/** A TopView campaign + ad group + ad, copied from the advertiser's first ones with new IDs. */
function addTopViewAd(state, { advertiser_id: advertiserId, name = 'TopView launch' } = {}) {
	const world = state.world;
	const advertiser = String(advertiserId ?? world.advertisers[0].advertiser_id);
	const serial = (world.__topViewSerial = (world.__topViewSerial ?? 0) + 1);
	const id = (prefix) => `${prefix}${String(serial).padStart(15, '0')}`;
	const campaign = { ...world.campaigns.find((c) => c.advertiser_id === advertiser) };
	const adgroup = { ...world.adgroups.find((g) => g.advertiser_id === advertiser) };
	const ad = { ...world.ads.find((a) => a.advertiser_id === advertiser && !a.__deleted) };
	const now = new Date(Math.floor(Date.now() / 1000) * 1000).toISOString().replace('T', ' ').slice(0, 19);
	Object.assign(campaign, { campaign_id: id('1799'), campaign_name: `${name} campaign`, create_time: now, modify_time: now, __buyingType: 'RESERVATION_TOP_VIEW' });
	Object.assign(adgroup, { adgroup_id: id('1798'), adgroup_name: `${name} ad group`, campaign_id: campaign.campaign_id, campaign_name: campaign.campaign_name, create_time: now, modify_time: now, __buyingType: 'RESERVATION_TOP_VIEW' });
	Object.assign(ad, {
		ad_id: id('1797'), ad_name: name, adgroup_id: adgroup.adgroup_id, adgroup_name: adgroup.adgroup_name, campaign_id: campaign.campaign_id,
		campaign_name: campaign.campaign_name, create_time: now, modify_time: now, operation_status: 'ENABLE', __deleted: false, __buyingType: 'RESERVATION_TOP_VIEW',
	});
	world.campaigns.push(campaign);
	world.adgroups.push(adgroup);
	world.ads.push(ad);
	return { campaign_id: campaign.campaign_id, adgroup_id: adgroup.adgroup_id, ad_id: ad.ad_id };
}

module.exports = register;
module.exports.addTopViewAd = addTopViewAd;
module.exports.STRICT = STRICT;
module.exports.rawNumber = rawNumber;
