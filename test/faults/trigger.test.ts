/* eslint-disable @n8n/community-nodes/no-restricted-globals -- a test, not node code: its own rules are test/eslint.config.mjs */
import { businessCredential, developersCredential, queueFault, useFake } from '../harness/fake';
import { ADVERTISERS, AD_PATH, addAd, idsOf, makeTrigger, nowSeconds, snapshot } from '../trigger/helpers';
import { useFastClock } from '../harness/clock';

/* eslint-disable @typescript-eslint/no-require-imports */
const { makeVideo } = require('../fake-tiktok/videos') as {
	makeVideo: (videos: unknown[], options: { createTimeMs: number; title?: string }) => { id: string; create_time: number };
};
/* eslint-enable @typescript-eslint/no-require-imports */

const [ADV1, ADV2] = ADVERTISERS;

const pause = async (ms: number) => await new Promise((resolve) => setTimeout(resolve, ms));

/** Backoff, Retry-After and limiter waits are fast-forwarded (test/harness/clock.ts), not sat through. */
useFastClock();

describe('TikTok Trigger under overlapping polls (n8n PollContext, fake TikTok)', () => {
	const fake = useFake({}, { perTest: true });

	it('two overlapping ad polls over 5 new ads emit 5 in all; the slow one does not move the cursor back', async () => {
		const trigger = await makeTrigger(fake, { event: 'adCreated', advertiserIds: [ADV1] }, { credentials: [businessCredential(fake)] });
		expect(await trigger.poll()).toBeNull();
		const t = nowSeconds();
		const ads = [0, 1, 2, 3, 4].map((i) => addAd(fake, ADV1, t - 5 + i));

		// Poll A waits 1.5 s for TikTok; poll B starts meanwhile, gets a quick answer and emits first.
		queueFault(fake, { kind: 'delay', path: AD_PATH, ms: 1500 });
		const slow = trigger.poll();
		await pause(300);
		const fast = await trigger.poll();
		const late = await slow;

		const emitted = [...idsOf(fast), ...idsOf(late)];
		expect(emitted.sort()).toEqual(ads.map((a) => a.ad_id).sort());
		expect(new Set(emitted).size).toBe(5);
		// Later polls emit nothing again.
		expect(await trigger.poll()).toBeNull();
		expect(await trigger.poll()).toBeNull();
	});

	it('an ad created while the slow poll waited is emitted once, by whichever poll saw it, and never lost', async () => {
		const trigger = await makeTrigger(fake, { event: 'adCreated', advertiserIds: [ADV1] }, { credentials: [businessCredential(fake)] });
		await trigger.poll();
		const t = nowSeconds();
		const first = [0, 1, 2].map((i) => addAd(fake, ADV1, t - 3 + i));
		queueFault(fake, { kind: 'delay', path: AD_PATH, ms: 1500 });
		const slow = trigger.poll();
		await pause(300);
		const second = addAd(fake, ADV1, t);
		const fast = await trigger.poll();
		const late = await slow;
		const after = await trigger.poll();
		const emitted = [...idsOf(fast), ...idsOf(late), ...idsOf(after)];
		expect(emitted.sort()).toEqual([...first, second].map((a) => a.ad_id).sort());
	});

	it('a late video behind 30 newer, already emitted ones (inside the 1-hour overlap) is emitted', async () => {
		const videos = fake.state.world.videos as unknown[];
		const post = (seconds: number) => {
			const video = makeVideo(videos, { createTimeMs: seconds * 1000 });
			videos.push(video);
			return video;
		};
		const trigger = await makeTrigger(
			fake,
			{ event: 'videoPosted' },
			{ credentialType: 'tikTokOAuth2Api', credentials: [developersCredential(fake)] },
		);
		expect(await trigger.poll()).toBeNull();
		const t = nowSeconds();
		const newer = Array.from({ length: 30 }, (_, i) => post(t - 600 + i * 10));
		expect(idsOf(await trigger.poll())).toHaveLength(30);

		// TikTok lists a post late: its time is behind all 30, still inside the overlap window.
		const late = post(t - 900);
		expect(idsOf(await trigger.poll())).toEqual([late.id]);
		expect(await trigger.poll()).toBeNull();
		expect(newer).toHaveLength(30);
	});

	it('an advertiser added later (by expression) and seeded in a poll that emitted nothing loses nothing across a restart', async () => {
		const credentials = [businessCredential(fake)];
		// Activation: n8n saves the static data after it. `persisted` is what n8n's database holds from then on.
		const first = await makeTrigger(fake, { event: 'adCreated', advertiserIds: [ADV1] }, { credentials });
		expect(await first.poll()).toBeNull();
		const persisted = snapshot(first.staticData());

		// The expression now also gives ADV2: the next poll meets it without a cursor and emits nothing, so n8n
		// saves nothing (static data is saved when a poll emits).
		const running = await makeTrigger(fake, { event: 'adCreated', advertiserIds: [ADV1, ADV2] }, { credentials, staticData: { 'node:TikTok Trigger': snapshot(persisted) } });
		expect(await running.poll()).toBeNull();
		const created = addAd(fake, ADV2, nowSeconds());

		// Restart before any emit: the workflow is activated again from what the database holds.
		const restarted = await makeTrigger(fake, { event: 'adCreated', advertiserIds: [ADV1, ADV2] }, { credentials, staticData: { 'node:TikTok Trigger': snapshot(persisted) } });
		const afterRestart = [...idsOf(await restarted.poll()), ...idsOf(await restarted.poll())];
		expect(afterRestart).toEqual([created.ad_id]);
	});
});
