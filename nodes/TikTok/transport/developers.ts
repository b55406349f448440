import type { IDataObject } from 'n8n-workflow';

import { developersApiRoot } from '../../../credentials/TikTokOAuth2Api.credentials';
import type { ApiProfile, Envelope } from './pipeline';
import { apiCall, checkedApiRoot, normalizeApiPath } from './pipeline';
import type { TikTokFunctions, TikTokPagedRequest, TikTokRequest } from './types';
import { appendAll } from './arrays';

export const DEVELOPERS_CREDENTIALS = 'tikTokOAuth2Api';
/** `max_count` ceiling of `/v2/video/list/`. */
export const DEVELOPERS_MAX_COUNT = 20;

/** The root URL (`https://open.tiktokapis.com` or the custom one) for the credential's environment. */
export async function developersBaseUrl(this: TikTokFunctions): Promise<string> {
	const credentials = await this.getCredentials(DEVELOPERS_CREDENTIALS);
	return checkedApiRoot(
		this.getNode(),
		developersApiRoot(credentials),
		'The TikTok OAuth2 credential has no valid Base URL: set one for the Custom environment.',
	);
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
	return normalizeApiPath(this.getNode(), path, /^\/v2\/[A-Za-z0-9_\-/.]*$/, 'TikTok Developers API');
}

interface V2Envelope extends IDataObject {
	data?: IDataObject;
	error?: { code?: string; message?: string; log_id?: string };
}

/**
 * TikTok's v2 `{data, error:{code, message, log_id}}` envelope: success when `error.code` is absent or `ok`. An object
 * without `error` counts as a success (some v2 answers carry only `data`).
 */
function developersEnvelope(body: unknown): Envelope | undefined {
	if (typeof body !== 'object' || body === null || Array.isArray(body)) return undefined;
	const envelope = body as V2Envelope;
	const error = typeof envelope.error === 'object' && envelope.error !== null ? envelope.error : undefined;
	const code = error?.code === undefined ? '' : String(error.code);
	return {
		ok: code === '' || code.toLowerCase() === 'ok',
		data: (envelope.data ?? {}) as IDataObject,
		code,
		message: error?.message ?? '',
		requestId: error?.log_id,
		body: envelope,
	};
}

/** TikTok's Developers API (`open.tiktokapis.com/v2`, Bearer token), as a profile of the one request pipeline. */
export const DEVELOPERS_PROFILE: ApiProfile = {
	api: 'developers',
	credentialType: DEVELOPERS_CREDENTIALS,
	oauth2: { tokenType: 'Bearer' },
	baseUrl: developersBaseUrl,
	path: normalizeDevelopersPath,
	query: (qs) => encodeDevelopersQuery(qs),
	envelope: developersEnvelope,
};

/**
 * One call to TikTok's Developers API (pipeline.ts with the Developers profile): Bearer token from the OAuth2
 * credential (n8n refreshes it on HTTP 401 and retries), the `{data, error}` envelope unwrapped, rate limits and
 * server faults retried (honouring `Retry-After`), bounded by the node's timeout and the request's `deadline`.
 * Returns `data`.
 */
export async function developersRequest(
	this: TikTokFunctions,
	request: TikTokRequest & { fullResponse?: boolean },
): Promise<IDataObject> {
	return await apiCall(this, DEVELOPERS_PROFILE, request);
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
