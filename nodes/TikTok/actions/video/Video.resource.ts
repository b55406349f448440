import type { INodeProperties } from 'n8n-workflow';

import * as getEmbed from './getEmbed.operation';
import * as getMany from './getMany.operation';

export { getEmbed, getMany };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['video'] } },
		options: [
			{
				name: 'Get Embed',
				value: 'getEmbed',
				description:
					'Get the embed HTML, title, author and thumbnail of a TikTok video URL (no credential needed); changes nothing',
				action: 'Get the embed code of a video without changing anything',
			},
			{
				name: 'Get Many',
				value: 'getMany',
				description: "List the connected TikTok user's video posts; changes nothing",
				action: 'Get many videos without changing anything',
			},
		],
		default: 'getMany',
	},
	...getMany.description,
	...getEmbed.description,
];
