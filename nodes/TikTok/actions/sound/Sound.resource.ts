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
				description:
					"Upload an MP3, WAV or FLAC file to an advertiser's music library; costs nothing. Needs the advertiser ID.",
				action: 'Upload a sound to the music library at no cost',
			},
		],
		default: 'upload',
	},
	...upload.description,
];
