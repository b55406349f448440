import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { forEachItem } from '../../helpers/items';
import { developersHint } from '../../transport';
import { fetchStatus, presentStatus } from './publish';

const properties: INodeProperties[] = [
	{
		displayName: 'Publish ID',
		name: 'publishId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. v_pub_file~v2-1.123456789',
		description: 'The publishId a posting operation returned',
	},
];

const displayOptions = { show: { resource: ['post'], operation: ['getStatus'] } };

export const description = updateDisplayOptions(displayOptions, properties);

/** TikTok's publish IDs: at most 64 characters (letters, digits, `_`, `~`, `.`, `-`). */
const PUBLISH_ID = /^[A-Za-z0-9_~.-]{1,64}$/;

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await forEachItem.call(this, items, async (i) => {
		const publishId = String(this.getNodeParameter('publishId', i) ?? '').trim();
		if (!PUBLISH_ID.test(publishId)) {
			throw new NodeOperationError(
				this.getNode(),
				publishId === ''
					? 'The "Publish ID" parameter is empty: enter the publishId a posting operation returned'
					: `The "Publish ID" parameter is not a TikTok publish ID (at most 64 letters, digits, _ ~ . -), got "${publishId.slice(0, 80)}"`,
				{ itemIndex: i },
			);
		}
		const out = presentStatus(publishId, await fetchStatus.call(this, publishId, i));
		if (out.status === 'FAILED' && typeof out.failReason === 'string') {
			const hint = developersHint(out.failReason);
			if (hint) out.failHint = hint;
		}
		return out;
	});
}
