import type { ICredentialDataDecryptedObject, ICredentialType, INodeProperties, Icon } from 'n8n-workflow';

const DEFAULT_SCOPES = 'user.info.basic,video.list,video.publish,video.upload';

/** Root URL of the Developers API (`/v2/...`) for these credentials. */
export function developersApiRoot(credentials: ICredentialDataDecryptedObject): string {
	if (credentials.environment === 'custom') {
		return String(credentials.baseUrl ?? '').trim().replace(/\/+$/, '');
	}
	return 'https://open.tiktokapis.com';
}

/**
 * TikTok for Developers (Login Kit / Display API v2) credential, on top of n8n's OAuth2 so the Connect button works.
 *
 * TikTok says `client_key` where OAuth2 says `client_id`, and n8n always sends `client_id`. This credential adds
 * `client_key` everywhere TikTok reads it:
 * - authorize URL: `authQueryParameters` (`client_key=<Client Key>`),
 * - code exchange: `additionalBodyProperties` (`{"client_key": …}`, merged into the form body by n8n),
 * - refresh: n8n's refresh sends only `refresh_token`, `grant_type` and `client_id`/`client_secret` and ignores
 *   `additionalBodyProperties`, so the token URL itself carries `?client_key=<Client Key>`: n8n keeps the URL's query
 *   on both the exchange and the refresh POST. TikTok ignores the extra `client_id`.
 */
export class TikTokOAuth2Api implements ICredentialType {
	name = 'tikTokOAuth2Api';

	extends = ['oAuth2Api'];

	displayName = 'TikTok OAuth2 API';

	icon: Icon = { light: 'file:tiktok.svg', dark: 'file:tiktok.dark.svg' };

	documentationUrl =
		'https://github.com/n8n-nodes-tiktok-suite/n8n-nodes-tiktok-suite#tiktok-oauth2-api-credential';

	properties: INodeProperties[] = [
		{
			displayName: 'Environment',
			name: 'environment',
			type: 'options',
			options: [
				{
					name: 'Production',
					value: 'production',
					description: 'www.tiktok.com for consent, open.tiktokapis.com for the API',
				},
				{
					name: 'Custom',
					value: 'custom',
					description: 'One root URL serving /v2/auth/authorize/, /v2/oauth/token/ and the API (for example a local fake TikTok API)',
				},
			],
			default: 'production',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: '',
			placeholder: 'http://127.0.0.1:4010',
			description: 'Root URL serving the authorize, token and /v2 API paths',
			displayOptions: { show: { environment: ['custom'] } },
		},
		{
			displayName: 'Grant Type',
			name: 'grantType',
			type: 'hidden',
			default: 'authorizationCode',
		},
		{
			displayName: 'Authorization URL',
			name: 'authUrl',
			type: 'hidden',
			default:
				'={{($self["environment"] === "custom" ? String($self["baseUrl"]).trim().replace(/\\/+$/, "") : "https://www.tiktok.com") + "/v2/auth/authorize/"}}',
			required: true,
		},
		{
			displayName: 'Access Token URL',
			name: 'accessTokenUrl',
			type: 'hidden',
			default:
				'={{($self["environment"] === "custom" ? String($self["baseUrl"]).trim().replace(/\\/+$/, "") : "https://open.tiktokapis.com") + "/v2/oauth/token/?client_key=" + encodeURIComponent($self["clientId"])}}',
			required: true,
		},
		{
			displayName: 'Client Key',
			name: 'clientId',
			type: 'string',
			default: '',
			required: true,
			description: 'The Client Key of your app on TikTok for Developers (TikTok calls the OAuth client ID "client_key")',
		},
		{
			displayName: 'Client Secret',
			name: 'clientSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'The Client Secret of your app on TikTok for Developers',
		},
		{
			displayName: 'Scope',
			name: 'scope',
			type: 'string',
			default: DEFAULT_SCOPES,
			description:
				'Comma-separated TikTok scopes, as enabled for your app (for example user.info.basic,user.info.profile,user.info.stats,video.list,video.publish,video.upload; posting needs video.publish, drafts video.upload)',
		},
		{
			displayName: 'Auth URI Query Parameters',
			name: 'authQueryParameters',
			type: 'hidden',
			default: '={{"client_key=" + encodeURIComponent($self["clientId"])}}',
		},
		{
			displayName: 'Authentication',
			name: 'authentication',
			type: 'hidden',
			default: 'body',
		},
		{
			displayName: 'Send Additional Body Properties',
			name: 'sendAdditionalBodyProperties',
			type: 'hidden',
			default: true,
		},
		{
			displayName: 'Additional Body Properties',
			name: 'additionalBodyProperties',
			type: 'hidden',
			default: '={{JSON.stringify({ client_key: $self["clientId"] })}}',
		},
	];
}
