// Small image files for the tests: the header TikTok's image checks read (PNG IHDR, JPEG frame header) and filler.
import { filler } from '../post/video-fixtures';

/** A PNG header (signature + IHDR) of `width` × `height`, then filler up to `size` bytes. */
export function pngImage(width: number, height: number, size = 4096, seed = 3): Buffer {
	const ihdr = Buffer.alloc(25);
	ihdr.writeUInt32BE(13, 0);
	ihdr.write('IHDR', 4, 'latin1');
	ihdr.writeUInt32BE(width, 8);
	ihdr.writeUInt32BE(height, 12);
	const head = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), ihdr]);
	return Buffer.concat([head, filler(Math.max(0, size - head.length), seed)]);
}

/** A JPEG with an APP0 segment and a baseline frame header of `width` × `height`. */
export function jpegImage(width: number, height: number, size = 4096): Buffer {
	const app0 = Buffer.from([0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00]);
	const sof = Buffer.alloc(19);
	sof.writeUInt16BE(0xffc0, 0);
	sof.writeUInt16BE(17, 2);
	sof[4] = 8;
	sof.writeUInt16BE(height, 5);
	sof.writeUInt16BE(width, 7);
	const head = Buffer.concat([Buffer.from([0xff, 0xd8]), app0, sof]);
	return Buffer.concat([head, filler(size - head.length, 9)]);
}
