import { createHash } from 'crypto';
import type { IBinaryData, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { ByteReader } from '../transport';
import { bufferReader, streamReader } from '../transport';
import { binaryField, megabytes, recordedSize } from './binary';

/** Bytes read per piece from n8n's binary store (a stored file is never held whole). */
const PIECE_BYTES = 256 * 1024;

/** An item's binary file, measured in one pass before any request: its real size, MD5 and first bytes. */
export interface MeasuredFile {
	binary: IBinaryData;
	/** `"data" (clip.mp4)`, for messages. */
	label: string;
	size: number;
	/** MD5 of the exact bytes, lower-case hex (TikTok's upload signature). */
	md5: string;
	/** The first bytes (up to `headBytes`), to tell the format and read a header. */
	head: Buffer;
	/** The file's bytes again, from the start, piece by piece (a stored file is streamed, not loaded). */
	open(): Promise<AsyncIterable<Uint8Array>>;
}

/** A reader's bytes as an async iterable of pieces; the reader is closed when iteration ends or stops. */
async function* piecesOf(reader: ByteReader): AsyncGenerator<Uint8Array> {
	try {
		for (;;) {
			const piece = await reader.read(PIECE_BYTES);
			if (piece.length === 0) return;
			yield piece;
		}
	} finally {
		reader.close();
	}
}

/**
 * Measures the item's binary named by the Input Binary Field: one pass over the bytes (a file n8n stores outside
 * memory is streamed, never loaded) for its size and MD5, keeping only its first `headBytes`. Refuses, naming the field,
 * before any request: no such binary, an empty file, one over `maxBytes` (by n8n's record first, then measured: past
 * the limit it is not read further), and one whose size differs from what n8n recorded (cut short or changed).
 */
export async function measureBinaryFile(
	this: IExecuteFunctions,
	itemIndex: number,
	what: string,
	limits: { maxBytes: number; headBytes: number; limitText: string },
): Promise<MeasuredFile> {
	const node = this.getNode();
	const { propertyName, binary, label } = binaryField.call(this, itemIndex, what);
	const tooLarge = (bytes: number) =>
		new NodeOperationError(node, `The ${what} in binary field ${label} is ${megabytes(bytes)}: ${limits.limitText}`, {
			itemIndex,
			description: 'Nothing was sent to TikTok.',
		});
	const recorded = await recordedSize.call(this, binary);
	if (recorded !== undefined && recorded > limits.maxBytes) throw tooLarge(recorded);

	const id = binary.id;
	const buffer = id ? undefined : await this.helpers.getBinaryDataBuffer(itemIndex, propertyName);
	const openReader = async (): Promise<ByteReader> =>
		id ? streamReader(await this.helpers.getBinaryStream(id, PIECE_BYTES)) : bufferReader(buffer as Buffer);

	const md5 = createHash('md5');
	const headParts: Buffer[] = [];
	let headLength = 0;
	let size = 0;
	const reader = await openReader();
	try {
		for (;;) {
			const piece = await reader.read(PIECE_BYTES);
			if (piece.length === 0) break;
			size += piece.length;
			if (size > limits.maxBytes) throw tooLarge(size);
			md5.update(piece);
			if (headLength < limits.headBytes) {
				const kept = Buffer.from(piece.subarray(0, limits.headBytes - headLength));
				headParts.push(kept);
				headLength += kept.length;
			}
		}
	} finally {
		reader.close();
	}
	if (size === 0) {
		throw new NodeOperationError(node, `The ${what} in binary field ${label} is an empty file: there is nothing to upload`, { itemIndex });
	}
	if (recorded !== undefined && recorded !== size) {
		throw new NodeOperationError(node, `The ${what} in binary field ${label} holds ${size} bytes, but n8n recorded ${recorded} bytes for it: the file was cut short or changed`, {
			itemIndex,
			description: 'Nothing was sent to TikTok. Produce the binary again (for example re-read the file) and run the node again.',
		});
	}
	return {
		binary,
		label,
		size,
		md5: md5.digest('hex'),
		head: Buffer.concat(headParts, headLength),
		open: async () => piecesOf(await openReader()),
	};
}
