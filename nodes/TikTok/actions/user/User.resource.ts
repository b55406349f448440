import type { INodeProperties } from 'n8n-workflow';

import * as get from './get.operation';
import * as getCreatorInfo from './getCreatorInfo.operation';

export { get, getCreatorInfo };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['user'] } },
		options: [
			{
				name: 'Get',
				value: 'get',
				description:
					"Get the connected user's profile and counts (the fields the granted scopes allow); changes nothing",
				action: 'Get the connected user without changing anything',
			},
			{
				name: 'Get Creator Info',
				value: 'getCreatorInfo',
				description:
					'Get what the creator may post now: privacy options, interaction switches, longest video; changes nothing',
				action: 'Get creator info without changing anything',
			},
		],
		default: 'get',
	},
	...get.description,
	...getCreatorInfo.description,
];
