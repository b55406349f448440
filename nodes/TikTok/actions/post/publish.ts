import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError, sleep } from 'n8n-workflow';

import {
	assertUploadUrl,
	developersBaseUrl,
	developersRequest,
	tikTokApiError,
	SHORTER_THAN_RECORDED,
	tikTokCodeOf,
	uploadVideoChunks,
} from '../../transport';
import type { ChunkPlan } from '../../transport';
import { FINAL_STATUSES, STATUS_PATH, STATUS_POLL_INTERVAL_MS } from './descriptions';
import type { BinaryVideo } from './videoFile';
import { LONGER_THAN_MEASURED } from './videoFile';

/** The posting protocol: init (never repeated blindly), the chunked upload of a binary video, and the status. */

// ---------------------------------------------------------------- init, upload, status

export interface InitResult {
	publishId: string;
	uploadUrl?: string;
}

/** An init that failed without a clear answer (timeout, connection, 5xx) may still have started the post: say so. */
function mayHaveStarted(error: unknown): unknown {
	const e = error as { httpCode?: string | null; description?: string | null; context?: { mayHaveBeenApplied?: unknown } };
	const code = tikTokCodeOf(error);
	const http = Number(e?.httpCode);
	const unclear =
		e?.context?.mayHaveBeenApplied === true ||
		code === 'network' ||
		code === 'internal_error' ||
		(typeof code === 'number' && code >= 500) ||
		http >= 500;
	if (unclear) {
		e.description = `${e.description ? `${e.description} ` : ''}TikTok may have started the post anyway: check the creator's TikTok profile and inbox before running this again (the init was not repeated).`;
	}
	return error;
}

/**
 * One init call. A write TikTok counts (6 a minute, pending posts): the transport re-sends it only when TikTok refused
 * it before doing anything (rate limit); after a timeout or a server fault it is NOT repeated, and the error says the
 * post may exist.
 */
export async function initPost(this: IExecuteFunctions, path: string, body: IDataObject, itemIndex: number): Promise<InitResult> {
	let data: IDataObject;
	try {
		data = await developersRequest.call(this, { method: 'POST', path, body, idempotent: false, itemIndex });
	} catch (error) {
		throw mayHaveStarted(error);
	}
	const publishId = data.publish_id;
	if (typeof publishId !== 'string' || publishId === '') {
		throw new NodeOperationError(this.getNode(), 'TikTok accepted the post but returned no publish_id', { itemIndex });
	}
	return { publishId, uploadUrl: typeof data.upload_url === 'string' ? data.upload_url : undefined };
}

/** The chunk plan for a binary video, as `source_info` carries it. */
export function fileSourceInfo(plan: ChunkPlan): IDataObject {
	return { source: 'FILE_UPLOAD', video_size: plan.videoSize, chunk_size: plan.chunkSize, total_chunk_count: plan.totalChunkCount };
}

/**
 * Sends the binary video to the `upload_url` of an init, chunk by chunk, streamed from n8n's binary store. The init
 * is done by then: a file that changed since it was measured ends the upload with an error saying the post exists.
 */
export async function sendVideo(
	this: IExecuteFunctions,
	video: BinaryVideo,
	plan: ChunkPlan,
	init: InitResult,
	itemIndex: number,
): Promise<IDataObject> {
	const root = await developersBaseUrl.call(this);
	const url = assertUploadUrl(this.getNode(), init.uploadUrl, root, itemIndex);
	const reader = await video.openReader(plan);
	try {
		const result = await uploadVideoChunks.call(this, { uploadUrl: url, mimeType: video.video.mimeType, plan, reader, itemIndex });
		return { chunksSent: result.chunksSent, bytesSent: result.bytesSent };
	} catch (error) {
		throw changedDuringUpload.call(this, error, video, init, itemIndex);
	}
}

/** A reader error (the file no longer holds the bytes measured before the init) as an error saying the post exists. */
function changedDuringUpload(this: IExecuteFunctions, error: unknown, video: BinaryVideo, init: InitResult, itemIndex: number): unknown {
	const message = (error as Error)?.message;
	if (message !== SHORTER_THAN_RECORDED && message !== LONGER_THAN_MEASURED) return error;
	const how = message === SHORTER_THAN_RECORDED ? 'shorter' : 'longer';
	const failure = new NodeOperationError(
		this.getNode(),
		`The video in binary field ${video.label} changed during the upload: it is now ${how} than the ${video.size} bytes measured before the post was started`,
		{
			itemIndex,
			description: `TikTok already has this post (publish_id ${init.publishId}): the init was sent before the file changed. The upload stopped before its last chunk, so TikTok has no whole video for it and it should not be published, but it may show as a pending or failed post. Check the creator's TikTok profile and inbox before running this again.`,
		},
	);
	failure.context.publishId = init.publishId;
	return failure;
}

/** `status/fetch` for one publish ID (a read; 30 a minute per token). */
export async function fetchStatus(this: IExecuteFunctions, publishId: string, itemIndex: number): Promise<IDataObject> {
	return await developersRequest.call(this, {
		method: 'POST',
		path: STATUS_PATH,
		body: { publish_id: publishId },
		idempotent: true,
		itemIndex,
		// `publicaly_available_post_id` is list<int64>: 19-digit numbers must not lose digits.
		largeIntegersAsText: true,
	});
}

/** TikTok's status object as output fields (TikTok spells the post ID list `publicaly_available_post_id`). */
export function presentStatus(publishId: string, data: IDataObject, username?: string): IDataObject {
	const ids = Array.isArray(data.publicaly_available_post_id)
		? (data.publicaly_available_post_id as unknown[])
		: Array.isArray(data.publicly_available_post_id)
			? (data.publicly_available_post_id as unknown[])
			: [];
	const postIds = ids.map((id) => String(id));
	const out: IDataObject = {
		publishId,
		status: data.status ?? null,
		postId: postIds[0] ?? null,
		postIds,
	};
	if (postIds[0] && username) out.postUrl = `https://www.tiktok.com/@${username}/video/${postIds[0]}`;
	if (data.fail_reason) out.failReason = data.fail_reason;
	if (data.uploaded_bytes !== undefined) out.uploadedBytes = data.uploaded_bytes;
	if (data.downloaded_bytes !== undefined) out.downloadedBytes = data.downloaded_bytes;
	return out;
}

/**
 * Polls `status/fetch` every 2 seconds (TikTok allows 30 a minute) until the status is final or `timeoutMs` passes.
 * FAILED becomes an error carrying TikTok's `fail_reason` and its hint; a timeout outputs the last status
 * (`waitTimedOut: true`): the post may still complete, so it is not reported as failed.
 */
export async function waitForFinalStatus(
	this: IExecuteFunctions,
	publishId: string,
	timeoutMs: number,
	itemIndex: number,
	username?: string,
): Promise<IDataObject> {
	const started = Date.now();
	for (;;) {
		const data = await fetchStatus.call(this, publishId, itemIndex);
		const status = String(data.status ?? '');
		if (status === 'FAILED') {
			const reason = String(data.fail_reason ?? 'unknown');
			const error = tikTokApiError(this.getNode(), { api: 'developers', code: reason, message: `the post failed (fail_reason ${reason}, publish_id ${publishId})` }, itemIndex);
			error.context.publishId = publishId;
			throw error;
		}
		if (FINAL_STATUSES.has(status)) return presentStatus(publishId, data, username);
		if (Date.now() - started + STATUS_POLL_INTERVAL_MS > timeoutMs) {
			return { ...presentStatus(publishId, data, username), waitTimedOut: true, note: 'TikTok is still processing the post: check it later with Post → Get Status.' };
		}
		await sleep(STATUS_POLL_INTERVAL_MS);
	}
}

/** Output fields when Wait for Completion is off. */
export function notWaited(): IDataObject {
	return { status: null, note: 'Not waited for: check the post with Post → Get Status and the publishId.' };
}
