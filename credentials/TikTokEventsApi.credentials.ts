import type {
	IAuthenticateGeneric,
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestHelper,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

import { assertReachable } from '../nodes/TikTok/transport/reach';
import { BUSINESS_ROOT_OF_SELF, businessApiRoot } from './TikTokBusinessOAuth2Api.credentials';

/**
 * Value of the expirable `reachState` field: "current" while `checkedApiRoot` is this credential's root URL (the
 * Business API host, whose root the Business credential's rule gives: this credential has its Production and Custom).
 */
const REACH_STATE_EXPRESSION = `={{ $self["checkedApiRoot"] === ${BUSINESS_ROOT_OF_SELF} ? "current" : "" }}`;

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
		{
			displayName: 'Checked API Root',
			name: 'checkedApiRoot',
			type: 'hidden',
			// The root URL at which TikTok's API last answered (see `preAuthentication`): an address, not a secret.
			default: '',
		},
		{
			// "current" once TikTok's API answered at this credential's root URL, empty otherwise (a new credential, or a
			// changed environment or Base URL). An empty expirable field is what makes n8n run `preAuthentication`.
			displayName: 'Reach State',
			name: 'reachState',
			type: 'hidden',
			typeOptions: { expirable: true },
			default: REACH_STATE_EXPRESSION,
		},
	];

	/**
	 * Runs when `reachState` is empty: n8n's credential test of a new credential (or one whose address changed), or its
	 * first use. It runs before the test request, so an Error thrown here is what the test shows, word for word; a test
	 * request that gets no answer shows only a bare socket code (ECONNREFUSED). It checks that TikTok's API answers at
	 * the credential's root (one GET without the token) and says what failed; n8n stores what it returns, so runs pay
	 * this one request per credential and address, not one per run.
	 */
	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		const root = businessApiRoot(credentials);
		await assertReachable(this.helpers.httpRequest.bind(this.helpers), `${root}/open_api/v1.3/event/track/`, {
			customBaseUrl: credentials.environment === 'custom',
		});
		return { checkedApiRoot: root, reachState: REACH_STATE_EXPRESSION };
	}

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
