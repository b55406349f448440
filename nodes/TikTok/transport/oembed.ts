import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { httpFailure, tikTokApiError } from './errors';
import type { AttemptOutcome } from './retry';
import { withRetry } from './retry';

/** TikTok's public oEmbed endpoint: no credential, no token. */
export const OEMBED_ENDPOINT = 'https://www.tiktok.com/oembed';

/**
 * Asks TikTok's oEmbed endpoint about a video (or profile) URL. No credential is involved. TikTok answers an unknown,
 * private or removed video with HTTP 400 `{"code":400,"message":"Something went wrong"}`: that becomes a "not found or
 * not embeddable" error. Throttling (429), server faults and network errors are retried (a GET is harmless to repeat).
 */
export async function oembedRequest(
	this: IExecuteFunctions,
	request: { url: string; endpoint?: string; itemIndex?: number },
): Promise<IDataObject> {
	const node = this.getNode();
	const endpoint = (request.endpoint ?? OEMBED_ENDPOINT).trim();
	if (!/^https?:\/\/[^/?#\s]+(\/[^?#\s]*)?$/i.test(endpoint)) {
		throw new NodeOperationError(
			node,
			`The "oEmbed Endpoint" option must be an http(s) URL without query, got "${endpoint.slice(0, 80)}"`,
			{ itemIndex: request.itemIndex },
		);
	}

	return await withRetry(async (attempt): Promise<AttemptOutcome<IDataObject>> => {
		let body: unknown;
		try {
			body = await this.helpers.httpRequest({
				method: 'GET',
				url: endpoint,
				qs: { url: request.url },
				headers: { Accept: 'application/json' },
				json: true,
			});
		} catch (error) {
			const failure = httpFailure(error);
			const notFound = failure.status === 400 || failure.status === 404;
			const said = failure.body as IDataObject | undefined;
			const final = tikTokApiError(
				node,
				{
					api: 'oembed',
					code: failure.status ?? 'network',
					message: notFound
						? `video not found or not embeddable (Video URL ${request.url})`
						: String(said?.message ?? failure.message),
					httpStatus: failure.status,
					attempts: attempt + 1,
				},
				request.itemIndex,
			);
			if (notFound) throw final;
			const transient = failure.status === undefined || failure.status === 429 || failure.status >= 500;
			if (transient) return { retry: final };
			throw final;
		}
		if (typeof body === 'string') {
			try {
				body = JSON.parse(body);
			} catch {
				// handled below
			}
		}
		if (typeof body !== 'object' || body === null || typeof (body as IDataObject).html !== 'string') {
			throw tikTokApiError(
				node,
				{
					api: 'oembed',
					code: 'unexpected',
					message: 'TikTok oEmbed answered with something that is not an embed description',
					attempts: attempt + 1,
				},
				request.itemIndex,
			);
		}
		return { done: body as IDataObject };
	});
}
