import type { IDataObject, IHttpRequestOptions, INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { businessApiRoot } from '../../../credentials/TikTokBusinessOAuth2Api.credentials';
import {
	isAmbiguousFailure,
	isRetryableHttpFailure,
	redirectError,
	redirectLocation,
	retryAfterMs,
	tikTokApiError,
} from './errors';
import { TIMEOUT_BUDGET_FACTOR, exchange, requestTimeoutMs } from './request';
import type { AttemptOutcome } from './retry';
import { BUSINESS_RATE_LIMIT_CODES, BUSINESS_SERVER_FAULT_CODES, retryPolicyFor, withRetry } from './retry';
import { credentialSecrets, scrubError } from './secrets';
import type { TikTokFunctions, TikTokPagedRequest, TikTokRequest } from './types';

export const BUSINESS_CREDENTIALS = 'tikTokBusinessOAuth2Api';
export const BUSINESS_API_PREFIX = '/open_api/v1.3';
/** Largest `page_size` TikTok accepts on list endpoints. */
export const BUSINESS_MAX_PAGE_SIZE = 1000;

/** Success codes: 0, and 20001 "partial success" (the data says what happened). */
const SUCCESS_CODES = new Set([0, 20001]);

/** TikTok wants arrays and objects in GET queries as JSON text (`fields=["ad_id"]`), everything else as text. */
export function encodeBusinessQuery(qs: IDataObject = {}): IDataObject {
	const out: IDataObject = {};
	for (const [key, value] of Object.entries(qs)) {
		if (value === undefined || value === null) continue;
		out[key] = typeof value === 'object' ? JSON.stringify(value) : String(value);
	}
	return out;
}

/**
 * One entry of a report's `filtering` array. TikTok wants its `filter_value` as JSON text even inside the
 * JSON-encoded `filtering` (`"filter_value": "[\"US\",\"GB\"]"`): a list becomes that text (values as strings),
 * text is taken as already encoded.
 */
export function reportFilterEntry(fieldName: string, filterType: string, value: unknown): IDataObject {
	const filterValue =
		typeof value === 'string' ? value : JSON.stringify(Array.isArray(value) ? value.map(String) : value);
	return { field_name: fieldName, filter_type: filterType, filter_value: filterValue };
}

/** `/ad/get` → `/ad/get/`; refuses anything that is not a plain path below the API root. */
export function normalizeBusinessPath(this: TikTokFunctions, path: string): string {
	let p = path.trim();
	if (!p.startsWith('/')) p = `/${p}`;
	if (!/^\/[A-Za-z0-9_\-/.]*$/.test(p) || p.split('/').some((s) => s === '..' || s === '.')) {
		throw new NodeOperationError(this.getNode(), `Invalid TikTok API path "${path}"`);
	}
	return p.endsWith('/') ? p : `${p}/`;
}

/** The `/open_api/v1.3` URL for the credential's environment. */
export async function businessBaseUrl(this: TikTokFunctions): Promise<string> {
	const credentials = await this.getCredentials(BUSINESS_CREDENTIALS);
	const root = businessApiRoot(credentials);
	if (!/^https?:\/\/[^/]+/i.test(root)) {
		throw new NodeOperationError(
			this.getNode(),
			'The TikTok Business credential has no valid Base URL: set one for the Custom environment (for example http://127.0.0.1:4010).',
		);
	}
	return `${root}${BUSINESS_API_PREFIX}`;
}

function isEnvelope(body: unknown): body is IDataObject {
	return typeof body === 'object' && body !== null && 'code' in body;
}

/**
 * One call to the TikTok API for Business: signs it with the credential (`Access-Token`), encodes GET queries the
 * way TikTok wants, unwraps the `{code, message, request_id, data}` envelope, retries rate limits and transient
 * faults with backoff (honouring `Retry-After`), and turns every in-band or HTTP error into a NodeApiError with
 * TikTok's code and request ID. Never follows a redirect, bounds every attempt by the node's timeout, reports a
 * write whose fate is unknown as "may have been applied", and scrubs the credential's secrets from every error.
 * Returns `data` (or the whole envelope with `fullResponse`).
 */
export async function businessRequest(
	this: TikTokFunctions,
	request: TikTokRequest & { fullResponse?: boolean },
): Promise<IDataObject> {
	const node = this.getNode();
	const credentials = await this.getCredentials(BUSINESS_CREDENTIALS);
	const secrets = credentialSecrets(credentials);
	try {
		return await businessCall.call(this, request, node);
	} catch (error) {
		// The credential may have been authorized during the call (code exchange): scrub its newest secrets too.
		const now = await this.getCredentials(BUSINESS_CREDENTIALS).catch(() => undefined);
		throw scrubError(error as Error, [...new Set([...secrets, ...credentialSecrets(now)])]);
	}
}

async function businessCall(
	this: TikTokFunctions,
	request: TikTokRequest & { fullResponse?: boolean },
	node: INode,
): Promise<IDataObject> {
	const baseUrl = await businessBaseUrl.call(this);
	const path = normalizeBusinessPath.call(this, request.path);
	const idempotent = request.idempotent ?? request.method === 'GET';
	const write = request.write ?? (request.method !== 'GET' && request.idempotent !== true);
	const isForm = typeof FormData !== 'undefined' && request.body instanceof FormData;
	const timeoutMs = requestTimeoutMs.call(this, request.itemIndex);

	return await withRetry(async (attempt, remainingMs): Promise<AttemptOutcome<IDataObject>> => {
		const options: IHttpRequestOptions = {
			method: request.method,
			url: `${baseUrl}${path}`,
			qs: request.method === 'GET' ? encodeBusinessQuery(request.qs) : (request.qs ?? {}),
			headers: { ...(isForm ? {} : { 'Content-Type': 'application/json' }), ...(request.headers ?? {}) },
			json: !isForm,
			// The answer as text, parsed below so that long integer IDs keep every digit; with its headers.
			encoding: 'text',
			returnFullResponse: true,
		};
		if (request.body !== undefined) options.body = request.body;

		const answer = await exchange.call(this, BUSINESS_CREDENTIALS, options, Math.min(timeoutMs, remainingMs));
		if (!answer.ok) {
			// HTTP-level failure: TikTok usually answers 200, so this is a redirect, a gateway, a 429/5xx, or the network.
			const failure = answer.failure;
			const location = redirectLocation(failure);
			if (location !== undefined) throw redirectError(node, 'business', failure.status, location, request.itemIndex);
			const failureBody = typeof failure.body === 'string' ? parseJsonText(failure.body) : failure.body;
			const envelope = isEnvelope(failureBody) ? failureBody : undefined;
			const retryAfter = retryAfterMs(failure.headers);
			const final = tikTokApiError(
				node,
				{
					api: 'business',
					code: envelope
						? Number(envelope.code)
						: (failure.status ?? (failure.timedOut ? 'timeout' : failure.network ? 'network' : 'local')),
					message: envelope ? String(envelope.message ?? '') : failure.message,
					requestId: envelope?.request_id ? String(envelope.request_id) : undefined,
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

		request.onResponseHeaders?.(answer.headers ?? {});
		let body = answer.body;
		if (typeof body === 'string') body = parseJsonText(body);
		if (!isEnvelope(body)) {
			const final = tikTokApiError(
				node,
				{
					api: 'business',
					code: 'unexpected',
					message: 'TikTok answered with something that is not its JSON envelope',
					httpStatus: answer.status,
					attempts: attempt + 1,
					mayHaveBeenApplied: write,
				},
				request.itemIndex,
			);
			if (idempotent) return { retry: final };
			throw final;
		}

		const code = Number(body.code);
		if (SUCCESS_CODES.has(code)) {
			return { done: request.fullResponse ? body : ((body.data ?? {}) as IDataObject) };
		}
		const retryAfter = retryAfterMs(answer.headers);
		const final = tikTokApiError(
			node,
			{
				api: 'business',
				code,
				message: String(body.message ?? ''),
				requestId: body.request_id ? String(body.request_id) : undefined,
				httpStatus: answer.status,
				attempts: attempt + 1,
				retryAfterMs: retryAfter,
				// A server fault after a write: TikTok does not say whether it was applied before the fault.
				mayHaveBeenApplied: write && BUSINESS_SERVER_FAULT_CODES.has(code),
			},
			request.itemIndex,
		);
		if (BUSINESS_RATE_LIMIT_CODES.has(code) || (idempotent && BUSINESS_SERVER_FAULT_CODES.has(code))) {
			return { retry: final, retryAfterMs: retryAfter };
		}
		throw final;
	}, retryPolicyFor(timeoutMs, TIMEOUT_BUDGET_FACTOR));
}

/**
 * TikTok's JSON, with every bare integer of 16 or more digits (IDs such as an attribute metric `campaign_id`, beyond
 * what a JavaScript number holds exactly) read as text instead of a rounded number. Strings are left alone.
 */
function parseJsonText(text: string): unknown {
	try {
		return JSON.parse(
			text.replace(/"(?:[^"\\]|\\.)*"|(?<![\d.eE+-])-?\d{16,}(?![\d.eE])/g, (match) =>
				match.startsWith('"') ? match : `"${match}"`,
			),
		);
	} catch {
		return text;
	}
}

/**
 * Pages through a Business list endpoint (`page` / `page_size`, following `data.page_info.total_page`). With a
 * `limit` it asks for no more than needed (`page_size` = the limit, up to 1000) and stops as soon as it has enough;
 * `stopAfter` may end it earlier.
 */
export async function businessRequestAllItems(
	this: TikTokFunctions,
	request: TikTokPagedRequest,
): Promise<IDataObject[]> {
	const listKey = request.listKey ?? 'list';
	const limit = request.limit;
	const maxPageSize = Math.min(BUSINESS_MAX_PAGE_SIZE, request.maxPageSize ?? BUSINESS_MAX_PAGE_SIZE);
	const pageSize = Math.max(1, Math.min(maxPageSize, limit ?? maxPageSize));
	const results: IDataObject[] = [];
	for (let page = 1; ; page++) {
		const data = await businessRequest.call(this, {
			...request,
			qs: { ...(request.qs ?? {}), page, page_size: pageSize },
		});
		request.onPage?.(data);
		const list = Array.isArray(data[listKey]) ? (data[listKey] as IDataObject[]) : [];
		results.push(...list);
		if (limit !== undefined && results.length >= limit) return results.slice(0, limit);
		if (request.stopAfter?.(list)) return results;
		const pageInfo = (data.page_info ?? {}) as IDataObject;
		const totalPage = Number(pageInfo.total_page ?? page);
		if (list.length === 0 || !(page < totalPage)) return results;
	}
}
