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
		displayOptions: { show: { resource: ['campaign'] } },
		options: [
			{ name: 'Create', value: 'create', description: 'Create a campaign', action: 'Create a campaign' },
			{ name: 'Get', value: 'get', description: 'Get a campaign by ID', action: 'Get a campaign' },
			{ name: 'Get Many', value: 'getMany', description: 'Search the campaigns of an advertiser', action: 'Get many campaigns' },
			{ name: 'Update', value: 'update', description: 'Change the name or budget of a campaign', action: 'Update a campaign' },
			{
				name: 'Update Status',
				value: 'updateStatus',
				description: 'Enable, disable or delete a campaign. Deleting is irreversible.',
				action: 'Enable or pause a campaign or delete it irreversibly',
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
