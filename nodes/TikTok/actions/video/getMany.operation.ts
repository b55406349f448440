import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { forEachItem } from '../../helpers/items';
import { simplifyProperty, wantsSimplified } from '../../helpers/simplify';
import { getLimit, stringifyIds } from '../../helpers/utils';
import { returnAllOrLimit } from '../common.descriptions';
import { developersRequestAllItems } from '../../transport';
import { VIDEO_FIELDS, VIDEO_FIELD_OPTIONS, VIDEO_SIMPLE_FIELDS } from './fields';

const properties: INodeProperties[] = [
	...returnAllOrLimit,
	simplifyProperty,
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
				options: VIDEO_FIELD_OPTIONS,
				default: [...VIDEO_FIELDS],
				displayOptions: { show: { '/simplify': [false] } },
				description: 'Video fields to return. The ID is always included. All fields by default.',
			},
		],
	},
];

const displayOptions = { show: { resource: ['video'], operation: ['getMany'] } };

export const description = updateDisplayOptions(displayOptions, properties);

/**
 * The fields to ask TikTok for: with `simplify`, those a person reads first; otherwise the chosen ones (all by
 * default), always with `id`, only names TikTok knows.
 */
function requestedFields(this: IExecuteFunctions, itemIndex: number): string[] {
	if (wantsSimplified.call(this, itemIndex)) return [...VIDEO_SIMPLE_FIELDS];
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
