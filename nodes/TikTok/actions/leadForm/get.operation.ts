import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { forEachItem } from '../../helpers/items';
import { getAdvertiserId } from '../../helpers/utils';
import { assertTikTokId } from '../../helpers/validation';
import { businessRequest } from '../../transport';
import { advertiserRLC } from '../common.descriptions';
import { formRLC } from './descriptions';

const properties: INodeProperties[] = [advertiserRLC, formRLC];

const displayOptions = { show: { resource: ['leadForm'], operation: ['get'] } };

export const description = updateDisplayOptions(displayOptions, properties);

/**
 * One instant form and its questions (`GET /page/field/get/`): `page_id`, `page_name`, `create_time`, `page_url` and
 * `fields` (the questions, in the form's order). A form of another advertiser is refused by TikTok.
 */
export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	const node = this.getNode();
	return await forEachItem.call(this, items, async (i) => {
		const advertiserId = getAdvertiserId.call(this, i);
		const formId = assertTikTokId(node, this.getNodeParameter('formId', i, '', { extractValue: true }), 'Instant Form', i);
		const data = await businessRequest.call(this, {
			method: 'GET',
			path: '/page/field/get/',
			qs: { advertiser_id: advertiserId, page_id: formId },
			itemIndex: i,
		});
		const meta = (data.meta ?? {}) as IDataObject;
		return {
			page_id: String(meta.page_id ?? formId),
			page_name: meta.page_name ?? null,
			create_time: meta.create_time ?? null,
			page_url: meta.page_url ?? null,
			advertiser_id: advertiserId,
			fields: Array.isArray(data.fields) ? data.fields : [],
		};
	});
}
