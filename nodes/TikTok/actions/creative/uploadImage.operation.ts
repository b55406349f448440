import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { megabytes } from '../../helpers/binary';
import { forEachItem } from '../../helpers/items';
import { MAX_IMAGE_BYTES, MAX_IMAGE_PIXELS, describeOther, inspectImage } from './formats';
import type { LibraryKind } from './library';
import { uploadProperties, uploadToLibrary } from './library';

const displayOptions = { show: { resource: ['creative'], operation: ['uploadImage'] } };

export const description = updateDisplayOptions(displayOptions, uploadProperties('image', 'summer-sale-cover.jpg'));

/** Images in the creative library (`POST /file/image/ad/upload/`, docs/tiktok-contract.md §19.1). */
const IMAGE: LibraryKind = {
	noun: 'image',
	fileType: 'IMAGE',
	uploadPath: '/file/image/ad/upload/',
	searchPath: '/file/image/ad/search/',
	fileField: 'image_file',
	signatureField: 'image_signature',
	idKey: 'image_id',
	maxBytes: MAX_IMAGE_BYTES - 1,
	limitText: `TikTok takes images under ${megabytes(MAX_IMAGE_BYTES)}`,
	check(file, itemIndex) {
		const image = inspectImage(file.head);
		if (!image) {
			const other = describeOther(file.head);
			throw new NodeOperationError(this.getNode(), `The file in binary field ${file.label} is not a JPEG or PNG image${other ? ` (its content is ${other})` : ''}`, {
				itemIndex,
				description: 'TikTok takes JPG, JPEG and PNG images for ads. The type is read from the file content, not from its name. Nothing was sent to TikTok.',
			});
		}
		if (image.width !== undefined && image.height !== undefined && image.width * image.height > MAX_IMAGE_PIXELS) {
			throw new NodeOperationError(
				this.getNode(),
				`The image in binary field ${file.label} is ${image.width} × ${image.height} pixels (${image.width * image.height}): TikTok takes at most ${MAX_IMAGE_PIXELS} pixels (e.g. 1440 × 2560)`,
				{ itemIndex, description: 'Scale the image down. Nothing was sent to TikTok.' },
			);
		}
		return { mimeType: image.mimeType, extension: image.extension };
	},
};

/** Uploads each item's image into the ad account's creative library; each output item carries its `image_id`. */
export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await forEachItem.call(this, items, async (i) => await uploadToLibrary.call(this, IMAGE, i));
}
