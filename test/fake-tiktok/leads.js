'use strict';
// TikTok API for Business lead generation (docs/tiktok-contract.md §8): instant forms (`/page/get/`), a form's fields
// (`/page/field/get/`), the lead download task (`POST /page/lead/task/` to create and to check, `GET
// /page/lead/task/download/` for the CSV or zip file), and test leads (`/page/lead/mock/create|get|delete/`).
// What the sources leave open is a switch in `state.leadConfig` (set with `POST /__fake/leads/config`):
//   format            'csv' (default) | 'zip' | 'json'   how the download is delivered (§8.3 UNCONFIRMED 1)
//   zipAboveBytes     10 MB                              CSV larger than this is zipped (as documented)
//   bom               true                               UTF-8 byte order mark before the CSV header (UNCONFIRMED 3)
//   timeFormat        'text' | 'unix'                    `created_time` as `YYYY-MM-DD HH:MM:SS` UTC or Unix seconds
//   columnNames       'snake' | 'title'                  metadata headers `lead_id`… or `Lead ID`… (names UNCONFIRMED)
//   checksUntilReady  1                                  checks answered RUNNING/CREATED before SUCCEED (0: ready at once)
//   testLeadsInDownload true                             whether a form's test lead is in its download
//   failTasks         false                              every task ends FAILED
//   rawFile           undefined                          in-process tests: a Buffer every download answers with (a zip
//                                                        when it starts with "PK"), to test what TikTok could send
//   chunkedDownload   false                              the file sent chunked, without Content-Length (HTTP allows
//                                                        both; TikTok's choice is not documented)
// Rules a source states are enforced by default, with a switch to relax them (tests run both ways):
//   checkNeedsForm    true    a task check must name the form (page_id) or ad too (bububa model/page/lead/task.go l.24/31)
//   regionSeparation  true    a task reads only the leads of its x-lead-region (none: rest of the world; task.go l.41-43)
//   libraryStrict     true    a form moved to a form library is reached by library_id only, in place of advertiser_id
//                             (bububa model/page/get.go, task.go l.13-18); false: the advertiser still reaches it too
const zlib = require('node:zlib');

const { BusinessError, advertiserParam, businessRoute, paginate } = require('./business');
const { tikTokTime } = require('./data');

const DEFAULT_CONFIG = {
	format: 'csv',
	zipAboveBytes: 10 * 1024 * 1024,
	bom: true,
	timeFormat: 'text',
	columnNames: 'snake',
	checksUntilReady: 1,
	testLeadsInDownload: true,
	failTasks: false,
	checkNeedsForm: true,
	regionSeparation: true,
	libraryStrict: true,
	rawFile: undefined,
	chunkedDownload: false,
};

/** The metadata columns of a download, in order (§8.3, names as seen in production code; UNCONFIRMED). */
const META_COLUMNS = ['lead_id', 'created_time', 'ad_id', 'ad_name', 'adgroup_id', 'adgroup_name', 'campaign_id', 'campaign_name', 'form_id', 'form_name'];
/** The same columns as a spreadsheet export would title them (the `columnNames: 'title'` switch). */
const TITLE_COLUMNS = ['Lead ID', 'Created Time', 'Ad ID', 'Ad Name', 'Ad Group ID', 'Ad Group Name', 'Campaign ID', 'Campaign Name', 'Form ID', 'Form Name'];

const FORM_SEEDS = [
	{ advertiser: 0, title: 'Spring test drive', status: 'PUBLISHED', questions: ['Name', 'Email', 'Phone number', 'Comments, if any'], leads: 5 },
	{ advertiser: 0, title: 'Newsletter sign-up', status: 'PUBLISHED', questions: ['Email', 'Country'], leads: 2 },
	{ advertiser: 0, title: 'Autumn offer (draft)', status: 'EDITED', questions: ['Name', 'Email'], leads: 0 },
	{ advertiser: 1, title: 'Coffee tasting invite', status: 'PUBLISHED', questions: ['Name', 'Email', 'Favourite roast'], leads: 3 },
];

const FIRST_NAMES = ['Ana', 'Ben', 'Chen', 'Dara', 'Eli', 'Femi', 'Gus', 'Hana', 'Ivo', 'Jun'];

function buildLeadWorld(world, base = Date.parse('2026-10-01T00:00:00Z')) {
	const forms = [];
	const leads = [];
	FORM_SEEDS.forEach((seed, index) => {
		const advertiser = world.advertisers[seed.advertiser];
		const created = base + index * 86_400_000;
		forms.push({
			page_id: `74000000000000001${String(index + 1).padStart(2, '0')}`,
			advertiser_id: advertiser.advertiser_id,
			title: seed.title,
			status: seed.status,
			create_time: tikTokTime(created),
			update_time: tikTokTime(created + 3_600_000),
			publish_time: seed.status === 'PUBLISHED' ? tikTokTime(created + 7_200_000) : '',
			preview_url: seed.status === 'PUBLISHED' ? `https://www.tiktok.com/instant/${index + 1}` : '',
			template_id: '0',
			template_name: 'Lead generation',
			supported_objectives: ['LEAD_GENERATION'],
			thumbnail: '',
			destination_urls: [],
			transfer_status: 'UNSET',
			user_id: '6900000000000000001',
			is_associated: false,
			duplicate_id: '',
			__questions: seed.questions,
			__testLeadId: undefined,
		});
	});
	const store = { forms, leads, tasks: new Map(), nextLead: 1, nextTask: 1, libraries: new Map() };
	FORM_SEEDS.forEach((seed, index) => {
		for (let i = 0; i < seed.leads; i++) {
			addLead(world, store, forms[index].page_id, { created: base + 30 * 86_400_000 + index * 3_600_000 + i * 60_000 });
		}
	});
	return store;
}

/** Answers for a form's questions, made up from the lead's number (or the given ones). */
function answersFor(form, number, given = {}) {
	const name = `${FIRST_NAMES[number % FIRST_NAMES.length]} Lead${number}`;
	const answers = {};
	for (const question of form.__questions) {
		if (given[question] !== undefined) answers[question] = String(given[question]);
		else if (/name/i.test(question)) answers[question] = name;
		else if (/mail/i.test(question)) answers[question] = `lead${number}@example.com`;
		else if (/phone/i.test(question)) answers[question] = `+1555${String(number).padStart(7, '0')}`;
		else answers[question] = `answer ${number}`;
	}
	return answers;
}

/**
 * Adds a lead to a form: `created` (ms, default now), `answers` (by question), `adId` (default: the advertiser's
 * first ad), `test` (a test lead). Returns it.
 */
function addLead(world, store, pageId, { created, answers, adId, test = false, region = '', createdText } = {}) {
	const form = store.forms.find((f) => f.page_id === String(pageId));
	if (!form) throw new Error(`unknown form ${pageId}`);
	const ad = world.ads.find((a) => (adId ? a.ad_id === String(adId) : a.advertiser_id === form.advertiser_id));
	const campaign = ad && world.campaigns.find((c) => c.campaign_id === ad.campaign_id);
	const adgroup = ad && world.adgroups.find((g) => g.adgroup_id === ad.adgroup_id);
	const number = store.nextLead++;
	const lead = {
		lead_id: `74100000000${String(number).padStart(8, '0')}`,
		created: Math.floor((created ?? Date.now()) / 1000) * 1000,
		page_id: form.page_id,
		advertiser_id: form.advertiser_id,
		ad_id: ad?.ad_id ?? '',
		ad_name: ad?.ad_name ?? '',
		adgroup_id: adgroup?.adgroup_id ?? '',
		adgroup_name: adgroup?.adgroup_name ?? '',
		campaign_id: campaign?.campaign_id ?? '',
		campaign_name: campaign?.campaign_name ?? '',
		test,
		region,
		// A creation time written as given (e.g. one that cannot be read), instead of TikTok's usual format.
		createdText,
		answers: answersFor(form, number, answers),
	};
	store.leads.push(lead);
	return lead;
}

function csvField(value) {
	const text = String(value ?? '');
	return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The download file of a task: CSV (RFC 4180, CRLF) of metadata columns and one column per question. */
function renderCsv(config, form, leads) {
	const header = [...(config.columnNames === 'title' ? TITLE_COLUMNS : META_COLUMNS), ...form.__questions];
	const rows = leads.map((lead) => [
		lead.lead_id,
		lead.createdText ?? (config.timeFormat === 'unix' ? String(lead.created / 1000) : tikTokTime(lead.created)),
		lead.ad_id,
		lead.ad_name,
		lead.adgroup_id,
		lead.adgroup_name,
		lead.campaign_id,
		lead.campaign_name,
		form.page_id,
		form.title,
		...form.__questions.map((q) => lead.answers[q] ?? ''),
	]);
	const text = [header, ...rows].map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
	return (config.bom ? '\ufeff' : '') + text;
}

function leadObject(lead, config) {
	return {
		lead_data: { ...lead.answers },
		meta_data: {
			lead_id: lead.lead_id,
			lead_source: 'INSTANT_FORM',
			page_id: lead.page_id,
			ad_id: lead.ad_id,
			ad_name: lead.ad_name,
			adgroup_id: lead.adgroup_id,
			adgroup_name: lead.adgroup_name,
			campaign_id: lead.campaign_id,
			campaign_name: lead.campaign_name,
			create_time: config.timeFormat === 'unix' ? lead.created / 1000 : tikTokTime(lead.created),
		},
	};
}

/** CRC-32 as zip writes it (node's zlib, Node >= 20.15 as the package requires). */
function crc32(buffer) {
	return zlib.crc32(buffer);
}

/**
 * A zip archive (PKWARE APPNOTE) of deflated files. Tests may make its headers lie: `claimedSize` (the inflated
 * size written in both headers) and `crc`; `level` is the deflate level (9 by default).
 */
function zipParts(parts) {
	const locals = [];
	const centrals = [];
	let offset = 0;
	for (const part of parts) {
		const name = Buffer.from(part.name, 'utf8');
		const compressed = zlib.deflateRawSync(part.data, { level: part.level ?? 9 });
		const crc = part.crc ?? crc32(part.data);
		const size = part.claimedSize ?? part.data.length;
		const local = Buffer.alloc(30);
		local.writeUInt32LE(0x04034b50, 0);
		local.writeUInt16LE(20, 4);
		local.writeUInt16LE(0x0800, 6); // UTF-8 names
		local.writeUInt16LE(8, 8); // deflate
		local.writeUInt32LE(crc, 14);
		local.writeUInt32LE(compressed.length, 18);
		local.writeUInt32LE(size, 22);
		local.writeUInt16LE(name.length, 26);
		const central = Buffer.alloc(46);
		central.writeUInt32LE(0x02014b50, 0);
		central.writeUInt16LE(20, 4);
		central.writeUInt16LE(20, 6);
		central.writeUInt16LE(0x0800, 8);
		central.writeUInt16LE(8, 10);
		central.writeUInt32LE(crc, 16);
		central.writeUInt32LE(compressed.length, 20);
		central.writeUInt32LE(size, 24);
		central.writeUInt16LE(name.length, 28);
		central.writeUInt32LE(offset, 42);
		locals.push(local, name, compressed);
		centrals.push(central, name);
		offset += local.length + name.length + compressed.length;
	}
	const directory = Buffer.concat(centrals);
	const end = Buffer.alloc(22);
	end.writeUInt32LE(0x06054b50, 0);
	end.writeUInt16LE(parts.length, 8);
	end.writeUInt16LE(parts.length, 10);
	end.writeUInt32LE(directory.length, 12);
	end.writeUInt32LE(offset, 16);
	return Buffer.concat([...locals, directory, end]);
}

/** A zip archive holding one deflated file. */
function zipOne(fileName, data) {
	return zipParts([{ name: fileName, data }]);
}

function register(app) {
	const { state } = app;
	state.leadConfig = { ...DEFAULT_CONFIG };
	state.leadStore = buildLeadWorld(state.world);
	const store = () => state.leadStore;

	/**
	 * Who a request speaks for: `library_id` (a Business Center form library, in place of `advertiser_id`) or the
	 * advertiser. Returns `{ advertiserId }` or `{ libraryId, advertiserId }` (the library's advertiser).
	 */
	function ownerOf(ctx, grant, source) {
		const libraryId = source.library_id;
		if (libraryId !== undefined && libraryId !== '') {
			if (!/^\d+$/.test(String(libraryId))) throw new BusinessError(40002, 'library_id: Not a valid integer.');
			const advertiserId = store().libraries.get(String(libraryId));
			if (!advertiserId || !grant.advertiserIds.includes(advertiserId)) {
				throw new BusinessError(40001, `No permission to operate form library ${libraryId}.`);
			}
			return { libraryId: String(libraryId), advertiserId };
		}
		return { advertiserId: advertiserParam(ctx, grant, source.advertiser_id) };
	}

	/** Whether the owner reaches the form: its library by library_id, or its advertiser (not once in a library, strictly). */
	function reaches(owner, form) {
		if (form.__libraryId) {
			if (owner.libraryId) return owner.libraryId === form.__libraryId;
			return !state.leadConfig.libraryStrict && owner.advertiserId === form.advertiser_id;
		}
		return !owner.libraryId && owner.advertiserId === form.advertiser_id;
	}

	/** The form `page_id` of the owner, or TikTok's refusal (code UNCONFIRMED: §8.3 item 7). */
	function formOf(owner, pageId) {
		if (pageId === undefined || pageId === '') throw new BusinessError(40002, 'page_id: Missing data for required field.');
		if (!/^\d+$/.test(String(pageId))) throw new BusinessError(40002, 'page_id: Not a valid integer.');
		const form = store().forms.find((f) => f.page_id === String(pageId));
		if (!form || !reaches(owner, form)) {
			const who = owner.libraryId ? `form library ${owner.libraryId}` : `advertiser ${owner.advertiserId}`;
			throw new BusinessError(40002, `page_id ${pageId} does not exist or does not belong to ${who}.`);
		}
		return form;
	}

	function presentForm(form) {
		const out = {};
		for (const [key, value] of Object.entries(form)) if (!key.startsWith('__') && key !== 'advertiser_id') out[key] = value;
		if (form.__libraryId) out.library_id = form.__libraryId;
		return out;
	}

	businessRoute(app, 'GET', '/page/get/', (ctx, grant) => {
		const owner = ownerOf(ctx, grant, ctx.query);
		const businessType = ctx.query.business_type ?? 'LEAD_GEN';
		let forms = businessType === 'LEAD_GEN' ? store().forms.filter((f) => reaches(owner, f)) : [];
		if (ctx.query.page_status) forms = forms.filter((f) => f.status === ctx.query.page_status);
		if (ctx.query.title) forms = forms.filter((f) => f.title.includes(ctx.query.title));
		// Newest first (UNCONFIRMED order).
		forms = [...forms].sort((a, b) => (a.create_time < b.create_time ? 1 : -1));
		return paginate(ctx, forms.map(presentForm), { maxPageSize: 100 });
	});

	businessRoute(app, 'GET', '/page/field/get/', (ctx, grant) => {
		const form = formOf({ advertiserId: advertiserParam(ctx, grant) }, ctx.query.page_id);
		return {
			fields: [...form.__questions],
			meta: { page_id: form.page_id, create_time: form.create_time, page_name: form.title, page_url: form.preview_url },
		};
	});

	function leadsOfTask(task) {
		return store()
			.leads.filter((l) => l.page_id === task.pageId || (task.adId && l.ad_id === task.adId && l.advertiser_id === task.advertiserId))
			.filter((l) => l.created <= task.createdAt && (state.leadConfig.testLeadsInDownload || !l.test))
			// Without x-lead-region only the rest of the world's leads (bububa task.go l.41-43).
			.filter((l) => !state.leadConfig.regionSeparation || (l.region ?? '') === (task.region ?? ''))
			.sort((a, b) => a.created - b.created);
	}

	function taskFile(task) {
		const config = state.leadConfig;
		const form = store().forms.find((f) => f.page_id === task.pageId) ?? store().forms.find((f) => f.advertiser_id === task.advertiserId);
		const leads = leadsOfTask(task);
		if (Buffer.isBuffer(config.rawFile)) {
			const zipped = config.rawFile.readUInt32LE(0) === 0x04034b50;
			return { type: zipped ? 'zip' : 'csv', fileName: `leads_${task.taskId}.${zipped ? 'zip' : 'csv'}`, body: config.rawFile };
		}
		if (config.format === 'json') {
			return { type: 'json', json: { leads: leads.map((l) => leadObject(l, config)) } };
		}
		const csv = Buffer.from(renderCsv(config, form, leads), 'utf8');
		const fileName = `leads_${task.taskId}.csv`;
		if (config.format === 'zip' || csv.length > config.zipAboveBytes) {
			return { type: 'zip', fileName: `leads_${task.taskId}.zip`, body: zipOne(fileName, csv) };
		}
		return { type: 'csv', fileName, body: csv };
	}

	function taskStatus(task) {
		if (state.leadConfig.failTasks) return { task_id: task.taskId, status: 'FAILED' };
		if (task.checks < state.leadConfig.checksUntilReady) return { task_id: task.taskId, status: task.checks === 0 ? 'CREATED' : 'RUNNING' };
		// The file is made once, when the task is first seen finished.
		task.file ??= taskFile(task);
		const file = task.file;
		return { task_id: task.taskId, status: 'SUCCEED', file_name: file.fileName ?? `leads_${task.taskId}.json`, file_type: file.type };
	}

	// Create (no task_id) or check (task_id) a lead download task: JSON body, advertiser_id and page_id or ad_id.
	businessRoute(app, 'POST', '/page/lead/task/', (ctx, grant) => {
		const body = ctx.body ?? {};
		const owner = ownerOf(ctx, grant, body);
		const advertiserId = owner.advertiserId;
		const region = String(ctx.headers['x-lead-region'] ?? '');
		if (body.task_id !== undefined) {
			const task = store().tasks.get(String(body.task_id));
			if (!task || task.advertiserId !== advertiserId) throw new BusinessError(40002, `task_id ${body.task_id} does not exist.`);
			if (state.leadConfig.checkNeedsForm && !body.page_id && !body.ad_id) {
				throw new BusinessError(40002, 'One of page_id and ad_id is required.');
			}
			if (state.leadConfig.regionSeparation && region !== task.region) throw new BusinessError(40002, `task_id ${body.task_id} does not exist.`);
			task.checks += 1;
			return taskStatus(task);
		}
		if (!body.page_id && !body.ad_id) throw new BusinessError(40002, 'One of page_id and ad_id is required.');
		let pageId;
		if (body.page_id) pageId = formOf(owner, body.page_id).page_id;
		const adId = body.ad_id ? String(body.ad_id) : undefined;
		if (adId && !state.world.ads.some((a) => a.ad_id === adId && a.advertiser_id === advertiserId)) {
			throw new BusinessError(40002, `ad_id ${adId} does not exist.`);
		}
		const taskId = `7420000000${String(store().nextTask++).padStart(9, '0')}`;
		const task = { taskId, advertiserId, pageId, adId, checks: 0, createdAt: Date.now(), region };
		store().tasks.set(taskId, task);
		return taskStatus(task);
	});

	// The file of a finished task: not JSON (CSV, or zip when large); errors (and a JSON delivery) as the envelope.
	// The Business route wrapper (auth, queued failures, rate limits) runs first; a file it lets through is sent raw.
	const download = [];
	businessRoute({ route: (method, path, handler) => download.push(handler) }, 'GET', '/page/lead/task/download/', (ctx, grant) => {
		const advertiserId = ownerOf(ctx, grant, ctx.query).advertiserId;
		const task = store().tasks.get(String(ctx.query.task_id ?? ''));
		if (!task || task.advertiserId !== advertiserId) throw new BusinessError(40002, `task_id ${ctx.query.task_id} does not exist.`);
		if (state.leadConfig.regionSeparation && String(ctx.headers['x-lead-region'] ?? '') !== task.region) {
			throw new BusinessError(40002, `task_id ${ctx.query.task_id} does not exist.`);
		}
		if (taskStatus(task).status !== 'SUCCEED') throw new BusinessError(40201, 'The task is not finished yet.');
		const file = task.file ?? taskFile(task);
		return file.type === 'json' ? file.json : { __file: file };
	});
	app.route('GET', '/open_api/v1.3/page/lead/task/download/', async (ctx) => {
		const result = await download[0](ctx);
		const file = result.json?.code === 0 ? result.json.data?.__file : undefined;
		if (!file) return result;
		return {
			status: 200,
			track: 'leadDownload',
			text: file.body,
			headers: {
				'content-type': file.type === 'zip' ? 'application/zip' : 'text/csv; charset=utf-8',
				'content-disposition': `attachment; filename="${file.fileName}"`,
				...(state.leadConfig.chunkedDownload ? { 'transfer-encoding': 'chunked' } : {}),
			},
		};
	});

	businessRoute(app, 'POST', '/page/lead/mock/create/', (ctx, grant) => {
		const body = ctx.body ?? {};
		const advertiserId = advertiserParam(ctx, grant, body.advertiser_id);
		const form = formOf({ advertiserId }, body.page_id);
		if (form.__testLeadId) throw new BusinessError(40002, 'A test lead already exists for this form. Delete it before creating a new one.');
		const lead = addLead(state.world, store(), form.page_id, { test: true });
		form.__testLeadId = lead.lead_id;
		return leadObject(lead, state.leadConfig);
	});

	businessRoute(app, 'GET', '/page/lead/mock/get/', (ctx, grant) => {
		const advertiserId = advertiserParam(ctx, grant);
		const form = formOf({ advertiserId }, ctx.query.page_id);
		const lead = store().leads.find((l) => l.lead_id === form.__testLeadId);
		if (!lead) throw new BusinessError(40002, 'No test lead exists for this form.');
		return leadObject(lead, state.leadConfig);
	});

	// Deletes a form's test lead: by `lead_id` (research note) or `page_id` (bububa) — UNCONFIRMED which.
	businessRoute(app, 'POST', '/page/lead/mock/delete/', (ctx, grant) => {
		const body = ctx.body ?? {};
		const advertiserId = advertiserParam(ctx, grant, body.advertiser_id);
		const form = store().forms.find(
			(f) => f.advertiser_id === advertiserId && f.__testLeadId && (f.__testLeadId === String(body.lead_id) || f.page_id === String(body.page_id)),
		);
		if (!form) throw new BusinessError(40002, 'The test lead does not exist.');
		store().leads = store().leads.filter((l) => l.lead_id !== form.__testLeadId);
		form.__testLeadId = undefined;
		return {};
	});

	// Controls (not TikTok): switches, and leads added "now" or at `createTime` (TikTok's UTC text).
	app.route('POST', '/__fake/leads/config', (ctx) => {
		Object.assign(state.leadConfig, ctx.body ?? {});
		return { status: 200, json: state.leadConfig };
	});
	app.route('POST', '/__fake/leads', (ctx) => {
		const body = ctx.body ?? {};
		const pageId = String(body.page_id ?? store().forms[0].page_id);
		if (!store().forms.some((f) => f.page_id === pageId)) return { status: 400, json: { error: 'unknown form' } };
		const created = body.createTime ? Date.parse(`${String(body.createTime).replace(' ', 'T')}Z`) : Date.now();
		const leads = [];
		for (let i = 0; i < Number(body.count ?? 1); i++) {
			leads.push(addLead(state.world, store(), pageId, { created, answers: body.answers, region: body.region ?? '' }).lead_id);
		}
		return { status: 200, json: { leads } };
	});
	// Moves a form into a Business Center form library (`library_id`), owned by the form's advertiser.
	app.route('POST', '/__fake/leads/library', (ctx) => {
		const body = ctx.body ?? {};
		const form = store().forms.find((f) => f.page_id === String(body.page_id));
		if (!form || !/^\d+$/.test(String(body.library_id ?? ''))) return { status: 400, json: { error: 'unknown form or bad library_id' } };
		moveToLibrary(store(), form.page_id, String(body.library_id));
		return { status: 200, json: { page_id: form.page_id, library_id: String(body.library_id) } };
	});
	app.route('GET', '/__fake/leads/forms', () => ({
		status: 200,
		json: store().forms.map((f) => ({ page_id: f.page_id, advertiser_id: f.advertiser_id, title: f.title, questions: f.__questions })),
	}));
}

/** Moves a form into a form library (created for the form's advertiser when new). */
function moveToLibrary(store, pageId, libraryId) {
	const form = store.forms.find((f) => f.page_id === String(pageId));
	if (!form) throw new Error(`unknown form ${pageId}`);
	if (!store.libraries.has(libraryId)) store.libraries.set(libraryId, form.advertiser_id);
	form.__libraryId = libraryId;
	return form;
}

module.exports = register;
Object.assign(module.exports, { DEFAULT_CONFIG, META_COLUMNS, addLead, buildLeadWorld, moveToLibrary, renderCsv, zipOne, zipParts, crc32 });
