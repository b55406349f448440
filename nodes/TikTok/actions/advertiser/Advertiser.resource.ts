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
		displayOptions: { show: { resource: ['advertiser'] } },
		options: [
			{
				name: 'Get',
				value: 'get',
				description:
					"Get an advertiser's details: time zone, currency, balance, status; changes nothing. Needs the advertiser ID.",
				action: 'Get an advertiser without changing anything',
			},
			{
				name: 'Get Many',
				value: 'getMany',
				description: 'List the advertisers the credential can reach; changes nothing',
				action: 'Get many advertisers without changing anything',
			},
		],
		default: 'get',
	},
	...get.description,
	...getMany.description,
];
