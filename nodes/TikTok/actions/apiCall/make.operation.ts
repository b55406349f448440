import type { IDataObject, IExecuteFunctions, IHttpRequestMethods, INode, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { forEachItem } from '../../helpers/items';
import { parseJsonParameter } from '../../helpers/validation';
import { businessRequest, developersRequest } from '../../transport';

const METHODS: IHttpRequestMethods[] = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

const properties: INodeProperties[] = [
	{
		displayName: 'API',
		name: 'api',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'TikTok API for Business',
				value: 'business',
				description: 'Marketing API (business-api.tiktok.com/open_api/v1.3), with the TikTok Business credential',
			},
			{
				name: 'TikTok for Developers',
				value: 'developers',
				description: 'Display/Login Kit API (open.tiktokapis.com/v2), with the TikTok OAuth2 credential',
			},
		],
		default: 'business',
		description: 'Which TikTok API to call; each is signed with its own credential',
	},
	{
		displayName: 'Method',
		name: 'method',
		type: 'options',
		options: METHODS.map((m) => ({ name: m, value: m })),
		default: 'GET',
		description: 'The HTTP method of the call',
	},
	{
		displayName: 'URL',
		name: 'url',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. /v1.3/advertiser/info/',
		description:
			'Path relative to the API: /v1.3/… (or /open_api/v1.3/…) for the Business API, /v2/… for the Developers API. Absolute URLs are refused: the token only goes to TikTok.',
	},
	{
		displayName: 'Query Parameters (JSON)',
		name: 'query',
		type: 'json',
		default: '{}',
		description:
			'Query parameters as a JSON object. For Business GET calls, arrays and objects are sent as JSON text, as TikTok expects (e.g. {"fields": ["ad_id"]}).',
	},
	{
		displayName: 'Headers (JSON)',
		name: 'headers',
		type: 'json',
		default: '{}',
		description: 'Extra headers as a JSON object. The credential adds the authentication header itself.',
	},
	{
		displayName: 'Body (JSON)',
		name: 'body',
		type: 'json',
		default: '{}',
		description: 'JSON body to send',
		displayOptions: { show: { method: ['POST', 'PUT', 'PATCH', 'DELETE'] } },
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [
			{
				displayName: 'Full Response',
				name: 'fullResponse',
				type: 'boolean',
				default: false,
				description:
					"Whether to return TikTok's whole response (with code, message and request_id, or error and log_id) instead of only its data",
			},
		],
	},
];

const displayOptions = { show: { resource: ['apiCall'], operation: ['make'] } };

export const description = updateDisplayOptions(displayOptions, properties);

/** Headers that carry or replace authentication, or would change where or how the request goes. */
const FORBIDDEN_HEADERS = new Set(['authorization', 'access-token', 'proxy-authorization', 'cookie', 'host']);
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const PATH = /^[A-Za-z0-9_\-./]+$/;

interface ApiCallTarget {
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
function resolveApiCallUrl(node: INode, api: string, value: unknown, itemIndex: number): ApiCallTarget {
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

function parseObject(node: INode, value: unknown, field: string, itemIndex: number): IDataObject {
	const parsed = parseJsonParameter<unknown>(node, value, field, itemIndex);
	if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
		throw new NodeOperationError(node, `The "${field}" parameter must be a JSON object ({"name": "value", …})`, { itemIndex });
	}
	return parsed as IDataObject;
}

function parseHeaders(node: INode, value: unknown, itemIndex: number): IDataObject {
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

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await forEachItem.call(this, items, async (i) => {
		const node = this.getNode();
		const api = this.getNodeParameter('api', i) as string;
		if (api !== 'business' && api !== 'developers') {
			throw new NodeOperationError(node, `The "API" parameter must be "business" or "developers", got "${String(api)}"`, { itemIndex: i });
		}
		const method = String(this.getNodeParameter('method', i)).toUpperCase() as IHttpRequestMethods;
		if (!METHODS.includes(method)) {
			throw new NodeOperationError(node, `The "Method" parameter must be one of ${METHODS.join(', ')}, got "${method}"`, { itemIndex: i });
		}
		const target = resolveApiCallUrl(node, api, this.getNodeParameter('url', i), i);
		const query = { ...target.query, ...parseObject(node, this.getNodeParameter('query', i, '{}'), 'Query Parameters (JSON)', i) };
		const headers = parseHeaders(node, this.getNodeParameter('headers', i, '{}'), i);
		const body = method === 'GET' ? undefined : parseObject(node, this.getNodeParameter('body', i, '{}'), 'Body (JSON)', i);
		const options = this.getNodeParameter('options', i, {}) as IDataObject;

		const request = {
			method,
			path: target.path,
			qs: query,
			headers,
			body,
			fullResponse: options.fullResponse === true,
			itemIndex: i,
		};
		const response =
			api === 'business' ? await businessRequest.call(this, request) : await developersRequest.call(this, request);
		return typeof response === 'object' && response !== null && !Array.isArray(response)
			? response
			: ({ data: response } as IDataObject);
	});
}
