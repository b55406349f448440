import type { IBinaryData, IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import {
	MB,
	assertUploadUrl,
	bufferReader,
	developersBaseUrl,
	developersRequest,
	largestChunk,
	planChunks,
	streamReader,
	tikTokApiError,
	tikTokCodeOf,
	uploadVideoChunks,
	waitForPostInitSlot,
	waitForTask,
} from '../../transport';
import type { ChunkPlan, ChunkReader } from '../../transport';
import type { VideoInfo } from './video';
import { bufferSource, describeOtherFormat, inspectVideo, streamSource } from './video';

// ---------------------------------------------------------------- TikTok's numbers (contract §9)

/** Caption of a video post: at most 2,200 UTF-16 code units (JavaScript string length). */
export const MAX_VIDEO_TITLE = 2200;
export const MAX_PHOTO_TITLE = 90;
export const MAX_PHOTO_DESCRIPTION = 4000;
export const MAX_PHOTOS = 35;
/** "Maximum of 4GB" (TikTok counts MB as 1,048,576 bytes). */
export const MAX_VIDEO_BYTES = 4 * 1024 * MB;
/** The longest video a developer can send to the inbox: 10 minutes. */
export const MAX_DRAFT_SECONDS = 600;
/** Status fetches: 30 per minute per token, so one every 2 seconds at most. */
export const STATUS_POLL_INTERVAL_MS = 2000;
export const DEFAULT_WAIT_SECONDS = 300;
/** Pieces read from n8n's binary store at a time (the stream's read-ahead stays this small). */
export const READ_PIECE_BYTES = 256 * 1024;

export const PRIVACY_LEVELS = ['PUBLIC_TO_EVERYONE', 'MUTUAL_FOLLOW_FRIENDS', 'FOLLOWER_OF_CREATOR', 'SELF_ONLY'];
export const FINAL_STATUSES = new Set(['PUBLISH_COMPLETE', 'SEND_TO_USER_INBOX', 'FAILED']);

export const CREATOR_INFO_PATH = '/v2/post/publish/creator_info/query/';
export const STATUS_PATH = '/v2/post/publish/status/fetch/';

// ---------------------------------------------------------------- editor parameters shared by the posting operations

export const privacyLevelProperty: INodeProperties = {
	displayName: 'Privacy Level',
	name: 'privacyLevel',
	type: 'options',
	options: [
		{ name: 'Everyone', value: 'PUBLIC_TO_EVERYONE', description: 'Public: anyone on TikTok (public accounts only)' },
		{ name: 'Followers', value: 'FOLLOWER_OF_CREATOR', description: 'Followers of the creator (private accounts only)' },
		{ name: 'Friends', value: 'MUTUAL_FOLLOW_FRIENDS', description: 'Followers the creator follows back' },
		{ name: 'Only Me', value: 'SELF_ONLY', description: 'Private: only the creator. The only level unaudited TikTok apps may use.' },
	],
	default: 'SELF_ONLY',
	description:
		'Who can see the post. It must be one of the options TikTok offers this creator (see User → Get Creator Info); apps TikTok has not audited can only post "Only Me" to private accounts.',
};

export const sourceProperties: INodeProperties[] = [
	{
		displayName: 'Video Source',
		name: 'source',
		type: 'options',
		options: [
			{ name: 'Binary File', value: 'binary', description: 'A video in an input binary field, uploaded to TikTok in chunks' },
			{ name: 'URL', value: 'url', description: 'TikTok downloads the video from an https URL on a domain your app has verified' },
		],
		default: 'binary',
	},
	{
		displayName: 'Input Binary Field',
		name: 'binaryPropertyName',
		type: 'string',
		required: true,
		default: 'data',
		placeholder: 'e.g. data',
		hint: 'The name of the input binary field containing the video',
		description: 'MP4, WebM or MOV (checked from the content, not the name); at most 4 GB',
		displayOptions: { show: { source: ['binary'] } },
	},
	{
		displayName: 'Video URL',
		name: 'videoUrl',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. https://media.example.com/videos/clip.mp4',
		description:
			'Public https URL of the video, under a domain or URL prefix verified for your app on developers.tiktok.com; TikTok does not follow redirects',
		displayOptions: { show: { source: ['url'] } },
	},
];

export const waitForCompletionProperty: INodeProperties = {
	displayName: 'Wait for Completion',
	name: 'waitForCompletion',
	type: 'boolean',
	default: true,
	description:
		"Whether to poll TikTok's post status (at most 30 times a minute) until it is final, and output the final state",
};

export const chunkSizeOption: INodeProperties = {
	displayName: 'Chunk Size (MB)',
	name: 'chunkSizeMb',
	type: 'number',
	typeOptions: { minValue: 5, maxValue: 64 },
	default: 5,
	description:
		'Size of each uploaded piece of a binary video, 5 to 64 MB (TikTok\'s limits). Files under 5 MB go in one piece. Memory use is about one chunk.',
};

export const waitTimeoutOption: INodeProperties = {
	displayName: 'Wait Timeout (Seconds)',
	name: 'waitTimeoutSeconds',
	type: 'number',
	typeOptions: { minValue: 2, maxValue: 3600 },
	default: DEFAULT_WAIT_SECONDS,
	description:
		'Longest time to wait for a final status when Wait for Completion is on. If TikTok is still processing then, the current status is output (use Get Status later).',
};

// ---------------------------------------------------------------- checks

export function assertMaxLength(this: IExecuteFunctions, value: string, max: number, field: string, itemIndex: number): void {
	if (value.length > max) {
		throw new NodeOperationError(
			this.getNode(),
			`The "${field}" parameter is ${value.length} characters (UTF-16 units) long: TikTok allows at most ${max}`,
			{ itemIndex },
		);
	}
}

/** An https URL TikTok may pull from (no credentials in it); refused before any request otherwise. */
export function assertPullUrl(this: IExecuteFunctions, value: unknown, field: string, itemIndex: number): string {
	const text = typeof value === 'string' ? value.trim() : '';
	if (text === '') {
		throw new NodeOperationError(this.getNode(), `The "${field}" parameter is empty: enter an https URL`, { itemIndex });
	}
	let url: URL | undefined;
	try {
		url = new URL(text);
	} catch {
		url = undefined;
	}
	if (!url || url.protocol !== 'https:' || url.username || url.password) {
		throw new NodeOperationError(
			this.getNode(),
			`The "${field}" parameter must be an https URL (TikTok pulls media over https only), got "${text.slice(0, 100)}"`,
			{ itemIndex },
		);
	}
	return url.toString();
}

export function assertPrivacyLevel(this: IExecuteFunctions, value: unknown, itemIndex: number): string {
	const level = String(value ?? '');
	if (!PRIVACY_LEVELS.includes(level)) {
		throw new NodeOperationError(this.getNode(), `The "Privacy Level" parameter must be one of ${PRIVACY_LEVELS.join(', ')}, got "${level}"`, {
			itemIndex,
		});
	}
	return level;
}

export function waitTimeoutMs(this: IExecuteFunctions, options: IDataObject, itemIndex: number): number {
	const seconds = options.waitTimeoutSeconds === undefined ? DEFAULT_WAIT_SECONDS : Number(options.waitTimeoutSeconds);
	if (!Number.isFinite(seconds) || seconds < 2 || seconds > 3600) {
		throw new NodeOperationError(this.getNode(), `The "Wait Timeout (Seconds)" option must be between 2 and 3600, got ${String(options.waitTimeoutSeconds)}`, {
			itemIndex,
		});
	}
	return seconds * 1000;
}

export function chunkBytes(this: IExecuteFunctions, options: IDataObject, itemIndex: number): number {
	const mb = options.chunkSizeMb === undefined ? 5 : Number(options.chunkSizeMb);
	if (!Number.isFinite(mb) || mb < 5 || mb > 64) {
		throw new NodeOperationError(this.getNode(), `The "Chunk Size (MB)" option must be between 5 and 64, got ${String(options.chunkSizeMb)}`, {
			itemIndex,
		});
	}
	return Math.floor(mb * MB);
}

// ---------------------------------------------------------------- creator info

export interface CreatorInfo extends IDataObject {
	creator_username?: string;
	creator_nickname?: string;
	privacy_level_options?: string[];
	comment_disabled?: boolean;
	duet_disabled?: boolean;
	stitch_disabled?: boolean;
	max_video_post_duration_sec?: number;
}

/** `creator_info/query`: what the connected creator may post now (a read; 20 a minute per token). */
export async function queryCreatorInfo(this: IExecuteFunctions, itemIndex: number): Promise<CreatorInfo> {
	return (await developersRequest.call(this, {
		method: 'POST',
		path: CREATOR_INFO_PATH,
		body: {},
		idempotent: true,
		itemIndex,
	})) as CreatorInfo;
}

/** Refuses a privacy level the creator is not offered, naming the field and listing what is offered. */
export function assertCreatorPrivacy(this: IExecuteFunctions, creator: CreatorInfo, level: string, itemIndex: number): void {
	const offered = Array.isArray(creator.privacy_level_options) ? creator.privacy_level_options.map(String) : [];
	if (!offered.includes(level)) {
		throw new NodeOperationError(
			this.getNode(),
			`The "Privacy Level" ${level} is not offered to this TikTok creator${creator.creator_username ? ` (@${creator.creator_username})` : ''}: choose one of ${offered.join(', ') || '(none)'}`,
			{ itemIndex, description: 'TikTok lists the levels each creator may use (public accounts: Everyone, Friends, Only Me; private accounts: Followers, Friends, Only Me).' },
		);
	}
}

/**
 * The `disable_*` switches to send: an interaction the creator turned off in TikTok stays off. Asking for it to be on
 * (the option added and set to false) is refused, naming the option; left out, it follows the creator's setting.
 */
export function interactionSwitches(
	this: IExecuteFunctions,
	creator: CreatorInfo,
	options: IDataObject,
	switches: Array<{ option: string; label: string; creatorKey: keyof CreatorInfo; bodyKey: string }>,
	itemIndex: number,
): IDataObject {
	const out: IDataObject = {};
	for (const s of switches) {
		const creatorDisabled = creator[s.creatorKey] === true;
		const asked = options[s.option];
		if (creatorDisabled && asked === false) {
			throw new NodeOperationError(
				this.getNode(),
				`The "${s.label}" option is off, but this TikTok creator has disabled ${s.label.replace(/^Disable /, '').toLowerCase()} for their posts: turn the option on or remove it`,
				{ itemIndex },
			);
		}
		out[s.bodyKey] = creatorDisabled ? true : asked === true;
	}
	return out;
}

// ---------------------------------------------------------------- the video

export interface BinaryVideo {
	kind: 'binary';
	size: number;
	video: VideoInfo;
	label: string;
	openReader(plan: ChunkPlan): Promise<ChunkReader>;
}

function megabytes(bytes: number): string {
	return `${(bytes / MB).toFixed(1)} MB`;
}

/** Size of a binary without reading it, when n8n knows it (`bytes`, or the metadata of a file stored outside memory). */
async function knownSize(this: IExecuteFunctions, binary: IBinaryData): Promise<number | undefined> {
	if (typeof binary.bytes === 'number') return binary.bytes;
	if (binary.id) {
		try {
			const metadata = await this.helpers.getBinaryMetadata(binary.id);
			if (typeof metadata?.fileSize === 'number') return metadata.fileSize;
		} catch {
			// No metadata for this storage: the size is measured from the stream.
		}
	}
	return undefined;
}

/**
 * Reads the item's binary video WITHOUT loading a stored file into memory: its size (n8n's records), its format from
 * its first bytes and its duration from the container (a stream pass that stops at the duration). Refuses, naming the
 * field, a file that is not MP4/WebM/MOV, is empty, or is over 4 GB. Nothing is sent to TikTok here.
 */
export async function readBinaryVideo(this: IExecuteFunctions, itemIndex: number): Promise<BinaryVideo> {
	const node = this.getNode();
	const propertyName = String(this.getNodeParameter('binaryPropertyName', itemIndex) ?? '').trim();
	if (!propertyName) {
		throw new NodeOperationError(node, 'The "Input Binary Field" parameter is empty: enter the name of the binary field holding the video', {
			itemIndex,
		});
	}
	// Throws n8n's own error naming the field when the item has no such binary.
	const binary = this.helpers.assertBinaryData(itemIndex, propertyName);
	const label = `"${propertyName}"${binary.fileName ? ` (${binary.fileName})` : ''}`;
	const id = binary.id;

	let size: number | undefined;
	let inspection;
	let openReader: BinaryVideo['openReader'];
	if (id) {
		size = await knownSize.call(this, binary);
		if (size !== undefined && size > MAX_VIDEO_BYTES) {
			throw new NodeOperationError(node, `The video in binary field ${label} is ${megabytes(size)}: TikTok accepts videos of at most 4 GB`, { itemIndex });
		}
		inspection = await inspectVideo(streamSource(await this.helpers.getBinaryStream(id, READ_PIECE_BYTES)));
		if (size === undefined) {
			let counted = 0;
			for await (const piece of await this.helpers.getBinaryStream(id, READ_PIECE_BYTES)) counted += (piece as Buffer).length;
			size = counted;
		}
		openReader = async (plan) => streamReader(await this.helpers.getBinaryStream(id, READ_PIECE_BYTES), largestChunk(plan));
	} else {
		const buffer = await this.helpers.getBinaryDataBuffer(itemIndex, propertyName);
		size = buffer.length;
		inspection = await inspectVideo(bufferSource(buffer));
		openReader = async () => bufferReader(buffer);
	}

	if (!inspection.video) {
		const other = describeOtherFormat(inspection.head);
		throw new NodeOperationError(
			node,
			`The file in binary field ${label} is not an MP4, WebM or MOV video${other ? ` (its content is ${other})` : ''}`,
			{ itemIndex, description: 'TikTok accepts MP4 (H.264 recommended), WebM and MOV videos. The type is read from the file content, not from its name.' },
		);
	}
	if (size === 0) {
		throw new NodeOperationError(node, `The video in binary field ${label} is empty`, { itemIndex });
	}
	if (size > MAX_VIDEO_BYTES) {
		throw new NodeOperationError(node, `The video in binary field ${label} is ${megabytes(size)}: TikTok accepts videos of at most 4 GB`, { itemIndex });
	}
	return { kind: 'binary', size, video: inspection.video, label, openReader };
}

export function assertDuration(this: IExecuteFunctions, video: BinaryVideo, maxSeconds: number | undefined, why: string, itemIndex: number): void {
	const seconds = video.video.durationSeconds;
	if (seconds === undefined || maxSeconds === undefined || !(maxSeconds > 0)) return;
	if (seconds > maxSeconds) {
		throw new NodeOperationError(
			this.getNode(),
			`The video in binary field ${video.label} is ${seconds.toFixed(1)} seconds long: ${why} allows at most ${maxSeconds} seconds`,
			{ itemIndex },
		);
	}
}

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
	// TikTok's 6 inits a minute per token: a 7th waits for the window (logged) instead of failing.
	const answered = await waitForPostInitSlot.call(this, itemIndex);
	let data: IDataObject;
	try {
		data = await developersRequest.call(this, { method: 'POST', path, body, idempotent: false, itemIndex });
	} catch (error) {
		throw mayHaveStarted(error);
	} finally {
		answered();
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

/** Sends the binary video to the `upload_url` of an init, chunk by chunk, streamed from n8n's binary store. */
export async function sendVideo(
	this: IExecuteFunctions,
	video: BinaryVideo,
	plan: ChunkPlan,
	uploadUrl: string | undefined,
	itemIndex: number,
): Promise<IDataObject> {
	const root = await developersBaseUrl.call(this);
	const url = assertUploadUrl(this.getNode(), uploadUrl, root, itemIndex);
	const reader = await video.openReader(plan);
	const result = await uploadVideoChunks.call(this, { uploadUrl: url, mimeType: video.video.mimeType, plan, reader, itemIndex });
	return { chunksSent: result.chunksSent, bytesSent: result.bytesSent };
}

/** `status/fetch` for one publish ID (a read; 30 a minute per token). */
export async function fetchStatus(this: IExecuteFunctions, publishId: string, itemIndex: number): Promise<IDataObject> {
	return await developersRequest.call(this, {
		method: 'POST',
		path: STATUS_PATH,
		body: { publish_id: publishId },
		idempotent: true,
		// `publicaly_available_post_id` is list<int64>: the transport keeps 19-digit numbers whole (transport/json.ts).
		itemIndex,
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
	const { value: data, timedOut } = await waitForTask(
		{ firstDelayMs: STATUS_POLL_INTERVAL_MS, maxDelayMs: STATUS_POLL_INTERVAL_MS, budgetMs: timeoutMs, checkFirst: true },
		async () => await fetchStatus.call(this, publishId, itemIndex),
		(status) => FINAL_STATUSES.has(String(status.status ?? '')),
	);
	const last = data ?? {};
	if (String(last.status ?? '') === 'FAILED') {
		const reason = String(last.fail_reason ?? 'unknown');
		const error = tikTokApiError(this.getNode(), { api: 'developers', code: reason, message: `the post failed (fail_reason ${reason}, publish_id ${publishId})` }, itemIndex);
		error.context.publishId = publishId;
		throw error;
	}
	if (!timedOut) return presentStatus(publishId, last, username);
	return { ...presentStatus(publishId, last, username), waitTimedOut: true, note: 'TikTok is still processing the post: check it later with Post → Get Status.' };
}

/** Output fields when Wait for Completion is off. */
export function notWaited(): IDataObject {
	return { status: null, note: 'Not waited for: check the post with Post → Get Status and the publishId.' };
}

export { planChunks };
