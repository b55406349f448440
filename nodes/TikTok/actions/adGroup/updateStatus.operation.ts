import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { StatusEndpoint } from '../../helpers/status';
import { executeStatusUpdate } from '../../helpers/status';
import { modelSettable } from '../../helpers/tool';
import { advertiserRLC } from '../common.descriptions';
import { adGroupIdProperty } from './fields';

/** Most IDs TikTok accepts in one `/adgroup/status/update/` call (contract §1.7, §13.1). */
export const ADGROUP_STATUS_BATCH_SIZE = 20;

/**
 * Ad groups' status endpoint, with TikTok's documented `allow_partial_success`: ad groups that cannot change are
 * listed in `error_list` and only their items fail, without another request.
 */
const ADGROUP_STATUS_ENDPOINT: StatusEndpoint = {
	path: '/adgroup/status/update/',
	idsKey: 'adgroup_ids',
	idKey: 'adgroup_id',
	noun: 'ad group',
	extraBody: { allow_partial_success: true },
};

const properties: INodeProperties[] = [
	advertiserRLC,
	{
		...adGroupIdProperty,
		description:
			'The ad group to change. Pick it from the list or give its ID (digits). Many input items are sent together, up to 20 per request.',
	},
	// The model may choose the status in the tool (text there); pausing is always allowed, see helpers/tool.ts.
	...modelSettable({
		displayName: 'Status',
		name: 'operationStatus',
		type: 'options',
		required: true,
		options: [
			{ name: 'Delete', value: 'DELETE', description: 'Delete the ad group with its ads. This cannot be undone.' },
			{ name: 'Disable', value: 'DISABLE', description: 'Pause the ad group' },
			{ name: 'Enable', value: 'ENABLE', description: 'Switch the ad group on: it delivers when its campaign does' },
		],
		default: 'DISABLE',
		description:
			'The status to set. Deleting is irreversible. Reach & Frequency ad groups cannot be enabled or disabled through the API.',
	}),
];

const displayOptions = { show: { resource: ['adGroup'], operation: ['updateStatus'] } };

export const description = updateDisplayOptions(displayOptions, properties);

/** Sets `operationStatus` on the ad group of every input item: grouped by advertiser and status, 20 per request. */
export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await executeStatusUpdate.call(this, items, {
		endpoint: ADGROUP_STATUS_ENDPOINT,
		batchSize: ADGROUP_STATUS_BATCH_SIZE,
		idParameter: 'adGroupId',
		idField: 'Ad Group',
		entity: 'an ad group',
	});
}
