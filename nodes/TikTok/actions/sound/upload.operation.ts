import { createHash } from 'crypto';
import type {
	IBinaryData,
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { forEachItem } from '../../helpers/items';
import { getAdvertiserId, stringifyIds } from '../../helpers/utils';
import { businessRequest } from '../../transport';
import { advertiserRLC } from '../common.descriptions';
import type { AudioInfo } from './audio';
import { describeOtherFormat, inspectAudio } from './audio';

/** Largest file accepted: "under 50 MB". */
export const MAX_SOUND_BYTES = 50 * 1024 * 1024;
export const MIN_SOUND_SECONDS = 10;
export const MAX_SOUND_SECONDS = 300;
const MAX_FILE_NAME_LENGTH = 100;

const MUSIC_SCENES = ['CREATIVE_ASSET', 'CAROUSEL_ADS', 'CATALOG_CAROUSEL'];

const properties: INodeProperties[] = [
	advertiserRLC,
	{
		displayName: 'Input Binary Field',
		name: 'binaryPropertyName',
		type: 'string',
		required: true,
		default: 'data',
		placeholder: 'e.g. data',
		hint: 'The name of the input binary field containing the sound file',
		description: 'MP3, WAV or FLAC; under 50 MB; 10 to 300 seconds long',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [
			{
				displayName: 'File Name',
				name: 'fileName',
				type: 'string',
				default: '',
				placeholder: 'e.g. summer-jingle.mp3',
				description:
					'Name of the sound in the music library (1–100 characters). Defaults to the file name of the binary.',
			},
			{
				displayName: 'Music Scene',
				name: 'musicScene',
				type: 'options',
				options: [
					{
						name: 'Carousel Ads',
						value: 'CAROUSEL_ADS',
						description: 'Music for carousel ads (TikTok accepts MP3 only, up to 10 MB)',
					},
					{
						name: 'Catalog Carousel',
						value: 'CATALOG_CAROUSEL',
						description: 'Music for catalog carousel ads (TikTok accepts MP3 only, up to 10 MB)',
					},
					{
						name: 'Creative Asset',
						value: 'CREATIVE_ASSET',
						description: 'Background music for ad creatives',
					},
				],
				default: 'CREATIVE_ASSET',
				description: 'What the sound is for',
			},
		],
	},
];

const displayOptions = { show: { resource: ['sound'], operation: ['upload'] } };

export const description = updateDisplayOptions(displayOptions, properties);

function megabytes(bytes: number): string {
	return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** Size of a binary without reading it, when n8n knows it (`bytes`, or the metadata of a file stored outside memory). */
async function knownSize(this: IExecuteFunctions, binary: IBinaryData): Promise<number | undefined> {
	if (typeof binary.bytes === 'number') return binary.bytes;
	if (binary.id) {
		try {
			const metadata = await this.helpers.getBinaryMetadata(binary.id);
			if (typeof metadata?.fileSize === 'number') return metadata.fileSize;
		} catch {
			// No metadata for this storage: the size is checked once the file is read.
		}
	}
	return undefined;
}

/** `name` with the extension of the detected format (TikTok reads the type from the name too). */
function withExtension(name: string, audio: AudioInfo): string {
	const base = name.replace(/\.(mp3|wav|wave|flac)$/i, '');
	return `${base}.${audio.extension}`;
}

/**
 * An upload that failed without a clear answer may have reached the music library: say so, and how to check, instead
 * of inviting a blind re-upload (which TikTok refuses anyway with 40911 once the name exists).
 */
function mayHaveBeenUploaded(error: unknown, fileName: string, advertiserId: string): unknown {
	const e = error as { message?: string; description?: string | null; context?: IDataObject };
	if (e?.context?.mayHaveBeenApplied !== true) return error;
	e.message = `TikTok may have uploaded the sound "${fileName}": ${String(e.message ?? '').replace(/^TikTok may have applied this change: /, '')}`;
	e.description = `The upload reached TikTok or may have, and no clear answer came back. Look for "${fileName}" in the music library of advertiser ${advertiserId} (for example with an API Call to /file/music/get/) before uploading it again. ${e.description ?? ''}`.trim();
	return error;
}

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await forEachItem.call(this, items, async (i) => {
		const node = this.getNode();
		const advertiserId = getAdvertiserId.call(this, i);
		const propertyName = String(this.getNodeParameter('binaryPropertyName', i) ?? '').trim();
		if (!propertyName) {
			throw new NodeOperationError(node, 'The "Input Binary Field" parameter is empty: enter the name of the binary field holding the sound', {
				itemIndex: i,
			});
		}
		const options = this.getNodeParameter('options', i, {}) as IDataObject;
		const musicScene = String(options.musicScene ?? 'CREATIVE_ASSET');
		if (!MUSIC_SCENES.includes(musicScene)) {
			throw new NodeOperationError(node, `The "Music Scene" option must be one of ${MUSIC_SCENES.join(', ')}, got "${musicScene}"`, {
				itemIndex: i,
			});
		}

		// Throws n8n's own error naming the field when the item has no such binary.
		const binary = this.helpers.assertBinaryData(i, propertyName);
		const label = `"${propertyName}"${binary.fileName ? ` (${binary.fileName})` : ''}`;
		const declaredSize = await knownSize.call(this, binary);
		if (declaredSize !== undefined && declaredSize >= MAX_SOUND_BYTES) {
			throw new NodeOperationError(node, `The sound in binary field ${label} is ${megabytes(declaredSize)}: TikTok accepts sounds under 50 MB`, {
				itemIndex: i,
			});
		}
		// Reads in-memory and filesystem/S3-stored binaries alike.
		const buffer = await this.helpers.getBinaryDataBuffer(i, propertyName);
		if (buffer.length >= MAX_SOUND_BYTES) {
			throw new NodeOperationError(node, `The sound in binary field ${label} is ${megabytes(buffer.length)}: TikTok accepts sounds under 50 MB`, {
				itemIndex: i,
			});
		}
		const audio = inspectAudio(buffer);
		if (!audio) {
			const other = describeOtherFormat(buffer);
			throw new NodeOperationError(
				node,
				`The file in binary field ${label} is not an MP3, WAV or FLAC sound${other ? ` (its content is ${other})` : ''}`,
				{ itemIndex: i, description: 'TikTok accepts MP3, WAV and FLAC sounds. The type is read from the file content, not from its name.' },
			);
		}
		const seconds = audio.durationSeconds;
		if (seconds !== undefined && (seconds < MIN_SOUND_SECONDS || seconds > MAX_SOUND_SECONDS)) {
			throw new NodeOperationError(
				node,
				`The sound in binary field ${label} is ${seconds.toFixed(1)} seconds long: TikTok accepts sounds of ${MIN_SOUND_SECONDS} to ${MAX_SOUND_SECONDS} seconds`,
				{ itemIndex: i },
			);
		}

		const requestedName = String(options.fileName ?? '').trim();
		const fileName = requestedName || binary.fileName || `sound.${audio.extension}`;
		if (fileName.length > MAX_FILE_NAME_LENGTH) {
			throw new NodeOperationError(node, `The "File Name" option is ${fileName.length} characters long: TikTok allows at most ${MAX_FILE_NAME_LENGTH}`, {
				itemIndex: i,
			});
		}

		const form = new FormData();
		form.append('advertiser_id', advertiserId);
		form.append('upload_type', 'UPLOAD_BY_FILE');
		form.append('music_scene', musicScene);
		form.append('file_name', fileName);
		form.append('music_signature', createHash('md5').update(buffer).digest('hex'));
		form.append(
			'music_file',
			new Blob([new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.length)], { type: audio.mimeType }),
			withExtension(binary.fileName || fileName, audio),
		);

		// A write: the transport re-sends it only when TikTok refused it before doing anything (rate limits).
		let data: IDataObject;
		try {
			data = await businessRequest.call(this, {
				method: 'POST',
				path: '/file/music/upload/',
				body: form,
				idempotent: false,
				itemIndex: i,
			});
		} catch (error) {
			throw mayHaveBeenUploaded(error, fileName, advertiserId);
		}
		return stringifyIds(data);
	});
}
