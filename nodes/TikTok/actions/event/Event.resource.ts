import type { INodeProperties } from 'n8n-workflow';

import * as send from './send.operation';

export { send };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['event'] } },
		options: [
			{
				name: 'Send',
				value: 'send',
				description:
					'Send conversions (a purchase, a lead, a sign-up) to a TikTok pixel through the Events API, personal data hashed in n8n, up to 1,000 events per request. Costs nothing; needs the pixel code.',
				action: 'Send conversion events at no cost',
			},
		],
		default: 'send',
	},
	...send.description,
];
