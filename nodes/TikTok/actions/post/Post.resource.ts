import type { INodeProperties } from 'n8n-workflow';

import * as getStatus from './getStatus.operation';
import * as publishPhotos from './publishPhotos.operation';
import * as publishVideo from './publishVideo.operation';
import * as uploadVideoDraft from './uploadVideoDraft.operation';

export { getStatus, publishPhotos, publishVideo, uploadVideoDraft };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['post'] } },
		options: [
			{
				name: 'Get Status',
				value: 'getStatus',
				description: 'Get the state of a post by its publish ID',
				action: 'Get the status of a post',
			},
			{
				name: 'Publish Photos',
				value: 'publishPhotos',
				description: "Post 1–35 photos from URLs to the creator's profile, or send them to the inbox",
				action: 'Publish photos',
			},
			{
				name: 'Publish Video',
				value: 'publishVideo',
				description: "Post a video (binary file or URL) straight to the connected creator's profile",
				action: 'Publish a video',
			},
			{
				name: 'Upload Video Draft',
				value: 'uploadVideoDraft',
				description: "Send a video to the creator's TikTok inbox to finish the post in the app",
				action: 'Upload a video as a draft',
			},
		],
		default: 'publishVideo',
	},
	...publishVideo.description,
	...uploadVideoDraft.description,
	...publishPhotos.description,
	...getStatus.description,
];
