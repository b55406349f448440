import type { INodeProperties } from 'n8n-workflow';

import * as getMany from './getMany.operation';

export { getMany };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['adReport'] } },
		options: [
			{
				name: 'Get Many',
				value: 'getMany',
				description:
					'Run an integrated report: one item per row, any date range; changes nothing. Needs the advertiser ID.',
				action: 'Get an ad report without changing anything',
			},
		],
		default: 'getMany',
	},
	...getMany.description,
];
