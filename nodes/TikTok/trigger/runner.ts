import type { IDataObject, INode, INodeExecutionData, IPollFunctions } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { clock, mapConcurrent } from '../transport';
import type { CursorEntry, PollCursor } from './cursor';
import {
	advanceCursor,
	compareEntries,
	compareIds,
	lowerBound,
	newer,
	notSeenBy,
	nowSeconds,
	pendingEntries,
	readCursor,
	seedCursor,
	seedLowerBound,
} from './cursor';
import type { TriggerEvent } from './parameters';
import { forgetOtherEvents } from './parameters';

/**
 * The one cursor-poll runner of the trigger's keyed events (ads per advertiser, leads per form). Each stream (key) has
 * its cursor (`cursor.ts`) in `staticData[event][key]`. The rules, the same for every event:
 * - first activation of a stream records the present and emits nothing; a stream added after the trigger last saved
 *   (e.g. by an expression) starts from that save instead (a seed made in a poll that emits nothing would be lost on
 *   a restart, and what was created until then with it);
 * - streams are read side by side (under the transport's limit), within one deadline (four fifths of n8n's poll
 *   budget); a stream not reached in time keeps its cursor for the next poll;
 * - one failure policy: what the other streams found is emitted, and the failures are reported to n8n as a failed
 *   trigger execution (`__emitError`, the workflow stays active); a poll that emits nothing fails with them instead;
 *   a failed stream's cursor does not move;
 * - overlapping polls: what another poll emitted meanwhile is dropped, and no cursor moves back;
 * - at most `limit` items, oldest first over all streams; the rest stays pending;
 * - entries whose time cannot be placed against a cursor (unreadable, or far in the future) are emitted once, by ID,
 *   and reported (`__emitError`): they never block the others and are never repeated.
 */

export interface StreamEntry extends CursorEntry {
	key: string;
	item: IDataObject;
}

/** What a stream's read found: entries with a time, and entries whose time cannot be placed (with the reason). */
export interface StreamRead<E extends StreamEntry> {
	entries: E[];
	unplaced?: Array<{ entry: E; reason: string }>;
}

export interface CursorPollSpec<E extends StreamEntry> {
	event: TriggerEvent;
	keys: string[];
	/** One stream whose cursor is `staticData[event]` itself (videos of the connected user), not keyed. */
	single?: boolean;
	overlap: number;
	limit?: number;
	/** What a stream is, in errors (`advertiser`, `form`): `<noun> <key>`. */
	noun: string;
	/** The error `context` field naming the failed stream (`advertiserId`, `formId`). */
	contextKey: string;
	/** Reads a stream from `from` (Unix seconds, inclusive) on; `deadline` is Unix ms. */
	read: (key: string, from: number, deadline: number) => Promise<StreamRead<E>>;
	toItem: (entry: E) => INodeExecutionData;
}

/** n8n's budget for one poll (n8n 2.x says it; older versions get n8n's default of five minutes). */
export function pollBudgetMs(context: IPollFunctions): number {
	const own = (context as { getPollBudgetMs?: () => number }).getPollBudgetMs;
	const budget = typeof own === 'function' ? Number(own.call(context)) : NaN;
	return Number.isFinite(budget) && budget > 0 ? budget : DEFAULT_POLL_BUDGET_MS;
}

const DEFAULT_POLL_BUDGET_MS = 5 * 60_000;

type Failure = { key: string; error: NodeApiError | NodeOperationError };

/** An error naming the stream it came from (`(advertiser 123)`, and `context[contextKey]`). */
export function forStream(
	node: INode,
	error: unknown,
	spec: { noun: string; contextKey: string },
	key: string,
): NodeApiError | NodeOperationError {
	const wrapped =
		error instanceof NodeApiError || error instanceof NodeOperationError ? error : new NodeOperationError(node, error as Error);
	if (!wrapped.message.includes(key)) wrapped.message = `${wrapped.message} (${spec.noun} ${key})`;
	wrapped.context[spec.contextKey] = key;
	return wrapped;
}

/** One error naming every stream that failed (the first one's details, the others by key). */
function pollError(failures: Failure[], spec: { noun: string; contextKey: string }) {
	const [first, ...others] = failures;
	if (others.length > 0) {
		const ids = others.map((f) => f.key).join(', ');
		first.error.message = `${first.error.message}; ${others.length} more ${spec.noun}${others.length > 1 ? 's' : ''} failed too (${ids})`;
		first.error.context[`failed${spec.contextKey[0].toUpperCase()}${spec.contextKey.slice(1)}s`] = failures.map((f) => f.key);
	}
	return first.error;
}

/** When this event's cursors were last written by a poll n8n persists (one that emitted, or the activation's seed). */
function savedAt(staticData: IDataObject, event: TriggerEvent): number | undefined {
	const saved = staticData.savedAt as IDataObject | undefined;
	return saved?.event === event && typeof saved.at === 'number' ? saved.at : undefined;
}

type StreamPoll<E extends StreamEntry> =
	| { key: string; next: PollCursor; entries: E[]; unplaced: Array<{ entry: E; reason: string }>; seeded: boolean; from: number }
	| { key: string; deferred: true }
	| { key: string; error: NodeApiError | NodeOperationError };

/** Runs one poll of a keyed event (see above). */
export async function runCursorPoll<E extends StreamEntry>(
	this: IPollFunctions,
	spec: CursorPollSpec<E>,
): Promise<INodeExecutionData[][] | null> {
	const node = this.getNode();
	const { event, overlap } = spec;
	const staticData = this.getWorkflowStaticData('node');
	// Cursors by key, as stored now (re-read after the awaits below, for overlapping polls).
	const cursorsNow = (): IDataObject =>
		spec.single ? { [spec.keys[0]]: staticData[event] } : ((staticData[event] ?? {}) as IDataObject);
	const stored = cursorsNow();
	const unplacedKey = `${event}Unplaced`;
	const storedUnplaced = (staticData[unplacedKey] ?? {}) as Record<string, string[]>;
	// Stop starting requests (and retrying) with a fifth of the budget left, so the poll returns within it.
	const deadline = clock.now() + Math.floor(pollBudgetMs(this) * 0.8);
	const anchor = savedAt(staticData, event);

	const polls = await mapConcurrent(spec.keys, async (key): Promise<StreamPoll<E>> => {
		if (clock.now() >= deadline) return { key, deferred: true };
		let cursor = readCursor(stored[key]);
		// A stream added after the last save starts from that save, which a restart reproduces exactly.
		if (!cursor && anchor !== undefined) cursor = { time: anchor, seen: {} };
		try {
			if (!cursor) {
				const now = nowSeconds();
				const from = seedLowerBound(now, overlap);
				const found = await spec.read(key, from, deadline);
				// Everything that exists at activation counts as seen, unplaced entries too.
				return { key, next: seedCursor(found.entries, now, overlap), entries: [], unplaced: found.unplaced ?? [], seeded: true, from };
			}
			const from = lowerBound(cursor, overlap);
			const found = await spec.read(key, from, deadline);
			return { key, next: cursor, entries: pendingEntries(cursor, found.entries, overlap), unplaced: found.unplaced ?? [], seeded: false, from };
		} catch (error) {
			if (spec.single) {
				const own = error instanceof NodeApiError || error instanceof NodeOperationError ? error : new NodeOperationError(node, error as Error);
				return { key, error: own };
			}
			return { key, error: forStream(node, error, spec, key) };
		}
	});

	const next: Record<string, PollCursor> = {};
	const nextUnplaced: Record<string, string[]> = {};
	const candidates: E[] = [];
	const strays: Array<{ entry: E; reason: string }> = [];
	const failures: Failure[] = [];
	let seeded = false;
	for (const result of polls) {
		const known = new Set(storedUnplaced[result.key] ?? []);
		if (!('next' in result)) {
			// Failed or not reached: its cursor stays as stored (none if it had none).
			const kept = readCursor(stored[result.key]);
			if (kept) next[result.key] = kept;
			if (known.size > 0) nextUnplaced[result.key] = [...known];
			if ('error' in result) failures.push({ key: result.key, error: result.error });
			continue;
		}
		next[result.key] = result.next;
		seeded ||= result.seeded;
		// IDs emitted unplaced stay remembered while TikTok lists them unplaced, or placed inside the window.
		const keep: string[] = [];
		for (const { entry, reason } of result.unplaced) {
			keep.push(entry.id);
			if (!known.has(entry.id) && !result.seeded) strays.push({ entry, reason });
		}
		for (const entry of result.entries) {
			if (known.has(entry.id)) {
				if (entry.time >= result.from) keep.push(entry.id);
				continue;
			}
			candidates.push(entry);
		}
		if (keep.length > 0) nextUnplaced[result.key] = [...new Set(keep)];
	}

	// Another poll may have run while this one waited for TikTok and emitted some of the same entries: reconcile with
	// the cursors as they are now. Nothing below awaits, so no other poll can change them in between.
	const current = cursorsNow();
	const currentUnplaced = (staticData[unplacedKey] ?? {}) as Record<string, string[]>;
	const fresh: E[] = [];
	for (const key of spec.keys) {
		const now = readCursor(current[key]);
		if (now) next[key] = next[key] ? newer(now, next[key], overlap) : now;
		for (const entry of notSeenBy(now, candidates.filter((e) => e.key === key))) fresh.push(entry);
	}
	const unplacedNow = strays.filter((s) => !(currentUnplaced[s.entry.key] ?? []).includes(s.entry.id));

	// Oldest first across streams; what is over the limit stays pending (its cursor does not pass it).
	fresh.sort((a, b) => compareEntries(a, b) || compareIds(a.key, b.key));
	const emitted = spec.limit === undefined ? fresh : fresh.slice(0, spec.limit);
	for (const key of spec.keys) {
		const own = emitted.filter((e) => e.key === key);
		if (own.length > 0) next[key] = advanceCursor(next[key], own, overlap);
	}
	const items = emitted.map((e) => spec.toItem(e));
	for (const { entry } of unplacedNow) items.push(spec.toItem(entry));

	// Nothing to emit and a failure: the poll fails (n8n reports it), and no cursor moves.
	if (failures.length > 0 && items.length === 0) throw pollError(failures, spec);

	// n8n saves static data when a poll emits (and after activation): change it only then.
	if (items.length > 0 || seeded) {
		staticData[event] = spec.single ? next[spec.keys[0]] : next;
		if (Object.keys(nextUnplaced).length > 0) staticData[unplacedKey] = nextUnplaced;
		else delete staticData[unplacedKey];
		forgetOtherEvents(staticData, event);
		staticData.savedAt = { event, at: nowSeconds() };
	}
	if (typeof this.__emitError === 'function') {
		if (failures.length > 0) this.__emitError(pollError(failures, spec));
		if (unplacedNow.length > 0) this.__emitError(unplacedError(node, unplacedNow));
	}
	if (items.length === 0) return null;
	return [items];
}

/** The report of entries emitted without a place in the cursor: which IDs, and why (never their content). */
function unplacedError(node: INode, unplaced: Array<{ entry: StreamEntry; reason: string }>): NodeOperationError {
	const ids = unplaced.map((u) => `${u.entry.id} (${u.reason})`);
	const shown = ids.slice(0, 20).join(', ');
	return new NodeOperationError(
		node,
		`${unplaced.length} item${unplaced.length > 1 ? 's' : ''} had a time the trigger cannot place, and ${unplaced.length > 1 ? 'were' : 'was'} emitted once without moving its cursor: ${shown}${ids.length > 20 ? ', …' : ''}`,
		{
			description:
				"TikTok sent a creation time that cannot be read, or one far ahead of the clock. Such items are emitted once (marked with time_unplaced in the item) and do not hold back the others.",
		},
	);
}
