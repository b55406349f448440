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
				description:
					"Get an instant form's questions; changes nothing. Needs the advertiser ID and form ID.",
				action: 'Get an instant form without changing anything',
			},
			{
				name: 'Get Many',
				value: 'getMany',
				description:
					"List the advertiser's instant forms; changes nothing. Needs the advertiser ID.",
				action: 'Get many instant forms without changing anything',
			},
		],
		default: 'getMany',
	},
	...get.description,
	...getMany.description,
];
