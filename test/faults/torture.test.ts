import { useFastClock } from '../harness/clock';
import { businessCredential, useFake } from '../harness/fake';
import { ADVERTISERS, addAd, idsOf, makeTrigger, nowSeconds } from '../trigger/helpers';

const [ADV1, ADV2] = ADVERTISERS;

describe('TikTok Trigger under random faults (50% of requests reset, rate-limited or answered 500)', () => {
	const fake = useFake({}, { perTest: true });
	useFastClock();

	it('emits every new ad exactly once: 0 lost, 0 duplicated', async () => {
		const trigger = await makeTrigger(fake, { event: 'adCreated', advertiserIds: [ADV1, ADV2], limit: 5 }, { credentials: [businessCredential(fake)] });
		expect(await trigger.poll()).toBeNull();
		const random = fake.state.random as () => number;
		fake.state.randomFaults = { share: 0.5, kinds: ['reset', 'rateLimit', 'http500'] };

		const created: string[] = [];
		const emitted: string[] = [];
		const base = nowSeconds();
		for (let round = 0; round < 12; round++) {
			const count = Math.floor(random() * 4);
			for (let i = 0; i < count; i++) created.push(addAd(fake, random() < 0.5 ? ADV1 : ADV2, base - 30 + round).ad_id);
			try {
				emitted.push(...idsOf(await trigger.poll()));
			} catch {
				// A poll whose retries ran out fails and keeps its position: the next poll delivers.
			}
		}
		fake.state.randomFaults = { share: 0, kinds: [] };
		for (let quiet = 0; quiet < 2; ) {
			const ids = idsOf(await trigger.poll());
			emitted.push(...ids);
			quiet = ids.length === 0 ? quiet + 1 : 0;
		}

		expect(new Set(emitted).size).toBe(emitted.length);
		expect([...emitted].sort()).toEqual([...created].sort());
		// The faults did reach the trigger, and it still lost and repeated nothing.
		expect((fake.state.faulted as unknown[]).length).toBeGreaterThan(0);
	});
});
