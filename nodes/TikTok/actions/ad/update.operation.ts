import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { fetchEntitiesByIds } from '../../helpers/entities';
import { getAdvertiserId, stringifyIds } from '../../helpers/utils';
import { assertTikTokId } from '../../helpers/validation';
import { tikTokApiError } from '../../transport';
import { advertiserRLC } from '../common.descriptions';
import { assertNameLength, emptyUpdateError, executeEntityWrite } from '../entityWrite';
import { CREATIVE_FIELDS, PATCHABLE_FIELDS, callToActionProperty, creativeOf, readAdText, readCallToAction, readImageIds, readLandingPage } from './creative';
import { AD, AD_FIELD_OPTIONS, adIdProperty } from './fields';

/** The creative fields `/ad/get/` documents (reference §1.6): what a full update can send back. */
const READABLE_CREATIVE_FIELDS = AD_FIELD_OPTIONS.map((o) => String(o.value)).filter((field) => CREATIVE_FIELDS.includes(field));

const properties: INodeProperties[] = [
	advertiserRLC,
	adIdProperty('The ad to change. Pick it from the list or give its ID (digits).'),
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		description: 'Only the fields set here change; the rest of the ad stays as it is',
		options: [
			{ displayName: 'Ad Name', name: 'adName', type: 'string', default: '', description: 'New name (at most 512 characters, Chinese and Japanese ones counting 2)' },
			{
				displayName: 'Ad Text',
				name: 'adText',
				type: 'string',
				default: '',
				description: 'New text: 1–100 characters (Chinese and Japanese ones count 2), no emoji',
			},
			{ ...callToActionProperty, description: 'New button of the ad' },
			{ displayName: 'Image IDs', name: 'imageIds', type: 'string', default: '', description: 'New image (Single Image) or cover (Single Video): an image_id from the creative library' },
			{ displayName: 'Landing Page URL', name: 'landingPageUrl', type: 'string', default: '', description: 'New page the button leads to (https)' },
			{ displayName: 'Video ID', name: 'videoId', type: 'string', default: '', description: 'New video: a video_id from the creative library' },
		],
	},
];

const displayOptions = { show: { resource: ['ad'], operation: ['update'] } };

export const description = updateDisplayOptions(displayOptions, properties);

interface UpdateParams {
	advertiserId: string;
	adId: string;
	changes: IDataObject;
	body: IDataObject;
}

function prepare(this: IExecuteFunctions, i: number): UpdateParams {
	const node = this.getNode();
	const advertiserId = getAdvertiserId.call(this, i);
	const adId = assertTikTokId(node, this.getNodeParameter('adId', i, '', { extractValue: true }), 'Ad', i);
	const fields = this.getNodeParameter('updateFields', i, {}) as IDataObject;
	const changes: IDataObject = {};
	if (fields.adName !== undefined) {
		const name = String(fields.adName).trim();
		if (name === '') throw new NodeOperationError(node, 'The "Ad Name" field is empty: enter the new name', { itemIndex: i });
		assertNameLength(node, name, '"Ad Name" field', 'at most 512', i);
		changes.ad_name = name;
	}
	if (fields.adText !== undefined) changes.ad_text = readAdText(node, fields.adText, '"Ad Text" field', i);
	if (fields.callToAction !== undefined) changes.call_to_action = readCallToAction(node, fields.callToAction, i);
	if (fields.landingPageUrl !== undefined) {
		const url = readLandingPage(node, fields.landingPageUrl, '"Landing Page URL" field', i);
		if (!url) throw new NodeOperationError(node, 'The "Landing Page URL" field is empty: enter the new address', { itemIndex: i });
		changes.landing_page_url = url;
	}
	if (fields.videoId !== undefined) {
		const videoId = String(fields.videoId).trim();
		if (videoId === '') throw new NodeOperationError(node, 'The "Video ID" field is empty: enter the new video_id', { itemIndex: i });
		changes.video_id = videoId;
	}
	if (fields.imageIds !== undefined) {
		const images = readImageIds(fields.imageIds);
		if (images.length !== 1) throw new NodeOperationError(node, `The "Image IDs" field holds ${images.length} images: give exactly one`, { itemIndex: i });
		changes.image_ids = images;
	}
	if (Object.keys(changes).length === 0) throw emptyUpdateError(node, i);
	return { advertiserId, adId, changes, body: { advertiser_id: advertiserId } };
}

/**
 * Reads the ad (one `/ad/get/`) for its ad group, then builds the update so that nothing else changes: when every
 * changed field is one TikTok patches alone (`patch_update: true`: name, text, video, image, identity…), only those are
 * sent; otherwise (call to action, landing page) the whole creative is sent back as TikTok returned it, with the changes.
 */
async function buildUpdate(this: IExecuteFunctions, p: UpdateParams, itemIndex: number): Promise<void> {
	const found = await fetchEntitiesByIds.call(this, AD, p.advertiserId, [p.adId], ['ad_id', 'adgroup_id', ...READABLE_CREATIVE_FIELDS], itemIndex);
	const ad = found.get(p.adId);
	if (!ad) {
		throw tikTokApiError(this.getNode(), { api: 'business', code: 40007, message: `Ad ${p.adId} was not found in advertiser ${p.advertiserId}` }, itemIndex);
	}
	p.body.adgroup_id = String(ad.adgroup_id);
	const patchable = Object.keys(p.changes).every((key) => PATCHABLE_FIELDS.includes(key));
	if (patchable) {
		p.body.patch_update = true;
		p.body.creatives = [{ ad_id: p.adId, ...p.changes }];
	} else {
		p.body.creatives = [{ ...creativeOf(ad), ad_id: p.adId, ...p.changes }];
	}
}

/** Changes one ad per input item (`POST /ad/update/`); the output is the ad as TikTok returns it after the change. */
export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await executeEntityWrite<UpdateParams>(this, items, {
		prepare: (i) => prepare.call(this, i),
		check: async (p, _currencies, itemIndex) => await buildUpdate.call(this, p, itemIndex),
		path: '/ad/update/',
		// Sending the same update twice leaves the same ad: TikTok may retry it after an unclear failure.
		idempotent: true,
		fieldNames: { ad_name: 'Ad Name', ad_text: 'Ad Text', call_to_action: 'Call to Action', landing_page_url: 'Landing Page URL', video_id: 'Video ID', image_ids: 'Image IDs' },
		result: 'updated ad',
		output: (data) => {
			const ad = Array.isArray(data.creatives) ? (data.creatives as IDataObject[])[0] : undefined;
			return stringifyIds(ad ?? { ad_ids: data.ad_ids });
		},
	});
}
