/**
 * Just enough of the WAV, FLAC and MP3 formats to tell which one a file is from its bytes (not its name), and how long
 * it plays when its own headers say so:
 * - WAV: the `fmt ` and `data` chunks (PCM: data bytes / byte rate; compressed: the `fact` sample count), exact;
 * - FLAC: STREAMINFO's total samples / sample rate, exact (unknown when the encoder left the total at 0);
 * - MP3: the Xing/Info or VBRI header's frame count, else the sum of every MPEG audio frame's samples.
 */

import { ascii, describeFormat } from '../../helpers/binary';
import type { Signature } from '../../helpers/binary';

export type AudioFormat = 'mp3' | 'wav' | 'flac';

export interface AudioInfo {
	format: AudioFormat;
	mimeType: string;
	extension: string;
	/** Seconds, when the file's headers tell; `undefined` when they do not. */
	durationSeconds?: number;
}

const MIME_TYPES: Record<AudioFormat, string> = { mp3: 'audio/mpeg', wav: 'audio/wav', flac: 'audio/flac' };

/** What an accepted sound may be mistaken for, named in the error (helpers/binary.ts). */
const OTHER_FORMATS: Signature[] = ['png', 'jpeg', 'gif', 'pdf', 'zip', 'ogg', 'isoMedia', 'webmOrMkv', 'aiff', 'aac'];

/** What the file looks like when it is not one of the accepted formats (for the error message). */
export function describeOtherFormat(buffer: Buffer): string | undefined {
	return describeFormat(buffer, OTHER_FORMATS);
}

/** Identifies an MP3, WAV or FLAC file by its content and reads its duration; `undefined` for anything else. */
export function inspectAudio(buffer: Buffer): AudioInfo | undefined {
	const wav = inspectWav(buffer);
	if (wav) return wav;
	const afterId3 = skipId3v2(buffer);
	if (ascii(buffer, afterId3, afterId3 + 4) === 'fLaC') return inspectFlac(buffer, afterId3);
	return inspectMp3(buffer, afterId3);
}

function info(format: AudioFormat, durationSeconds: number | undefined): AudioInfo {
	// Zero is a known duration (a WAV without samples, an MP3 without frames): it is refused as too short, not waved through.
	const known = durationSeconds !== undefined && Number.isFinite(durationSeconds) && durationSeconds >= 0;
	return {
		format,
		mimeType: MIME_TYPES[format],
		extension: format,
		durationSeconds: known ? durationSeconds : undefined,
	};
}

// ---------------------------------------------------------------- WAV (RIFF)

function inspectWav(buffer: Buffer): AudioInfo | undefined {
	if (ascii(buffer, 0, 4) !== 'RIFF' || ascii(buffer, 8, 12) !== 'WAVE') return undefined;
	let formatTag: number | undefined;
	let sampleRate = 0;
	let byteRate = 0;
	let dataSize: number | undefined;
	let factSamples: number | undefined;
	let offset = 12;
	while (offset + 8 <= buffer.length) {
		const id = ascii(buffer, offset, offset + 4);
		const size = buffer.readUInt32LE(offset + 4);
		const body = offset + 8;
		if (id === 'fmt ' && body + 16 <= buffer.length) {
			formatTag = buffer.readUInt16LE(body);
			sampleRate = buffer.readUInt32LE(body + 4);
			byteRate = buffer.readUInt32LE(body + 8);
		} else if (id === 'fact' && body + 4 <= buffer.length) {
			factSamples = buffer.readUInt32LE(body);
		} else if (id === 'data') {
			// A streamed WAV may say 0 or 0xFFFFFFFF: then the data runs to the end of the file.
			const available = buffer.length - body;
			dataSize = size === 0 || size === 0xffffffff || size > available ? available : size;
			if (formatTag !== undefined) break;
		}
		offset = body + size + (size % 2);
	}
	if (formatTag === undefined || dataSize === undefined) return info('wav', undefined);
	const isPcm = formatTag === 1 || formatTag === 3 || formatTag === 0xfffe;
	if (!isPcm && factSamples !== undefined && sampleRate > 0) return info('wav', factSamples / sampleRate);
	return info('wav', byteRate > 0 ? dataSize / byteRate : undefined);
}

// ---------------------------------------------------------------- FLAC

function inspectFlac(buffer: Buffer, start: number): AudioInfo {
	// The first metadata block is always STREAMINFO (type 0, 34 bytes).
	const block = start + 4;
	if (buffer.length < block + 4 + 18 || (buffer[block] & 0x7f) !== 0) return info('flac', undefined);
	const s = block + 4;
	const sampleRate = (buffer[s + 10] << 12) | (buffer[s + 11] << 4) | (buffer[s + 12] >> 4);
	const totalSamples = (buffer[s + 13] & 0x0f) * 2 ** 32 + buffer.readUInt32BE(s + 14);
	if (sampleRate === 0 || totalSamples === 0) return info('flac', undefined);
	return info('flac', totalSamples / sampleRate);
}

// ---------------------------------------------------------------- MP3 (MPEG audio layers I–III)

/** Skips ID3v2 tags (several may follow one another) and the zero padding after them. */
function skipId3v2(buffer: Buffer): number {
	let offset = 0;
	while (ascii(buffer, offset, offset + 3) === 'ID3' && offset + 10 <= buffer.length) {
		const size =
			((buffer[offset + 6] & 0x7f) << 21) |
			((buffer[offset + 7] & 0x7f) << 14) |
			((buffer[offset + 8] & 0x7f) << 7) |
			(buffer[offset + 9] & 0x7f);
		const footer = buffer[offset + 5] & 0x10 ? 10 : 0;
		offset += 10 + size + footer;
	}
	if (offset > 0) while (offset < buffer.length && buffer[offset] === 0) offset++;
	return Math.min(offset, buffer.length);
}

const BITRATES: Record<string, number[]> = {
	// kbit/s by bitrate index 1..14, for [MPEG version][layer].
	'1-1': [32, 64, 96, 128, 160, 192, 224, 256, 288, 320, 352, 384, 416, 448],
	'1-2': [32, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384],
	'1-3': [32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320],
	'2-1': [32, 48, 56, 64, 80, 96, 112, 128, 144, 160, 176, 192, 224, 256],
	'2-2': [8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160],
	'2-3': [8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160],
};
const SAMPLE_RATES: Record<string, number[]> = {
	'1': [44100, 48000, 32000],
	'2': [22050, 24000, 16000],
	'2.5': [11025, 12000, 8000],
};

interface MpegFrame {
	/** '1', '2' or '2.5'. */
	version: string;
	layer: number;
	sampleRate: number;
	samples: number;
	length: number;
	mono: boolean;
	crc: boolean;
}

/** Parses the 4-byte MPEG audio frame header at `offset` (free-format bitrates are not supported: no length). */
function mpegFrameAt(buffer: Buffer, offset: number): MpegFrame | undefined {
	if (offset + 4 > buffer.length) return undefined;
	const b1 = buffer[offset + 1];
	const b2 = buffer[offset + 2];
	const b3 = buffer[offset + 3];
	if (buffer[offset] !== 0xff || (b1 & 0xe0) !== 0xe0) return undefined;
	const versionBits = (b1 >> 3) & 3;
	const layerBits = (b1 >> 1) & 3;
	const bitrateIndex = b2 >> 4;
	const rateIndex = (b2 >> 2) & 3;
	if (versionBits === 1 || layerBits === 0 || bitrateIndex === 0 || bitrateIndex === 15 || rateIndex === 3) {
		return undefined;
	}
	const version = versionBits === 3 ? '1' : versionBits === 2 ? '2' : '2.5';
	const layer = 4 - layerBits;
	const bitrate = BITRATES[`${version === '1' ? 1 : 2}-${layer}`][bitrateIndex - 1] * 1000;
	const sampleRate = SAMPLE_RATES[version][rateIndex];
	const padding = (b2 >> 1) & 1;
	const samples = layer === 1 ? 384 : layer === 3 && version !== '1' ? 576 : 1152;
	const length =
		layer === 1
			? (Math.floor((12 * bitrate) / sampleRate) + padding) * 4
			: Math.floor(((samples / 8) * bitrate) / sampleRate) + padding;
	return { version, layer, sampleRate, samples, length, mono: b3 >> 6 === 3, crc: (b1 & 1) === 0 };
}

/** How far into the first 64 KiB after the tags a stream may start (encoders pad, some files carry junk). */
const SYNC_SEARCH_BYTES = 64 * 1024;

/** The first offset where a frame header is followed by another one (or by the end of the file). */
function findFirstFrame(buffer: Buffer, start: number): { offset: number; frame: MpegFrame } | undefined {
	const end = Math.min(buffer.length - 4, start + SYNC_SEARCH_BYTES);
	for (let offset = start; offset <= end; offset++) {
		if (buffer[offset] !== 0xff) continue;
		const frame = mpegFrameAt(buffer, offset);
		if (!frame) continue;
		const next = offset + frame.length;
		const following = mpegFrameAt(buffer, next);
		const consistent = following && following.version === frame.version && following.layer === frame.layer;
		if (consistent || next === buffer.length) return { offset, frame };
	}
	return undefined;
}

/** Frame count from a Xing/Info or VBRI header inside the first frame, if it has one. */
function vbrFrameCount(buffer: Buffer, offset: number, frame: MpegFrame): number | undefined {
	const sideInfo = frame.version === '1' ? (frame.mono ? 17 : 32) : frame.mono ? 9 : 17;
	for (const at of [offset + 4 + sideInfo, offset + 6 + sideInfo]) {
		const tag = ascii(buffer, at, at + 4);
		if ((tag === 'Xing' || tag === 'Info') && at + 12 <= buffer.length) {
			const flags = buffer.readUInt32BE(at + 4);
			if (flags & 1) return buffer.readUInt32BE(at + 8);
			return undefined;
		}
	}
	const vbri = offset + 4 + 32;
	if (ascii(buffer, vbri, vbri + 4) === 'VBRI' && vbri + 18 <= buffer.length) return buffer.readUInt32BE(vbri + 14);
	return undefined;
}

function inspectMp3(buffer: Buffer, start: number): AudioInfo | undefined {
	const first = findFirstFrame(buffer, start);
	if (!first) return undefined;
	const { frame } = first;
	const frames = vbrFrameCount(buffer, first.offset, frame);
	if (frames !== undefined) return info('mp3', (frames * frame.samples) / frame.sampleRate);
	// No VBR header: walk the frames (exact for CBR and header-less VBR), stopping at tags or junk at the end.
	let samples = 0;
	let offset = first.offset;
	for (;;) {
		const current = mpegFrameAt(buffer, offset);
		if (!current || offset + current.length > buffer.length) break;
		samples += current.samples;
		offset += current.length;
	}
	return info('mp3', samples / frame.sampleRate);
}
