import { ClientOAuth2 } from '@n8n/client-oauth2';

import { createCredentialsHelper, runTikTokNode } from '../harness/engine';
import { ADV1, BUSINESS_PREFIX, businessCredential, FAKE, secretsOf, useFake } from '../harness/fake';

const ADVERTISER = ADV1;
const EXCHANGE = `${BUSINESS_PREFIX}/oauth2/access_token/`;
const AD_GET = `${BUSINESS_PREFIX}/ad/get/`;

describe('tikTokBusinessOAuth2Api', () => {
	const fake = useFake();

	const authCode = async () =>
		((await (await fetch(`${fake.url}/__fake/business/auth-code`, { method: 'POST' })).json()) as { auth_code: string })
			.auth_code;
	const adGet = () => ({
		resource: 'ad',
		operation: 'get',
		advertiserId: { __rl: true, mode: 'id', value: ADVERTISER },
		adId: (fake.state.world.ads.find((a) => a.advertiser_id === ADVERTISER) as { ad_id: string }).ad_id,
	});

	it('exchanges the authorization code once, keeps the token, and signs every later call with it', async () => {
		const code = await authCode();
		const credential = businessCredential(fake, { accessToken: '', authCode: code });
		const credentialsHelper = await createCredentialsHelper([credential]);

		const first = await runTikTokNode({ parameters: adGet(), credentials: [credential], credentialsHelper });
		const second = await runTikTokNode({ parameters: adGet(), credentials: [credential], credentialsHelper });
		expect(first.error).toBeUndefined();
		expect(second.error).toBeUndefined();
		expect(first.items).toHaveLength(1);
		expect(second.items).toHaveLength(1);

		const exchanges = fake.state.requestsTo(EXCHANGE);
		expect(exchanges).toHaveLength(1);
		expect(exchanges[0].contentType).toContain('application/json');
		expect(exchanges[0].body).toEqual({ app_id: FAKE.businessAppId, secret: FAKE.businessSecret, auth_code: code });
		expect(exchanges[0].headers['access-token']).toBeUndefined();

		const stored = credentialsHelper.get(credential.id)!.data;
		expect(typeof stored.exchangedAccessToken).toBe('string');
		expect(fake.state.businessTokens.has(stored.exchangedAccessToken as string)).toBe(true);
		const signed = fake.state.requestsTo(AD_GET).map((r) => r.headers['access-token']);
		expect(signed).toEqual([stored.exchangedAccessToken, stored.exchangedAccessToken]);
		// Persisted once, as n8n persists what preAuthentication returns.
		expect(credentialsHelper.updates.filter((u) => u.id === credential.id)).toHaveLength(1);
	});

	it('re-authorizes when a new code is pasted: exchanged once more, then reused', async () => {
		const credential = businessCredential(fake, { accessToken: '', authCode: await authCode() });
		const credentialsHelper = await createCredentialsHelper([credential]);
		await runTikTokNode({ parameters: adGet(), credentials: [credential], credentialsHelper });
		const firstToken = credentialsHelper.get(credential.id)!.data.exchangedAccessToken;

		// The user pastes a fresh code into the saved credential.
		const secondCode = await authCode();
		credentialsHelper.get(credential.id)!.data.authCode = secondCode;
		const again = await runTikTokNode({ parameters: adGet(), credentials: [credential], credentialsHelper });
		const thrice = await runTikTokNode({ parameters: adGet(), credentials: [credential], credentialsHelper });
		expect(again.error).toBeUndefined();
		expect(thrice.error).toBeUndefined();

		const exchanges = fake.state.requestsTo(EXCHANGE);
		expect(exchanges.map((r) => (r.body as { auth_code: string }).auth_code)).toEqual([
			(exchanges[0].body as { auth_code: string }).auth_code,
			secondCode,
		]);
		const secondToken = credentialsHelper.get(credential.id)!.data.exchangedAccessToken;
		expect(secondToken).not.toEqual(firstToken);
		expect(fake.state.requestsTo(AD_GET).map((r) => r.headers['access-token'])).toEqual([firstToken, secondToken, secondToken]);
	});

	it('uses a pasted access token as is and never calls the exchange', async () => {
		const credential = businessCredential(fake, { authCode: 'an-old-code' });
		const { error, items } = await runTikTokNode({ parameters: adGet(), credentials: [credential] });
		expect(error).toBeUndefined();
		expect(items).toHaveLength(1);
		expect(fake.state.requestsTo(EXCHANGE)).toHaveLength(0);
		expect(fake.state.requestsTo(AD_GET)[0].headers['access-token']).toBe(FAKE.businessToken);
	});

	it('explains a used or expired code without leaking the secret', async () => {
		const code = await authCode();
		// Someone else already used it.
		await fetch(`${fake.url}${EXCHANGE}`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ app_id: FAKE.businessAppId, secret: FAKE.businessSecret, auth_code: code }),
		});
		const credential = businessCredential(fake, { accessToken: '', authCode: code });
		const { error } = await runTikTokNode({ parameters: adGet(), credentials: [credential] });
		expect(error?.message).toContain('did not exchange the authorization code (code 40110');
		expect(error?.message).toContain('authorize again');
		// The credential's own message, not wrapped as if TikTok's API had answered it.
		expect(error?.message).toMatch(/^TikTok did not exchange/);
		// A refused exchange is final: not retried like a network fault (which would only be refused again).
		expect(fake.state.requestsTo(EXCHANGE)).toHaveLength(2);
		expect(fake.state.requestsTo(AD_GET)).toHaveLength(0);
		for (const secret of [...secretsOf(fake), code]) expect(JSON.stringify(error)).not.toContain(secret);
	});

	it('says what is missing when neither a token nor a code is set', async () => {
		const credential = businessCredential(fake, { accessToken: '', authCode: '' });
		const { error } = await runTikTokNode({ parameters: adGet(), credentials: [credential] });
		expect(error?.message).toContain('set App ID, Secret and Authorization Code, or paste an Access Token');
		expect(fake.state.requests).toHaveLength(0);
	});
});

describe('tikTokOAuth2Api (n8n OAuth2 with TikTok client_key)', () => {
	const fake = useFake();

	const redirectUri = 'http://127.0.0.1:5678/rest/oauth2-credential/callback';

	/** What n8n's OAuthService builds from a resolved credential (packages/cli/src/oauth/oauth.service.ts). */
	async function clientFor(data: Record<string, unknown>) {
		const helper = await createCredentialsHelper();
		const credential = helper.applyDefaultsAndExpressions(data as never, 'tikTokOAuth2Api');
		const body = credential.additionalBodyProperties ? JSON.parse(String(credential.additionalBodyProperties)) : undefined;
		const client = new ClientOAuth2({
			clientId: String(credential.clientId),
			clientSecret: String(credential.clientSecret),
			accessTokenUri: String(credential.accessTokenUrl),
			authorizationUri: String(credential.authUrl),
			authentication: credential.authentication as 'body',
			redirectUri,
			scopes: String(credential.scope).split(','),
			scopesSeparator: String(credential.scope).includes(',') ? ',' : ' ',
			query: Object.fromEntries(new URLSearchParams(String(credential.authQueryParameters ?? ''))),
			...(body ? { body } : {}),
		});
		return { client, credential, body };
	}

	it('resolves its hidden OAuth2 fields for the custom environment, with client_key in the right places', async () => {
		const { credential } = await clientFor({ environment: 'custom', baseUrl: `${fake.url}/`, clientId: FAKE.clientKey, clientSecret: FAKE.clientSecret });
		expect(credential.authUrl).toBe(`${fake.url}/v2/auth/authorize/`);
		expect(credential.accessTokenUrl).toBe(`${fake.url}/v2/oauth/token/?client_key=${FAKE.clientKey}`);
		expect(credential.authQueryParameters).toBe(`client_key=${FAKE.clientKey}`);
		expect(JSON.parse(String(credential.additionalBodyProperties))).toEqual({ client_key: FAKE.clientKey });
		expect(credential.scope).toBe('user.info.basic,video.list,video.publish,video.upload');
		expect(credential.authentication).toBe('body');
	});

	it('points at TikTok in production', async () => {
		const { credential } = await clientFor({ clientId: 'ck123', clientSecret: 'cs' });
		expect(credential.authUrl).toBe('https://www.tiktok.com/v2/auth/authorize/');
		expect(credential.accessTokenUrl).toBe('https://open.tiktokapis.com/v2/oauth/token/?client_key=ck123');
	});

	it('authorize URL carries client_key and comma-separated scopes; the code exchange sends client_key and TikTok accepts it', async () => {
		const { client, body } = await clientFor({
			environment: 'custom',
			baseUrl: fake.url,
			clientId: FAKE.clientKey,
			clientSecret: FAKE.clientSecret,
			scope: 'user.info.basic,video.list,user.info.stats',
		});
		const authorizeUrl = new URL(client.code.getUri({ state: 'n8n-state' }));
		expect(authorizeUrl.origin + authorizeUrl.pathname).toBe(`${fake.url}/v2/auth/authorize/`);
		expect(authorizeUrl.searchParams.get('client_key')).toBe(FAKE.clientKey);
		expect(authorizeUrl.searchParams.get('scope')).toBe('user.info.basic,video.list,user.info.stats');

		// The fake authorize page redirects straight back to n8n's callback with code and state.
		const consent = await fetch(authorizeUrl, { redirect: 'manual' });
		expect(consent.status).toBe(302);
		const callback = new URL(consent.headers.get('location')!);
		expect(callback.origin + callback.pathname).toBe(redirectUri);
		expect(callback.searchParams.get('state')).toBe('n8n-state');

		// As n8n's callback does for `authentication: body`: client_id/client_secret into the body, no Basic header.
		const callbackClient = new ClientOAuth2({ ...client.options, clientSecret: undefined });
		const token = await callbackClient.code.getToken(callback.toString(), {
			body: { ...body, client_id: FAKE.clientKey, client_secret: FAKE.clientSecret },
		});
		expect(token.accessToken).toMatch(/^act\./);
		expect(token.refreshToken).toMatch(/^rft\./);

		const [exchange] = fake.state.requestsTo('/v2/oauth/token/');
		expect(exchange.contentType).toContain('application/x-www-form-urlencoded');
		expect((exchange.body as Record<string, string>).client_key).toBe(FAKE.clientKey);
		expect((exchange.body as Record<string, string>).grant_type).toBe('authorization_code');
		expect(exchange.query.client_key).toBe(FAKE.clientKey);
	});

	it('the fake token endpoint refuses a request without client_key (what plain n8n OAuth2 would send)', async () => {
		const plain = new ClientOAuth2({
			clientId: FAKE.clientKey,
			clientSecret: FAKE.clientSecret,
			accessTokenUri: `${fake.url}/v2/oauth/token/`,
			authorizationUri: `${fake.url}/v2/auth/authorize/`,
			authentication: 'body',
			redirectUri,
			scopes: ['user.info.basic'],
		});
		const consent = await fetch(plain.code.getUri(), { redirect: 'manual' });
		// Without client_key in the authorize URL TikTok does not even show consent.
		expect(consent.status).toBe(400);
		fake.state.oauthErrorStatus = 400;
		try {
			await expect(plain.code.getToken(`${redirectUri}?code=whatever&state=x`)).rejects.toThrow();
			const [refused] = fake.state.requestsTo('/v2/oauth/token/');
			expect(refused.body).not.toHaveProperty('client_key');
		} finally {
			fake.state.oauthErrorStatus = 200;
		}
	});
});
