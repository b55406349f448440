import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { parseFieldNames } from '../../helpers/entities';
import { forEachItem } from '../../helpers/items';
import { simplifyEntity, simplifyProperty, wantsSimplified } from '../../helpers/simplify';
import { modelSettableIn } from '../../helpers/tool';
import { getAdvertiserId, getLimit, stringifyIds } from '../../helpers/utils';
import { ALL_BUYING_TYPES, getByIdsAllBuyingTypes, listByBuyingType } from '../../helpers/buyingTypes';
import { advertiserRLC, returnAllOrLimit } from '../common.descriptions';
import { AD_FIELD_OPTIONS, AD_SIMPLE_FIELDS } from './fields';
import { adBuyingType, adFiltersProperty, buildAdFiltering } from './filters';

const properties: INodeProperties[] = [
	advertiserRLC,
	...returnAllOrLimit,
	...modelSettableIn(adFiltersProperty, ['campaignIds', 'adgroupIds']),
	simplifyProperty,
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Fields',
				name: 'fields',
				type: 'multiOptions',
				options: AD_FIELD_OPTIONS,
				default: [],
				displayOptions: { show: { '/simplify': [false] } },
				description:
					'Ad fields to return (TikTok returns all fields when none are chosen). The ad ID is always included.',
			},
		],
	},
];

const displayOptions = { show: { resource: ['ad'], operation: ['getMany'] } };

export const description = updateDisplayOptions(displayOptions, properties);

/**
 * Searches the ads of an advertiser: TikTok's filters as one JSON `filtering` object, the chosen `fields`, paged
 * with `page_size` 1000 (or the limit, when smaller) and stopping exactly at the limit. One item per ad.
 */
export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	const node = this.getNode();
	const timezone = this.getTimezone();
	return await forEachItem.call(this, items, async (i) => {
		const advertiserId = getAdvertiserId.call(this, i);
		const limit = getLimit.call(this, i);
		const filters = this.getNodeParameter('filters', i, {}) as IDataObject;
		const filtering = buildAdFiltering(node, filters, timezone, i);
		const buyingType = adBuyingType(node, filters, i);
		const simplify = wantsSimplified.call(this, i);
		const options = this.getNodeParameter('options', i, {}) as IDataObject;
		const fields = simplify ? undefined : parseFieldNames(node, options.fields, 'ad_id', i);

		const qs: IDataObject = { advertiser_id: advertiserId };
		if (Object.keys(filtering).length) qs.filtering = filtering;
		if (fields) qs.fields = fields;
		// TopView (reservation) ads need a request of their own; with ad IDs, only for those not found. Each ad once
		// even when ads are created or deleted while the pages are read (an ID key).
		const request = { method: 'GET' as const, path: '/ad/get/', qs, limit, itemIndex: i, idKey: 'ad_id' };
		const ads =
			Array.isArray(filtering.ad_ids) && buyingType === ALL_BUYING_TYPES
				? (await getByIdsAllBuyingTypes.call(this, request, 'ad_id')).slice(0, limit)
				: await listByBuyingType.call(this, request, buyingType);
		return ads.map((ad) => (simplify ? simplifyEntity(stringifyIds(ad), AD_SIMPLE_FIELDS) : stringifyIds(ad)));
	});
}
