import { ascii, describeFormat } from '../../helpers/binary';

/**
 * What TikTok documents for files uploaded into an ad account's creative library (docs/tiktok-contract.md §19.1;
 * BUBUBA model/file/image/ad_upload.go, model/file/video/ad_upload.go), checked before any request, and nothing more:
 * - images: JPG, JPEG or PNG, under 50 MB, at most 3,686,400 pixels (width × height, e.g. 1440 × 2560; "a larger image
 *   triggers an error");
 * - videos: .mp4, .mov, .mpeg or .avi, at most 500 MB.
 * Aspect ratios and resolutions beyond that are recommendations: TikTok decides.
 */
export const MAX_IMAGE_BYTES = 50 * 1024 * 1024;
export const MAX_IMAGE_PIXELS = 3_686_400;
export const MAX_VIDEO_BYTES = 500 * 1024 * 1024;
/** The first bytes kept to tell the format and read an image's size (a JPEG's frame header follows its EXIF, ≤ 64 KB). */
export const HEAD_BYTES = 256 * 1024;
/** TikTok: a library file name is 1–100 characters. */
export const MAX_FILE_NAME_LENGTH = 100;

export interface ImageFormat {
	format: 'jpeg' | 'png';
	extension: 'jpg' | 'png';
	mimeType: string;
	/** Read from the file's header; undefined when the header is not within the first bytes. */
	width?: number;
	height?: number;
}

/** A JPEG's size from its frame header (SOF0–SOF15 but DHT, JPG and DAC), scanning the markers in `head`. */
function jpegSize(head: Buffer): { width: number; height: number } | undefined {
	let offset = 2;
	while (offset + 9 < head.length) {
		if (head[offset] !== 0xff) return undefined;
		const marker = head[offset + 1];
		// Fill bytes and markers without a length.
		if (marker === 0xff) {
			offset += 1;
			continue;
		}
		if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
			offset += 2;
			continue;
		}
		const length = head.readUInt16BE(offset + 2);
		if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
			return { height: head.readUInt16BE(offset + 5), width: head.readUInt16BE(offset + 7) };
		}
		if (marker === 0xda || length < 2) return undefined;
		offset += 2 + length;
	}
	return undefined;
}

/** The image format and size from the file's first bytes; undefined when it is neither JPEG nor PNG. */
export function inspectImage(head: Buffer): ImageFormat | undefined {
	if (head.length >= 24 && head.readUInt32BE(0) === 0x89504e47 && head.readUInt32BE(4) === 0x0d0a1a0a && ascii(head, 12, 16) === 'IHDR') {
		return { format: 'png', extension: 'png', mimeType: 'image/png', width: head.readUInt32BE(16), height: head.readUInt32BE(20) };
	}
	if (head.length >= 3 && head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) {
		return { format: 'jpeg', extension: 'jpg', mimeType: 'image/jpeg', ...jpegSize(head) };
	}
	return undefined;
}

export interface VideoFormat {
	format: 'mp4' | 'mov' | 'mpeg' | 'avi';
	mimeType: string;
}

/** ISO base media boxes a file may start with (MP4 and QuickTime; old QuickTime files start with `wide` or `mdat`). */
const ISO_FIRST_BOXES = new Set(['ftyp', 'moov', 'mdat', 'wide', 'free', 'skip', 'pnot']);

/** The video container from the file's first bytes; undefined when it is none of the four TikTok lists. */
export function inspectVideo(head: Buffer): VideoFormat | undefined {
	if (ISO_FIRST_BOXES.has(ascii(head, 4, 8))) {
		const brand = ascii(head, 4, 8) === 'ftyp' ? ascii(head, 8, 12) : 'qt  ';
		return brand === 'qt  ' ? { format: 'mov', mimeType: 'video/quicktime' } : { format: 'mp4', mimeType: 'video/mp4' };
	}
	if (ascii(head, 0, 4) === 'RIFF' && ascii(head, 8, 12) === 'AVI ') return { format: 'avi', mimeType: 'video/x-msvideo' };
	// MPEG program stream (pack header) or an MPEG video elementary stream (sequence header).
	if (head.length >= 4 && head[0] === 0 && head[1] === 0 && head[2] === 1 && (head[3] === 0xba || head[3] === 0xb3)) {
		return { format: 'mpeg', mimeType: 'video/mpeg' };
	}
	return undefined;
}

/** What a file that is not the expected media looks like, for the error (e.g. "a WebP image"). */
export function describeOther(head: Buffer): string | undefined {
	return describeFormat(head, ['png', 'jpeg', 'gif', 'webp', 'avi', 'pdf', 'zip', 'mp3', 'mpegTs', 'webmOrMkv', 'ogg', 'isoMedia', 'text']);
}
