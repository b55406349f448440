import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { StatusEndpoint } from '../../helpers/status';
import { executeStatusUpdate } from '../../helpers/status';
import { modelSettable } from '../../helpers/tool';
import { advertiserRLC } from '../common.descriptions';
import { adIdProperty } from './fields';

/** Most IDs TikTok accepts in one `/ad/status/update/` call (reference §1.7). */
export const AD_STATUS_BATCH_SIZE = 20;

export { OPERATION_STATUSES } from '../../helpers/status';

const properties: INodeProperties[] = [
	advertiserRLC,
	adIdProperty('The ad to change: pick it or give its ID (digits). Many input items are sent together, up to 20 ads per request.'),
	// The model may choose the status in the tool (text there); pausing is always allowed, see helpers/tool.ts.
	...modelSettable({
		displayName: 'Status',
		name: 'operationStatus',
		type: 'options',
		required: true,
		options: [
			{
				name: 'Delete',
				value: 'DELETE',
				description: 'Delete the ad. This cannot be undone: a deleted ad can never be enabled or changed again.',
			},
			{
				name: 'Disable',
				value: 'DISABLE',
				description: 'Pause the ad: it stops delivering until enabled again',
			},
			{
				name: 'Enable',
				value: 'ENABLE',
				description: 'Switch the ad on: it delivers when its ad group and campaign do',
			},
		],
		default: 'DISABLE',
		description:
			'The status to set. Deleting is irreversible: TikTok never lets a deleted ad be enabled, disabled or edited again.',
	}),
];

const displayOptions = { show: { resource: ['ad'], operation: ['updateStatus'] } };

export const description = updateDisplayOptions(displayOptions, properties);

/**
 * Ads' status endpoint. Whether TikTok can accept the rest of a batch when one ad is deleted or missing (like ad
 * groups' `allow_partial_success`) is UNCONFIRMED for ads: `sendStatusUpdate` narrows a refused batch down.
 */
const AD_STATUS_ENDPOINT: StatusEndpoint = { path: '/ad/status/update/', idsKey: 'ad_ids', idKey: 'ad_id', noun: 'ad' };

/**
 * Sets `operationStatus` on the ad of every input item. Items are grouped by advertiser and status and sent 20 ads
 * per request; each output item says what TikTok confirmed (`ad_id`, `status`), paired with its input.
 */
export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await executeStatusUpdate.call(this, items, {
		endpoint: AD_STATUS_ENDPOINT,
		batchSize: AD_STATUS_BATCH_SIZE,
		idParameter: 'adId',
		idField: 'Ad',
		entity: 'an ad',
	});
}
