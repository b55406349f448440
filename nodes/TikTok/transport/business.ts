import type { IDataObject, IHttpRequestOptions, INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { businessApiRoot } from '../../../credentials/TikTokBusinessOAuth2Api.credentials';
import type { HttpFailure, TikTokErrorInfo } from './errors';
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
import { mapConcurrent, retryPolicyUntil } from './concurrency';
import type { AttemptOutcome } from './retry';
import { BUSINESS_RATE_LIMIT_CODES, BUSINESS_SERVER_FAULT_CODES, retryPolicyFor, withRetry } from './retry';
import { withCredentialScrubbed } from './secrets';
import type { TikTokFunctions, TikTokPagedRequest, TikTokRequest } from './types';
import { appendAll } from './arrays';

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
	return await withCredentialScrubbed(this, BUSINESS_CREDENTIALS, async () => await businessCall.call(this, request, node));
}

/** What a Business envelope says about a failed call: TikTok's code, message and request ID. */
function businessEnvelopeInfo(envelope: IDataObject): Pick<TikTokErrorInfo, 'code' | 'message' | 'requestId'> {
	return {
		code: Number(envelope.code),
		message: String(envelope.message ?? ''),
		requestId: envelope.request_id ? String(envelope.request_id) : undefined,
	};
}

/**
 * A Business call that failed at the HTTP level (a gateway, a 429/5xx, the network), as the error to report: TikTok's
 * code, message and request ID when the answer is its envelope, else the HTTP status or what went wrong.
 */
export function businessHttpFailureInfo(
	failure: HttpFailure,
	envelope: IDataObject | undefined,
	attempts: number,
	retryAfter: number | undefined,
): TikTokErrorInfo {
	return {
		api: 'business',
		...(envelope ? businessEnvelopeInfo(envelope) : { code: httpFailureCode(failure), message: failure.message }),
		httpStatus: failure.status,
		attempts,
		retryAfterMs: retryAfter,
		timedOut: failure.timedOut,
	};
}

/**
 * A Business envelope whose `code` is not a success, as the attempt's outcome: a rate limit is retried (TikTok refused
 * the call before doing anything), a server fault only when the call may be sent again (and after a write it may have
 * been applied: TikTok does not say whether it was before the fault); any other code is thrown.
 */
export function businessEnvelopeFailure(
	node: INode,
	envelope: IDataObject,
	call: { attempts: number; idempotent: boolean; write: boolean; httpStatus?: number; retryAfterMs?: number; itemIndex?: number },
): { retry: Error; retryAfterMs?: number } {
	const code = Number(envelope.code);
	const final = tikTokApiError(
		node,
		{
			api: 'business',
			...businessEnvelopeInfo(envelope),
			httpStatus: call.httpStatus,
			attempts: call.attempts,
			retryAfterMs: call.retryAfterMs,
			mayHaveBeenApplied: call.write && BUSINESS_SERVER_FAULT_CODES.has(code),
		},
		call.itemIndex,
	);
	if (BUSINESS_RATE_LIMIT_CODES.has(code) || (call.idempotent && BUSINESS_SERVER_FAULT_CODES.has(code))) {
		return { retry: final, retryAfterMs: call.retryAfterMs };
	}
	throw final;
}

async function businessCall(
	this: TikTokFunctions,
	request: TikTokRequest & { fullResponse?: boolean },
	node: INode,
): Promise<IDataObject> {
	const baseUrl = await businessBaseUrl.call(this);
	const path = normalizeBusinessPath.call(this, request.path);
	const { idempotent, write } = requestKind(request);
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
					...businessHttpFailureInfo(failure, envelope, attempt + 1, retryAfter),
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
		return businessEnvelopeFailure(node, body, {
			attempts: attempt + 1,
			idempotent,
			write,
			httpStatus: answer.status,
			retryAfterMs: retryAfterMs(answer.headers),
			itemIndex: request.itemIndex,
		});
	}, retryPolicyUntil(request.deadline, retryPolicyFor(timeoutMs, TIMEOUT_BUDGET_FACTOR)));
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
 * `limit` it asks for no more than needed (`page_size` = the limit, up to 1000) and stops as soon as it has enough.
 * Once the first page tells how many pages there are, the others are fetched concurrently (under the credential's
 * limit, concurrency.ts) and joined in page order; if the last one says the list grew meanwhile, the new pages are
 * read after it. With `stopAfter` or `sequentialPages`, pages are read one after another, forwards.
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
	const fetchPage = async (page: number) =>
		await businessRequest.call(this, { ...request, qs: { ...(request.qs ?? {}), page, page_size: pageSize } });
	const listOf = (data: IDataObject) => (Array.isArray(data[listKey]) ? (data[listKey] as IDataObject[]) : []);
	const totalPageOf = (data: IDataObject, page: number) =>
		Number(((data.page_info ?? {}) as IDataObject).total_page ?? page);
	const enough = () => limit !== undefined && results.length >= limit;
	const done = () => (limit !== undefined ? results.slice(0, limit) : results);

	const first = await fetchPage(1);
	request.onPage?.(first);
	appendAll(results, listOf(first));
	if (enough() || request.stopAfter?.(listOf(first))) return done();
	let total = totalPageOf(first, 1);
	let page = 1;
	if (listOf(first).length > 0 && !request.stopAfter && !request.sequentialPages && total > 1) {
		const last = limit === undefined ? total : Math.min(total, Math.ceil(limit / pageSize));
		const pages = Array.from({ length: last - 1 }, (_, i) => i + 2);
		const answers = await mapConcurrent(pages, fetchPage, pages.length);
		for (const data of answers) {
			request.onPage?.(data);
			appendAll(results, listOf(data));
		}
		if (enough() || listOf(answers[answers.length - 1]).length === 0) return done();
		page = last;
		total = totalPageOf(answers[answers.length - 1], last);
	} else if (listOf(first).length === 0) {
		return done();
	}
	// Sequentially from here: what `stopAfter` or `sequentialPages` asks for, or pages added while reading.
	for (page++; page <= total; page++) {
		const data = await fetchPage(page);
		request.onPage?.(data);
		const list = listOf(data);
		appendAll(results, list);
		if (enough() || request.stopAfter?.(list) || list.length === 0) return done();
		total = totalPageOf(data, page);
	}
	return done();
}
