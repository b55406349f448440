import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	IDataObject,
	IHttpRequestHelper,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

const DEFAULT_SCOPES = 'user.info.basic,video.list,video.publish,video.upload';

/** Root URL of the Developers API (`/v2/...`) for these credentials. */
export function developersApiRoot(credentials: ICredentialDataDecryptedObject): string {
	if (credentials.environment === 'custom') {
		return String(credentials.baseUrl ?? '').trim().replace(/\/+$/, '');
	}
	return 'https://open.tiktokapis.com';
}

/** Keys of an OAuth 2.0 error answer (TikTok adds `log_id`): never kept in the stored token data. */
const REFUSAL_KEYS = ['error', 'error_description', 'error_uri', 'log_id'];

/**
 * Set (in memory only, never stored) on the credential data by the `preAuthentication` call n8n makes before signing
 * a request; the call n8n makes right after its own refresh then sees it on the same object.
 */
const CHECKED_MARK = 'tikTokTokenDataChecked';

const RECONNECT =
	'Reconnect: open the TikTok OAuth2 credential and click "Switch account" (or "Connect my account"). This happens when the refresh token expired (TikTok gives it a fixed lifetime), was already used, or the TikTok user removed the app\'s access.';

function isObject(value: unknown): value is IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function hasRefusal(tokenData: IDataObject): boolean {
	return tokenData.error !== undefined && tokenData.error !== null && tokenData.error !== '';
}

function withoutRefusal(tokenData: IDataObject): IDataObject {
	const clean: IDataObject = { ...tokenData };
	for (const key of REFUSAL_KEYS) delete clean[key];
	return clean;
}

/** TikTok's answer to a refresh, parsed whether n8n handed over text or JSON. */
function parseTokenAnswer(body: unknown): IDataObject {
	if (isObject(body)) return body;
	if (typeof body === 'string') {
		try {
			const parsed: unknown = JSON.parse(body);
			if (isObject(parsed)) return parsed;
		} catch {
			// not JSON: handled as a refusal below
		}
	}
	return {};
}

/**
 * Refreshes TikTok's way: a form POST to `/v2/oauth/token/` with `client_key`, `client_secret`,
 * `grant_type=refresh_token` and `refresh_token` in the body (developers.tiktok.com, "Manage User Access Tokens").
 * Returns TikTok's answer, or throws an error that says to reconnect and why. The refresh token is never in a message.
 */
async function refreshTikTokWay(
	helper: IHttpRequestHelper,
	credentials: ICredentialDataDecryptedObject,
	refreshToken: string,
): Promise<IDataObject> {
	const root = developersApiRoot(credentials);
	const form = new URLSearchParams({
		client_key: String(credentials.clientId ?? '').trim(),
		client_secret: String(credentials.clientSecret ?? ''),
		grant_type: 'refresh_token',
		refresh_token: refreshToken,
	});
	let status: number | undefined;
	let answer: IDataObject = {};
	try {
		const response = (await helper.helpers.httpRequest({
			method: 'POST',
			url: `${root}/v2/oauth/token/`,
			headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'Cache-Control': 'no-cache' },
			body: form.toString(),
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			timeout: 30_000,
		})) as { statusCode?: number; body?: unknown };
		status = response.statusCode;
		answer = parseTokenAnswer(response.body);
	} catch (error) {
		const reason = error instanceof Error ? error.message : 'no answer';
		throw new Error(
			`TikTok's token endpoint could not be reached to refresh the access token (${reason}). The stored token was left as it was; try again later.`,
		);
	}
	if (typeof answer.access_token === 'string' && answer.access_token !== '' && !hasRefusal(answer)) return answer;
	const what = [answer.error, answer.error_description].filter((v) => typeof v === 'string' && v).join(': ');
	const details = [status !== undefined ? `HTTP ${status}` : '', answer.log_id ? `log_id ${String(answer.log_id)}` : '']
		.filter(Boolean)
		.join(', ');
	throw new Error(
		`TikTok refused to refresh the access token${what ? ` (${what})` : ''}${details ? ` [${details}]` : ''}. ${RECONNECT}`,
	);
}

/**
 * TikTok for Developers (Login Kit / Display API v2) credential, on top of n8n's OAuth2 so the Connect button works.
 *
 * TikTok says `client_key` where OAuth2 says `client_id`, and n8n always sends `client_id`. This credential adds
 * `client_key` everywhere TikTok reads it:
 * - authorize URL: `authQueryParameters` (`client_key=<Client Key>`),
 * - code exchange: `additionalBodyProperties` (`{"client_key": …}`, merged into the form body by n8n),
 * - refresh: n8n's refresh (`@n8n/client-oauth2` `ClientOAuth2Token.refresh`) sends only `refresh_token`,
 *   `grant_type` and `client_id`/`client_secret`, and no n8n option adds a body field to it. The token URL carries
 *   `?client_key=` for a TikTok that reads the query; TikTok documents `client_key` as a form field only. So when
 *   TikTok refuses n8n's refresh in its answer (HTTP 200 with `error`), `preAuthentication` below, which n8n 2.x
 *   runs right after its refresh and whose token data it stores, refreshes again TikTok's way with the same refresh
 *   token and hands n8n clean token data: the new access token and the rotated refresh token get stored, the refusal
 *   never does. A refusal of that refresh too throws an error that says to reconnect; nothing is stored then.
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
			displayName:
				'TikTok calls the client ID "Client Key": paste your app\'s Client Key (TikTok for Developers → your app) into Client ID, and its Client Secret into Client Secret. Register the OAuth Redirect URL shown here as a redirect URI of the app (TikTok requires https), and request the scopes you list under Scope.',
			name: 'clientKeyNotice',
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
			hint: 'A proxy, or the local fake TikTok API of npm run dev. Calls are never redirected elsewhere.',
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
			// n8n's editor labels every OAuth2 `clientId` field "Client ID" whatever its displayName: say the same.
			displayName: 'Client ID',
			name: 'clientId',
			type: 'string',
			default: '',
			required: true,
			description: 'The Client Key of your app on TikTok for Developers (what TikTok calls the OAuth client ID: "client_key")',
			hint: "Paste your app's Client Key here (TikTok for Developers → your app → Client Key)",
		},
		{
			displayName: 'Client Secret',
			name: 'clientSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'The Client Secret of your app on TikTok for Developers',
			hint: "Your app's Client Secret (TikTok for Developers → your app → Client Secret)",
		},
		{
			displayName: 'Scope',
			name: 'scope',
			type: 'string',
			default: DEFAULT_SCOPES,
			description:
				'Comma-separated TikTok scopes, as enabled for your app (for example user.info.basic,user.info.profile,user.info.stats,video.list,video.publish,video.upload; posting needs video.publish, drafts video.upload)',
			hint: 'Remove scopes your app is not approved for',
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

	/**
	 * n8n 2.x runs this before signing each request (what it returns is used, not stored) and right after its own token
	 * refresh (the token data it returns is stored). Before a request it never calls TikTok: it only drops a refusal
	 * an older version stored, and marks the data as checked. After n8n's refresh, a refusal in the new token data
	 * means TikTok wanted `client_key` in the body: refresh that way and return the clean, merged token data.
	 */
	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		const tokenData = credentials.oauthTokenData;
		if (!isObject(tokenData)) return {};
		if (credentials[CHECKED_MARK] !== true) {
			return hasRefusal(tokenData)
				? { [CHECKED_MARK]: true, oauthTokenData: withoutRefusal(tokenData) }
				: { [CHECKED_MARK]: true };
		}
		if (!hasRefusal(tokenData)) return {};
		const refreshToken = typeof tokenData.refresh_token === 'string' ? tokenData.refresh_token : '';
		if (!refreshToken) throw new Error(`The TikTok OAuth2 credential holds no refresh token. ${RECONNECT}`);
		const answer = await refreshTikTokWay(this, credentials, refreshToken);
		const expiresIn = Number(answer.expires_in);
		const refreshed: IDataObject = { ...withoutRefusal(tokenData), ...answer };
		if (Number.isFinite(expiresIn) && expiresIn > 0) refreshed.n8n_expires_at = String(Date.now() + expiresIn * 1000);
		return { oauthTokenData: refreshed };
	}
}
