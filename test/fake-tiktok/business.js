'use strict';
// TikTok API for Business (`/open_api/v1.3`): envelope, Access-Token, JSON query params, paging, rate limits,
// advertiser authorization (portal + auth_code exchange) and the advertiser endpoints.
const crypto = require('node:crypto');

const PREFIX = '/open_api/v1.3';

/** An in-band TikTok error: answered with HTTP 200 and `code != 0`. */
class BusinessError extends Error {
	constructor(code, message) {
		super(message);
		this.code = code;
	}
}

function requestId() {
	return crypto.randomBytes(16).toString('hex');
}

function envelope(code, message, data = {}) {
	return { status: 200, json: { code, message, request_id: requestId(), data } };
}

/** Reads a query parameter TikTok expects as JSON text (arrays, objects): invalid JSON is a 40002. */
function jsonParam(ctx, name, { required = false, type } = {}) {
	const text = ctx.query[name];
	if (text === undefined || text === '') {
		if (required) throw new BusinessError(40002, `${name}: Missing data for required field.`);
		return undefined;
	}
	let value;
	try {
		value = JSON.parse(text);
	} catch {
		throw new BusinessError(40002, `${name}: Not a valid JSON. Received: ${String(text).slice(0, 60)}`);
	}
	if (type === 'array' && !Array.isArray(value)) throw new BusinessError(40002, `${name}: Not a valid list.`);
	if (type === 'object' && (typeof value !== 'object' || value === null || Array.isArray(value))) {
		throw new BusinessError(40002, `${name}: Not a valid object.`);
	}
	return value;
}

/** Validates `page` (≥ 1) and `page_size` (1–1000, default 10) and slices `list`. */
function paginate(ctx, list, { maxPageSize = 1000 } = {}) {
	const page = ctx.query.page === undefined ? 1 : Number(ctx.query.page);
	const pageSize = ctx.query.page_size === undefined ? 10 : Number(ctx.query.page_size);
	if (!Number.isInteger(page) || page < 1) throw new BusinessError(40002, 'page: Must be greater than or equal to 1.');
	if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > maxPageSize) {
		throw new BusinessError(40002, `page_size: Must be between 1 and ${maxPageSize}.`);
	}
	const totalNumber = list.length;
	return {
		list: list.slice((page - 1) * pageSize, page * pageSize),
		page_info: { page, page_size: pageSize, total_number: totalNumber, total_page: Math.ceil(totalNumber / pageSize) },
	};
}

/** Drops the fake's internal `__` fields and, with `fields`, keeps only those. */
function present(entity, fields) {
	const out = {};
	for (const [key, value] of Object.entries(entity)) {
		if (key.startsWith('__')) continue;
		if (fields && !fields.includes(key)) continue;
		out[key] = value;
	}
	return out;
}

/** The advertiser IDs the request's Access-Token reaches (throws 40104/40105 as TikTok does). */
function authorize(ctx) {
	const token = ctx.headers['access-token'];
	if (!token) {
		throw new BusinessError(40104, 'Access token is null, you should set it in http header with key Access-Token.');
	}
	const grant = ctx.state.businessTokens.get(String(token));
	if (!grant) throw new BusinessError(40105, 'Access token is incorrect or has been revoked.');
	return grant;
}

/** Checks `advertiser_id` is present and reachable with the token. */
function advertiserParam(ctx, grant, value = ctx.query.advertiser_id) {
	if (value === undefined || value === '') throw new BusinessError(40002, 'advertiser_id: Missing data for required field.');
	if (!/^\d+$/.test(String(value))) throw new BusinessError(40002, 'advertiser_id: Not a valid integer.');
	if (!grant.advertiserIds.includes(String(value))) {
		throw new BusinessError(40001, `No permission to operate advertiser ${value}. Please check the advertiser authorization.`);
	}
	return String(value);
}

/**
 * Registers a Business route: trailing-slash path under /open_api/v1.3, Access-Token checked (unless `auth: false`),
 * queued failures and the random rate limiter applied, and the handler's return value wrapped as `data`.
 * Handlers get `(ctx, grant)` and throw `BusinessError` for TikTok's in-band errors.
 */
function businessRoute(app, method, path, handler, { auth = true, rateLimited = true } = {}) {
	app.route(method, `${PREFIX}${path}`, async (ctx) => {
		const failure = ctx.state.takeFailure(`${PREFIX}${path}`, path, ctx);
		if (failure) {
			if (failure.httpStatus) {
				return failure.json
					? { status: failure.httpStatus, json: failure.json }
					: { status: failure.httpStatus, text: failure.text ?? `<html><body>${failure.httpStatus} Gateway error</body></html>`, headers: { 'content-type': 'text/html' } };
			}
			return envelope(failure.code, failure.message ?? defaultMessage(failure.code));
		}
		if (rateLimited && ctx.state.rateLimitShare > 0 && ctx.state.random() < ctx.state.rateLimitShare) {
			return envelope(ctx.state.rateLimitCode, defaultMessage(ctx.state.rateLimitCode));
		}
		try {
			const grant = auth ? authorize(ctx) : undefined;
			const data = await handler(ctx, grant);
			if (data && data.__envelope) return envelope(data.code, data.message, data.data);
			return envelope(0, 'OK', data ?? {});
		} catch (error) {
			if (error instanceof BusinessError) return envelope(error.code, error.message);
			throw error;
		}
	});
}

function defaultMessage(code) {
	switch (code) {
		case 40100:
			return 'Too many requests. Please retry in some time.';
		case 40133:
			return 'The request frequency of this advertiser for this API has exceeded the limit.';
		case 50000:
		case 50002:
			return 'System error.';
		case 60001:
			return 'The system is under maintenance.';
		default:
			return `Error ${code}`;
	}
}

function register(app) {
	const { state, FAKE } = app;

	// The advertiser authorization page: TikTok shows consent, then redirects with auth_code (and code) + state.
	app.route('GET', '/portal/auth', (ctx) => {
		const { app_id: appId, redirect_uri: redirectUri } = ctx.query;
		if (appId !== FAKE.businessAppId || !redirectUri) {
			return { status: 400, text: 'Invalid app_id or redirect_uri' };
		}
		const code = issueAuthCode(state, appId);
		const target = new URL(redirectUri);
		target.searchParams.set('auth_code', code);
		target.searchParams.set('code', code);
		if (ctx.query.state !== undefined) target.searchParams.set('state', ctx.query.state);
		return { status: 302, headers: { location: target.toString() } };
	});

	// Token exchange: JSON {app_id, secret, auth_code}, no Access-Token. The code is single-use, valid 1 hour.
	businessRoute(
		app,
		'POST',
		'/oauth2/access_token/',
		(ctx) => {
			const body = ctx.body ?? {};
			if (!ctx.contentType.includes('application/json')) throw new BusinessError(40002, 'Content-Type must be application/json.');
			for (const field of ['app_id', 'secret', 'auth_code']) {
				if (!body[field]) throw new BusinessError(40002, `${field}: Missing data for required field.`);
			}
			if (String(body.app_id) !== FAKE.businessAppId || body.secret !== FAKE.businessSecret) {
				throw new BusinessError(40101, 'Invalid app_id or secret.');
			}
			const grant = state.businessAuthCodes.get(String(body.auth_code));
			if (!grant || grant.used || grant.expiresAt < Date.now()) {
				throw new BusinessError(40110, 'Auth code is invalid, used or expired.');
			}
			grant.used = true;
			state.counters.exchanges += 1;
			const token = `biz-${crypto.randomBytes(12).toString('hex')}`;
			const advertiserIds = state.world.advertisers.map((a) => a.advertiser_id);
			state.businessTokens.set(token, { appId: FAKE.businessAppId, advertiserIds });
			return { access_token: token, advertiser_ids: advertiserIds, scope: [1, 2, 3, 4] };
		},
		{ auth: false },
	);

	// Authorized advertisers: app_id + secret in the query AND the Access-Token header. No paging.
	businessRoute(app, 'GET', '/oauth2/advertiser/get/', (ctx, grant) => {
		if (ctx.query.app_id !== FAKE.businessAppId || ctx.query.secret !== FAKE.businessSecret) {
			throw new BusinessError(40101, 'Invalid app_id or secret.');
		}
		return {
			list: state.world.advertisers
				.filter((a) => grant.advertiserIds.includes(a.advertiser_id))
				.map((a) => ({ advertiser_id: a.advertiser_id, advertiser_name: a.advertiser_name })),
		};
	});

	// Advertiser details: advertiser_ids (JSON array, ≤ 100), optional fields.
	businessRoute(app, 'GET', '/advertiser/info/', (ctx, grant) => {
		const ids = jsonParam(ctx, 'advertiser_ids', { required: true, type: 'array' });
		const fields = jsonParam(ctx, 'fields', { type: 'array' });
		if (ids.length < 1 || ids.length > 100) throw new BusinessError(40002, 'advertiser_ids: Length must be between 1 and 100.');
		const list = ids.map((id) => {
			advertiserParam(ctx, grant, String(id));
			const adv = state.world.advertisers.find((a) => a.advertiser_id === String(id));
			if (!adv) throw new BusinessError(40300, `Advertiser ${id} does not exist.`);
			const { advertiser_name: name, ...rest } = adv;
			return present({ ...rest, name }, fields);
		});
		return { list };
	});
}

/** Issues a Business auth code for `appId` (what the portal redirect carries). */
function issueAuthCode(state, appId) {
	const code = `auth-${crypto.randomBytes(10).toString('hex')}`;
	state.businessAuthCodes.set(code, { appId, used: false, expiresAt: Date.now() + 3600_000 });
	return code;
}

module.exports = register;
Object.assign(module.exports, {
	PREFIX,
	BusinessError,
	envelope,
	jsonParam,
	paginate,
	present,
	authorize,
	advertiserParam,
	businessRoute,
	issueAuthCode,
	defaultMessage,
});
