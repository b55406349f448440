'use strict';
// Events API 2.0 (docs/tiktok-contract.md §18): POST /open_api/v1.3/event/track/ and the pixels of /pixel/list/.
// Strict as the sources say: at most 1,000 events a request (more: the whole request refused), required fields,
// personal data only as SHA-256 hex, the listed currencies, page URL for web events. What the sources leave open is
// a switch (contract.js): `eventTrackDropsInvalid`.
const { BusinessError, authorize, businessRoute, paginate } = require('./business');

/** Fixed Events API token of the fake's first pixel (what Events Manager "generated"). */
const EVENTS_TOKEN = 'fake-events-token-0001';
const EVENTS_PER_REQUEST = 1000;
const SOURCES = ['web', 'app', 'offline', 'crm'];
const STANDARD_EVENTS = [
	'AddPaymentInfo', 'AddToCart', 'AddToWishlist', 'ApplicationApproval', 'CompleteRegistration', 'Contact', 'CustomizeProduct',
	'Download', 'FindLocation', 'InitiateCheckout', 'Lead', 'Purchase', 'Schedule', 'Search', 'StartTrial', 'SubmitApplication',
	'Subscribe', 'ViewContent',
];
const CURRENCIES = new Set(
	('AED ARS AUD BDT BHD BIF BOB BRL CAD CHF CLP CNY COP CRC CZK DKK DZD EGP EUR GBP GTQ HKD HNL HUF IDR ILS INR ISK JPY KES KHR ' +
		'KRW KWD KZT MAD MOP MXN MYR NGN NIO NOK NZD OMR PEN PHP PKR PLN PYG QAR RON RUB SAR SEK SGD THB TRY TWD UAH USD VES VND ZAR').split(' '),
);
const SHA256_HEX = /^[0-9a-f]{64}$/;
const WEB_ONLY_USER_KEYS = ['external_id', 'ip', 'user_agent', 'ttclid'];

/** Two pixels per advertiser, and one offline event set. */
function buildPixels(world) {
	const pixels = [];
	world.advertisers.forEach((advertiser, n) => {
		for (let k = 1; k <= 2; k++) {
			const serial = String(n * 2 + k).padStart(4, '0');
			pixels.push({
				advertiser_id: advertiser.advertiser_id,
				pixel_id: `71${serial.padStart(17, '0')}`,
				pixel_code: `CFAKEPIXEL${serial}`,
				pixel_name: `${advertiser.advertiser_name} pixel ${k}`,
				pixel_setup_mode: 'DEVELOPER',
			});
		}
	});
	return pixels;
}

/** The problem of one event, as TikTok's 40002 message names it; undefined when it is fine. */
function eventProblem(event, n, source) {
	const at = `data[${n}]`;
	if (typeof event !== 'object' || event === null || Array.isArray(event)) return `${at}: Not a valid object.`;
	if (typeof event.event !== 'string' || event.event === '') return `${at}.event: Missing data for required field.`;
	if (source === 'offline' && !STANDARD_EVENTS.includes(event.event)) return `${at}.event: Offline events take standard events only.`;
	if (!Number.isInteger(event.event_time) || event.event_time <= 0) return `${at}.event_time: Missing data for required field or not a Unix timestamp in seconds.`;
	if (event.event_time > 1e11) return `${at}.event_time: Must be in seconds.`;
	if (event.event_id !== undefined && (typeof event.event_id !== 'string' || event.event_id === '')) return `${at}.event_id: Not a valid string.`;
	const user = event.user;
	if (user !== undefined) {
		if (typeof user !== 'object' || user === null) return `${at}.user: Not a valid object.`;
		for (const key of ['email', 'phone', 'external_id']) {
			if (user[key] === undefined) continue;
			if (!Array.isArray(user[key]) || !user[key].every((v) => typeof v === 'string' && SHA256_HEX.test(v))) {
				return `${at}.user.${key}: Must be a list of SHA-256 hashed values.`;
			}
		}
		if (source !== 'web') for (const key of WEB_ONLY_USER_KEYS) if (user[key] !== undefined) return `${at}.user.${key}: Only for web events.`;
	}
	const properties = event.properties;
	if (properties !== undefined) {
		if (properties.currency !== undefined && !CURRENCIES.has(properties.currency)) return `${at}.properties.currency: Currency not supported.`;
		if (properties.value !== undefined && (typeof properties.value !== 'number' || properties.value < 0)) return `${at}.properties.value: Not a valid number.`;
		if (properties.contents !== undefined && !Array.isArray(properties.contents)) return `${at}.properties.contents: Not a valid list.`;
	}
	if (source === 'web' && (typeof event.page?.url !== 'string' || event.page.url === '')) return `${at}.page.url: Missing data for required field.`;
	return undefined;
}

function register(app) {
	const { state } = app;
	state.pixels = buildPixels(state.world);
	state.eventSets = ['7300000000000000001'];
	/** Events API tokens: token → the one pixel code it sends to. */
	state.eventsTokens = new Map([[EVENTS_TOKEN, state.pixels[0].pixel_code]]);
	/** What /event/track/ took: every accepted event (unless `keep` is off), and counts per test event code. */
	state.events = { received: [], count: 0, keep: true, byTestCode: new Map(), refuse: new Set() };
	const reset = state.resetContract;
	state.resetContract = () => {
		reset?.();
		state.events = { received: [], count: 0, keep: true, byTestCode: new Map(), refuse: new Set() };
	};

	businessRoute(app, 'GET', '/pixel/list/', (ctx) => {
		const grant = authorize(ctx);
		const advertiserId = String(ctx.query.advertiser_id ?? '');
		if (!grant.advertiserIds.includes(advertiserId)) throw new BusinessError(40001, `No permission to operate advertiser ${advertiserId}.`);
		const pageSize = Number(ctx.query.page_size ?? 10);
		if (!(pageSize >= 1 && pageSize <= 20)) throw new BusinessError(40002, 'page_size: Must be between 1 and 20.');
		const { list, page_info } = paginate(ctx, state.pixels.filter((p) => p.advertiser_id === advertiserId), { maxPageSize: 20 });
		return { pixels: list.map(({ advertiser_id, ...pixel }) => pixel), page_info };
	});

	businessRoute(
		app,
		'POST',
		'/event/track/',
		(ctx) => {
			const token = String(ctx.headers['access-token'] ?? '');
			const body = ctx.body ?? {};
			const pixelOfToken = state.eventsTokens.get(token);
			const grant = pixelOfToken ? undefined : authorize(ctx);
			if (!SOURCES.includes(body.event_source)) throw new BusinessError(40002, 'event_source: Must be one of: web, app, offline, crm.');
			const sourceId = String(body.event_source_id ?? '');
			if (sourceId === '') throw new BusinessError(40002, 'event_source_id: Missing data for required field.');
			if (body.event_source === 'web') {
				const pixel = state.pixels.find((p) => p.pixel_code === sourceId);
				const allowed = pixelOfToken ? pixelOfToken === sourceId : pixel && grant.advertiserIds.includes(pixel.advertiser_id);
				if (!pixel) throw new BusinessError(40002, `event_source_id: Pixel ${sourceId} does not exist.`);
				if (!allowed) throw new BusinessError(40001, `No permission to operate pixel ${sourceId}.`);
			} else if (body.event_source === 'offline' && !state.eventSets.includes(sourceId)) {
				throw new BusinessError(40002, `event_source_id: Event set ${sourceId} does not exist.`);
			}
			if (!Array.isArray(body.data) || body.data.length === 0) throw new BusinessError(40002, 'data: Missing data for required field.');
			if (body.data.length > EVENTS_PER_REQUEST) throw new BusinessError(40002, `data: Length must be between 1 and ${EVENTS_PER_REQUEST}.`);
			const accepted = [];
			for (const [n, event] of body.data.entries()) {
				let problem = eventProblem(event, n, body.event_source);
				if (!problem && state.events.refuse.has(event.event_id)) problem = `data[${n}]: The event was refused.`;
				if (!problem) accepted.push(event);
				else if (!state.contract.eventTrackDropsInvalid) throw new BusinessError(40002, problem);
			}
			state.events.count += accepted.length;
			if (state.events.keep) {
				for (const event of accepted) {
					state.events.received.push({ event_source: body.event_source, event_source_id: sourceId, test_event_code: body.test_event_code, event });
				}
			}
			if (body.test_event_code !== undefined) {
				state.events.byTestCode.set(body.test_event_code, (state.events.byTestCode.get(body.test_event_code) ?? 0) + accepted.length);
			}
			return {};
		},
		{ auth: false },
	);

	// Test control: what the Test Events tab of Events Manager would show for a test event code.
	app.route('GET', '/__fake/events', (ctx) => ({
		status: 200,
		json: { count: state.events.count, test_event_code: ctx.query.test_event_code, test_events: state.events.byTestCode.get(ctx.query.test_event_code) ?? 0 },
	}));
}

module.exports = register;
Object.assign(module.exports, { EVENTS_TOKEN, EVENTS_PER_REQUEST, STANDARD_EVENTS });
