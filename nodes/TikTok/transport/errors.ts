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
	/** What TikTok's `Retry-After` asked for (ms), when it sent one. */
	retryAfterMs?: number;
	/** A write that may have been applied although the call failed (connection lost, timeout, HTTP 5xx). */
	mayHaveBeenApplied?: boolean;
	/** No answer within the timeout. */
	timedOut?: boolean;
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
	token_refresh_refused: `The access token expired and TikTok's token endpoint refused n8n's refresh, so nothing was stored and the call was not made. ${RECONNECT_DEVELOPERS} If it happens after every expiry, TikTok wants the Client Key in the refresh's form body and answers the refusal with an HTTP error: see "TikTok OAuth2 API credential" in the package README.`,
	access_token_invalid: `The access token is invalid or expired and could not be refreshed. ${RECONNECT_DEVELOPERS}`,
	scope_not_authorized: `The user did not grant the scope this call needs. Add it to the credential's Scope (and enable it for your app), then reconnect.`,
	scope_permission_missed: `A requested field needs a scope the token does not have. Add the scope to the credential's Scope and reconnect, or ask for fewer fields.`,
	invalid_params: 'TikTok rejected a parameter. Check the field named in the message.',
	rate_limit_exceeded: 'TikTok rate-limited the call. Wait a minute or poll less often.',
	internal_error: 'TikTok had an internal error. Try again later.',
	// Content Posting API (contract §9): init, status and upload errors, and the `fail_reason` of a FAILED post.
	invalid_param: 'TikTok rejected a parameter of the post. Check the field named in the message.',
	spam_risk_too_many_posts: 'The creator reached TikTok\'s daily cap of posts made through the API. Try again tomorrow, or post from the TikTok app.',
	spam_risk_user_banned_from_posting: 'TikTok has banned this account from making new posts. Do not retry; the creator must resolve it in the TikTok app.',
	spam_risk_too_many_pending_share: 'The creator has too many drafts waiting in the TikTok inbox (at most 5 pending shares in 24 hours). Post or delete the drafts in the TikTok app, then try again.',
	reached_active_user_cap: 'Your TikTok app reached its daily quota of active posting users. Try again tomorrow, or ask TikTok for a higher quota.',
	unaudited_client_can_only_post_to_private_accounts: 'Your TikTok app has not passed TikTok\'s audit yet, so it can only post to a private account with Privacy Level "Only Me" (SELF_ONLY). Make the TikTok account private and choose Only Me, or have the app audited by TikTok.',
	url_ownership_unverified: 'TikTok only pulls videos and photos from a domain or URL prefix your app has verified. Add the domain (DNS TXT record) or the URL prefix under "URL properties" of your app on developers.tiktok.com, or send the video as a binary file instead.',
	privacy_level_option_mismatch: 'The Privacy Level is not one the creator is offered. Run "Get Creator Info" and choose one of its privacy_level_options.',
	app_version_check_failed: 'Sending to the inbox (Media Upload) needs TikTok app version 31.8 or later on the creator\'s phone.',
	invalid_publish_id: 'TikTok does not know this Publish ID. Use the publish_id a posting operation returned.',
	token_not_authorized_for_specified_publish_id: 'This Publish ID belongs to another TikTok account or app: use the credential that made the post.',
	file_format_check_failed: 'TikTok does not accept the file format. Send MP4 (H.264 recommended), WebM or MOV videos, or JPEG/WebP photos.',
	duration_check_failed: 'The video is too long or too short for this creator. Check max_video_post_duration_sec with "Get Creator Info".',
	frame_rate_check_failed: 'TikTok accepts videos of 23 to 60 frames per second.',
	picture_size_check_failed: 'TikTok accepts videos of 360 to 4096 pixels per side, and photos up to 1080p.',
	internal: 'TikTok had an internal fault while processing the post. This is retryable: post again.',
	video_pull_failed: 'TikTok could not download the video from the URL within an hour. Check that the URL is public, https, not redirecting and not bandwidth-limited, then post again.',
	photo_pull_failed: 'TikTok could not download a photo from its URL within an hour. Check that every URL is public, https, not redirecting, then post again.',
	publish_cancelled: 'The download was cancelled before TikTok finished it.',
	auth_removed: 'The creator removed your app\'s access while the post was processing. Do not retry; reconnect first.',
	spam_risk_text: 'TikTok judged the caption text risky or spammy. Change the title/description; do not retry as is.',
	spam_risk: 'TikTok judged the post risky and stopped it. Do not retry as is.',
	upload_url_expired: 'The upload URL expired (TikTok allows one hour). Run the operation again to start a new upload; check the TikTok inbox for a leftover draft first.',
	upload_not_found: 'TikTok no longer knows this upload. Run the operation again to start a new upload.',
	upload_range_mismatch: 'The upload got out of step with TikTok. Run the operation again to start a new upload.',
	upload_bad_request: 'TikTok refused a chunk of the video. Run the operation again; if it keeps failing, check the file.',
	upload_network: 'The video could not be sent to TikTok (connection failed repeatedly). Check the network and run the operation again.',
	upload_incomplete: 'TikTok expected more bytes than the file has. Check that the binary is complete.',
	post_status_timeout: 'TikTok is still processing the post. Use the Post → Get Status operation later with the Publish ID.',
};

/** The hint for a Developers API error code (or a post's `fail_reason`), if there is one. */
export function developersHint(code: string): string | undefined {
	return Object.prototype.hasOwnProperty.call(DEVELOPERS_HINTS, code) ? DEVELOPERS_HINTS[code] : undefined;
}

const RATE_LIMIT_CODES = new Set<number | string>([...BUSINESS_RATE_LIMIT_CODES, 'rate_limit_exceeded']);
const AUTH_CODES = new Set<number | string>([40101, 40102, 40104, 40105, 40107, 40110, 40113, 'access_token_invalid', 'token_refresh_refused']);
const PERMISSION_CODES = new Set<number | string>([40001, 40125, 40118, 40119, 'scope_not_authorized', 'scope_permission_missed']);
const NOT_FOUND_CODES = new Set<number | string>([40007, 40300, 40301, 40106]);
const SERVER_CODES = new Set<number | string>([...BUSINESS_SERVER_FAULT_CODES, 'internal_error']);

function attemptsText(info: TikTokErrorInfo): string {
	return info.attempts ? ` after ${info.attempts} attempt${info.attempts === 1 ? '' : 's'}` : '';
}

function hintFor(info: TikTokErrorInfo): string {
	if (info.mayHaveBeenApplied) {
		return 'The request reached TikTok or may have, and no clear answer came back: TikTok may have applied it. Check the current state in TikTok (or read it with a Get) before sending it again.';
	}
	if (RATE_LIMIT_CODES.has(info.code) || info.httpStatus === 429) {
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
	if (info.httpStatus && info.httpStatus >= 500) return `TikTok had a temporary fault${attemptsText(info)}. Try again later.`;
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
	/** Response headers (lower-case names), when TikTok answered. */
	headers?: Record<string, unknown>;
	message: string;
	/** A connection-level failure (no HTTP answer), e.g. ECONNRESET, or no answer in time. */
	network: boolean;
	/** No (complete) answer within the timeout. */
	timedOut?: boolean;
	/** The execution was cancelled: never retried. */
	cancelled?: boolean;
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
	const networkCode = e?.cause?.code ?? e?.code;
	const timedOut = status === undefined && (networkCode === 'ECONNABORTED' || networkCode === 'ETIMEDOUT' || networkCode === 'ESOCKETTIMEDOUT');
	const network = status === undefined && typeof networkCode === 'string' && NETWORK_ERROR_CODES.has(networkCode);
	let message = typeof e?.message === 'string' ? e.message : 'Request failed';
	if (network) message = `${networkCode}: ${message}`;
	const oauthRefusal = [error, (error as { cause?: unknown } | undefined)?.cause]
		.map((c) => c as { code?: unknown; body?: unknown } | undefined)
		.find((c) => c?.code === 'EAUTH' && typeof c.body === 'object' && c.body !== null && typeof (c.body as { error?: unknown }).error === 'string');
	return { status, body, headers, message, network, timedOut, ...(oauthRefusal ? { oauthRefusal: oauthRefusal.body as Record<string, unknown> } : {}) };
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
 * `Retry-After` in milliseconds: delta-seconds or an HTTP date (RFC 9110 §10.2.3). Undefined when absent or unreadable.
 */
export function retryAfterMs(headers: Record<string, unknown> | undefined, now = Date.now()): number | undefined {
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
