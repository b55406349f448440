import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { forEachItem } from '../../helpers/items';
import { getAdvertiserId, stringifyIds } from '../../helpers/utils';
import { assertTikTokId } from '../../helpers/validation';
import { businessRequest, tikTokApiError } from '../../transport';
import { advertiserRLC } from '../common.descriptions';

const properties: INodeProperties[] = [
	advertiserRLC,
	{
		displayName: 'Ad ID',
		name: 'adId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 1780000000000000000',
		description: 'ID of the ad to get',
	},
];

const displayOptions = { show: { resource: ['ad'], operation: ['get'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await forEachItem.call(this, items, async (i) => {
		const advertiserId = getAdvertiserId.call(this, i);
		const adId = assertTikTokId(this.getNode(), this.getNodeParameter('adId', i), 'Ad ID', i);
		const data = await businessRequest.call(this, {
			method: 'GET',
			path: '/ad/get/',
			qs: {
				advertiser_id: advertiserId,
				filtering: { ad_ids: [adId], primary_status: 'STATUS_ALL' },
				page: 1,
				page_size: 1,
			},
			itemIndex: i,
		});
		const ad = ((data.list as IDataObject[]) ?? []).find((a) => String(a.ad_id) === adId);
		if (!ad) {
			throw tikTokApiError(
				this.getNode(),
				{ api: 'business', code: 40007, message: `Ad ${adId} was not found in advertiser ${advertiserId}` },
				i,
			);
		}
		return stringifyIds(ad);
	});
}
