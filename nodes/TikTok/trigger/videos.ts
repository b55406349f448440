import type { IDataObject, INodeExecutionData, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { VIDEO_FIELDS } from '../actions/video/fields';
import { tikTokTimeToSeconds } from '../helpers/time';
import { stringifyIds } from '../helpers/utils';
import { developersRequestAllItems } from '../transport';
import { VIDEO_OVERLAP_SECONDS } from './cursor';
import type { StreamEntry } from './runner';
import { runCursorPoll } from './runner';

const VIDEO_LIST_PATH = '/v2/video/list/';

type VideoEntry = StreamEntry;

function entriesOf(videos: IDataObject[]): VideoEntry[] {
	const entries: VideoEntry[] = [];
	for (const video of videos) {
		const time = tikTokTimeToSeconds(video.create_time);
		if (time === undefined || video.id === undefined || video.id === null) continue;
		entries.push({ id: String(video.id), time, key: 'user', item: stringifyIds(video) });
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

/** The videoPosted poll: the connected user's new video posts since the cursor, oldest first (the trigger's one runner). */
export async function pollVideos(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
	if (this.getMode() === 'manual') return await newestVideo.call(this);
	return await runCursorPoll.call(this, {
		event: 'videoPosted',
		keys: ['user'],
		single: true,
		overlap: VIDEO_OVERLAP_SECONDS,
		noun: 'account',
		contextKey: 'account',
		read: async (_key, from) => ({ entries: entriesOf(await recentVideos.call(this, from)) }),
		toItem: (entry) => ({ json: entry.item }),
	});
}

/** "Fetch test event": the user's newest video. Reads no cursor and changes none. */
async function newestVideo(this: IPollFunctions): Promise<INodeExecutionData[][]> {
	const [newest] = entriesOf(await listVideos.call(this, { limit: 1 }));
	if (!newest) {
		throw new NodeOperationError(this.getNode(), 'No videos found: the connected TikTok account has no public video posts yet', {
			description: 'There is nothing to show as a test event yet. Once activated, the trigger still emits each new video post.',
		});
	}
	return [[{ json: newest.item }]];
}
