import type { INodeProperties } from 'n8n-workflow';

export const triggerProperties: INodeProperties[] = [
	{
		displayName: 'Event',
		name: 'event',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Ad Created',
				value: 'adCreated',
				description: 'Each ad created since the last poll',
			},
			{
				name: 'Ad Updated',
				value: 'adUpdated',
				description: 'Each ad created or modified since the last poll',
			},
			{
				name: 'Video Posted',
				value: 'videoPosted',
				description: 'Each new video post of the connected TikTok user',
			},
		],
		default: 'adCreated',
	},
];
