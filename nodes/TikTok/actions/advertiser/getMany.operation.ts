import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { forEachItem } from '../../helpers/items';
import { getLimit, stringifyIds } from '../../helpers/utils';
import { BUSINESS_CREDENTIALS, businessRequest } from '../../transport';
import { returnAllOrLimit } from '../common.descriptions';

const properties: INodeProperties[] = [...returnAllOrLimit];

const displayOptions = { show: { resource: ['advertiser'], operation: ['getMany'] } };

export const description = updateDisplayOptions(displayOptions, properties);

/**
 * The advertisers the credential's token reaches (`/oauth2/advertiser/get/`: ID and name; TikTok answers them all
 * in one request, without pages). TikTok does not list advertisers in the sandbox.
 */
export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await forEachItem.call(this, items, async (i) => {
		const limit = getLimit.call(this, i);
		const credentials = await this.getCredentials(BUSINESS_CREDENTIALS);
		if (credentials.environment === 'sandbox') {
			throw new NodeOperationError(
				this.getNode(),
				'TikTok does not list advertisers in the sandbox: use Advertiser → Get with your sandbox advertiser ID',
				{ itemIndex: i },
			);
		}
		const data = await businessRequest.call(this, {
			method: 'GET',
			path: '/oauth2/advertiser/get/',
			qs: { app_id: credentials.appId as string, secret: credentials.secret as string },
			itemIndex: i,
		});
		const list = (Array.isArray(data.list) ? (data.list as IDataObject[]) : []).map((a) => stringifyIds(a));
		return limit === undefined ? list : list.slice(0, limit);
	});
}
