import type { IDataObject, IHttpRequestOptions, INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { developersApiRoot } from '../../../credentials/TikTokOAuth2Api.credentials';
import {
	httpFailureCode,
	isAmbiguousFailure,
	isRetryableHttpFailure,
	redirectError,
	redirectLocation,
	retryAfterMs,
	tikTokApiError,
} from './errors';
import { TIMEOUT_BUDGET_FACTOR, exchange, requestKind, requestTimeoutMs } from './request';
import { parseJsonKeepingLargeIntegers } from './json';
import type { AttemptOutcome } from './retry';
import { retryPolicyFor, withRetry } from './retry';
import { withCredentialScrubbed } from './secrets';
import type { TikTokFunctions, TikTokPagedRequest, TikTokRequest } from './types';
import { appendAll } from './arrays';

export const DEVELOPERS_CREDENTIALS = 'tikTokOAuth2Api';
/** `max_count` ceiling of `/v2/video/list/`. */
export const DEVELOPERS_MAX_COUNT = 20;

/** The root URL (`https://open.tiktokapis.com` or the custom one) for the credential's environment. */
export async function developersBaseUrl(this: TikTokFunctions): Promise<string> {
	const credentials = await this.getCredentials(DEVELOPERS_CREDENTIALS);
	const root = developersApiRoot(credentials);
	if (!/^https?:\/\/[^/]+/i.test(root)) {
		throw new NodeOperationError(
			this.getNode(),
			'The TikTok OAuth2 credential has no valid Base URL: set one for the Custom environment.',
		);
	}
	return root;
}

/**
 * TikTok's v2 query parameters are plain text, with lists comma-separated (`fields=open_id,display_name`): arrays
 * become comma lists, objects JSON, everything else text.
 */
export function encodeDevelopersQuery(qs: IDataObject = {}): IDataObject {
	const out: IDataObject = {};
	for (const [key, value] of Object.entries(qs)) {
		if (value === undefined || value === null) continue;
		if (Array.isArray(value)) out[key] = value.map((v) => String(v)).join(',');
		else out[key] = typeof value === 'object' ? JSON.stringify(value) : String(value);
	}
	return out;
}

/** `/v2/user/info` → `/v2/user/info/` (every v2 path ends with a slash); refuses anything but a plain `/v2/` path. */
export function normalizeDevelopersPath(this: TikTokFunctions, path: string): string {
	const p = path.trim().startsWith('/') ? path.trim() : `/${path.trim()}`;
	if (!/^\/v2\/[A-Za-z0-9_\-/.]*$/.test(p) || p.split('/').some((s) => s === '..' || s === '.')) {
		throw new NodeOperationError(this.getNode(), `Invalid TikTok Developers API path "${path}"`);
	}
	return p.endsWith('/') ? p : `${p}/`;
}

interface V2Envelope extends IDataObject {
	data?: IDataObject;
	error?: { code?: string; message?: string; log_id?: string };
}

function v2Error(body: unknown): V2Envelope['error'] | undefined {
	if (typeof body !== 'object' || body === null) return undefined;
	const error = (body as V2Envelope).error;
	return typeof error === 'object' && error !== null ? error : undefined;
}

/**
 * One call to TikTok's Developers API (`open.tiktokapis.com/v2`): Bearer token from the OAuth2 credential (n8n
 * refreshes it on HTTP 401 and retries), the `{data, error:{code, message, log_id}}` envelope unwrapped, rate limits
 * and server faults retried with backoff (honouring `Retry-After`). Never follows a redirect, bounds every attempt by
 * the node's timeout, reports a write whose fate is unknown as "may have been applied", and scrubs the credential's
 * secrets from every error. Returns `data`.
 */
export async function developersRequest(
	this: TikTokFunctions,
	request: TikTokRequest & { fullResponse?: boolean },
): Promise<IDataObject> {
	const node = this.getNode();
	return await withCredentialScrubbed(this, DEVELOPERS_CREDENTIALS, async () => await developersCall.call(this, request, node));
}

async function developersCall(
	this: TikTokFunctions,
	request: TikTokRequest & { fullResponse?: boolean },
	node: INode,
): Promise<IDataObject> {
	const root = await developersBaseUrl.call(this);
	const path = normalizeDevelopersPath.call(this, request.path);
	const { idempotent, write } = requestKind(request);
	const timeoutMs = requestTimeoutMs.call(this, request.itemIndex);

	return await withRetry(async (attempt, remainingMs): Promise<AttemptOutcome<IDataObject>> => {
		const options: IHttpRequestOptions = {
			method: request.method,
			url: `${root}${path}`,
			qs: encodeDevelopersQuery(request.qs),
			headers: { 'Content-Type': 'application/json', ...(request.headers ?? {}) },
			json: !request.largeIntegersAsText,
		};
		// int64 IDs sent as JSON numbers keep all their digits (read as text, parsed here).
		if (request.largeIntegersAsText) options.encoding = 'text';
		if (request.body !== undefined) options.body = request.body;

		const answer = await exchange.call(this, DEVELOPERS_CREDENTIALS, options, Math.min(timeoutMs, remainingMs), {
			tokenType: 'Bearer',
		});
		if (request.largeIntegersAsText) {
			if (answer.ok) answer.body = parseJsonKeepingLargeIntegers(answer.body);
			else answer.failure.body = parseJsonKeepingLargeIntegers(answer.failure.body);
		}

		const refusal = answer.ok ? undefined : answer.failure.oauthRefusal;
		if (refusal) {
			// n8n's token refresh was refused by TikTok's token endpoint (an OAuth error answer): nothing was stored.
			throw tikTokApiError(
				node,
				{
					api: 'developers',
					code: 'token_refresh_refused',
					message: `TikTok refused to refresh the access token (${[refusal.error, refusal.error_description].filter(Boolean).join(': ')})`,
					requestId: typeof refusal.log_id === 'string' ? refusal.log_id : undefined,
					attempts: attempt + 1,
				},
				request.itemIndex,
			);
		}
		if (!answer.ok) {
			// v2 errors come with HTTP 4xx/5xx; a 401 here means n8n's refresh did not help.
			const failure = answer.failure;
			const location = redirectLocation(failure);
			if (location !== undefined) throw redirectError(node, 'developers', failure.status, location, request.itemIndex);
			const tikTokError = v2Error(failure.body);
			const retryAfter = retryAfterMs(failure.headers);
			const final = tikTokApiError(
				node,
				{
					api: 'developers',
					code: tikTokError?.code ?? httpFailureCode(failure),
					message: tikTokError?.message || failure.message,
					requestId: tikTokError?.log_id,
					httpStatus: failure.status,
					attempts: attempt + 1,
					retryAfterMs: retryAfter,
					timedOut: failure.timedOut,
					mayHaveBeenApplied: write && isAmbiguousFailure(failure),
				},
				request.itemIndex,
			);
			if (isRetryableHttpFailure(failure, idempotent)) return { retry: final, retryAfterMs: retryAfter };
			throw final;
		}

		const body = answer.body;
		const tikTokError = v2Error(body);
		if (tikTokError && tikTokError.code !== undefined && String(tikTokError.code).toLowerCase() !== 'ok') {
			const retryAfter = retryAfterMs(answer.headers);
			const final = tikTokApiError(
				node,
				{
					api: 'developers',
					code: String(tikTokError.code),
					message: tikTokError.message ?? '',
					requestId: tikTokError.log_id,
					httpStatus: answer.status,
					attempts: attempt + 1,
					retryAfterMs: retryAfter,
					mayHaveBeenApplied: write && tikTokError.code === 'internal_error',
				},
				request.itemIndex,
			);
			if (tikTokError.code === 'rate_limit_exceeded' || (idempotent && tikTokError.code === 'internal_error')) {
				return { retry: final, retryAfterMs: retryAfter };
			}
			throw final;
		}
		return { done: request.fullResponse ? ((body ?? {}) as IDataObject) : (((body as V2Envelope)?.data ?? {}) as IDataObject) };
	}, retryPolicyFor(timeoutMs, TIMEOUT_BUDGET_FACTOR));
}

/**
 * Pages through a v2 cursor endpoint (`cursor` / `has_more`, `max_count` ≤ 20 in the JSON body), sending each
 * response's cursor in the next request and stopping as soon as `limit` entities are in hand (or `stopAfter` says so).
 */
export async function developersRequestAllItems(
	this: TikTokFunctions,
	request: TikTokPagedRequest & { maxCount?: number },
): Promise<IDataObject[]> {
	const listKey = request.listKey ?? 'videos';
	const limit = request.limit;
	const maxCount = request.maxCount ?? DEVELOPERS_MAX_COUNT;
	const results: IDataObject[] = [];
	let cursor: unknown;
	for (;;) {
		const remaining = limit === undefined ? maxCount : Math.min(maxCount, limit - results.length);
		const body: IDataObject = { ...((request.body as IDataObject) ?? {}), max_count: remaining };
		if (cursor !== undefined) body.cursor = cursor as IDataObject[string];
		const data = await developersRequest.call(this, { ...request, body, idempotent: request.idempotent ?? true });
		request.onPage?.(data);
		const list = Array.isArray(data[listKey]) ? (data[listKey] as IDataObject[]) : [];
		appendAll(results, list);
		if (limit !== undefined && results.length >= limit) return results.slice(0, limit);
		if (request.stopAfter?.(list)) return results;
		if (data.has_more !== true || data.cursor === undefined || data.cursor === cursor) return results;
		cursor = data.cursor;
	}
}
