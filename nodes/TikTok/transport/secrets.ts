import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

/** What a scrubbed secret becomes. */
export const REDACTED = '[redacted]';

/** Credential fields (or token-data keys) that hold something secret. */
const SECRET_KEY = /secret|token|code|password|state/i;
/**
 * Fields that match the pattern above, or sit inside token data, but are not secret: short common words, identifiers
 * (TikTok's token answer names the user by `open_id`, which User → Get and API calls return), and the credentials'
 * state flags (`tokenState`, `reachState`: "current" or empty; scrubbing them would redact the word "current").
 */
const NOT_SECRET = new Set(['clientId', 'appId', 'scope', 'token_type', 'tokenType', 'expires_in', 'refresh_expires_in', 'grantType', 'open_id', 'union_id', 'tokenState', 'reachState']);
/** Shorter values are not scrubbed: they would turn ordinary words and numbers into "[redacted]". */
const MIN_SECRET_LENGTH = 6;

function collect(value: unknown, key: string, out: Set<string>, depth: number): void {
	if (depth > 4 || value === null || value === undefined) return;
	if (typeof value === 'string') {
		if (SECRET_KEY.test(key) && !NOT_SECRET.has(key.slice(key.lastIndexOf('.') + 1)) && value.length >= MIN_SECRET_LENGTH && !value.startsWith('=')) {
			out.add(value);
		}
		return;
	}
	if (typeof value === 'object') {
		for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
			// Nested token data (`oauthTokenData`): every token-like key inside counts.
			collect(v, SECRET_KEY.test(key) && !/^\d+$/.test(k) ? `${key}.${k}` : k, out, depth + 1);
		}
	}
}

/**
 * Every secret of a credential: tokens (access, refresh, exchanged, pasted), app and client secrets, authorization
 * codes, the hidden token state, and their URL-encoded forms.
 */
export function credentialSecrets(credentials: ICredentialDataDecryptedObject | undefined): string[] {
	const out = new Set<string>();
	if (credentials) for (const [key, value] of Object.entries(credentials)) collect(value, key, out, 0);
	for (const secret of [...out]) {
		const encoded = encodeURIComponent(secret);
		if (encoded !== secret) out.add(encoded);
	}
	// Longest first, so a secret containing another is replaced whole.
	return [...out].sort((a, b) => b.length - a.length);
}

/** `text` with every secret replaced by "[redacted]". */
export function scrubText(text: string, secrets: string[]): string {
	let out = text;
	for (const secret of secrets) if (out.includes(secret)) out = out.split(secret).join(REDACTED);
	return out;
}

function scrubValue(value: unknown, secrets: string[], seen: Set<unknown>, depth: number): unknown {
	if (typeof value === 'string') return scrubText(value, secrets);
	if (typeof value !== 'object' || value === null || seen.has(value) || depth > 6) return value;
	seen.add(value);
	const target = value as Record<string, unknown>;
	for (const key of Object.getOwnPropertyNames(target)) {
		// The node's own definition (parameters) is the user's, not TikTok's, and is shown elsewhere anyway.
		if (key === 'node' || key === 'stack') continue;
		let current: unknown;
		try {
			current = target[key];
		} catch {
			continue;
		}
		const next = scrubValue(current, secrets, seen, depth + 1);
		if (next !== current) {
			try {
				target[key] = next;
			} catch {
				// read-only property: leave it
			}
		}
	}
	return value;
}

/**
 * Removes every secret from an error, whatever put it there (TikTok echoing a header in its message, n8n's own
 * errors, a location URL): message, description, context, the response TikTok sent, and the stack's first line.
 */
export function scrubError<T>(error: T, secrets: string[]): T {
	if (secrets.length === 0 || typeof error !== 'object' || error === null) return error;
	scrubValue(error, secrets, new Set(), 0);
	const e = error as { stack?: unknown };
	if (typeof e.stack === 'string') {
		try {
			e.stack = scrubText(e.stack, secrets);
		} catch {
			// read-only stack: leave it
		}
	}
	return error;
}

/** The secrets of every credential of `types` the node has (those it cannot read are skipped). */
export async function secretsOfCredentials(
	context: { getCredentials: (type: string) => Promise<ICredentialDataDecryptedObject> },
	types: string[],
): Promise<string[]> {
	const all = new Set<string>();
	for (const type of types) {
		try {
			for (const secret of credentialSecrets(await context.getCredentials(type))) all.add(secret);
		} catch {
			// The node has no credential of this type (or it cannot be read): nothing of it can leak.
		}
	}
	return [...all].sort((a, b) => b.length - a.length);
}

/**
 * Runs one call made with the credential of type `credentialType` and scrubs that credential's secrets from any error
 * it throws: the secrets it had before the call and its newest ones, since the credential may have changed during the
 * call (n8n refreshing OAuth2 tokens, or the Business credential's authorization code exchanged for a token).
 */
export async function withCredentialScrubbed<T>(
	context: { getCredentials: (type: string) => Promise<ICredentialDataDecryptedObject> },
	credentialType: string,
	call: () => Promise<T>,
): Promise<T> {
	const secrets = credentialSecrets(await context.getCredentials(credentialType));
	try {
		return await call();
	} catch (error) {
		const now = await context.getCredentials(credentialType).catch(() => undefined);
		throw scrubError(error as Error, [...new Set([...secrets, ...credentialSecrets(now)])]);
	}
}

/** What personal data in an error becomes. */
export const PERSONAL_DATA_REDACTED = '[personal data redacted]';

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;
/**
 * Phone numbers as people write them: `+` and 7–15 digits (separators allowed), the North American `(415) 555-0134`
 * form, or digits right after a word naming a phone. Bare digit runs (TikTok's IDs, times) and dates are left alone.
 */
const PHONE = /\+\d[\d\s().-]{5,18}\d|(?<!\d)\(?\d{3}\)?[\s.-]?\d{3}[\s.-]\d{4}(?![\d-])|(?<=\b(?:phone|mobile|tel|telephone|phone_number)\b\W{0,3})\d[\d\s().-]{5,18}\d/gi;

/**
 * `text` without the personal data TikTok may echo in an error message (a lead's email address or phone number, e.g.
 * from a lead export or a form answer), so it never reaches an error shown in n8n or n8n's log.
 */
export function scrubPersonalData(text: string): string {
	return text.replace(EMAIL, PERSONAL_DATA_REDACTED).replace(PHONE, (match) => {
		const digits = match.replace(/\D/g, '').length;
		return digits >= 7 && digits <= 15 ? PERSONAL_DATA_REDACTED : match;
	});
}
