import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IDataObject,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

import { assertReachable, reachFailure, reachFailureMessage } from '../nodes/TikTok/transport/reach';

const PRODUCTION_ROOT = 'https://business-api.tiktok.com';
const SANDBOX_ROOT = 'https://sandbox-ads.tiktok.com';
/** How long the authorization code exchange waits for TikTok's answer. */
const EXCHANGE_TIMEOUT_MS = 30_000;

/** Root URL (scheme + host [+ path prefix]) of the TikTok API for Business for these credentials. */
export function businessApiRoot(credentials: ICredentialDataDecryptedObject): string {
	if (credentials.environment === 'sandbox') return SANDBOX_ROOT;
	if (credentials.environment === 'custom') {
		return String(credentials.baseUrl ?? '').trim().replace(/\/+$/, '');
	}
	return PRODUCTION_ROOT;
}

/** `businessApiRoot` as an expression on the credential's own fields (`$self`); the Events API credential's too. */
export const BUSINESS_ROOT_OF_SELF =
	'($self["environment"] === "sandbox" ? "' +
	SANDBOX_ROOT +
	'" : $self["environment"] === "custom" ? String($self["baseUrl"] ?? "").trim().replace(/\\/+$/, "") : "' +
	PRODUCTION_ROOT +
	'")';

/**
 * Value of the expirable `tokenState` field (its default, and what `preAuthentication` stores): an expression n8n
 * resolves (with `$self`) every time it loads the credential. It is "current" once TikTok's API was reached at the
 * credential's root URL (`checkedApiRoot`) and either an Access Token is pasted or the Authorization Code is the one the
 * kept token was exchanged for; empty otherwise. An empty expirable field is what makes n8n run `preAuthentication`:
 * pasting a new code re-authorizes, and changing the environment or Base URL checks the new address, with no other step.
 */
const TOKEN_STATE_EXPRESSION =
	'={{ $self["checkedApiRoot"] === ' +
	BUSINESS_ROOT_OF_SELF +
	' && (String($self["accessToken"] ?? "").trim() || ($self["exchangedAccessToken"] && String($self["authCode"]).trim() === $self["exchangedAuthCode"])) ? "current" : "" }}';

/** Where the reachability check goes: a Business path that answers without any secret (TikTok: a JSON error). */
const REACH_CHECK_PATH = '/open_api/v1.3/oauth2/advertiser/get/';

/**
 * TikTok API for Business (Marketing API) credential.
 *
 * TikTok's advertiser authorization is not standard OAuth2: the portal redirects back with an `auth_code`, which is
 * exchanged once (JSON `{app_id, secret, auth_code}`) for a long-term token. n8n's generic OAuth2 flow cannot send
 * that request, so this credential does the exchange itself in `preAuthentication` (n8n's own precedent for OAuth
 * flavours the generic flow does not fit) and keeps the token in a hidden, expirable field. A pasted token wins.
 */
export class TikTokBusinessOAuth2Api implements ICredentialType {
	name = 'tikTokBusinessOAuth2Api';

	displayName = 'TikTok Business OAuth2 API';

	icon: Icon = { light: 'file:tiktok.svg', dark: 'file:tiktok.dark.svg' };

	documentationUrl =
		'https://github.com/n8n-nodes-tiktok-suite/n8n-nodes-tiktok-suite#tiktok-business-oauth2-api-credential';

	properties: INodeProperties[] = [
		{
			displayName:
				'Your app on the TikTok API for Business portal needs the permissions your workflows use (Ads Management, Reporting, Creative Management for sounds, Lead Management for leads) and an advertiser redirect URL (any page you control). Authorize in your browser: open https://business-api.tiktok.com/portal/auth?app_id=YOUR_APP_ID&state=n8n&redirect_uri=YOUR_REDIRECT_URL, approve, and copy the auth_code from the address TikTok sends you to. Sandbox ad accounts get a token directly: paste it into Access Token instead.',
			name: 'authorizationNotice',
			type: 'notice',
			default: '',
		},
		{
			displayName: 'Environment',
			name: 'environment',
			type: 'options',
			options: [
				{
					name: 'Production',
					value: 'production',
					description: 'https://business-api.tiktok.com',
				},
				{
					name: 'Sandbox',
					value: 'sandbox',
					description: 'https://sandbox-ads.tiktok.com (sandbox ad accounts)',
				},
				{
					name: 'Custom',
					value: 'custom',
					description: 'Another root URL, for example a local fake TikTok API or a proxy',
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
			description:
				'Root URL of the API. The node appends /open_api/v1.3/… to it, so do not include that part.',
			hint: 'A proxy, or the local fake TikTok API of npm run dev. Calls are never redirected elsewhere.',
			displayOptions: { show: { environment: ['custom'] } },
		},
		{
			displayName: 'App ID',
			name: 'appId',
			type: 'string',
			default: '',
			description: 'The App ID of your app on the TikTok API for Business developer portal',
			hint: 'TikTok API for Business portal → My Apps → your app → App ID',
		},
		{
			displayName: 'Secret',
			name: 'secret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description: 'The Secret of your app on the TikTok API for Business developer portal',
			hint: 'Shown next to the App ID; used for the code exchange and to list your advertisers',
		},
		{
			displayName: 'Authorization Code',
			name: 'authCode',
			type: 'string',
			// Not masked: an auth_code is single-use and valid for one hour (docs/tiktok-contract.md §1), and is worth
			// nothing without the app's Secret (masked above). Masking it only hid what the user pasted.
			default: '',
			description:
				'The auth_code TikTok appended to your redirect URL after you authorized the app. Exchanged once for a long-term access token, which the credential keeps.',
			hint: 'Valid for one hour and single-use: exchanged once, on first use. To re-authorize, paste a new code. Ignored when an Access Token is set.',
		},
		{
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'Optional. A long-term access token you already have (sandbox accounts get one in the developer portal). When set, it is used as is and the authorization code is ignored.',
			hint: 'Optional. A pasted token wins over the Authorization Code. Sandbox: paste the sandbox token here and enter advertisers by ID.',
		},
		{
			displayName: 'Exchanged Access Token',
			name: 'exchangedAccessToken',
			type: 'hidden',
			typeOptions: { password: true },
			default: '',
		},
		{
			displayName: 'Exchanged Authorization Code',
			name: 'exchangedAuthCode',
			type: 'hidden',
			// The code already exchanged, kept to notice when the user pastes a new one: spent, so not a secret.
			default: '',
		},
		{
			displayName: 'Checked API Root',
			name: 'checkedApiRoot',
			type: 'hidden',
			// The root URL at which TikTok's API last answered (see `preAuthentication`): an address, not a secret.
			default: '',
		},
		{
			displayName: 'Token State',
			name: 'tokenState',
			type: 'hidden',
			typeOptions: { expirable: true, password: true },
			default: TOKEN_STATE_EXPRESSION,
		},
	];

	/**
	 * Runs when `tokenState` is empty: on first use, when the Authorization Code changed since the last exchange, and
	 * when the environment or Base URL changed since TikTok's API last answered there. n8n persists what it returns.
	 *
	 * It runs before the request of n8n's credential test, so an Error thrown here is what the test shows, word for
	 * word; a test request that gets no answer shows only a bare socket code (ECONNREFUSED). So when no code is to be
	 * exchanged, this first checks that TikTok's API answers at this root (one GET without any secret) and says what
	 * failed; the exchange itself says so when it gets no answer. A credential that was checked once is not checked
	 * again until its root changes: runs pay one request per credential and address, not one per run.
	 */
	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		const root = businessApiRoot(credentials);
		const customBaseUrl = credentials.environment === 'custom';
		const checked = { checkedApiRoot: root, tokenState: TOKEN_STATE_EXPRESSION };
		const checkRoot = async () =>
			await assertReachable(this.helpers.httpRequest.bind(this.helpers), `${root}${REACH_CHECK_PATH}`, { customBaseUrl });
		if (String(credentials.accessToken ?? '').trim()) {
			// Nothing to exchange: the pasted token signs every call (see `authenticate`).
			await checkRoot();
			return checked;
		}
		const appId = String(credentials.appId ?? '').trim();
		const secret = String(credentials.secret ?? '').trim();
		const authCode = String(credentials.authCode ?? '').trim();
		if (credentials.exchangedAccessToken && credentials.exchangedAuthCode === authCode) {
			// This very code was exchanged already (a code is single-use): keep its token.
			await checkRoot();
			return checked;
		}
		if (!appId || !secret || !authCode) {
			throw new Error(
				'TikTok Business credential is incomplete: set App ID, Secret and Authorization Code, or paste an Access Token.',
			);
		}
		const exchangeUrl = `${root}/open_api/v1.3/oauth2/access_token/`;
		let response: IDataObject;
		try {
			response = (await this.helpers.httpRequest({
				method: 'POST',
				url: exchangeUrl,
				headers: { 'Content-Type': 'application/json' },
				body: { app_id: appId, secret, auth_code: authCode },
				json: true,
				// The body holds the app secret and the code: never re-sent to wherever a redirect points.
				disableFollowRedirect: true,
				timeout: EXCHANGE_TIMEOUT_MS,
			})) as IDataObject;
		} catch (error) {
			// No answer at all: say what failed, in a plain Error (n8n's credential test shows only the socket code of an
			// error that carries one).
			const failure = reachFailure(error);
			if (!failure) throw error;
			// Refused, unknown host, no route or a failed TLS handshake: the code never left n8n.
			const sent = failure.kind === 'timedOut' || failure.kind === 'closed';
			throw new Error(
				`${reachFailureMessage(failure, exchangeUrl, { timeoutMs: EXCHANGE_TIMEOUT_MS, customBaseUrl })} ${
					sent
						? 'TikTok may have exchanged the authorization code without its answer arriving: if the next try says the code is used, authorize again and paste the new code.'
						: 'The authorization code was not sent: it stays valid until it expires (one hour after you authorized).'
				}`,
			);
		}
		const data = (response?.data ?? {}) as IDataObject;
		if (Number(response?.code) !== 0 || typeof data.access_token !== 'string') {
			const code = response?.code ?? 'unknown';
			const requestId = response?.request_id ? `, request_id ${String(response.request_id)}` : '';
			throw new Error(
				`TikTok did not exchange the authorization code (code ${String(code)}${requestId}): ${String(
					response?.message ?? 'no message',
				).replace(/\.+$/, '')}. Authorization codes are single-use and expire after one hour: authorize again and paste the new code.`,
			);
		}
		return { exchangedAccessToken: data.access_token, exchangedAuthCode: authCode, ...checked };
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const token =
			String(credentials.accessToken ?? '').trim() ||
			String(credentials.exchangedAccessToken ?? '').trim();
		requestOptions.headers = { ...(requestOptions.headers ?? {}), 'Access-Token': token };
		return requestOptions;
	}

	test: ICredentialTestRequest = {
		request: {
			baseURL:
				'={{$credentials.environment === "sandbox" ? "https://sandbox-ads.tiktok.com" : $credentials.environment === "custom" ? String($credentials.baseUrl).trim().replace(/\\/+$/, "") : "https://business-api.tiktok.com"}}',
			url: '/open_api/v1.3/oauth2/advertiser/get/',
			method: 'GET',
			qs: {
				app_id: '={{$credentials.appId}}',
				secret: '={{$credentials.secret}}',
			},
		},
		rules: [
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'code',
					value: 40104,
					message: 'No access token: paste an Access Token or an Authorization Code to exchange.',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'code',
					value: 40105,
					message: 'TikTok rejected the access token (40105): authorize again and paste a new code or token.',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'code',
					value: 40102,
					message: 'The access token has expired (40102): authorize again.',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'code',
					value: 40101,
					message: 'TikTok rejected the App ID or Secret (40101): check both on the developer portal.',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'code',
					value: 40113,
					message: 'The App ID does not match the token, or the app is blocked (40113).',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'code',
					value: 40001,
					message: 'The app has no permission for this call (40001): check its scopes on the developer portal.',
				},
			},
		],
	};
}
