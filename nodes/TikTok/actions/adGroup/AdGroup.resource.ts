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
					"Create an ad group under a campaign: targeting, budget, schedule, optimization. It spends money once enabled (TikTok's default Status) and has ads; needs the advertiser ID and campaign ID.",
				action: 'Create an ad group which can spend money',
			},
			{
				name: 'Get',
				value: 'get',
				description: 'Get an ad group; changes nothing. Needs the advertiser ID and ad group ID.',
				action: 'Get an ad group without changing anything',
			},
			{
				name: 'Get Many',
				value: 'getMany',
				description:
					'Search the ad groups of an advertiser; changes nothing. Needs the advertiser ID.',
				action: 'Get many ad groups without changing anything',
			},
			{
				name: 'Update',
				value: 'update',
				description:
					'Change the name, budget, schedule end or bid of an ad group; a higher budget or bid spends money. Needs the advertiser ID and ad group ID.',
				action: 'Update an ad group which can spend money',
			},
			{
				name: 'Update Status',
				value: 'updateStatus',
				description:
					'Enable an ad group (spends money), pause it, or delete it (irreversible). Needs the advertiser ID and ad group ID.',
				action: 'Enable an ad group to spend or pause or irreversibly delete it',
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
