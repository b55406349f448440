/* eslint-disable @n8n/community-nodes/no-restricted-globals -- a test, not node code: its own rules are test/eslint.config.mjs */
import { runTikTokNode } from '../harness/engine';
import { businessCredential, useFake } from '../harness/fake';
import { ADV1, DOWNLOAD_PATH, FORM_DRIVE, FORM_NEWSLETTER, PAGE_GET, TASK_PATH, addLead, configureLeads, crc32, leadsOf, moveToLibrary, rl, zipOne, zipParts } from './helpers';

const HEADER = 'lead_id,created_time,ad_id,form_id';
const row = (id: number, extra = '') => `74100000009${String(id).padStart(8, '0')},2026-11-01 10:00:00,1790000000000000001,${FORM_DRIVE}${extra}`;

describe('Lead files: bounded, every part, checked, any encoding (issue 23 items 1, 3, 8)', () => {
	const fake = useFake({}, { perTest: true });
	beforeEach(() => configureLeads(fake, { checksUntilReady: 0 }));

	const getLeads = async (parameters: Record<string, unknown> = {}) =>
		await runTikTokNode({
			parameters: { resource: 'lead', operation: 'getMany', advertiserId: rl(ADV1), formId: rl(FORM_DRIVE), returnAll: true, options: { region: '' }, ...parameters } as never,
			credentials: [businessCredential(fake)],
		});

	it('a 255 KB zip inflating to 256 MB (its headers claiming 100 bytes) is refused, naming the bound, with RSS growing < 200 MB', async () => {
		const bomb = zipParts([{ name: 'leads.csv', data: Buffer.alloc(256 * 1024 * 1024), claimedSize: 100, crc: 0 }]);
		expect(bomb.length).toBeLessThan(300 * 1024);
		configureLeads(fake, { checksUntilReady: 0, rawFile: bomb });
		const before = process.memoryUsage().rss;
		const { error } = await getLeads();
		const growth = process.memoryUsage().rss - before;
		expect(error?.message).toMatch(/could not be read: a field of row 1 is longer than 65,536 characters \(the node's bound for one answer\)/);
		expect(growth).toBeLessThan(200 * 1024 * 1024);

		// Valid rows past the inflated-size bound: refused at the bound (128 MB), whatever the header claims.
		const line = `${row(1, ',' + 'x'.repeat(60_000))}\r\n`;
		const body = Buffer.alloc(140 * 1024 * 1024 - (140 * 1024 * 1024) % line.length, line);
		const many = zipParts([{ name: 'leads.csv', data: Buffer.concat([Buffer.from(`${HEADER},Note\r\n`), body]), claimedSize: 10, crc: 0, level: 1 }]);
		configureLeads(fake, { checksUntilReady: 0, rawFile: many });
		const big = await getLeads();
		expect(big.error?.message).toMatch(/inflates to more than 128 MB \(the node's bound for one lead file\)/);
	});

	it.each([
		['its Content-Length says so: the node hangs up without reading it', false, 80, 16],
		['sent chunked, without Content-Length: the node hangs up at the bound', true, 160, 96],
	])('a lead file over the 64 MB download bound is never held whole: %s', async (_how, chunked, fileMiB, mostMiB) => {
		const lines = Buffer.from(`${row(1, ',' + 'y'.repeat(1000))}\r\n`);
		const file = Buffer.concat([Buffer.from(`${HEADER},Note\r\n`), Buffer.alloc(fileMiB * 1024 * 1024, lines)]);
		configureLeads(fake, { checksUntilReady: 0, rawFile: file, chunkedDownload: chunked });
		const { error } = await getLeads();
		expect(error?.message).toMatch(
			/lead file for form \d+ could not be read: it is larger than 64 MB \(the node's bound for one download\); read one Lead Region at a time/,
		);
		expect(fake.state.requests.filter((r) => r.path.endsWith(DOWNLOAD_PATH))).toHaveLength(1);
		// The fake saw the node hang up: the file was not all sent, and what was (what the node read, plus up to ~40 MB
		// of the loopback connection's buffers: 4 MB here, 8 MB past the bound) stays well below the file.
		await new Promise((resolve) => setTimeout(resolve, 200));
		const sent = (fake.state.sent as Record<string, { bytes: number; finished: boolean }>).leadDownload;
		expect(sent.finished).toBe(false);
		expect(sent.bytes).toBeLessThan(mostMiB * 1024 * 1024);
	});

	it('a file with more leads than the row bound is refused, saying how to narrow the request', async () => {
		const lines = ['lead_id'];
		for (let n = 0; n < 300_001; n++) lines.push(`741${String(n).padStart(16, '0')}`);
		configureLeads(fake, { checksUntilReady: 0, rawFile: zipOne('leads.csv', Buffer.from(lines.join('\n'))) });
		const { error } = await getLeads();
		expect(error?.message).toMatch(/holds more than 300,000 leads \(the node's bound for one lead file\); read one Lead Region at a time/);
	});

	it('reads every CSV part of a zip, checks each CRC-32, and refuses a damaged one', async () => {
		const part1 = Buffer.from(`${HEADER},Email\r\n${row(1, ',a@example.com')}\r\n${row(2, ',b@example.com')}\r\n`);
		const part2 = Buffer.from(`${HEADER},Email\r\n${row(3, ',c@example.com')}\r\n`);
		configureLeads(fake, { checksUntilReady: 0, rawFile: zipParts([{ name: 'leads_1.csv', data: part1 }, { name: 'leads_2.csv', data: part2 }]) });
		const { items, error } = await getLeads();
		expect(error).toBeUndefined();
		expect(items.map((i) => i.json.Email).sort()).toEqual(['a@example.com', 'b@example.com', 'c@example.com']);

		configureLeads(fake, { checksUntilReady: 0, rawFile: zipParts([{ name: 'leads.csv', data: part1, crc: (crc32(part1) ^ 1) >>> 0 }]) });
		const damaged = await getLeads();
		expect(damaged.error?.message).toMatch(/the zip entry leads.csv fails its CRC-32 check/);
		expect(damaged.error?.message).not.toContain('a@example.com');
	});

	it('a Latin-1 export is recognised and read as Latin-1; UTF-8 with or without byte order mark stays UTF-8', async () => {
		const text = `${HEADER},Name,City\r\n${row(1, ',Jürgen Müller,São Paulo')}\r\n`;
		for (const [body, label] of [
			[Buffer.from(text, 'latin1'), 'Latin-1'],
			[Buffer.from(text, 'utf8'), 'UTF-8'],
			[Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]), 'UTF-8 with BOM'],
			[zipOne('leads.csv', Buffer.from(text, 'latin1')), 'zipped Latin-1'],
		] as const) {
			configureLeads(fake, { checksUntilReady: 0, rawFile: body });
			const { items, error } = await getLeads();
			expect([label, error]).toEqual([label, undefined]);
			expect([label, items[0].json.Name, items[0].json.City]).toEqual([label, 'Jürgen Müller', 'São Paulo']);
		}
	});

	it.each([
		['snake case', 'lead_id,created_time,ad_id,form_id'],
		['titles', 'Lead ID,Created Time,Ad ID,Form ID'],
	])('answers never overwrite a lead\'s identity (%s metadata headers): colliding labels get their own key, duplicates both stay', async (_name, header) => {
		const csv = `${header},ID,lead_id,Created Time,create_time,Email,Email\r\n74100000000000000077,2026-11-01 10:00:00,1790000000000000001,${FORM_DRIVE},AB-778812,445566,tomorrow,yesterday,first@example.com,second@example.com\r\n`;
		configureLeads(fake, { checksUntilReady: 0, rawFile: Buffer.from(csv) });
		const { items, error } = await getLeads({ simplify: false });
		expect(error).toBeUndefined();
		expect(items).toHaveLength(1);
		expect(items[0].json).toMatchObject({
			lead_id: '74100000000000000077',
			create_time: '2026-11-01 10:00:00',
			ad_id: '1790000000000000001',
			form_id: FORM_DRIVE,
			ID: 'AB-778812',
			'lead_id (question)': '445566',
			'create_time (question)': 'yesterday',
			Email: 'first@example.com',
			'Email (2)': 'second@example.com',
		});
		expect(Object.values(items[0].json)).toContain('tomorrow');
	});

	it('a form with 130,000 leads returns every item', async () => {
		const now = Math.floor(Date.now() / 1000) - 3600;
		const seeded = leadsOf(fake, FORM_NEWSLETTER).length;
		for (let n = 0; n < 130_000 - seeded; n++) addLead(fake, FORM_NEWSLETTER, { createdSec: now + (n % 3000) });
		const { items, error } = await getLeads({ formId: rl(FORM_NEWSLETTER) });
		expect(error).toBeUndefined();
		expect(items).toHaveLength(130_000);
		expect(new Set(items.map((i) => i.json.lead_id)).size).toBe(130_000);
	}, 120_000);
});

describe('Leads of every region and form library (issue 24 items 1-3), against a fake enforcing the sources', () => {
	const fake = useFake({}, { perTest: true });
	beforeEach(() => configureLeads(fake, { checksUntilReady: 1 }));

	const run = async (parameters: Record<string, unknown>) =>
		await runTikTokNode({ parameters: parameters as never, credentials: [businessCredential(fake)] });
	const getLeads = async (parameters: Record<string, unknown> = {}) =>
		await run({ resource: 'lead', operation: 'getMany', advertiserId: rl(ADV1), formId: rl(FORM_DRIVE), returnAll: true, ...parameters });

	const addRegional = () => {
		const t = Math.floor(Date.now() / 1000) - 600;
		return {
			world: addLead(fake, FORM_DRIVE, { createdSec: t, region: '' }),
			eu: addLead(fake, FORM_DRIVE, { createdSec: t + 1, region: 'eu' }),
			us: addLead(fake, FORM_DRIVE, { createdSec: t + 2, region: 'us' }),
		};
	};

	it.each([true, false])('by default Get Many returns the rest-of-world, EEA and US leads of a form, each once with its region (checks name the form: strict %s)', async (strict) => {
		configureLeads(fake, { checksUntilReady: 1, checkNeedsForm: strict });
		const { world, eu, us } = addRegional();
		const { items, error } = await getLeads();
		expect(error).toBeUndefined();
		const region = new Map(items.map((i) => [i.json.lead_id, i.json.region]));
		expect(region.get(world.lead_id)).toBe('rest_of_world');
		expect(region.get(eu.lead_id)).toBe('eu');
		expect(region.get(us.lead_id)).toBe('us');
		expect(items).toHaveLength(new Set(items.map((i) => i.json.lead_id)).size);
		expect(items).toHaveLength(leadsOf(fake, FORM_DRIVE).length);
		// One task per region (create and check), each check naming the form.
		const tasks = fake.state.requestsTo(TASK_PATH);
		expect(tasks.map((r) => r.headers['x-lead-region'])).toEqual([undefined, undefined, 'eu', 'eu', 'us', 'us']);
		expect(tasks.every((r) => (r.body as { page_id?: string }).page_id === FORM_DRIVE)).toBe(true);
	});

	it('"United States" alone returns only the US leads; a fake without region separation returns everything', async () => {
		const { us } = addRegional();
		const { items } = await getLeads({ options: { region: 'us' } });
		expect(items.map((i) => i.json.lead_id)).toEqual([us.lead_id]);
		expect(items[0].json.region).toBe('us');
		configureLeads(fake, { checksUntilReady: 0, regionSeparation: false });
		expect((await getLeads({ options: { region: 'us' } })).items.length).toBe(leadsOf(fake, FORM_DRIVE).length);
	});

	it('a form in a form library is listed and read with its Form Library ID (library_id in place of advertiser_id)', async () => {
		const library = '7300000000000000001';
		moveToLibrary(fake, FORM_DRIVE, library);
		// Strict (the sources): by advertiser the form is gone.
		const refused = await getLeads({ options: { region: '' } });
		expect(refused.error?.message).toMatch(`The instant form ${FORM_DRIVE} is not a form of advertiser ${ADV1}`);
		expect(refused.error?.description).toMatch(/Form Library ID/);
		fake.state.clearRequests();

		const { items, error } = await getLeads({ options: { libraryId: library, region: '' } });
		expect(error).toBeUndefined();
		expect(items).toHaveLength(leadsOf(fake, FORM_DRIVE).length);
		expect(items[0].json.library_id).toBe(library);
		for (const r of fake.state.requestsTo(TASK_PATH)) expect(r.body).toMatchObject({ library_id: library, page_id: FORM_DRIVE });
		for (const r of fake.state.requestsTo(TASK_PATH)) expect(r.body).not.toHaveProperty('advertiser_id');
		expect(fake.state.requestsTo(DOWNLOAD_PATH)[0].query).toMatchObject({ library_id: library });
		expect(fake.state.requestsTo(DOWNLOAD_PATH)[0].query).not.toHaveProperty('advertiser_id');

		const forms = await run({ resource: 'leadForm', operation: 'getMany', advertiserId: rl(ADV1), returnAll: true, options: { libraryId: library } });
		expect(forms.items.map((i) => i.json.page_id)).toEqual([FORM_DRIVE]);
		expect(fake.state.requestsTo(PAGE_GET).at(-1)!.query).toMatchObject({ library_id: library });

		// Where the library rule is not enforced, the advertiser still reaches it.
		configureLeads(fake, { checksUntilReady: 0, libraryStrict: false });
		expect((await getLeads({ options: { region: '' } })).error).toBeUndefined();
	});

	it('a Form Library ID that is not digits is refused before any request, naming the field', async () => {
		const { error } = await getLeads({ options: { libraryId: 'lib-1' } });
		expect(error?.message).toMatch(/Form Library ID/);
		expect(fake.state.requests).toHaveLength(0);
	});
});
