import type {
	IDataObject,
	IExecuteFunctions,
	IHookFunctions,
	IHttpRequestMethods,
	ILoadOptionsFunctions,
	IPollFunctions,
} from 'n8n-workflow';

import type { StreamedBody } from './multipart';

/** The TikTok APIs the transport talks to. */
export type TikTokApiName = 'business' | 'developers' | 'oembed';

/** Every n8n context the transport runs in: operations, the trigger's poll, list/search methods and webhook hooks. */
export type TikTokFunctions = IExecuteFunctions | IPollFunctions | ILoadOptionsFunctions | IHookFunctions;

export interface TikTokRequest {
	method: IHttpRequestMethods;
	/** Path relative to the API version root, e.g. `/ad/get/` (Business) or `/v2/video/list/` (Developers). */
	path: string;
	qs?: IDataObject;
	/** JSON body, a native `FormData` for small multipart uploads, or a streamed multipart body (multipart.ts) for files. */
	body?: IDataObject | FormData | StreamedBody;
	/** Deadline of one attempt in ms (default: the node's Timeout option), e.g. longer for an upload of many bytes. */
	timeoutMs?: number;
	headers?: IDataObject;
	/**
	 * Whether sending the request twice is harmless. Defaults to true for GET and for the read-only POSTs the
	 * callers mark so; a non-idempotent request is retried only when TikTok refused it before doing anything
	 * (rate limits), never after a timeout or server fault.
	 */
	idempotent?: boolean;
	/**
	 * Whether the request changes something at TikTok. Defaults to true for every non-GET request not marked
	 * idempotent. A write that fails without a clear answer (connection lost, timeout, HTTP 5xx) is reported as
	 * "may have been applied" (error `context.mayHaveBeenApplied`), never as a plain failure.
	 */
	write?: boolean;
	/** Item the request serves, stamped on any error it raises. */
	itemIndex?: number;
	/** Business: called with the (lower-case) response headers of each successful answer, e.g. to read `x-tt-ads-throttle`. */
	onResponseHeaders?: (headers: IDataObject) => void;
	/** Unix ms by which retries must be over (a poll's budget): the last failure is thrown then. */
	deadline?: number;
	/**
	 * Business: the credential that signs the call (default the Business credential). Any credential type whose data
	 * has the Business credential's `environment` / `baseUrl` fields and sends `Access-Token`, e.g. the Events API's.
	 */
	credentialType?: string;
	/** Developers API: read integers of 16+ digits (int64 IDs) as strings instead of lossy JSON numbers. */
	largeIntegersAsText?: boolean;
}

export interface TikTokPagedRequest extends TikTokRequest {
	/** Key of the entity array in `data` (default `list` for Business, `videos` for Developers). */
	listKey?: string;
	/** Stop after this many entities; `undefined` returns all. */
	limit?: number;
	/** Largest `page_size` the endpoint accepts, when below TikTok's usual 1000 (e.g. 100 for `/page/get/`, and for TopView lists). */
	maxPageSize?: number;
	/** Called with each page's `data`, e.g. to read `total_metrics`. */
	onPage?: (data: IDataObject) => void;
	/** Called with each page's entities: returning true stops paging after that page (e.g. once known items show up). */
	stopAfter?: (page: IDataObject[]) => boolean;
	/**
	 * Read pages one after another, forwards, instead of all at once after the first: for callers that must not miss
	 * an entity while the list changes (newer entities push older ones to later pages, which are then read later).
	 */
	sequentialPages?: boolean;
}
