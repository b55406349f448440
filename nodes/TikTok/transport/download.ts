import type { IDataObject, IHttpRequestOptions } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { isRetryableHttpFailure, redirectError, redirectLocation, retryAfterMs, tikTokApiError } from './errors';
import { exchange, requestTimeoutMs } from './request';
import type { AttemptOutcome } from './retry';
import { retryPolicyFor, withRetry } from './retry';
import { credentialSecrets, scrubError } from './secrets';
import {
	BUSINESS_CREDENTIALS,
	businessBaseUrl,
	businessEnvelopeFailure,
	businessHttpFailureInfo,
	businessRequest,
	encodeBusinessQuery,
	normalizeBusinessPath,
} from './business';
import type { TikTokFunctions, TikTokRequest } from './types';

/** Longest wait for one file download (TikTok's lead files reach tens of MB). */
export const BUSINESS_DOWNLOAD_TIMEOUT_MS = 120_000;

/** A file TikTok answered with instead of its JSON envelope (or, when it did answer JSON, the envelope's `data`). */
export interface TikTokFile {
	/** The bytes, exactly as received. Empty when TikTok answered with a JSON envelope (then see `data`). */
	body: Buffer;
	contentType: string;
	/** `data` of a successful JSON envelope, when TikTok delivered JSON instead of a file. */
	data?: IDataObject;
}

function header(headers: unknown, name: string): string {
	const value = (headers as IDataObject | undefined)?.[name];
	return Array.isArray(value) ? String(value[0] ?? '') : String(value ?? '');
}

function toBuffer(body: unknown): Buffer {
	if (Buffer.isBuffer(body)) return body;
	if (body instanceof ArrayBuffer) return Buffer.from(body);
	if (ArrayBuffer.isView(body)) return Buffer.from(body.buffer, body.byteOffset, body.byteLength);
	if (typeof body === 'string') return Buffer.from(body, 'utf8');
	return Buffer.from(JSON.stringify(body ?? ''), 'utf8');
}

/** A body that is TikTok's JSON envelope (by content type, or by its first byte when the type is missing). */
function envelopeOf(contentType: string, body: Buffer): IDataObject | undefined {
	const firstByte = body.find((b) => b !== 0x20 && b !== 0x0a && b !== 0x0d && b !== 0x09);
	if (!/json/i.test(contentType) && firstByte !== 0x7b) return undefined;
	try {
		const parsed = JSON.parse(body.toString('utf8')) as unknown;
		if (typeof parsed === 'object' && parsed !== null && 'code' in parsed) return parsed as IDataObject;
	} catch {
		// Not JSON after all (a CSV whose first cell starts with "{"): a file.
	}
	return undefined;
}

/**
 * Downloads a file from the TikTok API for Business (a GET whose answer is not the JSON envelope, e.g. a lead file):
 * signed like every Business call, redirects not followed (the token goes nowhere else), a timeout, the same
 * retries as reads. If TikTok answers with its JSON envelope instead, a `code != 0` becomes the usual NodeApiError
 * (TikTok's message and request ID only: never the file's content) and a success is returned as `data`.
 */
export async function businessDownload(this: TikTokFunctions, request: TikTokRequest): Promise<TikTokFile> {
	const credentials = await this.getCredentials(BUSINESS_CREDENTIALS);
	const secrets = credentialSecrets(credentials);
	try {
		return await download.call(this, request);
	} catch (error) {
		throw scrubError(error as Error, secrets);
	}
}

async function download(this: TikTokFunctions, request: TikTokRequest): Promise<TikTokFile> {
	const node = this.getNode();
	const baseUrl = await businessBaseUrl.call(this);
	const path = normalizeBusinessPath.call(this, request.path);
	// A file may take longer than an API answer: at least the download's own bound, or the node's timeout if longer.
	// That is also the whole call's budget, retries included (two minutes by default), not four times it.
	const timeoutMs = Math.max(BUSINESS_DOWNLOAD_TIMEOUT_MS, requestTimeoutMs.call(this, request.itemIndex));

	return await withRetry(async (attempt, remainingMs): Promise<AttemptOutcome<TikTokFile>> => {
		const options: IHttpRequestOptions = {
			method: 'GET',
			url: `${baseUrl}${path}`,
			qs: encodeBusinessQuery(request.qs),
			headers: { Accept: 'text/csv, application/zip, application/octet-stream, application/json', ...(request.headers ?? {}) },
			encoding: 'arraybuffer',
			json: false,
		};
		// Redirects refused, a deadline for the whole file, the execution's cancel signal (see exchange()).
		const answer = await exchange.call(this, BUSINESS_CREDENTIALS, options, Math.min(timeoutMs, remainingMs));
		const response = answer.ok ? { body: answer.body, headers: answer.headers } : undefined;
		if (!answer.ok) {
			const failure = answer.failure;
			const location = redirectLocation(failure);
			if (location !== undefined) throw redirectError(node, 'business', failure.status, location, request.itemIndex);
			const retryAfter = retryAfterMs(failure.headers);
			// An error answer may be the envelope (as bytes): read TikTok's code and message from it, nothing else.
			const bytes = failure.body === undefined ? undefined : toBuffer(failure.body);
			const envelope = bytes ? envelopeOf('application/json', bytes) : undefined;
			const final = tikTokApiError(node, businessHttpFailureInfo(failure, envelope, attempt + 1, retryAfter), request.itemIndex);
			if (isRetryableHttpFailure(failure, true)) return { retry: final, retryAfterMs: retryAfter };
			throw final;
		}

		const body = toBuffer(response?.body);
		const contentType = header(response?.headers, 'content-type');
		const envelope = envelopeOf(contentType, body);
		if (!envelope) return { done: { body, contentType } };
		const code = Number(envelope.code);
		if (code === 0) return { done: { body: Buffer.alloc(0), contentType, data: (envelope.data ?? {}) as IDataObject } };
		// A download is a read: server faults are retried too.
		return businessEnvelopeFailure(node, envelope, {
			attempts: attempt + 1,
			idempotent: true,
			write: false,
			itemIndex: request.itemIndex,
		});
	}, retryPolicyFor(timeoutMs, 1));
}

/** How often, and how long, to check an asynchronous TikTok task. */
export interface TaskPollPolicy {
	/** First wait before a check, in ms; doubles after each check. */
	firstDelayMs: number;
	/** Longest wait between two checks, in ms. */
	maxDelayMs: number;
	/** Total time allowed for the task to finish, in ms. */
	budgetMs: number;
}

/**
 * Lead download tasks (contract §8.3): no documented limit of their own, so checks are spaced to stay far below the
 * app's QPS (1 s, doubling to 8 s) and a task gets at most 2 minutes.
 */
export const LEAD_TASK_POLL_POLICY: TaskPollPolicy = { firstDelayMs: 1000, maxDelayMs: 8000, budgetMs: 120_000 };

/** What a check of a task says: finished (with its data), still running, or failed (with a reason). */
export type TaskState = { state: 'done' } | { state: 'running' } | { state: 'failed'; reason: string };

/**
 * Waits for an asynchronous Business task: sends `check` (each check is a normal Business request, with its own
 * retries) until `stateOf` says it is done or failed, waiting in between as `policy` says. Returns the last check's
 * `data`. Past the budget it fails with an error saying the task did not finish in time.
 */
export async function businessAwaitTask(
	this: TikTokFunctions,
	check: TikTokRequest,
	stateOf: (data: IDataObject) => TaskState,
	policy: TaskPollPolicy = LEAD_TASK_POLL_POLICY,
	what = 'TikTok task',
): Promise<IDataObject> {
	const started = Date.now();
	let delay = policy.firstDelayMs;
	for (;;) {
		if (Date.now() - started + delay > policy.budgetMs) {
			throw tikTokApiError(
				this.getNode(),
				{
					api: 'business',
					code: 'timeout',
					message: `The ${what} did not finish within ${Math.round(policy.budgetMs / 1000)} seconds`,
				},
				check.itemIndex,
			);
		}
		await sleep(delay);
		delay = Math.min(policy.maxDelayMs, delay * 2);
		const data = await businessRequest.call(this, check);
		const state = stateOf(data);
		if (state.state === 'done') return data;
		if (state.state === 'failed') {
			throw tikTokApiError(this.getNode(), { api: 'business', code: 'task_failed', message: `The ${what} failed: ${state.reason}` }, check.itemIndex);
		}
	}
}
