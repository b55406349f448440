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
			{
				name: 'Create',
				value: 'create',
				description:
					"Create a campaign. It spends money once enabled (TikTok's default Status) and its ad groups run; needs the advertiser ID.",
				action: 'Create a campaign which can spend money',
			},
			{
				name: 'Get',
				value: 'get',
				description: 'Get a campaign; changes nothing. Needs the advertiser ID and campaign ID.',
				action: 'Get a campaign without changing anything',
			},
			{
				name: 'Get Many',
				value: 'getMany',
				description:
					'Search the campaigns of an advertiser; changes nothing. Needs the advertiser ID.',
				action: 'Get many campaigns without changing anything',
			},
			{
				name: 'Update',
				value: 'update',
				description:
					'Change the name or budget of a campaign; a higher budget spends money. Needs the advertiser ID and campaign ID.',
				action: 'Update a campaign which can spend money',
			},
			{
				name: 'Update Status',
				value: 'updateStatus',
				description:
					'Enable a campaign (spends money), pause it, or delete it (irreversible). Needs the advertiser ID and campaign ID.',
				action: 'Enable a campaign to spend or pause or irreversibly delete it',
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
