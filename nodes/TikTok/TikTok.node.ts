import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { nodeProperties } from './actions/resources';
import { router } from './actions/router';
import { listSearch, loadOptions } from './methods';

export class TikTok implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'TikTok',
		name: 'tikTok',
		icon: { light: 'file:tiktok.svg', dark: 'file:tiktok.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Manage TikTok campaigns, ad groups and ads, pull ad reports and leads, publish videos and photos, list and embed video posts, upload sounds and call any TikTok API',
		defaults: {
			name: 'TikTok',
		},
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{
				// TikTok API for Business: ads, reports, sounds, and API calls to the Business API.
				name: 'tikTokBusinessOAuth2Api',
				required: true,
				displayOptions: { hide: { resource: ['video', 'post', 'user'], api: ['developers'] } },
			},
			{
				// TikTok for Developers (Display API, Content Posting API): video posts, posting, the user, and API calls to the Developers API.
				name: 'tikTokOAuth2Api',
				required: true,
				displayOptions: {
					hide: { resource: ['ad', 'adReport', 'lead', 'leadForm', 'sound'], operation: ['getEmbed'], api: ['business'] },
				},
			},
		],
		properties: nodeProperties,
	};

	methods = { listSearch, loadOptions };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
