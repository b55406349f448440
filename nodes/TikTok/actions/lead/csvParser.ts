/**
 * The bounds of a lead file and the incremental CSV parser (RFC 4180) that reads it in bounded memory; see csv.ts for
 * the zip and decoding side. Errors never quote the file's content: it is personal data.
 */
import { crc32 } from './crc32';

export { crc32 };

/** Thrown when a lead file cannot be read; its message says where and which bound, never what. */
export class LeadFileError extends Error {}

/** How much of a lead file the node reads before refusing it. */
export interface LeadFileBounds {
	/** Bytes of the download as received (CSV, zip or JSON). */
	maxDownloadBytes: number;
	/** Bytes of all CSV parts of a zip once inflated (counted while inflating). */
	maxInflatedBytes: number;
	/** Characters of one CSV field (one answer). */
	maxFieldChars: number;
	/** Leads in one file (rows after the header, all parts together). */
	maxRows: number;
}

export const MiB = 1024 * 1024;

export const LEAD_FILE_BOUNDS: LeadFileBounds = {
	maxDownloadBytes: 64 * MiB,
	maxInflatedBytes: 128 * MiB,
	maxFieldChars: 65_536,
	maxRows: 300_000,
};

/** The encoding a CSV part was read in. */
export type LeadFileEncoding = 'utf-8' | 'utf-16le' | 'latin1';

/** Receives the rows of one CSV part, header first. */
export interface CsvPartSink {
	row(fields: string[]): void;
}

/** Incremental RFC 4180 parser: text goes in chunk by chunk, rows come out as soon as they end. */
export class CsvParser {
	private row: string[] = [];
	private field = '';
	private quoted = false;
	private afterQuote = false;
	private atFieldStart = true;
	private skipLf = false;
	private rowNumber = 1;

	constructor(
		private readonly onRow: (fields: string[]) => void,
		private readonly maxFieldChars: number,
	) {}

	private append(text: string): void {
		if (text === '') return;
		this.field = this.field === '' ? text : this.field + text;
		if (this.field.length > this.maxFieldChars) {
			throw new LeadFileError(
				`a field of row ${this.rowNumber} is longer than ${this.maxFieldChars.toLocaleString('en-US')} characters (the node's bound for one answer); TikTok's own exports stay far below it, so the file is not a lead export or is damaged`,
			);
		}
	}

	private endField(): void {
		this.row.push(this.field);
		this.field = '';
		this.atFieldStart = true;
	}

	private endRow(): void {
		this.endField();
		const row = this.row;
		this.row = [];
		this.rowNumber++;
		this.onRow(row);
	}

	write(text: string): void {
		const n = text.length;
		let i = 0;
		if (this.skipLf && n > 0) {
			this.skipLf = false;
			if (text.charCodeAt(0) === 10) i = 1;
		}
		while (i < n) {
			if (this.quoted) {
				const close = text.indexOf('"', i);
				if (close === -1) {
					this.append(text.slice(i));
					return;
				}
				this.append(text.slice(i, close));
				this.quoted = false;
				this.afterQuote = true;
				i = close + 1;
				continue;
			}
			if (this.afterQuote) {
				this.afterQuote = false;
				if (text.charCodeAt(i) === 34) {
					// A quote written twice inside a quoted field.
					this.append('"');
					this.quoted = true;
					i++;
					continue;
				}
			}
			if (this.atFieldStart && text.charCodeAt(i) === 34) {
				this.quoted = true;
				this.atFieldStart = false;
				i++;
				continue;
			}
			let j = i;
			while (j < n) {
				const c = text.charCodeAt(j);
				if (c === 44 || c === 10 || c === 13) break;
				j++;
			}
			if (j > i) {
				this.append(text.slice(i, j));
				this.atFieldStart = false;
			}
			if (j === n) return;
			const c = text.charCodeAt(j);
			i = j + 1;
			if (c === 44) {
				this.endField();
			} else {
				this.endRow();
				if (c === 13) {
					if (i < n) {
						if (text.charCodeAt(i) === 10) i++;
					} else {
						this.skipLf = true;
					}
				}
			}
		}
	}

	/** The end of the text: a last row without a line break, or an unclosed quote. */
	end(): void {
		if (this.quoted) throw new LeadFileError(`a quoted field of row ${this.rowNumber} is never closed`);
		if (this.field !== '' || this.row.length > 0 || this.afterQuote) this.endRow();
	}
}

/** Parses CSV text into rows of fields (a whole text at once; the lead reader streams instead). */
export function parseCsv(text: string, maxFieldChars = LEAD_FILE_BOUNDS.maxFieldChars): string[][] {
	const rows: string[][] = [];
	const parser = new CsvParser((row) => rows.push(row), maxFieldChars);
	parser.write(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
	parser.end();
	return rows;
}
