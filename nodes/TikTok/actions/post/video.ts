/**
 * Just enough of the MP4/MOV (ISO base media) and WebM (EBML) containers to tell which one a file is from its bytes
 * (not its name), and how long it plays when the container says so:
 * - MP4 / MOV: the top-level boxes are walked (skipping the media data without reading it into memory) to the `moov`
 *   box, whose `mvhd` holds `duration / timescale`; `ftyp` major brand `qt  ` (or no `ftyp`, old QuickTime) is MOV;
 * - WebM: the EBML header's DocType must be `webm`; `Segment` → `Info` → `Duration` (a float, in `TimecodeScale` ns,
 *   default 1 ms) when the muxer wrote it (live recordings often do not: then the duration is unknown).
 * Reads from a `ByteReader` (transport/bytes.ts) so that a file stored outside memory is inspected as a stream, a few
 * KB at a time.
 * An MP4 / MOV without a `moov` box has no movie header (no tracks, no duration): no player, TikTok included, can play
 * it, so it is not taken for a video (ISO/IEC 14496-12 §8.2.1: `moov` is mandatory, exactly one per file).
 */

import { ascii, describeFormat } from '../../helpers/binary';
import type { Signature } from '../../helpers/binary';
import type { ByteReader } from '../../transport';

export type VideoFormat = 'mp4' | 'mov' | 'webm';

export interface VideoInfo {
	format: VideoFormat;
	mimeType: string;
	/** Seconds, when the container says; `undefined` otherwise. */
	durationSeconds?: number;
}

export const VIDEO_MIME_TYPES: Record<VideoFormat, string> = {
	mp4: 'video/mp4',
	mov: 'video/quicktime',
	webm: 'video/webm',
};

/** What an accepted video may be mistaken for, named in the error (helpers/binary.ts). */
const OTHER_FORMATS: Signature[] = ['png', 'jpeg', 'gif', 'webp', 'avi', 'pdf', 'zip', 'mp3', 'mpegTs', 'mkv', 'text'];

/** What the file looks like when it is not an accepted video (from its first bytes). */
export function describeOtherFormat(head: Buffer): string | undefined {
	return describeFormat(head, OTHER_FORMATS);
}

/** ISO BMFF top-level box types a file may start with (QuickTime files from before `ftyp` start with these). */
const FIRST_BOXES = new Set(['ftyp', 'moov', 'mdat', 'wide', 'free', 'skip', 'pnot']);
/** Largest `moov` box read into memory to find `mvhd` (it sits at its start; real ones are a few MB at most). */
const MAX_MOOV_READ = 64 * 1024;

export interface Inspection {
	video?: VideoInfo;
	/** The first bytes, to describe what else the file is. */
	head: Buffer;
	/** An MP4 / MOV box structure without this box a video needs. */
	missing?: 'moov';
}

/**
 * Identifies an MP4, MOV or WebM video by its content and reads its duration. Leaves the reader where inspection
 * stopped (the caller measures the rest and closes it).
 */
export async function inspectVideo(source: ByteReader): Promise<Inspection> {
	const head = Buffer.from(await source.read(16));
	if (head.length >= 8 && FIRST_BOXES.has(ascii(head, 4, 8))) {
		const found = await inspectIsoBmff(source, head);
		return found === 'no moov' ? { head, missing: 'moov' } : { head, video: found };
	}
	if (head.length >= 4 && head.readUInt32BE(0) === 0x1a45dfa3) {
		return { head, video: await inspectWebm(source, head) };
	}
	return { head };
}

function info(format: VideoFormat, durationSeconds: number | undefined): VideoInfo {
	const known = durationSeconds !== undefined && Number.isFinite(durationSeconds) && durationSeconds > 0;
	return { format, mimeType: VIDEO_MIME_TYPES[format], durationSeconds: known ? durationSeconds : undefined };
}

// ---------------------------------------------------------------- MP4 / MOV

async function inspectIsoBmff(source: ByteReader, head: Buffer): Promise<VideoInfo | 'no moov' | undefined> {
	let format: VideoFormat = ascii(head, 4, 8) === 'ftyp' ? (ascii(head, 8, 12) === 'qt  ' ? 'mov' : 'mp4') : 'mov';
	let buffered: Buffer = head; // bytes read but not yet consumed, starting at the current box
	const ensure = async (n: number): Promise<boolean> => {
		if (buffered.length >= n) return true;
		const more = await source.read(n - buffered.length);
		buffered = Buffer.concat([buffered, more]);
		return buffered.length >= n;
	};
	for (let boxes = 0; boxes < 10_000; boxes++) {
		if (!(await ensure(8))) return 'no moov'; // the file ended before any moov box
		let size = buffered.readUInt32BE(0);
		const type = ascii(buffered, 4, 8);
		let header = 8;
		if (size === 1) {
			if (!(await ensure(16))) return 'no moov';
			size = Number(buffered.readBigUInt64BE(8));
			header = 16;
		}
		if (boxes === 0 && type === 'ftyp') {
			if (!(await ensure(12))) return 'no moov';
			format = ascii(buffered, 8, 12) === 'qt  ' ? 'mov' : 'mp4';
		}
		if (type === 'moov') {
			const want = size === 0 ? MAX_MOOV_READ : Math.min(size, MAX_MOOV_READ);
			await ensure(want);
			return info(format, mvhdDuration(buffered.subarray(header, want)));
		}
		if (size === 0) return 'no moov'; // runs to the end of the file: no moov after it
		if (size < header) return undefined; // not a real box structure
		// Skip the rest of this box without reading it (media data can be gigabytes).
		if (buffered.length >= size) buffered = buffered.subarray(size);
		else {
			const left = size - buffered.length;
			buffered = Buffer.alloc(0);
			await source.skip(left);
		}
	}
	return info(format, undefined);
}

/** `mvhd` inside a `moov` body: version 0 (32-bit timescale + duration) or 1 (64-bit duration). */
function mvhdDuration(moov: Buffer): number | undefined {
	let offset = 0;
	while (offset + 8 <= moov.length) {
		const size = moov.readUInt32BE(offset);
		const type = ascii(moov, offset + 4, offset + 8);
		if (type === 'mvhd') {
			const body = offset + 8;
			const version = moov[body];
			if (version === 1 && body + 32 <= moov.length) {
				const timescale = moov.readUInt32BE(body + 20);
				const duration = Number(moov.readBigUInt64BE(body + 24));
				return timescale > 0 && duration !== 2 ** 64 - 1 ? duration / timescale : undefined;
			}
			if (body + 20 <= moov.length) {
				const timescale = moov.readUInt32BE(body + 12);
				const duration = moov.readUInt32BE(body + 16);
				return timescale > 0 && duration !== 0xffffffff ? duration / timescale : undefined;
			}
			return undefined;
		}
		if (size < 8) return undefined;
		offset += size;
	}
	return undefined;
}

// ---------------------------------------------------------------- WebM (EBML)

const EBML_DOCTYPE = 0x4282;
const SEGMENT = 0x18538067;
const INFO = 0x1549a966;
const CLUSTER = 0x1f43b675;
const TIMECODE_SCALE = 0x2ad7b1;
const DURATION = 0x4489;
/** Largest element body read into memory while looking for the duration (EBML header, Info). */
const MAX_ELEMENT_READ = 64 * 1024;

/** An EBML variable-length integer at `offset`: its value (marker bit kept for IDs) and length. */
function vint(buffer: Buffer, offset: number, keepMarker: boolean): { value: number; length: number; unknown: boolean } | undefined {
	if (offset >= buffer.length) return undefined;
	const first = buffer[offset];
	let length = 1;
	while (length <= 8 && !(first & (0x80 >> (length - 1)))) length++;
	if (length > 8 || offset + length > buffer.length) return undefined;
	let value = keepMarker ? first : first & (0xff >> length);
	let allOnes = value === 0xff >> length;
	for (let i = 1; i < length; i++) {
		value = value * 256 + buffer[offset + i];
		if (buffer[offset + i] !== 0xff) allOnes = false;
	}
	return { value, length, unknown: !keepMarker && allOnes };
}

function readElements(body: Buffer): Array<{ id: number; data: Buffer }> {
	const out: Array<{ id: number; data: Buffer }> = [];
	let offset = 0;
	while (offset < body.length) {
		const id = vint(body, offset, true);
		if (!id) break;
		const size = vint(body, offset + id.length, false);
		if (!size) break;
		const start = offset + id.length + size.length;
		const end = size.unknown ? body.length : Math.min(body.length, start + size.value);
		out.push({ id: id.value, data: body.subarray(start, end) });
		offset = end;
	}
	return out;
}

function readUnsigned(data: Buffer): number {
	let value = 0;
	for (const byte of data) value = value * 256 + byte;
	return value;
}

async function inspectWebm(source: ByteReader, head: Buffer): Promise<VideoInfo | undefined> {
	let buffered: Buffer = head;
	const ensure = async (n: number): Promise<boolean> => {
		if (buffered.length >= n) return true;
		buffered = Buffer.concat([buffered, await source.read(n - buffered.length)]);
		return buffered.length >= n;
	};
	/** Reads the element header at the start of `buffered`. */
	const header = async () => {
		await ensure(12);
		const id = vint(buffered, 0, true);
		if (!id) return undefined;
		const size = vint(buffered, id.length, false);
		if (!size) return undefined;
		return { id: id.value, size: size.value, unknown: size.unknown, headerLength: id.length + size.length };
	};
	// EBML header: DocType must be "webm" (Matroska files are not accepted by TikTok).
	const ebml = await header();
	if (!ebml || ebml.unknown || ebml.size > MAX_ELEMENT_READ) return undefined;
	await ensure(ebml.headerLength + ebml.size);
	const docType = readElements(buffered.subarray(ebml.headerLength, ebml.headerLength + ebml.size)).find((e) => e.id === EBML_DOCTYPE);
	if (!docType || docType.data.toString('latin1').replace(/\0+$/, '') !== 'webm') return undefined;
	buffered = buffered.subarray(ebml.headerLength + ebml.size);
	const segment = await header();
	if (!segment || segment.id !== SEGMENT) return info('webm', undefined);
	buffered = buffered.subarray(segment.headerLength);
	// Segment children, up to the first Cluster (media data): Info carries the duration.
	for (let n = 0; n < 1000; n++) {
		const child = await header();
		if (!child || child.id === CLUSTER || child.unknown) return info('webm', undefined);
		if (child.id === INFO) {
			if (child.size > MAX_ELEMENT_READ) return info('webm', undefined);
			await ensure(child.headerLength + child.size);
			const fields = readElements(buffered.subarray(child.headerLength, child.headerLength + child.size));
			const scale = fields.find((e) => e.id === TIMECODE_SCALE);
			const duration = fields.find((e) => e.id === DURATION);
			const nsPerTick = scale ? readUnsigned(scale.data) : 1_000_000;
			if (!duration) return info('webm', undefined);
			const ticks = duration.data.length === 4 ? duration.data.readFloatBE(0) : duration.data.length === 8 ? duration.data.readDoubleBE(0) : NaN;
			return info('webm', (ticks * nsPerTick) / 1e9);
		}
		const total = child.headerLength + child.size;
		if (buffered.length >= total) buffered = buffered.subarray(total);
		else {
			const left = total - buffered.length;
			buffered = Buffer.alloc(0);
			await source.skip(left);
		}
	}
	return info('webm', undefined);
}
