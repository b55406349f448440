// Audio files generated in the tests (nothing binary is committed): real WAV, FLAC and MP3 containers of silence,
// built from the format specifications, plus a PNG to rename.
import { createHash } from 'node:crypto';

import type { INodeExecutionData } from 'n8n-workflow';

/** PCM WAV of silence: RIFF/WAVE, `fmt ` and `data` chunks. */
export function wav(seconds: number, { sampleRate = 8000, channels = 1, bitsPerSample = 16 } = {}): Buffer {
	const blockAlign = (channels * bitsPerSample) / 8;
	const dataSize = Math.round(seconds * sampleRate) * blockAlign;
	const header = Buffer.alloc(44);
	header.write('RIFF', 0, 'latin1');
	header.writeUInt32LE(36 + dataSize, 4);
	header.write('WAVE', 8, 'latin1');
	header.write('fmt ', 12, 'latin1');
	header.writeUInt32LE(16, 16);
	header.writeUInt16LE(1, 20);
	header.writeUInt16LE(channels, 22);
	header.writeUInt32LE(sampleRate, 24);
	header.writeUInt32LE(sampleRate * blockAlign, 28);
	header.writeUInt16LE(blockAlign, 32);
	header.writeUInt16LE(bitsPerSample, 34);
	header.write('data', 36, 'latin1');
	header.writeUInt32LE(dataSize, 40);
	return Buffer.concat([header, Buffer.alloc(dataSize)]);
}

function crc8(bytes: number[]): number {
	let crc = 0;
	for (const byte of bytes) {
		crc ^= byte;
		for (let i = 0; i < 8; i++) crc = crc & 0x80 ? ((crc << 1) ^ 0x07) & 0xff : (crc << 1) & 0xff;
	}
	return crc;
}

function crc16(bytes: number[]): number {
	let crc = 0;
	for (const byte of bytes) {
		crc ^= byte << 8;
		for (let i = 0; i < 8; i++) crc = crc & 0x8000 ? ((crc << 1) ^ 0x8005) & 0xffff : (crc << 1) & 0xffff;
	}
	return crc;
}

/** FLAC's "UTF-8" coding of the frame number. */
function utf8Number(n: number): number[] {
	if (n < 0x80) return [n];
	if (n < 0x800) return [0xc0 | (n >> 6), 0x80 | (n & 0x3f)];
	return [0xe0 | (n >> 12), 0x80 | ((n >> 6) & 0x3f), 0x80 | (n & 0x3f)];
}

/**
 * A decodable FLAC of silence: `fLaC`, STREAMINFO (with the MD5 of the decoded samples) and frames of 4096 samples,
 * each a CONSTANT subframe, with their CRC-8 / CRC-16. Mono, 16-bit, 44.1 kHz. `declareTotal: false` leaves the
 * total sample count at 0 ("unknown"), as streaming encoders do.
 */
export function flac(seconds: number, { declareTotal = true } = {}): Buffer {
	const sampleRate = 44100;
	const blockSize = 4096;
	const total = Math.round(seconds * sampleRate);
	const info = Buffer.alloc(4 + 34);
	info[0] = 0x80; // last metadata block, type 0 (STREAMINFO)
	info.writeUIntBE(34, 1, 3);
	info.writeUInt16BE(blockSize, 4);
	info.writeUInt16BE(blockSize, 6);
	// min/max frame size: 0 = unknown
	const declared = declareTotal ? total : 0;
	// 20 bits sample rate, 3 bits channels-1 (0), 5 bits bits-per-sample-1 (15), 36 bits total samples
	info[14] = (sampleRate >> 12) & 0xff;
	info[15] = (sampleRate >> 4) & 0xff;
	info[16] = ((sampleRate & 0x0f) << 4) | (0 << 1) | (15 >> 4);
	info[17] = ((15 & 0x0f) << 4) | Math.floor(declared / 2 ** 32);
	info.writeUInt32BE(declared % 2 ** 32, 18);
	createHash('md5').update(Buffer.alloc(total * 2)).digest().copy(info, 22);

	const frames: Buffer[] = [];
	for (let n = 0, done = 0; done < total; n++, done += blockSize) {
		const size = Math.min(blockSize, total - done);
		const header = [0xff, 0xf8];
		const sizeCode = size === blockSize ? 12 : size <= 256 ? 6 : 7;
		header.push((sizeCode << 4) | 9); // block size code, 44.1 kHz
		header.push((0 << 4) | (4 << 1)); // mono, 16 bits per sample
		header.push(...utf8Number(n));
		if (sizeCode === 6) header.push(size - 1);
		if (sizeCode === 7) header.push((size - 1) >> 8, (size - 1) & 0xff);
		header.push(crc8(header));
		const frame = [...header, 0x00, 0x00, 0x00]; // CONSTANT subframe, value 0
		const crc = crc16(frame);
		frames.push(Buffer.from([...frame, crc >> 8, crc & 0xff]));
	}
	return Buffer.concat([Buffer.from('fLaC', 'latin1'), info, ...frames]);
}

/** MPEG-1 Layer III frame header, 128 kbit/s, 44.1 kHz, no CRC; 417 bytes per frame. */
const MP3_FRAME_BYTES = 417;
const MP3_SAMPLES_PER_FRAME = 1152;

function mp3Frame(mono: boolean): Buffer {
	const frame = Buffer.alloc(MP3_FRAME_BYTES);
	frame[0] = 0xff;
	frame[1] = 0xfb;
	frame[2] = 0x90;
	frame[3] = mono ? 0xc0 : 0x00;
	return frame;
}

/** An ID3v2.3 tag with `padding` bytes of zeros (its size is syncsafe). */
function id3(padding: number): Buffer {
	const tag = Buffer.alloc(10 + padding);
	tag.write('ID3', 0, 'latin1');
	tag[3] = 3;
	tag[6] = (padding >> 21) & 0x7f;
	tag[7] = (padding >> 14) & 0x7f;
	tag[8] = (padding >> 7) & 0x7f;
	tag[9] = padding & 0x7f;
	return tag;
}

/**
 * An MP3 of `seconds` of (zeroed) frames. `vbrHeader`: `xing` (an Info/Xing frame first, claiming `headerSeconds`),
 * `vbri` (a Fraunhofer VBRI frame first), or none (the duration then comes from walking the frames). With `id3`, an
 * ID3v2 tag comes first.
 */
export function mp3(
	seconds: number,
	options: { vbrHeader?: 'xing' | 'vbri'; headerSeconds?: number; id3?: boolean; mono?: boolean } = {},
): Buffer {
	const frames = Math.round((seconds * 44100) / MP3_SAMPLES_PER_FRAME);
	const headerFrames = Math.round(((options.headerSeconds ?? seconds) * 44100) / MP3_SAMPLES_PER_FRAME);
	const parts: Buffer[] = [];
	if (options.id3) parts.push(id3(2048));
	if (options.vbrHeader === 'xing') {
		const first = mp3Frame(options.mono ?? false);
		const at = 4 + (options.mono ? 17 : 32);
		first.write('Xing', at, 'latin1');
		first.writeUInt32BE(0x0001, at + 4);
		first.writeUInt32BE(headerFrames, at + 8);
		parts.push(first);
	} else if (options.vbrHeader === 'vbri') {
		const first = mp3Frame(options.mono ?? false);
		first.write('VBRI', 36, 'latin1');
		first.writeUInt16BE(1, 40);
		first.writeUInt32BE(frames * MP3_FRAME_BYTES, 46);
		first.writeUInt32BE(headerFrames, 50);
		parts.push(first);
	}
	for (let n = 0; n < frames; n++) parts.push(mp3Frame(options.mono ?? false));
	// An ID3v1 tag at the end, as many encoders write.
	const tail = Buffer.alloc(128);
	tail.write('TAG', 0, 'latin1');
	parts.push(tail);
	return Buffer.concat(parts);
}

/** The first bytes of a real PNG (signature and IHDR of a 1×1 image). */
export function png(): Buffer {
	return Buffer.from(
		'89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201cf5c2b5f0000000049454e44ae426082',
		'hex',
	);
}

export function md5(buffer: Buffer): string {
	return createHash('md5').update(buffer).digest('hex');
}

/** An input item carrying `buffer` as in-memory binary data under `property`. */
export function binaryItem(
	buffer: Buffer,
	{ property = 'data', fileName, mimeType = 'application/octet-stream' }: { property?: string; fileName?: string; mimeType?: string } = {},
): INodeExecutionData {
	return {
		json: { name: fileName ?? 'file' },
		binary: { [property]: { data: buffer.toString('base64'), mimeType, fileName } },
	};
}
