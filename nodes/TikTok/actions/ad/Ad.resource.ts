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
		displayOptions: { show: { resource: ['ad'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				description:
					'Create an ad in an ad group from a library video or image, with its text, button and landing page. It spends money once enabled (TikTok\'s default Status) and its ad group runs.',
				action: 'Create an ad',
			},
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
				name: 'Update',
				value: 'update',
				description: "Change an ad's text, name, button, landing page, video or image; everything else stays. Costs nothing by itself.",
				action: 'Update an ad',
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
	...create.description,
	...get.description,
	...getMany.description,
	...update.description,
	...updateStatus.description,
];
