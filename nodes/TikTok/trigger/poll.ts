import type { INodeExecutionData, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/** Events are delivered by issue #7; until then the trigger loads but refuses to poll. */
export async function poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
	throw new NodeOperationError(this.getNode(), 'TikTok Trigger events are not available yet');
}
