import type { INodeProperties } from 'n8n-workflow';

import * as get from './get.operation';

export { get };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['ad'] } },
		options: [
			{
				name: 'Get',
				value: 'get',
				description: 'Get an ad by ID',
				action: 'Get an ad',
			},
		],
		default: 'get',
	},
	...get.description,
];
