import type { NodeApiError } from 'n8n-workflow';

import { useFastClock } from '../harness/clock';
import { runTikTokNode } from '../harness/engine';
import type { FakeTikTok } from '../harness/fake';
import { ADV1, BUSINESS_PREFIX, businessCredential, developersCredential, queueFault, secretsOf, startFake, useFake } from '../harness/fake';

const ADVERTISER = ADV1;
const AD_GET = `${BUSINESS_PREFIX}/ad/get/`;

function faulted(fake: FakeTikTok): Array<{ kind: string; path: string; at: number }> {
	return fake.state.faulted as Array<{ kind: string; path: string; at: number }>;
}

const adGet = (fake: FakeTikTok, extra: Record<string, unknown> = {}) => ({
	resource: 'ad',
	operation: 'get',
	advertiserId: { __rl: true, mode: 'id', value: ADVERTISER },
	adId: String((fake.state.world.ads.find((a) => a.advertiser_id === ADVERTISER) as Record<string, string>).ad_id),
	...extra,
});

describe('faults: redirects never carry the token', () => {
	const fake = useFake();
	let other: FakeTikTok;
	beforeAll(async () => {
		other = await startFake();
	});
	afterAll(async () => {
		await other.close();
	});
	beforeEach(() => other.state.clearRequests());

	it('a 302 from the Business API to another host sends it nothing and names where TikTok pointed (ad.get)', async () => {
		const target = `${other.url.replace('127.0.0.1', 'localhost')}${AD_GET}?stolen=1`;
		queueFault(fake, { kind: 'redirect', path: AD_GET, status: 302, location: target });
		const { error } = await runTikTokNode({ parameters: adGet(fake), credentials: [businessCredential(fake)] });
		expect(error).toBeDefined();
		expect(error!.message).toContain('redirect');
		expect(error!.message).toContain(target);
		expect(other.state.requests).toHaveLength(0);
		// Not retried either: one request reached the fake.
		expect(fake.state.requestsTo(AD_GET)).toHaveLength(1);
	});

	it('a 307 to plain http elsewhere is refused for a Business API call (apiCall, POST with a body)', async () => {
		const target = `${other.url}/steal`;
		queueFault(fake, { kind: 'redirect', path: `${BUSINESS_PREFIX}/ad/status/update/`, status: 307, location: target });
		const { error } = await runTikTokNode({
			parameters: {
				resource: 'apiCall',
				operation: 'make',
				api: 'business',
				method: 'POST',
				url: '/ad/status/update/',
				body: JSON.stringify({ advertiser_id: ADVERTISER, ad_ids: ['1'], operation_status: 'DISABLE' }),
			},
			credentials: [businessCredential(fake)],
		});
		expect(error?.message).toContain(target);
		expect(other.state.requests).toHaveLength(0);
	});

	it('a 302 from the Developers API sends the Bearer token nowhere (video.getMany)', async () => {
		const target = `${other.url.replace('127.0.0.1', 'localhost')}/v2/video/list/`;
		queueFault(fake, { kind: 'redirect', path: '/v2/video/list/', status: 302, location: target });
		const { error } = await runTikTokNode({
			parameters: { resource: 'video', operation: 'getMany', returnAll: false, limit: 5 },
			credentials: [developersCredential(fake)],
		});
		expect(error?.message).toContain(target);
		expect(other.state.requests).toHaveLength(0);
	});
});

describe('faults: timeouts', () => {
	const fake = useFake();

	it('a stalled connection (no answer at all) fails within the bound: timeout × 4, retries included', async () => {
		queueFault(fake, { kind: 'stall', path: AD_GET, count: 20 });
		const started = Date.now();
		const { error } = await runTikTokNode({
			parameters: adGet(fake, { requestOptions: { timeout: 1 } }),
			credentials: [businessCredential(fake)],
		});
		const elapsed = Date.now() - started;
		expect(error).toBeDefined();
		expect(error!.message).toContain('did not answer within');
		expect((error as NodeApiError).description).toMatch(/attempts/);
		expect(elapsed).toBeLessThan(4000 + 2500);
		// A read is retried after a timeout.
		expect(faulted(fake).length).toBeGreaterThan(1);
	});

	it('headers, then a stalled body, also end at the timeout; a read that stalls once is retried and succeeds', async () => {
		queueFault(fake, { kind: 'stallBody', path: AD_GET, count: 1 });
		const { error, items } = await runTikTokNode({
			parameters: adGet(fake, { requestOptions: { timeout: 1 } }),
			credentials: [businessCredential(fake)],
		});
		expect(error).toBeUndefined();
		expect(items).toHaveLength(1);
		expect(fake.state.requestsTo(AD_GET)).toHaveLength(2);
	});

	it('a stalled write is not re-sent and says it may have been applied', async () => {
		const path = `${BUSINESS_PREFIX}/ad/status/update/`;
		queueFault(fake, { kind: 'stall', path, count: 5 });
		const { error } = await runTikTokNode({
			parameters: {
				resource: 'apiCall',
				operation: 'make',
				api: 'business',
				method: 'POST',
				url: '/ad/status/update/',
				body: JSON.stringify({ advertiser_id: ADVERTISER, ad_ids: ['1'], operation_status: 'DELETE' }),
				requestOptions: { timeout: 1 },
			},
			credentials: [businessCredential(fake)],
		});
		expect(error?.message).toContain('may have applied');
		expect(fake.state.requestsTo(path)).toHaveLength(1);
	});
});

describe('faults: Retry-After and give-ups', () => {
	const fake = useFake();
	// The waits are fast-forwarded: the fake stamps requests on the same clock, so the gaps below are the waits asked for.
	const clock = useFastClock();

	it('HTTP 429 with Retry-After: 2 waits at least 2 s before the next attempt', async () => {
		queueFault(fake, { kind: 'rateLimit', path: AD_GET, retryAfter: 2 });
		const { error, items } = await runTikTokNode({ parameters: adGet(fake), credentials: [businessCredential(fake)] });
		expect(error).toBeUndefined();
		expect(items).toHaveLength(1);
		const [first, second] = fake.state.requestsTo(AD_GET);
		expect(second.at - first.at).toBeGreaterThanOrEqual(2000);
	});

	it('Retry-After as an HTTP date, on TikTok\'s in-band rate limit (HTTP 200, code 40100), is honoured too', async () => {
		// The transport's clock is a minute ahead of the system's: the date is read on the transport's clock.
		await clock.sleep(60_000);
		const when = new Date(clock.now() + 3000).toUTCString();
		queueFault(fake, { kind: 'rateLimit', path: AD_GET, retryAfter: when, inBand: true });
		const { error } = await runTikTokNode({ parameters: adGet(fake), credentials: [businessCredential(fake)] });
		expect(error).toBeUndefined();
		const [first, second] = fake.state.requestsTo(AD_GET);
		// An HTTP date has whole seconds: more than 2 of the 3 remain after rounding down; allow for the round trip.
		expect(second.at - first.at).toBeGreaterThanOrEqual(1500);
		expect(second.at - first.at).toBeLessThan(5000);
	});

	it('a Retry-After beyond the budget gives up at once, naming the HTTP status, the attempts and what to do', async () => {
		queueFault(fake, { kind: 'rateLimit', path: AD_GET, retryAfter: 600, count: 3 });
		const started = clock.now();
		const { error } = await runTikTokNode({ parameters: adGet(fake), credentials: [businessCredential(fake)] });
		expect(clock.now() - started).toBeLessThan(5000);
		const description = String((error as NodeApiError).description);
		expect(description).toContain('HTTP 429');
		expect(description).toContain('1 attempt');
		expect(description).toContain('asked to wait 600 s');
		expect(description).toMatch(/Wait a little|lower how often/);
	});
});

describe('faults: secrets echoed by TikTok are scrubbed', () => {
	const fake = useFake();

	it('a Business token echoed in TikTok\'s message is absent from the error item (continue on fail)', async () => {
		queueFault(fake, { kind: 'echo', path: AD_GET });
		const { items, error } = await runTikTokNode({
			parameters: adGet(fake),
			credentials: [businessCredential(fake)],
			continueOnFail: true,
		});
		expect(error).toBeUndefined();
		const text = JSON.stringify(items);
		expect(text).toContain('[redacted]');
		for (const secret of secretsOf(fake)) expect(text).not.toContain(secret);
	});

	it('…and from the error that stops the workflow', async () => {
		queueFault(fake, { kind: 'echo', path: AD_GET });
		const { error } = await runTikTokNode({ parameters: adGet(fake), credentials: [businessCredential(fake)] });
		const text = JSON.stringify({ message: error?.message, description: (error as NodeApiError)?.description, context: (error as NodeApiError)?.context });
		expect(error?.message).toContain('[redacted]');
		for (const secret of secretsOf(fake)) expect(text).not.toContain(secret);
	});

	it('a Developers Bearer token echoed (HTTP 400 v2 error) is absent from the error item', async () => {
		queueFault(fake, { kind: 'echo', path: '/v2/video/list/' });
		const { items } = await runTikTokNode({
			parameters: { resource: 'video', operation: 'getMany', returnAll: false, limit: 5 },
			credentials: [developersCredential(fake)],
			continueOnFail: true,
		});
		const text = JSON.stringify(items);
		expect(text).toContain('[redacted]');
		for (const secret of secretsOf(fake)) expect(text).not.toContain(secret);
	});

	it('a token the credential got by exchanging its authorization code during this very call is scrubbed too', async () => {
		const code = ((await (await fetch(`${fake.url}/__fake/business/auth-code`, { method: 'POST' })).json()) as { auth_code: string }).auth_code;
		queueFault(fake, { kind: 'echo', path: AD_GET });
		const { items } = await runTikTokNode({
			parameters: adGet(fake),
			credentials: [businessCredential(fake, { accessToken: '', authCode: code })],
			continueOnFail: true,
		});
		const text = JSON.stringify(items);
		expect(text).toContain('[redacted]');
		expect(text).not.toContain(code);
		for (const secret of secretsOf(fake)) expect(text).not.toContain(secret);
	});

	it('a token echoed in a per-ad error of a successful status update (built outside the transport) is scrubbed too', async () => {
		const ad = fake.state.world.ads.find((a) => a.advertiser_id === ADVERTISER && !a.__deleted) as Record<string, string>;
		queueFault(fake, { kind: 'echo', path: `${BUSINESS_PREFIX}/ad/status/update/`, as: 'errorList' });
		const { items } = await runTikTokNode({
			parameters: {
				resource: 'ad',
				operation: 'updateStatus',
				advertiserId: { __rl: true, mode: 'id', value: ADVERTISER },
				adId: ad.ad_id,
				operationStatus: 'DISABLE',
			},
			credentials: [businessCredential(fake)],
			continueOnFail: true,
		});
		const text = JSON.stringify(items);
		expect(text).toContain('Refused, access-token: [redacted]');
		for (const secret of secretsOf(fake)) expect(text).not.toContain(secret);
	});

	it("scrubs secrets, not identifiers: the user's open_id in a Developers error stays, the access token does not", async () => {
		const openId = '-000fake-open-id-0001';
		const call = async (header: string, value?: string) => {
			queueFault(fake, { kind: 'echo', path: '/v2/user/info/', header });
			return await runTikTokNode({
				parameters: {
					resource: 'apiCall',
					operation: 'make',
					api: 'developers',
					method: 'GET',
					url: '/v2/user/info/',
					query: JSON.stringify({ fields: ['open_id'] }),
					headers: JSON.stringify(value === undefined ? {} : { [header]: value }),
				},
				credentials: [developersCredential(fake)],
				continueOnFail: true,
			});
		};
		const identifier = JSON.stringify((await call('x-echo', `open_id=${openId}`)).items);
		expect(identifier).toContain(`x-echo: open_id=${openId}`);
		expect(identifier).not.toContain('[redacted]');
		const token = JSON.stringify((await call('authorization')).items);
		expect(token).toContain('authorization: Bearer [redacted]');
		for (const secret of secretsOf(fake)) expect(token).not.toContain(secret);
	});

	it('an app secret echoed in an apiCall answer is scrubbed too', async () => {
		queueFault(fake, { kind: 'echo', path: AD_GET, header: 'x-echo' });
		const { items } = await runTikTokNode({
			parameters: {
				resource: 'apiCall',
				operation: 'make',
				api: 'business',
				method: 'GET',
				url: '/ad/get/',
				query: JSON.stringify({ advertiser_id: ADVERTISER }),
				headers: JSON.stringify({ 'X-Echo': fake.FAKE.businessSecret }),
			},
			credentials: [businessCredential(fake)],
			continueOnFail: true,
		});
		const text = JSON.stringify(items);
		expect(text).not.toContain(fake.FAKE.businessSecret);
	});
});
