import type { IDataObject, IHttpRequestOptions } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import type { HttpFailure } from './errors';
import { credentialKey, hostOf, limiterFor, requestsPerSecond } from './concurrency';
import { streamReader } from './bytes';
import { httpFailure, plainHeaders } from './errors';
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

/** TikTok's answer to one exchange: status, headers (lower-case names) and the body (decoded, when asked). */
export interface Answer {
	status: number;
	headers: IDataObject;
	body: unknown;
}

/** What one HTTP exchange came to: TikTok's answer, or a failure. */
export type Exchange = ({ ok: true } & Answer) | { ok: false; failure: HttpFailure };

/** One HTTP exchange: the request, its bound, and what the caller's API profile knows (the exchange knows no API). */
export interface ExchangeCall {
	/** n8n credential type that signs the request; none for unsigned calls (the upload URL, oEmbed). */
	credentialType?: string;
	/** Credential type whose per-credential limiter the call counts against (default: `credentialType`; none: no limiter). */
	limiterCredential?: string;
	options: IHttpRequestOptions;
	/** The whole exchange (connect, send, the whole answer) ends within this many ms. */
	timeoutMs: number;
	oauth2?: IDataObject;
	/** Applied once to the answer's (or failure's) body, e.g. the JSON parser. */
	decode?: (body: unknown) => unknown;
	/** Whether the (decoded) answer says the app is over its rate (the limiter halves its rate); default: HTTP 429. */
	isRateLimited?: (status: number | undefined, body: unknown) => boolean;
	/** Redirects to follow; default none (a credentialed call never follows one). */
	maxRedirects?: number;
	/**
	 * The most bytes of the answer's body held in memory: the body is then asked for as a stream and read up to this
	 * bound (refused at once when its `Content-Length` says more), so an answer of any size costs at most this much.
	 */
	maxBodyBytes?: number;
}

type BodyStream = AsyncIterable<Buffer | Uint8Array | string> & { destroy?: (error?: Error) => void };

function isBodyStream(body: unknown): body is BodyStream {
	return (
		typeof body === 'object' &&
		body !== null &&
		typeof (body as { pipe?: unknown }).pipe === 'function' &&
		typeof (body as Partial<BodyStream>)[Symbol.asyncIterator] === 'function'
	);
}

/**
 * A streamed body read into one buffer, at most `maxBytes` of it: undefined (and the stream dropped) when it is longer,
 * or its `Content-Length` says so before a byte is read. The signal (deadline or cancel) ends the read too.
 */
async function readAtMost(stream: BodyStream, maxBytes: number, declared: unknown, signal: AbortSignal): Promise<Buffer | undefined> {
	const length = Number(declared);
	if (Number.isFinite(length) && length > maxBytes) {
		stream.destroy?.();
		return undefined;
	}
	// The one byte reader (bytes.ts): one byte past the bound is enough to know the body is longer.
	const reader = streamReader(stream);
	const stop = () => stream.destroy?.(new Error(String(signal.reason ?? 'aborted')));
	signal.addEventListener('abort', stop, { once: true });
	try {
		const bytes = await reader.read(maxBytes + 1);
		if (bytes.length <= maxBytes) return bytes;
		reader.close();
		return undefined;
	} finally {
		signal.removeEventListener('abort', stop);
	}
}

/** The execution's cancel signal, if the context has one (executions do, polls and pickers may not): read here only. */
export function cancelSignalOf(context: TikTokFunctions): AbortSignal | undefined {
	const getter = (context as { getExecutionCancelSignal?: () => AbortSignal | undefined }).getExecutionCancelSignal;
	return typeof getter === 'function' ? getter.call(context) : undefined;
}

/**
 * One HTTP exchange with TikTok through n8n's request helper, signed with the call's credential (if any), with three
 * guarantees:
 * - no redirect is followed (`disableFollowRedirect`) unless the unsigned call asks for a few: a 3xx comes back as a
 *   failure naming where TikTok pointed, so the token is never sent to another host or over another scheme;
 * - it ends within `timeoutMs`, connecting and reading the whole answer included (n8n's `timeout` for the socket, and
 *   an abort signal for the whole exchange, joined with the execution's cancel signal);
 * - the answer's status and headers come back with the body (for `Retry-After`, `Location` and TikTok's own error
 *   text), whatever the HTTP status: see `exchangeNow`.
 * The call waits for a slot of its credential's limiter (concurrency.ts) before its clock starts.
 */
export async function exchange(this: TikTokFunctions, call: ExchangeCall): Promise<Exchange> {
	const limiterCredential = call.limiterCredential ?? call.credentialType;
	if (!limiterCredential) return await exchangeNow.call(this, call);
	const limiter = limiterFor(credentialKey(this, limiterCredential), hostOf(String(call.options.url ?? '')));
	const release = await limiter.acquire(requestsPerSecond(this));
	try {
		const answer = await exchangeNow.call(this, call);
		const rateLimited = call.isRateLimited ?? ((status: number | undefined) => status === 429);
		if (answer.ok ? rateLimited(answer.status, answer.body) : rateLimited(answer.failure.status, answer.failure.body)) {
			limiter.rateLimited();
		} else {
			limiter.succeeded();
		}
		return answer;
	} finally {
		release();
	}
}

/**
 * n8n hands back every HTTP answer instead of throwing it (`ignoreHttpStatusErrors`): n8n 1.x drops a thrown answer's
 * status line, headers and body (its `NodeApiError` loses its `cause`), so `Retry-After`, a redirect's `Location` and
 * TikTok's 4xx text would be lost there. A signed call keeps 401 thrown, because n8n refreshes the OAuth2 token or
 * re-authenticates on a thrown 401; n8n 2.x honours that `except`, n8n 1.x knows only `true` and answers the 401
 * (`exchangeNow` then sends once more, letting n8n see it).
 */
const ANSWER_ALL_BUT_401 = { ignore: true as const, except: [401] };

/** The first words of a failure made from an HTTP answer: what n8n's request helper would have said throwing it. */
function statusMessage(context: TikTokFunctions, status: number, signed: boolean): string {
	const said = `Request failed with status code ${status}`;
	// n8n's authenticated helper wraps the answer in a NodeApiError, whose message is its text for the status.
	return signed ? new NodeApiError(context.getNode(), { message: said, httpCode: String(status) }).message : said;
}

async function exchangeNow(this: TikTokFunctions, call: ExchangeCall): Promise<Exchange> {
	const timeoutMs = Math.max(1, Math.round(call.timeoutMs));
	const cancel = cancelSignalOf(this);
	const deadline = AbortSignal.timeout(Math.max(1, timeoutMs));
	const signal = cancel ? AbortSignal.any([cancel, deadline]) : deadline;
	// n8n's helper takes the abort signal from the context's `getExecutionCancelSignal`: hand it the joined one.
	const context = Object.create(this, { getExecutionCancelSignal: { value: () => signal } }) as TikTokFunctions;
	const request: IHttpRequestOptions = {
		...call.options,
		timeout: Math.max(1, timeoutMs),
		returnFullResponse: true,
		abortSignal: signal,
	};
	if (call.maxRedirects) request.maxRedirects = call.maxRedirects;
	else request.disableFollowRedirect = true;
	if (call.maxBodyBytes !== undefined) request.encoding = 'stream';
	const decode = call.decode ?? ((body: unknown) => body);
	type Response = { statusCode?: number; headers?: IDataObject; body?: unknown };
	const send = async (ignoreHttpStatusErrors: IHttpRequestOptions['ignoreHttpStatusErrors']): Promise<Response> => {
		// A fresh copy each time: n8n signs (and so changes) the options it is given.
		const options: IHttpRequestOptions = { ...request, headers: { ...(request.headers ?? {}) }, ignoreHttpStatusErrors };
		return (call.credentialType
			? await this.helpers.httpRequestWithAuthentication.call(
					context,
					call.credentialType,
					options,
					call.oauth2 ? { oauth2: call.oauth2 } : undefined,
				)
			: await this.helpers.httpRequest.call(context, options)) as Response;
	};
	/** What a thrown failure (no answer, or one n8n threw) comes to. */
	const failed = (error: unknown): Exchange => {
		const failure = httpFailure(error);
		failure.body = decode(failure.body);
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
	};
	let response: Response;
	try {
		response = await send(call.credentialType ? ANSWER_ALL_BUT_401 : true);
	} catch (error) {
		return failed(error);
	}
	if (call.credentialType && Number(response?.statusCode) === 401) {
		// n8n 1.x answered the 401 (it ignores `except`): send once more with the 401 thrown, so that n8n refreshes the
		// token or re-authenticates and retries, as n8n 2.x does. A 401 is TikTok refusing the credential: it applied
		// nothing, so a write is safe to send again. If n8n cannot get past the 401, the first answer stands.
		const first = response?.body;
		if (isBodyStream(first)) first.destroy?.();
		try {
			response = await send(false);
		} catch (error) {
			if (httpFailure(error).status !== 401) return failed(error);
		}
	}
	const status = Number(response?.statusCode ?? 200);
	const headers = plainHeaders(response?.headers) as IDataObject;
	let received = response?.body;
	if (call.maxBodyBytes !== undefined && isBodyStream(received)) {
		try {
			received = await readAtMost(received, call.maxBodyBytes, headers['content-length'], signal);
		} catch (error) {
			return failed(error);
		}
		if (received === undefined) {
			const message = `TikTok's answer is larger than ${call.maxBodyBytes} bytes, the bound for this call`;
			return { ok: false, failure: { status, headers, message, network: false, tooLarge: true } };
		}
	}
	const body = decode(received);
	if (status >= 200 && status < 300) return { ok: true, status, headers, body };
	const message = statusMessage(this, status, Boolean(call.credentialType));
	return { ok: false, failure: { status, headers, body, message, network: false } };
}
