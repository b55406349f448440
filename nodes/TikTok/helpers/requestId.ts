import { createHash } from 'crypto';
import type { IExecuteFunctions } from 'n8n-workflow';

/**
 * The `request_id` a create sends when the user typed none. TikTok creates one object per `request_id` ("if you send
 * the same request ID several times, only one request succeeds"; a 64-bit integer as text: BUBUBA
 * model/campaign/create.go l.82-85, contract §13.1). It is derived from the execution, the node, the node's run and
 * the item: n8n's "Retry On Fail" runs the node again in the same execution with the same run index, so a retry
 * sends the same ID and cannot make a second object; a new execution (or another run of the node in a loop, or
 * another item) sends another. Undefined when n8n gives no execution ID (then nothing is sent, as before).
 */
export function derivedRequestId(this: IExecuteFunctions, itemIndex: number): string | undefined {
	const executionId = this.getExecutionId();
	if (!executionId) return undefined;
	const node = this.getNode();
	let runIndex = 0;
	try {
		runIndex = Number(this.getWorkflowDataProxy(itemIndex).$runIndex ?? 0);
	} catch {
		// Older n8n without the proxy's run index: the execution, node and item still tell tries apart from executions.
	}
	const digest = createHash('sha256')
		.update(JSON.stringify(['tiktok-create', executionId, node.id ?? node.name, runIndex, itemIndex]))
		.digest('hex');
	// 60 bits of the digest, plus 1: a positive 64-bit integer, never 0.
	return (BigInt(`0x${digest.slice(0, 15)}`) + BigInt(1)).toString();
}
