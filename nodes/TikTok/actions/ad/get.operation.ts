import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { executeBatched } from '../../helpers/batch';
import { simplifyPairedItems, simplifyProperty } from '../../helpers/simplify';
import { getAdvertiserId, stringifyIds } from '../../helpers/utils';
import { assertTikTokId } from '../../helpers/validation';
import { tikTokApiError } from '../../transport';
import { getByIdsAllBuyingTypes } from '../../helpers/buyingTypes';
import { advertiserRLC } from '../common.descriptions';
import { AD_SIMPLE_FIELDS, adIdProperty } from './fields';

/** Most IDs TikTok accepts in `filtering.ad_ids` (reference §1.6). */
export const AD_GET_BATCH_SIZE = 100;

const properties: INodeProperties[] = [
	advertiserRLC,
	adIdProperty('The ad to get: pick it or give its ID (digits). Deleted ads are found too. Many input items are fetched together, up to 100 ads per request.'),
	simplifyProperty,
];

const displayOptions = { show: { resource: ['ad'], operation: ['get'] } };

export const description = updateDisplayOptions(displayOptions, properties);

interface GetParams {
	advertiserId: string;
	adId: string;
}

/**
 * One output item per input item: the ad it names. Items are batched: one `/ad/get/` request per advertiser for up
 * to 100 distinct ad IDs (`filtering.ad_ids`, deleted ads included); an ad TikTok does not return fails only its item.
 */
export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	const node = this.getNode();
	const output = await executeBatched<GetParams>(this, items, {
		batchSize: AD_GET_BATCH_SIZE,
		prepare: (i) => ({
			advertiserId: getAdvertiserId.call(this, i),
			adId: assertTikTokId(node, this.getNodeParameter('adId', i, '', { extractValue: true }), 'Ad', i),
		}),
		groupKey: (p) => p.advertiserId,
		id: (p) => p.adId,
		send: async (p, ids, itemIndex) => {
			// TopView ads too: a second request for the IDs TikTok's default buying types did not return.
			const ads = await getByIdsAllBuyingTypes.call(
				this,
				{
					method: 'GET',
					path: '/ad/get/',
					qs: {
						advertiser_id: p.advertiserId,
						filtering: { ad_ids: ids, primary_status: 'STATUS_ALL' },
					},
					itemIndex,
				},
				'ad_id',
			);
			const byId = new Map<string, IDataObject>();
			for (const ad of ads) byId.set(String(ad.ad_id), stringifyIds(ad));
			return byId;
		},
		missing: (p, id, itemIndex) =>
			tikTokApiError(
				node,
				{ api: 'business', code: 40007, message: `Ad ${id} was not found in advertiser ${p.advertiserId}` },
				itemIndex,
			),
	});
	return simplifyPairedItems.call(this, output, AD_SIMPLE_FIELDS, (json) => json.ad_id !== undefined && json.error === undefined);
}
