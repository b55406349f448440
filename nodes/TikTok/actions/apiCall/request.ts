import type { IDataObject, INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { parseJsonParameter } from '../../helpers/validation';

// What an API call's parameters become before anything is sent: a path confined to the credential's API, a
// JSON query and body, and headers that cannot touch authentication.

/** Headers that carry or replace authentication, or would change where or how the request goes. */
const FORBIDDEN_HEADERS = new Set(['authorization', 'access-token', 'proxy-authorization', 'cookie', 'host']);
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const PATH = /^[A-Za-z0-9_\-./]+$/;

export interface ApiCallTarget {
	/** Path for the transport: relative to `/open_api/v1.3` (Business) or starting with `/v2/` (Developers). */
	path: string;
	/** Query parameters written into the URL. */
	query: IDataObject;
}

/**
 * Turns the `url` parameter into a path the transport sends to the credential's API root. Only plain paths pass:
 * no scheme, host, `//`, backslash, `..` / `.` segment, percent-encoding, fragment or whitespace, so the token can
 * never be sent anywhere but TikTok's API. Business paths may start with `/open_api/v1.3/`, `/v1.3/` or go straight
 * to the endpoint (`/ad/get/`); Developers paths with `/v2/` (or the endpoint).
 */
export function resolveApiCallUrl(node: INode, api: string, value: unknown, itemIndex: number): ApiCallTarget {
	const raw = typeof value === 'string' ? value.trim() : '';
	const fail = (why: string) =>
		new NodeOperationError(node, `The "URL" parameter ${why}, got "${raw.slice(0, 100)}"`, { itemIndex });
	if (raw === '') {
		throw new NodeOperationError(node, 'The "URL" parameter is empty: enter a path such as /v1.3/advertiser/info/', { itemIndex });
	}
	if (/^[a-z][a-z0-9+.-]*:/i.test(raw) || raw.startsWith('//') || raw.startsWith('\\')) {
		throw fail('must be a path relative to the API (like /v1.3/ad/get/ or /v2/user/info/), not an absolute URL');
	}
	if (raw.includes('#')) throw fail('must not contain a fragment (#)');
	const [pathPart, ...queryParts] = raw.split('?');
	const queryText = queryParts.join('?');
	if (!PATH.test(pathPart)) {
		throw fail('may only contain letters, digits and - _ . / (no encoded characters, spaces or backslashes)');
	}
	const segments = pathPart.split('/').filter((s, index) => index !== 0 || s !== '');
	if (segments.some((s) => s === '..' || s === '.')) throw fail('must not contain "." or ".." segments');
	if (segments.slice(0, -1).some((s) => s === '')) throw fail('must not contain empty segments (//)');

	let rest = segments;
	if (api === 'business') {
		if (rest[0] === 'open_api') rest = rest.slice(1);
		if (/^v\d+(\.\d+)?$/.test(rest[0] ?? '')) {
			if (rest[0] === 'v2') throw fail('is a TikTok for Developers path: set API to "TikTok for Developers"');
			if (rest[0] !== 'v1.3') throw fail('must use version v1.3 of the TikTok API for Business (/v1.3/…)');
			rest = rest.slice(1);
		}
	} else {
		if (rest[0] === 'open_api' || rest[0] === 'v1.3') {
			throw fail('is a TikTok API for Business path: set API to "TikTok API for Business"');
		}
		if (/^v\d+(\.\d+)?$/.test(rest[0] ?? '') && rest[0] !== 'v2') throw fail('must use version v2 of the TikTok for Developers API (/v2/…)');
		if (rest[0] === 'v2') rest = rest.slice(1);
	}
	if (rest.every((s) => s === '')) throw fail('must name an endpoint');
	if (api === 'developers') rest = ['v2', ...rest];

	const query: IDataObject = {};
	for (const [key, val] of new URLSearchParams(queryText)) query[key] = val;
	return { path: `/${rest.join('/')}`, query };
}

/** A JSON parameter that must hold an object (`{}` when empty). */
export function parseObject(node: INode, value: unknown, field: string, itemIndex: number): IDataObject {
	const parsed = parseJsonParameter<unknown>(node, value, field, itemIndex);
	if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
		throw new NodeOperationError(node, `The "${field}" parameter must be a JSON object ({"name": "value", …})`, { itemIndex });
	}
	return parsed as IDataObject;
}

/** The Headers (JSON) parameter: header names checked, authentication headers refused, values as text. */
export function parseHeaders(node: INode, value: unknown, itemIndex: number): IDataObject {
	const headers = parseObject(node, value, 'Headers (JSON)', itemIndex);
	const out: IDataObject = {};
	for (const [name, val] of Object.entries(headers)) {
		if (!HEADER_NAME.test(name)) {
			throw new NodeOperationError(node, `The "Headers (JSON)" parameter has an invalid header name "${name.slice(0, 40)}"`, { itemIndex });
		}
		if (FORBIDDEN_HEADERS.has(name.toLowerCase())) {
			throw new NodeOperationError(
				node,
				`The "Headers (JSON)" parameter must not set "${name}": the credential adds TikTok's authentication itself`,
				{ itemIndex },
			);
		}
		if (val === null || val === undefined) continue;
		if (typeof val === 'object') {
			throw new NodeOperationError(node, `The "Headers (JSON)" parameter: header "${name}" must be text, not an object`, { itemIndex });
		}
		const text = String(val);
		if (/[\r\n\0]/.test(text)) {
			throw new NodeOperationError(node, `The "Headers (JSON)" parameter: header "${name}" contains a line break`, { itemIndex });
		}
		out[name] = text;
	}
	return out;
}
