import type { INodeExecutionData, NodeApiError } from 'n8n-workflow';

import { runTikTokNode } from '../harness/engine';
import { ADV1, BUSINESS_PREFIX, businessCredential, queueFault, useFake } from '../harness/fake';
import { binaryItem, wav } from '../media/audio-fixtures';

const ADVERTISER = ADV1;
const STATUS_UPDATE = `${BUSINESS_PREFIX}/ad/status/update/`;
const UPLOAD = `${BUSINESS_PREFIX}/file/music/upload/`;

type Ad = Record<string, unknown> & { ad_id: string; operation_status: string; secondary_status: string; __deleted?: boolean };

describe('ambiguous writes: a write that may have been applied is never reported as simply failed', () => {
	const fake = useFake({}, { perTest: true });
	const liveAds = (count: number): Ad[] =>
		(fake.state.world.ads as Ad[]).filter((a) => a.advertiser_id === ADVERTISER && !a.__deleted).slice(0, count);
	/** Disables one ad through the API Call (a write the node cannot read back). */
	const disableThroughApiCall = (ad: Ad) =>
		runTikTokNode({
			parameters: {
				resource: 'apiCall',
				operation: 'make',
				api: 'business',
				method: 'POST',
				url: '/ad/status/update/',
				body: JSON.stringify({ advertiser_id: ADVERTISER, ad_ids: [ad.ad_id], operation_status: 'DISABLE' }),
			},
			credentials: [businessCredential(fake)],
		});
	const statusItems = (ads: Ad[]): INodeExecutionData[] => ads.map((a) => ({ json: { adId: a.ad_id } }));
	const updateStatus = (ads: Ad[], status: string, extra: Record<string, unknown> = {}) =>
		runTikTokNode({
			parameters: {
				resource: 'ad',
				operation: 'updateStatus',
				advertiserId: { __rl: true, mode: 'id', value: ADVERTISER },
				adId: '={{ $json.adId }}',
				operationStatus: status,
				...extra,
			},
			credentials: [businessCredential(fake)],
			input: statusItems(ads),
			continueOnFail: true,
		});

	it.each(['reset', '500'] as const)(
		'a DELETE that TikTok applied before the connection failed (%s) comes out as applied, per item, and is not re-sent',
		async (mode) => {
			const ads = liveAds(3);
			queueFault(fake, { kind: 'applyThenFail', path: STATUS_UPDATE, mode });
			const { items, error } = await updateStatus(ads, 'DELETE');
			expect(error).toBeUndefined();
			expect(items).toHaveLength(3);
			for (const [i, item] of items.entries()) {
				expect(item.json).toMatchObject({ ad_id: ads[i].ad_id, status: 'DELETE', verifiedAfterError: true });
				expect(item.json.error).toBeUndefined();
				expect(item.pairedItem).toEqual({ item: i });
			}
			expect(fake.state.requestsTo(STATUS_UPDATE)).toHaveLength(1);
		},
	);

	it('a campaign DELETE that TikTok applied before the connection failed comes out as applied (read back)', async () => {
		const campaign = (fake.state.world.campaigns as Array<Record<string, unknown>>).find(
			(c) => c.advertiser_id === ADVERTISER && !c.__deleted,
		) as Record<string, string>;
		queueFault(fake, { kind: 'applyThenFail', path: `${BUSINESS_PREFIX}/campaign/status/update/`, mode: 'reset' });
		const { items, error } = await runTikTokNode({
			parameters: {
				resource: 'campaign',
				operation: 'updateStatus',
				advertiserId: { __rl: true, mode: 'id', value: ADVERTISER },
				campaignId: campaign.campaign_id,
				operationStatus: 'DELETE',
			},
			credentials: [businessCredential(fake)],
			continueOnFail: true,
		});
		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({ campaign_id: campaign.campaign_id, status: 'DELETE', verifiedAfterError: true });
		expect(fake.state.requestsTo(`${BUSINESS_PREFIX}/campaign/status/update/`)).toHaveLength(1);
	});

	it('a DISABLE whose answer was lost and that TikTok did not apply says so, and that it is safe to send again', async () => {
		const ads = liveAds(2);
		for (const ad of ads) ad.operation_status = 'ENABLE';
		// Every attempt's connection is cut before the route runs: nothing is applied.
		queueFault(fake, { kind: 'stall', path: STATUS_UPDATE, count: 10 });
		const { items } = await updateStatus(ads, 'DISABLE', { requestOptions: { timeout: 1 } });
		expect(items).toHaveLength(2);
		for (const item of items) {
			expect(String(item.json.error)).toContain('did not apply DISABLE');
			expect(String(item.json.description)).toContain('safe to send it again');
		}
	});

	it('a sound upload whose answer was lost says it may have been uploaded (not "failed"), and is not re-sent', async () => {
		queueFault(fake, { kind: 'applyThenFail', path: UPLOAD, mode: 'reset' });
		const { items } = await runTikTokNode({
			parameters: {
				resource: 'sound',
				operation: 'upload',
				advertiserId: { __rl: true, mode: 'id', value: ADVERTISER },
			},
			credentials: [businessCredential(fake)],
			input: [binaryItem(wav(12), { fileName: 'jingle.wav', mimeType: 'audio/wav' })],
			continueOnFail: true,
		});
		expect(items).toHaveLength(1);
		expect(String(items[0].json.error)).toContain('may have uploaded the sound "jingle.wav"');
		expect(String(items[0].json.description)).toContain('music library');
		expect(fake.state.requestsTo(UPLOAD)).toHaveLength(1);
	});

	it('a write answered with HTTP 500 through the API Call is reported as "may have applied"', async () => {
		const [ad] = liveAds(1);
		queueFault(fake, { kind: 'applyThenFail', path: STATUS_UPDATE, mode: '500' });
		const { error } = await disableThroughApiCall(ad);
		expect(error?.message).toContain('may have applied');
		expect((error as NodeApiError).description).toContain('HTTP 500');
	});

	it('a write cut by a connection reset says it may have applied, never n8n\'s "You can retry the request immediately" (issue 23 item 10)', async () => {
		const [ad] = liveAds(1);
		queueFault(fake, { kind: 'applyThenFail', path: STATUS_UPDATE, mode: 'reset' });
		const { error } = await disableThroughApiCall(ad);
		expect(error?.message).toMatch(/^TikTok may have applied this change: ECONNRESET/);
		expect(`${error?.message} ${(error as NodeApiError).description}`).not.toMatch(/retry the request immediately/i);
		expect((error as NodeApiError).description).toContain('may have applied it');
		expect(fake.state.requestsTo(STATUS_UPDATE)).toHaveLength(1);
	});

	it('personal data TikTok echoes in an error (an email, a phone number) is scrubbed like secrets', async () => {
		const [ad] = liveAds(1);
		fake.state.failNext({ path: STATUS_UPDATE, code: 40002, message: 'Lead jane.doe@example.com (phone +1 415-555-0134) cannot be updated' });
		const { error } = await disableThroughApiCall(ad);
		expect(error?.message).toBe('TikTok: Lead [personal data redacted] (phone [personal data redacted]) cannot be updated');
		const everything = JSON.stringify({ error, description: (error as NodeApiError).description, messages: (error as NodeApiError).messages });
		expect(everything).toContain('cannot be updated');
		expect(everything).not.toContain('jane.doe');
		expect(everything).not.toContain('555-0134');
	});
});
