import type { IDataObject, NodeApiError } from 'n8n-workflow';

import { useFake } from '../harness/fake';
import { makeTrigger, snapshot } from '../trigger/helpers';
import {
	ADV1,
	DOWNLOAD_PATH,
	FORM_COFFEE,
	FORM_DRIVE,
	FORM_NEWSLETTER,
	TASK_PATH,
	TRICKY_ANSWER,
	addLead,
	configureLeads,
	moveToLibrary,
	rl,
} from './helpers';
import { useFastClock } from '../harness/clock';

/** The trigger's overlap window for leads (nodes/TikTok/trigger/leads.ts). */
const OVERLAP = 3600;
const nowSeconds = () => Math.floor(Date.now() / 1000);
const idsOf = (result: Awaited<ReturnType<Awaited<ReturnType<typeof makeTrigger>>['poll']>>) =>
	result === null ? [] : result[0].map((item) => String(item.json.lead_id));


/** Backoff, Retry-After and limiter waits are fast-forwarded (test/harness/clock.ts), not sat through. */
useFastClock();

describe('TikTok Trigger: leadReceived over several polls (n8n PollContext, fake TikTok)', () => {
	const fake = useFake({}, { perTest: true });
	beforeEach(() => configureLeads(fake, { checksUntilReady: 0 }));

	const leadReceived = async (parameters: Record<string, unknown> = {}, staticData?: IDataObject) =>
		await makeTrigger(fake, { event: 'leadReceived', advertiserId: rl(ADV1), pageIds: [FORM_DRIVE], ...parameters }, { staticData });

	it('first activation records the present and emits nothing; existing leads never come', async () => {
		const recent = addLead(fake, FORM_DRIVE, { createdSec: nowSeconds() - 30 });
		const trigger = await leadReceived({ pageIds: [FORM_DRIVE, FORM_NEWSLETTER] });
		expect(await trigger.poll()).toBeNull();
		const cursors = trigger.staticData().leadReceived as Record<string, { time: number; seen: Record<string, string[]> }>;
		expect(Object.keys(cursors)).toEqual([FORM_DRIVE, FORM_NEWSLETTER]);
		expect(Object.values(cursors[FORM_DRIVE].seen).flat()).toContain(recent.lead_id);
		expect(await trigger.poll()).toBeNull();
		expect(await trigger.poll()).toBeNull();
	});

	it('emits each new lead once over several polls, two in the same second included, oldest first, with its answers', async () => {
		const trigger = await leadReceived({ pageIds: [FORM_DRIVE, FORM_NEWSLETTER] });
		expect(await trigger.poll()).toBeNull();
		const t = nowSeconds() - 5;
		const first = addLead(fake, FORM_DRIVE, { createdSec: t, answers: { 'Comments, if any': TRICKY_ANSWER } });
		const second = addLead(fake, FORM_NEWSLETTER, { createdSec: t + 1 });

		const poll1 = await trigger.poll();
		expect(idsOf(poll1)).toEqual([first.lead_id, second.lead_id]);
		expect(poll1![0][0].json).toMatchObject({ lead_id: first.lead_id, form_id: FORM_DRIVE, advertiser_id: ADV1, Name: first.answers.Name, 'Comments, if any': TRICKY_ANSWER });
		expect(poll1![0][1].json).toMatchObject({ form_id: FORM_NEWSLETTER, Email: second.answers.Email, Country: second.answers.Country });
		expect(await trigger.poll()).toBeNull();

		// Two leads in the same second as the last emitted one, and one more: each comes once.
		const sameA = addLead(fake, FORM_DRIVE, { createdSec: t + 1 });
		const sameB = addLead(fake, FORM_DRIVE, { createdSec: t + 1 });
		expect(idsOf(await trigger.poll())).toEqual([sameA.lead_id, sameB.lead_id]);
		const third = addLead(fake, FORM_DRIVE, { createdSec: t + 1 });
		const later = addLead(fake, FORM_DRIVE, { createdSec: t + 3 });
		expect(idsOf(await trigger.poll())).toEqual([third.lead_id, later.lead_id]);
		expect(await trigger.poll()).toBeNull();
	});

	it('a lead TikTok lists late (its time already behind the cursor, within the overlap) still comes, once', async () => {
		const trigger = await leadReceived();
		await trigger.poll();
		const t = nowSeconds() - 10;
		const a = addLead(fake, FORM_DRIVE, { createdSec: t });
		expect(idsOf(await trigger.poll())).toEqual([a.lead_id]);
		const late = addLead(fake, FORM_DRIVE, { createdSec: t - 600 });
		expect(idsOf(await trigger.poll())).toEqual([late.lead_id]);
		expect(await trigger.poll()).toBeNull();
		const tooLate = addLead(fake, FORM_DRIVE, { createdSec: t - OVERLAP - 10 });
		expect(idsOf(await trigger.poll())).not.toContain(tooLate.lead_id);
	});

	it('survives a restart: a new trigger with the saved static data repeats nothing and misses nothing', async () => {
		const trigger = await leadReceived();
		await trigger.poll();
		const a = addLead(fake, FORM_DRIVE, { createdSec: nowSeconds() - 3 });
		expect(idsOf(await trigger.poll())).toEqual([a.lead_id]);
		const saved = snapshot(trigger.staticData());

		const b = addLead(fake, FORM_DRIVE, { createdSec: nowSeconds() - 3 });
		const restarted = await leadReceived({}, { [`node:${trigger.node.name}`]: saved });
		expect(idsOf(await restarted.poll())).toEqual([b.lead_id]);
		expect(await restarted.poll()).toBeNull();
	});

	it('reads zipped and JSON deliveries the same way, and waits for tasks TikTok is still preparing', async () => {
		const trigger = await leadReceived();
		await trigger.poll();
		configureLeads(fake, { format: 'zip', checksUntilReady: 1 });
		const a = addLead(fake, FORM_DRIVE, { createdSec: nowSeconds() - 2, answers: { Name: 'A, "the first"' } });
		const zipped = await trigger.poll();
		expect(idsOf(zipped)).toEqual([a.lead_id]);
		expect(zipped![0][0].json.Name).toBe('A, "the first"');
		configureLeads(fake, { format: 'json', checksUntilReady: 0 });
		const b = addLead(fake, FORM_DRIVE, { createdSec: nowSeconds() - 1 });
		expect(idsOf(await trigger.poll())).toEqual([b.lead_id]);
		expect(await trigger.poll()).toBeNull();
	});

	it('an idle poll costs one task and one download per form and region (plus a check when TikTok is not ready at once)', async () => {
		const trigger = await leadReceived({ pageIds: [FORM_DRIVE, FORM_NEWSLETTER], leadOptions: { region: '' } });
		await trigger.poll();
		fake.state.clearRequests();
		expect(await trigger.poll()).toBeNull();
		expect(fake.state.requestsTo(TASK_PATH)).toHaveLength(2);
		expect(fake.state.requestsTo(DOWNLOAD_PATH)).toHaveLength(2);
		expect(fake.state.requests).toHaveLength(4);
		// All Regions (the default): the three regions, each its own task.
		const all = await leadReceived({ pageIds: [FORM_DRIVE, FORM_NEWSLETTER] });
		await all.poll();
		fake.state.clearRequests();
		expect(await all.poll()).toBeNull();
		expect(fake.state.requestsTo(TASK_PATH)).toHaveLength(6);
		expect(fake.state.requestsTo(DOWNLOAD_PATH)).toHaveLength(6);
	});

	it('"Fetch test event" returns the newest lead and does not move the cursor', async () => {
		const trigger = await leadReceived({ pageIds: [FORM_DRIVE, FORM_NEWSLETTER] });
		await trigger.poll();
		const before = snapshot(trigger.staticData());
		const a = addLead(fake, FORM_NEWSLETTER, { createdSec: nowSeconds() - 2 });
		const manual = await trigger.poll('manual');
		expect(idsOf(manual)).toEqual([a.lead_id]);
		expect(snapshot(trigger.staticData())).toEqual(before);
		expect(idsOf(await trigger.poll())).toEqual([a.lead_id]);
	});

	it('a failed poll emits nothing and moves no cursor; its error names the form and holds no lead answers', async () => {
		const trigger = await leadReceived({ pageIds: [FORM_NEWSLETTER], leadOptions: { region: '' } });
		await trigger.poll();
		const before = snapshot(trigger.staticData());
		const a = addLead(fake, FORM_NEWSLETTER, { createdSec: nowSeconds() - 2, answers: { Email: 'private.person@example.com' } });
		fake.state.failNext({ path: '/page/lead/task/', code: 40105, message: 'Access token is incorrect or has been revoked.' });
		let error: NodeApiError | undefined;
		try {
			await trigger.poll();
		} catch (e) {
			error = e as NodeApiError;
		}
		expect(error?.message).toMatch(`(instant form ${FORM_NEWSLETTER})`);
		const shown = JSON.stringify({ message: error?.message, description: error?.description, context: error?.context });
		for (const value of Object.values(a.answers)) expect(shown).not.toContain(value);
		expect(snapshot(trigger.staticData())).toEqual(before);
		expect(idsOf(await trigger.poll())).toEqual([a.lead_id]);
	});

	it('one failing form does not hold back the others (the ad events\' policy): their leads come, the failure is reported, its cursor stays', async () => {
		const trigger = await leadReceived({ pageIds: [FORM_DRIVE, FORM_NEWSLETTER], leadOptions: { region: '' } });
		await trigger.poll();
		const before = snapshot(trigger.staticData()) as { leadReceived: Record<string, unknown> };
		const a = addLead(fake, FORM_DRIVE, { createdSec: nowSeconds() - 2, answers: { Name: 'Private Person' } });
		const b = addLead(fake, FORM_NEWSLETTER, { createdSec: nowSeconds() - 2 });
		// The newsletter form moves to a form library: TikTok refuses it by advertiser from then on.
		const form = moveToLibrary(fake, FORM_NEWSLETTER, '7300000000000000009');
		expect(idsOf(await trigger.poll())).toEqual([a.lead_id]);
		expect(trigger.reported).toHaveLength(1);
		expect(trigger.reported[0].message).toMatch(`${FORM_NEWSLETTER}`);
		expect(JSON.stringify(trigger.reported[0])).not.toContain('Private Person');
		const after = trigger.staticData().leadReceived as Record<string, unknown>;
		expect(after[FORM_NEWSLETTER]).toEqual(before.leadReceived[FORM_NEWSLETTER]);
		form.__libraryId = undefined;
		expect(idsOf(await trigger.poll())).toEqual([b.lead_id]);
	});

	it('a form of another advertiser fails the activation with a message naming form and advertiser', async () => {
		const trigger = await leadReceived({ pageIds: [FORM_COFFEE] });
		await expect(trigger.poll()).rejects.toThrow(`The instant form ${FORM_COFFEE} is not a form of advertiser ${ADV1}`);
		expect(trigger.staticData()).toEqual({});
	});

	it('a lead stamped 3 h in the future does not block the 10 leads after it: it comes once, marked, and is reported', async () => {
		const trigger = await leadReceived({ leadOptions: { region: '' } });
		await trigger.poll();
		// TikTok's file stamps it 3 h ahead of the clock.
		const stamp = new Date((nowSeconds() + 3 * 3600) * 1000).toISOString().replace('T', ' ').slice(0, 19);
		const future = addLead(fake, FORM_DRIVE, { createdText: stamp });
		const first = await trigger.poll();
		expect(idsOf(first)).toEqual([future.lead_id]);
		expect(first![0][0].json.time_unplaced).toBe('creation time ahead of the clock');
		expect(trigger.reported).toHaveLength(1);
		expect(trigger.reported[0].message).toMatch(future.lead_id);
		const later: string[] = [];
		for (let n = 0; n < 10; n++) later.push(addLead(fake, FORM_DRIVE, { createdSec: nowSeconds() - 20 + n }).lead_id);
		expect(idsOf(await trigger.poll())).toEqual(later);
		expect(await trigger.poll()).toBeNull();
		expect(trigger.reported).toHaveLength(1);
	});

	it('a lead whose time cannot be read is emitted once and appears in an error report; the others are not held back', async () => {
		const trigger = await leadReceived({ leadOptions: { region: '' } });
		await trigger.poll();
		const odd = addLead(fake, FORM_DRIVE, { createdText: 'yesterday-ish' });
		const fine = addLead(fake, FORM_DRIVE, { createdSec: nowSeconds() - 5 });
		const result = await trigger.poll();
		expect(idsOf(result)).toEqual([fine.lead_id, odd.lead_id]);
		expect(result![0][1].json.time_unplaced).toBe('unreadable creation time');
		expect(trigger.reported).toHaveLength(1);
		expect(trigger.reported[0].message).toMatch(`${odd.lead_id} (creation time unreadable)`);
		expect(JSON.stringify(trigger.reported[0])).not.toContain(odd.answers.Email);
		expect(await trigger.poll()).toBeNull();
		expect(trigger.reported).toHaveLength(1);
	});

	it('a form added by expression starts at the last save: its leads created after that come (as the ad events do)', async () => {
		const trigger = await leadReceived({ leadOptions: { region: '' } });
		await trigger.poll();
		const a = addLead(fake, FORM_DRIVE, { createdSec: nowSeconds() - 3 });
		expect(idsOf(await trigger.poll())).toEqual([a.lead_id]);
		const saved = snapshot(trigger.staticData());
		// Created after the save, before the form is added: it must come on the first poll that knows the form.
		const b = addLead(fake, FORM_NEWSLETTER, { createdSec: nowSeconds() });
		const added = await leadReceived(
			{ pageIds: `={{ "${FORM_DRIVE},${FORM_NEWSLETTER}" }}`, leadOptions: { region: '' } },
			{ [`node:${trigger.node.name}`]: saved },
		);
		expect(idsOf(await added.poll())).toEqual([b.lead_id]);
		expect(await added.poll()).toBeNull();
	});

	it('emits the leads of all three regions once (All Regions, the default)', async () => {
		const trigger = await leadReceived();
		await trigger.poll();
		const t = nowSeconds() - 5;
		const world = addLead(fake, FORM_DRIVE, { createdSec: t, region: '' });
		const eu = addLead(fake, FORM_DRIVE, { createdSec: t + 1, region: 'eu' });
		const us = addLead(fake, FORM_DRIVE, { createdSec: t + 2, region: 'us' });
		const result = await trigger.poll();
		expect(idsOf(result)).toEqual([world.lead_id, eu.lead_id, us.lead_id]);
		expect(result![0].map((i) => i.json.region)).toEqual(['rest_of_world', 'eu', 'us']);
		expect(await trigger.poll()).toBeNull();
	});

	it('refuses an empty form list before any request', async () => {
		const trigger = await leadReceived({ pageIds: [] });
		await expect(trigger.poll()).rejects.toThrow(/"Instant Forms" parameter is empty/);
		expect(fake.state.requests).toHaveLength(0);
	});
});
