import type { NodeApiError } from 'n8n-workflow';

import { runTikTokNode } from '../harness/engine';
import { ADV1, BUSINESS_PREFIX, businessCredential, errorText, expectNoSecrets, FAKE, useFake } from '../harness/fake';
import { useFastClock } from '../harness/clock';

const ADVERTISER = ADV1;


/** Backoff, Retry-After and limiter waits are fast-forwarded (test/harness/clock.ts), not sat through. */
useFastClock();

describe('ad.get through every layer (description → router → transport → credential → item)', () => {
	const fake = useFake();

	const anAd = () => fake.state.world.ads.find((a) => a.advertiser_id === ADVERTISER) as Record<string, string>;

	it('sends Access-Token, the trailing-slash path and JSON-encoded query params, and returns the ad as an item', async () => {
		const ad = anAd();
		const { items, error } = await runTikTokNode({
			parameters: {
				resource: 'ad',
				operation: 'get',
				advertiserId: { __rl: true, mode: 'id', value: ADVERTISER },
				adId: ad.ad_id,
			},
			credentials: [businessCredential(fake)],
		});
		expect(error).toBeUndefined();
		expect(items).toHaveLength(1);
		expect(items[0].json).toMatchObject({ ad_id: ad.ad_id, ad_name: ad.ad_name, advertiser_id: ADVERTISER });
		expect(items[0].pairedItem).toEqual({ item: 0 });

		const [request] = fake.state.requestsTo(`${BUSINESS_PREFIX}/ad/get/`);
		expect(request.headers['access-token']).toBe(FAKE.businessToken);
		expect(request.headers.authorization).toBeUndefined();
		expect(request.query.advertiser_id).toBe(ADVERTISER);
		expect(JSON.parse(request.query.filtering)).toEqual({ ad_ids: [ad.ad_id], primary_status: 'STATUS_ALL' });
	});

	it('turns an in-band error (HTTP 200, code != 0) into a NodeApiError with TikTok code, message and request_id', async () => {
		const { error, items } = await runTikTokNode({
			parameters: {
				resource: 'ad',
				operation: 'get',
				advertiserId: { __rl: true, mode: 'id', value: '7999999999999999999' },
				adId: anAd().ad_id,
			},
			credentials: [businessCredential(fake)],
		});
		expect(items).toEqual([]);
		// The package has its own copy of n8n-workflow's classes in the loader's module registry: compare by name.
		expect(error?.name).toBe('NodeApiError');
		const apiError = error as NodeApiError;
		expect(apiError.message).toContain('No permission to operate advertiser 7999999999999999999');
		expect(apiError.description).toMatch(/code 40001, request_id [0-9a-f]{32}/);
		expect(apiError.description).toContain('permission');
		expect(apiError.context.itemIndex).toBe(0);
		expect(apiError.context.tiktokCode).toBe(40001);
	});

	it('explains a rejected token and says to reconnect', async () => {
		const { error } = await runTikTokNode({
			parameters: { resource: 'ad', operation: 'get', advertiserId: { __rl: true, mode: 'id', value: ADVERTISER }, adId: anAd().ad_id },
			credentials: [businessCredential(fake, { accessToken: 'revoked-token' })],
		});
		expect(error?.message).toContain('Access token is incorrect');
		expect((error as NodeApiError).description).toContain('Reconnect');
		expect((error as NodeApiError).httpCode).toBe('401');
		expect(JSON.stringify(error)).not.toContain('revoked-token');
	});

	it('retries 40100 with backoff: two rate-limited answers, then one output after three requests', async () => {
		fake.state.failNext({ path: `${BUSINESS_PREFIX}/ad/get/`, code: 40100 }, 2);
		const ad = anAd();
		const { items, error } = await runTikTokNode({
			parameters: { resource: 'ad', operation: 'get', advertiserId: { __rl: true, mode: 'id', value: ADVERTISER }, adId: ad.ad_id },
			credentials: [businessCredential(fake)],
		});
		expect(error).toBeUndefined();
		expect(items.map((i) => i.json.ad_id)).toEqual([ad.ad_id]);
		expect(fake.state.requestsTo(`${BUSINESS_PREFIX}/ad/get/`)).toHaveLength(3);
	});

	it('retries a non-JSON gateway 504 on a read and then succeeds', async () => {
		fake.state.failNext({ path: `${BUSINESS_PREFIX}/ad/get/`, httpStatus: 504 }, 1);
		const { items, error } = await runTikTokNode({
			parameters: { resource: 'ad', operation: 'get', advertiserId: { __rl: true, mode: 'id', value: ADVERTISER }, adId: anAd().ad_id },
			credentials: [businessCredential(fake)],
		});
		expect(error).toBeUndefined();
		expect(items).toHaveLength(1);
		expect(fake.state.requestsTo(`${BUSINESS_PREFIX}/ad/get/`)).toHaveLength(2);
	});

	it('gives up on endless rate limiting with an error that says TikTok rate-limited the call', async () => {
		fake.state.failNext({ path: `${BUSINESS_PREFIX}/ad/get/`, code: 40133 }, 20);
		const { error } = await runTikTokNode({
			parameters: { resource: 'ad', operation: 'get', advertiserId: { __rl: true, mode: 'id', value: ADVERTISER }, adId: anAd().ad_id },
			credentials: [businessCredential(fake)],
		});
		expect(error?.message).toMatch(/^TikTok rate-limited the call/);
		expect((error as NodeApiError).httpCode).toBe('429');
		expect((error as NodeApiError).description).toMatch(/after 6 attempts/);
		expect(fake.state.requestsTo(`${BUSINESS_PREFIX}/ad/get/`)).toHaveLength(6);
	});

	it('under continueOnFail emits an error item paired with its input', async () => {
		const ad = anAd();
		const { items, error } = await runTikTokNode({
			parameters: { resource: 'ad', operation: 'get', advertiserId: { __rl: true, mode: 'id', value: ADVERTISER }, adId: '={{$json.adId}}' },
			credentials: [businessCredential(fake)],
			input: [{ json: { adId: ad.ad_id } }, { json: { adId: '1789999999999999999' } }],
			continueOnFail: true,
		});
		expect(error).toBeUndefined();
		expect(items).toHaveLength(2);
		expect(items[0].json.ad_id).toBe(ad.ad_id);
		expect(items[0].pairedItem).toEqual({ item: 0 });
		expect(items[1].json.error).toContain('1789999999999999999 was not found');
		expect(items[1].pairedItem).toEqual({ item: 1 });
	});

	it.each([
		['an empty advertiser ID', '={{ "" }}', '1780000000000000001', /"Advertiser" parameter is empty/],
		['a non-numeric mapped advertiser ID', '={{ "acme" }}', '1780000000000000001', /"Advertiser" parameter must be a TikTok ID/],
		['a non-numeric advertiser ID typed in the editor', 'acme', '1780000000000000001', /Not a valid TikTok advertiser ID/],
		['an empty mapped ad ID', ADVERTISER, '={{ $json.missing }}', /"Ad" parameter is empty/],
		['an empty ad ID typed in the editor', ADVERTISER, '', /Parameter "Ad" is required/],
		['a non-numeric ad ID', ADVERTISER, '17800000abc', /"Ad" parameter must be a TikTok ID/],
		['an over-long ad ID', ADVERTISER, '1'.repeat(25), /"Ad" parameter is too long/],
	])('refuses %s before any request, naming the field', async (_label, advertiserId, adId, message) => {
		const { error } = await runTikTokNode({
			parameters: { resource: 'ad', operation: 'get', advertiserId: { __rl: true, mode: 'id', value: advertiserId }, adId },
			credentials: [businessCredential(fake)],
		});
		expect(error?.message).toMatch(message);
		expect(fake.state.requests).toHaveLength(0);
	});

	it('never puts a token or secret into output items or error messages', async () => {
		const ok = await runTikTokNode({
			parameters: { resource: 'ad', operation: 'get', advertiserId: { __rl: true, mode: 'id', value: ADVERTISER }, adId: anAd().ad_id },
			credentials: [businessCredential(fake)],
		});
		const failed = await runTikTokNode({
			parameters: { resource: 'ad', operation: 'get', advertiserId: { __rl: true, mode: 'id', value: '7999999999999999999' }, adId: anAd().ad_id },
			credentials: [businessCredential(fake)],
			continueOnFail: true,
		});
		const thrown = await runTikTokNode({
			parameters: { resource: 'ad', operation: 'get', advertiserId: { __rl: true, mode: 'id', value: '7999999999999999999' }, adId: anAd().ad_id },
			credentials: [businessCredential(fake)],
		});
		expectNoSecrets(fake, [ok.items, failed.items, errorText(thrown.error)]);
	});
});
