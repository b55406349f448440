/**
 * TikTok types some IDs as int64 and may send them as JSON numbers (the Content Posting API's
 * `publicaly_available_post_id` is `list<int64>`): a 19-digit number loses its last digits in `JSON.parse`. This reads
 * a JSON text with every integer of 16 or more digits outside strings kept as a string.
 */
export function parseJsonKeepingLargeIntegers(text: unknown): unknown {
	if (typeof text !== 'string') return text;
	let out = '';
	let inString = false;
	for (let i = 0; i < text.length; i++) {
		const c = text[i];
		if (inString) {
			out += c;
			if (c === '\\') out += text[++i] ?? '';
			else if (c === '"') inString = false;
			continue;
		}
		if (c === '"') {
			inString = true;
			out += c;
			continue;
		}
		if (c === '-' || (c >= '0' && c <= '9')) {
			let j = i + 1;
			while (j < text.length && /[0-9.eE+-]/.test(text[j])) j++;
			const literal = text.slice(i, j);
			out += /^-?\d{16,}$/.test(literal) ? `"${literal}"` : literal;
			i = j - 1;
			continue;
		}
		out += c;
	}
	try {
		return JSON.parse(out) as unknown;
	} catch {
		return text;
	}
}
