import type { NodeApiError } from 'n8n-workflow';

import { useFastClock } from '../harness/clock';
import { runTikTokNode } from '../harness/engine';
import { developersCredential, queueFault, useFake } from '../harness/fake';
import { binaryItem } from '../media/audio-fixtures';
import { posting, uploads } from './posting-state';
import { MB, mp4, sha256 } from './video-fixtures';

const SCOPES = ['user.info.basic', 'video.publish', 'video.upload'];
const INBOX_INIT = '/v2/post/publish/inbox/video/init/';
const UPLOAD = '/upload/video/';

// The transport's waits are fast-forwarded (issue 26): the product waits for real, the test does not sit through it.
const clock = useFastClock();

describe('posting pace and uploads through the transport\'s retry, deadline and clock', () => {
	const fake = useFake({}, { reset: (f) => posting(f).reset() });
	// The fake counts TikTok's per-minute windows on the same (fast-forwarded) clock (test/fake-tiktok/clock.js).
	beforeEach(() => clock.reset());
	const draft = (credentialId: string, parameters: Record<string, unknown> = {}, input = [binaryItem(mp4(1 * MB))]) =>
		runTikTokNode({
			parameters: { resource: 'post', operation: 'uploadVideoDraft', waitForCompletion: false, ...parameters },
			credentials: [developersCredential(fake, { scopes: SCOPES }, credentialId)],
			input,
		});

	it('seven drafts in one minute with one credential all succeed: the 7th init waits for TikTok\'s window (6 a minute) instead of failing', async () => {
		expect(posting(fake).config.enforceRateLimits).toBe(true);
		// One token for all seven, so the fake (which refuses a 7th init within 60 s per token) sees them all.
		const credential = developersCredential(fake, { scopes: SCOPES }, 'pace-credential');
		const started = clock.now();
		for (let i = 0; i < 7; i++) {
			const { items, error } = await runTikTokNode({
				// Waiting for SEND_TO_USER_INBOX, so no draft stays pending (TikTok allows 5 pending shares a day).
				parameters: { resource: 'post', operation: 'uploadVideoDraft', source: 'url', videoUrl: `https://media.example.com/d${i}.mp4`, waitForCompletion: true },
				credentials: [credential],
			});
			expect(error).toBeUndefined();
			expect(items[0].json).toMatchObject({ publishId: expect.any(String), status: 'SEND_TO_USER_INBOX' });
		}
		expect(fake.state.requestsTo(INBOX_INIT)).toHaveLength(7);
		// The 7th waited about a minute (on the clock), and no init was refused and re-sent.
		expect(clock.now() - started).toBeGreaterThanOrEqual(60_000);
		expect(clock.sleeps.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(59_000);
	});

	it('the fake refuses a 7th init within 60 s on one token (the switch the pace test relies on)', async () => {
		const credential = developersCredential(fake, { scopes: SCOPES }, 'fake-check');
		const init = () =>
			fetch(`${fake.url}/v2/post/publish/video/init/`, {
				method: 'POST',
				headers: { authorization: `Bearer ${String(credential.data.oauthTokenData && (credential.data.oauthTokenData as { access_token: string }).access_token)}`, 'content-type': 'application/json' },
				body: JSON.stringify({ post_info: { privacy_level: 'SELF_ONLY' }, source_info: { source: 'PULL_FROM_URL', video_url: 'https://media.example.com/x.mp4' } }),
			});
		const statuses: number[] = [];
		for (let i = 0; i < 7; i++) statuses.push((await init()).status);
		expect(statuses).toEqual([200, 200, 200, 200, 200, 200, 429]);
	});

	it('a chunk answered 429 with Retry-After: 3 is sent again after at least 3 s', async () => {
		queueFault(fake, { kind: 'rateLimit', path: UPLOAD, retryAfter: 3 });
		const file = mp4(1 * MB);
		const { items, error } = await draft('retry-after', {}, [binaryItem(file)]);
		expect(error).toBeUndefined();
		expect(items[0].json.bytesSent).toBe(file.length);
		const puts = fake.state.requestsTo(UPLOAD, 'PUT');
		expect(puts).toHaveLength(2);
		expect(puts[0].headers['content-range']).toBe(puts[1].headers['content-range']);
		expect(uploads(fake)[0].sha256).toBe(sha256(file));
		expect(Math.max(...clock.sleeps)).toBeGreaterThanOrEqual(3000);
	});

	it('an upload whose answer trickles one byte every 2 s ends within the deadline API calls have, with a clear error', async () => {
		queueFault(fake, { kind: 'trickle', path: UPLOAD, everyMs: 2000, count: 10 });
		const started = Date.now();
		// Timeout 1 s: each chunk's exchange gets 1 s plus 1 s per 256 KB (a 200 KB video, one chunk: 2 s), four of them
		// at most. The deadlines are real time (the fast clock speeds up only the waits between tries).
		const { error } = await draft('trickle', { requestOptions: { timeout: 1 } }, [binaryItem(mp4(200 * 1024))]);
		const elapsed = Date.now() - started;
		expect(error).toBeDefined();
		expect(error?.message).toMatch(/did not answer within [\d.]+ s while sending chunk 1 of 1/);
		expect((error as NodeApiError).description).toMatch(/did not answer in time/);
		// The budget of an API call with this timeout: four chunk deadlines (4 × 2 s), retries and waits included.
		expect(elapsed).toBeLessThan(4 * 2000 + 3000);
	}, 60_000);
});
