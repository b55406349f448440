import type { IDataObject, INode } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { secondsToTikTokTime, tikTokTimeToSeconds } from '../../helpers/time';
import type { TaskState, TikTokFile, TikTokFunctions } from '../../transport';
import { businessAwaitTask, businessDownload, businessRequest, tikTokCodeOf } from '../../transport';
import { LeadFileError, isZip, parseCsv, unzipFile } from './csv';

/**
 * Fetching the leads of an instant form (contract §8.3): create a lead download task, wait for it, download its file
 * (CSV, zipped CSV, or JSON) and read it into one record per lead. Shared by `lead.getMany` and the trigger's
 * `leadReceived`. Lead answers are personal data: no error made here ever contains them.
 */

const TASK_PATH = '/page/lead/task/';
const DOWNLOAD_PATH = '/page/lead/task/download/';

/** TikTok's metadata columns (contract §8.3, names UNCONFIRMED) → the item's field; everything else is an answer. */
const META_ALIASES: Record<string, string> = {
	lead_id: 'lead_id',
	id: 'lead_id',
	created_time: 'create_time',
	create_time: 'create_time',
	form_id: 'form_id',
	page_id: 'form_id',
	form_name: 'form_name',
	page_name: 'form_name',
	ad_id: 'ad_id',
	ad_name: 'ad_name',
	adgroup_id: 'adgroup_id',
	ad_group_id: 'adgroup_id',
	adgroup_name: 'adgroup_name',
	ad_group_name: 'adgroup_name',
	campaign_id: 'campaign_id',
	campaign_name: 'campaign_name',
	lead_source: 'lead_source',
};

/** The metadata a simplified lead keeps next to its answers. */
export const SIMPLIFIED_META = ['lead_id', 'create_time', 'form_id', 'ad_id', 'ad_name', 'campaign_id', 'campaign_name'];
const ALL_META = new Set(Object.values(META_ALIASES));

/** `Lead ID` / `lead_id` / `LEAD-ID` → `lead_id`, to recognize TikTok's metadata columns. */
function metaKey(header: string): string | undefined {
	return META_ALIASES[header.trim().toLowerCase().replace(/[\s-]+/g, '_')];
}

/** IDs as written for spreadsheets (`'123`, `="123"`, padded) → the digits. */
function cleanId(value: string): string {
	const text = value.trim();
	const formula = /^="(.*)"$/.exec(text);
	return (formula ? formula[1] : text.replace(/^'/, '')).trim();
}

export interface LeadRecord {
	id: string;
	/** Creation time, Unix seconds (undefined when TikTok's file has none readable). */
	time?: number;
	/** The item: TikTok's metadata (`lead_id`, `create_time` as `YYYY-MM-DD HH:MM:SS` UTC, ...) and one field per question. */
	json: IDataObject;
}

function record(meta: IDataObject, answers: IDataObject): LeadRecord | undefined {
	const id = meta.lead_id === undefined || meta.lead_id === null ? '' : cleanId(String(meta.lead_id));
	if (!/^\d+$/.test(id)) return undefined;
	const json: IDataObject = { lead_id: id };
	const time = tikTokTimeToSeconds(meta.create_time);
	for (const key of ALL_META) {
		if (key === 'lead_id' || meta[key] === undefined) continue;
		json[key] = key.endsWith('_id') ? cleanId(String(meta[key])) : meta[key];
	}
	if (time !== undefined) json.create_time = secondsToTikTokTime(time);
	Object.assign(json, answers);
	return { id, time, json };
}

/** Records from CSV rows: the header names the columns, metadata columns are recognized, the rest are answers. */
function fromCsv(rows: string[][]): LeadRecord[] {
	if (rows.length === 0) return [];
	const [header, ...body] = rows;
	const columns = header.map((name) => ({ name: name.trim(), meta: metaKey(name) }));
	if (!columns.some((c) => c.meta === 'lead_id')) {
		throw new LeadFileError('its header has no lead ID column');
	}
	const records: LeadRecord[] = [];
	for (const row of body) {
		if (row.length === 1 && row[0].trim() === '') continue;
		const meta: IDataObject = {};
		const answers: IDataObject = {};
		columns.forEach((column, index) => {
			const value = row[index] ?? '';
			if (column.meta) meta[column.meta] = value;
			else if (column.name !== '') answers[column.name] = value;
		});
		const lead = record(meta, answers);
		if (lead) records.push(lead);
	}
	return records;
}

/** Records from a JSON delivery: `leads` / `list` of `{lead_data, meta_data}` (the shape of TikTok's lead objects) or flat. */
function fromJson(data: IDataObject): LeadRecord[] {
	const list = (Array.isArray(data.leads) ? data.leads : Array.isArray(data.list) ? data.list : []) as IDataObject[];
	const records: LeadRecord[] = [];
	for (const entry of list) {
		const metaSource = (entry.meta_data ?? entry) as IDataObject;
		const answers = (entry.lead_data ?? {}) as IDataObject;
		const meta: IDataObject = {};
		for (const [key, value] of Object.entries(metaSource)) {
			const canonical = metaKey(key);
			if (canonical) meta[canonical] = value;
		}
		const lead = record(meta, { ...answers });
		if (lead) records.push(lead);
	}
	return records;
}

/** Reads a downloaded lead file into records (CSV, zipped CSV, or a JSON envelope's data). */
export async function readLeadFile(file: TikTokFile): Promise<LeadRecord[]> {
	if (file.data) return fromJson(file.data);
	const bytes = isZip(file.body) ? await unzipFile(file.body, '.csv') : file.body;
	return fromCsv(parseCsv(bytes.toString('utf8')));
}

function regionHeaders(region?: string): IDataObject | undefined {
	return region ? { 'x-lead-region': region } : undefined;
}

function taskState(data: IDataObject): TaskState {
	const status = String(data.status ?? '');
	if (status === 'SUCCEED') return { state: 'done' };
	if (status === 'FAILED') return { state: 'failed', reason: 'TikTok reports the task as FAILED' };
	return { state: 'running' };
}

/** Codes TikTok answers a form it does not find in the advertiser with (contract §8.3 UNCONFIRMED 7). */
const FORM_REFUSED_CODES = new Set<number | string>([40002, 40007]);

export interface FormLeadsRequest {
	advertiserId: string;
	formId: string;
	/** `x-lead-region` (`eu`, `us`), or none for the rest of the world. */
	region?: string;
	itemIndex?: number;
}

/** Every lead of a form TikTok has now (one task: create, check until ready, download). */
export async function fetchFormLeads(this: TikTokFunctions, request: FormLeadsRequest): Promise<LeadRecord[]> {
	const node = this.getNode();
	const { advertiserId, formId, itemIndex } = request;
	const headers = regionHeaders(request.region);
	let task: IDataObject;
	try {
		task = await businessRequest.call(this, {
			method: 'POST',
			path: TASK_PATH,
			body: { advertiser_id: advertiserId, page_id: formId },
			headers,
			// Creating an export twice is harmless: it only costs a request.
			idempotent: true,
			itemIndex,
		});
	} catch (error) {
		throw formRefused(node, error, advertiserId, formId);
	}
	const taskId = String(task.task_id ?? '');
	if (!/^\d+$/.test(taskId)) {
		throw new NodeOperationError(node, 'TikTok did not return a lead download task ID', { itemIndex });
	}
	if (taskState(task).state !== 'done') {
		if (taskState(task).state === 'failed') {
			throw new NodeOperationError(node, `The lead download task for form ${formId} failed: TikTok reports the task as FAILED`, { itemIndex });
		}
		await businessAwaitTask.call(
			this,
			{ method: 'POST', path: TASK_PATH, body: { advertiser_id: advertiserId, task_id: taskId }, headers, idempotent: true, itemIndex },
			taskState,
			undefined,
			`lead download task for form ${formId}`,
		);
	}
	const file = await businessDownload.call(this, {
		method: 'GET',
		path: DOWNLOAD_PATH,
		qs: { advertiser_id: advertiserId, task_id: taskId },
		headers,
		itemIndex,
	});
	let records: LeadRecord[] | undefined;
	let problem = 'its content is not in a format the node knows';
	try {
		records = await readLeadFile(file);
	} catch (error) {
		// Only the reader's own messages are shown: they say where, never what (the file holds personal data).
		if (error instanceof LeadFileError) problem = error.message;
	}
	if (!records) {
		throw new NodeOperationError(node, `TikTok's lead file for form ${formId} could not be read: ${problem}`, {
			itemIndex,
			description: 'The node reads CSV, zipped CSV and JSON lead files. The file\'s content is not shown because it holds personal data.',
		});
	}
	return records;
}

/** TikTok refusing the form: say which form and advertiser, keep TikTok's message and code. */
function formRefused(node: INode, error: unknown, advertiserId: string, formId: string): unknown {
	if (!(error instanceof NodeApiError) || !FORM_REFUSED_CODES.has(tikTokCodeOf(error) ?? '')) return error;
	error.message = `The instant form ${formId} is not a form of advertiser ${advertiserId}, or its leads cannot be downloaded with this token (${error.message})`;
	error.description = `Pick the form from the list of the advertiser's forms, or check its ID. Only admins of the ad account may download its leads. ${error.description ?? ''}`.trim();
	return error;
}

/** Keeps the fields of a simplified lead: its answers and the metadata a person reads first. */
export function simplifyLead(json: IDataObject): IDataObject {
	const out: IDataObject = {};
	for (const [key, value] of Object.entries(json)) {
		if (!ALL_META.has(key) || SIMPLIFIED_META.includes(key)) out[key] = value;
	}
	return out;
}
