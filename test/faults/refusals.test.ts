import type { INode } from 'n8n-workflow';

import { runTikTokNode } from '../harness/engine';
import { ADV1, businessCredential, useFake } from '../harness/fake';
import { binaryItem, wav } from '../media/audio-fixtures';

const ADVERTISER = ADV1;

describe('bad input is refused before any request, naming the field', () => {
	const fake = useFake();
	const run = async (parameters: Record<string, unknown>, input?: Parameters<typeof runTikTokNode>[0]['input']) =>
		await runTikTokNode({ parameters: parameters as INode['parameters'], credentials: [businessCredential(fake)], input });
	const report = (extra: Record<string, unknown>) => ({
		resource: 'adReport',
		operation: 'getMany',
		advertiserId: { __rl: true, mode: 'id', value: ADVERTISER },
		reportType: 'BASIC',
		dataLevel: 'AUCTION_CAMPAIGN',
		dimensions: ['campaign_id', 'stat_time_day'],
		metrics: ['spend'],
		dateRange: 'custom',
		startDate: '2026-06-01T00:00:00',
		endDate: '2026-06-07T00:00:00',
		returnAll: true,
		...extra,
	});

	afterEach(() => expect(fake.state.requests).toHaveLength(0));

	it('a 0-second WAV', async () => {
		const { error } = await run(
			{ resource: 'sound', operation: 'upload', advertiserId: { __rl: true, mode: 'id', value: ADVERTISER } },
			[binaryItem(wav(0), { fileName: 'silence.wav', mimeType: 'audio/wav' })],
		);
		expect(error?.message).toContain('0.0 seconds long');
	});

	it('a 20-digit ID, and a 19-digit one beyond int64', async () => {
		for (const [adId, says] of [
			['17800000000000000011', 'too long for a TikTok ID (20 digits, at most 19'],
			['9300000000000000000', 'too large for a TikTok ID'],
		]) {
			const { error } = await run({ resource: 'ad', operation: 'get', advertiserId: { __rl: true, mode: 'id', value: ADVERTISER }, adId });
			expect(error?.message).toContain(`"Ad" parameter is ${says}`);
		}
	});

	it('an ID given as a number too large for JavaScript: "pass IDs as text", not "empty"', async () => {
		const { error } = await run({
			resource: 'ad',
			operation: 'get',
			advertiserId: { __rl: true, mode: 'id', value: ADVERTISER },
			adId: '={{ 1780000000000000001 }}',
		});
		expect(error?.message).toContain('Pass IDs as text');
		expect(error?.message).not.toContain('empty');
	});

	it.each([
		['Report Type', { reportType: 'BASIC_PLUS' }],
		['Service Type', { serviceType: 'AUCTIONS' }],
		['Data Level', { dataLevel: 'AUCTION_KEYWORD' }],
		['Status', { filters: { status: 'STATUS_SOMETIMES' } }],
	])('a %s outside TikTok\'s documented list', async (field, extra) => {
		const { error } = await run(report(extra));
		expect(error?.message).toContain(`The "${field}" parameter must be one of`);
	});
});
