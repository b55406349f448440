import type { INode, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { clock } from './clock';
import { OEMBED_NOT_FOUND, RECONNECT_BUSINESS, RECONNECT_DEVELOPERS, codeMeaning } from './codes';
import { isNetworkFailureCode, socketFailureKind } from './reach';
import { scrubPersonalData } from './secrets';
import type { TikTokApiName } from './types';

/** What TikTok said about a failed call: nothing here may hold a token or secret. */
export interface TikTokErrorInfo {
	api: TikTokApiName;
	/** Business: numeric `code`; Developers: `error.code` string; oEmbed / HTTP: the HTTP status. */
	code: number | string;
	message: string;
	/** Business `request_id` or Developers `log_id`. */
	requestId?: string;
	httpStatus?: number;
	/** Number of attempts made, when retries were involved. */
	attempts?: number;
	/** What TikTok's `Retry-After` asked for (ms), when it sent one. */
	retryAfterMs?: number;
	/** A write that may have been applied although the call failed (connection lost, timeout, HTTP 5xx). */
	mayHaveBeenApplied?: boolean;
	/** No answer within the timeout. */
	timedOut?: boolean;
}

/** Whether `error` is a write's failure without a clear answer: TikTok may have applied it (`context.mayHaveBeenApplied`). */
export function mayHaveBeenApplied(error: unknown): boolean {
	return (error as { context?: { mayHaveBeenApplied?: unknown } } | undefined)?.context?.mayHaveBeenApplied === true;
}

function attemptsText(info: TikTokErrorInfo): string {
	return info.attempts ? ` after ${info.attempts} attempt${info.attempts === 1 ? '' : 's'}` : '';
}

function hintFor(info: TikTokErrorInfo): string {
	if (info.mayHaveBeenApplied) {
		return 'The request reached TikTok or may have, and no clear answer came back: TikTok may have applied it. Check the current state in TikTok (or read it with a Get) before sending it again.';
	}
	const meaning = codeMeaning(info.api, info.code);
	if (meaning.retry === 'rateLimit' || info.httpStatus === 429) {
		const asked =
			info.retryAfterMs !== undefined ? ` TikTok asked to wait ${Math.ceil(info.retryAfterMs / 1000)} s before the next call.` : '';
		return `TikTok kept rate-limiting the call${attemptsText(info)}.${asked} Wait a little, lower how often the workflow runs, or spread the calls out; the app's rate limit level is set by TikTok.`;
	}
	if (info.timedOut) {
		return `TikTok did not answer in time${attemptsText(info)}. Try again later, or raise "Request Options → Timeout" if TikTok is slow for this call.`;
	}
	if (info.code === 'network') {
		return `The connection to TikTok failed${attemptsText(info)}. Check the network between n8n and TikTok, then try again.`;
	}
	if (meaning.retry === 'serverFault') {
		const attempts = info.attempts ? ` (tried ${info.attempts} times)` : '';
		return `TikTok had a temporary fault or is under maintenance${attempts}. Try again later.`;
	}
	if (meaning.hint) return meaning.hint;
	if (info.api === 'oembed' && (info.httpStatus === 400 || info.httpStatus === 404)) return OEMBED_NOT_FOUND;
	if (info.httpStatus === 401) return info.api === 'business' ? RECONNECT_BUSINESS : RECONNECT_DEVELOPERS;
	if (info.httpStatus && info.httpStatus >= 500) return `TikTok had a temporary fault${attemptsText(info)}. Try again later.`;
	return '';
}

function httpCodeFor(info: TikTokErrorInfo): string {
	const meaning = codeMeaning(info.api, info.code);
	if (meaning.httpCode === '429' || info.httpStatus === 429) return '429';
	if (meaning.httpCode) return meaning.httpCode;
	if (info.httpStatus) return String(info.httpStatus);
	return '400';
}

/** Turns what TikTok said into the NodeApiError users see: TikTok's message, code, request ID and a hint. */
export function tikTokApiError(node: INode, raw: TikTokErrorInfo, itemIndex?: number): NodeApiError {
	// Personal data TikTok may echo (a lead's email or phone in a message) never reaches the error, nor n8n's log.
	const info: TikTokErrorInfo = { ...raw, message: scrubPersonalData(raw.message ?? '') };
	const rateLimited = codeMeaning(info.api, info.code).retry === 'rateLimit' || info.httpStatus === 429;
	const idLabel = info.api === 'developers' ? 'log_id' : 'request_id';
	const local = info.code === 'local';
	const details = local ? [] : [`code ${String(info.code)}`];
	if (info.requestId) details.push(`${idLabel} ${info.requestId}`);
	// A give-up names the HTTP status and how often it was tried.
	if (info.httpStatus && (info.httpStatus !== 200 || rateLimited)) details.push(`HTTP ${info.httpStatus}`);
	if (info.attempts && (info.attempts > 1 || rateLimited || info.timedOut)) {
		details.push(`${info.attempts} attempt${info.attempts === 1 ? '' : 's'}`);
	}
	const hint = hintFor(info);
	// A failure before any HTTP answer that is not a network fault comes from n8n or the credential itself
	// (for example the authorization code exchange): its message already says what happened.
	const message = info.mayHaveBeenApplied
		? `TikTok may have applied this change: ${info.message || 'the request failed'}`
		: rateLimited
		? `TikTok rate-limited the call: ${info.message || 'too many requests'}`
		: local
			? info.message
			: `TikTok: ${info.message || 'the request failed'}`;
	const errorResponse: JsonObject = {
		code: info.code,
		message: info.message,
		[idLabel]: info.requestId ?? null,
	};
	if (info.httpStatus) errorResponse.httpStatus = info.httpStatus;
	const error = new NodeApiError(node, errorResponse, {
		message,
		description: [hint, details.length ? `(${details.join(', ')})` : ''].filter(Boolean).join(' ') || undefined,
		httpCode: httpCodeFor(info),
		itemIndex,
	});
	// n8n swaps a headline that mentions a socket code (ECONNRESET…) for its own text, which says "You can retry the
	// request immediately": wrong for a write that may have been applied, and less precise for a read. Ours stays.
	error.message = message;
	error.context.tiktokCode = info.code;
	if (info.mayHaveBeenApplied) error.context.mayHaveBeenApplied = true;
	if (info.requestId) error.context.tiktokRequestId = info.requestId;
	return error;
}

/** TikTok's code (Business number or Developers text) carried by an error `tikTokApiError` made, if any. */
export function tikTokCodeOf(error: unknown): number | string | undefined {
	const code = (error as { context?: { tiktokCode?: unknown } } | undefined)?.context?.tiktokCode;
	return typeof code === 'number' || typeof code === 'string' ? code : undefined;
}

export interface HttpFailure {
	status?: number;
	body?: unknown;
	/** Response headers (lower-case names), when TikTok answered. */
	headers?: Record<string, unknown>;
	message: string;
	/** A connection-level failure (no HTTP answer), e.g. ECONNRESET, or no answer in time. */
	network: boolean;
	/** No (complete) answer within the timeout. */
	timedOut?: boolean;
	/** The execution was cancelled: never retried. */
	cancelled?: boolean;
	/** The answer was longer than the call's `maxBodyBytes`: not read past that bound (the pipeline fails the call there). */
	tooLarge?: boolean;
	/**
	 * n8n's OAuth2 token refresh was refused by the token endpoint with an HTTP error: its OAuth error answer
	 * (`{error, error_description, log_id}`; `@n8n/client-oauth2` throws it as an `EAUTH` error carrying the body).
	 */
	oauthRefusal?: Record<string, unknown>;
}

/**
 * Reads status, headers and body of a failed HTTP call from whatever n8n's request helper threw, dropping everything
 * else (request options, request headers: they hold the token).
 */
export function httpFailure(error: unknown): HttpFailure {
	const e = error as {
		httpCode?: string | null;
		message?: string;
		cause?: { response?: { status?: number; data?: unknown; headers?: unknown }; status?: number; code?: string };
		response?: { status?: number; data?: unknown; headers?: unknown };
		context?: { data?: unknown };
		code?: string;
	};
	const response = e?.cause?.response ?? e?.response;
	const rawStatus = response?.status ?? (e?.httpCode ? Number(e.httpCode) : undefined);
	const status = Number.isFinite(rawStatus) ? rawStatus : undefined;
	const body = response?.data ?? e?.context?.data;
	const headers = plainHeaders(response?.headers);
	// n8n 1.x's NodeApiError loses its `cause`: the socket's code is left only in `httpCode` (e.g. "ECONNRESET").
	const codeInHttpCode = isNetworkFailureCode(e?.httpCode) ? e.httpCode : undefined;
	const networkCode = e?.cause?.code ?? e?.code ?? codeInHttpCode;
	// The one table of socket failures (reach.ts): which are network faults, which of them timeouts.
	const network = status === undefined && isNetworkFailureCode(networkCode);
	const timedOut = network && socketFailureKind(networkCode) === 'timedOut';
	// The socket's own words ("socket hang up"), not n8n's retelling, which for ECONNRESET says "You can retry the
	// request immediately": not ours to say (a write may have been applied).
	// (n8n 1.x keeps them only as the first of its `messages`.)
	const socketSaid = (e?.cause as { message?: unknown } | undefined)?.message ?? (codeInHttpCode ? (e as { messages?: unknown[] }).messages?.[0] : undefined);
	const said = network && typeof socketSaid === 'string' ? socketSaid : e?.message;
	let message = (typeof said === 'string' ? said : 'Request failed').replace(/\s*You can retry the request immediately or wait and retry later\.?/i, '');
	if (network) message = `${networkCode}: ${message}`;
	const oauthRefusal = [error, (error as { cause?: unknown } | undefined)?.cause]
		.map((c) => c as { code?: unknown; body?: unknown } | undefined)
		.find((c) => c?.code === 'EAUTH' && typeof c.body === 'object' && c.body !== null && typeof (c.body as { error?: unknown }).error === 'string');
	// n8n 1.x keeps of a refused token refresh only the OAuth library's text for the error, and `EAUTH` as its code.
	const refusal = oauthRefusal
		? (oauthRefusal.body as Record<string, unknown>)
		: e?.httpCode === 'EAUTH' && typeof e.message === 'string'
			? { error_description: e.message.trim() }
			: undefined;
	return { status, body, headers, message, network, timedOut, ...(refusal ? { oauthRefusal: refusal } : {}) };
}

/** Response headers as a plain object with lower-case names (axios gives an AxiosHeaders instance). */
export function plainHeaders(headers: unknown): Record<string, unknown> {
	const out: Record<string, unknown> = {};
	if (typeof headers !== 'object' || headers === null) return out;
	const source =
		typeof (headers as { toJSON?: unknown }).toJSON === 'function'
			? ((headers as { toJSON: () => Record<string, unknown> }).toJSON() ?? {})
			: (headers as Record<string, unknown>);
	for (const [name, value] of Object.entries(source)) out[name.toLowerCase()] = value;
	return out;
}

/** Whether a failed call may be sent again: always for 429, for reads also on 5xx, timeouts and connection failures. */
export function isRetryableHttpFailure(failure: HttpFailure, idempotent: boolean): boolean {
	if (failure.cancelled) return false;
	if (failure.status !== undefined && failure.status >= 300 && failure.status < 400) return false;
	if (failure.status === 429) return true;
	if (!idempotent) return false;
	return failure.network || (failure.status !== undefined && failure.status >= 500);
}

/**
 * A write whose fate is unknown: the request may have reached TikTok and been applied before the connection failed,
 * the answer timed out, or TikTok answered with a server error (HTTP 5xx). A rate limit (429) or any other answer
 * means TikTok refused it.
 */
export function isAmbiguousFailure(failure: HttpFailure): boolean {
	if (failure.cancelled) return false;
	return failure.network || (failure.status !== undefined && failure.status >= 500);
}

/**
 * `Retry-After` in milliseconds: delta-seconds or an HTTP date (RFC 9110 §10.2.3), the date measured on the transport's
 * one clock. Undefined when absent or unreadable.
 */
export function retryAfterMs(headers: Record<string, unknown> | undefined, now = clock.now()): number | undefined {
	const raw = headers?.['retry-after'];
	const text = Array.isArray(raw) ? String(raw[0] ?? '') : raw === undefined || raw === null ? '' : String(raw);
	const value = text.trim();
	if (!value) return undefined;
	if (/^\d+(\.\d+)?$/.test(value)) return Math.round(Number(value) * 1000);
	const date = Date.parse(value);
	if (Number.isNaN(date)) return undefined;
	return Math.max(0, date - now);
}

/** The code of an HTTP-level failure that carries no TikTok code: the HTTP status, or what went wrong. */
export function httpFailureCode(failure: HttpFailure): number | string {
	return failure.status ?? (failure.timedOut ? 'timeout' : failure.network ? 'network' : 'local');
}

/** The `Location` a redirect names (as TikTok sent it), if the failure is one. */
export function redirectLocation(failure: HttpFailure): string | undefined {
	if (failure.status === undefined || failure.status < 300 || failure.status >= 400) return undefined;
	const location = failure.headers?.location;
	return location === undefined || location === null ? '' : String(location);
}

/**
 * TikTok answered a credentialed call with a redirect. It is not followed: the token would go wherever `Location`
 * points (another host, or plain http). The error names where TikTok pointed.
 */
export function redirectError(
	node: INode,
	api: TikTokApiName,
	status: number | undefined,
	location: string,
	itemIndex?: number,
): NodeApiError {
	const where = location ? `to ${location.slice(0, 300)}` : 'without a Location';
	const error = new NodeApiError(
		node,
		{ code: 'redirect', message: `redirect ${where}`, httpStatus: status ?? null, location: location || null },
		{
			message: `TikTok answered with a redirect (HTTP ${status ?? '3xx'}) ${where}: it was not followed, so the credential's token was not sent there`,
			description:
				"TikTok's APIs answer in place and do not redirect API calls. Check the credential's Environment and Base URL, and the API path; if a proxy sits in between, make it forward the call instead of redirecting.",
			httpCode: String(status ?? 302),
			itemIndex,
		},
	);
	error.context.tiktokCode = 'redirect';
	error.context.redirectLocation = location;
	return error;
}
