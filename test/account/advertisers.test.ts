import { runTikTokNode } from '../harness/engine';
import { businessCredential, secretsOf, useFake } from '../harness/fake';
import { ADV1, ADV2, ADV3, mappedAdvertiser, requestsTo } from './helpers';

describe('advertiser operations through the engine', () => {
	const fake = useFake();

	const get = async (ids: string[], parameters: Record<string, unknown> = {}, continueOnFail = false) =>
		await runTikTokNode({
			parameters: { resource: 'advertiser', operation: 'get', advertiserId: mappedAdvertiser, ...parameters } as never,
			credentials: [businessCredential(fake)],
			input: ids.map((advertiserId) => ({ json: { advertiserId } })),
			continueOnFail,
		});

	it('gets 30 items with one request, each paired with its advertiser, simplified', async () => {
		const ids = Array.from({ length: 30 }, (_, n) => [ADV1, ADV2, ADV3][n % 3]);
		const { items, error } = await get(ids);
		expect(error).toBeUndefined();
		const requests = requestsTo(fake, '/advertiser/info/');
		expect(requests).toHaveLength(1);
		expect(JSON.parse(requests[0].query.advertiser_ids)).toEqual([ADV1, ADV2, ADV3]);
		expect(items.map((i) => i.json.advertiser_id)).toEqual(ids);
		expect(items.map((i) => i.pairedItem)).toEqual(ids.map((_, n) => ({ item: n })));
		expect(items[1].json).toMatchObject({ advertiser_id: ADV2, currency: 'USD', timezone: 'America/New_York', status: 'STATUS_ENABLE' });
		expect(typeof items[1].json.balance).toBe('number');
		expect(items[1].json).not.toHaveProperty('create_time');
	});

	it('with Simplify off returns all fields TikTok sends', async () => {
		const { items } = await get([ADV1], { simplify: false });
		expect(requestsTo(fake, '/advertiser/info/')[0].query.fields).toBeUndefined();
		expect(items[0].json).toHaveProperty('create_time');
	});

	it('an advertiser the token cannot reach fails only its item: TikTok refuses the call naming it, the others are read again once', async () => {
		const { items } = await get([ADV1, '7999999999999999999', ADV2], {}, true);
		expect(requestsTo(fake, '/advertiser/info/').map((r) => JSON.parse(r.query.advertiser_ids))).toEqual([
			[ADV1, '7999999999999999999', ADV2],
			[ADV1, ADV2],
		]);
		expect(items[1].json.code).toBe(40001);
		expect(items[1].json.error).toMatch(/No permission to operate advertiser 7999999999999999999/);
		expect([items[0].json.advertiser_id, items[2].json.advertiser_id]).toEqual([ADV1, ADV2]);
	});

	it('refuses a non-numeric advertiser ID before any request', async () => {
		const { error } = await get(['acme']);
		expect(error?.message).toMatch(/"Advertiser" parameter must be a TikTok ID/);
		expect(fake.state.requests).toHaveLength(0);
	});

	it('lists the advertisers the token reaches, with a limit, without secrets in the items', async () => {
		const all = await runTikTokNode({
			parameters: { resource: 'advertiser', operation: 'getMany', returnAll: true },
			credentials: [businessCredential(fake)],
		});
		expect(all.items.map((i) => i.json)).toEqual([
			{ advertiser_id: ADV1, advertiser_name: 'Acme Shoes (UTC+8)' },
			{ advertiser_id: ADV2, advertiser_name: 'Bluebird Coffee (UTC-5)' },
			{ advertiser_id: ADV3, advertiser_name: 'Cobalt Games (UTC)' },
		]);
		const limited = await runTikTokNode({
			parameters: { resource: 'advertiser', operation: 'getMany', limit: 2 },
			credentials: [businessCredential(fake)],
		});
		expect(limited.items).toHaveLength(2);
		const text = JSON.stringify([all.items, limited.items]);
		for (const secret of secretsOf(fake)) expect(text).not.toContain(secret);
	});

	it('says the sandbox cannot list advertisers, before any request', async () => {
		const { error } = await runTikTokNode({
			parameters: { resource: 'advertiser', operation: 'getMany', returnAll: true },
			credentials: [businessCredential(fake, { environment: 'sandbox' })],
		});
		expect(error?.message).toMatch(/TikTok does not list advertisers in the sandbox/);
		expect(fake.state.requests).toHaveLength(0);
	});
});
