import type { IDataObject, INodeExecutionData, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { stringifyIds } from '../helpers/utils';
import { DEVELOPERS_MAX_COUNT, developersRequest } from '../transport';
import type { CursorEntry, PollCursor } from './cursor';
import { forgetOtherEvents } from './parameters';
import {
	VIDEO_OVERLAP_SECONDS,
	advanceCursor,
	lowerBound,
	nowSeconds,
	parseTikTokTime,
	pendingEntries,
	readCursor,
	seedCursor,
	seedLowerBound,
} from './cursor';

const VIDEO_LIST_PATH = '/v2/video/list/';

/** Every field of TikTok's video object (Display API), asked for comma-separated in the query. */
export const VIDEO_FIELDS = [
	'id',
	'create_time',
	'cover_image_url',
	'share_url',
	'video_description',
	'duration',
	'height',
	'width',
	'title',
	'embed_html',
	'embed_link',
	'like_count',
	'comment_count',
	'share_count',
	'view_count',
];

interface VideoEntry extends CursorEntry {
	video: IDataObject;
}

function entriesOf(videos: IDataObject[]): VideoEntry[] {
	const entries: VideoEntry[] = [];
	for (const video of videos) {
		const time = parseTikTokTime(video.create_time);
		if (time === undefined || video.id === undefined || video.id === null) continue;
		entries.push({ id: String(video.id), time, video: stringifyIds(video) });
	}
	return entries;
}

async function videoPage(this: IPollFunctions, maxCount: number, cursor?: unknown): Promise<IDataObject> {
	const body: IDataObject = { max_count: maxCount };
	if (cursor !== undefined) body.cursor = cursor as IDataObject[string];
	return await developersRequest.call(this, {
		method: 'POST',
		path: VIDEO_LIST_PATH,
		qs: { fields: VIDEO_FIELDS.join(',') },
		body,
		idempotent: true,
	});
}

/**
 * The user's recent videos, newest first: TikTok pages them 20 at a time (`max_count` ≤ 20), each page's `cursor`
 * leading to older posts. Reading stops at the first page that reaches a video already seen (`seen`) or older than
 * `from` (Unix seconds): a quiet poll is one request. The whole of that page is still checked, so a post TikTok
 * lists late, just behind a seen one, is not missed.
 */
async function recentVideos(this: IPollFunctions, from: number, seen?: PollCursor): Promise<IDataObject[]> {
	const videos: IDataObject[] = [];
	let cursor: unknown;
	for (;;) {
		const data = await videoPage.call(this, DEVELOPERS_MAX_COUNT, cursor);
		const page = Array.isArray(data.videos) ? (data.videos as IDataObject[]) : [];
		videos.push(...page);
		const reachedKnown = entriesOf(page).some(
			(e) => e.time < from || (seen?.seen[String(e.time)] ?? []).includes(e.id),
		);
		if (reachedKnown || data.has_more !== true || data.cursor === undefined || data.cursor === cursor) {
			return videos;
		}
		cursor = data.cursor;
	}
}

/** The videoPosted poll: the connected user's new video posts since the cursor, oldest first. */
export async function pollVideos(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
	if (this.getMode() === 'manual') return await newestVideo.call(this);

	const staticData = this.getWorkflowStaticData('node');
	const cursor = readCursor(staticData.videoPosted);
	if (!cursor) {
		// First activation: record the videos that exist now, emit nothing.
		const now = nowSeconds();
		const videos = await recentVideos.call(this, seedLowerBound(now, VIDEO_OVERLAP_SECONDS));
		staticData.videoPosted = seedCursor(entriesOf(videos), now, VIDEO_OVERLAP_SECONDS);
		forgetOtherEvents(staticData, 'videoPosted');
		return null;
	}

	const videos = await recentVideos.call(this, lowerBound(cursor, VIDEO_OVERLAP_SECONDS), cursor);
	const pending = pendingEntries(cursor, entriesOf(videos), VIDEO_OVERLAP_SECONDS);
	if (pending.length === 0) return null;
	staticData.videoPosted = advanceCursor(cursor, pending, VIDEO_OVERLAP_SECONDS);
	forgetOtherEvents(staticData, 'videoPosted');
	return [pending.map((e) => ({ json: e.video }))];
}

/** "Fetch test event": the user's newest video. Reads no cursor and changes none. */
async function newestVideo(this: IPollFunctions): Promise<INodeExecutionData[][]> {
	const data = await videoPage.call(this, 1);
	const [newest] = entriesOf(Array.isArray(data.videos) ? (data.videos as IDataObject[]) : []);
	if (!newest) {
		throw new NodeOperationError(this.getNode(), 'No videos found: the connected TikTok account has no public video posts yet', {
			description: 'There is nothing to show as a test event yet. Once activated, the trigger still emits each new video post.',
		});
	}
	return [[{ json: newest.video }]];
}
