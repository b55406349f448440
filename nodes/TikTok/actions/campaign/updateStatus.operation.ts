import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { StatusEndpoint } from '../../helpers/status';
import { executeStatusUpdate } from '../../helpers/status';
import { modelSettable } from '../../helpers/tool';
import { advertiserRLC } from '../common.descriptions';
import { campaignIdProperty } from './fields';

/** Most IDs TikTok accepts in one `/campaign/status/update/` call (contract §13.1). */
export const CAMPAIGN_STATUS_BATCH_SIZE = 20;

/**
 * Campaigns' status endpoint. TikTok documents no `allow_partial_success` for campaigns: a batch refused over one
 * campaign (deleted, missing) is narrowed down by `sendStatusUpdate`, so only that campaign's item fails.
 */
const CAMPAIGN_STATUS_ENDPOINT: StatusEndpoint = {
	path: '/campaign/status/update/',
	idsKey: 'campaign_ids',
	idKey: 'campaign_id',
	noun: 'campaign',
};

const properties: INodeProperties[] = [
	advertiserRLC,
	{
		...campaignIdProperty,
		description:
			'The campaign to change. Pick it from the list or give its ID (digits). Many input items are sent together, up to 20 campaigns per request.',
	},
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
				description: 'Delete the campaign with its ad groups and ads. This cannot be undone.',
			},
			{ name: 'Disable', value: 'DISABLE', description: 'Pause the campaign: nothing in it delivers until enabled again' },
			{ name: 'Enable', value: 'ENABLE', description: 'Switch the campaign on' },
		],
		default: 'DISABLE',
		description: 'The status to set. Deleting is irreversible: a deleted campaign can never be changed again.',
	}),
];

const displayOptions = { show: { resource: ['campaign'], operation: ['updateStatus'] } };

export const description = updateDisplayOptions(displayOptions, properties);

/**
 * Sets `operationStatus` on the campaign of every input item: grouped by advertiser and status, 20 campaigns per
 * request; each output item says what TikTok confirmed, paired with its input; a refused campaign fails alone.
 */
export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await executeStatusUpdate.call(this, items, {
		endpoint: CAMPAIGN_STATUS_ENDPOINT,
		batchSize: CAMPAIGN_STATUS_BATCH_SIZE,
		idParameter: 'campaignId',
		idField: 'Campaign',
		entity: 'a campaign',
	});
}
