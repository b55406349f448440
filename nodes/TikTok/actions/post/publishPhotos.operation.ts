import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { forEachItem } from '../../helpers/items';
import { modelSettable, refuseUnlessAllowed } from '../../helpers/tool';
import { assertCreatorPrivacy, assertMaxLength, assertPrivacyLevel, assertPullUrl, interactionSwitches, queryCreatorInfo, waitTimeoutMs } from './checks';
import { MAX_PHOTO_DESCRIPTION, MAX_PHOTO_TITLE, MAX_PHOTOS, privacyLevelProperty, waitForCompletionProperty, waitTimeoutOption } from './descriptions';
import { initPost, notWaited, waitForFinalStatus } from './publish';
import { assertBrandedContentPrivacy } from './branded';

export const CONTENT_INIT_PATH = '/v2/post/publish/content/init/';

const properties: INodeProperties[] = [
	{
		displayName: 'Photo URLs',
		name: 'photoUrls',
		type: 'string',
		typeOptions: { rows: 4 },
		required: true,
		default: '',
		placeholder: 'https://media.example.com/p/1.jpg\nhttps://media.example.com/p/2.jpg',
		description:
			'1 to 35 https URLs of JPEG or WebP photos (at most 1080p, 20 MB each) under a domain or URL prefix verified for your app: one per line or comma-separated, or an array from an expression',
	},
	{
		displayName: 'Cover Index',
		name: 'coverIndex',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 0,
		description: 'Which photo is the cover, counting from 0',
	},
	...modelSettable({
		displayName: 'Post Mode',
		name: 'postMode',
		type: 'options',
		options: [
			{ name: 'Direct Post', value: 'DIRECT_POST', description: "Post straight to the creator's profile (scope video.publish)" },
			{ name: 'Media Upload', value: 'MEDIA_UPLOAD', description: "Send to the creator's TikTok inbox to finish in the app (scope video.upload)" },
		],
		default: 'DIRECT_POST',
	}),
	{
		displayName: 'Title',
		name: 'title',
		type: 'string',
		default: '',
		description: 'Title of the photo post; at most 90 characters',
	},
	{
		displayName: 'Description',
		name: 'description',
		type: 'string',
		typeOptions: { rows: 3 },
		default: '',
		description: 'Description with #hashtags and @mentions; at most 4,000 characters',
	},
	...modelSettable({ ...privacyLevelProperty, displayOptions: { show: { postMode: ['DIRECT_POST'] } } }),
	waitForCompletionProperty,
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [
			{
				displayName: 'Auto Add Music',
				name: 'autoAddMusic',
				type: 'boolean',
				default: false,
				description: 'Whether TikTok adds recommended music (Direct Post only; the creator can change it later)',
			},
			{
				displayName: 'Brand Organic',
				name: 'brandOrganic',
				type: 'boolean',
				default: false,
				description: "Whether the post promotes the creator's own business (Direct Post only)",
			},
			{
				displayName: 'Branded Content',
				name: 'brandContent',
				type: 'boolean',
				default: false,
				description: 'Whether the post is a paid partnership promoting a third-party business (Direct Post only, not with Privacy Level Only Me)',
			},
			{
				displayName: 'Disable Comment',
				name: 'disableComment',
				type: 'boolean',
				default: false,
				description: 'Whether to turn comments off (Direct Post only). When the creator has turned them off in TikTok they stay off.',
			},
			waitTimeoutOption,
		],
	},
];

const displayOptions = { show: { resource: ['post'], operation: ['publishPhotos'] } };

export const description = updateDisplayOptions(displayOptions, properties);

/** Photo URLs from text (one per line or comma-separated), an array, or a mix. */
function photoUrls(this: IExecuteFunctions, value: unknown, itemIndex: number): string[] {
	const parts = (Array.isArray(value) ? value : [value]).flatMap((part: unknown) =>
		typeof part === 'string' ? part.split(/[\n,]+/).map((s) => s.trim()).filter(Boolean) : part === undefined || part === null ? [] : [String(part)],
	);
	if (parts.length < 1 || parts.length > MAX_PHOTOS) {
		throw new NodeOperationError(this.getNode(), `The "Photo URLs" parameter has ${parts.length} URLs: TikTok accepts 1 to ${MAX_PHOTOS} photos`, {
			itemIndex,
		});
	}
	return parts.map((url) => assertPullUrl.call(this, url, 'Photo URLs', itemIndex));
}

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await forEachItem.call(this, items, async (i) => {
		const node = this.getNode();
		const urls = photoUrls.call(this, this.getNodeParameter('photoUrls', i), i);
		const coverIndex = Number(this.getNodeParameter('coverIndex', i, 0));
		if (!Number.isInteger(coverIndex) || coverIndex < 0 || coverIndex >= urls.length) {
			throw new NodeOperationError(node, `The "Cover Index" parameter must be a whole number from 0 to ${urls.length - 1} (one of the ${urls.length} photos), got ${String(coverIndex)}`, {
				itemIndex: i,
			});
		}
		const postMode = String(this.getNodeParameter('postMode', i, 'DIRECT_POST'));
		if (postMode !== 'DIRECT_POST' && postMode !== 'MEDIA_UPLOAD') {
			throw new NodeOperationError(node, `The "Post Mode" parameter must be DIRECT_POST or MEDIA_UPLOAD, got "${postMode}"`, { itemIndex: i });
		}
		const title = String(this.getNodeParameter('title', i, '') ?? '');
		const text = String(this.getNodeParameter('description', i, '') ?? '');
		assertMaxLength.call(this, title, MAX_PHOTO_TITLE, 'Title', i);
		assertMaxLength.call(this, text, MAX_PHOTO_DESCRIPTION, 'Description', i);
		const options = this.getNodeParameter('options', i, {}) as IDataObject;
		const wait = this.getNodeParameter('waitForCompletion', i, true) as boolean;
		const timeoutMs = waitTimeoutMs.call(this, options, i);

		const postInfo: IDataObject = {};
		if (title !== '') postInfo.title = title;
		if (text !== '') postInfo.description = text;
		let username: string | undefined;
		if (postMode === 'DIRECT_POST') {
			const privacyLevel = assertPrivacyLevel.call(this, this.getNodeParameter('privacyLevel', i), i);
			// TikTok's API cannot delete a post: an agent posts for others to see only when the author allowed it.
			if (privacyLevel !== 'SELF_ONLY') refuseUnlessAllowed.call(this, i, 'public', `publish photos others can see (${privacyLevel}); post them Only Me (SELF_ONLY) or as a draft (Post Mode MEDIA_UPLOAD) instead`);
			assertBrandedContentPrivacy.call(this, privacyLevel, options, i);
			const creator = await queryCreatorInfo.call(this, i);
			assertCreatorPrivacy.call(this, creator, privacyLevel, i);
			username = creator.creator_username;
			Object.assign(
				postInfo,
				{ privacy_level: privacyLevel },
				interactionSwitches.call(this, creator, options, [{ option: 'disableComment', label: 'Disable Comment', creatorKey: 'comment_disabled', bodyKey: 'disable_comment' }], i),
				{
					auto_add_music: options.autoAddMusic === true,
					brand_content_toggle: options.brandContent === true,
					brand_organic_toggle: options.brandOrganic === true,
				},
			);
		}

		const body: IDataObject = {
			post_info: postInfo,
			source_info: { source: 'PULL_FROM_URL', photo_cover_index: coverIndex, photo_images: urls },
			post_mode: postMode,
			media_type: 'PHOTO',
		};
		const init = await initPost.call(this, CONTENT_INIT_PATH, body, i);
		const out: IDataObject = { publishId: init.publishId, postMode, photoCount: urls.length };
		const status = wait ? await waitForFinalStatus.call(this, init.publishId, timeoutMs, i, username) : notWaited();
		if (postMode === 'MEDIA_UPLOAD') status.nextStep = 'Open the TikTok app, tap the inbox notification and finish the post there.';
		return { ...out, ...status };
	});
}
