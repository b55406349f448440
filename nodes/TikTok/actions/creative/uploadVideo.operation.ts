import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { megabytes } from '../../helpers/binary';
import { forEachItem } from '../../helpers/items';
import { MAX_VIDEO_BYTES, describeOther, inspectVideo } from './formats';
import type { LibraryKind } from './library';
import { uploadProperties, uploadToLibrary } from './library';

const displayOptions = { show: { resource: ['creative'], operation: ['uploadVideo'] } };

export const description = updateDisplayOptions(displayOptions, uploadProperties('video', 'summer-sale-15s.mp4'));

/** Videos in the creative library (`POST /file/video/ad/upload/`, docs/tiktok-contract.md §19.1). */
const VIDEO: LibraryKind = {
	noun: 'video',
	fileType: 'VIDEO',
	uploadPath: '/file/video/ad/upload/',
	searchPath: '/file/video/ad/search/',
	fileField: 'video_file',
	signatureField: 'video_signature',
	idKey: 'video_id',
	maxBytes: MAX_VIDEO_BYTES,
	limitText: `TikTok takes videos of at most ${megabytes(MAX_VIDEO_BYTES)}`,
	check(file, itemIndex) {
		const video = inspectVideo(file.head);
		if (!video) {
			const other = describeOther(file.head);
			throw new NodeOperationError(this.getNode(), `The file in binary field ${file.label} is not an MP4, MOV, MPEG or AVI video${other ? ` (its content is ${other})` : ''}`, {
				itemIndex,
				description: 'TikTok takes .mp4, .mov, .mpeg and .avi videos for ads. The type is read from the file content, not from its name. Nothing was sent to TikTok.',
			});
		}
		return { mimeType: video.mimeType, extension: video.format };
	},
};

/**
 * Uploads each item's video into the ad account's creative library, streamed from n8n's binary store (memory does not
 * grow with the file); each output item carries its `video_id`.
 */
export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await forEachItem.call(this, items, async (i) => await uploadToLibrary.call(this, VIDEO, i));
}
