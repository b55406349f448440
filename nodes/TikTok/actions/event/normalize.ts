import { createHash } from 'crypto';
import type { INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/**
 * Personal data as TikTok wants it (docs/tiktok-contract.md §18.4): each value normalised, then SHA-256 as 64
 * lower-case hex characters. A value that already is 64 hex characters is taken as a hash and passed as it is.
 * Error messages name the field and the item, never the value.
 */

const SHA256_HEX = /^[0-9a-f]{64}$/i;

/** Most values of one kind (emails, phones, external IDs) one event carries. */
const MAX_VALUES = 20;

export type UserField = 'email' | 'phone' | 'externalId';

const FIELD_NAMES: Record<UserField, string> = {
	email: 'User Data → Email',
	phone: 'User Data → Phone',
	externalId: 'User Data → External ID',
};

export function sha256Hex(text: string): string {
	return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** Whether a value is already a SHA-256 hash (64 hex characters). */
export function isSha256Hex(text: string): boolean {
	return SHA256_HEX.test(text);
}

/** `(+1) 213-373-4253` → `+12133734253`; a national number gets `defaultCountryCode`; undefined when not a phone. */
export function toE164(raw: string, defaultCountryCode: string): string | undefined {
	// "+44 (0)20 …": the "(0)" is the national trunk prefix, never dialled after the country code.
	let text = raw.trim().replace(/\(0\)/g, '');
	text = text.replace(/[\s().\-/]/g, '');
	if (text.startsWith('00')) text = `+${text.slice(2)}`;
	if (!text.startsWith('+')) {
		const country = defaultCountryCode.replace(/[^\d]/g, '');
		if (country === '') return undefined;
		// A national number: its trunk prefix (leading 0) is not part of the international number.
		text = `+${country}${text.replace(/^0+/, '')}`;
	}
	return /^\+[1-9]\d{6,14}$/.test(text) ? text : undefined;
}

function normalise(field: UserField, raw: string, defaultCountryCode: string): string | undefined {
	if (field === 'email') {
		const email = raw.trim().toLowerCase();
		return /^[^\s@]+@[^\s@]+$/.test(email) ? email : undefined;
	}
	if (field === 'phone') return toE164(raw, defaultCountryCode);
	// External IDs are hashed as given (TikTok's example hashes "user_123" as is), surrounding spaces removed.
	const id = raw.trim();
	return id === '' ? undefined : id;
}

/** The values of one user field of an item: a text, a number, or a list of them (from an expression). */
function valuesOf(value: unknown): string[] {
	const list = Array.isArray(value) ? value : [value];
	return list
		.filter((v) => v !== undefined && v !== null && !(typeof v === 'string' && v.trim() === ''))
		.map((v) => (typeof v === 'number' ? String(v) : v)) as string[];
}

/**
 * One user field's values as TikTok's `user.<field>` list: each hashed (or passed on when already a hash). Refuses,
 * naming the field and the item but not the value, what cannot be normalised.
 */
export function hashUserField(
	node: INode,
	field: UserField,
	value: unknown,
	defaultCountryCode: string,
	itemIndex: number,
): string[] {
	const values = valuesOf(value);
	if (values.length > MAX_VALUES) {
		throw new NodeOperationError(node, `The "${FIELD_NAMES[field]}" parameter holds ${values.length} values: at most ${MAX_VALUES}`, {
			itemIndex,
		});
	}
	const out: string[] = [];
	for (const [n, entry] of values.entries()) {
		if (typeof entry !== 'string') {
			throw new NodeOperationError(node, `The "${FIELD_NAMES[field]}" parameter must be text (value ${n + 1} is ${typeof entry})`, {
				itemIndex,
			});
		}
		const trimmed = entry.trim();
		if (isSha256Hex(trimmed)) {
			out.push(trimmed.toLowerCase());
			continue;
		}
		const normalised = normalise(field, trimmed, defaultCountryCode);
		if (normalised === undefined) throw refused(node, field, n, values.length, itemIndex);
		out.push(sha256Hex(normalised));
	}
	return [...new Set(out)];
}

function refused(node: INode, field: UserField, n: number, count: number, itemIndex: number): NodeOperationError {
	const which = count > 1 ? ` (value ${n + 1})` : '';
	const hint =
		field === 'email'
			? 'an email address such as name@example.com'
			: 'a phone number in international format such as +12133734253, or set Options → Default Phone Country Code for national numbers';
	return new NodeOperationError(node, `The "${FIELD_NAMES[field]}" parameter${which} is not ${hint}`, {
		itemIndex,
		description: 'The value is not shown here: it is personal data. It is hashed inside n8n and never sent as it is.',
	});
}
