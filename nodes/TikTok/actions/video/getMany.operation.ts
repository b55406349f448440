import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { forEachItem } from '../../helpers/items';
import { getLimit, stringifyIds } from '../../helpers/utils';
import { returnAllOrLimit } from '../common.descriptions';
import { developersRequestAllItems } from '../../transport';

/** Every field of TikTok's video object (Display API "Video Object"). */
export const VIDEO_FIELDS = [
	'id',
	'create_time',
	'cover_image_url',
	'share_url',
	'video_description',
	'duration',
	'height',
	'width',
	'title',
	'embed_html',
	'embed_link',
	'like_count',
	'comment_count',
	'share_count',
	'view_count',
] as const;

const FIELD_DESCRIPTIONS: Record<(typeof VIDEO_FIELDS)[number], string> = {
	id: 'Video ID (always returned)',
	create_time: 'When the video was posted (Unix seconds)',
	cover_image_url: 'Cover image URL (valid for 6 hours)',
	share_url: 'Public link to the video',
	video_description: 'Caption of the video',
	duration: 'Length in seconds',
	height: 'Height in pixels',
	width: 'Width in pixels',
	title: 'Title of the video',
	embed_html: 'HTML to embed the video',
	embed_link: 'Embed link of the video',
	like_count: 'Number of likes',
	comment_count: 'Number of comments',
	share_count: 'Number of shares',
	view_count: 'Number of views',
};

const properties: INodeProperties[] = [
	...returnAllOrLimit,
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [
			{
				displayName: 'Fields',
				name: 'fields',
				type: 'multiOptions',
				options: VIDEO_FIELDS.map((field) => ({
					name: field,
					value: field,
					description: FIELD_DESCRIPTIONS[field],
				})),
				default: [...VIDEO_FIELDS],
				description: 'Video fields to return. The ID is always included. All fields by default.',
			},
		],
	},
];

const displayOptions = { show: { resource: ['video'], operation: ['getMany'] } };

export const description = updateDisplayOptions(displayOptions, properties);

/** The fields to ask TikTok for: the chosen ones (all by default), always with `id`, only names TikTok knows. */
function requestedFields(this: IExecuteFunctions, itemIndex: number): string[] {
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const chosen = options.fields === undefined ? [...VIDEO_FIELDS] : options.fields;
	const list = Array.isArray(chosen)
		? chosen.map(String)
		: String(chosen)
				.split(',')
				.map((f) => f.trim())
				.filter(Boolean);
	const unknown = list.filter((f) => !(VIDEO_FIELDS as readonly string[]).includes(f));
	if (unknown.length) {
		throw new NodeOperationError(
			this.getNode(),
			`The "Fields" option has unknown video fields: ${unknown.join(', ')} (known: ${VIDEO_FIELDS.join(', ')})`,
			{ itemIndex },
		);
	}
	return ['id', ...list.filter((f) => f !== 'id')];
}

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await forEachItem.call(this, items, async (i) => {
		const limit = getLimit.call(this, i);
		const fields = requestedFields.call(this, i);
		const videos = await developersRequestAllItems.call(this, {
			method: 'POST',
			path: '/v2/video/list/',
			qs: { fields },
			body: {},
			listKey: 'videos',
			limit,
			itemIndex: i,
		});
		return videos.map((video) => stringifyIds(video));
	});
}
