import { runTikTokNode } from '../harness/engine';
import { ADV2, BUSINESS_PREFIX, businessCredential, useFake } from '../harness/fake';

const ADVERTISER = ADV2;

describe('the advertiser picker takes a TikTok Ads Manager URL (mode "url")', () => {
	const fake = useFake();
	const adRequests = () => fake.state.requestsTo(`${BUSINESS_PREFIX}/ad/get/`);
	const search = (value: string) =>
		runTikTokNode({
			parameters: { resource: 'ad', operation: 'getMany', advertiserId: { __rl: true, mode: 'url', value }, limit: 2 },
			credentials: [businessCredential(fake)],
		});

	it.each([
		`https://ads.tiktok.com/i18n/dashboard?aadvid=${ADVERTISER}`,
		`https://ads.tiktok.com/i18n/manage/campaign?lang=en&aadvid=${ADVERTISER}&keyword=spring`,
	])('reads the advertiser ID out of %s', async (url) => {
		const { items, error } = await search(url);
		expect(error).toBeUndefined();
		expect(items).toHaveLength(2);
		expect(adRequests().map((r) => r.query.advertiser_id)).toEqual([ADVERTISER]);
		expect(items.every((i) => i.json.advertiser_id === ADVERTISER)).toBe(true);
	});

	it.each([
		['another host', `https://ads.tiktok.com.example.net/i18n/dashboard?aadvid=${ADVERTISER}`],
		['no aadvid', 'https://ads.tiktok.com/i18n/dashboard?lang=en'],
	])('refuses a URL with %s before any request', async (_what, url) => {
		const { error } = await search(url);
		expect(error?.message).toMatch(/Not a TikTok Ads Manager URL/);
		expect(adRequests()).toHaveLength(0);
	});

	it('refuses a mapped URL (an expression) that is not one when the item runs, before any request', async () => {
		const { error } = await search('={{ "https://ads.tiktok.com/i18n/dashboard?lang=en" }}');
		expect(error?.message).toMatch(/Advertiser/);
		expect(adRequests()).toHaveLength(0);
	});
});
