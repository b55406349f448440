import type { INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { DateTime } from 'luxon';

/** TikTok's own time text, `YYYY-MM-DD HH:MM:SS`, always meant as UTC. */
const TIKTOK_TIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;

function isEmpty(value: unknown): boolean {
	return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

/**
 * Reads a date and time from a parameter (the editor's date picker, an ISO text with or without offset, a Luxon
 * DateTime or JS Date from an expression, epoch seconds or milliseconds, or TikTok's own UTC text) as an instant.
 * Texts without an offset are in `timezone` (the workflow's), except TikTok's `YYYY-MM-DD HH:MM:SS`, taken as UTC.
 * Returns undefined when empty; throws an error naming `field` when it cannot be read.
 */
export function parseDateTime(
	node: INode,
	value: unknown,
	field: string,
	timezone: string,
	itemIndex?: number,
): DateTime | undefined {
	if (isEmpty(value)) return undefined;
	let dt: DateTime | undefined;
	if (value instanceof Date) dt = DateTime.fromJSDate(value);
	else if (typeof value === 'number' && Number.isFinite(value)) {
		dt = DateTime.fromMillis(Math.abs(value) < 1e11 ? value * 1000 : value);
	} else if (typeof value === 'object' && value !== null && typeof (value as DateTime).toISO === 'function') {
		dt = DateTime.fromISO(String((value as DateTime).toISO()), { setZone: true });
	} else if (typeof value === 'string') {
		const text = value.trim();
		dt = TIKTOK_TIME.test(text)
			? DateTime.fromFormat(text, 'yyyy-MM-dd HH:mm:ss', { zone: 'utc' })
			: DateTime.fromISO(text, { zone: timezone });
		if (!dt.isValid) dt = DateTime.fromRFC2822(text, { zone: timezone });
	}
	if (!dt || !dt.isValid) {
		const shown = typeof value === 'string' ? value.slice(0, 40) : typeof value;
		throw new NodeOperationError(
			node,
			`The "${field}" parameter is not a valid date and time, got "${shown}"`,
			{ itemIndex, description: 'Use the date picker, an ISO 8601 text such as 2026-09-01T08:00:00Z, or a date from an expression.' },
		);
	}
	return dt;
}

/** An instant as TikTok's filters want it: `YYYY-MM-DD HH:MM:SS` in UTC. */
export function toTikTokTime(dt: DateTime): string {
	return dt.toUTC().toFormat('yyyy-MM-dd HH:mm:ss');
}

/** Unix seconds → TikTok's `YYYY-MM-DD HH:MM:SS` (UTC). */
export function secondsToTikTokTime(seconds: number): string {
	return toTikTokTime(DateTime.fromSeconds(seconds));
}

/** TikTok's `YYYY-MM-DD HH:MM:SS` (UTC), an ISO date or Unix seconds → Unix seconds (undefined if none). */
export function tikTokTimeToSeconds(value: unknown): number | undefined {
	if (typeof value === 'number') return Number.isFinite(value) ? Math.floor(value) : undefined;
	if (typeof value !== 'string' || value.trim() === '') return undefined;
	const text = value.trim();
	if (/^\d+$/.test(text)) return Number(text);
	const iso = TIKTOK_TIME.test(text) ? `${text.replace(' ', 'T')}Z` : text;
	const ms = Date.parse(iso);
	return Number.isNaN(ms) ? undefined : Math.floor(ms / 1000);
}
