import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { forEachItem } from '../../helpers/items';
import { simplifyProperty, wantsSimplified } from '../../helpers/simplify';
import { getAdvertiserId, getLimit, stringifyIds } from '../../helpers/utils';
import { businessRequestAllItems } from '../../transport';
import { LEAD_FORM_PAGE_SIZE } from '../../methods/leadForms';
import { advertiserRLC, returnAllOrLimit } from '../common.descriptions';
import { formLibraryOption } from './descriptions';
import { formOwner, readLibraryId } from './library';

/** What a simplified form keeps (TikTok's page object has about twenty fields; contract §8.1). */
const SIMPLIFIED_FIELDS = ['page_id', 'title', 'status', 'create_time', 'update_time', 'publish_time', 'preview_url'];

const properties: INodeProperties[] = [
	advertiserRLC,
	...returnAllOrLimit,
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{
				displayName: 'Status',
				name: 'status',
				type: 'options',
				options: [
					{ name: 'Draft', value: 'EDITED' },
					{ name: 'Published', value: 'PUBLISHED' },
				],
				default: 'PUBLISHED',
				description: 'Only forms in this status (TikTok calls drafts EDITED)',
			},
			{
				displayName: 'Title',
				name: 'title',
				type: 'string',
				default: '',
				description: 'Only forms whose title contains this text',
			},
		],
	},
	simplifyProperty,
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [formLibraryOption],
	},
];

const displayOptions = { show: { resource: ['leadForm'], operation: ['getMany'] } };

export const description = updateDisplayOptions(displayOptions, properties);

/**
 * The advertiser's instant forms (`GET /page/get/`, `business_type` LEAD_GEN), 100 per page as TikTok allows, with
 * status and creation time. One item per form.
 */
export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await forEachItem.call(this, items, async (i) => {
		const advertiserId = getAdvertiserId.call(this, i);
		const limit = getLimit.call(this, i);
		const filters = this.getNodeParameter('filters', i, {}) as IDataObject;
		const simplify = wantsSimplified.call(this, i);
		const options = this.getNodeParameter('options', i, {}) as IDataObject;
		const libraryId = readLibraryId(this.getNode(), options.libraryId, i);
		// A form library's forms are listed by library_id in place of advertiser_id (contract §8.1).
		const qs: IDataObject = { ...formOwner({ advertiserId, libraryId }), business_type: 'LEAD_GEN' };
		if (filters.status) qs.page_status = filters.status;
		if (typeof filters.title === 'string' && filters.title.trim() !== '') qs.title = filters.title.trim();
		const forms = await businessRequestAllItems.call(this, {
			method: 'GET',
			path: '/page/get/',
			qs,
			limit,
			maxPageSize: LEAD_FORM_PAGE_SIZE,
			itemIndex: i,
		});
		return forms.map((form) => {
			const full: IDataObject = stringifyIds({ ...form, advertiser_id: advertiserId });
			if (libraryId) full.library_id = libraryId;
			if (!simplify) return full;
			const out: IDataObject = { advertiser_id: advertiserId };
			if (libraryId) out.library_id = libraryId;
			for (const key of SIMPLIFIED_FIELDS) if (key in full) out[key] = full[key];
			return out;
		});
	});
}
