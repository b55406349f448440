import type { IDataObject, IExecuteFunctions, INode } from 'n8n-workflow';
import type { NodeApiError } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { DateTime, FixedOffsetZone, IANAZone } from 'luxon';

import { withItemIndex } from '../../helpers/items';
import { businessRequest, businessRequestAllItems } from '../../transport';

// ---------------------------------------------------------------------------------------------------------------
// Dates and windows

/** The `dateRange` presets a workflow can store. */
export const DATE_RANGES = [
	'today',
	'yesterday',
	'last7Days',
	'last14Days',
	'last30Days',
	'last90Days',
	'thisMonth',
	'lastMonth',
	'custom',
] as const;
export type DateRangePreset = (typeof DATE_RANGES)[number];

/** An inclusive range of calendar days (`YYYY-MM-DD`), as TikTok's `start_date` / `end_date`. */
export interface DateWindow {
	start: string;
	end: string;
}

/** TikTok's longest `start_date`…`end_date` span: 1 day with `stat_time_hour`, 30 with `stat_time_day`, else 365. */
export function maxWindowDays(dimensions: string[]): number {
	if (dimensions.includes('stat_time_hour')) return 1;
	if (dimensions.includes('stat_time_day')) return 30;
	return 365;
}

const day = (iso: string) => DateTime.fromISO(iso, { zone: 'utc' });

/** Days from `start` to `end`, both included. */
export function daysInWindow(window: DateWindow): number {
	return Math.round(day(window.end).diff(day(window.start), 'days').days) + 1;
}

export function addDays(iso: string, days: number): string {
	return day(iso).plus({ days }).toISODate() as string;
}

/** Splits a range into consecutive windows of at most `maxDays` days, oldest first. */
export function splitRange(range: DateWindow, maxDays: number): DateWindow[] {
	const windows: DateWindow[] = [];
	for (let start = range.start; start <= range.end; start = addDays(start, maxDays)) {
		const end = addDays(start, maxDays - 1);
		windows.push({ start, end: end < range.end ? end : range.end });
	}
	return windows;
}

/**
 * A preset resolved in the advertiser's time zone: "today" is today where the advertiser is. "Last N days" are the N
 * full days before today (today excluded, as in TikTok Ads Manager); "this month" runs from the 1st to today.
 */
export function resolvePreset(preset: Exclude<DateRangePreset, 'custom'>, zone: string, now: DateTime = DateTime.now()): DateWindow {
	const today = now.setZone(zone).startOf('day');
	const iso = (d: DateTime) => d.toISODate() as string;
	const lastDays = (n: number) => ({ start: iso(today.minus({ days: n })), end: iso(today.minus({ days: 1 })) });
	switch (preset) {
		case 'today':
			return { start: iso(today), end: iso(today) };
		case 'yesterday':
			return lastDays(1);
		case 'last7Days':
			return lastDays(7);
		case 'last14Days':
			return lastDays(14);
		case 'last30Days':
			return lastDays(30);
		case 'last90Days':
			return lastDays(90);
		case 'thisMonth':
			return { start: iso(today.startOf('month')), end: iso(today) };
		case 'lastMonth': {
			const lastMonth = today.startOf('month').minus({ months: 1 });
			return { start: iso(lastMonth), end: iso(lastMonth.endOf('month').startOf('day')) };
		}
	}
}

/**
 * Reads a date parameter (the editor's date picker gives `2026-10-01T00:00:00`, a mapped value may be `2026-10-01`,
 * an ISO timestamp or a Luxon DateTime) as the calendar day the user meant. Time and offset are ignored: report days
 * are always the advertiser's days.
 */
export function parseReportDate(node: INode, value: unknown, field: string, itemIndex: number): string {
	let text: string | undefined;
	if (DateTime.isDateTime(value)) text = value.toISODate() ?? undefined;
	else if (value instanceof Date && !Number.isNaN(value.getTime())) text = value.toISOString();
	else if (typeof value === 'string') text = value.trim();
	if (!text) {
		throw new NodeOperationError(node, `The "${field}" parameter is empty: pick a date (for a date range other than Custom, change "Date Range")`, {
			itemIndex,
		});
	}
	const match = /^(\d{4}-\d{2}-\d{2})(?:$|[T ])/.exec(text);
	const date = match ? day(match[1]) : DateTime.invalid('no match');
	if (!match || !date.isValid) {
		throw new NodeOperationError(node, `The "${field}" parameter is not a date: got "${text.slice(0, 40)}", expected YYYY-MM-DD`, {
			itemIndex,
		});
	}
	return match[1];
}

/** A time zone as TikTok gives it (`America/New_York`, `Etc/GMT+5`, `UTC+08:00`, `GMT-05:00`), in a form Luxon takes. */
export function normalizeTimeZone(value: unknown): string | undefined {
	if (typeof value !== 'string' || value.trim() === '') return undefined;
	const text = value.trim();
	if (IANAZone.isValidZone(text)) return text;
	const offset = /^(?:UTC|GMT)\s*([+-])(\d{1,2})(?::?(\d{2}))?$/i.exec(text);
	if (offset) {
		const minutes = (Number(offset[2]) * 60 + Number(offset[3] ?? 0)) * (offset[1] === '-' ? -1 : 1);
		if (Math.abs(minutes) <= 14 * 60) return FixedOffsetZone.instance(minutes).name;
	}
	if (/^(UTC|GMT)$/i.test(text)) return 'UTC';
	return undefined;
}

/** The advertiser's report time zone from `/advertiser/info/` (cached per execution). */
export async function advertiserTimeZone(
	this: IExecuteFunctions,
	advertiserId: string,
	itemIndex: number,
	cache: Map<string, string>,
): Promise<string> {
	const cached = cache.get(advertiserId);
	if (cached) return cached;
	const data = await businessRequest.call(this, {
		method: 'GET',
		path: '/advertiser/info/',
		qs: { advertiser_ids: [advertiserId], fields: ['advertiser_id', 'timezone', 'display_timezone'] },
		itemIndex,
	});
	const list = (data.list as IDataObject[]) ?? [];
	const info = list.find((a) => a.advertiser_id === undefined || String(a.advertiser_id) === advertiserId) ?? {};
	const zone = normalizeTimeZone(info.timezone) ?? normalizeTimeZone(info.display_timezone);
	if (!zone) {
		throw new NodeOperationError(
			this.getNode(),
			`Could not read the time zone of advertiser ${advertiserId} (TikTok sent "${String(info.timezone ?? info.display_timezone ?? '')}")`,
			{ itemIndex, description: 'Choose "Custom" as Date Range and enter the start and end dates yourself.' },
		);
	}
	cache.set(advertiserId, zone);
	return zone;
}

// ---------------------------------------------------------------------------------------------------------------
// Rows

/** Attribute metrics whose text can look like a number (IDs, names, ad text, codes): they stay text. */
const TEXT_METRIC = /(^|_)(id|ids|name|text|code)$/;
const textMetrics = new Map<string, boolean>();
function isTextMetric(name: string): boolean {
	let text = textMetrics.get(name);
	if (text === undefined) {
		text = TEXT_METRIC.test(name);
		if (textMetrics.size < 1000) textMetrics.set(name, text);
	}
	return text;
}
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/**
 * One metric as a workflow wants it: numbers as numbers (TikTok sends `"12.34"`), TikTok's `"-"` (no value) and
 * empty values as null, and attributes (names, IDs, codes) as text. Anything else (e.g. `"<5"`) is kept as sent.
 */
export function metricValue(name: string, value: unknown): unknown {
	if (value === undefined || value === null) return null;
	if (typeof value === 'number') return Number.isFinite(value) ? value : null;
	if (typeof value !== 'string') return value;
	const text = value.trim();
	if (text === '-' || text === '') return null;
	if (isTextMetric(name)) return value;
	if (NUMBER.test(text)) {
		const number = Number(text);
		if (Number.isFinite(number)) return number;
	}
	return value;
}

/** `{dimensions, metrics}` → one flat object: dimensions as TikTok's text (IDs stay strings), then the metrics. */
export function flattenRow(row: IDataObject, extra: IDataObject = {}, keepRaw = false): IDataObject {
	const out: IDataObject = {};
	const dimensions = (row.dimensions ?? {}) as IDataObject;
	const metrics = (row.metrics ?? {}) as IDataObject;
	for (const [key, value] of Object.entries(dimensions)) {
		out[key] = value === undefined || value === null ? null : typeof value === 'object' ? value : String(value);
	}
	for (const [key, value] of Object.entries(metrics)) {
		if (key in out) continue;
		out[key] = metricValue(key, value) as IDataObject[string];
	}
	Object.assign(out, extra);
	if (keepRaw) out.raw = row;
	return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Fetching

export interface ReportQuery {
	advertiserId: string;
	/** Everything but dates and paging: `report_type`, `dimensions`, `metrics`, `filtering`... */
	qs: IDataObject;
	dimensions: string[];
	/** `undefined` for a lifetime report. */
	range?: DateWindow;
	/** Most rows to return; `undefined` for all. */
	limit?: number;
	orderField?: string;
	orderType?: 'ASC' | 'DESC';
	enableTotalMetrics: boolean;
	keepRawRow: boolean;
	itemIndex: number;
}

const REPORT_PATH = '/report/integrated/get/';
/** TikTok's code for a report query it will not run because it is too large. */
export const QUERY_TOO_LARGE = 40067;

function isQueryTooLarge(error: unknown): boolean {
	const context = (error as NodeApiError | undefined)?.context;
	return Number(context?.tiktokCode) === QUERY_TOO_LARGE;
}

interface WindowResult {
	window?: DateWindow;
	rows: IDataObject[];
	total?: IDataObject;
}

async function fetchWindow(
	this: IExecuteFunctions,
	query: ReportQuery,
	window: DateWindow | undefined,
	limit: number | undefined,
): Promise<WindowResult> {
	let total: IDataObject | undefined;
	const qs: IDataObject = { ...query.qs, advertiser_id: query.advertiserId };
	if (window) {
		qs.start_date = window.start;
		qs.end_date = window.end;
	} else {
		qs.query_lifetime = true;
	}
	const rows = await businessRequestAllItems.call(this, {
		method: 'GET',
		path: REPORT_PATH,
		qs,
		limit,
		itemIndex: query.itemIndex,
		onPage: (data) => {
			if (total === undefined && data.total_metrics && typeof data.total_metrics === 'object') {
				total = data.total_metrics as IDataObject;
			}
		},
	});
	return { window, rows, total };
}

/**
 * Runs a report over any range: one request series per window of at most TikTok's span (30 days with days, 1 with
 * hours, 365 otherwise), pages of 1000 rows, windows merged in date order. A window TikTok calls too large (40067)
 * is halved and the rest of the range continues with the smaller windows. With a limit, paging stops as soon as
 * enough rows are in hand, except when ordering by a metric: each window then gives its own top rows, and the merged
 * rows are sorted again so the overall order holds.
 */
export async function runReport(this: IExecuteFunctions, query: ReportQuery): Promise<IDataObject[]> {
	const results: WindowResult[] = [];
	const ordered = query.orderField !== undefined;
	let fetched = 0;

	if (!query.range) {
		results.push(await fetchWindow.call(this, query, undefined, query.limit));
	} else {
		const { range } = query;
		let size = maxWindowDays(query.dimensions);
		let start = range.start;
		while (start <= range.end && (query.limit === undefined || ordered || fetched < query.limit)) {
			const proposedEnd = addDays(start, size - 1);
			const window = { start, end: proposedEnd < range.end ? proposedEnd : range.end };
			const limit = query.limit === undefined ? undefined : ordered ? query.limit : query.limit - fetched;
			let result: WindowResult;
			try {
				result = await fetchWindow.call(this, query, window, limit);
			} catch (error) {
				const days = daysInWindow(window);
				if (isQueryTooLarge(error) && days > 1) {
					size = Math.ceil(days / 2);
					continue;
				}
				throw withItemIndex(this.getNode(), error, query.itemIndex);
			}
			results.push(result);
			fetched += result.rows.length;
			start = addDays(window.end, 1);
		}
	}

	// Rows without a time dimension cover their whole window: say which one.
	const timeDimension = query.dimensions.includes('stat_time_day') || query.dimensions.includes('stat_time_hour');
	let rows: IDataObject[] = [];
	for (const result of results) {
		const extra = result.window && !timeDimension ? { start_date: result.window.start, end_date: result.window.end } : {};
		for (const row of result.rows) rows.push(flattenRow(row, extra, query.keepRawRow));
	}
	if (ordered && results.length > 1) rows = sortRows(rows, query.orderField as string, query.orderType ?? 'DESC');
	if (query.limit !== undefined) rows = rows.slice(0, query.limit);

	if (query.enableTotalMetrics) {
		for (const result of results) {
			if (!result.total) continue;
			const total: IDataObject = { is_total: true };
			if (result.window) {
				total.start_date = result.window.start;
				total.end_date = result.window.end;
			}
			for (const [key, value] of Object.entries(result.total)) total[key] = metricValue(key, value) as IDataObject[string];
			rows.push(total);
		}
	}
	return rows;
}

/** Stable sort of merged rows by a metric, nulls last (as TikTok orders within one window). */
function sortRows(rows: IDataObject[], field: string, order: 'ASC' | 'DESC'): IDataObject[] {
	const sign = order === 'ASC' ? 1 : -1;
	return rows
		.map((row, index) => ({ row, index, value: typeof row[field] === 'number' ? (row[field] as number) : null }))
		.sort((a, b) => {
			if (a.value === b.value) return a.index - b.index;
			if (a.value === null) return 1;
			if (b.value === null) return -1;
			return sign * (a.value - b.value);
		})
		.map((entry) => entry.row);
}
