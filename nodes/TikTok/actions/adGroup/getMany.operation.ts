import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { simplifyProperty } from '../../helpers/simplify';
import { modelSettableIn } from '../../helpers/tool';
import { executeGetMany } from '../../helpers/entities';
import { fieldsOptionsProperty } from '../entity/fields';
import { entityFiltersProperty } from '../entity/filters';
import { advertiserRLC, returnAllOrLimit } from '../common.descriptions';
import { ADGROUP } from './fields';

const properties: INodeProperties[] = [
	advertiserRLC,
	...returnAllOrLimit,
	...modelSettableIn(entityFiltersProperty('adGroup'), ['campaignIds', 'adgroupIds']),
	simplifyProperty,
	fieldsOptionsProperty(ADGROUP, 'Ad group'),
];

const displayOptions = { show: { resource: ['adGroup'], operation: ['getMany'] } };

export const description = updateDisplayOptions(displayOptions, properties);

/** Searches the advertiser's ad groups: TikTok's filters, pages of 1000 (or the limit), one item per ad group. */
export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await executeGetMany.call(this, items, ADGROUP);
}
