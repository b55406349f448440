import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import * as ad from './ad/Ad.resource';
import * as adGroup from './adGroup/AdGroup.resource';
import * as adReport from './adReport/AdReport.resource';
import * as advertiser from './advertiser/Advertiser.resource';
import * as apiCall from './apiCall/ApiCall.resource';
import * as campaign from './campaign/Campaign.resource';
import * as lead from './lead/Lead.resource';
import * as leadForm from './leadForm/LeadForm.resource';
import * as post from './post/Post.resource';
import * as sound from './sound/Sound.resource';
import * as user from './user/User.resource';
import * as video from './video/Video.resource';
import type { TikTokType } from './node.type';
import { BUSINESS_CREDENTIALS, DEVELOPERS_CREDENTIALS, scrubError, secretsOfCredentials } from '../transport';

type Operation = {
	execute: (this: IExecuteFunctions, items: INodeExecutionData[]) => Promise<INodeExecutionData[]>;
};

const resources: Record<string, Record<string, Operation>> = {
	ad: ad as unknown as Record<string, Operation>,
	adGroup: adGroup as unknown as Record<string, Operation>,
	adReport: adReport as unknown as Record<string, Operation>,
	advertiser: advertiser as unknown as Record<string, Operation>,
	apiCall: apiCall as unknown as Record<string, Operation>,
	campaign: campaign as unknown as Record<string, Operation>,
	lead: lead as unknown as Record<string, Operation>,
	leadForm: leadForm as unknown as Record<string, Operation>,
	post: post as unknown as Record<string, Operation>,
	sound: sound as unknown as Record<string, Operation>,
	user: user as unknown as Record<string, Operation>,
	video: video as unknown as Record<string, Operation>,
};

/** Dispatches to `actions/<resource>/<operation>.operation.ts`; each operation handles pairing and continueOnFail. */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const resource = this.getNodeParameter<TikTokType>('resource', 0);
	const operation = this.getNodeParameter('operation', 0);
	const tikTokNodeData = { resource, operation } as TikTokType;

	const handler = resources[tikTokNodeData.resource]?.[tikTokNodeData.operation];
	if (!handler || typeof handler.execute !== 'function') {
		throw new NodeOperationError(
			this.getNode(),
			`The operation "${operation}" is not supported for resource "${resource}"`,
		);
	}
	// Last line of defence for secrets, whatever put them in an error (the transport already scrubs its own): error
	// items of "Continue" and the error that stops the node.
	let output: INodeExecutionData[];
	try {
		output = await handler.execute.call(this, items);
	} catch (error) {
		throw scrubError(error as Error, await secretsOfCredentials(this, [BUSINESS_CREDENTIALS, DEVELOPERS_CREDENTIALS]));
	}
	const errorItems = output.filter((item) => item.json?.error !== undefined);
	if (errorItems.length > 0) {
		const secrets = await secretsOfCredentials(this, [BUSINESS_CREDENTIALS, DEVELOPERS_CREDENTIALS]);
		for (const item of errorItems) scrubError(item.json, secrets);
	}
	return [output];
}
