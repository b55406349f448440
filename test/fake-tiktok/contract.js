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
	app.route('POST', '/__fake/contract/reset', () => {
		state.resetContract();
		return { status: 200, json: { ...state.contract, oauthErrorStatus: state.oauthErrorStatus } };
	});
}

module.exports = register;
module.exports.STRICT = STRICT;
module.exports.rawNumber = rawNumber;
