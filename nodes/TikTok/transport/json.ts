/**
 * THE long-integer policy of the transport, and its one parser. TikTok types many IDs as int64 and may send them as
 * bare JSON numbers (a Business attribute metric's `campaign_id`, the Content Posting API's
 * `publicaly_available_post_id`): a 19-digit number loses its last digits in `JSON.parse`. Every bare integer of 16 or
 * more digits outside strings is read as text instead; strings are left alone. Not JSON: the text comes back as is.
 */
export function parseJsonKeepingLargeIntegers(text: unknown): unknown {
	if (typeof text !== 'string') return text;
	try {
		return JSON.parse(
			text.replace(/"(?:[^"\\]|\\.)*"|(?<![\d.eE+-])-?\d{16,}(?![\d.eE])/g, (match) =>
				match.startsWith('"') ? match : `"${match}"`,
			),
		) as unknown;
	} catch {
		return text;
	}
}
