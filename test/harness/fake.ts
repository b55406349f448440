import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import type { StoredCredential } from './credentials';

/* eslint-disable @typescript-eslint/no-require-imports */
const { startFakeTikTok, FAKE } = require('../fake-tiktok/server') as {
	startFakeTikTok: (options?: FakeOptions) => Promise<FakeTikTok>;
	FAKE: FakeSecrets;
};
const { issueTokens } = require('../fake-tiktok/developers') as {
	issueTokens: (state: FakeState, grant: { openId: string; scopes: string[] }) => ICredentialDataDecryptedObject;
};
/* eslint-enable @typescript-eslint/no-require-imports */

export interface FakeSecrets {
	businessAppId: string;
	businessSecret: string;
	businessToken: string;
	clientKey: string;
	clientSecret: string;
}

export interface FakeRequest {
	method: string;
	path: string;
	query: Record<string, string>;
	headers: Record<string, string | string[] | undefined>;
	body: unknown;
	contentType: string;
	bodySize: number;
	at: number;
}

/** TikTok's error answer for the next matching request (`failNext`, or `queueFault` with kind `answer`). */
export interface FakeFailure {
	path?: string;
	code?: number | string;
	httpStatus?: number;
	message?: string;
	skip?: number;
	/** With `httpStatus`: the JSON body of the error answer (Business routes). */
	json?: Record<string, unknown>;
	/** Only requests whose query this accepts (Business routes), e.g. the default listing and not the TopView one. */
	match?: (query: Record<string, string>) => boolean;
}

/** What every queued fault has: where it fires, how often, after how many matching requests. */
interface FaultBase {
	/** The full path (e.g. `/open_api/v1.3/ad/get/`); any path when omitted. */
	path?: string;
	/** How many matching requests it answers (default 1). */
	count?: number;
	/** Matching requests let through before it fires (e.g. a rate limit on page 2 of a listing). */
	skip?: number;
	/** Only requests whose query this accepts (in-process tests only). */
	match?: (query: Record<string, string>) => boolean;
}

/**
 * One fault of the fake's one queue (test/fake-tiktok/server.js `faults`; the kinds other than `answer` are played by
 * test/fake-tiktok/faults.js, whose header says what each does).
 */
export type FakeFault = FaultBase &
	(
		| ({ kind: 'answer' } & Omit<FakeFailure, 'path' | 'skip' | 'match'>)
		| { kind: 'redirect'; location: string; status?: number }
		| { kind: 'stall' | 'stallBody' | 'reset' }
		| { kind: 'rateLimit'; retryAfter?: number | string; inBand?: boolean }
		| { kind: 'echo'; header?: string; as?: 'errorList'; httpStatus?: number }
		| { kind: 'trickle'; everyMs?: number }
		| { kind: 'delay'; ms?: number }
		| { kind: 'addAds' | 'deleteAds'; advertiserId: string; ads?: number }
		| { kind: 'applyThenFail'; mode?: 'reset' | '500' | 'stall' }
	);

/**
 * Queues faults for the next matching requests to the fake (the one queue, emptied before each test by `useFake`).
 * `answer` faults are TikTok's error answers (what `state.failNext` queues); the others break the exchange itself.
 */
export function queueFault(fake: FakeTikTok, ...faults: FakeFault[]): void {
	for (const fault of faults) {
		if (fault.kind === 'answer') {
			const { count = 1, ...failure } = fault;
			fake.state.failNext(failure, count);
		} else fake.state.faults.push({ count: 1, skip: 0, ...fault });
	}
}

/** The fake server's live state (see test/fake-tiktok/server.js `createState`). */
export interface FakeState {
	url: string;
	latencyMs: number;
	requests: FakeRequest[];
	world: {
		advertisers: Array<Record<string, unknown>>;
		campaigns: Array<Record<string, unknown>>;
		adgroups: Array<Record<string, unknown>>;
		ads: Array<Record<string, unknown>>;
		[key: string]: unknown;
	};
	rateLimitShare: number;
	rateLimitCode: number;
	/** The one fault queue (`queueFault`, `failNext`), consumed by the next matching requests. */
	faults: FakeFault[];
	/** Requests a fault answered or cut, oldest first. */
	faulted: Array<{ kind: string; path: string; method: string; at: number }>;
	/** Random faults: that share of requests answered with one of the kinds (faults.js). */
	randomFaults: { share: number; kinds: string[] };
	counters: { exchanges: number; refreshes: number };
	oauthErrorStatus: number;
	businessTokens: Map<string, { appId: string; advertiserIds: string[] }>;
	developerTokens: Map<string, { openId: string; scopes: string[]; expiresAt: number }>;
	developerRefreshTokens: Map<string, { openId: string; scopes: string[]; expiresAt: number }>;
	/** What TikTok leaves open: switches of test/fake-tiktok/contract.js (strict, documented defaults). */
	contract: Record<string, unknown>;
	requestsTo(path: string, method?: string): FakeRequest[];
	failNext(failure: FakeFailure, count?: number): void;
	/** Empties the fault queue, the record of faulted requests and the random faults. */
	clearFaults(): void;
	clearRequests(): void;
	[key: string]: unknown;
}

export interface FakeOptions {
	port?: number;
	seed?: number;
	latencyMs?: number;
	rateLimitShare?: number;
	adsPerAdvertiser?: number[];
}

export interface FakeTikTok {
	url: string;
	port: number;
	state: FakeState;
	FAKE: FakeSecrets;
	close(): Promise<void>;
}

export { FAKE };

/* eslint-disable-next-line @typescript-eslint/no-require-imports */
const { ADVERTISERS: SEEDED } = require('../fake-tiktok/data') as { ADVERTISERS: Array<{ advertiser_id: string }> };
/**
 * The fake's three advertisers (test/fake-tiktok/data.js), for every test: ADV1 Asia/Singapore (UTC+8, SGD),
 * ADV2 America/New_York (UTC-5, USD), ADV3 Etc/UTC (EUR).
 */
export const ADVERTISERS: string[] = SEEDED.map((a) => a.advertiser_id);
export const [ADV1, ADV2, ADV3] = ADVERTISERS;

export const BUSINESS_PREFIX = '/open_api/v1.3';

export async function startFake(options: FakeOptions = {}): Promise<FakeTikTok> {
	return await startFakeTikTok(options);
}

/**
 * A fake TikTok API for the enclosing `describe` block: started before its tests and closed after them. Before each
 * test its recorded requests and queued failures are forgotten (then `reset` runs, for a route module's own state),
 * so no test sees what another one sent or queued. With `perTest`, every test gets a freshly seeded fake instead
 * (for tests that change the seeded world). Returns a handle that reads the running fake: use it inside tests and hooks.
 */
export function useFake(
	options: FakeOptions = {},
	setup: { perTest?: boolean; reset?: (fake: FakeTikTok) => void } = {},
): FakeTikTok {
	let running: FakeTikTok | undefined;
	const current = (): FakeTikTok => {
		if (!running) throw new Error('The fake TikTok API only runs inside the tests and hooks of the block that called useFake()');
		return running;
	};
	const start = async () => {
		running = await startFake(options);
	};
	const stop = async () => {
		await running?.close();
		running = undefined;
	};
	if (setup.perTest) {
		beforeEach(start);
		afterEach(stop);
	} else {
		beforeAll(start);
		afterAll(stop);
		beforeEach(() => {
			const fake = current();
			fake.state.clearRequests();
			fake.state.clearFaults();
			// What TikTok leaves open (contract.js switches): back to the strict, documented behaviour.
			(fake.state.resetContract as (() => void) | undefined)?.();
			setup.reset?.(fake);
		});
	}
	return {
		get url() {
			return current().url;
		},
		get port() {
			return current().port;
		},
		get state() {
			return current().state;
		},
		FAKE,
		close: stop,
	};
}

/** A `tikTokBusinessOAuth2Api` credential pointed at the fake (pasted token unless overridden). */
export function businessCredential(
	fake: FakeTikTok,
	data: ICredentialDataDecryptedObject = {},
	id = 'business-1',
): StoredCredential {
	return {
		id,
		name: 'TikTok Business (fake)',
		type: 'tikTokBusinessOAuth2Api',
		data: {
			environment: 'custom',
			baseUrl: fake.url,
			appId: FAKE.businessAppId,
			secret: FAKE.businessSecret,
			accessToken: FAKE.businessToken,
			// As after n8n's credential test on save: TikTok's API answered at this root (see the credential's preAuthentication).
			checkedApiRoot: fake.url,
			...data,
		},
	};
}

/** A connected `tikTokOAuth2Api` credential pointed at the fake, with freshly issued tokens. */
export function developersCredential(
	fake: FakeTikTok,
	options: { scopes?: string[]; data?: ICredentialDataDecryptedObject } = {},
	id = 'developers-1',
): StoredCredential {
	const scopes = options.scopes ?? ['user.info.basic', 'user.info.profile', 'user.info.stats', 'video.list'];
	const tokens = issueTokens(fake.state, { openId: '-000fake-open-id-0001', scopes });
	return {
		id,
		name: 'TikTok OAuth2 (fake)',
		type: 'tikTokOAuth2Api',
		data: {
			environment: 'custom',
			baseUrl: fake.url,
			clientId: FAKE.clientKey,
			clientSecret: FAKE.clientSecret,
			scope: scopes.join(','),
			oauthTokenData: tokens,
			...(options.data ?? {}),
		},
	};
}

/* eslint-disable-next-line @typescript-eslint/no-require-imports */
export const { EVENTS_TOKEN } = require('../fake-tiktok/events') as { EVENTS_TOKEN: string };

/** A `tikTokEventsApi` credential (a pixel's Events API token) pointed at the fake. */
export function eventsCredential(fake: FakeTikTok, data: ICredentialDataDecryptedObject = {}, id = 'events-1'): StoredCredential {
	return {
		id,
		name: 'TikTok Events API (fake)',
		type: 'tikTokEventsApi',
		// checkedApiRoot: as after n8n's credential test on save (see the credential's preAuthentication).
		data: { environment: 'custom', baseUrl: fake.url, accessToken: EVENTS_TOKEN, checkedApiRoot: fake.url, ...data },
	};
}

/**
 * An error as the text a user or a log sees (message, description, context, cause); fails the test when there is no
 * error, so a "no secret in the error" check cannot pass on a run that did not fail.
 */
export function errorText(error: unknown): string {
	expect(error).toBeDefined();
	const e = error as { message?: unknown; description?: unknown; context?: unknown; cause?: unknown; messages?: unknown };
	return JSON.stringify({ message: e.message, description: e.description, context: e.context, cause: e.cause, messages: e.messages });
}

/**
 * No secret the fake knows (plus `extra`) appears in any of `outputs`, AND each output is there: an items list must
 * hold at least one item, a text must not be empty. An empty run leaks nothing, so it must not pass as "no leak".
 */
export function expectNoSecrets(fake: FakeTikTok, outputs: Array<unknown[] | string>, extra: string[] = []): void {
	expect(outputs.length).toBeGreaterThan(0);
	for (const output of outputs) {
		if (typeof output === 'string') expect(output.length).toBeGreaterThan(0);
		else expect(output.length).toBeGreaterThan(0);
		const text = typeof output === 'string' ? output : JSON.stringify(output);
		for (const secret of [...secretsOf(fake), ...extra]) expect(text).not.toContain(secret);
	}
}

/** Everything secret the fake knows, to check nothing leaks into items or errors. */
export function secretsOf(fake: FakeTikTok): string[] {
	return [
		FAKE.businessSecret,
		FAKE.businessToken,
		FAKE.clientSecret,
		EVENTS_TOKEN,
		...fake.state.businessTokens.keys(),
		...fake.state.developerTokens.keys(),
	];
}
