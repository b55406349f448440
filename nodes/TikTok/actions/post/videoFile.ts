import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { binaryField, megabytes, recordedSize } from '../../helpers/binary';
import { bufferReader, largestChunk, streamReader } from '../../transport';
import type { ByteReader, ChunkPlan } from '../../transport';
import { MAX_VIDEO_BYTES, READ_PIECE_BYTES } from './descriptions';
import type { VideoInfo } from './video';
import { describeOtherFormat, inspectVideo } from './video';

/** A binary video, measured and inspected before any request: `size` is the bytes the file really holds. */
export interface BinaryVideo {
	kind: 'binary';
	size: number;
	video: VideoInfo;
	label: string;
	/** A reader handing out exactly `size` bytes: it fails when the file no longer holds exactly that many. */
	openReader(plan: ChunkPlan): Promise<ByteReader>;
}

/** Thrown by the upload reader when the file holds more bytes than were measured before the init. */
export const LONGER_THAN_MEASURED = 'The file is longer than its measured size';

/**
 * `inner` limited to the file's measured `size`: once the last byte is handed out it checks the file ends there, so a
 * file that grew after it was measured fails BEFORE its last chunk is sent (TikTok then has no whole video to post).
 */
function exactReader(inner: ByteReader, size: number): ByteReader {
	return {
		get position() {
			return inner.position;
		},
		read: async (length) => await inner.read(Math.min(length, size - inner.position)),
		skip: async (length) => await inner.skip(Math.min(length, size - inner.position)),
		async next(length) {
			const bytes = await inner.next(length);
			if (inner.position >= size && (await inner.skip(1)) > 0) throw new Error(LONGER_THAN_MEASURED);
			return bytes;
		},
		close: () => inner.close(),
	};
}

/**
 * Reads the item's binary video WITHOUT loading a stored file into memory: its format from its first bytes, its
 * duration from the container, and its real size (one stream pass: inspection, then the rest is counted, not held).
 * Refuses, naming the field, before anything is sent to TikTok: a file that is not MP4/WebM/MOV, an MP4/MOV without a
 * `moov` box, an empty file, one over 4 GB, and one whose size differs from what n8n recorded for it (a truncated or
 * changed file: uploading the recorded size would post a cut video, and a larger record would fail mid-upload).
 */
export async function readBinaryVideo(this: IExecuteFunctions, itemIndex: number): Promise<BinaryVideo> {
	const node = this.getNode();
	const { propertyName, binary, label } = binaryField.call(this, itemIndex, 'video');
	const id = binary.id;
	const tooLarge = (bytes: number) =>
		new NodeOperationError(node, `The video in binary field ${label} is ${megabytes(bytes)}: TikTok accepts videos of at most 4 GB`, { itemIndex });

	const recorded = await recordedSize.call(this, binary);
	if (recorded !== undefined && recorded > MAX_VIDEO_BYTES) throw tooLarge(recorded);
	let openReader: (plan?: ChunkPlan) => Promise<ByteReader>;
	if (id) {
		openReader = async (plan) => streamReader(await this.helpers.getBinaryStream(id, READ_PIECE_BYTES), plan ? largestChunk(plan) : 0);
	} else {
		const buffer = await this.helpers.getBinaryDataBuffer(itemIndex, propertyName);
		openReader = async () => bufferReader(buffer);
	}
	const reader = await openReader();
	let inspection;
	let size: number;
	try {
		inspection = await inspectVideo(reader);
		// The rest of the file is counted, not held (bounded: past 4 GB it is refused anyway).
		await reader.skip(MAX_VIDEO_BYTES + 1 - reader.position);
		size = reader.position;
	} finally {
		reader.close();
	}

	if (inspection.missing === 'moov') {
		throw new NodeOperationError(node, `The file in binary field ${label} is not a playable MP4 or MOV video: it has no moov box (the movie header)`, {
			itemIndex,
			description:
				'An MP4 or MOV needs a moov box describing its tracks; without it no player, TikTok included, can play the file. The file is probably cut short or still being written: export it again. Nothing was sent to TikTok.',
		});
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
	if (size > MAX_VIDEO_BYTES) throw tooLarge(size);
	if (recorded !== undefined && recorded !== size) {
		throw new NodeOperationError(
			node,
			`The video in binary field ${label} holds ${size} bytes, but n8n recorded ${recorded} bytes for it: the file was cut short or changed`,
			{
				itemIndex,
				description:
					'Nothing was sent to TikTok. Uploading by the recorded size would post a cut video or fail half-way; produce the binary again (for example re-read the file) and run the node again.',
			},
		);
	}
	const video = inspection.video;
	return { kind: 'binary', size, video, label, openReader: async (plan) => exactReader(await openReader(plan), size) };
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
