import type { IDataObject, IHttpRequestOptions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { businessApiRoot } from '../../../credentials/TikTokBusinessOAuth2Api.credentials';
import type { HttpFailure } from './errors';
import { httpFailure, isRetryableHttpFailure, tikTokApiError } from './errors';
import type { AttemptOutcome } from './retry';
import { BUSINESS_RATE_LIMIT_CODES, BUSINESS_SERVER_FAULT_CODES, withRetry } from './retry';
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
 * faults with backoff, and turns every in-band or HTTP error into a NodeApiError with TikTok's code and request ID.
 * Returns `data` (or the whole envelope with `fullResponse`).
 */
export async function businessRequest(
	this: TikTokFunctions,
	request: TikTokRequest & { fullResponse?: boolean },
): Promise<IDataObject> {
	const node = this.getNode();
	const baseUrl = await businessBaseUrl.call(this);
	const path = normalizeBusinessPath.call(this, request.path);
	const idempotent = request.idempotent ?? request.method === 'GET';
	const isForm = typeof FormData !== 'undefined' && request.body instanceof FormData;

	return await withRetry(async (attempt): Promise<AttemptOutcome<IDataObject>> => {
		const options: IHttpRequestOptions = {
			method: request.method,
			url: `${baseUrl}${path}`,
			qs: request.method === 'GET' ? encodeBusinessQuery(request.qs) : (request.qs ?? {}),
			headers: { ...(isForm ? {} : { 'Content-Type': 'application/json' }), ...(request.headers ?? {}) },
			json: !isForm,
		};
		if (request.body !== undefined) options.body = request.body;

		let body: unknown;
		let failure: HttpFailure | undefined;
		try {
			body = await this.helpers.httpRequestWithAuthentication.call(this, BUSINESS_CREDENTIALS, options);
		} catch (error) {
			failure = httpFailure(error);
		}

		if (failure) {
			// HTTP-level failure: TikTok usually answers 200, so this is a gateway, a 429/5xx, or the network.
			const envelope = isEnvelope(failure.body) ? failure.body : undefined;
			const final = tikTokApiError(
				node,
				{
					api: 'business',
					code: envelope ? Number(envelope.code) : (failure.status ?? (failure.network ? 'network' : 'local')),
					message: envelope ? String(envelope.message ?? '') : failure.message,
					requestId: envelope?.request_id ? String(envelope.request_id) : undefined,
					httpStatus: failure.status,
					attempts: attempt + 1,
				},
				request.itemIndex,
			);
			if (isRetryableHttpFailure(failure, idempotent)) return { retry: final };
			throw final;
		}

		if (typeof body === 'string') body = parseJsonText(body);
		if (!isEnvelope(body)) {
			const final = tikTokApiError(
				node,
				{
					api: 'business',
					code: 'unexpected',
					message: 'TikTok answered with something that is not its JSON envelope',
					attempts: attempt + 1,
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
		const final = tikTokApiError(
			node,
			{
				api: 'business',
				code,
				message: String(body.message ?? ''),
				requestId: body.request_id ? String(body.request_id) : undefined,
				attempts: attempt + 1,
			},
			request.itemIndex,
		);
		if (BUSINESS_RATE_LIMIT_CODES.has(code) || (idempotent && BUSINESS_SERVER_FAULT_CODES.has(code))) {
			return { retry: final };
		}
		throw final;
	});
}

function parseJsonText(text: string): unknown {
	try {
		return JSON.parse(text);
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
