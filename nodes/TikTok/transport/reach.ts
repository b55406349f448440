import type { IHttpRequestOptions } from 'n8n-workflow';

/**
 * The one table of socket failures (no HTTP answer), by kind: the transport reads it to tell a network fault or a
 * timeout (errors.ts `httpFailure`), and the credentials (their test and their code exchange) to say what failed in one
 * sentence per kind (`reachFailureMessage`).
 *
 * No sentence names a socket code such as ECONNREFUSED: n8n swaps any message that mentions one for its own generic
 * text ("The service refused the connection - perhaps it is offline") when it wraps the error, and its credential test
 * shows only the bare code of an error that carries one.
 */

/** Socket codes of a connection TikTok's host refused or that broke before an answer. */
const REFUSED = new Set(['ECONNREFUSED']);
const NOT_FOUND = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_NONAME', 'EAI_FAIL']);
const TIMED_OUT = new Set(['ECONNABORTED', 'ETIMEDOUT', 'ESOCKETTIMEDOUT', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);
const CLOSED = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET']);
const NO_ROUTE = new Set(['EHOSTUNREACH', 'ENETUNREACH', 'EADDRNOTAVAIL']);

/** TLS: a certificate Node.js does not trust, or no TLS where HTTPS was asked for. */
function isTlsCode(code: string): boolean {
	return (
		code === 'EPROTO' ||
		code.startsWith('ERR_TLS_') ||
		code.startsWith('ERR_SSL_') ||
		/CERT|SELF_SIGNED|UNABLE_TO_(GET|VERIFY)/.test(code)
	);
}

export type ReachFailureKind = 'refused' | 'notFound' | 'timedOut' | 'closed' | 'noRoute' | 'tls';

/** The kind of socket failure a code names, or undefined for any other code. */
export function socketFailureKind(code: string): ReachFailureKind | undefined {
	if (REFUSED.has(code)) return 'refused';
	if (NOT_FOUND.has(code)) return 'notFound';
	if (TIMED_OUT.has(code)) return 'timedOut';
	if (CLOSED.has(code)) return 'closed';
	if (NO_ROUTE.has(code)) return 'noRoute';
	if (isTlsCode(code)) return 'tls';
	return undefined;
}

/**
 * A socket failure worth another try: the request may not have reached TikTok, or its answer was lost. A TLS failure
 * is not (it fails the same way again).
 */
export function isNetworkFailureCode(code: unknown): code is string {
	if (typeof code !== 'string') return false;
	const kind = socketFailureKind(code);
	return kind !== undefined && kind !== 'tls';
}

export interface ReachFailure {
	kind: ReachFailureKind;
	/** The socket code, e.g. ECONNREFUSED (for logs and tests; never put into a message, see above). */
	code: string;
	/** The socket's own words, e.g. "self-signed certificate" (TLS only: other kinds say nothing more). */
	detail: string;
}

/** The connection failure behind `error` (as n8n's request helpers throw it), or undefined if TikTok answered. */
export function reachFailure(error: unknown): ReachFailure | undefined {
	const e = error as { code?: unknown; message?: unknown; cause?: { code?: unknown; message?: unknown; response?: unknown }; response?: unknown };
	if (e?.response !== undefined || e?.cause?.response !== undefined) return undefined;
	const code = [e?.code, e?.cause?.code].find((c): c is string => typeof c === 'string' && c !== '');
	const said = String(e?.cause?.message ?? e?.message ?? '');
	// An abort from a timeout signal carries no socket code, only the name and words of the abort.
	const aborted = /timeout|timed out/i.test(said) && (code === undefined || code === 'ERR_CANCELED' || code === 'ABORT_ERR');
	if (aborted) return { kind: 'timedOut', code: code ?? 'timeout', detail: '' };
	if (code === undefined) return undefined;
	const kind = socketFailureKind(code);
	if (kind === undefined) return undefined;
	if (kind !== 'tls') return { kind, code, detail: '' };
	// OpenSSL's words follow its function name ("…:SSL routines:ssl3_get_record:wrong version number[:file:line:]");
	// Node's own ("self-signed certificate") are the whole message.
	const parts = said.split(':');
	const routines = parts.findIndex((part) => / routines$/.test(part.trim()));
	const words = routines >= 0 ? (parts[routines + 2] ?? '').trim() : said.trim();
	return { kind: 'tls', code, detail: words.replace(/\bE[A-Z_]{4,}\b:?\s*/g, '').trim() };
}

/** "https://host[:port]" of a URL, for messages (never its path or query, which may carry a secret). */
function originOf(url: string): string {
	try {
		const parsed = new URL(url);
		return `${parsed.protocol}//${parsed.host}`;
	} catch {
		return url;
	}
}

function hostnameOf(url: string): string {
	try {
		return new URL(url).hostname;
	} catch {
		return url;
	}
}

/**
 * The sentence for a failure to reach `url`, e.g. "TikTok's API could not be reached: nothing accepts connections at
 * http://127.0.0.1:9 (connection refused). Check the Base URL of the credential and the network between n8n and
 * TikTok, then try again."
 */
export function reachFailureMessage(failure: ReachFailure, url: string, options: { timeoutMs?: number; customBaseUrl?: boolean } = {}): string {
	const origin = originOf(url);
	const what = (() => {
		switch (failure.kind) {
			case 'refused':
				return `nothing accepts connections at ${origin} (connection refused)`;
			case 'notFound':
				return `the host name ${hostnameOf(url)} was not found (DNS lookup failed)`;
			case 'timedOut':
				return options.timeoutMs
					? `${origin} did not answer within ${Math.round(options.timeoutMs / 1000)} s (timed out)`
					: `${origin} did not answer in time (timed out)`;
			case 'closed':
				return `the connection to ${origin} was closed before an answer came`;
			case 'noRoute':
				return `there is no network route from n8n to ${origin}`;
			case 'tls':
				return `the secure connection (TLS) to ${origin} failed${failure.detail ? ` (${failure.detail})` : ''}`;
		}
	})();
	const check = options.customBaseUrl ? 'Check the Base URL of the credential and the network' : 'Check the network';
	return `TikTok's API could not be reached: ${what}. ${check} between n8n and TikTok, then try again.`;
}

/** How long a credential's reachability check waits for an answer. */
export const REACH_CHECK_TIMEOUT_MS = 15_000;

/**
 * Sends one request that carries no secret to `url` and throws `reachFailureMessage` as a plain Error if no HTTP answer
 * came back: any HTTP answer (even an error status) means the host is reachable. Called from a credential's
 * `preAuthentication`: n8n runs it before the credential's own test request, and an error thrown there reaches the
 * credential test as its message, while a failure of the test request itself shows only a bare socket code.
 */
export async function assertReachable(
	httpRequest: (options: IHttpRequestOptions) => Promise<unknown>,
	url: string,
	options: { customBaseUrl?: boolean } = {},
): Promise<void> {
	let failure: ReachFailure | undefined;
	try {
		await httpRequest({
			method: 'GET',
			url,
			ignoreHttpStatusErrors: true,
			disableFollowRedirect: true,
			returnFullResponse: true,
			timeout: REACH_CHECK_TIMEOUT_MS,
		});
	} catch (error) {
		// Not a connection failure (a redirect refused, a domain restriction…): the caller's own request will report it.
		failure = reachFailure(error);
	}
	if (failure) {
		throw new Error(reachFailureMessage(failure, url, { timeoutMs: REACH_CHECK_TIMEOUT_MS, customBaseUrl: options.customBaseUrl }));
	}
}
