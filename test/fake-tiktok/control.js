'use strict';
// Test and dev controls under /__fake/ (not part of TikTok): inspect requests, queue failures, add ads, expire tokens.
const { makeAd } = require('./data');
const { issueAuthCode } = require('./business');

function register(app) {
	const { state, FAKE } = app;
	const json = (data, status = 200) => ({ status, json: data });

	app.route('GET', '/__fake/health', () => json({ ok: true }));
	app.route('GET', '/__fake/info', () =>
		json({
			url: state.url,
			businessAppId: FAKE.businessAppId,
			advertisers: state.world.advertisers.map((a) => ({ id: a.advertiser_id, name: a.advertiser_name, timezone: a.timezone })),
			counts: { ads: state.world.ads.length, campaigns: state.world.campaigns.length, adgroups: state.world.adgroups.length },
			counters: state.counters,
		}),
	);
	app.route('GET', '/__fake/requests', (ctx) =>
		json(
			state.requests
				.filter((r) => !ctx.query.path || r.path === ctx.query.path)
				.map(({ headers, ...rest }) => ({ ...rest, headers: { 'access-token': headers['access-token'] ? '(set)' : undefined, authorization: headers.authorization ? '(set)' : undefined } })),
		),
	);
	app.route('POST', '/__fake/requests/clear', () => {
		state.clearRequests();
		return json({ ok: true });
	});
	// {path?, code?, httpStatus?, message?, count?}
	app.route('POST', '/__fake/fail-next', (ctx) => {
		const { count = 1, ...failure } = ctx.body ?? {};
		state.failNext(failure, count);
		return json({ queued: state.faults.length });
	});
	app.route('POST', '/__fake/latency', (ctx) => {
		state.latencyMs = Number(ctx.body?.ms ?? 0);
		return json({ latencyMs: state.latencyMs });
	});
	app.route('POST', '/__fake/rate-limit', (ctx) => {
		state.rateLimitShare = Number(ctx.body?.share ?? 0);
		if (ctx.body?.code) state.rateLimitCode = Number(ctx.body.code);
		return json({ share: state.rateLimitShare, code: state.rateLimitCode });
	});
	// Creates `count` ads now (or at `createTime`, TikTok's UTC text) in an advertiser's first ad group.
	app.route('POST', '/__fake/ads', (ctx) => {
		const body = ctx.body ?? {};
		const advertiserId = String(body.advertiser_id ?? state.world.advertisers[0].advertiser_id);
		const adgroup = state.world.adgroups.find((g) => g.advertiser_id === advertiserId && (!body.adgroup_id || g.adgroup_id === String(body.adgroup_id)));
		if (!adgroup) return json({ error: 'unknown advertiser or ad group' }, 400);
		const created = body.createTime ? Date.parse(`${body.createTime.replace(' ', 'T')}Z`) : Math.floor(Date.now() / 1000) * 1000;
		const ads = [];
		for (let i = 0; i < Number(body.count ?? 1); i++) {
			const ad = makeAd(state.world, { advertiser_id: advertiserId, adgroup, created, name: body.name ? `${body.name}${body.count > 1 ? ` ${i + 1}` : ''}` : undefined });
			state.world.ads.push(ad);
			ads.push({ ad_id: ad.ad_id, create_time: ad.create_time });
		}
		return json({ ads });
	});
	// Touches an ad: new modify_time (now, or `modifyTime`) and optionally a new name/status.
	app.route('POST', '/__fake/ads/modify', (ctx) => {
		const body = ctx.body ?? {};
		const ad = state.world.ads.find((a) => a.ad_id === String(body.ad_id));
		if (!ad) return json({ error: 'unknown ad' }, 404);
		const modified = body.modifyTime ? Date.parse(`${body.modifyTime.replace(' ', 'T')}Z`) : Math.floor(Date.now() / 1000) * 1000;
		ad.modify_time = new Date(modified).toISOString().replace('T', ' ').slice(0, 19);
		if (body.ad_name) ad.ad_name = body.ad_name;
		if (body.operation_status) ad.operation_status = body.operation_status;
		return json({ ad_id: ad.ad_id, modify_time: ad.modify_time });
	});
	app.route('POST', '/__fake/business/auth-code', () => json({ auth_code: issueAuthCode(state, FAKE.businessAppId) }));
	app.route('POST', '/__fake/developers/expire-tokens', () => {
		for (const grant of state.developerTokens.values()) grant.expiresAt = 0;
		return json({ expired: state.developerTokens.size });
	});
}

module.exports = register;
