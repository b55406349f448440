import type { INodeProperties } from 'n8n-workflow';

import * as get from './get.operation';
import * as getMany from './getMany.operation';
import * as updateStatus from './updateStatus.operation';

export { get, getMany, updateStatus };

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
			{
				name: 'Get Many',
				value: 'getMany',
				description: 'Search the ads of an advertiser',
				action: 'Get many ads',
			},
			{
				name: 'Update Status',
				value: 'updateStatus',
				description: 'Enable, disable or delete an ad. Deleting is irreversible.',
				action: 'Enable or pause an ad or delete it irreversibly',
			},
		],
		default: 'get',
	},
	...get.description,
	...getMany.description,
	...updateStatus.description,
];
