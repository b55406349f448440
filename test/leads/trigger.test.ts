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
	leadsOf,
	rl,
} from './helpers';

/** The trigger's overlap window for leads (nodes/TikTok/trigger/leads.ts). */
const OVERLAP = 3600;
const nowSeconds = () => Math.floor(Date.now() / 1000);
const idsOf = (result: Awaited<ReturnType<Awaited<ReturnType<typeof makeTrigger>>['poll']>>) =>
	result === null ? [] : result[0].map((item) => String(item.json.lead_id));

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

	it('an idle poll costs one task and one download per form (plus a check when TikTok is not ready at once)', async () => {
		const trigger = await leadReceived({ pageIds: [FORM_DRIVE, FORM_NEWSLETTER] });
		await trigger.poll();
		fake.state.clearRequests();
		expect(await trigger.poll()).toBeNull();
		expect(fake.state.requestsTo(TASK_PATH)).toHaveLength(2);
		expect(fake.state.requestsTo(DOWNLOAD_PATH)).toHaveLength(2);
		expect(fake.state.requests).toHaveLength(4);
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
		const trigger = await leadReceived({ pageIds: [FORM_DRIVE, FORM_NEWSLETTER] });
		await trigger.poll();
		const before = snapshot(trigger.staticData());
		const a = addLead(fake, FORM_DRIVE, { createdSec: nowSeconds() - 2, answers: { Name: 'Private Person' } });
		addLead(fake, FORM_NEWSLETTER, { createdSec: nowSeconds() - 2 });
		// The first form's task succeeds, the second form's is refused.
		fake.state.failNext({ path: '/page/lead/task/', skip: 1, code: 40105, message: 'Access token is incorrect or has been revoked.' });
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
		expect(idsOf(await trigger.poll()).sort()).toEqual([a.lead_id, leadsOf(fake, FORM_NEWSLETTER).at(-1)!.lead_id].sort());
	});

	it('a form of another advertiser fails the activation with a message naming form and advertiser', async () => {
		const trigger = await leadReceived({ pageIds: [FORM_COFFEE] });
		await expect(trigger.poll()).rejects.toThrow(`The instant form ${FORM_COFFEE} is not a form of advertiser ${ADV1}`);
		expect(trigger.staticData()).toEqual({});
	});

	it('refuses an empty form list before any request', async () => {
		const trigger = await leadReceived({ pageIds: [] });
		await expect(trigger.poll()).rejects.toThrow(/"Instant Forms" parameter is empty/);
		expect(fake.state.requests).toHaveLength(0);
	});
});
