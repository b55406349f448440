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
				description: 'Get the state of a post; changes nothing. Needs the publish ID.',
				action: 'Get the status of a post without changing anything',
			},
			{
				name: 'Publish Photos',
				value: 'publishPhotos',
				description:
					"Post 1–35 photos from URLs to the creator's profile, public unless the privacy is Only Me, or send them to the inbox. TikTok's API cannot delete a post.",
				action: 'Publish photos which can be public',
			},
			{
				name: 'Publish Video',
				value: 'publishVideo',
				description:
					"Post a video (binary file or URL) to the connected creator's profile, public unless the privacy is Only Me. TikTok's API cannot delete a post.",
				action: 'Publish a video which can be public',
			},
			{
				name: 'Upload Video Draft',
				value: 'uploadVideoDraft',
				description:
					"Send a video to the creator's TikTok inbox to finish the post in the app; costs nothing and posts nothing",
				action: 'Upload a video as a draft at no cost',
			},
		],
		default: 'publishVideo',
	},
	...publishVideo.description,
	...uploadVideoDraft.description,
	...publishPhotos.description,
	...getStatus.description,
];
