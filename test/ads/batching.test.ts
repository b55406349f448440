import type { NodeApiError } from 'n8n-workflow';

import { loadPackage, runTikTokNode } from '../harness/engine';
import { ADV1, ADV2, BUSINESS_PREFIX, businessCredential, useFake } from '../harness/fake';

const AD_GET = `${BUSINESS_PREFIX}/ad/get/`;
const AD_STATUS = `${BUSINESS_PREFIX}/ad/status/update/`;
const MISSING_AD = '1789999999999999999';

type Ad = Record<string, unknown> & { ad_id: string; advertiser_id: string; operation_status: string; __deleted: boolean };
type StatusBody = { advertiser_id: string; ad_ids: string[]; operation_status: string };

describe('ad.get and ad.updateStatus over many items: batched, paired, failing per item', () => {
	const fake = useFake({}, { perTest: true });

	const liveAds = (advertiserId = ADV1) =>
		(fake.state.world.ads as Ad[]).filter((a) => a.advertiser_id === advertiserId && !a.__deleted);
	const adById = (id: string) => (fake.state.world.ads as Ad[]).find((a) => a.ad_id === id) as Ad;
	const mapped = { __rl: true, mode: 'id', value: '={{ $json.advertiserId }}' };
	const inputOf = (rows: Array<{ adId: string; advertiserId?: string; status?: string }>) =>
		rows.map((r) => ({ json: { advertiserId: ADV1, ...r } }));

	const getAds = async (rows: Array<{ adId: string; advertiserId?: string }>, continueOnFail = false) =>
		await runTikTokNode({
			parameters: { resource: 'ad', operation: 'get', advertiserId: mapped, adId: '={{ $json.adId }}' },
			credentials: [businessCredential(fake)],
			input: inputOf(rows),
			continueOnFail,
		});
	const setStatus = async (rows: Array<{ adId: string; advertiserId?: string; status?: string }>, continueOnFail = false, status = '={{ $json.status }}') =>
		await runTikTokNode({
			parameters: { resource: 'ad', operation: 'updateStatus', advertiserId: mapped, adId: '={{ $json.adId }}', operationStatus: status },
			credentials: [businessCredential(fake)],
			input: inputOf(rows.map((r) => ({ status: 'DISABLE', ...r }))),
			continueOnFail,
		});
	const statusBodies = () => fake.state.requestsTo(AD_STATUS).map((r) => r.body as StatusBody);

	describe('ad.get', () => {
		it('gets 150 ads with 2 requests (100 + 50 IDs), outputs in input order and paired', async () => {
			const ads = liveAds().slice(0, 150);
			const { items, error } = await getAds(ads.map((a) => ({ adId: a.ad_id })));
			expect(error).toBeUndefined();
			const requests = fake.state.requestsTo(AD_GET);
			expect(requests).toHaveLength(2);
			expect(requests.map((r) => JSON.parse(r.query.filtering).ad_ids.length)).toEqual([100, 50]);
			expect(requests.every((r) => JSON.parse(r.query.filtering).primary_status === 'STATUS_ALL')).toBe(true);
			expect(items.map((i) => i.json.ad_id)).toEqual(ads.map((a) => a.ad_id));
			expect(items.map((i) => i.pairedItem)).toEqual(ads.map((_, n) => ({ item: n })));
		});

		it('groups items by advertiser and asks for a repeated ad once, each item getting its own copy', async () => {
			const [a, c] = liveAds(ADV1);
			const [b] = liveAds(ADV2);
			const { items } = await getAds([
				{ adId: a.ad_id },
				{ adId: b.ad_id, advertiserId: ADV2 },
				{ adId: c.ad_id },
				{ adId: a.ad_id },
			]);
			const requests = fake.state.requestsTo(AD_GET);
			expect(requests.map((r) => [r.query.advertiser_id, JSON.parse(r.query.filtering).ad_ids])).toEqual([
				[ADV1, [a.ad_id, c.ad_id]],
				[ADV2, [b.ad_id]],
			]);
			expect(items.map((i) => [i.json.ad_id, i.json.advertiser_id])).toEqual([
				[a.ad_id, ADV1],
				[b.ad_id, ADV2],
				[c.ad_id, ADV1],
				[a.ad_id, ADV1],
			]);
			expect(items[3].json).toEqual(items[0].json);
			expect(items[3].json).not.toBe(items[0].json);
		});

		it('fails only the item of an ad TikTok does not return (continueOnFail), in 2 requests and one TopView look-up of the missing ID', async () => {
			const rows = liveAds().slice(0, 150).map((a) => ({ adId: a.ad_id }));
			rows[70] = { adId: MISSING_AD };
			const { items, error } = await getAds(rows, true);
			expect(error).toBeUndefined();
			const requests = fake.state.requestsTo(AD_GET);
			expect(requests).toHaveLength(3);
			// Only the ID the default buying types did not return is looked up among TopView ads.
			expect(JSON.parse(requests[1].query.filtering)).toMatchObject({ ad_ids: [MISSING_AD], buying_types: ['RESERVATION_TOP_VIEW'] });
			expect(items).toHaveLength(150);
			expect(items[70].json.error).toBe(`TikTok: Ad ${MISSING_AD} was not found in advertiser ${ADV1}`);
			expect(items[70].json.code).toBe(40007);
			expect(items[70].pairedItem).toEqual({ item: 70 });
			expect(items.filter((i) => i.json.error)).toHaveLength(1);
			expect(items[71].json.ad_id).toBe(rows[71].adId);
		});

		it('without continueOnFail stops with the missing ad named and its item index', async () => {
			const rows = liveAds().slice(0, 5).map((a) => ({ adId: a.ad_id }));
			rows[3] = { adId: MISSING_AD };
			const { error } = await getAds(rows);
			expect(error?.message).toContain(`${MISSING_AD} was not found`);
			expect((error as NodeApiError).context.itemIndex).toBe(3);
		});

		it('fails a malformed item alone under continueOnFail, and refuses it before any request otherwise', async () => {
			const rows = liveAds().slice(0, 3).map((a) => ({ adId: a.ad_id }));
			rows[1] = { adId: 'abc' };
			const tolerant = await getAds(rows, true);
			expect(tolerant.items[1].json.error).toMatch(/"Ad" parameter must be a TikTok ID/);
			expect([tolerant.items[0].json.ad_id, tolerant.items[2].json.ad_id]).toEqual([rows[0].adId, rows[2].adId]);
			expect(JSON.parse(fake.state.requestsTo(AD_GET)[0].query.filtering).ad_ids).toEqual([rows[0].adId, rows[2].adId]);

			fake.state.clearRequests();
			const strict = await getAds(rows);
			expect(strict.error?.message).toMatch(/"Ad" parameter must be a TikTok ID/);
			expect((strict.error as NodeApiError).context.itemIndex).toBe(1);
			expect(fake.state.requests).toHaveLength(0);
		});

		it('sends one request for an advertiser the token cannot reach, failing all its items but not the others', async () => {
			const ads = liveAds().slice(0, 120);
			const rows = [
				...ads.map((a) => ({ adId: a.ad_id, advertiserId: '7999999999999999999' })),
				{ adId: liveAds(ADV2)[0].ad_id, advertiserId: ADV2 },
			];
			const { items } = await getAds(rows, true);
			expect(fake.state.requestsTo(AD_GET).map((r) => r.query.advertiser_id)).toEqual(['7999999999999999999', ADV2]);
			expect(items.slice(0, 120).every((i) => i.json.code === 40001)).toBe(true);
			expect(items[120].json.advertiser_id).toBe(ADV2);
		});
	});

	describe('ad.updateStatus', () => {
		it('disables 45 ads with 3 requests (20 + 20 + 5) and outputs what TikTok confirmed', async () => {
			const ads = liveAds().slice(0, 45);
			const { items, error } = await setStatus(ads.map((a) => ({ adId: a.ad_id })));
			expect(error).toBeUndefined();
			// The first batch alone, then the other two together (they may arrive in either order).
			expect(statusBodies().map((b) => [b.advertiser_id, b.operation_status, b.ad_ids.length]).sort((a, b) => Number(b[2]) - Number(a[2]))).toEqual([
				[ADV1, 'DISABLE', 20],
				[ADV1, 'DISABLE', 20],
				[ADV1, 'DISABLE', 5],
			]);
			expect(fake.state.requestsTo(AD_STATUS)[0].contentType).toContain('application/json');
			expect(items.map((i) => i.json)).toEqual(ads.map((a) => ({ advertiser_id: ADV1, ad_id: a.ad_id, status: 'DISABLE' })));
			expect(items.map((i) => i.pairedItem)).toEqual(ads.map((_, n) => ({ item: n })));
			for (const ad of ads) expect(adById(ad.ad_id).operation_status).toBe('DISABLE');
		});

		it('groups by advertiser and status, keeping output in input order', async () => {
			const one = liveAds(ADV1).slice(0, 4);
			const two = liveAds(ADV2).slice(0, 2);
			const rows = [
				{ adId: one[0].ad_id, status: 'ENABLE' },
				{ adId: two[0].ad_id, advertiserId: ADV2, status: 'DISABLE' },
				{ adId: one[1].ad_id, status: 'DISABLE' },
				{ adId: one[2].ad_id, status: 'ENABLE' },
				{ adId: two[1].ad_id, advertiserId: ADV2, status: 'DISABLE' },
				{ adId: one[3].ad_id, status: 'disable' },
			];
			const { items } = await setStatus(rows);
			expect(statusBodies()).toEqual([
				{ advertiser_id: ADV1, operation_status: 'ENABLE', ad_ids: [one[0].ad_id, one[2].ad_id] },
				{ advertiser_id: ADV2, operation_status: 'DISABLE', ad_ids: [two[0].ad_id, two[1].ad_id] },
				{ advertiser_id: ADV1, operation_status: 'DISABLE', ad_ids: [one[1].ad_id, one[3].ad_id] },
			]);
			expect(items.map((i) => [i.json.ad_id, i.json.status])).toEqual(
				rows.map((r) => [r.adId, r.status.toUpperCase()]),
			);
		});

		it('fails only the item of a deleted ad when TikTok names it, changing all the others', async () => {
			const ads = liveAds().slice(0, 45);
			const deleted = (fake.state.world.ads as Ad[]).find((a) => a.advertiser_id === ADV1 && a.__deleted) as Ad;
			const rows = ads.map((a) => ({ adId: a.ad_id }));
			rows[25] = { adId: deleted.ad_id };
			const before = deleted.operation_status;
			const { items, error } = await setStatus(rows, true);
			expect(error).toBeUndefined();
			// 3 batches (the first alone, then the other two together), the second refused because of the deleted ad,
			// then re-sent without it.
			expect(statusBodies()[0].ad_ids).toHaveLength(20);
			expect(statusBodies().map((b) => b.ad_ids.length).sort((a, b) => a - b)).toEqual([5, 19, 20, 20]);
			expect(statusBodies().find((b) => b.ad_ids.length === 19)?.ad_ids).not.toContain(deleted.ad_id);
			expect(items[25].json.error).toContain(`${deleted.ad_id} have been deleted`);
			expect(items[25].pairedItem).toEqual({ item: 25 });
			expect(items.filter((i) => i.json.error)).toHaveLength(1);
			expect(adById(deleted.ad_id).operation_status).toBe(before);
			for (const [n, row] of rows.entries()) {
				if (n === 25) continue;
				expect(items[n].json).toEqual({ advertiser_id: ADV1, ad_id: row.adId, status: 'DISABLE' });
				expect(adById(row.adId).operation_status).toBe('DISABLE');
			}
		});

		it('narrows a refused batch down by halves when TikTok does not name the ad', async () => {
			fake.state.adStatusErrorsNameAds = false;
			const ads = liveAds().slice(0, 20);
			const rows = ads.map((a) => ({ adId: a.ad_id }));
			rows[13] = { adId: MISSING_AD };
			const { items } = await setStatus(rows, true, 'ENABLE');
			const bodies = statusBodies();
			expect(bodies[0].ad_ids).toHaveLength(20);
			// 20 refused → 10 ok, 10 refused → 5 refused → 3 ok, 2 refused → 1 refused, 1 ok; then the last 5 ok: 9 requests, not 20.
			expect(bodies.map((b) => b.ad_ids.length)).toEqual([20, 10, 10, 5, 3, 2, 1, 1, 5]);
			expect(items[13].json.error).toBe('TikTok: Invalid ad_ids.');
			expect(items.filter((i) => i.json.error)).toHaveLength(1);
			for (const [n, row] of rows.entries()) {
				if (n !== 13) expect(items[n].json).toEqual({ advertiser_id: ADV1, ad_id: row.adId, status: 'ENABLE' });
			}
			// Every good ad was sent in exactly one accepted request.
			const accepted = bodies.filter((b) => !b.ad_ids.includes(MISSING_AD)).flatMap((b) => b.ad_ids);
			expect(accepted.sort()).toEqual(rows.filter((_, n) => n !== 13).map((r) => r.adId).sort());
		});

		it.each([
			['lists it in error_list', 'error_list', /^TikTok: Ad \d+ does not exist or has been deleted\.$/],
			['leaves it out of the confirmed ad_ids', 'omit', /^TikTok did not confirm the status change of ad \d+ in advertiser/],
		])('if TikTok changes the other ads and %s, fails only that ad in one request', async (_label, mode, message) => {
			fake.state.adStatusPartialSuccess = mode;
			const deleted = (fake.state.world.ads as Ad[]).find((a) => a.advertiser_id === ADV1 && a.__deleted) as Ad;
			const rows = liveAds().slice(0, 6).map((a) => ({ adId: a.ad_id }));
			rows[2] = { adId: deleted.ad_id };
			const { items } = await setStatus(rows, true, 'ENABLE');
			expect(statusBodies()).toHaveLength(1);
			expect(items[2].json.error).toMatch(message);
			expect(items[2].pairedItem).toEqual({ item: 2 });
			for (const n of [0, 1, 3, 4, 5]) expect(items[n].json).toEqual({ advertiser_id: ADV1, ad_id: rows[n].adId, status: 'ENABLE' });
		});

		it('without continueOnFail stops on the refused ad with its item index', async () => {
			const rows = liveAds().slice(0, 3).map((a) => ({ adId: a.ad_id }));
			rows[2] = { adId: MISSING_AD };
			const { error } = await setStatus(rows);
			expect(error?.message).toContain(`${MISSING_AD} do not exist`);
			expect((error as NodeApiError).context.itemIndex).toBe(2);
		});

		it('deletes ads for good: a second delete fails', async () => {
			const [ad] = liveAds();
			const first = await setStatus([{ adId: ad.ad_id }], false, 'DELETE');
			expect(first.items[0].json).toEqual({ advertiser_id: ADV1, ad_id: ad.ad_id, status: 'DELETE' });
			expect(adById(ad.ad_id).__deleted).toBe(true);
			const again = await setStatus([{ adId: ad.ad_id }], true, 'DELETE');
			expect(again.items[0].json.error).toContain('deleted');
		});

		it('retries a rate-limited status change without losing or repeating an ad', async () => {
			fake.state.failNext({ path: AD_STATUS, code: 40100 });
			const ads = liveAds().slice(0, 3);
			const { items, error } = await setStatus(ads.map((a) => ({ adId: a.ad_id })));
			expect(error).toBeUndefined();
			expect(statusBodies()).toHaveLength(2);
			expect(items.map((i) => i.json.ad_id)).toEqual(ads.map((a) => a.ad_id));
		});

		it('says in the Status parameter that deleting is irreversible', async () => {
			const { loader } = await loadPackage();
			const node = loader.types.nodes.find((n) => n.name === 'tikTok');
			const status = node?.properties.find((p) => p.name === 'operationStatus');
			expect(status?.description).toMatch(/irreversible/i);
			expect(status?.options?.map((o) => (o as { value: string }).value).sort()).toEqual(['DELETE', 'DISABLE', 'ENABLE']);
		});

		it.each([
			['an empty ad ID', { adId: '={{ "" }}' }, /"Ad" parameter is empty/],
			['a non-numeric ad ID', { adId: '17800000abc' }, /"Ad" parameter must be a TikTok ID/],
			['an over-long ad ID', { adId: '1'.repeat(21) }, /"Ad" parameter is too long/],
			['an unknown status', { operationStatus: '={{ "PAUSE" }}' }, /"Status" parameter must be ENABLE, DISABLE or DELETE, got "PAUSE"/],
			['a non-numeric advertiser ID', { advertiserId: { __rl: true, mode: 'id', value: '={{ "acme" }}' } }, /"Advertiser" parameter must be a TikTok ID/],
		])('refuses %s before any request, naming the field', async (_label, parameters, message) => {
			const { error } = await runTikTokNode({
				parameters: {
					resource: 'ad',
					operation: 'updateStatus',
					advertiserId: { __rl: true, mode: 'id', value: ADV1 },
					adId: liveAds()[0].ad_id,
					operationStatus: 'DISABLE',
					...parameters,
				},
				credentials: [businessCredential(fake)],
			});
			expect(error?.message).toMatch(message);
			expect(fake.state.requests).toHaveLength(0);
		});
	});
});
