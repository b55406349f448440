import type { INodeProperties } from 'n8n-workflow';

import * as upload from './upload.operation';

export { upload };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['sound'] } },
		options: [
			{
				name: 'Upload',
				value: 'upload',
				description: "Upload an MP3, WAV or FLAC file to an advertiser's music library",
				action: 'Upload a sound',
			},
		],
		default: 'upload',
	},
	...upload.description,
];
