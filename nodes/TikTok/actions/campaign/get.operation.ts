import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { simplifyProperty } from '../../helpers/simplify';
import { executeGetByIds } from '../../helpers/entities';
import { advertiserRLC } from '../common.descriptions';
import { fieldsOptionsProperty } from '../entity/fields';
import { CAMPAIGN, campaignIdProperty } from './fields';

const properties: INodeProperties[] = [
	advertiserRLC,
	{
		...campaignIdProperty,
		description:
			'The campaign to get (deleted and TopView campaigns too). Pick it from the list or give its ID (digits). Many input items are fetched together, up to 100 campaigns per request.',
	},
	simplifyProperty,
	fieldsOptionsProperty(CAMPAIGN, 'Campaign'),
];

const displayOptions = { show: { resource: ['campaign'], operation: ['get'] } };

export const description = updateDisplayOptions(displayOptions, properties);

/**
 * One output item per input item: the campaign it names. One `/campaign/get/` per advertiser for up to 100 IDs
 * (deleted ones included); TopView campaigns, which TikTok leaves out by default, are asked for once more.
 */
export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await executeGetByIds.call(this, items, CAMPAIGN, 'campaignId');
}
