import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError, deepCopy } from 'n8n-workflow';

import { mapConcurrent } from '../transport/concurrency';
import { isCallWideCode } from '../transport/codes';
import { tikTokCodeOf } from '../transport/errors';
import { errorItem, withItemIndex } from './items';

/**
 * A failure that says something about the whole call (token, permission, advertiser: transport/codes.ts), not about
 * one ID: once a request of a group fails so, the group's other requests would fail the same way, so they are not sent.
 */
function isGroupWide(error: unknown): boolean {
	return isCallWideCode(tikTokCodeOf(error));
}

export interface BatchedOperation<P> {
	/** Reads and checks one item's parameters. Throwing fails only that item, before any request. */
	prepare: (itemIndex: number) => P;
	/** Items with the same key go to TikTok together (the advertiser; plus the status for updates). */
	groupKey: (params: P) => string;
	/** The TikTok ID an item is about. Items of a group asking for the same ID share one answer. */
	id: (params: P) => string;
	/** Most IDs in one request. */
	batchSize: number;
	/**
	 * Sends one request for `ids` (all in the group of `params`) and returns, per ID, what TikTok said about it:
	 * the item's output or an Error. Throwing fails every item of this request. IDs left out fail via `missing`.
	 */
	send: (params: P, ids: string[], itemIndex: number) => Promise<Map<string, IDataObject | Error>>;
	/** The error of an item whose ID is absent from TikTok's answer. */
	missing: (params: P, id: string, itemIndex: number) => Error;
}

type Outcome = { json: IDataObject } | { error: unknown };

/**
 * Runs an operation over many input items with as few requests as TikTok allows: every item is checked first (a bad
 * item fails alone), then items are grouped (`groupKey`), their distinct IDs split into requests of `batchSize`,
 * and each answer is handed back to the items it belongs to. Output keeps input order, one item per input, each
 * paired with its input; a failure fails only its items (error items under continueOnFail). Requests go out
 * concurrently (each group's first alone, then the rest of it; groups side by side) under the transport's limit.
 * Without continueOnFail, a bad parameter stops the node before any request, and a failed request stops it: no
 * request starts after it (requests already sent are not undone), and the node fails with the error of the first
 * failed item.
 */
export async function executeBatched<P>(
	context: IExecuteFunctions,
	items: INodeExecutionData[],
	operation: BatchedOperation<P>,
): Promise<INodeExecutionData[]> {
	const node = context.getNode();
	const continueOnFail = context.continueOnFail();
	const outcomes: Outcome[] = new Array(items.length);
	const groups = new Map<string, Array<{ itemIndex: number; params: P; id: string }>>();

	for (let i = 0; i < items.length; i++) {
		try {
			const params = operation.prepare(i);
			const key = operation.groupKey(params);
			let group = groups.get(key);
			if (!group) {
				group = [];
				groups.set(key, group);
			}
			group.push({ itemIndex: i, params, id: operation.id(params) });
		} catch (error) {
			if (!continueOnFail) throw withItemIndex(node, error, i);
			outcomes[i] = { error };
		}
	}

	// Every group's requests: its first alone (a token or advertiser problem then stops the group's others before they
	// are sent), the rest together; groups side by side. The transport's limiter bounds what really runs at once.
	type Entry = { itemIndex: number; params: P; id: string };
	const chunksOf = (entries: Entry[]) => {
		const ids = [...new Set(entries.map((e) => e.id))];
		const chunks: Array<{ ids: string[]; entries: Entry[] }> = [];
		for (let start = 0; start < ids.length; start += operation.batchSize) {
			const chunk = ids.slice(start, start + operation.batchSize);
			const inChunk = new Set(chunk);
			chunks.push({ ids: chunk, entries: entries.filter((e) => inChunk.has(e.id)) });
		}
		return chunks;
	};
	let stopped: { itemIndex: number; error: unknown } | undefined;
	const runChunk = async (chunk: { ids: string[]; entries: Entry[] }, groupFailure: unknown): Promise<unknown> => {
		let results: Map<string, IDataObject | Error> | undefined;
		let failure: unknown = groupFailure;
		if (failure === undefined) {
			try {
				results = await operation.send(chunk.entries[0].params, chunk.ids, chunk.entries[0].itemIndex);
			} catch (error) {
				failure = error;
			}
		}
		const used = new Set<string>();
		for (const entry of chunk.entries) {
			if (failure !== undefined) {
				outcomes[entry.itemIndex] = { error: failure };
				continue;
			}
			const result = results?.get(entry.id) ?? operation.missing(entry.params, entry.id, entry.itemIndex);
			if (result instanceof Error) {
				outcomes[entry.itemIndex] = { error: result };
			} else {
				// Items asking for the same ID get their own copy, so later nodes can change one safely.
				outcomes[entry.itemIndex] = { json: used.has(entry.id) ? deepCopy(result) : result };
				used.add(entry.id);
			}
		}
		if (!continueOnFail) {
			const failed = chunk.entries.find((e) => 'error' in outcomes[e.itemIndex]);
			if (failed && (stopped === undefined || failed.itemIndex < stopped.itemIndex)) {
				stopped = { itemIndex: failed.itemIndex, error: (outcomes[failed.itemIndex] as { error: unknown }).error };
			}
			// No request starts after one failed: the node stops with it (requests already sent are not undone).
			if (failed) throw new Error('stopped');
		}
		return failure;
	};
	const runGroup = async (entries: Entry[]) => {
		const [first, ...rest] = chunksOf(entries);
		const failure = await runChunk(first, undefined);
		const groupFailure = failure !== undefined && isGroupWide(failure) ? failure : undefined;
		await mapConcurrent(rest, async (chunk) => await runChunk(chunk, groupFailure));
	};
	try {
		await mapConcurrent([...groups.values()], runGroup);
	} catch (error) {
		if (!stopped) throw new NodeOperationError(node, error as Error);
	}
	if (stopped) throw withItemIndex(node, stopped.error, stopped.itemIndex);

	return outcomes.map((outcome, i) =>
		'error' in outcome ? errorItem(outcome.error, i) : { json: outcome.json, pairedItem: { item: i } },
	);
}
