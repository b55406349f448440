/**
 * Just enough of the MP4/MOV (ISO base media) and WebM (EBML) containers to tell which one a file is from its bytes
 * (not its name), and how long it plays when the container says so:
 * - MP4 / MOV: the top-level boxes are walked (skipping the media data without reading it into memory) to the `moov`
 *   box, whose `mvhd` holds `duration / timescale`; `ftyp` major brand `qt  ` (or no `ftyp`, old QuickTime) is MOV;
 * - WebM: the EBML header's DocType must be `webm`; `Segment` → `Info` → `Duration` (a float, in `TimecodeScale` ns,
 *   default 1 ms) when the muxer wrote it (live recordings often do not: then the duration is unknown).
 * Reads from a `ByteSource` so that a file stored outside memory is inspected as a stream, a few KB at a time.
 */

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

/** Sequential access to a file's bytes: `read(n)` returns up to n bytes (fewer only at the end), `skip(n)` drops n. */
export interface ByteSource {
	read(length: number): Promise<Buffer>;
	skip(length: number): Promise<void>;
	close(): void;
}

export function bufferSource(buffer: Buffer): ByteSource {
	let offset = 0;
	return {
		async read(length) {
			const view = buffer.subarray(offset, Math.min(buffer.length, offset + length));
			offset += view.length;
			return view;
		},
		async skip(length) {
			offset = Math.min(buffer.length, offset + length);
		},
		close() {},
	};
}

export function streamSource(stream: AsyncIterable<Buffer | Uint8Array | string> & { destroy?: () => void }): ByteSource {
	const iterator = stream[Symbol.asyncIterator]();
	let pending: Buffer = Buffer.alloc(0);
	let ended = false;
	const pull = async (): Promise<boolean> => {
		if (ended) return false;
		const { value, done } = await iterator.next();
		if (done) {
			ended = true;
			return false;
		}
		pending = typeof value === 'string' ? Buffer.from(value) : Buffer.isBuffer(value) ? value : Buffer.from(value);
		return true;
	};
	return {
		async read(length) {
			const parts: Buffer[] = [];
			let have = 0;
			while (have < length) {
				if (pending.length === 0 && !(await pull())) break;
				const take = Math.min(length - have, pending.length);
				parts.push(pending.subarray(0, take));
				pending = pending.subarray(take);
				have += take;
			}
			return parts.length === 1 ? parts[0] : Buffer.concat(parts, have);
		},
		async skip(length) {
			let left = length;
			while (left > 0) {
				if (pending.length === 0 && !(await pull())) return;
				const take = Math.min(left, pending.length);
				pending = pending.subarray(take);
				left -= take;
			}
		},
		close() {
			stream.destroy?.();
			void iterator.return?.();
		},
	};
}

function ascii(buffer: Buffer, start: number, end: number): string {
	if (buffer.length < end) return '';
	return buffer.toString('latin1', start, end);
}

/** Other formats people send by mistake, named in the error so the fix is obvious. */
const OTHER_SIGNATURES: Array<{ name: string; test: (b: Buffer) => boolean }> = [
	{ name: 'a PNG image', test: (b) => b.length >= 8 && b.readUInt32BE(0) === 0x89504e47 && b.readUInt32BE(4) === 0x0d0a1a0a },
	{ name: 'a JPEG image', test: (b) => b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
	{ name: 'a GIF image', test: (b) => ascii(b, 0, 4) === 'GIF8' },
	{ name: 'a WebP image', test: (b) => ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 12) === 'WEBP' },
	{ name: 'an AVI video', test: (b) => ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 12) === 'AVI ' },
	{ name: 'a PDF document', test: (b) => ascii(b, 0, 5) === '%PDF-' },
	{ name: 'a ZIP archive', test: (b) => ascii(b, 0, 4) === 'PK\u0003\u0004' },
	{ name: 'an MP3 file', test: (b) => ascii(b, 0, 3) === 'ID3' || (b.length >= 2 && b[0] === 0xff && (b[1] & 0xe0) === 0xe0) },
	{ name: 'an MPEG transport stream', test: (b) => b.length > 188 && b[0] === 0x47 && b[188] === 0x47 },
	{ name: 'a Matroska (MKV) video', test: (b) => b.length >= 4 && b.readUInt32BE(0) === 0x1a45dfa3 },
	{ name: 'a text file', test: (b) => b.length > 0 && [...b.subarray(0, 64)].every((c) => c === 9 || c === 10 || c === 13 || (c >= 32 && c < 127)) },
];

/** What the file looks like when it is not an accepted video (from its first bytes). */
export function describeOtherFormat(head: Buffer): string | undefined {
	if (head.length === 0) return 'an empty file';
	return OTHER_SIGNATURES.find((s) => s.test(head))?.name;
}

/** ISO BMFF top-level box types a file may start with (QuickTime files from before `ftyp` start with these). */
const FIRST_BOXES = new Set(['ftyp', 'moov', 'mdat', 'wide', 'free', 'skip', 'pnot']);
/** Largest `moov` box read into memory to find `mvhd` (it sits at its start; real ones are a few MB at most). */
const MAX_MOOV_READ = 64 * 1024;

export interface Inspection {
	video?: VideoInfo;
	/** The first bytes, to describe what else the file is. */
	head: Buffer;
}

/** Identifies an MP4, MOV or WebM video by its content and reads its duration. Closes the source. */
export async function inspectVideo(source: ByteSource): Promise<Inspection> {
	try {
		const head = Buffer.from(await source.read(16));
		if (head.length >= 8 && FIRST_BOXES.has(ascii(head, 4, 8))) {
			return { head, video: await inspectIsoBmff(source, head) };
		}
		if (head.length >= 4 && head.readUInt32BE(0) === 0x1a45dfa3) {
			return { head, video: await inspectWebm(source, head) };
		}
		return { head };
	} finally {
		source.close();
	}
}

function info(format: VideoFormat, durationSeconds: number | undefined): VideoInfo {
	const known = durationSeconds !== undefined && Number.isFinite(durationSeconds) && durationSeconds > 0;
	return { format, mimeType: VIDEO_MIME_TYPES[format], durationSeconds: known ? durationSeconds : undefined };
}

// ---------------------------------------------------------------- MP4 / MOV

async function inspectIsoBmff(source: ByteSource, head: Buffer): Promise<VideoInfo | undefined> {
	let format: VideoFormat = ascii(head, 4, 8) === 'ftyp' ? (ascii(head, 8, 12) === 'qt  ' ? 'mov' : 'mp4') : 'mov';
	let buffered: Buffer = head; // bytes read but not yet consumed, starting at the current box
	const ensure = async (n: number): Promise<boolean> => {
		if (buffered.length >= n) return true;
		const more = await source.read(n - buffered.length);
		buffered = Buffer.concat([buffered, more]);
		return buffered.length >= n;
	};
	for (let boxes = 0; boxes < 10_000; boxes++) {
		if (!(await ensure(8))) return info(format, undefined);
		let size = buffered.readUInt32BE(0);
		const type = ascii(buffered, 4, 8);
		let header = 8;
		if (size === 1) {
			if (!(await ensure(16))) return info(format, undefined);
			size = Number(buffered.readBigUInt64BE(8));
			header = 16;
		}
		if (boxes === 0 && type === 'ftyp') {
			if (!(await ensure(12))) return info(format, undefined);
			format = ascii(buffered, 8, 12) === 'qt  ' ? 'mov' : 'mp4';
		}
		if (type === 'moov') {
			const want = size === 0 ? MAX_MOOV_READ : Math.min(size, MAX_MOOV_READ);
			await ensure(want);
			return info(format, mvhdDuration(buffered.subarray(header, want)));
		}
		if (size === 0) return info(format, undefined); // runs to the end of the file: no moov after it
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

async function inspectWebm(source: ByteSource, head: Buffer): Promise<VideoInfo | undefined> {
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
