'use strict';
// Fault switches (not part of TikTok): hostile or broken answers, queued per path through /__fake/faults.
//   redirect        answer 3xx (`status`, default 302) with `Location: <location>`; the route does not run
//   stall           accept the request and never answer (headers never come)
//   stallBody       answer 200 with headers and the start of a body, then never finish it
//   rateLimit       HTTP 429 (or, with `inBand: true`, HTTP 200 and TikTok's code 40100) with `Retry-After: <retryAfter>`
//   echo            a Business error envelope (or, on /v2/, a v2 error) whose message repeats request header `header`
//                   (default: the one carrying the token), as a hostile or buggy upstream would; with `as: "errorList"`,
//                   a successful status update whose `error_list` messages repeat it
//   trickle         answer 200 with headers, then one byte every `everyMs` ms (default 2000), never finishing
//   delay           hold the request `ms` milliseconds, then answer it normally (a slow TikTok)
//   addAds          before answering, create `count` new ads in `advertiserId` (they list first: newest first)
//   deleteAds       before answering, delete the `count` newest live ads of `advertiserId`
//   applyThenFail   run the route (the write is applied), then lose the answer: `mode` `reset` (socket destroyed,
//                   the default), `500` (HTTP 500 with a gateway page), or `stall`
//   reset           destroy the connection before the route runs (nothing applied)
// Each fault: `{ kind, path?, count?, skip?, match?, ...options }`; `path` is the full path (e.g. /open_api/v1.3/ad/get/).
// Random faults: POST /__fake/faults/random `{ share, kinds: ["reset", "rateLimit", "http500", "applyThenFail"] }`
// answers that share of requests (not /__fake/) with one of the kinds, chosen by the fake's seeded random source.
const crypto = require('node:crypto');

function register(app) {
	// The queue (`state.faults`), `state.faulted` and `state.randomFaults` live in the fake's state (server.js), shared
	// with the `answer` faults the routes read.
	const { state } = app;

	const take = (ctx) => {
		const { share, kinds } = state.randomFaults;
		if (share > 0 && kinds.length > 0 && state.random() < share) {
			const kind = kinds[Math.floor(state.random() * kinds.length)];
			return kind === 'http500' ? { kind: 'applyThenFail', mode: '500', random: true, skipApply: true } : { kind, random: true };
		}
		// `match(query)` (in-process tests only): the fault fires only for requests it accepts.
		const index = state.faults.findIndex(
			(f) => f.kind !== 'answer' && (!f.path || f.path === ctx.path) && (!f.match || f.match(ctx.query ?? {})),
		);
		if (index === -1) return undefined;
		const fault = state.faults[index];
		if (fault.skip > 0) {
			fault.skip -= 1;
			return undefined;
		}
		fault.count = (fault.count ?? 1) - 1;
		if (fault.count <= 0) state.faults.splice(index, 1);
		return fault;
	};

	app.route('POST', '/__fake/faults', (ctx) => {
		const body = ctx.body ?? {};
		const list = Array.isArray(body) ? body : [body];
		for (const fault of list) state.faults.push({ count: 1, skip: 0, ...fault });
		return { status: 200, json: { queued: state.faults.length } };
	});
	app.route('POST', '/__fake/faults/random', (ctx) => {
		state.randomFaults = { share: Number(ctx.body?.share ?? 0), kinds: ctx.body?.kinds ?? ['reset', 'rateLimit'] };
		return { status: 200, json: state.randomFaults };
	});
	app.route('POST', '/__fake/faults/clear', () => {
		state.clearFaults();
		return { status: 200, json: { ok: true } };
	});

	app.hooks.push({
		async before(ctx, req, res) {
			if (ctx.path.startsWith('/__fake/')) return false;
			const fault = take(ctx);
			if (!fault) return false;
			ctx.fault = fault;
			state.faulted.push({ kind: fault.kind, path: ctx.path, method: ctx.method, at: Date.now() });
			switch (fault.kind) {
				case 'reset':
					req.socket.destroy();
					return true;
				case 'delay':
					await new Promise((resolve) => setTimeout(resolve, Number(fault.ms ?? 1000)));
					return false;
				case 'addAds': {
					const { makeAd } = require('./data');
					const group = state.world.adgroups.find((g) => g.advertiser_id === String(fault.advertiserId));
					for (let i = 0; i < Number(fault.ads ?? 1); i++) {
						state.world.ads.push(makeAd(state.world, { advertiser_id: String(fault.advertiserId), adgroup: group, created: Date.now() }));
					}
					return false;
				}
				case 'deleteAds': {
					const live = state.world.ads
						.filter((a) => a.advertiser_id === String(fault.advertiserId) && !a.__deleted)
						.sort((a, b) => (a.create_time < b.create_time ? 1 : a.create_time > b.create_time ? -1 : (a.ad_id < b.ad_id ? 1 : -1)));
					for (const ad of live.slice(0, Number(fault.ads ?? 1))) {
						ad.__deleted = true;
						ad.secondary_status = 'AD_STATUS_DELETE';
					}
					return false;
				}
				case 'redirect':
					res.writeHead(fault.status ?? 302, { location: fault.location, 'content-type': 'text/html' });
					res.end(`<a href="${fault.location}">moved</a>`);
					return true;
				case 'stall':
					// Never answer; the socket stays open until the client gives up or the fake closes.
					return true;
				case 'stallBody':
					res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': '4096' });
					res.write('{"code":0,"message":"OK","data":{"list":[');
					return true;
				case 'trickle': {
					res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': '1000000' });
					const timer = setInterval(() => res.write(' '), Number(fault.everyMs ?? 2000));
					const stop = () => clearInterval(timer);
					res.on('close', stop);
					req.socket.on('close', stop);
					return true;
				}
				case 'rateLimit': {
					const headers = { 'content-type': 'application/json; charset=utf-8' };
					if (fault.retryAfter !== undefined) headers['retry-after'] = String(fault.retryAfter);
					const v2 = ctx.path.startsWith('/v2/');
					const json = v2
						? { data: {}, error: { code: 'rate_limit_exceeded', message: 'Rate limit exceeded', log_id: requestId() } }
						: { code: 40100, message: 'Requests made too frequently. Please try again later.', request_id: requestId(), data: {} };
					res.writeHead(fault.inBand ? 200 : 429, headers);
					res.end(JSON.stringify(json));
					return true;
				}
				case 'echo': {
					const v2 = ctx.path.startsWith('/v2/');
					const name = String(fault.header ?? (v2 ? 'authorization' : 'access-token')).toLowerCase();
					const echoed = `${name}: ${String(req.headers[name] ?? '')}`;
					let json = v2
						? { data: {}, error: { code: 'invalid_params', message: `Invalid request header ${echoed}`, log_id: requestId() } }
						: { code: 40002, message: `Invalid request header ${echoed}`, request_id: requestId(), data: {} };
					if (fault.as === 'errorList') {
						// A "successful" status update whose per-ad error list repeats the header (option `as: "errorList"`).
						const ids = (ctx.body?.ad_ids ?? []).map(String);
						json = { code: 0, message: 'OK', request_id: requestId(), data: { ad_ids: [], error_list: ids.map((id) => ({ ad_id: id, error_message: `Refused, ${echoed}` })) } };
					}
					res.writeHead(fault.httpStatus ?? (v2 ? 400 : 200), { 'content-type': 'application/json; charset=utf-8' });
					res.end(JSON.stringify(json));
					return true;
				}
				case 'applyThenFail':
					if (fault.skipApply) {
						res.writeHead(500, { 'content-type': 'text/html' });
						res.end('<html><body>500 Internal Server Error</body></html>');
						return true;
					}
					return false;
				default:
					return false;
			}
		},
		after(ctx, result, req, res) {
			const fault = ctx.fault;
			if (!fault || fault.kind !== 'applyThenFail') return false;
			const mode = String(fault.mode ?? 'reset');
			if (mode === 'stall') return true;
			if (mode === '500') {
				res.writeHead(500, { 'content-type': 'text/html' });
				res.end('<html><body>500 Internal Server Error</body></html>');
				return true;
			}
			req.socket.destroy();
			return true;
		},
	});
}

function requestId() {
	return crypto.randomBytes(16).toString('hex');
}

module.exports = register;
