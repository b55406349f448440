import type { IBinaryData, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/**
 * What video uploads and sound uploads share about an item's binary file: the Input Binary Field, the size n8n
 * recorded for it, and naming what a file is when it is not the media expected (read from its first bytes).
 */

export const MB = 1024 * 1024;

export function megabytes(bytes: number): string {
	return `${(bytes / MB).toFixed(1)} MB`;
}

/** `length` bytes of `buffer` from `start` as Latin-1 text; empty when the buffer is shorter. */
export function ascii(buffer: Buffer, start: number, end: number): string {
	if (buffer.length < end) return '';
	return buffer.toString('latin1', start, end);
}

export interface BinaryField {
	propertyName: string;
	binary: IBinaryData;
	/** `"data" (clip.mp4)`, for messages. */
	label: string;
}

/** The item's binary named by the Input Binary Field parameter, refused (naming the field) when empty or absent. */
export function binaryField(this: IExecuteFunctions, itemIndex: number, what: string): BinaryField {
	const propertyName = String(this.getNodeParameter('binaryPropertyName', itemIndex) ?? '').trim();
	if (!propertyName) {
		throw new NodeOperationError(this.getNode(), `The "Input Binary Field" parameter is empty: enter the name of the binary field holding the ${what}`, {
			itemIndex,
		});
	}
	// Throws n8n's own error naming the field when the item has no such binary.
	const binary = this.helpers.assertBinaryData(itemIndex, propertyName);
	return { propertyName, binary, label: `"${propertyName}"${binary.fileName ? ` (${binary.fileName})` : ''}` };
}

/**
 * The size n8n recorded for a binary, without reading it (`bytes`, or the metadata of a file stored outside memory).
 * A record, not a measurement: the file itself may differ, so an upload measures it too.
 */
export async function recordedSize(this: IExecuteFunctions, binary: IBinaryData): Promise<number | undefined> {
	if (typeof binary.bytes === 'number') return binary.bytes;
	if (binary.id) {
		try {
			const metadata = await this.helpers.getBinaryMetadata(binary.id);
			if (typeof metadata?.fileSize === 'number') return metadata.fileSize;
		} catch {
			// No metadata for this storage: the size is measured from the file.
		}
	}
	return undefined;
}

/** Formats people send by mistake, named in errors so the fix is obvious. Each upload picks the ones it names. */
const SIGNATURES = {
	png: { name: 'a PNG image', test: (b: Buffer) => b.length >= 8 && b.readUInt32BE(0) === 0x89504e47 && b.readUInt32BE(4) === 0x0d0a1a0a },
	jpeg: { name: 'a JPEG image', test: (b: Buffer) => b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
	gif: { name: 'a GIF image', test: (b: Buffer) => ascii(b, 0, 4) === 'GIF8' },
	webp: { name: 'a WebP image', test: (b: Buffer) => ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 12) === 'WEBP' },
	avi: { name: 'an AVI video', test: (b: Buffer) => ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 12) === 'AVI ' },
	pdf: { name: 'a PDF document', test: (b: Buffer) => ascii(b, 0, 5) === '%PDF-' },
	zip: { name: 'a ZIP archive', test: (b: Buffer) => ascii(b, 0, 4) === 'PK\u0003\u0004' },
	mp3: {
		name: 'an MP3 file',
		test: (b: Buffer) => ascii(b, 0, 3) === 'ID3' || (b.length >= 2 && b[0] === 0xff && (b[1] & 0xe0) === 0xe0),
	},
	mpegTs: { name: 'an MPEG transport stream', test: (b: Buffer) => b.length > 188 && b[0] === 0x47 && b[188] === 0x47 },
	mkv: { name: 'a Matroska (MKV) video', test: (b: Buffer) => b.length >= 4 && b.readUInt32BE(0) === 0x1a45dfa3 },
	ogg: { name: 'an Ogg file (Vorbis/Opus)', test: (b: Buffer) => ascii(b, 0, 4) === 'OggS' },
	isoMedia: { name: 'an MP4/M4A/MOV file', test: (b: Buffer) => ascii(b, 4, 8) === 'ftyp' },
	webmOrMkv: { name: 'a WebM/Matroska file', test: (b: Buffer) => b.length >= 4 && b.readUInt32BE(0) === 0x1a45dfa3 },
	aiff: { name: 'an AIFF file', test: (b: Buffer) => ascii(b, 0, 4) === 'FORM' && ascii(b, 8, 12).startsWith('AIF') },
	aac: { name: 'an AAC (ADTS) file', test: (b: Buffer) => b.length >= 2 && b[0] === 0xff && (b[1] & 0xf6) === 0xf0 },
	text: {
		name: 'a text file',
		test: (b: Buffer) => b.length > 0 && [...b.subarray(0, 64)].every((c) => c === 9 || c === 10 || c === 13 || (c >= 32 && c < 127)),
	},
};

export type Signature = keyof typeof SIGNATURES;

/** What a file looks like from its first bytes, among `candidates` (in order); `undefined` when none fits. */
export function describeFormat(head: Buffer, candidates: readonly Signature[]): string | undefined {
	if (head.length === 0) return 'an empty file';
	return candidates.map((key) => SIGNATURES[key]).find((s) => s.test(head))?.name;
}
