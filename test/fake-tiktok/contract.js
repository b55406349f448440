'use strict';
// Switches for what TikTok's documents leave open (docs/tiktok-contract.md §7 and §13). By default the fake follows
// the documents strictly; each switch turns on the other behaviour a real TikTok might have, so the tests can run the
// product against both. Set them in-process (`fake.state.contract.x = …`) or with `POST /__fake/contract {…}`;
// `POST /__fake/contract/reset` restores the strict defaults.

/** The strict defaults: what TikTok documents. */
const STRICT = Object.freeze({
	/** Login Kit token endpoint also reads `client_key` from the URL query (documented: form body only). */
	clientKeyFromQuery: false,
});

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
