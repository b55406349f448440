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
					"Create an ad in an ad group from a library video or image, with its text, button and landing page. It spends money once enabled (TikTok's default Status) and its ad group runs; needs the advertiser ID, ad group ID, identity ID and video ID.",
				action: 'Create an ad which can spend money',
			},
			{
				name: 'Get',
				value: 'get',
				description: 'Get an ad; changes nothing. Needs the advertiser ID and ad ID.',
				action: 'Get an ad without changing anything',
			},
			{
				name: 'Get Many',
				value: 'getMany',
				description: 'Search the ads of an advertiser; changes nothing. Needs the advertiser ID.',
				action: 'Get many ads without changing anything',
			},
			{
				name: 'Update',
				value: 'update',
				description:
					"Change an ad's text, name, button, landing page, video or image; everything else stays, and it costs nothing by itself. Needs the advertiser ID and ad ID.",
				action: 'Update an ad at no cost',
			},
			{
				name: 'Update Status',
				value: 'updateStatus',
				description:
					'Enable an ad (spends money), pause it, or delete it (irreversible). Needs the advertiser ID and ad ID.',
				action: 'Enable an ad to spend or pause or irreversibly delete it',
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
