/* eslint-disable @n8n/community-nodes/no-restricted-imports -- a test, not node code: its own rules are test/eslint.config.mjs */
import net from 'node:net';
import path from 'node:path';

import { PACKAGE_ROOT, createCredentialsHelper, runTikTokNode } from '../harness/engine';
import { ADV1, BUSINESS_PREFIX, businessCredential, eventsCredential, secretsOf, useFake } from '../harness/fake';
import { TRACK, inputOf, sendParameters } from '../events/helpers';

/* eslint-disable @typescript-eslint/no-require-imports */
const { reachFailure, reachFailureMessage } = require(path.join(PACKAGE_ROOT, 'dist/nodes/TikTok/transport/reach.js')) as typeof import('../../nodes/TikTok/transport/reach');
/* eslint-enable @typescript-eslint/no-require-imports */

const EXCHANGE = `${BUSINESS_PREFIX}/oauth2/access_token/`;
const REACH_CHECK = `${BUSINESS_PREFIX}/oauth2/advertiser/get/`;
const AD_GET = `${BUSINESS_PREFIX}/ad/get/`;

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
	const server = net.createServer();
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as net.AddressInfo;
	await new Promise<void>((resolve) => server.close(() => resolve()));
	return port;
}

/**
 * What n8n's credential test shows is checked against a real n8n in test/e2e (POST /rest/credentials/test). Here: the
 * same messages on a run, through n8n-core's request helpers, and that runs make no extra request for the check.
 */
describe('TikTok Business credential: an unreachable API is named in words', () => {
	const fake = useFake();
	const adGet = () => ({
		resource: 'ad',
		operation: 'get',
		advertiserId: { __rl: true, mode: 'id', value: ADV1 },
		adId: (fake.state.world.ads.find((a) => a.advertiser_id === ADV1) as { ad_id: string }).ad_id,
	});

	it('a code exchange that reaches nothing says so, and that the code was not spent', async () => {
		const port = await closedPort();
		const credential = businessCredential(fake, { baseUrl: `http://127.0.0.1:${port}`, accessToken: '', authCode: 'a-fresh-code' });
		const { error } = await runTikTokNode({ parameters: adGet(), credentials: [credential] });
		expect(error?.message).toBe(
			`TikTok's API could not be reached: nothing accepts connections at http://127.0.0.1:${port} (connection refused). Check the Base URL of the credential and the network between n8n and TikTok, then try again. The authorization code was not sent: it stays valid until it expires (one hour after you authorized).`,
		);
		for (const secret of [...secretsOf(fake), 'a-fresh-code']) expect(JSON.stringify(error)).not.toContain(secret);
	});

	it('a pasted token: checked once at its root (no secret sent), stored, then never again', async () => {
		const credential = businessCredential(fake, { checkedApiRoot: '' });
		const credentialsHelper = await createCredentialsHelper([credential]);
		for (let run = 0; run < 2; run++) {
			const { error } = await runTikTokNode({ parameters: adGet(), credentials: [credential], credentialsHelper });
			expect(error).toBeUndefined();
		}
		expect(fake.state.requests.map((r) => r.path)).toEqual([REACH_CHECK, AD_GET, AD_GET]);
		const check = fake.state.requestsTo(REACH_CHECK)[0];
		expect(check.method).toBe('GET');
		expect(check.headers['access-token']).toBeUndefined();
		expect(check.query).toEqual({});
		expect(credentialsHelper.updates.map((u) => u.data.checkedApiRoot)).toEqual([fake.url]);

		// The same root written with a trailing slash is the same address: not checked again. Another root is (below).
		credentialsHelper.get(credential.id)!.data.baseUrl = `${fake.url}/`;
		await runTikTokNode({ parameters: adGet(), credentials: [credential], credentialsHelper });
		expect(fake.state.requestsTo(REACH_CHECK)).toHaveLength(1);
		// Another root (the stored check names a different address, as after the user changed the Base URL).
		credentialsHelper.get(credential.id)!.data.checkedApiRoot = 'http://127.0.0.1:1';
		await runTikTokNode({ parameters: adGet(), credentials: [credential], credentialsHelper });
		expect(fake.state.requestsTo(REACH_CHECK)).toHaveLength(2);
		expect(credentialsHelper.get(credential.id)!.data.checkedApiRoot).toBe(fake.url);
	});

	it('a credential already checked at its root makes no check on runs', async () => {
		const credential = businessCredential(fake);
		const credentialsHelper = await createCredentialsHelper([credential]);
		await runTikTokNode({ parameters: adGet(), credentials: [credential], credentialsHelper });
		await runTikTokNode({ parameters: adGet(), credentials: [credential], credentialsHelper });
		expect(fake.state.requests.map((r) => r.path)).toEqual([AD_GET, AD_GET]);
		expect(credentialsHelper.updates).toHaveLength(0);
	});

	it('a code exchange counts as the check: no separate request', async () => {
		const { auth_code: authCode } = (await (await fetch(`${fake.url}/__fake/business/auth-code`, { method: 'POST' })).json()) as { auth_code: string };
		const credential = businessCredential(fake, { accessToken: '', authCode, checkedApiRoot: '' });
		const credentialsHelper = await createCredentialsHelper([credential]);
		await runTikTokNode({ parameters: adGet(), credentials: [credential], credentialsHelper });
		await runTikTokNode({ parameters: adGet(), credentials: [credential], credentialsHelper });
		expect(fake.state.requests.map((r) => r.path)).toEqual([EXCHANGE, AD_GET, AD_GET]);
		expect(credentialsHelper.get(credential.id)!.data.checkedApiRoot).toBe(fake.url);
	});

	// The check as n8n's credential test runs it (preAuthentication before the test request), here on a run, with
	// n8n-core's own request helper.
	it.each([
		['refused', async () => `http://127.0.0.1:${await closedPort()}`, /^TikTok's API could not be reached: nothing accepts connections at http:\/\/127\.0\.0\.1:\d+ \(connection refused\)\. Check the Base URL of the credential and the network between n8n and TikTok, then try again\.$/],
		['unknown host', async () => 'http://tiktok-suite-test.invalid', /^TikTok's API could not be reached: the host name tiktok-suite-test\.invalid was not found \(DNS lookup failed\)\. Check the Base URL/],
		['no TLS where https was asked for', async () => fake.url.replace('http:', 'https:'), /^TikTok's API could not be reached: the secure connection \(TLS\) to https:\/\/127\.0\.0\.1:\d+ failed \(wrong version number\)\. Check the Base URL/],
	])('%s: the message names what failed', async (_kind, baseUrl, expected) => {
		const credential = businessCredential(fake, { baseUrl: await baseUrl() });
		const { error } = await runTikTokNode({ parameters: adGet(), credentials: [credential] });
		expect(error?.message).toMatch(expected);
	});

	it('Events API credential: checked once at its root, without the token; an unreachable root is named', async () => {
		const credential = eventsCredential(fake, { checkedApiRoot: '' });
		const credentialsHelper = await createCredentialsHelper([credential]);
		for (let run = 0; run < 2; run++) {
			const { error } = await runTikTokNode({ parameters: sendParameters(fake, { authentication: 'eventsApiToken' }) as never, input: inputOf(1), credentials: [credential], credentialsHelper });
			expect(error).toBeUndefined();
		}
		const [check, ...sends] = fake.state.requestsTo(TRACK);
		expect(check.method).toBe('GET');
		expect(check.headers['access-token']).toBeUndefined();
		expect(sends.map((r) => r.method)).toEqual(['POST', 'POST']);

		const port = await closedPort();
		const unreachable = eventsCredential(fake, { baseUrl: `http://127.0.0.1:${port}` });
		const { error } = await runTikTokNode({ parameters: sendParameters(fake, { authentication: 'eventsApiToken' }) as never, input: inputOf(1), credentials: [unreachable] });
		expect(error?.message).toBe(
			`TikTok's API could not be reached: nothing accepts connections at http://127.0.0.1:${port} (connection refused). Check the Base URL of the credential and the network between n8n and TikTok, then try again.`,
		);
	});

	it('a timeout and a closed connection have their own words (as n8n-core reports them)', () => {
		const url = 'https://business-api.tiktok.com/open_api/v1.3/oauth2/advertiser/get/';
		const timeout = reachFailure({ message: 'timeout of 15000ms exceeded', code: 'ECONNABORTED' })!;
		expect(reachFailureMessage(timeout, url, { timeoutMs: 15_000 })).toBe(
			"TikTok's API could not be reached: https://business-api.tiktok.com did not answer within 15 s (timed out). Check the network between n8n and TikTok, then try again.",
		);
		const wrapped = reachFailure({ message: 'socket hang up', cause: { code: 'ECONNRESET', message: 'socket hang up' } })!;
		expect(wrapped.kind).toBe('closed');
		expect(reachFailureMessage(wrapped, url)).toContain('the connection to https://business-api.tiktok.com was closed before an answer came');
		// An HTTP answer is not a reachability failure, whatever its status.
		expect(reachFailure({ message: 'Request failed with status code 404', code: 'ERR_BAD_REQUEST', response: { status: 404 } })).toBeUndefined();
	});
});
