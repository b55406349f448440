import type { INodeProperties } from 'n8n-workflow';

import * as make from './make.operation';

export { make };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['apiCall'] } },
		options: [
			{
				name: 'Make an API Call',
				value: 'make',
				description:
					'Call any TikTok endpoint with the credential, TikTok quirks handled. A GET only reads; any other method can change or delete anything, irreversibly.',
				action: 'Make any API call which can change or irreversibly delete data',
			},
		],
		default: 'make',
	},
	...make.description,
];
