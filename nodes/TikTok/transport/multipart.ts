/**
 * A `multipart/form-data` body streamed from its file (RFC 7578), for uploads into TikTok's creative library: the
 * text fields, then one file part whose bytes are read from n8n's binary store as they are sent, never held whole.
 *
 * It is handed to n8n's request helper as a Blob-like object (size, type, `stream()`): the HTTP client sends a Blob
 * as a stream with its `size` as `Content-Length` (a `FormData` would need the whole file in a real Blob on Node 24).
 * Every `stream()` opens the file anew, so a request the transport sends again (TikTok's rate limit, which refused
 * it before doing anything) sends the whole body again.
 */

export interface MultipartFile {
	/** Form field of the file, e.g. `video_file`. */
	field: string;
	fileName: string;
	contentType: string;
	/** Exact size in bytes: the file must hand out exactly these (the body's length is announced before sending). */
	size: number;
	/** The file's bytes in order, from the start, each time it is called. */
	open(): Promise<AsyncIterable<Uint8Array>>;
}

/** What the request helper sends: a Blob as far as the HTTP client can tell. */
export interface StreamedBody {
	readonly [Symbol.toStringTag]: 'Blob';
	readonly size: number;
	/** `multipart/form-data; boundary=…`, also sent as the request's Content-Type. */
	readonly type: string;
	stream(): ReadableStream<Uint8Array>;
	/** Marks the body for the pipeline (not a JSON body, not a FormData). */
	readonly streamedMultipart: true;
}

export function isStreamedBody(body: unknown): body is StreamedBody {
	return typeof body === 'object' && body !== null && (body as { streamedMultipart?: unknown }).streamedMultipart === true;
}

/** Thrown into the body stream when the file does not hold the bytes it was measured to hold. */
export const FILE_CHANGED = 'The file changed while it was being sent (its size differs from when it was measured)';

/** A field value as it may appear in a part header (quotes and line breaks escaped, as browsers and RFC 7578 do). */
function headerValue(text: string): string {
	return text.replace(/\r/g, '%0D').replace(/\n/g, '%0A').replace(/"/g, '%22');
}

/**
 * The multipart body of `fields` (in order) and then `file`. The boundary is derived from `seed` (e.g. the file's MD5)
 * so it is stable for one file, and is checked not to occur in any field value.
 */
export function multipartBody(fields: Array<[string, string]>, file: MultipartFile, seed: string): StreamedBody {
	const boundary = `----n8nTikTokBoundary${seed.replace(/[^A-Za-z0-9]/g, '').slice(0, 32)}`;
	for (const [, value] of fields) {
		if (value.includes(boundary)) throw new Error('A form field contains the multipart boundary');
	}
	const parts: string[] = [];
	for (const [name, value] of fields) {
		parts.push(`--${boundary}\r\nContent-Disposition: form-data; name="${headerValue(name)}"\r\n\r\n${value}\r\n`);
	}
	parts.push(
		`--${boundary}\r\nContent-Disposition: form-data; name="${headerValue(file.field)}"; filename="${headerValue(file.fileName)}"\r\n` +
			`Content-Type: ${file.contentType}\r\n\r\n`,
	);
	const head = Buffer.from(parts.join(''), 'utf8');
	const tail = Buffer.from(`\r\n--${boundary}--\r\n`, 'utf8');

	async function* bytes(): AsyncGenerator<Uint8Array> {
		yield head;
		let sent = 0;
		for await (const piece of await file.open()) {
			sent += piece.length;
			if (sent > file.size) throw new Error(FILE_CHANGED);
			yield piece;
		}
		if (sent !== file.size) throw new Error(FILE_CHANGED);
		yield tail;
	}

	return {
		[Symbol.toStringTag]: 'Blob',
		size: head.length + file.size + tail.length,
		type: `multipart/form-data; boundary=${boundary}`,
		streamedMultipart: true,
		stream() {
			const iterator = bytes();
			return new ReadableStream<Uint8Array>({
				async pull(controller) {
					const { value, done } = await iterator.next();
					if (done) controller.close();
					else controller.enqueue(value);
				},
				async cancel() {
					await iterator.return(undefined);
				},
			});
		},
	};
}
