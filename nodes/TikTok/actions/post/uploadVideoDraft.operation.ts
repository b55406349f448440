import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { forEachItem } from '../../helpers/items';
import { planChunks } from '../../transport';
import { assertPullUrl, chunkBytes, waitTimeoutMs } from './checks';
import { chunkSizeOption, MAX_DRAFT_SECONDS, sourceProperties, waitForCompletionProperty, waitTimeoutOption } from './descriptions';
import { fileSourceInfo, initPost, notWaited, sendVideo, waitForFinalStatus } from './publish';
import { assertDuration, readBinaryVideo } from './videoFile';

export const INBOX_INIT_PATH = '/v2/post/publish/inbox/video/init/';

const FINISH_IN_APP =
	'TikTok sent the video to the creator\'s inbox: open the TikTok app, tap the inbox notification and finish the post there (caption, privacy, posting).';

const properties: INodeProperties[] = [
	...sourceProperties,
	waitForCompletionProperty,
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [chunkSizeOption, waitTimeoutOption],
	},
];

const displayOptions = { show: { resource: ['post'], operation: ['uploadVideoDraft'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await forEachItem.call(this, items, async (i) => {
		const source = String(this.getNodeParameter('source', i, 'binary'));
		const options = this.getNodeParameter('options', i, {}) as IDataObject;
		const wait = this.getNodeParameter('waitForCompletion', i, true) as boolean;
		const timeoutMs = waitTimeoutMs.call(this, options, i);
		const preferredChunk = chunkBytes.call(this, options, i);
		const videoUrl = source === 'url' ? assertPullUrl.call(this, this.getNodeParameter('videoUrl', i), 'Video URL', i) : undefined;
		const video = source === 'url' ? undefined : await readBinaryVideo.call(this, i);
		// The longest video a developer can send to the inbox is 10 minutes (the creator may trim it in the app).
		if (video) assertDuration.call(this, video, MAX_DRAFT_SECONDS, 'TikTok\'s inbox upload', i);

		const plan = video ? planChunks(video.size, preferredChunk) : undefined;
		const sourceInfo = plan ? fileSourceInfo(plan) : { source: 'PULL_FROM_URL', video_url: videoUrl };
		const init = await initPost.call(this, INBOX_INIT_PATH, { source_info: sourceInfo }, i);

		const out: IDataObject = { publishId: init.publishId, source: plan ? 'FILE_UPLOAD' : 'PULL_FROM_URL' };
		if (video && plan) {
			Object.assign(out, { videoSize: plan.videoSize, chunkSize: plan.chunkSize, totalChunkCount: plan.totalChunkCount, format: video.video.format });
			Object.assign(out, await sendVideo.call(this, video, plan, init, i));
		}
		const status = wait ? await waitForFinalStatus.call(this, init.publishId, timeoutMs, i) : notWaited();
		return { ...out, ...status, nextStep: FINISH_IN_APP };
	});
}
