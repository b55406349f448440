import type { IDataObject, IHttpRequestOptions } from 'n8n-workflow';

import type { HttpFailure } from './errors';
import { credentialKey, hostOf, limiterFor, requestsPerSecond } from './concurrency';
import { httpFailure } from './errors';
import { BUSINESS_RATE_LIMIT_CODES } from './retry';
import type { TikTokFunctions, TikTokRequest } from './types';

/** Seconds each attempt may take by default (connect and whole answer). */
export const DEFAULT_TIMEOUT_SECONDS = 30;
/** A call, retries and waits included, may take this many attempt timeouts in all (default: about two minutes). */
export const TIMEOUT_BUDGET_FACTOR = 4;

/** The node's `requestOptions.timeout` (seconds), when it has one; the default otherwise. */
export function requestTimeoutMs(this: TikTokFunctions, itemIndex = 0): number {
	let options: unknown;
	try {
		// Execute: (name, itemIndex, fallback); poll / load options: (name, fallback) — both read the same parameter.
		options = (this.getNodeParameter as (name: string, a?: unknown, b?: unknown) => unknown).call(
			this,
			'requestOptions',
			'getInputData' in this ? itemIndex : {},
			{},
		);
	} catch {
		options = undefined;
	}
	const seconds = Number((options as IDataObject | undefined)?.timeout);
	return Math.round((Number.isFinite(seconds) && seconds > 0 ? seconds : DEFAULT_TIMEOUT_SECONDS) * 1000);
}

/**
 * Whether a request may be sent again after an unclear failure (`idempotent`: reads by default), and whether it is a
 * write whose fate is unknown after one (`write`: every request but a GET or one marked idempotent, by default).
 */
export function requestKind(request: TikTokRequest): { idempotent: boolean; write: boolean } {
	return {
		idempotent: request.idempotent ?? request.method === 'GET',
		write: request.write ?? (request.method !== 'GET' && request.idempotent !== true),
	};
}

/** What one HTTP exchange came to: TikTok's answer (status, headers, body), or a failure. */
export type Exchange =
	| { ok: true; status: number; headers: IDataObject; body: unknown }
	| { ok: false; failure: HttpFailure };

/** The execution's cancel signal, if the context has one (executions do, polls and pickers may not). */
function cancelSignalOf(context: TikTokFunctions): AbortSignal | undefined {
	const getter = (context as { getExecutionCancelSignal?: () => AbortSignal | undefined }).getExecutionCancelSignal;
	return typeof getter === 'function' ? getter.call(context) : undefined;
}

/**
 * One HTTP exchange with TikTok through n8n's request helper, signed with `credentialType`, with three guarantees:
 * - no redirect is followed (`disableFollowRedirect`): a 3xx comes back as a failure naming where TikTok pointed, so
 *   the token is never sent to another host or over another scheme;
 * - it ends within `timeoutMs`, connecting and reading the whole answer included (n8n's `timeout` for the socket, and
 *   an abort signal for the whole exchange, joined with the execution's cancel signal);
 * - the answer's status and headers come back with the body (for `Retry-After`).
 */
export async function exchange(
	this: TikTokFunctions,
	credentialType: string,
	options: IHttpRequestOptions,
	timeoutMs: number,
	oauth2?: IDataObject,
): Promise<Exchange> {
	// One limit per credential and host (concurrency.ts): wait for a slot before the clock of this attempt starts.
	const limiter = limiterFor(credentialKey(this, credentialType), hostOf(String(options.url ?? '')));
	const release = await limiter.acquire(requestsPerSecond(this));
	try {
		const answer = await exchangeNow.call(this, credentialType, options, timeoutMs, oauth2);
		if (isRateLimitAnswer(answer)) limiter.rateLimited();
		else limiter.succeeded();
		return answer;
	} finally {
		release();
	}
}

/** Whether TikTok said the app (or advertiser) is over its rate: HTTP 429, a Business rate-limit code, or v2's. */
function isRateLimitAnswer(answer: Exchange): boolean {
	const status = answer.ok ? answer.status : answer.failure.status;
	if (status === 429) return true;
	let body = answer.ok ? answer.body : answer.failure.body;
	if (typeof body === 'string' && body.length < 100_000) {
		try {
			body = JSON.parse(body);
		} catch {
			return false;
		}
	}
	if (typeof body !== 'object' || body === null) return false;
	const { code, error } = body as { code?: unknown; error?: { code?: unknown } };
	return BUSINESS_RATE_LIMIT_CODES.has(Number(code)) || error?.code === 'rate_limit_exceeded';
}

async function exchangeNow(
	this: TikTokFunctions,
	credentialType: string,
	options: IHttpRequestOptions,
	timeoutMs: number,
	oauth2?: IDataObject,
): Promise<Exchange> {
	const cancel = cancelSignalOf(this);
	const deadline = AbortSignal.timeout(Math.max(1, timeoutMs));
	const signal = cancel ? AbortSignal.any([cancel, deadline]) : deadline;
	// n8n's helper takes the abort signal from the context's `getExecutionCancelSignal`: hand it the joined one.
	const context = Object.create(this, { getExecutionCancelSignal: { value: () => signal } }) as TikTokFunctions;
	const request: IHttpRequestOptions = {
		...options,
		disableFollowRedirect: true,
		timeout: Math.max(1, timeoutMs),
		returnFullResponse: true,
	};
	try {
		const response = (await this.helpers.httpRequestWithAuthentication.call(
			context,
			credentialType,
			request,
			oauth2 ? { oauth2 } : undefined,
		)) as { statusCode?: number; headers?: IDataObject; body?: unknown };
		return { ok: true, status: Number(response?.statusCode ?? 200), headers: response?.headers ?? {}, body: response?.body };
	} catch (error) {
		const failure = httpFailure(error);
		if (cancel?.aborted) {
			failure.cancelled = true;
			failure.network = false;
			failure.message = 'The execution was cancelled';
		} else if (deadline.aborted || failure.timedOut) {
			failure.timedOut = true;
			failure.network = true;
			failure.message = `TikTok did not answer within ${Math.round(timeoutMs / 100) / 10} s`;
		}
		return { ok: false, failure };
	}
}
