import type { IDataObject, NodeApiError } from 'n8n-workflow';

import { runTikTokNode } from '../harness/engine';
import { businessCredential, expectNoSecrets, useFake } from '../harness/fake';
import {
	ADV1,
	ADV2,
	DOWNLOAD_PATH,
	FORM_COFFEE,
	FORM_DRAFT,
	FORM_DRIVE,
	FORM_NEWSLETTER,
	PAGE_GET,
	TASK_PATH,
	TRICKY_ANSWER,
	addLead,
	configureLeads,
	leadsOf,
	rl,
} from './helpers';
import { useFastClock } from '../harness/clock';


/** Backoff, Retry-After and limiter waits are fast-forwarded (test/harness/clock.ts), not sat through. */
useFastClock();

describe('Instant forms and leads (leadForm.getMany / get, lead.getMany) through the engine against the fake', () => {
	const fake = useFake({}, { perTest: true });

	const run = async (parameters: Record<string, unknown>, extra: { continueOnFail?: boolean } = {}) =>
		await runTikTokNode({
			parameters: parameters as never,
			credentials: [businessCredential(fake)],
			...extra,
		});
	const getLeads = async (parameters: Record<string, unknown> = {}, extra: { continueOnFail?: boolean } = {}) =>
		await run({ resource: 'lead', operation: 'getMany', advertiserId: rl(ADV1), formId: rl(FORM_DRIVE), returnAll: true, ...parameters }, extra);
	/** Every Business request the node made to the lead endpoints, as `METHOD path`. */
	const leadCalls = () =>
		fake.state.requests.filter((r) => r.path.includes('/page/')).map((r) => `${r.method} ${r.path.replace('/open_api/v1.3', '')}`);

	beforeEach(() => configureLeads(fake, { checksUntilReady: 0 }));

	describe('leadForm', () => {
		it('getMany lists the advertiser\'s instant forms with status and creation time, 100 per page, simplified', async () => {
			const { items, error } = await run({ resource: 'leadForm', operation: 'getMany', advertiserId: rl(ADV1), returnAll: true });
			expect(error).toBeUndefined();
			expect(items.map((i) => i.json.page_id).sort()).toEqual([FORM_DRIVE, FORM_NEWSLETTER, FORM_DRAFT]);
			const drive = items.find((i) => i.json.page_id === FORM_DRIVE)!.json;
			expect(drive).toEqual({
				advertiser_id: ADV1,
				page_id: FORM_DRIVE,
				title: 'Spring test drive',
				status: 'PUBLISHED',
				create_time: '2026-10-01 00:00:00',
				update_time: '2026-10-01 01:00:00',
				publish_time: '2026-10-01 02:00:00',
				preview_url: 'https://www.tiktok.com/instant/1',
			});
			const request = fake.state.requestsTo(PAGE_GET)[0];
			expect(request.query).toMatchObject({ advertiser_id: ADV1, business_type: 'LEAD_GEN', page: '1', page_size: '100' });
		});

		it('getMany without simplify returns every field TikTok sends; filters by status', async () => {
			const { items } = await run({
				resource: 'leadForm',
				operation: 'getMany',
				advertiserId: rl(ADV1),
				returnAll: true,
				simplify: false,
				filters: { status: 'EDITED' },
			});
			expect(items.map((i) => i.json.page_id)).toEqual([FORM_DRAFT]);
			expect(Object.keys(items[0].json).length).toBeGreaterThan(10);
			expect(items[0].json).toMatchObject({ template_name: 'Lead generation', transfer_status: 'UNSET' });
			expect(fake.state.requestsTo(PAGE_GET)[0].query.page_status).toBe('EDITED');
		});

		it('get returns a form\'s questions', async () => {
			const { items, error } = await run({ resource: 'leadForm', operation: 'get', advertiserId: rl(ADV1), formId: rl(FORM_DRIVE) });
			expect(error).toBeUndefined();
			expect(items[0].json).toEqual({
				page_id: FORM_DRIVE,
				page_name: 'Spring test drive',
				create_time: '2026-10-01 00:00:00',
				page_url: 'https://www.tiktok.com/instant/1',
				advertiser_id: ADV1,
				fields: ['Name', 'Email', 'Phone number', 'Comments, if any'],
			});
		});
	});

	describe('lead.getMany', () => {
		it('a form with 2,500 leads returns 2,500 items with their answers, from one task (create, download)', async () => {
			const seeded = leadsOf(fake, FORM_DRIVE).length;
			const now = Math.floor(Date.now() / 1000) - 3600;
			for (let n = 0; n < 2500 - seeded; n++) addLead(fake, FORM_DRIVE, { createdSec: now + (n % 600) });
			const all = leadsOf(fake, FORM_DRIVE);
			expect(all).toHaveLength(2500);

			const { items, error } = await getLeads({ options: { region: '' } });
			expect(error).toBeUndefined();
			expect(items).toHaveLength(2500);
			expect(new Set(items.map((i) => i.json.lead_id))).toEqual(new Set(all.map((l) => l.lead_id)));
			const byId = new Map(items.map((i) => [i.json.lead_id as string, i.json]));
			for (const lead of all) {
				const json = byId.get(lead.lead_id)!;
				for (const [question, answer] of Object.entries(lead.answers)) expect(json[question]).toBe(answer);
			}
			expect(items.every((i) => (i.pairedItem as { item: number }).item === 0)).toBe(true);
			expect(leadCalls()).toEqual(['POST /page/lead/task/', 'GET /page/lead/task/download/']);
			// Newest first.
			const times = items.map((i) => String(i.json.create_time));
			expect([...times].sort().reverse()).toEqual(times);
		});

		it('items carry TikTok\'s metadata (lead ID, creation time, ad, campaign) next to the answers; simplify off adds the rest', async () => {
			const lead = leadsOf(fake, FORM_DRIVE)[0];
			const ad = (fake.state.world.ads as IDataObject[]).find((a) => a.ad_id === lead.ad_id)!;
			const simplified = (await getLeads({ limit: 50, returnAll: false })).items.find((i) => i.json.lead_id === lead.lead_id)!.json;
			expect(simplified).toEqual({
				lead_id: lead.lead_id,
				create_time: new Date(lead.created).toISOString().replace('T', ' ').slice(0, 19),
				form_id: FORM_DRIVE,
				ad_id: lead.ad_id,
				ad_name: ad.ad_name,
				campaign_id: ad.campaign_id,
				campaign_name: expect.any(String),
				advertiser_id: ADV1,
				// The region TikTok keeps the lead in (issue 24): in every item.
				region: 'rest_of_world',
				...lead.answers,
			});
			const full = (await getLeads({ simplify: false })).items.find((i) => i.json.lead_id === lead.lead_id)!.json;
			expect(full).toMatchObject({ form_name: 'Spring test drive', adgroup_id: ad.adgroup_id, advertiser_id: ADV1 });
			expect(typeof full.adgroup_name).toBe('string');
		});

		it.each([
			['CSV', { format: 'csv' }],
			['CSV without byte order mark, Unix times', { format: 'csv', bom: false, timeFormat: 'unix' }],
			['zipped CSV', { format: 'zip' }],
			['CSV with title-case metadata headers', { format: 'csv', columnNames: 'title' }],
			['CSV zipped because it is over the size threshold', { format: 'csv', zipAboveBytes: 100 }],
			['JSON', { format: 'json' }],
		] as const)('an answer holding a comma, quotes and line breaks comes through intact (%s)', async (_name, config) => {
			configureLeads(fake, { checksUntilReady: 0, ...config });
			const created = Math.floor(Date.now() / 1000) - 60;
			const lead = addLead(fake, FORM_DRIVE, { createdSec: created, answers: { 'Comments, if any': TRICKY_ANSWER, Name: '"Quoted", Name' } });
			const { items, error } = await getLeads();
			expect(error).toBeUndefined();
			expect(items).toHaveLength(leadsOf(fake, FORM_DRIVE).length);
			const json = items.find((i) => i.json.lead_id === lead.lead_id)!.json;
			expect(json['Comments, if any']).toBe(TRICKY_ANSWER);
			expect(json.Name).toBe('"Quoted", Name');
			expect(json.Email).toBe(lead.answers.Email);
			expect(json.create_time).toBe(new Date(created * 1000).toISOString().replace('T', ' ').slice(0, 19));
			expect(Object.keys(json)).not.toContain('\ufefflead_id');
		});

		it('waits for a task TikTok is still preparing: checks with task_id until SUCCEED, then downloads', async () => {
			configureLeads(fake, { checksUntilReady: 2 });
			const { items, error } = await getLeads({ options: { region: '' } });
			expect(error).toBeUndefined();
			expect(items).toHaveLength(5);
			expect(leadCalls()).toEqual(['POST /page/lead/task/', 'POST /page/lead/task/', 'POST /page/lead/task/', 'GET /page/lead/task/download/']);
			const [create, ...checks] = fake.state.requestsTo(TASK_PATH);
			expect(create.body).toEqual({ advertiser_id: ADV1, page_id: FORM_DRIVE });
			const taskId = (checks[0].body as IDataObject).task_id;
			// Each check names the form too (bububa model/page/lead/task.go: one of page_id / ad_id on every call).
			expect(checks.map((c) => c.body)).toEqual([
				{ advertiser_id: ADV1, page_id: FORM_DRIVE, task_id: taskId },
				{ advertiser_id: ADV1, page_id: FORM_DRIVE, task_id: taskId },
			]);
			expect(fake.state.requestsTo(DOWNLOAD_PATH)[0].query).toEqual({ advertiser_id: ADV1, task_id: String(taskId) });
			// TikTok's limits: checks are spaced (at least a second after the previous request).
			const times = fake.state.requests.filter((r) => r.path.includes('/page/lead/task')).map((r) => r.at);
			expect(times[1] - times[0]).toBeGreaterThanOrEqual(900);
			expect(times[2] - times[1]).toBeGreaterThanOrEqual(1900);
		});

		it('a rate-limited download (40100, or HTTP 429) is retried and then succeeds', async () => {
			fake.state.failNext({ path: '/page/lead/task/download/', code: 40100 });
			fake.state.failNext({ path: '/page/lead/task/download/', httpStatus: 429 });
			const { items, error } = await getLeads({ options: { region: '' } });
			expect(error).toBeUndefined();
			expect(items).toHaveLength(5);
			expect(fake.state.requestsTo(DOWNLOAD_PATH)).toHaveLength(3);
			expect(fake.state.requestsTo(TASK_PATH)).toHaveLength(1);
		});

		it('a task TikTok reports as FAILED is a clear error', async () => {
			configureLeads(fake, { checksUntilReady: 1, failTasks: true });
			const { error } = await getLeads();
			expect(error?.message).toMatch(/lead download task for form 7400000000000000101/);
			expect(error?.message).toMatch(/FAILED/);
		});

		it('filters by ad and by creation time (inclusive), newest first, with a limit', async () => {
			const t = Math.floor(Date.now() / 1000) - 3600;
			const otherAd = (fake.state.world.ads as IDataObject[]).filter((a) => a.advertiser_id === ADV1)[1].ad_id as string;
			const a = addLead(fake, FORM_DRIVE, { createdSec: t });
			const b = addLead(fake, FORM_DRIVE, { createdSec: t + 10, adId: otherAd });
			const c = addLead(fake, FORM_DRIVE, { createdSec: t + 20 });
			addLead(fake, FORM_DRIVE, { createdSec: t + 30 });
			const iso = (s: number) => new Date(s * 1000).toISOString();
			const range = { createdAfter: iso(t), createdBefore: iso(t + 20) };
			expect((await getLeads({ filters: range })).items.map((i) => i.json.lead_id)).toEqual([c.lead_id, b.lead_id, a.lead_id]);
			expect((await getLeads({ filters: { ...range, adId: otherAd } })).items.map((i) => i.json.lead_id)).toEqual([b.lead_id]);
			expect((await getLeads({ filters: range, returnAll: false, limit: 2 })).items.map((i) => i.json.lead_id)).toEqual([c.lead_id, b.lead_id]);
		});

		it('a form without leads returns no items, and no error', async () => {
			const { items, error } = await getLeads({ formId: rl(FORM_DRAFT) });
			expect(error).toBeUndefined();
			expect(items).toEqual([]);
		});

		it('asks for the chosen lead region on every lead call (x-lead-region)', async () => {
			configureLeads(fake, { checksUntilReady: 1 });
			await getLeads({ options: { region: 'eu' } });
			const calls = fake.state.requests.filter((r) => r.path.includes('/page/lead/task'));
			expect(calls).toHaveLength(3);
			expect(calls.map((r) => r.headers['x-lead-region'])).toEqual(['eu', 'eu', 'eu']);
			fake.state.clearRequests();
			configureLeads(fake, { checksUntilReady: 0 });
			await getLeads({ options: { region: '' } });
			expect(fake.state.requests.map((r) => r.headers['x-lead-region'])).toEqual([undefined, undefined]);
		});

		it('includes a form\'s test lead when TikTok puts it in the download, and not when it does not', async () => {
			const created = await run({ resource: 'apiCall', operation: 'make', api: 'business', method: 'POST', url: '/v1.3/page/lead/mock/create/', body: JSON.stringify({ advertiser_id: ADV1, page_id: FORM_NEWSLETTER }) });
			expect(created.error).toBeUndefined();
			const testLeadId = String(((created.items[0].json.meta_data ?? {}) as IDataObject).lead_id);
			const form = { formId: rl(FORM_NEWSLETTER) };
			expect((await getLeads(form)).items.map((i) => i.json.lead_id)).toContain(testLeadId);
			configureLeads(fake, { checksUntilReady: 0, testLeadsInDownload: false });
			const without = (await getLeads(form)).items.map((i) => i.json.lead_id);
			expect(without).not.toContain(testLeadId);
			expect(without).toHaveLength(2);
		});
	});

	describe('bad input and errors', () => {
		it('a date range ending before it starts is refused before any request, naming the fields', async () => {
			const { error } = await getLeads({ filters: { createdAfter: '2026-11-02T00:00:00Z', createdBefore: '2026-11-01T00:00:00Z' } });
			expect(error?.message).toMatch(/"Created Before" filter is earlier than "Created After"/);
			expect(fake.state.requests).toHaveLength(0);
		});

		it('a malformed form ID is refused before any request, naming the field', async () => {
			const { error } = await getLeads({ formId: rl('form-12') });
			expect(error?.message).toMatch(/Not a valid TikTok instant form ID \(digits only\)/);
			expect(fake.state.requests).toHaveLength(0);
		});

		it('a form of another advertiser is a clear error naming the form and the advertiser', async () => {
			const { error } = await getLeads({ formId: rl(FORM_COFFEE) });
			expect(error?.name).toBe('NodeApiError');
			expect(error?.message).toMatch(`The instant form ${FORM_COFFEE} is not a form of advertiser ${ADV1}`);
			expect((error as NodeApiError).context.tiktokCode).toBe(40002);
			expect(fake.state.requestsTo(DOWNLOAD_PATH)).toHaveLength(0);
			const form = await run({ resource: 'leadForm', operation: 'get', advertiserId: rl(ADV2), formId: rl(FORM_DRIVE) });
			expect(form.error?.message).toMatch(/does not belong to advertiser 7000000000000000002/);
		});

		it('a file that is not a lead export (TikTok may write an error into the CSV) is a clear error', async () => {
			const notLeads = { path: '/page/lead/task/download/', httpStatus: 200, text: 'error_code,error_message\r\n40002,Task expired\r\n' };
			fake.state.failNext(notLeads);
			const { error } = await getLeads();
			expect(error?.message).toBe(`TikTok's lead file for form ${FORM_DRIVE} could not be read: its header has no lead ID column`);
		});

		it('errors while fetching leads never contain lead answers (download failure, unreadable file), also as error items', async () => {
			const lead = addLead(fake, FORM_DRIVE, { createdSec: Math.floor(Date.now() / 1000) - 5, answers: { Name: 'Zelda Secretname', 'Comments, if any': 'my private note' } });
			const personal = [lead.answers.Name, lead.answers.Email, lead.answers['Phone number'], 'my private note'];
			const leaks = (value: unknown) => personal.filter((p) => JSON.stringify(value ?? null).includes(p));

			// TikTok refuses the download (in-band error).
			fake.state.failNext({ path: '/page/lead/task/download/', code: 40001, message: 'No permission to operate advertiser.' });
			const failed = await getLeads({}, { continueOnFail: true });
			expect(failed.items[0].json).toMatchObject({ error: 'TikTok: No permission to operate advertiser.', code: 40001 });
			expect(leaks(failed.items)).toEqual([]);
			fake.state.clearFaults();

			// TikTok answers with a broken CSV holding the lead: the node says where it broke, not what it holds.
			const broken = `lead_id,created_time,Name\r\n${lead.lead_id},2026-11-01 00:00:00,"${lead.answers.Name}, ${lead.answers.Email}, ${lead.answers['Phone number']} my private note`;
			// (The fake's queued failures send `text` as the body.)
			const brokenAnswer = { path: '/page/lead/task/download/', httpStatus: 200, text: broken };
			fake.state.failNext(brokenAnswer);
			const unreadable = await getLeads();
			expect(unreadable.error?.message).toMatch(/could not be read: a quoted field of row 2 is never closed/);
			expect(leaks({ message: unreadable.error?.message, description: unreadable.error?.description, context: (unreadable.error as NodeApiError)?.context })).toEqual([]);
			expectNoSecrets(fake, [failed.items]);
		});
	});
});
