import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { simplifyProperty } from '../../helpers/simplify';
import { modelSettableIn } from '../../helpers/tool';
import { executeGetMany } from '../../helpers/entities';
import { advertiserRLC, returnAllOrLimit } from '../common.descriptions';
import { fieldsOptionsProperty } from '../entity/fields';
import { CAMPAIGN } from './fields';
import { entityFiltersProperty } from '../entity/filters';

const properties: INodeProperties[] = [
	advertiserRLC,
	...returnAllOrLimit,
	...modelSettableIn(entityFiltersProperty('campaign'), ['campaignIds', 'adgroupIds']),
	simplifyProperty,
	fieldsOptionsProperty(CAMPAIGN, 'Campaign'),
];

const displayOptions = { show: { resource: ['campaign'], operation: ['getMany'] } };

export const description = updateDisplayOptions(displayOptions, properties);

/** Searches the advertiser's campaigns: TikTok's filters, pages of 1000 (or the limit), one item per campaign. */
export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await executeGetMany.call(this, items, CAMPAIGN);
}
