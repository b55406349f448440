import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { fetchEntitiesByIds } from '../../helpers/entities';
import { getAdvertiserId, stringifyIds } from '../../helpers/utils';
import { assertOneOf, assertTikTokId, parseJsonParameter } from '../../helpers/validation';
import { businessRequest, tikTokApiError } from '../../transport';
import { ADGROUP, adGroupIdProperty } from '../adGroup/fields';
import { advertiserRLC, idLocator } from '../common.descriptions';
import { assertNameLength, executeEntityWrite } from '../entityWrite';
import {
	CREATIVE_FIELDS,
	IDENTITY_TYPES,
	adTextProperty,
	callToActionProperty,
	landingPageProperty,
	readAdText,
	readCallToAction,
	readImageIds,
	readLandingPage,
} from './creative';

const properties: INodeProperties[] = [
	advertiserRLC,
	{ ...adGroupIdProperty, description: 'The ad group the new ad goes into: pick it, or give its ID' },
	{
		displayName: 'Ad Name',
		name: 'adName',
		type: 'string',
		default: '',
		placeholder: 'e.g. Summer sale 15s',
		description: 'Name of the ad (at most 512 characters, Chinese and Japanese ones counting 2). Empty: TikTok names it by its ID.',
	},
	{
		displayName: 'Ad Format',
		name: 'adFormat',
		type: 'options',
		options: [
			{ name: 'Single Video', value: 'SINGLE_VIDEO', description: 'A video from the creative library, with a cover image' },
			{ name: 'Single Image', value: 'SINGLE_IMAGE', description: 'One image from the creative library' },
		],
		default: 'SINGLE_VIDEO',
	},
	{
		displayName: 'Identity Type',
		name: 'identityType',
		type: 'options',
		options: [
			{ name: 'Custom Identity', value: 'CUSTOMIZED_USER', description: 'A display name and avatar made for ads' },
			{ name: 'TikTok Account (Spark Ads)', value: 'TT_USER', description: 'A TikTok account of your business' },
			{ name: 'TikTok Account in Business Center', value: 'BC_AUTH_TT', description: 'A TikTok account added to a Business Center' },
			{ name: 'Authorized Creator Post', value: 'AUTH_CODE', description: "A creator's account authorized by code" },
		],
		default: 'CUSTOMIZED_USER',
		description: 'Who the ad shows as posted by',
	},
	idLocator({
		displayName: 'Identity',
		name: 'identityId',
		noun: 'identity',
		searchListMethod: 'searchIdentities',
		description: 'Who the ad shows as posted by: pick it (of the Identity Type), or give its ID',
		example: '7400000000000000001',
		hint: "Lists the chosen advertiser's identities of the Identity Type: choose the Advertiser first",
	}),
	{
		displayName: 'Video ID',
		name: 'videoId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. v10033g50000ct0000000001',
		description: "The video's ID in the creative library (Creative → Upload Video returns it as video_id)",
		displayOptions: { show: { adFormat: ['SINGLE_VIDEO'] } },
	},
	{
		displayName: 'Image IDs',
		name: 'imageIds',
		type: 'string',
		default: '',
		placeholder: 'e.g. ad-site-i18n-sg/202612040000001',
		description:
			"Image IDs from the creative library (Creative → Upload Image returns image_id). Single Image: the one image. Single Video: the cover; empty takes TikTok's first suggested cover of the video.",
	},
	adTextProperty,
	callToActionProperty,
	landingPageProperty,
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'Other Fields (JSON)',
				name: 'otherFields',
				type: 'json',
				default: '{}',
				description: 'Any other creative field TikTok documents for /ad/create/, as a JSON object of TikTok\'s names, e.g. {"deeplink": "app://x"}',
			},
			{
				displayName: 'Status',
				name: 'operationStatus',
				type: 'options',
				options: [
					{ name: 'Enabled', value: 'ENABLE' },
					{ name: 'Disabled', value: 'DISABLE' },
				],
				default: 'ENABLE',
				description: 'Whether the ad starts switched on (TikTok default; it then spends once its ad group runs) or off',
			},
		],
	},
];

const displayOptions = { show: { resource: ['ad'], operation: ['create'] } };

export const description = updateDisplayOptions(displayOptions, properties);

interface CreateParams {
	advertiserId: string;
	adGroupId: string;
	creative: IDataObject;
	body: IDataObject;
}

function prepare(this: IExecuteFunctions, i: number): CreateParams {
	const node = this.getNode();
	const advertiserId = getAdvertiserId.call(this, i);
	const adGroupId = assertTikTokId(node, this.getNodeParameter('adGroupId', i, '', { extractValue: true }), 'Ad Group', i);
	const format = assertOneOf(node, this.getNodeParameter('adFormat', i), ['SINGLE_VIDEO', 'SINGLE_IMAGE'], 'Ad Format', i);
	const creative: IDataObject = { ad_format: format };
	const name = String(this.getNodeParameter('adName', i, '') ?? '').trim();
	if (name !== '') {
		assertNameLength(node, name, '"Ad Name" parameter', 'at most 512', i);
		creative.ad_name = name;
	}
	creative.identity_type = assertOneOf(node, this.getNodeParameter('identityType', i), IDENTITY_TYPES, 'Identity Type', i);
	creative.identity_id = assertTikTokId(node, this.getNodeParameter('identityId', i, '', { extractValue: true }), 'Identity', i);
	const images = readImageIds(this.getNodeParameter('imageIds', i, ''));
	if (format === 'SINGLE_VIDEO') {
		const videoId = String(this.getNodeParameter('videoId', i, '') ?? '').trim();
		if (videoId === '') throw new NodeOperationError(node, 'The "Video ID" parameter is empty: a Single Video ad needs the video_id of a library video', { itemIndex: i });
		creative.video_id = videoId;
	}
	if (images.length > 1) {
		throw new NodeOperationError(node, `The "Image IDs" parameter holds ${images.length} images: a ${format === 'SINGLE_IMAGE' ? 'Single Image ad takes one image' : 'Single Video ad takes one cover'}`, { itemIndex: i });
	}
	if (format === 'SINGLE_IMAGE' && images.length === 0) {
		throw new NodeOperationError(node, 'The "Image IDs" parameter is empty: a Single Image ad needs the image_id of a library image', { itemIndex: i });
	}
	if (images.length === 1) creative.image_ids = images;
	creative.ad_text = readAdText(node, this.getNodeParameter('adText', i, ''), '"Ad Text" parameter', i);
	creative.call_to_action = readCallToAction(node, this.getNodeParameter('callToAction', i), i);
	const landingPage = readLandingPage(node, this.getNodeParameter('landingPageUrl', i, ''), '"Landing Page URL" parameter', i);
	if (landingPage) creative.landing_page_url = landingPage;

	const extra = this.getNodeParameter('additionalFields', i, {}) as IDataObject;
	const other = parseJsonParameter<IDataObject>(node, extra.otherFields ?? {}, 'Other Fields (JSON)', i);
	if (typeof other !== 'object' || other === null || Array.isArray(other)) {
		throw new NodeOperationError(node, 'The "Other Fields (JSON)" parameter must be a JSON object', { itemIndex: i });
	}
	for (const [key, value] of Object.entries(other)) {
		if (!CREATIVE_FIELDS.includes(key) || key in creative) {
			throw new NodeOperationError(node, `The "Other Fields (JSON)" parameter holds "${key.slice(0, 40)}", which /ad/create/ does not take (or which has its own parameter)`, { itemIndex: i });
		}
		creative[key] = value;
	}
	if (extra.operationStatus !== undefined) creative.operation_status = assertOneOf(node, extra.operationStatus, ['ENABLE', 'DISABLE'], 'Status', i);
	// One ad per item: TikTok takes up to 20 creatives per request, all answered together (BUBUBA ad/create.go l.12).
	const body: IDataObject = { advertiser_id: advertiserId, adgroup_id: adGroupId, creatives: [creative] };
	// Whatever is created starts enabled unless its Status says Disabled (executeEntityWrite's spending guard).
	if (creative.operation_status === 'DISABLE') body.operation_status = 'DISABLE';
	return { advertiserId, adGroupId, creative, body };
}

/**
 * Reads the ad group (one `/adgroup/get/`): it must exist, and an ad of a group that promotes a website needs a landing
 * page. A video ad without a cover gets TikTok's first suggested cover (`/file/video/suggestcover/`).
 */
async function checkAgainstAdGroup(this: IExecuteFunctions, p: CreateParams, itemIndex: number): Promise<void> {
	const node = this.getNode();
	// The body's top-level status only served the spending guard: /ad/create/ takes it per creative.
	delete p.body.operation_status;
	const found = await fetchEntitiesByIds.call(this, ADGROUP, p.advertiserId, [p.adGroupId], ['adgroup_id', 'promotion_type'], itemIndex);
	const group = found.get(p.adGroupId);
	if (!group) {
		throw tikTokApiError(node, { api: 'business', code: 40007, message: `Ad group ${p.adGroupId} was not found in advertiser ${p.advertiserId}` }, itemIndex);
	}
	if (group.promotion_type === 'WEBSITE' && p.creative.landing_page_url === undefined) {
		throw new NodeOperationError(node, `The "Landing Page URL" parameter is empty, but ad group ${p.adGroupId} promotes a website: its ads need the page they lead to`, {
			itemIndex,
			description: 'Enter the https address of the page. Nothing was created.',
		});
	}
	if (p.creative.ad_format === 'SINGLE_VIDEO' && p.creative.image_ids === undefined) {
		const covers = await businessRequest.call(this, {
			method: 'GET',
			path: '/file/video/suggestcover/',
			qs: { advertiser_id: p.advertiserId, video_id: p.creative.video_id, poster_number: 1 },
			itemIndex,
		});
		const first = Array.isArray(covers.list) ? (covers.list as IDataObject[])[0] : undefined;
		if (!first?.id) {
			throw new NodeOperationError(node, `TikTok suggested no cover for video ${String(p.creative.video_id)}: set the "Image IDs" parameter to a cover image`, { itemIndex });
		}
		p.creative.image_ids = [String(first.id)];
	}
}

/**
 * The ad an earlier try of this item may have created (n8n's Retry On Fail after a lost answer): the newest ad of the
 * ad group with the same name and the same video or images (one `/ad/get/` filtered by ad group and name).
 */
async function findLostAd(this: IExecuteFunctions, p: CreateParams, itemIndex: number): Promise<IDataObject | undefined> {
	const data = await businessRequest.call(this, {
		method: 'GET',
		path: '/ad/get/',
		qs: {
			advertiser_id: p.advertiserId,
			filtering: { adgroup_ids: [p.adGroupId], ad_name: p.creative.ad_name, primary_status: 'STATUS_ALL' },
			page: 1,
			page_size: 100,
		},
		itemIndex,
	});
	const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
	const matches = ((Array.isArray(data.list) ? data.list : []) as IDataObject[]).filter(
		(ad) =>
			ad.ad_name === p.creative.ad_name &&
			same(ad.video_id, p.creative.video_id) &&
			(p.creative.image_ids === undefined || same(ad.image_ids, p.creative.image_ids)) &&
			same(ad.ad_text, p.creative.ad_text),
	);
	matches.sort((a, b) => String(b.create_time ?? '').localeCompare(String(a.create_time ?? '')));
	return matches[0];
}

/**
 * Creates one ad per input item (`POST /ad/create/`, one creative). Checked before any request, then against its ad
 * group (one read). TikTok's `/ad/create/` takes no `request_id` (BUBUBA ad/create.go, SDK AdCreateBody), so the create
 * is never re-sent by the node, and one that may have been applied says so; n8n's Retry On Fail after such a failure
 * does not send it again either but looks for the ad (`findLostAd`) and returns it, marked `created_by_earlier_try`.
 */
export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await executeEntityWrite<CreateParams>(this, items, {
		prepare: (i) => prepare.call(this, i),
		check: async (p, _currencies, itemIndex) => await checkAgainstAdGroup.call(this, p, itemIndex),
		path: '/ad/create/',
		creates: 'an ad',
		idempotent: false,
		fieldNames: {
			ad_name: 'Ad Name',
			ad_text: 'Ad Text',
			video_id: 'Video ID',
			image_ids: 'Image IDs',
			identity_id: 'Identity',
			call_to_action: 'Call to Action',
			landing_page_url: 'Landing Page URL',
		},
		result: 'created ad',
		findLostCreate: async (p, itemIndex) => await findLostAd.call(this, p, itemIndex),
		lostCreateWhere: (p) => `in ad group ${p.adGroupId}`,
		output: (data, itemIndex) => {
			const ad = Array.isArray(data.creatives) ? (data.creatives as IDataObject[])[0] : undefined;
			const adId = ad?.ad_id ?? (Array.isArray(data.ad_ids) ? data.ad_ids[0] : undefined);
			if (adId === undefined) throw new NodeOperationError(this.getNode(), 'TikTok did not return the created ad', { itemIndex });
			return stringifyIds({ ...(ad ?? {}), ad_id: String(adId) });
		},
	});
}
