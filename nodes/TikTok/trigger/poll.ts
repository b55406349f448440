import type { INodeExecutionData, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { pollAds } from './ads';
import { pollLeads } from './leads';
import { pollVideos } from './videos';

/**
 * The trigger's poll. First activation records the present and emits nothing; later polls emit what is new since
 * the cursor kept in the node's static data; manual mode ("Fetch test event") returns the newest item and leaves the
 * cursor alone. See `cursor.ts` for how nothing is dropped or repeated.
 */
export async function poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
	const event = this.getNodeParameter('event') as string;
	switch (event) {
		case 'adCreated':
		case 'adUpdated':
			return await pollAds.call(this, event);
		case 'videoPosted':
			return await pollVideos.call(this);
		case 'leadReceived':
			return await pollLeads.call(this);
		default:
			throw new NodeOperationError(this.getNode(), `The event "${event}" is not known to the TikTok Trigger`);
	}
}
