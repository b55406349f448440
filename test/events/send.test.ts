/* eslint-disable @n8n/community-nodes/no-restricted-imports -- a test, not node code: its own rules are test/eslint.config.mjs */
import { inspect } from 'node:util';

import type { IDataObject } from 'n8n-workflow';
import { LoggerProxy } from 'n8n-workflow';

import { runTikTokNode } from '../harness/engine';
import { EVENTS_TOKEN, FAKE, businessCredential, eventsCredential, secretsOf, useFake } from '../harness/fake';
import {
	SHA256_HEX,
	TRACK,
	customer,
	expectedHashes,
	inputOf,
	pixelOf,
	sendParameters,
	sha256,
	textOf,
} from './helpers';

type TrackBody = { event_source: string; event_source_id: string; test_event_code?: string; data: IDataObject[] };

/** Everything the engine logged during a test (n8n-core logs through n8n-workflow's LoggerProxy). */
const logged: string[] = [];
function record(level: string) {
	return (message: string, meta?: unknown) => {
		// The message, and the error's text and context when there is one (inspect, not JSON: it may be circular).
		const error = (meta as { error?: { message?: string; description?: string; context?: unknown } } | undefined)?.error;
		const detail = error ? `${error.message} ${error.description ?? ''} ${inspect(error.context, { depth: 3 })}` : inspect(meta, { depth: 2 });
		logged.push(`${level} ${message} ${detail}`);
	};
}
const recorder = {
	error: record('error'),
	warn: record('warn'),
	info: record('info'),
	debug: record('debug'),
	scoped: () => recorder,
};

describe('event.send through the engine against the fake Events API', () => {
	const fake = useFake();
	beforeEach(() => {
		logged.length = 0;
		// n8n's Logger (created on first use) points LoggerProxy at itself: create it now, record what it is asked to
		// log, and point LoggerProxy at the recorder after it.
		/* eslint-disable @typescript-eslint/no-require-imports */
		const { Container } = require('@n8n/di') as typeof import('@n8n/di');
		const { Logger } = require('@n8n/backend-common') as { Logger: new () => Record<string, unknown> };
		/* eslint-enable @typescript-eslint/no-require-imports */
		const logger = Container.get(Logger as never) as Record<string, unknown>;
		for (const level of ['error', 'warn', 'info', 'debug'] as const) logger[level] = recorder[level];
		LoggerProxy.init(recorder as never);
	});

	const run = async (
		parameters: Record<string, unknown>,
		input = inputOf(3),
		extra: { continueOnFail?: boolean; events?: boolean } = {},
	) =>
		await runTikTokNode({
			parameters: parameters as never,
			credentials: [extra.events ? eventsCredential(fake) : businessCredential(fake)],
			input,
			continueOnFail: extra.continueOnFail,
		});
	const bodies = () => fake.state.requestsTo(TRACK).map((r) => r.body as TrackBody);

	/** No raw personal data of `count` customers anywhere in what went out, came out, or was logged. */
	const expectNoRawPersonalData = (count: number, ...outputs: unknown[]) => {
		const sent = textOf(fake.state.requestsTo(TRACK).map((r) => ({ body: r.body, query: r.query, headers: r.headers })));
		const seen = [sent, ...outputs.map(textOf), logged.join('\n')].join('\n').toLowerCase();
		for (let n = 0; n < count; n += Math.max(1, Math.floor(count / 200))) {
			const { email, phone, userId } = customer(n);
			for (const raw of [email.trim().toLowerCase(), phone, phone.replace(/[^\d+]/g, ''), userId]) {
				expect({ n, leaked: seen.includes(raw.toLowerCase()) }).toEqual({ n, leaked: false });
			}
		}
	};

	it('2,500 items become 3 requests (1,000 + 1,000 + 500), every personal value a SHA-256 of its normalised form, outputs paired', async () => {
		const { items, error } = await run(sendParameters(fake), inputOf(2500));
		expect(error).toBeUndefined();
		const sent = bodies();
		expect(sent.map((b) => b.data.length)).toEqual([1000, 1000, 500]);
		for (const body of sent) {
			expect(body).toMatchObject({ event_source: 'web', event_source_id: pixelOf(fake), test_event_code: 'TEST42' });
		}
		const events = sent.flatMap((b) => b.data);
		expect(events.map((e) => e.event_id).sort()).toEqual(inputOf(2500).map((i) => i.json.order).sort());
		for (const event of events) {
			const n = Number(String(event.event_id).slice('order-'.length));
			const user = event.user as Record<string, string[]>;
			const hashes = expectedHashes(n);
			expect(user).toEqual({ email: [hashes.email], phone: [hashes.phone], external_id: [hashes.externalId] });
			for (const value of [...user.email, ...user.phone, ...user.external_id]) expect(value).toMatch(SHA256_HEX);
			expect(event).toMatchObject({ event: 'Purchase', event_time: 1796484600, page: { url: 'https://shop.example.com/thank-you' } });
			expect(event.properties).toEqual({ currency: 'EUR', value: customer(n).total });
		}
		// One output per input, in order, paired, with TikTok's verdict.
		expect(items).toHaveLength(2500);
		items.forEach((item, i) => {
			expect(item.pairedItem).toEqual({ item: i });
			expect(item.json).toMatchObject({ event_id: `order-${i}`, accepted: true, code: 0, test_event_code: 'TEST42', user_data_sent: ['email', 'phone', 'external_id'] });
			expect(item.json.request_id).toMatch(/^[0-9a-f]{32}$/);
		});
		expect(new Set(items.map((i) => i.json.request_id)).size).toBe(3);
		// The fake's Test Events tab holds them all.
		expect((fake.state.events as { byTestCode: Map<string, number> }).byTestCode.get('TEST42')).toBe(2500);
		expect(logged.length).toBeGreaterThan(0);
		expectNoRawPersonalData(2500, items);
	}, 120_000);

	it("hashes as TikTok's own examples do, and passes values that already are SHA-256 hashes unchanged", async () => {
		const preHashed = sha256('someone@example.com');
		const input = [
			{ json: { email: ' ALICE_abc@gmail.com ', phone: '(+1)2133734253', userId: 'user_123', order: 'a' } },
			{ json: { email: preHashed, phone: preHashed.toUpperCase(), userId: preHashed, order: 'b' } },
			{ json: { email: [' A@x.io', 'b@X.io '], phone: '0044 20 7946 0958', userId: 42, order: 'c' } },
		];
		const { items, error } = await run(sendParameters(fake, { eventProperties: {} }), input);
		expect(error).toBeUndefined();
		expect(items).toHaveLength(3);
		const [a, b, c] = bodies()[0].data.map((e) => e.user as Record<string, string[]>);
		// bububa/tiktok-business model/event/track.go: the documented examples and their hashes.
		expect(a).toEqual({
			email: ['848a771458438fc2ec420560d769fb9b9b86851ee338ec56517baabd79d3bb4f'],
			phone: ['9f7ec22d72092cd3c0b58726ed9c2d91b92e51a3f29837508fb2948bb22dd2fd'],
			external_id: ['80fba0ae1c48e3978e43e4efc365e14e12ea0c830ba8ba5b9a2dafc7e3f2ab8b'],
		});
		expect(b).toEqual({ email: [preHashed], phone: [preHashed], external_id: [preHashed] });
		expect(c).toEqual({ email: [sha256('a@x.io'), sha256('b@x.io')], phone: [sha256('+442079460958')], external_id: [sha256('42')] });
	});

	it('sends with the tikTokEventsApi credential (the pixel token as Access-Token), the same hashes and pairing', async () => {
		const { items, error } = await run(sendParameters(fake, { authentication: 'eventsApiToken' }), inputOf(1200), { events: true });
		expect(error).toBeUndefined();
		const requests = fake.state.requestsTo(TRACK);
		expect(requests.map((r) => (r.body as TrackBody).data.length)).toEqual([1000, 200]);
		expect(requests.every((r) => r.headers['access-token'] === EVENTS_TOKEN)).toBe(true);
		for (const event of bodies().flatMap((b) => b.data)) {
			const n = Number(String(event.event_id).slice('order-'.length));
			expect((event.user as Record<string, string[]>).email).toEqual([expectedHashes(n).email]);
		}
		expect(items.map((i) => i.pairedItem)).toEqual(inputOf(1200).map((_, i) => ({ item: i })));
		expect(items.every((i) => i.json.accepted === true)).toBe(true);
		const leaked = textOf(items);
		for (const secret of [...secretsOf(fake), FAKE.businessToken]) expect(leaked.includes(secret)).toBe(false);
		expectNoRawPersonalData(1200, items);
	}, 60_000);

	it('the Events API token reaches only its own pixel: another pixel fails with TikTok\'s permission error, nothing leaked', async () => {
		const { items, error } = await run(
			sendParameters(fake, { authentication: 'eventsApiToken', pixelCode: { __rl: true, mode: 'id', value: pixelOf(fake, 1) } }),
			inputOf(2),
			{ events: true, continueOnFail: true },
		);
		expect(error).toBeUndefined();
		expect(items.map((i) => i.json.code)).toEqual([40001, 40001]);
		expect(textOf(items).includes(EVENTS_TOKEN)).toBe(false);
		expectNoRawPersonalData(2, items);
	});

	describe('bad input is refused before any request, naming the field and the item; under Continue only that item fails', () => {
		const cases: Array<[string, Record<string, unknown>, RegExp, boolean]> = [
			['an unknown standard event', { event: '={{ $json.order === "order-1" ? "Purchased" : "Purchase" }}' }, /"Event" parameter must be one of/, false],
			['no event time', { eventTime: '={{ $json.order === "order-1" ? "" : 1796484600 }}' }, /"Event Time" parameter is empty/, false],
			['a negative value', { eventProperties: { currency: 'EUR', value: '={{ $json.order === "order-1" ? -5 : 5 }}' } }, /"Event Properties → Value" parameter must be a number of 0 or more/, false],
			['a non-numeric value', { eventProperties: { currency: 'EUR', value: '={{ $json.order === "order-1" ? "12,50 €" : 5 }}' } }, /"Event Properties → Value" parameter must be a number/, false],
			['an unsupported currency', { eventProperties: { currency: '={{ $json.order === "order-1" ? "XBT" : "EUR" }}', value: 5 } }, /"Event Properties → Currency" parameter must be one of/, false],
			['an email that is not one', { userData: { email: '={{ $json.email }}' } }, /"User Data → Email" parameter is not an email address/, true],
			['a national phone without a default country code', { userData: { phone: '={{ $json.phone }}' } }, /"User Data → Phone" parameter is not a phone number/, true],
		];
		/** Item 1 holds a bad email and a national phone number (raw personal data that must not show anywhere). */
		const badInput = (personal?: boolean) => {
			const input = inputOf(3);
			if (!personal) return input;
			input[1].json.email = 'not-an-email';
			input[1].json.phone = '020 7946 0958';
			return input;
		};

		it.each(cases)('%s: stops the node with no request', async (_name, parameters, message, personal) => {
			const { items, error } = await run(sendParameters(fake, parameters), badInput(personal));
			expect(items).toHaveLength(0);
			expect(error?.message).toMatch(message);
			expect((error as unknown as { context: IDataObject }).context.itemIndex).toBe(1);
			expect(fake.state.requestsTo(TRACK)).toHaveLength(0);
			// The refused value is never shown (personal data), in the error or the log.
			for (const shown of [textOf(error), logged.join('\n')]) {
				expect(shown.includes('not-an-email')).toBe(false);
				expect(shown.includes('020 7946 0958')).toBe(false);
			}
		});

		it.each(cases)('%s: under Continue, only that item fails, the others are sent', async (_name, parameters, message, personal) => {
			const { items, error } = await run(sendParameters(fake, parameters), badInput(personal), { continueOnFail: true });
			expect(error).toBeUndefined();
			expect(items).toHaveLength(3);
			expect(items[1].json.error).toMatch(message);
			expect(items[1].pairedItem).toEqual({ item: 1 });
			expect([items[0].json.accepted, items[2].json.accepted]).toEqual([true, true]);
			expect(bodies().flatMap((b) => b.data.map((e) => e.event_id))).toEqual(['order-0', 'order-2']);
			expectNoRawPersonalData(3, items);
			expect(textOf(items).includes('not-an-email') || textOf(items).includes('020 7946 0958')).toBe(false);
		});
	});

	it('an event TikTok refuses fails only its item: the refused request is split until the event is alone (strict switch)', async () => {
		(fake.state.events as { refuse: Set<string> }).refuse.add('order-700');
		const { items, error } = await run(sendParameters(fake), inputOf(1500), { continueOnFail: true });
		expect(error).toBeUndefined();
		expect(items).toHaveLength(1500);
		expect(items[700].json).toMatchObject({ code: 40002 });
		expect(String(items[700].json.error)).toContain('data[0]');
		expect(items.filter((i) => i.json.accepted === true)).toHaveLength(1499);
		// Every other event recorded once, the refused one never.
		const received = (fake.state.events as { received: Array<{ event: IDataObject }> }).received.map((r) => r.event.event_id);
		expect(received).toHaveLength(1499);
		expect(new Set(received).size).toBe(1499);
		expect(received).not.toContain('order-700');
		// Halving 1,000 down to one takes about 2 × log2(1000) requests, not one per event.
		expect(fake.state.requestsTo(TRACK).length).toBeLessThanOrEqual(2 + 2 * 10 + 1);
	}, 60_000);

	it('where TikTok would drop an invalid event silently (switch eventTrackDropsInvalid), one request per batch and its answer', async () => {
		fake.state.contract.eventTrackDropsInvalid = true;
		(fake.state.events as { refuse: Set<string> }).refuse.add('order-1');
		const { items, error } = await run(sendParameters(fake), inputOf(3));
		expect(error).toBeUndefined();
		expect(fake.state.requestsTo(TRACK)).toHaveLength(1);
		expect(items.map((i) => i.json.accepted)).toEqual([true, true, true]);
		expect((fake.state.events as { count: number }).count).toBe(2);
	});

	it('without an Event ID, one is made from the execution, the item and the event; a retried request re-sends the same IDs', async () => {
		fake.state.failNext({ path: TRACK, code: 50002 });
		fake.state.failNext({ path: TRACK, code: 40100 });
		const { items, error } = await run(sendParameters(fake, { eventId: '' }), inputOf(3));
		expect(error).toBeUndefined();
		const sent = bodies();
		expect(sent).toHaveLength(3);
		const ids = sent.map((b) => b.data.map((e) => e.event_id));
		expect(ids[0]).toEqual(ids[2]);
		expect(new Set(ids[2]).size).toBe(3);
		for (const id of ids[2]) expect(id).toMatch(/^n8n_[0-9a-f]{32}$/);
		expect(items.map((i) => i.json.event_id)).toEqual(ids[2]);
		expect(items.every((i) => i.json.event_id_generated === true)).toBe(true);
	});

	it('items naming the same event (event and Event ID) are one event for TikTok: sent once, each item gets the verdict', async () => {
		const input = [{ json: { ...customer(1), order: 'same' } }, { json: { ...customer(2), order: 'same' } }];
		const { items } = await run(sendParameters(fake), input);
		expect(bodies()[0].data).toHaveLength(1);
		expect(items.map((i) => [i.json.event_id, i.json.accepted, (i.pairedItem as { item: number }).item])).toEqual([
			['same', true, 0],
			['same', true, 1],
		]);
	});

	it('an offline event goes to an event set without page; web-only user data is refused for it', async () => {
		const offline = sendParameters(fake, {
			eventSource: 'offline',
			pixelCode: { __rl: true, mode: 'id', value: '7300000000000000001' },
			userData: { email: '={{ $json.email }}' },
		});
		const { error } = await run(offline, inputOf(1));
		expect(error).toBeUndefined();
		const event = bodies()[0].data[0];
		expect(bodies()[0].event_source).toBe('offline');
		expect(event.page).toBeUndefined();
		const refused = await run({ ...offline, userData: { externalId: '={{ $json.userId }}' } }, inputOf(1));
		expect(refused.error?.message).toMatch(/external_id can be sent with web events only/);
	});
});
