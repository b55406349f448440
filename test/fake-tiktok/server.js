'use strict';
// A fake TikTok API: a real HTTP server on loopback that behaves as docs/tiktok-contract.md says TikTok does (each point with its source; open points are switches).
// Route modules register on it (business.js, developers.js, ...); tests and `npm run fake-tiktok` start it.
const http = require('node:http');
const crypto = require('node:crypto');

const { now: clockNow } = require('./clock');
const { buildWorld, prng } = require('./data');

/** Fixed secrets of the fake apps (they only ever exist on loopback). */
const FAKE = {
	businessAppId: '7100000000000000001',
	businessSecret: 'fake-business-secret-0001',
	/** A long-term token that "the sandbox portal handed out": reaches every advertiser. */
	businessToken: 'fake-business-token-0001',
	clientKey: 'fakeclientkey0001',
	clientSecret: 'fake-client-secret-0001',
};

function requestId() {
	return crypto.randomBytes(16).toString('hex');
}

/** Reads the whole request body; parses JSON and form bodies, keeps the raw bytes for multipart. */
async function readBody(req) {
	const chunks = [];
	for await (const chunk of req) chunks.push(chunk);
	const raw = Buffer.concat(chunks);
	const type = String(req.headers['content-type'] || '');
	let body;
	if (raw.length === 0) body = undefined;
	else if (type.includes('application/json')) {
		try {
			body = JSON.parse(raw.toString('utf8'));
		} catch {
			body = { __invalidJson: raw.toString('utf8') };
		}
	} else if (type.includes('application/x-www-form-urlencoded')) {
		body = Object.fromEntries(new URLSearchParams(raw.toString('utf8')));
	} else body = undefined;
	return { raw, body, type };
}

/**
 * Starts the fake. Options: `port` (0 = any free one), `host` (127.0.0.1), `seed`, `latencyMs` (added to every
 * request), `adsPerAdvertiser`, `modules` (extra route modules: functions `(app) => void`).
 * Resolves to `{ url, port, state, app, close() }`.
 */
async function startFakeTikTok(options = {}) {
	const host = options.host ?? '127.0.0.1';
	const routes = [];
	const state = createState(options);

	const app = {
		FAKE,
		state,
		/** Registers a handler: `handler(ctx)` returns `{ status?, json?, text?, headers? }` (or a Promise of it). */
		route(method, path, handler) {
			routes.push({ method, path, handler });
		},
		/** Fault hooks (faults.js): `before(ctx, req, res)` may answer itself (returns true); `after(ctx, result, req, res)` may replace the answer. */
		hooks: [],
	};

	// Built-in modules, then the caller's.
	const modules = [
		require('./control'),
		require('./business'),
		require('./developers'),
		...loadOptionalModules(),
		...(options.modules ?? []),
	];
	for (const register of modules) register(app);

	const server = http.createServer(async (req, res) => {
		const url = new URL(req.url, `http://${req.headers.host || host}`);
		const { raw, body, type } = await readBody(req);
		const ctx = {
			method: req.method,
			path: url.pathname,
			url,
			query: Object.fromEntries(url.searchParams),
			headers: req.headers,
			body,
			rawBody: raw,
			contentType: type,
			state,
			app,
		};
		if (!url.pathname.startsWith('/__fake/')) {
			state.requests.push({
				method: req.method,
				path: url.pathname,
				query: ctx.query,
				headers: { ...req.headers },
				body,
				contentType: type,
				bodySize: raw.length,
				at: clockNow(),
			});
			if (state.latencyMs > 0) await new Promise((r) => setTimeout(r, state.latencyMs));
		}
		for (const hook of app.hooks) if (hook.before && (await hook.before(ctx, req, res))) return;
		let result;
		try {
			const route = routes.find((r) => r.method === req.method && r.path === url.pathname);
			if (!route) {
				const pathKnown = routes.some((r) => r.path === url.pathname);
				result = pathKnown
					? { status: 405, json: { code: 40000, message: `Method ${req.method} not allowed`, request_id: requestId(), data: {} } }
					: notFound(url.pathname);
			} else {
				result = await route.handler(ctx);
			}
		} catch (error) {
			result = { status: 500, json: { code: 50000, message: `Fake TikTok crashed: ${error.message}`, request_id: requestId(), data: {} } };
		}
		for (const hook of app.hooks) if (hook.after && (await hook.after(ctx, result, req, res))) return;
		const headers = { ...(result.headers ?? {}) };
		let payload = '';
		if (result.json !== undefined) {
			headers['content-type'] = headers['content-type'] ?? 'application/json; charset=utf-8';
			// Raw JSON numbers (contract.js rawNumber): bare digits, beyond what a JavaScript number holds.
			payload = JSON.stringify(result.json).replace(/"\\u0000RAW:(-?\d+)\\u0000"/g, '$1');
		} else if (result.text !== undefined) {
			headers['content-type'] = headers['content-type'] ?? 'text/plain; charset=utf-8';
			payload = result.text;
		}
		const tracked = result.track ? (Buffer.isBuffer(payload) ? payload : Buffer.from(payload, 'utf8')) : undefined;
		// Written piecewise, a tracked answer says its length itself (as `end(payload)` does), unless sent chunked.
		if (tracked && !headers['transfer-encoding']) headers['content-length'] = String(tracked.length);
		res.writeHead(result.status ?? 200, headers);
		if (tracked) {
			const body = tracked;
			const record = { bytes: 0, finished: false };
			state.sent[result.track] = record;
			let closed = false;
			res.on('close', () => (closed = true));
			for (let at = 0; at < body.length && !closed; at += 1024 * 1024) {
				const chunk = body.subarray(at, at + 1024 * 1024);
				record.bytes += chunk.length;
				if (!res.write(chunk)) await new Promise((resolve) => { res.once('drain', resolve); res.once('close', resolve); });
			}
			if (!closed) {
				res.end();
				record.finished = true;
			}
			return;
		}
		res.end(payload);
	});
	server.keepAliveTimeout = 1000;

	await new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(options.port ?? 0, host, resolve);
	});
	const port = server.address().port;
	const url = `http://${host}:${port}`;
	state.url = url;
	return {
		url,
		port,
		state,
		app,
		FAKE,
		close: () =>
			new Promise((resolve) => {
				server.closeAllConnections?.();
				server.close(() => resolve());
			}),
	};
}

/** A path TikTok does not serve. The Business gateway's answer to a missing trailing slash is a 404 (UNCONFIRMED). */
function notFound(path) {
	if (path.startsWith('/open_api/')) {
		return { status: 404, text: '404 page not found' };
	}
	return { status: 404, json: { error: { code: 'not_found', message: `No route ${path}`, log_id: requestId() } } };
}

/** Route modules added by later features (ads, reports, music, videos, oEmbed...), loaded when present. */
function loadOptionalModules() {
	const names = ['campaigns', 'ads', 'reports', 'music', 'videos', 'oembed', 'leads', 'subscriptions', 'posting', 'faults', 'contract', 'events', 'creatives', 'adCreation'];
	const modules = [];
	for (const name of names) {
		let mod;
		try {
			mod = require(`./${name}`);
		} catch (error) {
			if (error.code === 'MODULE_NOT_FOUND' && String(error.message).includes(`./${name}`)) continue;
			throw error;
		}
		modules.push(mod);
	}
	return modules;
}

function createState(options) {
	const seed = options.seed ?? 42;
	const state = {
		seed,
		url: '',
		latencyMs: options.latencyMs ?? 0,
		requests: [],
		world: buildWorld({ seed, adsPerAdvertiser: options.adsPerAdvertiser }),
		/** Share (0..1) of Business requests answered with `rateLimitCode` instead of running. */
		rateLimitShare: options.rateLimitShare ?? 0,
		rateLimitCode: 40100,
		random: prng(seed + 1),
		/**
		 * The ONE fault queue: `{ kind, path?, count?, skip?, match?, ...options }`, each consumed by the next matching
		 * request. Kind `answer` (queued by `failNext`) is TikTok's error answer, read by the routes (`takeFailure`);
		 * the other kinds are hostile or broken answers played by faults.js. Tests queue with `queueFault`
		 * (test/harness/fake.ts); `clearFaults` empties it.
		 */
		faults: [],
		/** Requests a fault answered or cut (for tests: what reached the fake although it never answered). */
		faulted: [],
		/** Random faults (faults.js): that share of requests answered with one of the kinds. */
		randomFaults: { share: 0, kinds: [] },
		/** Business tokens: token → { appId, advertiserIds } */
		businessTokens: new Map(),
		/** Business auth codes: code → { appId, used, expiresAt } */
		businessAuthCodes: new Map(),
		/** Developers OAuth: codes, access tokens, refresh tokens. */
		developerCodes: new Map(),
		developerTokens: new Map(),
		developerRefreshTokens: new Map(),
		/** HTTP status the v2 token endpoint uses for OAuth errors (observed 200; UNCONFIRMED). */
		oauthErrorStatus: 200,
		counters: { exchanges: 0, refreshes: 0 },
		/**
		 * What became of answers a route marked `track: name`: `{ bytes, finished }` by name. Such an answer is written
		 * 1 MB at a time, each after the client took the one before (backpressure): `bytes` is what was written before
		 * the client hung up (what it read, plus the connection's buffers), `finished` whether it all was.
		 */
		sent: {},
		/** Requests to `path` (optionally filtered by method). */
		requestsTo(path, method) {
			return state.requests.filter((r) => r.path === path && (!method || r.method === method));
		},
		/**
		 * Queues failures for the next requests to `path` (or any path when omitted). With `skip: n`, the first queued
		 * failure lets n matching requests through before it fires (e.g. a rate limit on page 2 of a listing).
		 */
		failNext(failure, count = 1) {
			for (let i = 0; i < count; i++) state.faults.push({ ...failure, kind: 'answer', count: 1 });
		},
		/** Forgets every queued fault, the record of faulted requests and the random faults. */
		clearFaults() {
			state.faults.length = 0;
			state.faulted.length = 0;
			state.randomFaults = { share: 0, kinds: [] };
		},
		/**
		 * Takes the first queued failure matching one of `paths` (one request), if any and not still skipping. A last
		 * argument that is not a string is the request (`{ query }`): a failure with `match(query)` fires only for the
		 * requests it accepts (e.g. the default listing and not the TopView one running beside it).
		 */
		takeFailure(...args) {
			const request = typeof args.at(-1) === 'string' ? undefined : args.pop();
			const paths = args;
			const index = state.faults.findIndex(
				(f) =>
					f.kind === 'answer' &&
					(!f.path || paths.includes(f.path)) &&
					(!f.match || (request !== undefined && f.match(request.query ?? {}))),
			);
			if (index === -1) return undefined;
			const failure = state.faults[index];
			if (failure.skip > 0) {
				failure.skip -= 1;
				return undefined;
			}
			return state.faults.splice(index, 1)[0];
		},
		clearRequests() {
			state.requests.length = 0;
		},
	};
	const allAdvertisers = state.world.advertisers.map((a) => a.advertiser_id);
	state.businessTokens.set(FAKE.businessToken, { appId: FAKE.businessAppId, advertiserIds: allAdvertisers });
	return state;
}

module.exports = { startFakeTikTok, FAKE, requestId };
