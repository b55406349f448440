import type { INodeProperties } from 'n8n-workflow';

import { MB } from '../../helpers/binary';

/** TikTok's posting numbers and the editor parameters the posting operations share. */

// ---------------------------------------------------------------- TikTok's numbers (contract §9)

/** Caption of a video post: at most 2,200 UTF-16 code units (JavaScript string length). */
export const MAX_VIDEO_TITLE = 2200;
export const MAX_PHOTO_TITLE = 90;
export const MAX_PHOTO_DESCRIPTION = 4000;
export const MAX_PHOTOS = 35;
/** "Maximum of 4GB" (TikTok counts MB as 1,048,576 bytes). */
export const MAX_VIDEO_BYTES = 4 * 1024 * MB;
/** The longest video a developer can send to the inbox: 10 minutes. */
export const MAX_DRAFT_SECONDS = 600;
/** Status fetches: 30 per minute per token, so one every 2 seconds at most. */
export const STATUS_POLL_INTERVAL_MS = 2000;
export const DEFAULT_WAIT_SECONDS = 300;
/** Pieces read from n8n's binary store at a time (the stream's read-ahead stays this small). */
export const READ_PIECE_BYTES = 256 * 1024;

export const PRIVACY_LEVELS = ['PUBLIC_TO_EVERYONE', 'MUTUAL_FOLLOW_FRIENDS', 'FOLLOWER_OF_CREATOR', 'SELF_ONLY'];
export const FINAL_STATUSES = new Set(['PUBLISH_COMPLETE', 'SEND_TO_USER_INBOX', 'FAILED']);

export const CREATOR_INFO_PATH = '/v2/post/publish/creator_info/query/';
export const STATUS_PATH = '/v2/post/publish/status/fetch/';

// ---------------------------------------------------------------- editor parameters shared by the posting operations

export const privacyLevelProperty: INodeProperties = {
	displayName: 'Privacy Level',
	name: 'privacyLevel',
	type: 'options',
	options: [
		{ name: 'Everyone', value: 'PUBLIC_TO_EVERYONE', description: 'Public: anyone on TikTok (public accounts only)' },
		{ name: 'Followers', value: 'FOLLOWER_OF_CREATOR', description: 'Followers of the creator (private accounts only)' },
		{ name: 'Friends', value: 'MUTUAL_FOLLOW_FRIENDS', description: 'Followers the creator follows back' },
		{ name: 'Only Me', value: 'SELF_ONLY', description: 'Private: only the creator. The only level unaudited TikTok apps may use.' },
	],
	default: 'SELF_ONLY',
	description:
		'Who can see the post. It must be one of the options TikTok offers this creator (see User → Get Creator Info); apps TikTok has not audited can only post "Only Me" to private accounts.',
};

export const sourceProperties: INodeProperties[] = [
	{
		displayName: 'Video Source',
		name: 'source',
		type: 'options',
		options: [
			{ name: 'Binary File', value: 'binary', description: 'A video in an input binary field, uploaded to TikTok in chunks' },
			{ name: 'URL', value: 'url', description: 'TikTok downloads the video from an https URL on a domain your app has verified' },
		],
		default: 'binary',
	},
	{
		displayName: 'Input Binary Field',
		name: 'binaryPropertyName',
		type: 'string',
		required: true,
		default: 'data',
		placeholder: 'e.g. data',
		hint: 'The name of the input binary field containing the video',
		description: 'MP4, WebM or MOV (checked from the content, not the name); at most 4 GB',
		displayOptions: { show: { source: ['binary'] } },
	},
	{
		displayName: 'Video URL',
		name: 'videoUrl',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. https://media.example.com/videos/clip.mp4',
		description:
			'Public https URL of the video, under a domain or URL prefix verified for your app on developers.tiktok.com; TikTok does not follow redirects',
		displayOptions: { show: { source: ['url'] } },
	},
];

export const waitForCompletionProperty: INodeProperties = {
	displayName: 'Wait for Completion',
	name: 'waitForCompletion',
	type: 'boolean',
	default: true,
	description:
		"Whether to poll TikTok's post status (at most 30 times a minute) until it is final, and output the final state",
};

export const chunkSizeOption: INodeProperties = {
	displayName: 'Chunk Size (MB)',
	name: 'chunkSizeMb',
	type: 'number',
	typeOptions: { minValue: 5, maxValue: 64 },
	default: 5,
	description:
		'Size of each uploaded piece of a binary video, 5 to 64 MB (TikTok\'s limits). Files under 5 MB go in one piece. Memory use is about one chunk.',
};

export const waitTimeoutOption: INodeProperties = {
	displayName: 'Wait Timeout (Seconds)',
	name: 'waitTimeoutSeconds',
	type: 'number',
	typeOptions: { minValue: 2, maxValue: 3600 },
	default: DEFAULT_WAIT_SECONDS,
	description:
		'Longest time to wait for a final status when Wait for Completion is on. If TikTok is still processing then, the current status is output (use Get Status later).',
};
