import type { IDataObject } from 'n8n-workflow';

import { tikTokApiError } from './errors';
import { apiCall } from './pipeline';
import { requestTimeoutMs } from './request';
import { BUSINESS_PROFILE, businessRequest } from './business';
import type { TaskPollPolicy } from './tasks';
import { waitForTask } from './tasks';
import type { TikTokFunctions, TikTokRequest } from './types';

/** Longest wait for one file download (TikTok's lead files reach tens of MB). */
export const BUSINESS_DOWNLOAD_TIMEOUT_MS = 120_000;
/** The most bytes of one download held in memory, unless the caller sets its own bound. */
export const BUSINESS_DOWNLOAD_MAX_BYTES = 64 * 1024 * 1024;

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

/**
 * Downloads a file from the TikTok API for Business (a GET whose answer is not the JSON envelope, e.g. a lead file):
 * the Business profile of the one pipeline (signed, redirects not followed, a deadline, the same retries as reads).
 * If TikTok answers with its JSON envelope instead, a `code != 0` becomes the usual NodeApiError (TikTok's message
 * and request ID only: never the file's content) and a success is returned as `data`. The file is read as a stream up
 * to `maxBytes` (refused before a byte is read when its `Content-Length` says more): a larger one is never held whole,
 * and fails with code `too_large`.
 */
export async function businessDownload(
	this: TikTokFunctions,
	request: TikTokRequest,
	maxBytes = BUSINESS_DOWNLOAD_MAX_BYTES,
): Promise<TikTokFile> {
	// A file may take longer than an API answer: at least the download's own bound, or the node's timeout if longer.
	// That is also the whole call's budget, retries included (two minutes by default), not four times it.
	const timeoutMs = Math.max(BUSINESS_DOWNLOAD_TIMEOUT_MS, requestTimeoutMs.call(this, request.itemIndex));
	return await apiCall<TikTokFile>(
		this,
		BUSINESS_PROFILE,
		// A download is a read: server faults are retried too.
		{ ...request, method: 'GET', idempotent: true, write: false },
		{
			http: {
				headers: { Accept: 'text/csv, application/zip, application/octet-stream, application/json' },
				json: false,
			},
			maxBodyBytes: maxBytes,
			timeoutMs,
			budgetFactor: 1,
			result: (answer, envelope) => {
				const contentType = header(answer.headers, 'content-type');
				if (!envelope) return { body: toBuffer(answer.body), contentType };
				if (envelope.ok) return { body: Buffer.alloc(0), contentType, data: envelope.data };
				return undefined;
			},
		},
	);
}

/**
 * Lead download tasks (contract §8.3): no documented limit of their own, so checks are spaced to stay far below the
 * app's QPS (1 s, doubling to 8 s) and a task gets at most 2 minutes.
 */
export const LEAD_TASK_POLL_POLICY: TaskPollPolicy = { firstDelayMs: 1000, maxDelayMs: 8000, budgetMs: 120_000 };

/** What a check of a task says: finished (with its data), still running, or failed (with a reason). */
export type TaskState = { state: 'done' } | { state: 'running' } | { state: 'failed'; reason: string };

/**
 * Waits for an asynchronous Business task (tasks.ts `waitForTask`): sends `check` (each check is a normal Business
 * request, with its own retries) until `stateOf` says it is done or failed. Returns the last check's `data`. Past the
 * budget it fails with an error saying the task did not finish in time.
 */
export async function businessAwaitTask(
	this: TikTokFunctions,
	check: TikTokRequest,
	stateOf: (data: IDataObject) => TaskState,
	policy: TaskPollPolicy = LEAD_TASK_POLL_POLICY,
	what = 'TikTok task',
): Promise<IDataObject> {
	const outcome = await waitForTask(
		policy,
		async () => await businessRequest.call(this, check),
		(data) => stateOf(data).state !== 'running',
	);
	const state = outcome.value === undefined ? undefined : stateOf(outcome.value);
	if (outcome.timedOut || outcome.value === undefined || state === undefined) {
		throw tikTokApiError(
			this.getNode(),
			{ api: 'business', code: 'timeout', message: `The ${what} did not finish within ${Math.round(policy.budgetMs / 1000)} seconds` },
			check.itemIndex,
		);
	}
	if (state.state === 'failed') {
		throw tikTokApiError(this.getNode(), { api: 'business', code: 'task_failed', message: `The ${what} failed: ${state.reason}` }, check.itemIndex);
	}
	return outcome.value;
}
