import { runTikTokNode } from '../harness/engine';
import { BUSINESS_PREFIX, businessCredential, developersCredential, useFake } from '../harness/fake';

const ADVERTISER = { __rl: true, mode: 'id', value: '7000000000000000001' };

describe('simplify: the fields a person reads first, on by default', () => {
	const fake = useFake();

	it('ad.getMany returns at most 12 fields per ad by default, and every field TikTok sent with Simplify off', async () => {
		const simple = await runTikTokNode({
			parameters: { resource: 'ad', operation: 'getMany', advertiserId: ADVERTISER, limit: 50 },
			credentials: [businessCredential(fake)],
		});
		expect(simple.error).toBeUndefined();
		expect(simple.items).toHaveLength(50);
		for (const item of simple.items) {
			expect(Object.keys(item.json).length).toBeLessThanOrEqual(12);
			expect(item.json).toEqual(expect.objectContaining({ ad_id: expect.any(String), ad_name: expect.any(String) }));
		}

		const raw = await runTikTokNode({
			parameters: { resource: 'ad', operation: 'getMany', advertiserId: ADVERTISER, limit: 50, simplify: false },
			credentials: [businessCredential(fake)],
		});
		expect(raw.items).toHaveLength(50);
		expect(Object.keys(raw.items[0].json).length).toBeGreaterThan(12);
		// Same ads, same order: the simplified item is the raw one cut down.
		raw.items.forEach((item, i) => expect(item.json).toEqual(expect.objectContaining(simple.items[i].json)));
	});

	it('ad.get is simplified per input item, as that item asks', async () => {
		const ads = (fake.state.world.ads as Array<{ ad_id: string; advertiser_id: string }>).filter((a) => a.advertiser_id === ADVERTISER.value);
		const { items, error } = await runTikTokNode({
			parameters: { resource: 'ad', operation: 'get', advertiserId: ADVERTISER, adId: '={{ $json.adId }}', simplify: '={{ $json.simple }}' },
			credentials: [businessCredential(fake)],
			input: [
				{ json: { adId: ads[0].ad_id, simple: true } },
				{ json: { adId: ads[1].ad_id, simple: false } },
			],
		});
		expect(error).toBeUndefined();
		expect(fake.state.requestsTo(`${BUSINESS_PREFIX}/ad/get/`)).toHaveLength(1);
		expect(Object.keys(items[0].json).length).toBeLessThanOrEqual(12);
		expect(Object.keys(items[1].json).length).toBeGreaterThan(12);
		expect(items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	});

	it('video.getMany asks TikTok only for the simplified fields by default', async () => {
		const { items, error } = await runTikTokNode({
			parameters: { resource: 'video', operation: 'getMany', limit: 3 },
			credentials: [developersCredential(fake)],
		});
		expect(error).toBeUndefined();
		const [request] = fake.state.requestsTo('/v2/video/list/', 'POST');
		const asked = String(request.query.fields).split(',');
		expect(asked).toHaveLength(11);
		expect(asked).not.toContain('embed_html');
		for (const item of items) expect(Object.keys(item.json).every((k) => asked.includes(k))).toBe(true);
	});
});
