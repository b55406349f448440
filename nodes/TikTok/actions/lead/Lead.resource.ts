import type { INodeProperties } from 'n8n-workflow';

import * as getMany from './getMany.operation';

export { getMany };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['lead'] } },
		options: [
			{
				name: 'Get Many',
				value: 'getMany',
				description:
					'Get the leads an instant form collected; changes nothing. Needs the advertiser ID and form ID.',
				action: 'Get many leads without changing anything',
			},
		],
		default: 'getMany',
	},
	...getMany.description,
];
