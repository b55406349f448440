import type { IDataObject, IExecuteFunctions, IHttpRequestMethods, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { forEachItem } from '../../helpers/items';
import { refuseUnlessAllowed } from '../../helpers/tool';
import { businessRequest, developersRequest } from '../../transport';
import { parseHeaders, parseObject, resolveApiCallUrl } from './request';

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
		// Any call but GET may change or delete data (TikTok deletes through POST endpoints too).
		if (method !== 'GET') refuseUnlessAllowed.call(this, i, 'irreversible', `make a ${method} API call`);
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
