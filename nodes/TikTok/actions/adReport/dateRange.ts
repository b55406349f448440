import type { IDataObject, IExecuteFunctions, INode, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { DateTime, FixedOffsetZone, IANAZone } from 'luxon';

import { modelSettable, readChoice } from '../../helpers/tool';
import { businessRequest } from '../../transport';

/** The `dateRange` presets a workflow can store. */
const DATE_RANGES = [
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
type DateRangePreset = (typeof DATE_RANGES)[number];

/** An inclusive range of calendar days (`YYYY-MM-DD`), as TikTok's `start_date` / `end_date`. */
export interface DateWindow {
	start: string;
	end: string;
}

const dateRangeProperty: INodeProperties = {
	displayName: 'Date Range',
	name: 'dateRange',
	type: 'options',
	displayOptions: { hide: { queryLifetime: [true] } },
	options: [
		{ name: 'Custom', value: 'custom', description: 'From a start date to an end date, both included' },
		{ name: 'Last 14 Days', value: 'last14Days', description: 'The 14 full days before today' },
		{ name: 'Last 30 Days', value: 'last30Days', description: 'The 30 full days before today' },
		{ name: 'Last 7 Days', value: 'last7Days', description: 'The 7 full days before today' },
		{ name: 'Last 90 Days', value: 'last90Days', description: 'The 90 full days before today' },
		{ name: 'Last Month', value: 'lastMonth', description: 'The whole previous calendar month' },
		{ name: 'This Month', value: 'thisMonth', description: 'From the 1st of this month to today' },
		{ name: 'Today', value: 'today' },
		{ name: 'Yesterday', value: 'yesterday' },
	],
	default: 'last7Days',
	description:
		"The days to report on, in the advertiser's time zone (read from TikTok). Ranges longer than TikTok allows in one request are split and merged for you.",
};

/** The Date Range, Start Date and End Date parameters (hidden for a lifetime report); the model can set each. */
export const dateRangeProperties: INodeProperties[] = [
	...modelSettable(dateRangeProperty),
	{
		displayName: 'Start Date',
		name: 'startDate',
		type: 'dateTime',
		required: true,
		displayOptions: { show: { dateRange: ['custom'] }, hide: { queryLifetime: [true] } },
		default: '',
		description: "First day of the report (included), a day in the advertiser's time zone",
	},
	{
		displayName: 'End Date',
		name: 'endDate',
		type: 'dateTime',
		required: true,
		displayOptions: { show: { dateRange: ['custom'] }, hide: { queryLifetime: [true] } },
		default: '',
		description: "Last day of the report (included), a day in the advertiser's time zone",
	},
];

/**
 * A preset resolved in the advertiser's time zone: "today" is today where the advertiser is. "Last N days" are the N
 * full days before today (today excluded, as in TikTok Ads Manager); "this month" runs from the 1st to today.
 */
function resolvePreset(preset: Exclude<DateRangePreset, 'custom'>, zone: string, now: DateTime = DateTime.now()): DateWindow {
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
function parseReportDate(node: INode, value: unknown, field: string, itemIndex: number): string {
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
	const date = match ? DateTime.fromISO(match[1], { zone: 'utc' }) : DateTime.invalid('no match');
	if (!match || !date.isValid) {
		throw new NodeOperationError(node, `The "${field}" parameter is not a date: got "${text.slice(0, 40)}", expected YYYY-MM-DD`, {
			itemIndex,
		});
	}
	return match[1];
}

/** A time zone as TikTok gives it (`America/New_York`, `Etc/GMT+5`, `UTC+08:00`, `GMT-05:00`), in a form Luxon takes. */
function normalizeTimeZone(value: unknown): string | undefined {
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
async function advertiserTimeZone(
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

/**
 * The days an item's report covers: Start Date to End Date for a custom range, else the preset resolved in the
 * advertiser's time zone (read once per advertiser and execution, through `timeZones`).
 */
export async function readDateRange(
	this: IExecuteFunctions,
	itemIndex: number,
	advertiserId: string,
	timeZones: Map<string, string>,
): Promise<DateWindow> {
	const node = this.getNode();
	const dateRange = readChoice.call(this, 'dateRange', 'Date Range', DATE_RANGES, itemIndex, 'last7Days') as DateRangePreset;
	if (dateRange === 'custom') {
		const start = parseReportDate(node, this.getNodeParameter('startDate', itemIndex, ''), 'Start Date', itemIndex);
		const end = parseReportDate(node, this.getNodeParameter('endDate', itemIndex, ''), 'End Date', itemIndex);
		if (end < start) {
			throw new NodeOperationError(node, `The "End Date" (${end}) is before the "Start Date" (${start})`, { itemIndex });
		}
		return { start, end };
	}
	const zone = await advertiserTimeZone.call(this, advertiserId, itemIndex, timeZones);
	return resolvePreset(dateRange, zone);
}
