import type { IDataObject } from 'n8n-workflow';

import { businessApiRoot } from '../../../credentials/TikTokBusinessOAuth2Api.credentials';
import { mapConcurrent } from './concurrency';
import type { ApiProfile, Envelope } from './pipeline';
import { apiCall, checkedApiRoot, normalizeApiPath } from './pipeline';
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
	return normalizeApiPath(this.getNode(), path, /^\/[A-Za-z0-9_\-/.]*$/, 'TikTok API');
}

/** The `/open_api/v1.3` URL for the credential's environment. */
export async function businessBaseUrl(this: TikTokFunctions, credentialType = BUSINESS_CREDENTIALS): Promise<string> {
	const credentials = await this.getCredentials(credentialType);
	const root = checkedApiRoot(
		this.getNode(),
		businessApiRoot(credentials),
		'The TikTok credential has no valid Base URL: set one for the Custom environment (for example http://127.0.0.1:4010).',
	);
	return `${root}${BUSINESS_API_PREFIX}`;
}

/** TikTok API for Business's `{code, message, request_id, data}` envelope. */
function businessEnvelope(body: unknown): Envelope | undefined {
	if (typeof body !== 'object' || body === null || !('code' in body)) return undefined;
	const envelope = body as IDataObject;
	const code = Number(envelope.code);
	return {
		ok: SUCCESS_CODES.has(code),
		data: (envelope.data ?? {}) as IDataObject,
		code,
		message: String(envelope.message ?? ''),
		requestId: envelope.request_id ? String(envelope.request_id) : undefined,
		body: envelope,
	};
}

/** The TikTok API for Business (`/open_api/v1.3`, `Access-Token`), as a profile of the one request pipeline. */
export const BUSINESS_PROFILE: ApiProfile = {
	api: 'business',
	credentialType: BUSINESS_CREDENTIALS,
	baseUrl: businessBaseUrl,
	path: normalizeBusinessPath,
	query: (qs, method) => (method === 'GET' ? encodeBusinessQuery(qs) : (qs ?? {})),
	envelope: businessEnvelope,
};

/**
 * One call to the TikTok API for Business (pipeline.ts with the Business profile): signed with the credential
 * (`Access-Token`), GET queries encoded the way TikTok wants, the `{code, message, request_id, data}` envelope
 * unwrapped, rate limits and transient faults retried (honouring `Retry-After`), every error a NodeApiError with
 * TikTok's code and request ID. Returns `data` (or the whole envelope with `fullResponse`).
 */
export async function businessRequest(
	this: TikTokFunctions,
	request: TikTokRequest & { fullResponse?: boolean },
): Promise<IDataObject> {
	const credentialType = request.credentialType;
	// Another credential signing Business calls (the Events API's pixel token): the same profile, its base URL and secrets.
	const profile: ApiProfile =
		credentialType && credentialType !== BUSINESS_CREDENTIALS
			? {
					...BUSINESS_PROFILE,
					credentialType,
					baseUrl: async function (this: TikTokFunctions) {
						return await businessBaseUrl.call(this, credentialType);
					},
				}
			: BUSINESS_PROFILE;
	return await apiCall(this, profile, request);
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
