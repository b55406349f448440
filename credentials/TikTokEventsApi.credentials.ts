import type {
	IAuthenticateGeneric,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

/**
 * TikTok Events API credential: the access token TikTok's Events Manager generates for a pixel (pixel → Settings →
 * Events API → Generate Access Token), sent as `Access-Token` on the Business API host like every Business call
 * (docs/tiktok-contract.md §18). Used only by Event → Send.
 */
export class TikTokEventsApi implements ICredentialType {
	name = 'tikTokEventsApi';

	displayName = 'TikTok Events API';

	icon: Icon = { light: 'file:tiktok.svg', dark: 'file:tiktok.dark.svg' };

	documentationUrl = 'https://github.com/n8n-nodes-tiktok-suite/n8n-nodes-tiktok-suite#tiktok-events-api-credential';

	properties: INodeProperties[] = [
		{
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description:
				"The Events API access token of your pixel: in TikTok Events Manager open the pixel, then Settings → Events API → Generate Access Token",
		},
		{
			displayName: 'Environment',
			name: 'environment',
			type: 'options',
			options: [
				{ name: 'Production', value: 'production', description: 'https://business-api.tiktok.com' },
				{ name: 'Custom', value: 'custom', description: 'Another root URL, for example a local fake TikTok API or a proxy' },
			],
			default: 'production',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: '',
			placeholder: 'http://127.0.0.1:4010',
			description: 'Root URL of the API. The node appends /open_api/v1.3/… to it, so do not include that part.',
			hint: 'A proxy, or the local fake TikTok API of npm run dev. Calls are never redirected elsewhere.',
			displayOptions: { show: { environment: ['custom'] } },
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: { headers: { 'Access-Token': '={{$credentials.accessToken}}' } },
	};

	/**
	 * TikTok documents no read endpoint for a pixel's token, and a test must not record a conversion. So the test posts
	 * an empty batch to /event/track/: TikTok checks the token first (an invalid or missing token answers 40104 /
	 * 40105, listed below as failures) and then refuses the empty batch as a parameter error, which counts as a
	 * working token. No event is recorded (docs/tiktok-contract.md §18.5).
	 */
	test: ICredentialTestRequest = {
		request: {
			baseURL:
				'={{$credentials.environment === "custom" ? String($credentials.baseUrl).trim().replace(/\\/+$/, "") : "https://business-api.tiktok.com"}}',
			url: '/open_api/v1.3/event/track/',
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: { event_source: 'web', event_source_id: '', data: [] },
			json: true,
		},
		rules: [
			{
				type: 'responseSuccessBody',
				properties: { key: 'code', value: 40104, message: 'No access token: paste the Events API access token of your pixel.' },
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'code',
					value: 40105,
					message: 'TikTok rejected the access token (40105): generate a new one in Events Manager and paste it.',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: { key: 'code', value: 40102, message: 'The access token has expired (40102): generate a new one.' },
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'code',
					value: 40001,
					message: 'The token has no permission to send events (40001): use a token generated for the pixel.',
				},
			},
		],
	};
}
