import { createHash } from 'crypto';
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { binaryField, megabytes, recordedSize } from '../../helpers/binary';
import { forEachItem } from '../../helpers/items';
import { getAdvertiserId, stringifyIds } from '../../helpers/utils';
import { businessRequest } from '../../transport';
import { advertiserRLC } from '../common.descriptions';
import type { AudioFormat, AudioInfo } from './audio';
import { describeOtherFormat, inspectAudio } from './audio';

const MAX_FILE_NAME_LENGTH = 100;

interface SceneRule {
	formats: AudioFormat[];
	maxBytes: number;
	/** TikTok's rule, as the error quotes it. */
	text: string;
}

/**
 * What TikTok documents per music scene, and nothing more (docs/tiktok-contract.md §1.11 and §13): carousel music is
 * MP3 up to 10 MB (bububa `model/file/music/upload.go`). For CREATIVE_ASSET TikTok documents no format, size or
 * length: the file goes to TikTok, which decides, and its refusal is shown.
 */
export const SCENE_RULES: Record<string, SceneRule | undefined> = {
	CAROUSEL_ADS: { formats: ['mp3'], maxBytes: 10 * 1024 * 1024, text: 'MP3 only, up to 10 MB' },
	CATALOG_CAROUSEL: { formats: ['mp3'], maxBytes: 10 * 1024 * 1024, text: 'MP3 only, up to 10 MB' },
};

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
		description:
			'The sound file. Carousel scenes take MP3 only, up to 10 MB (TikTok\'s rule); for Creative Asset TikTok documents no limit and decides itself.',
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
						description: 'Background music for ad creatives (TikTok documents no format, size or length limit: it decides on upload)',
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
		const options = this.getNodeParameter('options', i, {}) as IDataObject;
		const musicScene = String(options.musicScene ?? 'CREATIVE_ASSET');
		if (!MUSIC_SCENES.includes(musicScene)) {
			throw new NodeOperationError(node, `The "Music Scene" option must be one of ${MUSIC_SCENES.join(', ')}, got "${musicScene}"`, {
				itemIndex: i,
			});
		}

		const { propertyName, binary, label } = binaryField.call(this, i, 'sound');
		const rule = SCENE_RULES[musicScene];
		const refuse = (what: string) =>
			new NodeOperationError(
				node,
				`The sound in binary field ${label} ${what}: for the Music Scene ${musicScene} TikTok accepts ${rule?.text}`,
				{ itemIndex: i, description: 'Convert the file, or choose the Music Scene Creative Asset, for which TikTok documents no such limit.' },
			);
		if (rule) {
			const declaredSize = await recordedSize.call(this, binary);
			if (declaredSize !== undefined && declaredSize > rule.maxBytes) throw refuse(`is ${megabytes(declaredSize)}`);
		}
		// Reads in-memory and filesystem/S3-stored binaries alike.
		const buffer = await this.helpers.getBinaryDataBuffer(i, propertyName);
		const audio = inspectAudio(buffer);
		// Nothing to play is refused whatever the scene: an empty file, or audio whose own header says 0 seconds.
		if (buffer.length === 0 || audio?.durationSeconds === 0) {
			throw new NodeOperationError(
				node,
				buffer.length === 0
					? `The sound in binary field ${label} is an empty file: there is nothing to upload`
					: `The sound in binary field ${label} is 0.0 seconds long: there is nothing to play`,
				{ itemIndex: i },
			);
		}
		if (rule) {
			if (buffer.length > rule.maxBytes) throw refuse(`is ${megabytes(buffer.length)}`);
			if (!audio || !rule.formats.includes(audio.format)) {
				const other = audio ? `a ${audio.format.toUpperCase()} file` : (describeOtherFormat(buffer) ?? 'not an MP3 file');
				throw refuse(`is ${other}`);
			}
		}

		const requestedName = String(options.fileName ?? '').trim();
		const fileName = requestedName || binary.fileName || `sound.${audio?.extension ?? 'mp3'}`;
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
			new Blob([new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.length)], {
				type: audio?.mimeType ?? binary.mimeType ?? 'application/octet-stream',
			}),
			audio ? withExtension(binary.fileName || fileName, audio) : binary.fileName || fileName,
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
