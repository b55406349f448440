import type { IExecuteFunctions, IHttpRequestOptions, INode } from 'n8n-workflow';
import { NodeOperationError, sleep } from 'n8n-workflow';

import type { ByteReader } from './bytes';
import { httpFailure, tikTokApiError } from './errors';
import type { RetryPolicy } from './retry';
import { backoffDelay } from './retry';

/**
 * TikTok's Media Transfer Guide (contract §9.5): chunks of 5–64 MB, the last one up to 128 MB (it takes the trailing
 * bytes), files under 5 MB in one piece, 1–1000 chunks, `total_chunk_count = floor(video_size / chunk_size)`. TikTok's
 * own example counts a 4 MB file as 4,194,304 bytes, so MB here is 1,048,576 bytes.
 */
export const MB = 1024 * 1024;
export const MIN_CHUNK_BYTES = 5 * MB;
export const MAX_CHUNK_BYTES = 64 * MB;
export const MAX_LAST_CHUNK_BYTES = 128 * MB;
export const MAX_CHUNKS = 1000;
export const DEFAULT_CHUNK_BYTES = 5 * MB;

export interface ChunkPlan {
	videoSize: number;
	chunkSize: number;
	totalChunkCount: number;
}

export interface ChunkRange {
	index: number;
	first: number;
	/** Inclusive, as in `Content-Range`. */
	last: number;
	length: number;
}

/**
 * The `source_info` numbers for a file of `videoSize` bytes: one piece under 5 MB (or when it fits in one chunk of
 * `preferred` bytes); otherwise n = floor(size / preferred) chunks (at least ceil(size / 64 MB), so no chunk exceeds
 * 64 MB) of equal size floor(size / n). TikTok's count floor(size / chunk) is then exactly n, and the last chunk only
 * takes the fewer-than-n trailing bytes: every chunk is about the same size, so memory stays at about one chunk.
 */
export function planChunks(videoSize: number, preferred = DEFAULT_CHUNK_BYTES): ChunkPlan {
	if (!Number.isSafeInteger(videoSize) || videoSize <= 0) throw new Error(`Invalid video size ${videoSize}`);
	const target = Math.min(MAX_CHUNK_BYTES, Math.max(MIN_CHUNK_BYTES, Math.floor(preferred)));
	if (videoSize < MIN_CHUNK_BYTES || videoSize <= target) return { videoSize, chunkSize: videoSize, totalChunkCount: 1 };
	const count = Math.min(MAX_CHUNKS, Math.max(Math.floor(videoSize / target), Math.ceil(videoSize / MAX_CHUNK_BYTES)));
	const chunkSize = Math.floor(videoSize / count);
	return { videoSize, chunkSize, totalChunkCount: Math.floor(videoSize / chunkSize) };
}

/** Byte range of chunk `index` (0-based): every chunk is `chunkSize` long, the last also takes the trailing bytes. */
export function chunkRange(plan: ChunkPlan, index: number): ChunkRange {
	const first = index * plan.chunkSize;
	const last = index === plan.totalChunkCount - 1 ? plan.videoSize - 1 : first + plan.chunkSize - 1;
	return { index, first, last, length: last - first + 1 };
}

/** Largest chunk of a plan (the last one): what one chunk buffer must hold. */
export function largestChunk(plan: ChunkPlan): number {
	return chunkRange(plan, plan.totalChunkCount - 1).length;
}

/**
 * Where the video bytes may go: only an https `upload_url` on TikTok's upload hosts (`*.tiktokapis.com`, as TikTok's
 * examples `open-upload.tiktokapis.com` and `upload.us.tiktokapis.com`), or, for a Custom environment (a local fake
 * TikTok in tests and dev), the credential's own base URL origin. Anything else is refused before a byte is sent.
 */
export function assertUploadUrl(node: INode, uploadUrl: unknown, customRoot: string | undefined, itemIndex?: number): string {
	const refuse = (why: string) =>
		new NodeOperationError(node, `TikTok returned an upload URL the node will not send the video to: ${why}`, {
			itemIndex,
			description: 'The video bytes only go to https hosts under tiktokapis.com (or the Custom environment\'s Base URL).',
		});
	if (typeof uploadUrl !== 'string' || uploadUrl.trim() === '') throw refuse('it is missing');
	let url: URL;
	try {
		url = new URL(uploadUrl.trim());
	} catch {
		throw refuse('it is not a URL');
	}
	if (url.username || url.password) throw refuse('it carries credentials');
	const host = url.hostname.toLowerCase();
	if (url.protocol === 'https:' && (host === 'tiktokapis.com' || host.endsWith('.tiktokapis.com'))) return url.toString();
	if (customRoot) {
		try {
			if (new URL(customRoot).origin === url.origin) return url.toString();
		} catch {
			// An invalid custom root allows nothing.
		}
	}
	throw refuse(`host ${url.host} is not a TikTok upload host`);
}

export interface UploadRequest {
	uploadUrl: string;
	/** `video/mp4`, `video/quicktime` or `video/webm`. */
	mimeType: string;
	plan: ChunkPlan;
	reader: ByteReader;
	itemIndex?: number;
	/** Retries of one chunk after a server fault or a connection failure (TikTok: "retry submitting this chunk"). */
	policy?: RetryPolicy;
}

export interface UploadResult {
	chunksSent: number;
	bytesSent: number;
	/** Chunk requests in all, retries included. */
	requests: number;
}

export const UPLOAD_RETRY_POLICY: RetryPolicy = { maxAttempts: 4, baseDelayMs: 500, maxDelayMs: 8000, budgetMs: 120_000 };

/** Per-request timeout of a chunk: two minutes plus one second per 256 KB (a 64 MB chunk gets ~6 minutes). */
export function chunkTimeoutMs(length: number): number {
	return 120_000 + Math.ceil(length / (256 * 1024)) * 1000;
}

/** `Content-Range: bytes 0-{N}/{total}` of an upload answer: N, when present. */
function uploadedUpTo(headers: unknown): number | undefined {
	const value = (headers as Record<string, unknown> | undefined)?.['content-range'];
	const match = /bytes\s+\d+-(\d+)\/\d+/i.exec(String(value ?? ''));
	return match ? Number(match[1]) : undefined;
}

const UPLOAD_FAILURES: Record<number, { code: string; message: string }> = {
	400: { code: 'upload_bad_request', message: 'TikTok refused a chunk of the video (malformed request or wrong chunk size)' },
	403: { code: 'upload_url_expired', message: 'the upload URL has expired (TikTok allows one hour)' },
	404: { code: 'upload_not_found', message: 'TikTok found no upload task for this upload URL' },
	416: { code: 'upload_range_mismatch', message: 'TikTok says the chunk does not follow the upload progress' },
};

/**
 * Sends the video to TikTok's `upload_url`, chunk after chunk (`PUT`, `Content-Type`, `Content-Length`,
 * `Content-Range: bytes first-last/total`), as the Media Transfer Guide says: 206 after each chunk, 201 after the
 * last. No credential goes with these requests (the upload URL carries its own token) and redirects are not followed.
 *
 * A chunk whose answer is a 5xx, a 429 or lost (timeout, connection reset) is sent again, the same range, a bounded
 * number of times. If TikTok then answers 416 with a `Content-Range` showing the chunk already arrived (the first
 * answer was lost), the upload moves on. 400, 403 (expired URL) and 404 end the upload with an error: the init is never
 * repeated here (TikTok allows 6 a minute and counts pending posts).
 */
export async function uploadVideoChunks(this: IExecuteFunctions, request: UploadRequest): Promise<UploadResult> {
	const node = this.getNode();
	const policy = request.policy ?? UPLOAD_RETRY_POLICY;
	const { plan } = request;
	// n8n's "Stop execution" (or its timeout): the chunk in flight is aborted and nothing more is sent.
	const cancel = this.getExecutionCancelSignal?.();
	let requests = 0;
	let bytesSent = 0;
	const stopIfCancelled = (chunksSent: number) => {
		if (!cancel?.aborted) return;
		throw new NodeOperationError(node, `The execution was cancelled during the video upload (${chunksSent} of ${plan.totalChunkCount} chunks confirmed by TikTok)`, {
			itemIndex: request.itemIndex,
			description:
				'Nothing more was sent. The upload is incomplete, so TikTok has no whole video for this post; run the node again to upload the video anew.',
		});
	};
	try {
		for (let index = 0; index < plan.totalChunkCount; index++) {
			const range = chunkRange(plan, index);
			const isLast = index === plan.totalChunkCount - 1;
			stopIfCancelled(index);
			const body = await request.reader.next(range.length);
			const started = Date.now();
			for (let attempt = 0; ; attempt++) {
				stopIfCancelled(index);
				const options: IHttpRequestOptions = {
					method: 'PUT',
					url: request.uploadUrl,
					body,
					headers: {
						'Content-Type': request.mimeType,
						'Content-Length': String(range.length),
						'Content-Range': `bytes ${range.first}-${range.last}/${plan.videoSize}`,
					},
					returnFullResponse: true,
					ignoreHttpStatusErrors: true,
					disableFollowRedirect: true,
					timeout: chunkTimeoutMs(range.length),
					encoding: 'text',
					...(cancel ? { abortSignal: cancel } : {}),
				};
				requests += 1;
				let status: number | undefined;
				let headers: unknown;
				let networkMessage = '';
				try {
					const response = (await this.helpers.httpRequest(options)) as { statusCode: number; headers: unknown };
					status = response.statusCode;
					headers = response.headers;
				} catch (error) {
					stopIfCancelled(index);
					networkMessage = httpFailure(error).message;
				}

				if (status === 201 || (status === 206 && !isLast)) break;
				if (status === 206 && isLast) {
					throw tikTokApiError(node, { api: 'developers', code: 'upload_incomplete', message: 'TikTok expected more bytes after the last chunk', httpStatus: 206 }, request.itemIndex);
				}
				if (status === 416 && attempt > 0) {
					// The chunk may have arrived while its answer was lost: TikTok reports its progress.
					const upTo = uploadedUpTo(headers);
					if (upTo !== undefined && upTo >= range.last) break;
				}
				const retryable = status === undefined || status === 429 || status >= 500;
				const outOfAttempts = attempt + 1 >= policy.maxAttempts;
				const wait = backoffDelay(attempt, policy);
				if (!retryable || outOfAttempts || Date.now() - started + wait > policy.budgetMs) {
					const known = status !== undefined ? UPLOAD_FAILURES[status] : undefined;
					throw tikTokApiError(
						node,
						{
							api: 'developers',
							code: known?.code ?? (status === undefined ? 'upload_network' : `upload_http_${status}`),
							message: `${known?.message ?? (status === undefined ? `connection failed (${networkMessage})` : `TikTok answered HTTP ${status}`)} while sending chunk ${index + 1} of ${plan.totalChunkCount} (bytes ${range.first}-${range.last})`,
							httpStatus: status,
							attempts: attempt + 1,
						},
						request.itemIndex,
					);
				}
				await sleep(wait);
			}
			bytesSent += range.length;
		}
	} finally {
		request.reader.close();
	}
	return { chunksSent: plan.totalChunkCount, bytesSent, requests };
}
