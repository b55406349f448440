import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { forEachItem } from '../../helpers/items';
import { modelSettable, refuseUnlessAllowed } from '../../helpers/tool';
import { planChunks } from '../../transport';
import { assertCreatorPrivacy, assertMaxLength, assertPrivacyLevel, assertPullUrl, chunkBytes, interactionSwitches, queryCreatorInfo, waitTimeoutMs } from './checks';
import { chunkSizeOption, MAX_VIDEO_TITLE, privacyLevelProperty, sourceProperties, waitForCompletionProperty, waitTimeoutOption } from './descriptions';
import { fileSourceInfo, initPost, notWaited, sendVideo, waitForFinalStatus } from './publish';
import { assertDuration, readBinaryVideo } from './videoFile';
import { assertBrandedContentPrivacy } from './branded';

export const DIRECT_POST_INIT_PATH = '/v2/post/publish/video/init/';

const properties: INodeProperties[] = [
	...sourceProperties,
	{
		displayName: 'Title',
		name: 'title',
		type: 'string',
		typeOptions: { rows: 3 },
		default: '',
		placeholder: 'e.g. Our new drop #sneakers @brand',
		description: 'The caption, with #hashtags and @mentions; at most 2,200 characters',
	},
	...modelSettable(privacyLevelProperty),
	waitForCompletionProperty,
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [
			{
				displayName: 'AI-Generated',
				name: 'aiGenerated',
				type: 'boolean',
				default: false,
				description: 'Whether the video is AI-generated content (TikTok labels it "Creator labeled as AI-generated")',
			},
			{
				displayName: 'Brand Organic',
				name: 'brandOrganic',
				type: 'boolean',
				default: false,
				description: "Whether the video promotes the creator's own business",
			},
			{
				displayName: 'Branded Content',
				name: 'brandContent',
				type: 'boolean',
				default: false,
				description: 'Whether the video is a paid partnership promoting a third-party business (not with Privacy Level Only Me)',
			},
			chunkSizeOption,
			{
				displayName: 'Cover Timestamp (Ms)',
				name: 'coverTimestampMs',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 0,
				description: 'Which frame, in milliseconds from the start, becomes the cover (first frame when unset or invalid)',
			},
			{
				displayName: 'Disable Comment',
				name: 'disableComment',
				type: 'boolean',
				default: false,
				description: 'Whether to turn comments off. When the creator has turned them off in TikTok they stay off.',
			},
			{
				displayName: 'Disable Duet',
				name: 'disableDuet',
				type: 'boolean',
				default: false,
				description: 'Whether to turn Duets off. When the creator has turned them off in TikTok they stay off.',
			},
			{
				displayName: 'Disable Stitch',
				name: 'disableStitch',
				type: 'boolean',
				default: false,
				description: 'Whether to turn Stitches off. When the creator has turned them off in TikTok they stay off.',
			},
			waitTimeoutOption,
		],
	},
];

const displayOptions = { show: { resource: ['post'], operation: ['publishVideo'] } };

export const description = updateDisplayOptions(displayOptions, properties);

const SWITCHES = [
	{ option: 'disableComment', label: 'Disable Comment', creatorKey: 'comment_disabled', bodyKey: 'disable_comment' },
	{ option: 'disableDuet', label: 'Disable Duet', creatorKey: 'duet_disabled', bodyKey: 'disable_duet' },
	{ option: 'disableStitch', label: 'Disable Stitch', creatorKey: 'stitch_disabled', bodyKey: 'disable_stitch' },
] as const;

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await forEachItem.call(this, items, async (i) => {
		// Everything that can be checked locally first: no request for bad input.
		const source = String(this.getNodeParameter('source', i, 'binary'));
		const title = String(this.getNodeParameter('title', i, '') ?? '');
		assertMaxLength.call(this, title, MAX_VIDEO_TITLE, 'Title', i);
		const privacyLevel = assertPrivacyLevel.call(this, this.getNodeParameter('privacyLevel', i), i);
		// TikTok's API cannot delete a post: an agent posts for others to see only when the author allowed it.
		if (privacyLevel !== 'SELF_ONLY') refuseUnlessAllowed.call(this, i, 'public', `publish a video others can see (${privacyLevel}); post it Only Me (SELF_ONLY) or upload a draft instead`);
		const options = this.getNodeParameter('options', i, {}) as IDataObject;
		assertBrandedContentPrivacy.call(this, privacyLevel, options, i);
		const wait = this.getNodeParameter('waitForCompletion', i, true) as boolean;
		const timeoutMs = waitTimeoutMs.call(this, options, i);
		const preferredChunk = chunkBytes.call(this, options, i);
		const videoUrl = source === 'url' ? assertPullUrl.call(this, this.getNodeParameter('videoUrl', i), 'Video URL', i) : undefined;
		const video = source === 'url' ? undefined : await readBinaryVideo.call(this, i);

		// What this creator may post now.
		const creator = await queryCreatorInfo.call(this, i);
		assertCreatorPrivacy.call(this, creator, privacyLevel, i);
		const switches = interactionSwitches.call(this, creator, options, [...SWITCHES], i);
		if (video) assertDuration.call(this, video, creator.max_video_post_duration_sec, 'this creator (max_video_post_duration_sec)', i);

		const postInfo: IDataObject = {
			privacy_level: privacyLevel,
			...switches,
			brand_content_toggle: options.brandContent === true,
			brand_organic_toggle: options.brandOrganic === true,
			is_aigc: options.aiGenerated === true,
		};
		if (title !== '') postInfo.title = title;
		if (options.coverTimestampMs !== undefined && Number(options.coverTimestampMs) > 0) {
			postInfo.video_cover_timestamp_ms = Math.floor(Number(options.coverTimestampMs));
		}

		const plan = video ? planChunks(video.size, preferredChunk) : undefined;
		const sourceInfo = plan ? fileSourceInfo(plan) : { source: 'PULL_FROM_URL', video_url: videoUrl };
		const init = await initPost.call(this, DIRECT_POST_INIT_PATH, { post_info: postInfo, source_info: sourceInfo }, i);

		const out: IDataObject = {
			publishId: init.publishId,
			source: plan ? 'FILE_UPLOAD' : 'PULL_FROM_URL',
			privacyLevel,
			creatorUsername: creator.creator_username ?? null,
		};
		if (video && plan) {
			Object.assign(out, { videoSize: plan.videoSize, chunkSize: plan.chunkSize, totalChunkCount: plan.totalChunkCount, format: video.video.format });
			if (video.video.durationSeconds !== undefined) out.durationSeconds = Math.round(video.video.durationSeconds * 1000) / 1000;
			Object.assign(out, await sendVideo.call(this, video, plan, init, i));
		}
		if (!wait) return { ...out, ...notWaited() };
		return { ...out, ...(await waitForFinalStatus.call(this, init.publishId, timeoutMs, i, creator.creator_username)) };
	});
}
