import type { INodeProperties } from 'n8n-workflow';

import * as create from './create.operation';
import * as get from './get.operation';
import * as getMany from './getMany.operation';
import * as update from './update.operation';
import * as updateStatus from './updateStatus.operation';

export { create, get, getMany, update, updateStatus };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['adGroup'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				description:
					'Create an ad group under a campaign: targeting, budget, schedule, optimization. It spends money once enabled (TikTok\'s default Status) and has ads.',
				action: 'Create an ad group',
			},
			{ name: 'Get', value: 'get', description: 'Get an ad group by ID', action: 'Get an ad group' },
			{ name: 'Get Many', value: 'getMany', description: 'Search the ad groups of an advertiser', action: 'Get many ad groups' },
			{
				name: 'Update',
				value: 'update',
				description: 'Change the name, budget, schedule end or bid of an ad group',
				action: 'Update an ad group',
			},
			{
				name: 'Update Status',
				value: 'updateStatus',
				description: 'Enable, disable or delete an ad group. Deleting is irreversible.',
				action: 'Enable or pause an ad group or delete it irreversibly',
			},
		],
		default: 'get',
	},
	...create.description,
	...get.description,
	...getMany.description,
	...update.description,
	...updateStatus.description,
];
