/**
 * Reading TikTok's lead files without runtime dependencies: CSV (RFC 4180: quoted fields holding commas, quotes
 * written twice, line breaks; CRLF, LF or CR rows; an optional UTF-8 byte order mark) and zip archives (TikTok zips
 * the CSV when it is over 10 MB; contract §8.3). Errors never quote the file's content: it is personal data.
 */

/** Thrown when a lead file cannot be read; its message says where, never what. */
export class LeadFileError extends Error {}

/** Parses CSV text into rows of fields. A final empty line is ignored; rows may differ in length. */
export function parseCsv(text: string): string[][] {
	const rows: string[][] = [];
	let row: string[] = [];
	let field = '';
	let quoted = false;
	let line = 1;
	let quoteStartLine = 0;
	let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
	const n = text.length;
	const endRow = () => {
		row.push(field);
		rows.push(row);
		row = [];
		field = '';
	};
	while (i < n) {
		const c = text[i];
		if (quoted) {
			if (c === '"') {
				if (text[i + 1] === '"') {
					field += '"';
					i += 2;
					continue;
				}
				quoted = false;
				i++;
				continue;
			}
			if (c === '\n') line++;
			field += c;
			i++;
			continue;
		}
		if (c === '"' && field === '') {
			quoted = true;
			quoteStartLine = line;
			i++;
		} else if (c === ',') {
			row.push(field);
			field = '';
			i++;
		} else if (c === '\r' || c === '\n') {
			endRow();
			line++;
			i += c === '\r' && text[i + 1] === '\n' ? 2 : 1;
		} else {
			field += c;
			i++;
		}
	}
	if (quoted) throw new LeadFileError(`a quoted field opened on line ${quoteStartLine} is never closed`);
	if (field !== '' || row.length > 0) endRow();
	return rows;
}

const LOCAL_FILE = 0x04034b50;
const CENTRAL_FILE = 0x02014b50;
const END_OF_CENTRAL = 0x06054b50;

/** Whether the bytes are a zip archive (they start with a local file header, "PK\3\4"). */
export function isZip(data: Buffer): boolean {
	return data.length >= 4 && data.readUInt32LE(0) === LOCAL_FILE;
}

async function inflateRaw(data: Buffer): Promise<Buffer> {
	const stream = new DecompressionStream('deflate-raw');
	const writer = stream.writable.getWriter();
	const written = writer.write(data).then(async () => await writer.close());
	const reader = stream.readable.getReader();
	const chunks: Buffer[] = [];
	const read = (async () => {
		for (;;) {
			const { done, value } = await reader.read();
			if (done) return;
			chunks.push(Buffer.from(value));
		}
	})();
	await Promise.all([written, read]);
	return Buffer.concat(chunks);
}

/**
 * The first file of a zip archive whose name ends in `extension` (any file when none does), uncompressed. Reads the
 * central directory, so archives written with data descriptors work too. Stored and deflated entries are supported.
 */
export async function unzipFile(data: Buffer, extension = '.csv'): Promise<Buffer> {
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
	const entries: Array<{ name: string; method: number; size: number; offset: number }> = [];
	for (let k = 0; k < count; k++) {
		if (p + 46 > data.length || data.readUInt32LE(p) !== CENTRAL_FILE) throw new LeadFileError('the zip directory is damaged');
		const nameLength = data.readUInt16LE(p + 28);
		entries.push({
			method: data.readUInt16LE(p + 10),
			size: data.readUInt32LE(p + 20),
			offset: data.readUInt32LE(p + 42),
			name: data.toString('utf8', p + 46, p + 46 + nameLength),
		});
		p += 46 + nameLength + data.readUInt16LE(p + 30) + data.readUInt16LE(p + 32);
	}
	const entry = entries.find((e) => e.name.toLowerCase().endsWith(extension)) ?? entries.find((e) => !e.name.endsWith('/'));
	if (!entry) throw new LeadFileError('the zip archive is empty');
	const o = entry.offset;
	if (o + 30 > data.length || data.readUInt32LE(o) !== LOCAL_FILE) throw new LeadFileError('a zip entry is damaged');
	const start = o + 30 + data.readUInt16LE(o + 26) + data.readUInt16LE(o + 28);
	const content = data.subarray(start, start + entry.size);
	if (entry.method === 0) return Buffer.from(content);
	if (entry.method === 8) {
		const inflated = await inflateRaw(content).catch(() => undefined);
		if (!inflated) throw new LeadFileError('a zip entry could not be decompressed');
		return inflated;
	}
	throw new LeadFileError(`the zip archive uses an unsupported compression method (${entry.method})`);
}
