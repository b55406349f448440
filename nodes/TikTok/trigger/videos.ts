import type { IDataObject, INodeExecutionData, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { VIDEO_FIELDS } from '../actions/video/fields';
import { tikTokTimeToSeconds } from '../helpers/time';
import { stringifyIds } from '../helpers/utils';
import { developersRequestAllItems } from '../transport';
import type { CursorEntry } from './cursor';
import { forgetOtherEvents } from './parameters';
import {
	VIDEO_OVERLAP_SECONDS,
	advanceCursor,
	lowerBound,
	newer,
	notSeenBy,
	nowSeconds,
	pendingEntries,
	readCursor,
	seedCursor,
	seedLowerBound,
} from './cursor';

const VIDEO_LIST_PATH = '/v2/video/list/';

interface VideoEntry extends CursorEntry {
	video: IDataObject;
}

function entriesOf(videos: IDataObject[]): VideoEntry[] {
	const entries: VideoEntry[] = [];
	for (const video of videos) {
		const time = tikTokTimeToSeconds(video.create_time);
		if (time === undefined || video.id === undefined || video.id === null) continue;
		entries.push({ id: String(video.id), time, video: stringifyIds(video) });
	}
	return entries;
}

/** The user's videos, newest first: TikTok pages them 20 at a time, each page's `cursor` leading to older posts. */
async function listVideos(
	this: IPollFunctions,
	options: { limit?: number; stopAfter?: (page: IDataObject[]) => boolean },
): Promise<IDataObject[]> {
	return await developersRequestAllItems.call(this, {
		method: 'POST',
		path: VIDEO_LIST_PATH,
		qs: { fields: [...VIDEO_FIELDS] },
		body: {},
		listKey: 'videos',
		...options,
	});
}

/**
 * The user's recent videos, newest first, back to `from` (Unix seconds, the overlap bound): reading stops at the
 * first page that reaches a video older than that, so a post TikTok lists late, behind any number of newer seen
 * ones, is still read. A quiet poll is one request as long as the last hour's posts fit in a page.
 */
async function recentVideos(this: IPollFunctions, from: number): Promise<IDataObject[]> {
	return await listVideos.call(this, {
		stopAfter: (page) => entriesOf(page).some((e) => e.time < from),
	});
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
		const seed = seedCursor(entriesOf(videos), now, VIDEO_OVERLAP_SECONDS);
		// Another poll may have seeded or moved on meanwhile: keep the cursor that went further.
		staticData.videoPosted = newer(seed, readCursor(staticData.videoPosted), VIDEO_OVERLAP_SECONDS);
		forgetOtherEvents(staticData, 'videoPosted');
		return null;
	}

	const videos = await recentVideos.call(this, lowerBound(cursor, VIDEO_OVERLAP_SECONDS));
	// Reconcile with the cursor as it is now: an overlapping poll may have emitted some of these meanwhile.
	const current = readCursor(staticData.videoPosted);
	const pending = notSeenBy(current, pendingEntries(cursor, entriesOf(videos), VIDEO_OVERLAP_SECONDS));
	if (pending.length === 0) return null;
	staticData.videoPosted = advanceCursor(newer(cursor, current, VIDEO_OVERLAP_SECONDS), pending, VIDEO_OVERLAP_SECONDS);
	forgetOtherEvents(staticData, 'videoPosted');
	return [pending.map((e) => ({ json: e.video }))];
}

/** "Fetch test event": the user's newest video. Reads no cursor and changes none. */
async function newestVideo(this: IPollFunctions): Promise<INodeExecutionData[][]> {
	const [newest] = entriesOf(await listVideos.call(this, { limit: 1 }));
	if (!newest) {
		throw new NodeOperationError(this.getNode(), 'No videos found: the connected TikTok account has no public video posts yet', {
			description: 'There is nothing to show as a test event yet. Once activated, the trigger still emits each new video post.',
		});
	}
	return [[{ json: newest.video }]];
}
