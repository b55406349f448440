// Small, valid-enough video containers for the tests: the header boxes/elements TikTok's formats start with, a
// duration where the container carries one, and filler media data up to the size asked for.
import crypto from 'node:crypto';

function box(type: string, body: Buffer): Buffer {
	const head = Buffer.alloc(8);
	head.writeUInt32BE(8 + body.length, 0);
	head.write(type, 4, 'latin1');
	return Buffer.concat([head, body]);
}

function mvhd(seconds: number, timescale = 1000): Buffer {
	const body = Buffer.alloc(100);
	body.writeUInt32BE(0, 0); // version 0, flags
	body.writeUInt32BE(timescale, 12);
	body.writeUInt32BE(Math.round(seconds * timescale), 16);
	return box('mvhd', body);
}

/** Deterministic filler (not zeros, so a byte mix-up shows in the hash). */
export function filler(length: number, seed = 1): Buffer {
	const out = Buffer.alloc(length);
	let x = seed >>> 0 || 1;
	for (let i = 0; i + 4 <= length; i += 4) {
		x ^= x << 13;
		x ^= x >>> 17;
		x ^= x << 5;
		out.writeUInt32LE(x >>> 0, i);
	}
	for (let i = length - (length % 4); i < length; i++) out[i] = i & 0xff;
	return out;
}

/** An MP4 (or MOV with `brand: 'qt  '`) of `size` bytes lasting `seconds`, `moov` before or after `mdat`. */
export function mp4(size: number, options: { seconds?: number; brand?: string; moovAtEnd?: boolean } = {}): Buffer {
	const ftypBody = Buffer.concat([Buffer.from((options.brand ?? 'isom').padEnd(4).slice(0, 4), 'latin1'), Buffer.alloc(4), Buffer.from('isomiso2avc1mp41', 'latin1')]);
	const ftyp = box('ftyp', ftypBody);
	const moov = box('moov', mvhd(options.seconds ?? 12));
	const mdatPayload = size - ftyp.length - moov.length - 8;
	if (mdatPayload < 0) throw new Error('size too small for an MP4');
	const mdat = box('mdat', filler(mdatPayload, size));
	return options.moovAtEnd ? Buffer.concat([ftyp, mdat, moov]) : Buffer.concat([ftyp, moov, mdat]);
}

function ebml(id: number[], body: Buffer): Buffer {
	// Size as an 8-byte vint.
	const size = Buffer.alloc(8);
	size.writeUInt32BE(0x01000000 + Math.floor(body.length / 2 ** 32), 0);
	size.writeUInt32BE(body.length >>> 0, 4);
	return Buffer.concat([Buffer.from(id), size, body]);
}

/** A WebM of `size` bytes whose Info says `seconds` (omit for no Duration element). */
export function webm(size: number, seconds?: number): Buffer {
	const header = ebml([0x1a, 0x45, 0xdf, 0xa3], ebml([0x42, 0x82], Buffer.from('webm', 'latin1')));
	const scale = ebml([0x2a, 0xd7, 0xb1], Buffer.from([0x0f, 0x42, 0x40])); // 1,000,000 ns
	const infoParts = [scale];
	if (seconds !== undefined) {
		const duration = Buffer.alloc(8);
		duration.writeDoubleBE(seconds * 1000, 0);
		infoParts.push(ebml([0x44, 0x89], duration));
	}
	const info = ebml([0x15, 0x49, 0xa9, 0x66], Buffer.concat(infoParts));
	const clusterHead = Buffer.from([0x1f, 0x43, 0xb6, 0x75]);
	const fixed = header.length + 12 + info.length + clusterHead.length + 8;
	const payload = filler(Math.max(0, size - fixed), size);
	const cluster = ebml([0x1f, 0x43, 0xb6, 0x75], payload);
	const segmentBody = Buffer.concat([info, cluster]);
	return Buffer.concat([header, ebml([0x18, 0x53, 0x80, 0x67], segmentBody)]);
}

/** A PNG signature followed by filler: a picture, whatever its file name says. */
export function png(size: number): Buffer {
	return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), filler(size - 8, 7)]);
}

export const sha256 = (buffer: Buffer) => crypto.createHash('sha256').update(buffer).digest('hex');
export const MB = 1024 * 1024;
