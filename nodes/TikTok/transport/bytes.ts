/**
 * The one way to read a file's bytes in order, whether n8n holds it in memory or streams it from its binary store:
 * container inspection (`read` / `skip`, to find a video's boxes without holding its media data) and the chunked
 * upload (`next`, exactly one chunk) use the same reader, so a file is measured and sent the same way.
 */
export interface ByteReader {
	/** Up to `length` bytes (fewer only at the end of the file; empty there). The buffer stays valid. */
	read(length: number): Promise<Buffer>;
	/** Drops up to `length` bytes without holding them (`Infinity`: to the end); resolves to how many were dropped. */
	skip(length: number): Promise<number>;
	/** Exactly the next `length` bytes, or an error when the file ends first. A view valid until the next call. */
	next(length: number): Promise<Buffer>;
	/** Bytes consumed so far (read, skipped or handed out). */
	readonly position: number;
	close(): void;
}

/** Thrown by `next` when the file holds fewer bytes than asked for. */
export const SHORTER_THAN_RECORDED = 'The file is shorter than its recorded size';

/** A reader over bytes already in memory (n8n's default binary mode): views, no copies. */
export function bufferReader(buffer: Buffer): ByteReader {
	let offset = 0;
	return {
		get position() {
			return offset;
		},
		async read(length) {
			const view = buffer.subarray(offset, Math.min(buffer.length, offset + length));
			offset += view.length;
			return view;
		},
		async skip(length) {
			const dropped = Math.min(buffer.length - offset, length);
			offset += dropped;
			return dropped;
		},
		async next(length) {
			if (offset + length > buffer.length) throw new Error(SHORTER_THAN_RECORDED);
			const view = buffer.subarray(offset, offset + length);
			offset += length;
			return view;
		},
		close() {},
	};
}

/**
 * A reader over a stream of the file (n8n's filesystem / S3 / database binary modes). `next` copies the pieces into
 * ONE buffer as large as the largest chunk asked for, reused for every chunk, so memory stays at one chunk (plus the
 * stream's small read-ahead) whatever the file's size; `skip` drops pieces as they come.
 */
export function streamReader(stream: AsyncIterable<Buffer | Uint8Array | string> & { destroy?: () => void }, largest = 0): ByteReader {
	const iterator = stream[Symbol.asyncIterator]();
	let target: Buffer | undefined;
	let pending: Buffer = Buffer.alloc(0);
	let ended = false;
	let position = 0;
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
	/** Takes up to `length` bytes from the stream, handing each piece to `use`; returns how many were taken. */
	const take = async (length: number, use: (piece: Buffer, at: number) => void): Promise<number> => {
		let have = 0;
		while (have < length) {
			if (pending.length === 0 && !(await pull())) break;
			const n = Math.min(length - have, pending.length);
			use(pending.subarray(0, n), have);
			pending = pending.subarray(n);
			have += n;
		}
		position += have;
		return have;
	};
	return {
		get position() {
			return position;
		},
		async read(length) {
			const parts: Buffer[] = [];
			const have = await take(length, (piece) => parts.push(piece));
			return parts.length === 1 ? parts[0] : Buffer.concat(parts, have);
		},
		async skip(length) {
			return await take(length, () => {});
		},
		async next(length) {
			if (!target || target.length < length) target = Buffer.allocUnsafe(Math.max(length, largest));
			const into = target;
			const have = await take(length, (piece, at) => piece.copy(into, at));
			if (have < length) throw new Error(SHORTER_THAN_RECORDED);
			return into.subarray(0, length);
		},
		close() {
			stream.destroy?.();
			void iterator.return?.();
		},
	};
}
