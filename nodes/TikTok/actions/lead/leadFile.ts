import type { IDataObject } from 'n8n-workflow';

import { secondsToTikTokTime, tikTokTimeToSeconds } from '../../helpers/time';
import type { TikTokFile } from '../../transport';
import type { CsvPartSink, LeadFileBounds, LeadFileEncoding } from './csv';
import { LEAD_FILE_BOUNDS, LeadFileError, readCsvParts } from './csv';

/**
 * A lead file (CSV parts, or TikTok's JSON lead objects) into one record per lead. A lead's identity and metadata come
 * from TikTok's metadata columns only: the columns at the start of the header whose names are exactly those TikTok's
 * export writes (contract §8.3); every column after them is a question, whatever its label. A question labelled like
 * a metadata field (`lead_id`, `ad_id`, …) is kept under `<label> (question)`, and two questions with the same label
 * both stay (`<label> (2)`). Lead answers are personal data: no error made here ever contains them.
 */

/** The metadata columns of TikTok's CSV export → the item's field (names as exported: snake case, or titles). */
const CSV_META: Record<string, string> = {
	lead_id: 'lead_id',
	created_time: 'create_time',
	create_time: 'create_time',
	ad_id: 'ad_id',
	ad_name: 'ad_name',
	adgroup_id: 'adgroup_id',
	adgroup_name: 'adgroup_name',
	campaign_id: 'campaign_id',
	campaign_name: 'campaign_name',
	form_id: 'form_id',
	form_name: 'form_name',
	page_id: 'form_id',
	page_name: 'form_name',
	lead_source: 'lead_source',
	'Lead ID': 'lead_id',
	'Created Time': 'create_time',
	'Ad ID': 'ad_id',
	'Ad Name': 'ad_name',
	'Ad Group ID': 'adgroup_id',
	'Ad Group Name': 'adgroup_name',
	'Campaign ID': 'campaign_id',
	'Campaign Name': 'campaign_name',
	'Form ID': 'form_id',
	'Form Name': 'form_name',
	'Lead Source': 'lead_source',
};

/** The keys of TikTok's JSON lead objects' `meta_data` (contract §8.4): the snake-case names. */
const JSON_META: Record<string, string> = Object.fromEntries(Object.entries(CSV_META).filter(([name]) => /^[a-z_]+$/.test(name)));

/** Every field of an item that is not an answer: TikTok's metadata and what the node adds. */
export const LEAD_META_FIELDS = new Set([
	...Object.values(CSV_META),
	'form_name',
	'advertiser_id',
	'advertiser_name',
	'library_id',
	'region',
]);

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
	/** The creation time as TikTok wrote it, when it could not be read. */
	unreadableTime?: boolean;
	/** The item: TikTok's metadata (`lead_id`, `create_time` as `YYYY-MM-DD HH:MM:SS` UTC, ...) and one field per question. */
	json: IDataObject;
}

/**
 * The keys answers are stored under: a label colliding with metadata, or with an earlier label, gets its own key. Shared
 * by lead files and the Lead Ads Trigger's deliveries.
 */
export function answerKeys(labels: string[]): string[] {
	const used = new Set<string>();
	return labels.map((label) => {
		let key = LEAD_META_FIELDS.has(label) ? `${label} (question)` : label;
		for (let n = 2; used.has(key); n++) key = `${label} (${n})`;
		used.add(key);
		return key;
	});
}

function record(meta: IDataObject, answers: Array<[string, IDataObject[string]]>): LeadRecord | undefined {
	const id = meta.lead_id === undefined || meta.lead_id === null ? '' : cleanId(String(meta.lead_id));
	if (!/^\d+$/.test(id)) return undefined;
	const json: IDataObject = { lead_id: id };
	const time = tikTokTimeToSeconds(meta.create_time);
	for (const [key, value] of Object.entries(meta)) {
		if (key === 'lead_id' || value === undefined) continue;
		json[key] = key.endsWith('_id') ? cleanId(String(value)) : value;
	}
	const unreadableTime = time === undefined;
	if (time !== undefined) json.create_time = secondsToTikTokTime(time);
	for (const [key, value] of answers) json[key] = value;
	return { id, time, unreadableTime, json };
}

/** Counts the leads of a file against the bound, all parts together. */
class RowCounter {
	private rows = 0;
	constructor(private readonly max: number) {}
	/** Rows of a part read again in another encoding no longer count. */
	drop(rows: number): void {
		this.rows -= rows;
	}
	count(): void {
		if (++this.rows > this.max) {
			throw new LeadFileError(
				`it holds more than ${this.max.toLocaleString('en-US')} leads (the node's bound for one lead file); read one Lead Region at a time, or download this form's leads in TikTok Ads Manager`,
			);
		}
	}
}

/** The rows of one CSV part: the header names the columns, TikTok's metadata columns lead, the rest are answers. */
class CsvPartReader implements CsvPartSink {
	private columns?: Array<{ meta?: string; key?: string }>;
	readonly records: LeadRecord[] = [];
	rows = 0;

	constructor(private readonly counter: RowCounter) {}

	row(fields: string[]): void {
		if (!this.columns) {
			this.columns = this.header(fields);
			return;
		}
		if (fields.length === 1 && fields[0].trim() === '') return;
		this.counter.count();
		this.rows++;
		const meta: IDataObject = {};
		const answers: Array<[string, IDataObject[string]]> = [];
		this.columns.forEach((column, index) => {
			const value = fields[index] ?? '';
			if (column.meta) meta[column.meta] = value;
			else if (column.key !== undefined) answers.push([column.key, value]);
		});
		const lead = record(meta, answers);
		if (lead) this.records.push(lead);
	}

	private header(names: string[]): Array<{ meta?: string; key?: string }> {
		const first = names[0]?.charCodeAt(0) === 0xfeff ? [names[0].slice(1), ...names.slice(1)] : names;
		// TikTok's metadata columns come first: the leading run of exact metadata names, each once.
		const seen = new Set<string>();
		let metaCount = 0;
		while (metaCount < first.length) {
			const meta = CSV_META[first[metaCount].trim()];
			if (!meta || seen.has(meta)) break;
			seen.add(meta);
			metaCount++;
		}
		if (!seen.has('lead_id')) throw new LeadFileError('its header has no lead ID column');
		const labels = first.slice(metaCount).map((name) => name.trim());
		const keys = answerKeys(labels);
		return first.map((name, index) =>
			index < metaCount ? { meta: CSV_META[name.trim()] } : { key: labels[index - metaCount] === '' ? undefined : keys[index - metaCount] },
		);
	}
}

/** Records from a JSON delivery: `leads` / `list` of `{lead_data, meta_data}` (the shape of TikTok's lead objects). */
function fromJson(data: IDataObject, counter: RowCounter): LeadRecord[] {
	const list = (Array.isArray(data.leads) ? data.leads : Array.isArray(data.list) ? data.list : []) as IDataObject[];
	const records: LeadRecord[] = [];
	for (const entry of list) {
		counter.count();
		const metaSource = (entry.meta_data ?? entry) as IDataObject;
		const answerSource = (entry.lead_data ?? {}) as IDataObject;
		const meta: IDataObject = {};
		for (const [key, value] of Object.entries(metaSource)) {
			const canonical = JSON_META[key];
			if (canonical && meta[canonical] === undefined) meta[canonical] = value;
		}
		const labels = Object.keys(answerSource);
		const keys = answerKeys(labels);
		const lead = record(
			meta,
			labels.map((label, index) => [keys[index], answerSource[label]]),
		);
		if (lead) records.push(lead);
	}
	return records;
}

/** What a lead file holds: its leads, and the encoding of its CSV parts. */
export interface LeadFileContent {
	records: LeadRecord[];
	encodings: LeadFileEncoding[];
}

/** What a lead file over the download bound is refused with (the transport stops the download there: leads.ts). */
export function downloadTooLarge(bounds: LeadFileBounds = LEAD_FILE_BOUNDS): string {
	return `it is larger than ${Math.round(bounds.maxDownloadBytes / (1024 * 1024))} MB (the node's bound for one download); read one Lead Region at a time, or download this form's leads in TikTok Ads Manager`;
}

/** Reads a downloaded lead file into records (CSV, each CSV part of a zip, or a JSON envelope's data). */
export async function readLeadFile(file: TikTokFile, bounds: LeadFileBounds = LEAD_FILE_BOUNDS): Promise<LeadFileContent> {
	const counter = new RowCounter(bounds.maxRows);
	if (file.data) return { records: fromJson(file.data, counter), encodings: [] };
	const parts: CsvPartReader[] = [];
	const { encodings } = await readCsvParts(
		file.body,
		(index) => {
			// A part read again (in another encoding) replaces what it gave before.
			if (parts[index]) counter.drop(parts[index].rows);
			parts[index] = new CsvPartReader(counter);
			return parts[index];
		},
		bounds,
	);
	const records: LeadRecord[] = [];
	for (const part of parts) for (const lead of part.records) records.push(lead);
	return { records, encodings };
}
