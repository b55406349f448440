import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { simplifyProperty } from '../../helpers/simplify';
import { executeGetByIds } from '../../helpers/entities';
import { fieldsOptionsProperty } from '../entity/fields';
import { advertiserRLC } from '../common.descriptions';
import { ADGROUP, adGroupIdProperty } from './fields';

const properties: INodeProperties[] = [
	advertiserRLC,
	{
		...adGroupIdProperty,
		description:
			'The ad group to get (deleted and TopView ad groups too). Pick it from the list or give its ID (digits). Many input items are fetched together, up to 100 per request.',
	},
	simplifyProperty,
	fieldsOptionsProperty(ADGROUP, 'Ad group'),
];

const displayOptions = { show: { resource: ['adGroup'], operation: ['get'] } };

export const description = updateDisplayOptions(displayOptions, properties);

/** One output item per input item: the ad group it names (batched: 100 IDs per request per advertiser). */
export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await executeGetByIds.call(this, items, ADGROUP, 'adGroupId');
}
