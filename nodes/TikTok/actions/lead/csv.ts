/**
 * Reading TikTok's lead files without runtime dependencies, in bounded memory: CSV (RFC 4180: quoted fields holding
 * commas, quotes written twice, line breaks; CRLF, LF or CR rows) and zip archives (TikTok zips the CSV when it is over
 * 10 MB; contract §8.3). The text is parsed as it is inflated and decoded, row by row: neither the inflated file nor
 * its text is ever held whole. Every bound (inflated size, field length, rows) is counted here, whatever the zip's
 * headers say. Errors never quote the file's content: it is personal data.
 */
import type { CsvPartSink, LeadFileBounds, LeadFileEncoding } from './csvParser';
import { CsvParser, LEAD_FILE_BOUNDS, LeadFileError, MiB, crc32 } from './csvParser';

export type { CsvPartSink, LeadFileBounds, LeadFileEncoding };
export { CsvParser, LEAD_FILE_BOUNDS, LeadFileError, crc32, parseCsv } from './csvParser';

const LOCAL_FILE = 0x04034b50;
const CENTRAL_FILE = 0x02014b50;
const END_OF_CENTRAL = 0x06054b50;
/** Slices of compressed input handed to the inflater at a time. */
const INPUT_SLICE = 64 * 1024;

/** Whether the bytes are a zip archive (they start with a local file header, "PK\3\4"). */
export function isZip(data: Buffer): boolean {
	return data.length >= 4 && data.readUInt32LE(0) === LOCAL_FILE;
}

interface ZipEntry {
	name: string;
	method: number;
	crc: number;
	compressedSize: number;
	offset: number;
}

/** The entries of a zip's central directory (names, methods, CRCs and where their data is; sizes are not trusted). */
export function zipEntries(data: Buffer): ZipEntry[] {
	let end = -1;
	for (let p = data.length - 22; p >= Math.max(0, data.length - 22 - 0xffff); p--) {
		if (data.readUInt32LE(p) === END_OF_CENTRAL) {
			end = p;
			break;
		}
	}
	if (end === -1) throw new LeadFileError('the zip archive has no central directory');
	const count = data.readUInt16LE(end + 10);
	let p = data.readUInt32LE(end + 16);
	const entries: ZipEntry[] = [];
	for (let k = 0; k < count; k++) {
		if (p + 46 > data.length || data.readUInt32LE(p) !== CENTRAL_FILE) throw new LeadFileError('the zip directory is damaged');
		const nameLength = data.readUInt16LE(p + 28);
		entries.push({
			method: data.readUInt16LE(p + 10),
			crc: data.readUInt32LE(p + 16),
			compressedSize: data.readUInt32LE(p + 20),
			offset: data.readUInt32LE(p + 42),
			name: data.toString('utf8', p + 46, p + 46 + nameLength),
		});
		p += 46 + nameLength + data.readUInt16LE(p + 30) + data.readUInt16LE(p + 32);
	}
	return entries;
}

/** The compressed bytes of an entry, checked against its local header. */
function entryData(data: Buffer, entry: ZipEntry): Buffer {
	const o = entry.offset;
	if (o + 30 > data.length || data.readUInt32LE(o) !== LOCAL_FILE) throw new LeadFileError(`the zip entry ${entry.name} is damaged`);
	if (entry.compressedSize === 0xffffffff) throw new LeadFileError(`the zip entry ${entry.name} uses zip64, which the node does not read`);
	const start = o + 30 + data.readUInt16LE(o + 26) + data.readUInt16LE(o + 28);
	if (start + entry.compressedSize > data.length) throw new LeadFileError(`the zip entry ${entry.name} is cut short`);
	return data.subarray(start, start + entry.compressedSize);
}

/** Runs `onChunk`, returning what it threw (undefined when it did not). */
function consume(onChunk: (chunk: Uint8Array) => void, chunk: Uint8Array): unknown {
	try {
		onChunk(chunk);
		return undefined;
	} catch (error) {
		return error ?? new LeadFileError('the file could not be read');
	}
}

/** Inflates `input` (raw deflate) chunk by chunk into `onChunk`; stops as soon as `onChunk` throws. */
async function inflateRaw(input: Buffer, onChunk: (chunk: Uint8Array) => void): Promise<void> {
	const stream = new DecompressionStream('deflate-raw');
	const writer = stream.writable.getWriter();
	const reader = stream.readable.getReader();
	let stopped = false;
	const write = (async () => {
		for (let offset = 0; offset < input.length && !stopped; offset += INPUT_SLICE) {
			await writer.ready;
			void writer.write(input.subarray(offset, offset + INPUT_SLICE)).catch(() => undefined);
		}
		if (!stopped) await writer.close();
	})();
	const read = (async () => {
		let failure: unknown;
		for (;;) {
			const next = await reader.read().then(
				(result) => result,
				(error: unknown) => ({ error }),
			);
			if ('error' in next) {
				failure = next.error;
				break;
			}
			if (next.done) return;
			// The consumer stops the inflate by throwing (a bound): no more input is fed, the stream is cancelled.
			failure = consume(onChunk, next.value);
			if (failure !== undefined) break;
		}
		stopped = true;
		await reader.cancel().catch(() => undefined);
		return await Promise.reject(failure);
	})();
	const [written, readOut] = await Promise.allSettled([write, read]);
	if (readOut.status === 'rejected') throw readOut.reason;
	if (written.status === 'rejected') throw written.reason;
}

/** The encoding a part announces with a byte order mark, and how many bytes the mark takes. */
function byteOrderMark(first: Uint8Array): { encoding: LeadFileEncoding; length: number } | undefined {
	if (first.length >= 3 && first[0] === 0xef && first[1] === 0xbb && first[2] === 0xbf) return { encoding: 'utf-8', length: 3 };
	if (first.length >= 2 && first[0] === 0xff && first[1] === 0xfe) return { encoding: 'utf-16le', length: 2 };
	return undefined;
}

/** Not UTF-8 after all: the part is read again as Latin-1. */
class NotUtf8 extends Error {}

/** Decodes a part's bytes as they come, into the parser. */
class PartDecoder {
	private started = false;
	private decoder?: InstanceType<typeof TextDecoder>;
	private head = Buffer.alloc(0);

	constructor(
		private readonly parser: CsvParser,
		public encoding: LeadFileEncoding | undefined,
	) {}

	write(chunk: Uint8Array): void {
		let bytes = chunk;
		if (!this.started) {
			// Wait for three bytes to look for a byte order mark.
			this.head = Buffer.concat([this.head, chunk]);
			if (this.head.length < 3) return;
			bytes = this.start(this.head);
		}
		this.decode(bytes, false);
	}

	private start(head: Buffer): Uint8Array {
		this.started = true;
		const mark = byteOrderMark(head);
		if (mark) this.encoding = mark.encoding;
		this.encoding ??= 'utf-8';
		if (this.encoding !== 'latin1') this.decoder = new TextDecoder(this.encoding, { fatal: true });
		return mark ? head.subarray(mark.length) : head;
	}

	private decode(bytes: Uint8Array, last: boolean): void {
		let text: string | undefined;
		if (this.decoder) {
			try {
				text = this.decoder.decode(bytes, { stream: !last });
			} catch {
				text = undefined;
			}
			if (text === undefined) {
				if (this.encoding === 'utf-8') throw new NotUtf8();
				throw new LeadFileError(`its text is not valid ${this.encoding}`);
			}
		} else {
			text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
		}
		this.parser.write(text);
	}

	end(): void {
		if (!this.started) this.decode(this.start(this.head), true);
		else this.decode(new Uint8Array(0), true);
		this.parser.end();
	}
}

/** What reading a lead file's CSV parts came to. */
export interface CsvReadResult {
	/** The encoding of each part (Latin-1 when a part is not valid UTF-8 and has no byte order mark). */
	encodings: LeadFileEncoding[];
}

/**
 * Streams every CSV part of a lead file (the file itself, or each CSV entry of a zip, in the archive's order) into
 * sinks made by `newPart`: bytes are inflated, CRC-checked, decoded and parsed as they come, and the inflated size is
 * counted against the bound whatever the zip's headers claim. A part that is not valid UTF-8 (and has no byte order
 * mark) is read again as Latin-1: `newPart` is then called again for it, and the sink made before must be dropped.
 */
export async function readCsvParts(
	body: Buffer,
	newPart: (index: number) => CsvPartSink,
	bounds: LeadFileBounds = LEAD_FILE_BOUNDS,
): Promise<CsvReadResult> {
	const encodings: LeadFileEncoding[] = [];
	const readPart = async (index: number, feed: (decoder: PartDecoder) => Promise<void>) => {
		for (const encoding of [undefined, 'latin1'] as const) {
			const sink = newPart(index);
			const decoder = new PartDecoder(new CsvParser((row) => sink.row(row), bounds.maxFieldChars), encoding);
			const failure = await feed(decoder).then(
				() => {
					decoder.end();
					return undefined;
				},
				(error: unknown) => error,
			).then(
				(error) => error,
				(error: unknown) => error,
			);
			if (failure === undefined) {
				encodings.push(decoder.encoding ?? 'utf-8');
				return;
			}
			if (!(failure instanceof NotUtf8)) return await Promise.reject(failure);
		}
	};
	if (!isZip(body)) {
		await readPart(0, async (decoder) => decoder.write(body));
		return { encodings };
	}
	const entries = zipEntries(body).filter((e) => !e.name.endsWith('/'));
	const csvEntries = entries.filter((e) => e.name.toLowerCase().endsWith('.csv'));
	const parts = csvEntries.length > 0 ? csvEntries : entries;
	if (parts.length === 0) throw new LeadFileError('the zip archive is empty');
	let inflated = 0;
	for (const [index, entry] of parts.entries()) {
		const input = entryData(body, entry);
		if (entry.method !== 0 && entry.method !== 8) {
			throw new LeadFileError(`the zip archive uses an unsupported compression method (${entry.method})`);
		}
		let counted = inflated;
		await readPart(index, async (decoder) => {
			counted = inflated;
			let crc = 0;
			const onChunk = (chunk: Uint8Array) => {
				counted += chunk.length;
				if (counted > bounds.maxInflatedBytes) {
					throw new LeadFileError(
						`it inflates to more than ${Math.round(bounds.maxInflatedBytes / MiB)} MB (the node's bound for one lead file)`,
					);
				}
				crc = crc32(chunk, crc);
				decoder.write(chunk);
			};
			if (entry.method === 0) {
				for (let offset = 0; offset < input.length; offset += INPUT_SLICE) onChunk(input.subarray(offset, offset + INPUT_SLICE));
			} else {
				await inflateRaw(input, onChunk).catch((error: unknown) => {
					if (error instanceof LeadFileError || error instanceof NotUtf8) throw error;
					throw new LeadFileError(`the zip entry ${entry.name} could not be decompressed`);
				});
			}
			if (crc !== entry.crc) throw new LeadFileError(`the zip entry ${entry.name} fails its CRC-32 check (the download is damaged)`);
		});
		inflated = counted;
	}
	return { encodings };
}
