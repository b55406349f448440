'use strict';
// TikTok for Developers: Login Kit OAuth (authorize + token with client_key and rotating refresh tokens) and the
// v2 envelope `{data, error:{code, message, log_id}}` with Bearer tokens.
const crypto = require('node:crypto');

const ACCESS_TOKEN_TTL_S = 86400;
const REFRESH_TOKEN_TTL_S = 31536000;

function logId() {
	return `2026${crypto.randomBytes(10).toString('hex').toUpperCase()}`;
}

/** A v2 error: HTTP status per TikTok's error table. */
function v2Error(status, code, message) {
	return { status, json: { data: {}, error: { code, message, log_id: logId() } } };
}

function v2Ok(data) {
	return { status: 200, json: { data, error: { code: 'ok', message: '', log_id: logId() } } };
}

/** Checks the Bearer token (401 access_token_invalid) and the scope the endpoint needs (401 scope_not_authorized). */
function bearer(ctx, scope) {
	const header = String(ctx.headers.authorization || '');
	const match = /^Bearer\s+(.+)$/i.exec(header);
	const grant = match ? ctx.state.developerTokens.get(match[1].trim()) : undefined;
	if (!grant || grant.expiresAt <= Date.now()) {
		return { error: v2Error(401, 'access_token_invalid', 'The access token is invalid or not found in the request.') };
	}
	if (scope && !grant.scopes.includes(scope)) {
		return { error: v2Error(401, 'scope_not_authorized', `The user did not authorize the scope required for completing this request (${scope}).`) };
	}
	return { grant };
}

/** Registers a v2 route: Bearer + scope checked, queued failures and the random rate limit applied. */
function developersRoute(app, method, path, scope, handler) {
	app.route(method, path, async (ctx) => {
		const failure = ctx.state.takeFailure(path);
		if (failure) {
			return v2Error(failure.httpStatus ?? 429, failure.code ?? 'rate_limit_exceeded', failure.message ?? 'Rate limit exceeded.');
		}
		const { grant, error } = bearer(ctx, scope);
		if (error) return error;
		return await handler(ctx, grant);
	});
}

function issueTokens(state, { openId, scopes }) {
	const accessToken = `act.${crypto.randomBytes(16).toString('hex')}`;
	const refreshToken = `rft.${crypto.randomBytes(16).toString('hex')}`;
	state.developerTokens.set(accessToken, { openId, scopes, expiresAt: Date.now() + ACCESS_TOKEN_TTL_S * 1000 });
	state.developerRefreshTokens.set(refreshToken, { openId, scopes, expiresAt: Date.now() + REFRESH_TOKEN_TTL_S * 1000 });
	return {
		access_token: accessToken,
		expires_in: ACCESS_TOKEN_TTL_S,
		open_id: openId,
		refresh_token: refreshToken,
		refresh_expires_in: REFRESH_TOKEN_TTL_S,
		scope: scopes.join(','),
		token_type: 'Bearer',
	};
}

function register(app) {
	const { state, FAKE } = app;
	const oauthError = (error, description) => ({
		status: state.oauthErrorStatus,
		json: { error, error_description: description, log_id: logId() },
	});

	// Authorize: TikTok reads client_key (not client_id) and comma-separated scopes; it redirects straight back here.
	app.route('GET', '/v2/auth/authorize/', (ctx) => {
		const q = ctx.query;
		if (q.client_key !== FAKE.clientKey) return { status: 400, text: 'client_key is missing or unknown' };
		if (q.response_type !== 'code') return { status: 400, text: 'response_type must be code' };
		if (!q.redirect_uri) return { status: 400, text: 'redirect_uri is missing' };
		const scopes = String(q.scope || '').split(',').map((s) => s.trim()).filter(Boolean);
		const code = `code-${crypto.randomBytes(10).toString('hex')}`;
		state.developerCodes.set(code, { redirectUri: q.redirect_uri, scopes, used: false, expiresAt: Date.now() + 600_000 });
		const target = new URL(q.redirect_uri);
		target.searchParams.set('code', code);
		target.searchParams.set('scopes', scopes.join(','));
		if (q.state !== undefined) target.searchParams.set('state', q.state);
		return { status: 302, headers: { location: target.toString() } };
	});

	// Token: form-encoded; client_key is required in the form body, as TikTok documents it. Whether TikTok also reads
	// it from the URL query is UNCONFIRMED: the switch `state.contract.clientKeyFromQuery` (contract.js) accepts that
	// too. Refresh tokens rotate: the old one stops working.
	app.route('POST', '/v2/oauth/token/', (ctx) => {
		if (!ctx.contentType.includes('application/x-www-form-urlencoded')) {
			return oauthError('invalid_request', 'Content-Type must be application/x-www-form-urlencoded.');
		}
		const body = ctx.body ?? {};
		const clientKey = body.client_key ?? (state.contract?.clientKeyFromQuery ? ctx.query.client_key : undefined);
		if (!clientKey) return oauthError('invalid_request', 'client_key is missing.');
		if (clientKey !== FAKE.clientKey || body.client_secret !== FAKE.clientSecret) {
			return oauthError('invalid_client', 'Client key or secret is invalid.');
		}
		if (body.grant_type === 'authorization_code') {
			const grant = state.developerCodes.get(String(body.code));
			if (!grant || grant.used || grant.expiresAt < Date.now()) return oauthError('invalid_grant', 'Authorization code is expired.');
			if (body.redirect_uri !== grant.redirectUri) return oauthError('invalid_grant', 'redirect_uri does not match.');
			grant.used = true;
			return { status: 200, json: issueTokens(state, { openId: '-000fake-open-id-0001', scopes: grant.scopes }) };
		}
		if (body.grant_type === 'refresh_token') {
			const grant = state.developerRefreshTokens.get(String(body.refresh_token));
			if (!grant || grant.expiresAt < Date.now()) return oauthError('invalid_grant', 'Refresh token is invalid or expired.');
			state.developerRefreshTokens.delete(String(body.refresh_token));
			state.counters.refreshes += 1;
			return { status: 200, json: issueTokens(state, grant) };
		}
		return oauthError('unsupported_grant_type', `Unsupported grant_type ${body.grant_type}.`);
	});

	// User info: fields comma-separated (not JSON); each field needs its scope.
	const USER = {
		open_id: '-000fake-open-id-0001',
		union_id: 'fake-union-id-0001',
		avatar_url: 'https://p16.tiktokcdn.example/avatar.jpeg',
		avatar_url_100: 'https://p16.tiktokcdn.example/avatar100.jpeg',
		avatar_large_url: 'https://p16.tiktokcdn.example/avatar-large.jpeg',
		display_name: 'Fake Creator',
		bio_description: 'Posting fake videos since 2026',
		profile_deep_link: 'https://www.tiktok.com/@fakecreator',
		is_verified: false,
		username: 'fakecreator',
		follower_count: 1234,
		following_count: 56,
		likes_count: 7890,
		video_count: 45,
	};
	const FIELD_SCOPES = {
		open_id: 'user.info.basic', union_id: 'user.info.basic', avatar_url: 'user.info.basic', avatar_url_100: 'user.info.basic',
		avatar_large_url: 'user.info.basic', display_name: 'user.info.basic', bio_description: 'user.info.profile',
		profile_deep_link: 'user.info.profile', is_verified: 'user.info.profile', username: 'user.info.profile',
		follower_count: 'user.info.stats', following_count: 'user.info.stats', likes_count: 'user.info.stats', video_count: 'user.info.stats',
	};
	developersRoute(app, 'GET', '/v2/user/info/', 'user.info.basic', (ctx, grant) => {
		const fields = String(ctx.query.fields || '').split(',').map((f) => f.trim()).filter(Boolean);
		if (fields.length === 0) return v2Error(400, 'invalid_params', 'fields is required.');
		const user = {};
		for (const field of fields) {
			if (!(field in USER)) return v2Error(400, 'invalid_params', `Invalid field: ${field}.`);
			if (!grant.scopes.includes(FIELD_SCOPES[field])) {
				return v2Error(400, 'scope_permission_missed', `The field ${field} needs the scope ${FIELD_SCOPES[field]}.`);
			}
			user[field] = USER[field];
		}
		return v2Ok({ user });
	});
}

module.exports = register;
Object.assign(module.exports, { v2Error, v2Ok, bearer, developersRoute, issueTokens, logId });
