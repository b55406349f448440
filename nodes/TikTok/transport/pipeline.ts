import type { IDataObject, IHttpRequestMethods, IHttpRequestOptions, INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { codeMeaning, isRateLimitCode } from './codes';
import { retryPolicyUntil } from './concurrency';
import {
	httpFailureCode,
	isAmbiguousFailure,
	isRetryableHttpFailure,
	redirectError,
	redirectLocation,
	retryAfterMs,
	tikTokApiError,
} from './errors';
import { parseJsonKeepingLargeIntegers } from './json';
import { isStreamedBody } from './multipart';
import type { Answer } from './request';
import { TIMEOUT_BUDGET_FACTOR, exchange, requestKind, requestTimeoutMs } from './request';
import type { AttemptOutcome } from './retry';
import { retryPolicyFor, withRetry } from './retry';
import { withCredentialScrubbed } from './secrets';
import type { TikTokApiName, TikTokFunctions, TikTokRequest } from './types';

/** A credential's API root when it is an http(s) URL with a host; otherwise `message`, as an error of `node`. */
export function checkedApiRoot(node: INode, root: string, message: string): string {
	if (!/^https?:\/\/[^/]+/i.test(root)) throw new NodeOperationError(node, message);
	return root;
}

/**
 * A path below an API root with the trailing slash TikTok's paths have; refuses one that does not match `allowed` or
 * that climbs (`.`, `..`), naming it as `label`.
 */
export function normalizeApiPath(node: INode, path: string, allowed: RegExp, label: string): string {
	const p = path.trim().startsWith('/') ? path.trim() : `/${path.trim()}`;
	if (!allowed.test(p) || p.split('/').some((s) => s === '..' || s === '.')) {
		throw new NodeOperationError(node, `Invalid ${label} path "${path}"`);
	}
	return p.endsWith('/') ? p : `${p}/`;
}

/** TikTok's envelope, whatever the API spells it: success, `data`, code, message and request (log) ID. */
export interface Envelope {
	ok: boolean;
	data: IDataObject;
	code: number | string;
	message: string;
	requestId?: string;
	/** The whole answer (for `fullResponse`). */
	body: IDataObject;
}

/**
 * What differs between TikTok's APIs; everything else (signing, limiter, deadline, cancel, retries with `Retry-After`,
 * long integers, the code table, errors, secret scrubbing) is the one pipeline below. Adding an API is one profile.
 */
export interface ApiProfile {
	api: Exclude<TikTokApiName, 'oembed'>;
	/** n8n credential type the call is signed with. */
	credentialType: string;
	/** Passed to n8n's request helper as its OAuth2 options (e.g. `{ tokenType: 'Bearer' }`). */
	oauth2?: IDataObject;
	/** Root URL of the API for the credential's environment; throws a clear error when unusable. */
	baseUrl(this: TikTokFunctions): Promise<string>;
	/** The request's path, checked and normalised (e.g. a trailing slash); throws on anything but a plain path. */
	path(this: TikTokFunctions, path: string): string;
	/** The query string as TikTok wants it encoded. */
	query(qs: IDataObject | undefined, method: IHttpRequestMethods): IDataObject;
	/** TikTok's envelope read from a (parsed) answer, or undefined when the answer is not one. */
	envelope(body: unknown): Envelope | undefined;
}

/**
 * The one body decoder: text is parsed as JSON with the long-integer policy (json.ts); bytes (a download) are parsed
 * only when they look like a JSON object, and kept as bytes otherwise (a file).
 */
export function decodeBody(body: unknown): unknown {
	if (typeof body === 'string') return parseJsonKeepingLargeIntegers(body);
	const bytes = body instanceof ArrayBuffer ? new Uint8Array(body) : body;
	if (!(bytes instanceof Uint8Array)) return body;
	const first = bytes.find((b) => b !== 0x20 && b !== 0x0a && b !== 0x0d && b !== 0x09);
	if (first !== 0x7b) return body;
	const parsed = parseJsonKeepingLargeIntegers(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8'));
	return typeof parsed === 'object' && parsed !== null ? parsed : body;
}

/** How one call of the pipeline differs from a plain API call (the lead download). */
export interface CallShape<T> {
	/** Request options to add or replace (e.g. `Accept` and `encoding: 'arraybuffer'` for a file). */
	http?: Partial<IHttpRequestOptions>;
	/** Timeout of one attempt (default: the node's Timeout option) and how many of them the whole call may take. */
	timeoutMs?: number;
	/** The most bytes of an answer held (request.ts `maxBodyBytes`); past it the call fails with code `too_large`. */
	maxBodyBytes?: number;
	budgetFactor?: number;
	/**
	 * A successful HTTP answer (and its envelope, when it is one) as the call's result; undefined reads it as an API
	 * answer (data of a success envelope, or TikTok's error).
	 */
	result?: (answer: Answer, envelope: Envelope | undefined) => T | undefined;
}

/**
 * One call to a TikTok API through its profile: signed with the profile's credential, under the credential's limiter
 * (told about rate limits by the profile's envelope), every attempt bounded by its timeout and the execution's cancel
 * signal, rate limits and transient faults retried with backoff and `Retry-After` within the call's budget and the
 * request's `deadline`, a write never re-sent after an unclear failure (reported "may have been applied"), no
 * redirect followed, and the credential's secrets scrubbed from every error. Returns `data` (the whole envelope with
 * `fullResponse`), or what `shape.result` makes of the answer.
 */
export async function apiCall<T = IDataObject>(
	context: TikTokFunctions,
	profile: ApiProfile,
	request: TikTokRequest & { fullResponse?: boolean },
	shape: CallShape<T> = {},
): Promise<T> {
	return await withCredentialScrubbed(context, profile.credentialType, async () => await pipelineCall<T>(context, profile, request, shape));
}

async function pipelineCall<T>(
	context: TikTokFunctions,
	profile: ApiProfile,
	request: TikTokRequest & { fullResponse?: boolean },
	shape: CallShape<T>,
): Promise<T> {
	const node = context.getNode();
	const { api } = profile;
	const baseUrl = await profile.baseUrl.call(context);
	const path = profile.path.call(context, request.path);
	const { idempotent, write } = requestKind(request);
	const streamed = isStreamedBody(request.body) ? request.body : undefined;
	const isForm = streamed !== undefined || (typeof FormData !== 'undefined' && request.body instanceof FormData);
	const timeoutMs = shape.timeoutMs ?? request.timeoutMs ?? requestTimeoutMs.call(context, request.itemIndex);
	const isRateLimited = (status: number | undefined, body: unknown) =>
		status === 429 || isRateLimitCode(profile.envelope(body)?.code, api);
	const policy = retryPolicyUntil(request.deadline, retryPolicyFor(timeoutMs, shape.budgetFactor ?? TIMEOUT_BUDGET_FACTOR));

	return await withRetry(async (attempt, remainingMs): Promise<AttemptOutcome<T>> => {
		const options: IHttpRequestOptions = {
			method: request.method,
			url: `${baseUrl}${path}`,
			qs: profile.query(request.qs, request.method),
			headers: {
				...(streamed ? { 'Content-Type': streamed.type } : isForm ? {} : { 'Content-Type': 'application/json' }),
				...(request.headers ?? {}),
			},
			json: !isForm,
			// The answer as text, parsed once by decodeBody so long integer IDs keep every digit.
			encoding: 'text',
			...(shape.http ?? {}),
		};
		if (shape.http?.headers) options.headers = { ...(request.headers ?? {}), ...shape.http.headers };
		if (request.body !== undefined) options.body = request.body;

		const answer = await exchange.call(context, {
			credentialType: profile.credentialType,
			options,
			timeoutMs: Math.min(timeoutMs, remainingMs),
			oauth2: profile.oauth2,
			decode: decodeBody,
			isRateLimited,
			maxBodyBytes: shape.maxBodyBytes,
		});
		const attempts = attempt + 1;
		if (!answer.ok) {
			// HTTP-level failure: a redirect, a gateway, a 4xx/5xx (Developers errors come so), or the network.
			const failure = answer.failure;
			if (failure.tooLarge) {
				throw tikTokApiError(
					node,
					{ api, code: 'too_large', message: failure.message, httpStatus: failure.status, attempts },
					request.itemIndex,
				);
			}
			const location = redirectLocation(failure);
			if (location !== undefined) throw redirectError(node, api, failure.status, location, request.itemIndex);
			const refusal = failure.oauthRefusal;
			if (refusal) {
				// n8n's token refresh was refused by TikTok's token endpoint (an OAuth error answer): nothing was stored.
				throw tikTokApiError(
					node,
					{
						api,
						code: 'token_refresh_refused',
						message: `TikTok refused to refresh the access token (${[refusal.error, refusal.error_description].filter(Boolean).join(': ')})`,
						requestId: typeof refusal.log_id === 'string' ? refusal.log_id : undefined,
						attempts,
					},
					request.itemIndex,
				);
			}
			const envelope = profile.envelope(failure.body);
			const retryAfter = retryAfterMs(failure.headers);
			const final = tikTokApiError(
				node,
				{
					api,
					code: envelope && envelope.code !== '' ? envelope.code : httpFailureCode(failure),
					message: envelope?.message || failure.message,
					requestId: envelope?.requestId,
					httpStatus: failure.status,
					attempts,
					retryAfterMs: retryAfter,
					timedOut: failure.timedOut,
					mayHaveBeenApplied: write && isAmbiguousFailure(failure),
				},
				request.itemIndex,
			);
			if (isRetryableHttpFailure(failure, idempotent)) return { retry: final, retryAfterMs: retryAfter };
			throw final;
		}

		request.onResponseHeaders?.(answer.headers ?? {});
		const envelope = profile.envelope(answer.body);
		const shaped = shape.result?.(answer, envelope);
		if (shaped !== undefined) return { done: shaped };
		if (!envelope) {
			const final = tikTokApiError(
				node,
				{
					api,
					code: 'unexpected',
					message: 'TikTok answered with something that is not its JSON envelope',
					httpStatus: answer.status,
					attempts,
					mayHaveBeenApplied: write,
				},
				request.itemIndex,
			);
			if (idempotent) return { retry: final };
			throw final;
		}
		if (envelope.ok) return { done: (request.fullResponse ? envelope.body : envelope.data) as T };

		// TikTok's in-band error: the code table says whether it is a rate limit (retried, even for a write: TikTok
		// refused before doing anything), a server fault (retried for reads; a write may have been applied) or final.
		const meaning = codeMeaning(api, envelope.code);
		const retryAfter = retryAfterMs(answer.headers);
		const final = tikTokApiError(
			node,
			{
				api,
				code: envelope.code,
				message: envelope.message,
				requestId: envelope.requestId,
				httpStatus: answer.status,
				attempts,
				retryAfterMs: retryAfter,
				mayHaveBeenApplied: write && meaning.retry === 'serverFault',
			},
			request.itemIndex,
		);
		if (meaning.retry === 'rateLimit' || (idempotent && meaning.retry === 'serverFault')) {
			return { retry: final, retryAfterMs: retryAfter };
		}
		throw final;
	}, policy);
}
