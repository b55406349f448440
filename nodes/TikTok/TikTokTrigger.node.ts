import type { INodeExecutionData, INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { listSearch, loadOptions } from './methods';
import { BUSINESS_CREDENTIALS, DEVELOPERS_CREDENTIALS, scrubError, secretsOfCredentials } from './transport';
import { poll } from './trigger/poll';
import { triggerProperties } from './trigger/description';

export class TikTokTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'TikTok Trigger',
		name: 'tikTokTrigger',
		icon: { light: 'file:tiktok.svg', dark: 'file:tiktok.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["event"]}}',
		description: 'Starts the workflow when TikTok ads are created or changed, a new video is posted, or a new lead arrives',
		defaults: {
			name: 'TikTok Trigger',
		},
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{
				name: 'tikTokBusinessOAuth2Api',
				required: true,
				displayOptions: { hide: { event: ['videoPosted'] } },
			},
			{
				name: 'tikTokOAuth2Api',
				required: true,
				displayOptions: { show: { event: ['videoPosted'] } },
			},
		],
		properties: triggerProperties,
	};

	methods = { listSearch, loadOptions };

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		try {
			return await poll.call(this);
		} catch (error) {
			// Whatever put a secret in the error (the transport already scrubs its own), it does not leave the node.
			throw scrubError(error as Error, await secretsOfCredentials(this, [BUSINESS_CREDENTIALS, DEVELOPERS_CREDENTIALS]));
		}
	}
}
