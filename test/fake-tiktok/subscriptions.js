'use strict';
// TikTok API for Business webhook subscriptions for leads (docs/tiktok-contract.md, "Lead subscriptions"):
// `POST /subscription/subscribe/`, `GET /subscription/get/`, `POST /subscription/unsubscribe/` (app_id + secret, no
// Access-Token needed; [BUBUBA] api/subscription/*.go, model/subscription/*.go), and the deliveries TikTok POSTs to a
// subscription's callback URL (model/subscription/webhook/{request,lead}.go): `{request_id, object: 1, entry: [...],
// time}`, signed with HMAC-SHA256 keyed by the app secret (header and signed input UNCONFIRMED: switches below).
//
// Switches in `state.subscriptionConfig` (`POST /__fake/subscriptions/config`):
//   signatureHeader  'x-open-signature'  the header the signature travels in (the research note's; UNCONFIRMED)
//   signedInput      'escaped'           'escaped': the body with every non-ASCII character as \uXXXX (a production
//                                        integration's reading of TikTok's page); 'raw': the bytes sent
//   subscribeAnswer  'data'              'data': `{code, data: {subscription_id}}` (TikTok's envelope); 'bububa': the
//                                        answer bububa's SubscribeResponse reads (`subscription_id: {subscription_id}`)
//   idsAsNumbers     true                lead, form, ad... IDs in a delivery as bare JSON numbers (a production
//                                        integration saw numbers; bububa types them as strings)
//
// Control: `POST /__fake/subscriptions/deliver` {subscription_id?, page_id?, count?, answers?, changes?, lead_ids?, signature?:
// 'valid' | 'wrong' | 'missing' | 'tampered', repeat?} delivers (new or given) leads and answers with the HTTP statuses
// the callback gave; `POST /__fake/subscriptions/drop` {subscription_id} ends a subscription silently, as TikTok does
// when the token is revoked; `GET /__fake/subscriptions` lists them.
const crypto = require('node:crypto');
const http = require('node:http');

const { BusinessError, businessRoute, defaultMessage, envelope, paginate } = require('./business');

const requestId = () => crypto.randomBytes(16).toString('hex');
const { addLead } = require('./leads');

const DEFAULT_CONFIG = {
	signatureHeader: 'x-open-signature',
	signedInput: 'escaped',
	subscribeAnswer: 'data',
	idsAsNumbers: true,
};

/** Subscribe entities TikTok lists (bububa model/subscription/subscribe.go). */
const ENTITIES = ['REPORT_DATA_CHANGE', 'AD_ACCOUNT_SUSPENSION', 'LEAD', 'AD_GROUP', 'AD', 'TCM_VIDEOS', 'CREATIVE_FATIGUE', 'API_SERVICE_STATUS'];

/** Every non-ASCII UTF-16 unit as a lowercase `\uXXXX` escape; everything else as it is. */
function escapeNonAscii(text) {
	return text.replace(/[\u0080-\uffff]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function sign(secret, body, signedInput) {
	const input = signedInput === 'raw' ? body : escapeNonAscii(body);
	return crypto.createHmac('sha256', secret).update(input, 'utf8').digest('hex');
}

/** POSTs `body` to `url` (loopback only) and resolves to the HTTP status. */
function post(url, body, headers) {
	return new Promise((resolve, reject) => {
		const target = new URL(url);
		if (!['127.0.0.1', 'localhost', '[::1]'].includes(target.hostname)) {
			reject(new Error(`the fake delivers to loopback only, not ${target.hostname}`));
			return;
		}
		const req = http.request(
			target,
			{ method: 'POST', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...headers } },
			(res) => {
				res.resume();
				res.on('end', () => resolve(res.statusCode));
			},
		);
		req.setTimeout(30_000, () => req.destroy(new Error('callback timed out')));
		req.on('error', reject);
		req.end(body);
	});
}

function register(app) {
	const { state, FAKE } = app;
	state.subscriptionConfig = { ...DEFAULT_CONFIG };
	state.subscriptions = [];
	state.deliveries = [];
	let nextId = 1;

	function checkApp(appId, secret) {
		if (appId === undefined || appId === '') throw new BusinessError(40002, 'app_id: Missing data for required field.');
		if (secret === undefined || secret === '') throw new BusinessError(40002, 'secret: Missing data for required field.');
		if (String(appId) !== FAKE.businessAppId || secret !== FAKE.businessSecret) {
			throw new BusinessError(40101, 'Invalid app_id or secret.');
		}
	}

	// New subscription (bububa model/subscription/subscribe.go): LEAD needs advertiser_id or library_id, page_id
	// optional; the access_token of the detail must be valid and reach the advertiser.
	app.route('POST', '/open_api/v1.3/subscription/subscribe/', (ctx) => {
		const failure = ctx.state.takeFailure('/open_api/v1.3/subscription/subscribe/', '/subscription/subscribe/', ctx);
		if (failure) return failure.httpStatus ? { status: failure.httpStatus, text: 'Gateway error' } : envelope(failure.code, failure.message ?? defaultMessage(failure.code));
		try {
			const body = ctx.body ?? {};
			checkApp(body.app_id, body.secret);
			if (!ENTITIES.includes(body.subscribe_entity)) {
				throw new BusinessError(40002, 'subscribe_entity: Must be one of: ' + ENTITIES.join(', ') + '.');
			}
			if (body.subscribe_entity !== 'LEAD') throw new BusinessError(40002, 'The fake serves LEAD subscriptions only.');
			if (typeof body.callback_url !== 'string' || !/^https?:\/\//.test(body.callback_url)) {
				throw new BusinessError(40002, 'callback_url: Not a valid URL.');
			}
			const detail = body.subscription_detail ?? {};
			const grant = state.businessTokens.get(String(detail.access_token ?? ''));
			if (!grant) throw new BusinessError(40105, 'Access token is incorrect or has been revoked.');
			const advertiserId = detail.advertiser_id === undefined ? undefined : String(detail.advertiser_id);
			const libraryId = detail.library_id === undefined ? undefined : String(detail.library_id);
			if (!advertiserId && !libraryId) {
				throw new BusinessError(40002, 'subscription_detail: advertiser_id or library_id is required for LEAD.');
			}
			if (advertiserId && !grant.advertiserIds.includes(advertiserId)) {
				throw new BusinessError(40001, `No permission to operate advertiser ${advertiserId}. Please check the advertiser authorization.`);
			}
			if (detail.page_id !== undefined) {
				const form = state.leadStore.forms.find((f) => f.page_id === String(detail.page_id));
				if (!form || (advertiserId && form.advertiser_id !== advertiserId)) {
					throw new BusinessError(40002, `page_id: ${detail.page_id} is not an instant form of this advertiser.`);
				}
			}
			const subscription = {
				app_id: FAKE.businessAppId,
				subscription_id: String(1700000000000000000n + BigInt(nextId++)),
				subscribe_entity: 'LEAD',
				callback_url: body.callback_url,
				subscription_detail: {
					access_token: String(detail.access_token),
					...(advertiserId ? { advertiser_id: advertiserId } : {}),
					...(libraryId ? { library_id: libraryId } : {}),
					...(detail.page_id !== undefined ? { page_id: String(detail.page_id) } : {}),
					lead_source: detail.lead_source ?? 'INSTANT_FORM',
				},
			};
			state.subscriptions.push(subscription);
			if (state.subscriptionConfig.subscribeAnswer === 'bububa') {
				return {
					status: 200,
					json: { code: 0, message: 'OK', request_id: requestId(), subscription_id: { subscription_id: subscription.subscription_id } },
				};
			}
			return envelope(0, 'OK', { subscription_id: subscription.subscription_id });
		} catch (error) {
			if (error instanceof BusinessError) return envelope(error.code, error.message);
			throw error;
		}
	});

	// The app's subscriptions (bububa model/subscription/get.go): app_id, secret, subscribe_entity, page (≥ 1), page_size (1–1000).
	businessRoute(
		app,
		'GET',
		'/subscription/get/',
		(ctx) => {
			checkApp(ctx.query.app_id, ctx.query.secret);
			const entity = ctx.query.subscribe_entity;
			const list = state.subscriptions.filter((s) => !entity || s.subscribe_entity === entity);
			const { list: page, page_info } = paginate(ctx, list);
			return { subscriptions: page, page_info };
		},
		{ auth: false },
	);

	// Ends a subscription (bububa model/subscription/unsubscribe.go): app_id, secret, subscription_id.
	businessRoute(
		app,
		'POST',
		'/subscription/unsubscribe/',
		(ctx) => {
			const body = ctx.body ?? {};
			checkApp(body.app_id, body.secret);
			const index = state.subscriptions.findIndex((s) => s.subscription_id === String(body.subscription_id ?? ''));
			if (index === -1) throw new BusinessError(40002, 'subscription_id: The subscription does not exist.');
			const [removed] = state.subscriptions.splice(index, 1);
			return { subscription_id: removed.subscription_id };
		},
		{ auth: false },
	);

	/** The delivery body of `leads` (fake lead objects) as TikTok would send it. */
	function deliveryBody(leads) {
		const numbers = state.subscriptionConfig.idsAsNumbers;
		const id = (value) => (numbers && /^\d+$/.test(String(value)) ? `\u0000RAW:${value}\u0000` : String(value));
		const form = (pageId) => state.leadStore.forms.find((f) => f.page_id === pageId);
		const json = {
			request_id: crypto.randomBytes(8).toString('hex'),
			object: 1,
			entry: leads.map((lead) => ({
				id: id(lead.lead_id),
				lead_source: 'INSTANT_FORM',
				page_id: id(lead.page_id),
				page_name: form(lead.page_id)?.title ?? '',
				advertiser_id: id(lead.advertiser_id),
				advertiser_name: `Advertiser ${lead.advertiser_id}`,
				campaign_id: id(lead.campaign_id),
				campaign_name: lead.campaign_name,
				adgroup_id: id(lead.adgroup_id),
				adgroup_name: lead.adgroup_name,
				ad_id: id(lead.ad_id),
				ad_name: lead.ad_name,
				create_time: Math.floor(lead.created / 1000),
				changes: lead.__changes ?? Object.entries(lead.answers).map(([field, value]) => ({ field, value })),
			})),
			time: Math.floor(Date.now() / 1000),
		};
		return JSON.stringify(json).replace(/"\\u0000RAW:(-?\d+)\\u0000"/g, '$1');
	}

	/** Posts `leads` to `subscription`'s callback, signed as configured (or not, or wrongly). Resolves to the status. */
	async function deliver(subscription, leads, signature = 'valid') {
		const config = state.subscriptionConfig;
		let body = deliveryBody(leads);
		const headers = {};
		if (signature !== 'missing') {
			headers[config.signatureHeader] =
				signature === 'wrong' ? sign('not-the-app-secret', body, config.signedInput) : sign(FAKE.businessSecret, body, config.signedInput);
		}
		if (signature === 'tampered') body = body.replace(/"changes":\[\{"field":"([^"]*)","value":"/, '"changes":[{"field":"$1","value":"X');
		const status = await post(subscription.callback_url, body, headers);
		state.deliveries.push({ subscription_id: subscription.subscription_id, leads: leads.map((l) => l.lead_id), signature, status });
		return status;
	}

	app.route('POST', '/__fake/subscriptions/config', (ctx) => {
		Object.assign(state.subscriptionConfig, ctx.body ?? {});
		return { status: 200, json: state.subscriptionConfig };
	});
	app.route('POST', '/__fake/subscriptions/reset', () => {
		state.subscriptionConfig = { ...DEFAULT_CONFIG };
		state.subscriptions.length = 0;
		state.deliveries.length = 0;
		return { status: 200, json: {} };
	});
	app.route('GET', '/__fake/subscriptions', () => ({ status: 200, json: { subscriptions: state.subscriptions, deliveries: state.deliveries } }));
	app.route('POST', '/__fake/subscriptions/drop', (ctx) => {
		const id = String(ctx.body?.subscription_id ?? '');
		const before = state.subscriptions.length;
		state.subscriptions = state.subscriptions.filter((s) => s.subscription_id !== id);
		return { status: 200, json: { dropped: before - state.subscriptions.length } };
	});
	app.route('POST', '/__fake/subscriptions/deliver', async (ctx) => {
		const body = ctx.body ?? {};
		const subscription = body.subscription_id
			? state.subscriptions.find((s) => s.subscription_id === String(body.subscription_id))
			: state.subscriptions[state.subscriptions.length - 1];
		if (!subscription) return { status: 400, json: { error: 'no such subscription' } };
		let leads;
		if (Array.isArray(body.lead_ids)) {
			leads = body.lead_ids.map((id) => state.leadStore.leads.find((l) => l.lead_id === String(id))).filter(Boolean);
		} else {
			const pageId = String(body.page_id ?? subscription.subscription_detail.page_id ?? state.leadStore.forms.find((f) => f.advertiser_id === subscription.subscription_detail.advertiser_id).page_id);
			leads = [];
			for (let i = 0; i < Number(body.count ?? 1); i++) {
				leads.push(addLead(state.world, state.leadStore, pageId, { created: body.created ?? Date.now(), answers: body.answers }));
			}
		}
		// `changes`: the answers exactly as TikTok lists them (e.g. two questions with the same label).
		if (Array.isArray(body.changes)) for (const lead of leads) lead.__changes = body.changes;
		const statuses = [];
		for (let i = 0; i < Number(body.repeat ?? 1); i++) statuses.push(await deliver(subscription, leads, body.signature ?? 'valid'));
		return { status: 200, json: { leads: leads.map((l) => l.lead_id), statuses } };
	});
}

module.exports = register;
Object.assign(module.exports, { DEFAULT_CONFIG, escapeNonAscii, sign });
