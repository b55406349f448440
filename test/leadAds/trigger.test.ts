import type { IDataObject } from 'n8n-workflow';

import { BUSINESS_PREFIX, FAKE, useFake } from '../harness/fake';
import { ADV1, FORM_DRIVE, FORM_NEWSLETTER } from '../leads/helpers';
import type { LeadAdsTrigger } from './helpers';
import { configureSubscriptions, deliver, makeLeadAdsTrigger, subscriptionsOf } from './helpers';

const rl = (value: string) => ({ __rl: true, mode: 'id', value });
const SUBSCRIBE = `${BUSINESS_PREFIX}/subscription/subscribe/`;
const UNSUBSCRIBE = `${BUSINESS_PREFIX}/subscription/unsubscribe/`;

describe('TikTok Lead Ads Trigger: subscription lifecycle (n8n-core HookContext, fake TikTok)', () => {
	const fake = useFake({}, { perTest: true });
	let trigger: LeadAdsTrigger | undefined;
	afterEach(async () => await trigger?.close());

	it('activation subscribes the webhook URL for the advertiser and form; checkExists follows TikTok; deactivation unsubscribes', async () => {
		trigger = await makeLeadAdsTrigger(fake, { advertiserId: rl(ADV1), formId: rl(FORM_DRIVE) });
		expect(await trigger.checkExists()).toBe(false);
		expect(await trigger.create()).toBe(true);

		const [subscription] = subscriptionsOf(fake);
		expect(subscription.callback_url).toBe(trigger.webhookUrl);
		expect(subscription.subscription_detail).toMatchObject({ advertiser_id: ADV1, page_id: FORM_DRIVE, access_token: FAKE.businessToken });
		const sent = fake.state.requestsTo(SUBSCRIBE)[0].body as IDataObject;
		expect(sent).toMatchObject({ app_id: FAKE.businessAppId, subscribe_entity: 'LEAD', callback_url: trigger.webhookUrl });
		expect(trigger.staticData().subscriptionId).toBe(subscription.subscription_id);

		expect(await trigger.checkExists()).toBe(true);
		// TikTok ends a subscription silently when the token is revoked: checkExists must say so, and create subscribes anew.
		await fetch(`${fake.url}/__fake/subscriptions/drop`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ subscription_id: subscription.subscription_id }),
		});
		expect(await trigger.checkExists()).toBe(false);
		expect(trigger.staticData().subscriptionId).toBeUndefined();
		await trigger.create();
		expect(subscriptionsOf(fake)).toHaveLength(1);

		expect(await trigger.remove()).toBe(true);
		expect(subscriptionsOf(fake)).toHaveLength(0);
		expect(fake.state.requestsTo(UNSUBSCRIBE)).toHaveLength(1);
		expect(trigger.staticData().subscriptionId).toBeUndefined();
	});

	it('finds its subscription by callback URL after static data was lost, and deactivates it', async () => {
		trigger = await makeLeadAdsTrigger(fake, { advertiserId: rl(ADV1), formId: '' });
		await trigger.create();
		expect(subscriptionsOf(fake)[0].subscription_detail.page_id).toBeUndefined();
		const data = trigger.staticData();
		for (const key of Object.keys(data)) delete data[key];
		expect(await trigger.checkExists()).toBe(true);
		await trigger.remove();
		expect(subscriptionsOf(fake)).toHaveLength(0);
	});

	it('subscribes a form library with library_id in place of advertiser_id', async () => {
		trigger = await makeLeadAdsTrigger(fake, { advertiserId: rl(ADV1), formId: '', options: { libraryId: '7300000000000000001' } });
		await trigger.create();
		const detail = subscriptionsOf(fake)[0].subscription_detail;
		expect(detail.library_id).toBe('7300000000000000001');
		expect(detail.advertiser_id).toBeUndefined();
		expect(await trigger.checkExists()).toBe(true);
	});

	it.each(['data', 'bububa'])('keeps the subscription ID whichever way TikTok answers (%s)', async (shape) => {
		await configureSubscriptions(fake, { subscribeAnswer: shape });
		trigger = await makeLeadAdsTrigger(fake, { advertiserId: rl(ADV1), formId: rl(FORM_DRIVE) });
		await trigger.create();
		expect(trigger.staticData().subscriptionId).toBe(subscriptionsOf(fake)[0].subscription_id);
	});

	it('never re-sends a subscribe whose fate is unknown, and says it may have been applied', async () => {
		trigger = await makeLeadAdsTrigger(fake, { advertiserId: rl(ADV1), formId: rl(FORM_DRIVE) });
		fake.state.failNext({ path: SUBSCRIBE, httpStatus: 502 });
		await expect(trigger.create()).rejects.toThrow(/may have applied/i);
		expect(fake.state.requestsTo(SUBSCRIBE)).toHaveLength(1);
	});

	it('refuses a bad advertiser ID before any request', async () => {
		trigger = await makeLeadAdsTrigger(fake, { advertiserId: rl('not-an-id'), formId: '' });
		await expect(trigger.create()).rejects.toThrow(/Advertiser/);
		expect(fake.state.requests).toHaveLength(0);
	});
});

describe('TikTok Lead Ads Trigger: deliveries (n8n-core WebhookContext, fake TikTok signing)', () => {
	const fake = useFake({}, { perTest: true });
	let trigger: LeadAdsTrigger | undefined;
	afterEach(async () => await trigger?.close());

	const activate = async (parameters: IDataObject = {}) => {
		trigger = await makeLeadAdsTrigger(fake, { advertiserId: rl(ADV1), formId: rl(FORM_DRIVE), ...parameters });
		await trigger.create();
		return trigger;
	};

	it.each(['escaped', 'raw'])(
		'a signed delivery of 3 leads (signed input %s) emits 3 items with their answers and exact IDs',
		async (signedInput) => {
			await configureSubscriptions(fake, { signedInput, idsAsNumbers: true });
			const t = await activate();
			const { leads, statuses } = await deliver(fake, { count: 3, answers: { Name: 'Zoë Ångström', Comments: 'naïve café' } });
			expect(statuses).toEqual([200]);
			expect(t.received).toHaveLength(1);
			const items = t.received[0].items.map((i) => i.json);
			expect(items.map((i) => i.lead_id)).toEqual(leads);
			for (const item of items) {
				expect(item).toMatchObject({ form_id: FORM_DRIVE, Name: 'Zoë Ångström', Email: expect.stringMatching(/@example\.com$/) });
				expect(typeof item.lead_id).toBe('string');
				expect(String(item.lead_id)).toMatch(/^\d{19}$/);
				expect(item.create_time).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
				expect(item.ad_id).toMatch(/^\d+$/);
			}
		},
	);

	it.each([
		['wrong', 403],
		['tampered', 403],
		['missing', 401],
	])('a delivery with a %s signature gets %i and emits nothing', async (signature, status) => {
		const t = await activate();
		const { statuses } = await deliver(fake, { count: 2, signature, answers: { Email: 'secret.person@example.com' } });
		expect(statuses).toEqual([status]);
		expect(t.received).toEqual([{ status, items: [] }]);
		expect(t.logged.join('\n')).toMatch(/refused a delivery: signature/);
		// Nothing of the refused body reaches the log.
		expect(t.logged.join('\n')).not.toContain('secret.person@example.com');
	});

	it('a redelivered lead is emitted once (TikTok delivers at least once)', async () => {
		const t = await activate();
		const { leads } = await deliver(fake, { count: 2, repeat: 3 });
		expect(t.received.map((r) => r.status)).toEqual([200, 200, 200]);
		expect(t.received.map((r) => r.items.length)).toEqual([2, 0, 0]);
		await deliver(fake, { lead_ids: leads });
		expect(t.received[3].items).toHaveLength(0);
		expect(Object.keys((t.staticData().seen ?? {}) as IDataObject).sort()).toEqual([...leads].sort());
	});

	it('a redelivery is dropped even when the static data written by the last delivery is gone (n8n 2.41 does not keep it)', async () => {
		const t = await activate();
		const { leads } = await deliver(fake, { count: 2 });
		const data = t.staticData();
		delete data.seen;
		await deliver(fake, { lead_ids: leads });
		expect(t.received.map((r) => r.items.length)).toEqual([2, 0]);
	});

	it('a question labelled like a lead field never replaces the lead ID or time', async () => {
		const t = await activate({ formId: '' });
		const changes = [
			{ field: 'lead_id', value: '445566' },
			{ field: 'create_time', value: 'yesterday' },
			{ field: 'Email', value: 'first@example.com' },
			{ field: 'Email', value: 'second@example.com' },
		];
		const { leads } = await deliver(fake, { page_id: FORM_NEWSLETTER, count: 1, changes });
		const [item] = t.received[0].items.map((i) => i.json);
		expect(item.lead_id).toBe(leads[0]);
		expect(item['lead_id (question)']).toBe('445566');
		expect(item['create_time (question)']).toBe('yesterday');
		expect(item.Email).toBe('first@example.com');
		expect(item['Email (2)']).toBe('second@example.com');
	});

	it('with a form chosen, leads of other forms on the same URL are not emitted; Simplify off returns everything', async () => {
		const t = await activate({ formId: '', options: { simplify: false } });
		await deliver(fake, { page_id: FORM_NEWSLETTER, count: 1 });
		const [item] = t.received[0].items.map((i) => i.json);
		expect(item).toMatchObject({ form_id: FORM_NEWSLETTER, advertiser_id: ADV1, lead_source: 'INSTANT_FORM' });
		expect(item.adgroup_id).toMatch(/^\d+$/);
		expect(item.delivery_request_id).toEqual(expect.any(String));

		const only = await makeLeadAdsTrigger(fake, { advertiserId: rl(ADV1), formId: rl(FORM_DRIVE) });
		try {
			await only.create();
			const subscription = subscriptionsOf(fake).find((s) => s.callback_url === only.webhookUrl)!;
			subscription.subscription_detail.page_id = undefined;
			await deliver(fake, { subscription_id: subscription.subscription_id, page_id: FORM_NEWSLETTER, count: 1 });
			expect(only.received).toEqual([{ status: 200, items: [] }]);
		} finally {
			await only.close();
		}
	});

	it('no secret of the credential appears in the items or static data (and there were items)', async () => {
		const t = await activate();
		await deliver(fake, { count: 2 });
		const output = JSON.stringify({ items: t.received.flatMap((r) => r.items), staticData: t.staticData(), logged: t.logged });
		expect(t.received[0].items).toHaveLength(2);
		for (const secret of [FAKE.businessSecret, FAKE.businessToken]) expect(output).not.toContain(secret);
	});
});
