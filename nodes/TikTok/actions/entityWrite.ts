import type { IDataObject, IExecuteFunctions, INode, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { executeBatched } from '../helpers/batch';
import type { Amount } from '../helpers/budget';
import { advertiserCurrencies, assertBudget, nameRefusedField, parseAmount } from '../helpers/budget';
import { derivedRequestId } from '../helpers/requestId';
import { refuseUnlessAllowed } from '../helpers/tool';
import { stringifyIds } from '../helpers/utils';
import { businessRequest, mayHaveBeenApplied } from '../transport';

/** What is shared by the campaign Create / Update and ad group Update operations: the rules of their fields, one write per item. */

/** TikTok's name lengths: a campaign name takes at most 512 characters, an ad group name under 512 (contract §13.1). */
export type NameLimit = 'at most 512' | 'under 512';

/** Chinese and Japanese characters, which count 2 toward a name's length (BUBUBA model/campaign/create.go l.79-80). */
const WIDE_CHARACTER = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\u3000-\u303f\uff00-\uffef]/u;

/** A name's length as TikTok counts it: each Chinese or Japanese character 2, every other character 1. */
export function tikTokNameLength(name: string): number {
	let length = 0;
	for (const character of name) length += WIDE_CHARACTER.test(character) ? 2 : 1;
	return length;
}

/** Refuses a name longer than TikTok takes; `label` names it, e.g. `"Campaign Name" parameter`. */
export function assertNameLength(node: INode, name: string, label: string, limit: NameLimit, itemIndex: number): void {
	const length = tikTokNameLength(name);
	if (limit === 'at most 512' ? length > 512 : length >= 512) {
		const characters = [...name].length;
		const counted = characters === length ? `${length} characters long` : `${length} characters long as TikTok counts it (${characters} characters; Chinese and Japanese ones count 2)`;
		throw new NodeOperationError(node, `The ${label} is ${counted}: TikTok takes ${limit}`, { itemIndex });
	}
}

/** A new name from Update Fields: trimmed, not empty, within TikTok's length. */
export function readNewName(node: INode, value: unknown, field: string, limit: NameLimit, itemIndex: number): string {
	const name = String(value).trim();
	if (name === '') throw new NodeOperationError(node, `The "${field}" field is empty: enter the new name`, { itemIndex });
	assertNameLength(node, name, `"${field}" field`, limit, itemIndex);
	return name;
}

/** A new amount from Update Fields (budget, bid): never rounded, not empty; `noun` is what the user enters. */
export function readNewAmount(node: INode, value: unknown, field: string, noun: string, itemIndex: number): Amount {
	const amount = parseAmount(node, value, field, itemIndex);
	if (!amount) throw new NodeOperationError(node, `The "${field}" field is empty: enter the new ${noun}`, { itemIndex });
	return amount;
}

/** A new Budget from Update Fields, also put into the body's `budget`; undefined when the field is not set. */
export function readNewBudget(node: INode, fields: IDataObject, body: IDataObject, itemIndex: number): Amount | undefined {
	if (fields.budget === undefined) return undefined;
	const budget = readNewAmount(node, fields.budget, 'Budget', 'budget', itemIndex);
	body.budget = budget.value;
	return budget;
}

/** The error of an update whose Update Fields hold nothing to change. */
export function emptyUpdateError(node: INode, itemIndex: number): NodeOperationError {
	return new NodeOperationError(node, 'The "Update Fields" parameter is empty: add at least one field to change', {
		itemIndex,
		description: 'Nothing was sent to TikTok.',
	});
}

/** Checks a campaign budget against the advertiser's currency (`/advertiser/info/`, once per advertiser) and budget mode. */
export async function assertCampaignBudget(
	this: IExecuteFunctions,
	advertiserId: string,
	budget: Amount,
	budgetMode: string | undefined,
	currencies: Map<string, string | undefined>,
	itemIndex: number,
): Promise<void> {
	await advertiserCurrencies.call(this, [advertiserId], currencies, itemIndex);
	assertBudget(
		this.getNode(),
		{ amount: budget, field: 'Budget', currency: currencies.get(advertiserId), level: 'campaign', budgetMode },
		itemIndex,
	);
}

/**
 * For an AI agent without "Allow Spending": refuses a new budget or bid above the current one TikTok returned (read by
 * the operation's `check`, before any write). Lower or equal goes through; an unknown current value counts as a raise.
 */
export function refuseRaise(
	this: IExecuteFunctions,
	itemIndex: number,
	change: { amount: Amount; current: unknown; what: string },
): void {
	const current = Number(change.current);
	if (change.current !== undefined && change.current !== null && change.current !== '' && Number.isFinite(current) && change.amount.value <= current) {
		return;
	}
	const from = Number.isFinite(current) && change.current !== null && change.current !== '' ? `from ${current} ` : '';
	refuseUnlessAllowed.call(this, itemIndex, 'spend', `raise ${change.what} ${from}to ${change.amount.text}`);
}

/**
 * Creates without a `request_id` whose answer was lost, by the key of the try (execution, node, run, item: the
 * derived request ID), so that n8n's "Retry On Fail" (which runs the node again in the same process) does not send
 * them twice. Bounded: the oldest key goes when full.
 */
const UNCLEAR_CREATES = new Set<string>();
const MAX_UNCLEAR_CREATES = 1000;

function rememberUnclearCreate(key: string): void {
	UNCLEAR_CREATES.delete(key);
	UNCLEAR_CREATES.add(key);
	if (UNCLEAR_CREATES.size > MAX_UNCLEAR_CREATES) UNCLEAR_CREATES.delete(UNCLEAR_CREATES.values().next().value as string);
}

/** One create or update operation: one `POST` per input item. */
export interface EntityWrite<P> {
	/**
	 * For a create: the new entity with its article (`a campaign`). Whatever is created starts enabled unless the body
	 * says `operation_status: DISABLE` (TikTok's default is ENABLE), so an AI agent needs "Allow Spending" for it.
	 */
	creates?: string;
	/** Reads and checks one item, before any request. */
	prepare: (itemIndex: number) => P;
	/** Checks made with reads only, before the write (`currencies` is the advertisers' currencies, shared by all items). */
	check?: (params: P, currencies: Map<string, string | undefined>, itemIndex: number) => Promise<void>;
	path: string;
	/** Whether the transport may send the write again after an unclear failure. */
	idempotent: boolean;
	/**
	 * For creates: send a `request_id` derived from the execution, node and item when the body has none (the user's
	 * own wins), so n8n's "Retry On Fail" cannot create a second object (helpers/requestId.ts).
	 */
	requestId?: boolean;
	/** TikTok body keys and the fields they come from, to name the field TikTok refused. */
	fieldNames: Record<string, string>;
	/** What TikTok should have returned (`created campaign`), in the error of an item it did not. */
	result: string;
	/**
	 * For a create TikTok takes no `request_id` for (`/ad/create/`): when an earlier try of the same item in this
	 * execution (n8n's "Retry On Fail") sent it and lost the answer, the create is NOT sent again; this looks for what
	 * that try may have made (reads only) and returns it, or undefined when TikTok does not show it.
	 */
	findLostCreate?: (params: P, itemIndex: number) => Promise<IDataObject | undefined>;
	/** Where the user should look for what a lost create may have made (`in ad group 123`). */
	lostCreateWhere?: (params: P) => string;
	/** The output item made of TikTok's `data` (default: `data` itself), e.g. the one ad of `/ad/create/`'s `creatives`. */
	output?: (data: IDataObject, itemIndex: number) => IDataObject;
}

/** Runs `write` on every input item: checks, then one `POST` with the item's body; each output item is TikTok's answer. */
export async function executeEntityWrite<P extends { body: IDataObject }>(
	context: IExecuteFunctions,
	items: INodeExecutionData[],
	write: EntityWrite<P>,
): Promise<INodeExecutionData[]> {
	const node = context.getNode();
	const currencies = new Map<string, string | undefined>();
	return await executeBatched<P & { key: string }>(context, items, {
		batchSize: 1,
		prepare: (i) => {
			const params = write.prepare(i);
			if (write.creates && params.body.operation_status !== 'DISABLE') {
				refuseUnlessAllowed.call(context, i, 'spend', `create ${write.creates} that starts enabled (set its Status to Disabled, or ask the author)`);
			}
			return { ...params, key: String(i) };
		},
		groupKey: (p) => p.key,
		id: (p) => p.key,
		send: async (p, ids, itemIndex) => {
			if (write.check) await write.check(p, currencies, itemIndex);
			if (write.requestId && p.body.request_id === undefined) {
				const requestId = derivedRequestId.call(context, itemIndex);
				if (requestId !== undefined) p.body.request_id = requestId;
			}
			// A create without TikTok's request_id: one an earlier try of this item left unclear is not sent again.
			const tryKey = write.findLostCreate ? derivedRequestId.call(context, itemIndex) : undefined;
			if (tryKey !== undefined && write.findLostCreate && UNCLEAR_CREATES.has(tryKey)) {
				const found = await write.findLostCreate(p, itemIndex);
				if (found) {
					UNCLEAR_CREATES.delete(tryKey);
					return new Map([[ids[0], { ...stringifyIds(found), created_by_earlier_try: true }]]);
				}
				throw new NodeOperationError(node, `Not sent again: an earlier try of this item sent the create of ${write.creates ?? 'this object'} and lost TikTok's answer, so TikTok may have created it`, {
					itemIndex,
					description: `n8n's Retry On Fail ran the node again. TikTok does not show it ${write.lostCreateWhere?.(p) ?? ''} yet, which can take a few seconds. Look there before running the workflow again: running it again creates another one.`,
				});
			}
			try {
				const data = await businessRequest.call(context, {
					method: 'POST',
					path: write.path,
					body: p.body,
					idempotent: write.idempotent,
					itemIndex,
				});
				return new Map([[ids[0], write.output ? write.output(stringifyIds(data), itemIndex) : stringifyIds(data)]]);
			} catch (error) {
				if (tryKey !== undefined && mayHaveBeenApplied(error)) rememberUnclearCreate(tryKey);
				throw explainRepeatedRequestId(nameRefusedField(error, write.fieldNames), p.body, write.result);
			}
		},
		missing: (_p, _id, itemIndex) => new NodeOperationError(node, `TikTok did not return the ${write.result}`, { itemIndex }),
	});
}

/**
 * A refusal naming `request_id` on a create that sent one: TikTok already made the object of that ID (an earlier
 * try whose answer was lost, e.g. before n8n's "Retry On Fail" ran the node again), so nothing new was created.
 */
function explainRepeatedRequestId(error: unknown, body: IDataObject, result: string): unknown {
	const e = error as { message?: string; description?: string | null };
	if (body.request_id === undefined || !e || typeof e.message !== 'string' || !/request_id/i.test(e.message)) return error;
	const hint =
		`TikTok already has the ${result.replace(/^created /, '')} of request ID ${String(body.request_id)}: an earlier try of this item ` +
		'(n8n\'s Retry On Fail, or a run with the same Request ID) created it and its answer was lost. Nothing new was created; find it in TikTok Ads Manager.';
	e.description = e.description ? `${hint} ${e.description}` : hint;
	return error;
}
