import type { INode, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { BUSINESS_RATE_LIMIT_CODES, BUSINESS_SERVER_FAULT_CODES } from './retry';

export type TikTokApiName = 'business' | 'developers' | 'oembed';

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
}

const RECONNECT_BUSINESS =
	'Reconnect: open the TikTok Business credential and authorize again (paste a new Authorization Code, or a new Access Token).';
const RECONNECT_DEVELOPERS = 'Reconnect: open the TikTok OAuth2 credential and click "Switch account" (or "Connect my account").';
const OEMBED_NOT_FOUND =
	'Check the Video URL: TikTok only embeds public videos that still exist (private, removed or age-restricted videos and non-video pages are refused).';

const BUSINESS_HINTS: Record<number, string> = {
	40000: 'TikTok rejected a parameter. Check the field named in the message.',
	40002: 'TikTok rejected a parameter, or the object does not exist or is not reachable with this token. Check the field named in the message and the IDs you passed.',
	40001: 'The app or this token has no permission for this call. Enable the matching permission (scope) for your app on the TikTok API for Business portal, then authorize again.',
	40125: 'The app lacks the permission (scope) for this call. Enable it on the TikTok API for Business portal, then authorize again.',
	40118: 'The app or advertiser is not allow-listed for this feature.',
	40119: 'The developer and the advertiser are not the same company.',
	40101: `The App ID or Secret is wrong. ${RECONNECT_BUSINESS}`,
	40102: `The access token expired. ${RECONNECT_BUSINESS}`,
	40104: `No access token was sent. ${RECONNECT_BUSINESS}`,
	40105: `TikTok rejected the access token. ${RECONNECT_BUSINESS}`,
	40106: 'The token does not belong to this advertiser. Check the advertiser ID, or authorize the advertiser for your app.',
	40107: `Marketing API tokens cannot be refreshed. ${RECONNECT_BUSINESS}`,
	40110: `The authorization code is invalid, used or expired. ${RECONNECT_BUSINESS}`,
	40113: `The App ID does not match the token, or the app is blocked. ${RECONNECT_BUSINESS}`,
	40006: 'The API version is not supported for this call.',
	40007: 'The object does not exist. Check the ID.',
	40008: 'TikTok has not implemented this call for this account type (sandbox accounts do not support it).',
	40009: 'This call is not supported in the sandbox.',
	40011: 'Too many IDs in one request.',
	40013: 'The sandbox account is missing or not supported.',
	40014: 'This call is not supported in the sandbox.',
	40067: 'The report query is too large: shorten the date range or use fewer dimensions.',
	40300: 'The advertiser does not exist. Check the advertiser ID.',
	40301: 'The advertiser cannot be matched to this token. Check the advertiser ID.',
	40900: 'The uploaded file does not match its signature (MD5).',
	40907: 'The file is too large for TikTok.',
	40908: 'TikTok does not accept this file type.',
	40911: 'A material with this name already exists: choose another file name.',
	40915: 'The file does not meet TikTok specifications.',
	41001: 'TikTok has taken this endpoint offline.',
	41002: 'A field is no longer in use: remove it.',
};

const DEVELOPERS_HINTS: Record<string, string> = {
	access_token_invalid: `The access token is invalid or expired and could not be refreshed. ${RECONNECT_DEVELOPERS}`,
	scope_not_authorized: `The user did not grant the scope this call needs. Add it to the credential's Scope (and enable it for your app), then reconnect.`,
	scope_permission_missed: `A requested field needs a scope the token does not have. Add the scope to the credential's Scope and reconnect, or ask for fewer fields.`,
	invalid_params: 'TikTok rejected a parameter. Check the field named in the message.',
	rate_limit_exceeded: 'TikTok rate-limited the call. Wait a minute or poll less often.',
	internal_error: 'TikTok had an internal error. Try again later.',
};

const RATE_LIMIT_CODES = new Set<number | string>([...BUSINESS_RATE_LIMIT_CODES, 'rate_limit_exceeded']);
const AUTH_CODES = new Set<number | string>([40101, 40102, 40104, 40105, 40107, 40110, 40113, 'access_token_invalid']);
const PERMISSION_CODES = new Set<number | string>([40001, 40125, 40118, 40119, 'scope_not_authorized', 'scope_permission_missed']);
const NOT_FOUND_CODES = new Set<number | string>([40007, 40300, 40301, 40106]);
const SERVER_CODES = new Set<number | string>([...BUSINESS_SERVER_FAULT_CODES, 'internal_error']);

function hintFor(info: TikTokErrorInfo): string {
	if (RATE_LIMIT_CODES.has(info.code)) {
		const attempts = info.attempts ? ` after ${info.attempts} attempts` : '';
		return `TikTok kept rate-limiting the call${attempts}. Wait a little, lower how often the workflow runs, or spread the calls out; the app's rate limit level is set by TikTok.`;
	}
	if (SERVER_CODES.has(info.code)) {
		const attempts = info.attempts ? ` (tried ${info.attempts} times)` : '';
		return `TikTok had a temporary fault or is under maintenance${attempts}. Try again later.`;
	}
	if (info.api === 'business' && typeof info.code === 'number' && BUSINESS_HINTS[info.code]) {
		return BUSINESS_HINTS[info.code];
	}
	if (info.api === 'developers' && typeof info.code === 'string' && DEVELOPERS_HINTS[info.code]) {
		return DEVELOPERS_HINTS[info.code];
	}
	if (info.api === 'oembed' && (info.httpStatus === 400 || info.httpStatus === 404)) return OEMBED_NOT_FOUND;
	if (info.httpStatus === 401) return info.api === 'business' ? RECONNECT_BUSINESS : RECONNECT_DEVELOPERS;
	if (info.httpStatus && info.httpStatus >= 500) return 'TikTok had a temporary fault. Try again later.';
	return '';
}

function httpCodeFor(info: TikTokErrorInfo): string {
	if (RATE_LIMIT_CODES.has(info.code) || info.httpStatus === 429) return '429';
	if (AUTH_CODES.has(info.code)) return '401';
	if (PERMISSION_CODES.has(info.code)) return '403';
	if (NOT_FOUND_CODES.has(info.code)) return '404';
	if (SERVER_CODES.has(info.code)) return '503';
	if (info.httpStatus) return String(info.httpStatus);
	return '400';
}

/** Turns what TikTok said into the NodeApiError users see: TikTok's message, code, request ID and a hint. */
export function tikTokApiError(node: INode, info: TikTokErrorInfo, itemIndex?: number): NodeApiError {
	const rateLimited = RATE_LIMIT_CODES.has(info.code) || info.httpStatus === 429;
	const idLabel = info.api === 'developers' ? 'log_id' : 'request_id';
	const local = info.code === 'local';
	const details = local ? [] : [`code ${String(info.code)}`];
	if (info.requestId) details.push(`${idLabel} ${info.requestId}`);
	const hint = hintFor(info);
	// A failure before any HTTP answer that is not a network fault comes from n8n or the credential itself
	// (for example the authorization code exchange): its message already says what happened.
	const message = rateLimited
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
	error.context.tiktokCode = info.code;
	if (info.requestId) error.context.tiktokRequestId = info.requestId;
	return error;
}

/** TikTok's code (Business number or Developers text) carried by an error `tikTokApiError` made, if any. */
export function tikTokCodeOf(error: unknown): number | string | undefined {
	const code = (error as { context?: { tiktokCode?: unknown } } | undefined)?.context?.tiktokCode;
	return typeof code === 'number' || typeof code === 'string' ? code : undefined;
}

/** Socket-level failures worth another try (the request may not have reached TikTok, or its answer was lost). */
const NETWORK_ERROR_CODES = new Set([
	'ECONNRESET',
	'ECONNREFUSED',
	'ECONNABORTED',
	'ETIMEDOUT',
	'ESOCKETTIMEDOUT',
	'EPIPE',
	'EAI_AGAIN',
	'ENOTFOUND',
	'ENETUNREACH',
	'EHOSTUNREACH',
	'UND_ERR_SOCKET',
]);

export interface HttpFailure {
	status?: number;
	body?: unknown;
	message: string;
	/** A connection-level failure (no HTTP answer), e.g. ECONNRESET. */
	network: boolean;
}

/**
 * Reads status and body of a failed HTTP call from whatever n8n's request helper threw, dropping everything else
 * (request options, headers: they hold the token).
 */
export function httpFailure(error: unknown): HttpFailure {
	const e = error as {
		httpCode?: string | null;
		message?: string;
		cause?: { response?: { status?: number; data?: unknown }; status?: number; code?: string };
		response?: { status?: number; data?: unknown };
		context?: { data?: unknown };
		code?: string;
	};
	const response = e?.cause?.response ?? e?.response;
	const rawStatus = response?.status ?? (e?.httpCode ? Number(e.httpCode) : undefined);
	const status = Number.isFinite(rawStatus) ? rawStatus : undefined;
	const body = response?.data ?? e?.context?.data;
	const networkCode = e?.cause?.code ?? e?.code;
	const network = status === undefined && typeof networkCode === 'string' && NETWORK_ERROR_CODES.has(networkCode);
	let message = typeof e?.message === 'string' ? e.message : 'Request failed';
	if (network) message = `${networkCode}: ${message}`;
	return { status, body, message, network };
}

/** Whether a failed call may be sent again: always for 429, for reads also on 5xx and connection failures. */
export function isRetryableHttpFailure(failure: HttpFailure, idempotent: boolean): boolean {
	if (failure.status === 429) return true;
	if (!idempotent) return false;
	return failure.network || (failure.status !== undefined && failure.status >= 500);
}
