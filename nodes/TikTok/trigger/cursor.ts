import type { IDataObject } from 'n8n-workflow';

/**
 * A poll cursor, kept per advertiser (ad events) or for the connected user (videos) in the node's static data.
 *
 * `time` is the newest event time emitted so far (Unix seconds, TikTok's clock: taken from TikTok's own timestamps
 * whenever one is known). `seen` holds the IDs already emitted (or already present at activation) whose time lies in
 * the overlap window `[time - overlap, time]`, grouped by second (`{ "<unix seconds>": ["id", ...] }`); `seen[time]`
 * is the set of IDs seen at the boundary second.
 *
 * Each poll asks TikTok for everything from `time - overlap` on (an inclusive lower bound) and keeps only what is
 * not in `seen`. So: ads sharing a second across a poll boundary all come, once; an item TikTok shows late (its
 * timestamp already behind the cursor, by replication lag or clock differences up to the overlap) still comes, once;
 * and nothing is repeated, because every ID in the window re-read is remembered.
 */
export interface PollCursor {
	time: number;
	seen: Record<string, string[]>;
}

/** One candidate event: an entity's ID and its event time (Unix seconds). */
export interface CursorEntry {
	id: string;
	time: number;
}

/** Overlap windows (seconds): how far behind the cursor each poll looks again for late items. */
export const AD_OVERLAP_SECONDS = 300;
export const VIDEO_OVERLAP_SECONDS = 3600;

export function nowSeconds(): number {
	return Math.floor(Date.now() / 1000);
}

/** Numeric IDs compared as numbers (they exceed 2^53, so by length, then text). */
export function compareIds(a: string, b: string): number {
	if (a.length !== b.length) return a.length - b.length;
	return a < b ? -1 : a > b ? 1 : 0;
}

/** Oldest first; ties by ID. */
export function compareEntries(a: CursorEntry, b: CursorEntry): number {
	return a.time - b.time || compareIds(a.id, b.id);
}

/** A stored cursor, or undefined when there is none or it is not one this version wrote (then it is seeded again). */
export function readCursor(value: unknown): PollCursor | undefined {
	if (typeof value !== 'object' || value === null) return undefined;
	const { time, seen } = value as IDataObject;
	if (typeof time !== 'number' || !Number.isFinite(time)) return undefined;
	if (typeof seen !== 'object' || seen === null || Array.isArray(seen)) return undefined;
	const copy: Record<string, string[]> = {};
	for (const [second, ids] of Object.entries(seen as IDataObject)) {
		if (Array.isArray(ids)) copy[second] = ids.map(String);
	}
	return { time, seen: copy };
}

/** The lower bound (inclusive, Unix seconds) of what a poll must read again. */
export function lowerBound(cursor: PollCursor, overlap: number): number {
	return cursor.time - overlap;
}

/**
 * The entries a poll may emit: one per ID (its newest time, if TikTok listed it twice while pages shifted), inside
 * the window, not seen before; oldest first. Linear in the entries and the cursor's IDs (sets, not list scans).
 */
export function pendingEntries<T extends CursorEntry>(cursor: PollCursor, entries: T[], overlap: number): T[] {
	const from = lowerBound(cursor, overlap);
	const newest = new Map<string, T>();
	for (const entry of entries) {
		const known = newest.get(entry.id);
		if (!known || entry.time > known.time) newest.set(entry.id, entry);
	}
	const seen = seenSets(cursor);
	return [...newest.values()]
		.filter((e) => e.time >= from && !seen.get(e.time)?.has(e.id))
		.sort(compareEntries);
}

/** The cursor's seen IDs as sets per second. */
function seenSets(cursor: PollCursor): Map<number, Set<string>> {
	const sets = new Map<number, Set<string>>();
	for (const [second, ids] of Object.entries(cursor.seen)) sets.set(Number(second), new Set(ids));
	return sets;
}

/**
 * Reconciles what a poll found with the cursor as it is when the poll ends (another poll may have run meanwhile and
 * emitted some of it): drops entries that cursor has seen. Entries older than its window stay: only a seen ID is
 * known to have been emitted.
 */
export function notSeenBy<T extends CursorEntry>(cursor: PollCursor | undefined, entries: T[]): T[] {
	if (!cursor) return entries;
	const seen = seenSets(cursor);
	return entries.filter((e) => !seen.get(e.time)?.has(e.id));
}

/** The cursor after emitting `emitted`: moved to the newest emitted time, remembering the window's IDs. */
export function advanceCursor(cursor: PollCursor, emitted: CursorEntry[], overlap: number): PollCursor {
	const time = emitted.reduce((max, e) => Math.max(max, e.time), cursor.time);
	const sets = seenSets(cursor);
	for (const entry of emitted) {
		let ids = sets.get(entry.time);
		if (!ids) sets.set(entry.time, (ids = new Set()));
		ids.add(entry.id);
	}
	const seen: Record<string, string[]> = {};
	for (const [second, ids] of sets) {
		if (second >= time - overlap && ids.size > 0) seen[String(second)] = [...ids];
	}
	return { time, seen };
}

/** Where the seeding read starts: two windows back, so the first cursor's window is fully known. */
export function seedLowerBound(now: number, overlap: number): number {
	return now - 2 * overlap;
}

/**
 * The first cursor ("records the present"), from what TikTok lists from `seedLowerBound` on: at the newest listed
 * time (TikTok's clock) or `now - overlap`, whichever is later, with every listed ID in its window marked seen. So
 * nothing that exists at activation is emitted later, and later polls never look below what this read covered.
 */
export function seedCursor(existing: CursorEntry[], now: number, overlap: number): PollCursor {
	const start: PollCursor = { time: now - overlap, seen: {} };
	return advanceCursor(
		start,
		existing.filter((e) => e.time >= seedLowerBound(now, overlap)),
		overlap,
	);
}

/**
 * Of two cursors for the same stream (the one a poll started from, and the one another poll stored meanwhile), the
 * one that went further, with the IDs both have seen: so an overlapping poll never moves a cursor back.
 */
export function newer(a: PollCursor, b: PollCursor | undefined, overlap: number): PollCursor {
	if (!b) return a;
	const [ahead, behind] = a.time >= b.time ? [a, b] : [b, a];
	const merged: CursorEntry[] = [];
	for (const [second, ids] of Object.entries(behind.seen)) {
		for (const id of ids) if (Number(second) <= ahead.time) merged.push({ id, time: Number(second) });
	}
	return advanceCursor(ahead, merged, overlap);
}
