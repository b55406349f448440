import { loadPackage, createCredentialsHelper, runTikTokNode } from '../harness/engine';
import type { TestCredentialsHelper } from '../harness/credentials';
import { FAKE, developersCredential, expectNoSecrets, secretsOf, useFake } from '../harness/fake';
import type { FakeTikTok } from '../harness/fake';

/**
 * Login Kit refresh against a TikTok that reads `client_key` only from the form body (as documented) and rotates
 * refresh tokens. n8n's own refresh leaves `client_key` out of the body; the credential's preAuthentication, which
 * n8n 2.x runs right after that refresh, refreshes TikTok's way and hands n8n the token data to store.
 */

type TokenData = Record<string, unknown>;

const VIDEO_LIST = { resource: 'video', operation: 'getMany', returnAll: false, limit: 2 };

function storedTokens(helper: TestCredentialsHelper, id: string): TokenData {
	return helper.get(id)?.data.oauthTokenData as TokenData;
}

async function expireAccessTokens(fake: FakeTikTok) {
	await fetch(`${fake.url}/__fake/developers/expire-tokens`, { method: 'POST' });
}

/** The refresh requests that TikTok answered with new tokens, i.e. those with client_key in the body. */
function refreshBodies(fake: FakeTikTok): Array<Record<string, string>> {
	return fake.state
		.requestsTo('/v2/oauth/token/')
		.map((r) => r.body as Record<string, string>)
		.filter((body) => body.grant_type === 'refresh_token');
}

describe('Login Kit refresh (strict fake: client_key from the body only, rotating refresh tokens, refusals answered in-band with HTTP 200)', () => {
	const fake = useFake();
	beforeAll(async () => {
		await loadPackage();
	});

	it('a video.getMany workflow keeps running across three access-token expiries in a row; the refresh token rotates each time', async () => {
		const credential = developersCredential(fake);
		const helper = await createCredentialsHelper([credential]);
		const seenRefreshTokens = [String((credential.data.oauthTokenData as TokenData).refresh_token)];
		const refreshesBefore = fake.state.counters.refreshes;

		for (let expiry = 1; expiry <= 3; expiry++) {
			await expireAccessTokens(fake);
			const run = await runTikTokNode({ parameters: VIDEO_LIST, credentials: [credential], credentialsHelper: helper });
			expect(run.error).toBeUndefined();
			expect(run.items).toHaveLength(2);
			const stored = storedTokens(helper, credential.id);
			// A new refresh token, stored: the previous one no longer works at TikTok.
			expect(typeof stored.refresh_token).toBe('string');
			expect(seenRefreshTokens).not.toContain(stored.refresh_token);
			seenRefreshTokens.push(String(stored.refresh_token));
			expect(fake.state.developerTokens.has(String(stored.access_token))).toBe(true);
			for (const key of ['error', 'error_description', 'log_id']) expect(stored).not.toHaveProperty(key);
			expect(Number(stored.n8n_expires_at)).toBeGreaterThan(Date.now());
			// And a second run with the stored token needs no refresh.
			const again = await runTikTokNode({ parameters: VIDEO_LIST, credentials: [credential], credentialsHelper: helper });
			expect(again.error).toBeUndefined();
			expect(fake.state.counters.refreshes).toBe(refreshesBefore + expiry);
			expect(JSON.stringify([run.items, again.items])).not.toContain(FAKE.clientSecret);
			expectNoSecrets(fake, [run.items]);
		}
		// Every refresh TikTok accepted carried client_key, client_secret, grant_type and refresh_token in the form body.
		const accepted = refreshBodies(fake).filter((body) => body.client_key !== undefined);
		expect(accepted).toHaveLength(3);
		for (const body of accepted) {
			expect(body).toMatchObject({ client_key: FAKE.clientKey, client_secret: FAKE.clientSecret, grant_type: 'refresh_token' });
		}
		// …each with the refresh token the previous refresh returned.
		expect(accepted.map((body) => body.refresh_token)).toEqual(seenRefreshTokens.slice(0, 3));
	});

});

describe.each([
	['HTTP 200 with an `error` body (observed by third parties)', 200],
	['an HTTP 400 error status (the other reading)', 400],
])('a refused refresh, TikTok answering refusals with %s', (_title, refusalStatus) => {
	const fake = useFake();
	beforeAll(async () => {
		await loadPackage();
	});
	beforeEach(() => {
		fake.state.oauthErrorStatus = refusalStatus;
	});

	it('a refused refresh (refresh token no longer valid) leaves the stored token data unchanged and the error says reconnect, and why', async () => {
		const credential = developersCredential(fake);
		const helper = await createCredentialsHelper([credential]);
		const before = JSON.parse(JSON.stringify(storedTokens(helper, credential.id))) as TokenData;
		// TikTok forgets the refresh token (expired or revoked), then the access token expires.
		fake.state.developerRefreshTokens.clear();
		await expireAccessTokens(fake);
		const updatesBefore = helper.updates.length;

		const run = await runTikTokNode({ parameters: VIDEO_LIST, credentials: [credential], credentialsHelper: helper });
		expect(run.error).toBeDefined();
		const text = `${run.error?.message} ${(run.error as { description?: string }).description ?? ''}`;
		expect(text).toMatch(/reconnect/i);
		expect(text).toMatch(/refresh/i);
		for (const secret of [...secretsOf(fake), String(before.refresh_token)]) expect(text).not.toContain(secret);
		expect(storedTokens(helper, credential.id)).toEqual(before);
		expect(helper.updates.slice(updatesBefore).filter((u) => u.id === credential.id)).toEqual([]);
	});
});

describe('Login Kit refresh when TikTok reads client_key only from the body AND refuses with an HTTP error status', () => {
	const fake = useFake();
	beforeAll(async () => {
		await loadPackage();
	});

	it("n8n's refresh is refused: the run fails saying reconnect and why, and the stored token data stays as it was", async () => {
		fake.state.oauthErrorStatus = 400;
		const credential = developersCredential(fake);
		const helper = await createCredentialsHelper([credential]);
		const before = JSON.parse(JSON.stringify(storedTokens(helper, credential.id))) as TokenData;
		await expireAccessTokens(fake);
		const run = await runTikTokNode({ parameters: VIDEO_LIST, credentials: [credential], credentialsHelper: helper });
		const text = `${run.error?.message} ${(run.error as { description?: string } | undefined)?.description ?? ''}`;
		expect(text).toMatch(/TikTok refused to refresh the access token \(invalid_request/);
		expect(text).toMatch(/reconnect/i);
		expect(storedTokens(helper, credential.id)).toEqual(before);
		// The refresh token was not used up: TikTok still knows it.
		expect(fake.state.developerRefreshTokens.has(String(before.refresh_token))).toBe(true);
	});
});

describe('Login Kit refresh against a TikTok that also reads client_key from the token URL query (the other reading)', () => {
	const fake = useFake();
	beforeAll(async () => {
		await loadPackage();
	});

	it("n8n's own refresh is accepted; the rotated refresh token is stored and nothing is refreshed twice", async () => {
		fake.state.contract = { ...(fake.state.contract as object), clientKeyFromQuery: true };
		const credential = developersCredential(fake);
		const helper = await createCredentialsHelper([credential]);
		for (let expiry = 1; expiry <= 3; expiry++) {
			await expireAccessTokens(fake);
			const run = await runTikTokNode({ parameters: VIDEO_LIST, credentials: [credential], credentialsHelper: helper });
			expect(run.error).toBeUndefined();
		}
		const requests = fake.state.requestsTo('/v2/oauth/token/');
		expect(requests).toHaveLength(3);
		expect(requests.every((r) => r.query.client_key === FAKE.clientKey)).toBe(true);
		expect(fake.state.developerTokens.has(String(storedTokens(helper, credential.id).access_token))).toBe(true);
	});
});

describe('token data an older version stored with a refusal in it', () => {
	const fake = useFake();
	beforeAll(async () => {
		await loadPackage();
	});

	it('is used without calling TikTok before the request, and is stored clean at the next refresh', async () => {
		const credential = developersCredential(fake);
		const tokens = credential.data.oauthTokenData as TokenData;
		credential.data.oauthTokenData = { ...tokens, error: 'invalid_request', error_description: 'client_key is missing.', log_id: 'x' };
		const helper = await createCredentialsHelper([credential]);
		const run = await runTikTokNode({ parameters: VIDEO_LIST, credentials: [credential], credentialsHelper: helper });
		expect(run.error).toBeUndefined();
		expect(fake.state.requestsTo('/v2/oauth/token/')).toHaveLength(0);

		await expireAccessTokens(fake);
		const refreshed = await runTikTokNode({ parameters: VIDEO_LIST, credentials: [credential], credentialsHelper: helper });
		expect(refreshed.error).toBeUndefined();
		const stored = storedTokens(helper, credential.id);
		expect(stored).not.toHaveProperty('error');
		expect(stored.refresh_token).not.toBe(tokens.refresh_token);
	});
});
