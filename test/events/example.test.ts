import type { IDataObject } from 'n8n-workflow';

import { EVENTS_TOKEN, eventsCredential, useFake } from '../harness/fake';
import { loadExample, runExample } from '../harness/examples';
import { TRACK, sha256, textOf } from './helpers';

const EXAMPLE = 'webhook-order-to-purchase-event.json';

/** What a shop's "order paid" webhook posts, as n8n's Webhook node outputs it. */
const ORDER = {
	headers: { 'content-type': 'application/json' },
	params: {},
	query: {},
	body: {
		order_id: 1001,
		paid_at: '2026-12-04T15:30:00Z',
		checkout_url: 'https://shop.example.com/checkout/1001/thank-you',
		currency: 'USD',
		total: 37.5,
		customer: { id: 'cus_8841', email: ' Jane.Doe@Example.com', phone: '(415) 555-0134' },
		client: { ip: '203.0.113.7', user_agent: 'Mozilla/5.0 (iPhone)', ttclid: 'E.C.P.abc123' },
		lines: [
			{ sku: 'MUG-1', name: 'Mug', price: 12.5 },
			{ sku: 'TEE-2', name: 'T-shirt', price: 25 },
		],
	},
};

describe('examples/webhook-order-to-purchase-event.json', () => {
	const fake = useFake();

	it('turns the webhook\'s order into one Purchase event: personal data hashed, products, value and currency, the order as event ID', async () => {
		const webhook = loadExample(EXAMPLE, fake).nodes.find((n) => n.type === 'n8n-nodes-base.webhook')!;
		const result = await runExample(fake, EXAMPLE, [eventsCredential(fake, {}, 'tiktokEventsFake')], { startNode: webhook.name, input: [{ json: ORDER }] });
		const [output] = result.output('Send Purchase to TikTok');
		expect(output.json).toMatchObject({ event: 'Purchase', event_id: 'order-1001', accepted: true, value: 37.5, currency: 'USD' });

		const [request] = fake.state.requestsTo(TRACK);
		expect(request.headers['access-token']).toBe(EVENTS_TOKEN);
		const body = request.body as { event_source: string; event_source_id: string; data: IDataObject[] };
		expect(body.event_source).toBe('web');
		expect(body.data).toEqual([
			{
				event: 'Purchase',
				event_id: 'order-1001',
				event_time: Date.parse('2026-12-04T15:30:00Z') / 1000,
				page: { url: 'https://shop.example.com/checkout/1001/thank-you' },
				user: {
					email: [sha256('jane.doe@example.com')],
					phone: [sha256('+14155550134')],
					external_id: [sha256('cus_8841')],
					ip: '203.0.113.7',
					user_agent: 'Mozilla/5.0 (iPhone)',
					ttclid: 'E.C.P.abc123',
				},
				properties: {
					currency: 'USD',
					value: 37.5,
					contents: [
						{ content_id: 'MUG-1', content_name: 'Mug', price: 12.5 },
						{ content_id: 'TEE-2', content_name: 'T-shirt', price: 25 },
					],
					content_type: 'product',
					order_id: '1001',
				},
			},
		]);
		for (const raw of ['jane.doe@example.com', '555-0134', '4155550134', 'cus_8841']) {
			expect(textOf(request.body).toLowerCase().includes(raw)).toBe(false);
			expect(textOf(output).toLowerCase().includes(raw)).toBe(false);
		}
	});
});
