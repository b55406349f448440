import type { INodeProperties } from 'n8n-workflow';

import * as uploadImage from './uploadImage.operation';
import * as uploadVideo from './uploadVideo.operation';

export { uploadImage, uploadVideo };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['creative'] } },
		options: [
			{
				name: 'Upload Image',
				value: 'uploadImage',
				description:
					"Put a JPEG or PNG into the ad account's creative library and get its image ID (for ads and video covers). Costs nothing (a file already there under its name is returned, not uploaded twice); needs the advertiser ID.",
				action: 'Upload an image to the creative library at no cost',
			},
			{
				name: 'Upload Video',
				value: 'uploadVideo',
				description:
					"Put an MP4, MOV, MPEG or AVI (up to 500 MB) into the ad account's creative library and get its video ID for ads. Costs nothing (a file already there under its name is returned, not uploaded twice); needs the advertiser ID.",
				action: 'Upload a video to the creative library at no cost',
			},
		],
		default: 'uploadVideo',
	},
	...uploadImage.description,
	...uploadVideo.description,
];
