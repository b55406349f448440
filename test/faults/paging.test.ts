import type { INode } from 'n8n-workflow';

import { runTikTokNode } from '../harness/engine';
import { ADV1, BUSINESS_PREFIX, businessCredential, queueFault, useFake } from '../harness/fake';

const ADVERTISER = ADV1;
const AD_GET = `${BUSINESS_PREFIX}/ad/get/`;

type Ad = Record<string, unknown> & { ad_id: string; __deleted?: boolean };

/** TikTok's default listing (the TopView listing runs beside it): "after page 1" counts its pages only. */
const defaultListing = (query: Record<string, string>) => !String(query.filtering ?? '').includes('RESERVATION_TOP_VIEW');

describe('ad.getMany returnAll over a list that changes while its pages are read', () => {
	// 2,500 ads: three pages of 1,000.
	const fake = useFake({ adsPerAdvertiser: [2500, 10, 10] }, { perTest: true });
	const getAll = async (filters: Record<string, unknown> = {}) =>
		await runTikTokNode({
			parameters: {
				resource: 'ad',
				operation: 'getMany',
				advertiserId: { __rl: true, mode: 'id', value: ADVERTISER },
				returnAll: true,
				filters,
			} as INode['parameters'],
			credentials: [businessCredential(fake)],
		});

	it('ads created between pages: no ID comes twice, and every ad that existed at the start comes', async () => {
		const before = (fake.state.world.ads as Ad[]).filter((a) => a.advertiser_id === ADVERTISER && !a.__deleted).map((a) => a.ad_id);
		// After page 1, 40 new ads are created: they list first and push 40 of page 1 onto page 2.
		queueFault(fake, { kind: 'addAds', path: AD_GET, skip: 1, match: defaultListing, advertiserId: ADVERTISER, ads: 40 });
		const { items, error } = await getAll();
		expect(error).toBeUndefined();
		const ids = items.map((i) => String(i.json.ad_id));
		expect(new Set(ids).size).toBe(ids.length);
		for (const id of before) expect(ids).toContain(id);
	});

	it('ads deleted between pages: no other ad is missed (the list is read again when TikTok\'s count changed)', async () => {
		const live = (fake.state.world.ads as Ad[]).filter((a) => a.advertiser_id === ADVERTISER && !a.__deleted);
		// After page 1, the 40 newest ads (all on page 1) are deleted: 40 of page 2 slide onto page 1, unseen.
		queueFault(fake, { kind: 'deleteAds', path: AD_GET, skip: 1, match: defaultListing, advertiserId: ADVERTISER, ads: 40 });
		const { items, error } = await getAll({ primaryStatus: 'STATUS_NOT_DELETE' });
		expect(error).toBeUndefined();
		const ids = new Set(items.map((i) => String(i.json.ad_id)));
		expect(ids.size).toBe(items.length);
		const stillLive = live.filter((a) => !a.__deleted);
		expect(stillLive).toHaveLength(live.length - 40);
		for (const ad of stillLive) expect(ids.has(ad.ad_id)).toBe(true);
	});
});
