import type { INodeProperties } from 'n8n-workflow';

import * as get from './get.operation';
import * as getMany from './getMany.operation';

export { get, getMany };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['leadForm'] } },
		options: [
			{
				name: 'Get',
				value: 'get',
				description: "Get an instant form's questions",
				action: 'Get an instant form',
			},
			{
				name: 'Get Many',
				value: 'getMany',
				description: "List the advertiser's instant forms",
				action: 'Get many instant forms',
			},
		],
		default: 'getMany',
	},
	...get.description,
	...getMany.description,
];
