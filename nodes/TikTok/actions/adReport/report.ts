import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { DateTime } from 'luxon';

import { withItemIndex } from '../../helpers/items';
import { businessRequestAllItems, mapConcurrent, tikTokCodeOf } from '../../transport';
import type { DateWindow } from './dateRange';
import { appendAll } from '../../transport/arrays';

// ---------------------------------------------------------------------------------------------------------------
// Windows

/** TikTok's longest `start_date`…`end_date` span: 1 day with `stat_time_hour`, 30 with `stat_time_day`, else 365. */
function maxWindowDays(dimensions: string[]): number {
	if (dimensions.includes('stat_time_hour')) return 1;
	if (dimensions.includes('stat_time_day')) return 30;
	return 365;
}

const day = (iso: string) => DateTime.fromISO(iso, { zone: 'utc' });

/** Days from `start` to `end`, both included. */
function daysInWindow(window: DateWindow): number {
	return Math.round(day(window.end).diff(day(window.start), 'days').days) + 1;
}

function addDays(iso: string, days: number): string {
	return day(iso).plus({ days }).toISODate() as string;
}

// ---------------------------------------------------------------------------------------------------------------
// Rows

/** Attribute metrics whose text can look like a number (IDs, names, ad text, codes): they stay text. */
const TEXT_METRIC = /(^|_)(id|ids|name|text|code)$/;
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/**
 * One metric as a workflow wants it: numbers as numbers (TikTok sends `"12.34"`), TikTok's `"-"` (no value) and
 * empty values as null, and attributes (names, IDs, codes) as text. Anything else (e.g. `"<5"`) is kept as sent.
 */
function metricValue(name: string, value: unknown): unknown {
	if (value === undefined || value === null) return null;
	// IDs, names and codes are text whichever form TikTok sends them in (attribute IDs arrive as JSON numbers).
	if (TEXT_METRIC.test(name) && (typeof value === 'number' || typeof value === 'bigint')) return String(value);
	if (typeof value === 'number') return Number.isFinite(value) ? value : null;
	if (typeof value !== 'string') return value;
	const text = value.trim();
	if (text === '-' || text === '') return null;
	if (TEXT_METRIC.test(name)) return value;
	if (NUMBER.test(text)) {
		const number = Number(text);
		if (Number.isFinite(number)) return number;
	}
	return value;
}

/** `{dimensions, metrics}` → one flat object: dimensions as TikTok's text (IDs stay strings), then the metrics. */
function flattenRow(row: IDataObject, extra: IDataObject = {}, keepRaw = false): IDataObject {
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
	/** Return the rows of a report TikTok cut (`X-Tt-Ads-Throttle`) instead of failing; a hint still says so. */
	acceptTruncated?: boolean;
	itemIndex: number;
}

/** TikTok's response header saying it cut a report (at 20,000 IDs): "Run a synchronous report" (doc 1740302848100353). */
const THROTTLE_HEADER = 'x-tt-ads-throttle';

const REPORT_PATH = '/report/integrated/get/';
/** TikTok's code for a report query it will not run because it is too large. */
const QUERY_TOO_LARGE = 40067;

function isQueryTooLarge(error: unknown): boolean {
	return tikTokCodeOf(error) === QUERY_TOO_LARGE;
}

interface WindowResult {
	window?: DateWindow;
	rows: IDataObject[];
	total?: IDataObject;
	/** The `X-Tt-Ads-Throttle` value, when TikTok cut this window's report. */
	throttle?: string;
}

async function fetchWindow(
	this: IExecuteFunctions,
	query: ReportQuery,
	window: DateWindow | undefined,
	limit: number | undefined,
): Promise<WindowResult> {
	let total: IDataObject | undefined;
	let throttle: string | undefined;
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
		onResponseHeaders: (headers) => {
			const value = headers[THROTTLE_HEADER];
			if (value !== undefined && value !== null && String(value).trim() !== '') throttle ??= String(value).trim();
		},
	});
	return { window, rows, total, throttle };
}

/** The range cut into consecutive windows of at most `size` days. */
function splitRange(range: DateWindow, size: number): DateWindow[] {
	const windows: DateWindow[] = [];
	for (let start = range.start; start <= range.end; ) {
		const proposedEnd = addDays(start, size - 1);
		const end = proposedEnd < range.end ? proposedEnd : range.end;
		windows.push({ start, end });
		start = addDays(end, 1);
	}
	return windows;
}

/**
 * One window of a report whose every row is needed (or ranked): when TikTok calls it too large (40067), its two
 * halves instead, and so on, in date order.
 */
async function fetchRange(this: IExecuteFunctions, query: ReportQuery, window: DateWindow): Promise<WindowResult[]> {
	try {
		return [await fetchWindow.call(this, query, window, query.limit)];
	} catch (error) {
		const days = daysInWindow(window);
		if (!isQueryTooLarge(error) || days <= 1) throw withItemIndex(this.getNode(), error, query.itemIndex);
		const halves = splitRange(window, Math.ceil(days / 2));
		const parts = await mapConcurrent(halves, async (half) => await fetchRange.call(this, query, half));
		return parts.flat();
	}
}

/**
 * Runs a report over any range: one request series per window of at most TikTok's span (30 days with days, 1 with
 * hours, 365 otherwise), pages of 1000 rows, windows merged in date order. When every row is needed (no limit, or
 * ordering by a metric) the windows are fetched concurrently under the transport's limit, and a window TikTok calls
 * too large (40067) is halved. With a limit and no ordering, windows are read one after another until enough rows
 * are in hand, and after a 40067 the rest of the range continues with the smaller windows. Ordering by a metric, each
 * window gives its own top rows, and the merged rows are sorted again so the overall order holds.
 */
export async function runReport(this: IExecuteFunctions, query: ReportQuery): Promise<IDataObject[]> {
	const results: WindowResult[] = [];
	const ordered = query.orderField !== undefined;
	let fetched = 0;

	if (!query.range) {
		results.push(await fetchWindow.call(this, query, undefined, query.limit));
	} else if (query.limit === undefined || ordered) {
		// Every window is needed. The first goes alone (a 40067 "too large" halves it until TikTok takes it), then the
		// rest of the range, in windows of the size that worked, all at once under the transport's limit.
		const { range } = query;
		let size = maxWindowDays(query.dimensions);
		for (;;) {
			const proposedEnd = addDays(range.start, size - 1);
			const window = { start: range.start, end: proposedEnd < range.end ? proposedEnd : range.end };
			try {
				results.push(await fetchWindow.call(this, query, window, query.limit));
				break;
			} catch (error) {
				const days = daysInWindow(window);
				if (!isQueryTooLarge(error) || days <= 1) throw withItemIndex(this.getNode(), error, query.itemIndex);
				size = Math.ceil(days / 2);
			}
		}
		const next = addDays((results[0].window as DateWindow).end, 1);
		const windows = next <= range.end ? splitRange({ start: next, end: range.end }, size) : [];
		const perWindow = await mapConcurrent(windows, async (window) => await fetchRange.call(this, query, window));
		for (const part of perWindow) appendAll(results, part);
	} else {
		// A limit without ordering: window after window, only until enough rows are in hand.
		const { range } = query;
		let size = maxWindowDays(query.dimensions);
		let start = range.start;
		while (start <= range.end && fetched < query.limit) {
			const proposedEnd = addDays(start, size - 1);
			const window = { start, end: proposedEnd < range.end ? proposedEnd : range.end };
			let result: WindowResult;
			try {
				result = await fetchWindow.call(this, query, window, query.limit - fetched);
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

	const cut = results.filter((result) => result.throttle !== undefined);
	if (cut.length > 0) {
		const where = cut
			.map((result) => (result.window ? `${result.window.start} to ${result.window.end}` : 'lifetime'))
			.join(', ');
		const message = `TikTok cut this report: it returns at most 20,000 IDs per request and said so (X-Tt-Ads-Throttle: ${cut[0].throttle?.slice(0, 100)}) for ${where}`;
		const narrow =
			'Narrow the report so fewer IDs match: a shorter Date Range, a coarser Data Level (campaign instead of ad), or Filters such as Campaign IDs or a status. To take the rows TikTok did return, turn on Options → Accept Truncated Report.';
		if (!query.acceptTruncated) {
			throw new NodeOperationError(this.getNode(), message, { description: narrow, itemIndex: query.itemIndex });
		}
		this.addExecutionHints({ message: `${message}. ${narrow}`, type: 'warning', location: 'outputPane' });
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
