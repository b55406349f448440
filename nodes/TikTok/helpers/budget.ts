import type { IDataObject, IExecuteFunctions, INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { businessRequest } from '../transport';

/** TikTok's budget modes (contract §13.2). */
export const BUDGET_MODES = [
	'BUDGET_MODE_DAY',
	'BUDGET_MODE_DYNAMIC_DAILY_BUDGET',
	'BUDGET_MODE_INFINITE',
	'BUDGET_MODE_TOTAL',
] as const;
export type BudgetMode = (typeof BUDGET_MODES)[number];

/**
 * Currencies without minor units in ISO 4217: TikTok budgets in them take no decimals. Everything else takes at most
 * two (contract §13.3; decimals per currency are UNCONFIRMED, the node never rounds).
 */
const ZERO_DECIMAL_CURRENCIES = new Set([
	'BIF', 'CLP', 'DJF', 'GNF', 'ISK', 'JPY', 'KMF', 'KRW', 'PYG', 'RWF', 'UGX', 'VND', 'VUV', 'XAF', 'XOF', 'XPF',
]);

/** Most decimals a budget or bid may have in `currency`. */
export function currencyDecimals(currency: string | undefined): number {
	return currency && ZERO_DECIMAL_CURRENCIES.has(currency.toUpperCase()) ? 0 : 2;
}

/** TikTok's documented minimums (contract §13.3): USD only; other currencies are left to TikTok. */
const MINIMUMS: Record<string, { campaign: number; adGroupDaily: number }> = {
	USD: { campaign: 50, adGroupDaily: 20 },
};

export interface Amount {
	/** The number sent to TikTok (exactly the decimal typed: no rounding happens anywhere). */
	value: number;
	/** The amount as written, for messages. */
	text: string;
	decimals: number;
}

/**
 * Reads a money amount (a number, or text such as `"120.50"`): positive, plain decimal notation, at most 2
 * decimals whatever the currency. Returns undefined when empty. Refusals name `field`.
 */
export function parseAmount(node: INode, value: unknown, field: string, itemIndex: number): Amount | undefined {
	if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) return undefined;
	const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';
	if (!/^\d+(\.\d+)?$/.test(text)) {
		throw new NodeOperationError(
			node,
			`The "${field}" parameter must be a positive amount such as 120 or 120.50, got "${String(value).slice(0, 40)}"`,
			{ itemIndex },
		);
	}
	const decimals = text.includes('.') ? text.split('.')[1].length : 0;
	const amount = { value: Number(text), text, decimals };
	assertExact(node, amount, value, field, itemIndex);
	if (amount.value <= 0) {
		throw new NodeOperationError(node, `The "${field}" parameter must be more than 0, got ${text}`, { itemIndex });
	}
	if (decimals > 2) {
		throw new NodeOperationError(
			node,
			`The "${field}" parameter has ${decimals} decimals (${text}): TikTok takes at most 2, and the node does not round`,
			{ itemIndex },
		);
	}
	return amount;
}

/**
 * Refuses an amount a JavaScript number cannot carry exactly: beyond 2^53 − 1 (9007199254740993 would be sent as
 * 9007199254740992), or whose digits the number does not keep. A number mapped from another node that large has
 * already lost its digits, so it is refused too. What is sent is always exactly what was typed.
 */
function assertExact(node: INode, amount: Amount, typed: unknown, field: string, itemIndex: number): void {
	const [whole, fraction = ''] = amount.text.split('.');
	const wholeDigits = whole.replace(/^0+(?=\d)/, '');
	const exact =
		Number.isSafeInteger(Math.trunc(amount.value)) &&
		(typeof typed === 'number' ? Number.isSafeInteger(Math.trunc(typed)) : true) &&
		BigInt(wholeDigits) <= BigInt(Number.MAX_SAFE_INTEGER) &&
		Number(`${wholeDigits}.${fraction || '0'}`).toFixed(fraction.length) === `${wholeDigits}${fraction ? `.${fraction}` : ''}`;
	if (!exact) {
		throw new NodeOperationError(
			node,
			`The "${field}" parameter is too large to be sent exactly (${amount.text.slice(0, 40)}): amounts above ${Number.MAX_SAFE_INTEGER} lose digits`,
			{ itemIndex, description: 'Nothing was sent to TikTok. Enter the amount in the currency of the advertiser, without extra digits.' },
		);
	}
}

/** Refuses an amount with more decimals than `currency` has (no rounding). */
export function assertCurrencyDecimals(
	node: INode,
	amount: Amount,
	field: string,
	currency: string | undefined,
	itemIndex: number,
): void {
	const allowed = currencyDecimals(currency);
	if (amount.decimals > allowed) {
		throw new NodeOperationError(
			node,
			`The "${field}" parameter is ${amount.text} ${currency ?? ''}`.trimEnd() +
				`: ${currency} amounts take ${allowed === 0 ? 'no decimals' : `at most ${allowed} decimals`}, and the node does not round`,
			{ itemIndex },
		);
	}
}

export interface BudgetCheck {
	amount: Amount;
	field: string;
	currency: string | undefined;
	level: 'campaign' | 'adGroup';
	budgetMode: string | undefined;
	/** Scheduled days of an ad group (for its lifetime budget minimum), when known. */
	scheduledDays?: number;
}

/**
 * Checks a budget against TikTok's documented rules before any write: the currency's decimals and, in USD, the
 * minimum per level and budget mode (campaign 50; ad group 20 a day, or 20 × scheduled days for a lifetime budget).
 */
export function assertBudget(node: INode, check: BudgetCheck, itemIndex: number): void {
	const { amount, field, currency, level, budgetMode } = check;
	assertCurrencyDecimals(node, amount, field, currency, itemIndex);
	if (budgetMode === 'BUDGET_MODE_INFINITE') {
		throw new NodeOperationError(
			node,
			`The "${field}" parameter cannot be set: this ${level === 'campaign' ? 'campaign' : 'ad group'} has no budget limit (BUDGET_MODE_INFINITE), and TikTok does not let a live budget type change`,
			{ itemIndex },
		);
	}
	const minimums = currency ? MINIMUMS[currency.toUpperCase()] : undefined;
	if (!minimums) return;
	let minimum = level === 'campaign' ? minimums.campaign : minimums.adGroupDaily;
	let why = level === 'campaign' ? 'a campaign budget' : 'an ad group daily budget';
	if (level === 'adGroup' && budgetMode === 'BUDGET_MODE_TOTAL' && check.scheduledDays && check.scheduledDays > 1) {
		minimum = minimums.adGroupDaily * check.scheduledDays;
		why = `an ad group lifetime budget over ${check.scheduledDays} scheduled days (${minimums.adGroupDaily} a day)`;
	}
	if (amount.value < minimum) {
		throw new NodeOperationError(
			node,
			`The "${field}" parameter is ${amount.text} ${currency}: TikTok's minimum for ${why} is ${minimum} ${currency}`,
			{ itemIndex },
		);
	}
}

/**
 * The currencies of `advertiserIds`, from `/advertiser/info/` (one read request per 100 advertisers), cached in
 * `cache` so one node run asks once per advertiser.
 */
export async function advertiserCurrencies(
	this: IExecuteFunctions,
	advertiserIds: string[],
	cache: Map<string, string | undefined>,
	itemIndex: number,
): Promise<Map<string, string | undefined>> {
	const wanted = [...new Set(advertiserIds)].filter((id) => !cache.has(id));
	for (let start = 0; start < wanted.length; start += 100) {
		const chunk = wanted.slice(start, start + 100);
		const data = await businessRequest.call(this, {
			method: 'GET',
			path: '/advertiser/info/',
			qs: { advertiser_ids: chunk, fields: ['advertiser_id', 'currency'] },
			itemIndex,
		});
		const list = Array.isArray(data.list) ? (data.list as IDataObject[]) : [];
		for (const id of chunk) {
			const found = list.find((a) => String(a.advertiser_id) === id);
			cache.set(id, found?.currency ? String(found.currency) : undefined);
		}
	}
	return cache;
}

/** Whole days between two TikTok times (`YYYY-MM-DD HH:MM:SS`, UTC), rounded up; undefined when unknown. */
export function scheduledDaysBetween(start: unknown, end: unknown): number | undefined {
	const parse = (v: unknown) =>
		typeof v === 'string' && /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(v) ? Date.parse(`${v.replace(' ', 'T')}Z`) : NaN;
	const a = parse(start);
	const b = parse(end);
	if (Number.isNaN(a) || Number.isNaN(b) || b <= a) return undefined;
	return Math.ceil((b - a) / 86_400_000);
}

/**
 * Points a TikTok refusal about the budget or bid (minimum in another currency, changed too often, lower than what
 * was spent: contract §13.3, UNCONFIRMED limits TikTok alone knows) at the field the user set.
 */
export function nameRefusedField(error: unknown, fields: Record<string, string>): unknown {
	const e = error as { message?: string; description?: string | null };
	if (!e || typeof e.message !== 'string') return error;
	for (const [key, field] of Object.entries(fields)) {
		if (new RegExp(`\\b${key}\\b`, 'i').test(e.message)) {
			const hint = `TikTok refused the "${field}" value.`;
			e.description = e.description ? `${hint} ${e.description}` : hint;
			break;
		}
	}
	return error;
}
