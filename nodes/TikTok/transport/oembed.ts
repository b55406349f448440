import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { isRetryableHttpFailure, retryAfterMs, tikTokApiError } from './errors';
import { decodeBody } from './pipeline';
import { TIMEOUT_BUDGET_FACTOR, exchange, requestTimeoutMs } from './request';
import type { AttemptOutcome } from './retry';
import { retryPolicyFor, withRetry } from './retry';

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

	const timeoutMs = requestTimeoutMs.call(this, request.itemIndex);
	return await withRetry(async (attempt, remainingMs): Promise<AttemptOutcome<IDataObject>> => {
		// No credential here, so TikTok's own redirects (www.tiktok.com moves) may be followed, a few at most.
		const answer = await exchange.call(this, {
			options: { method: 'GET', url: endpoint, qs: { url: request.url }, headers: { Accept: 'application/json' }, json: true },
			timeoutMs: Math.min(timeoutMs, remainingMs),
			maxRedirects: 5,
			decode: decodeBody,
		});
		if (!answer.ok) {
			const failure = answer.failure;
			if (failure.cancelled) throw new NodeOperationError(node, 'The execution was cancelled', { itemIndex: request.itemIndex });
			if (failure.timedOut) failure.message = failure.message.replace(/^TikTok /, 'TikTok oEmbed ');
			const notFound = failure.status === 400 || failure.status === 404;
			const said = failure.body as IDataObject | undefined;
			const final = tikTokApiError(
				node,
				{
					api: 'oembed',
					code: failure.status ?? (failure.timedOut ? 'timeout' : 'network'),
					message: notFound
						? `video not found or not embeddable (Video URL ${request.url})`
						: String(said?.message ?? failure.message),
					httpStatus: failure.status,
					attempts: attempt + 1,
					timedOut: failure.timedOut,
					retryAfterMs: retryAfterMs(failure.headers),
				},
				request.itemIndex,
			);
			if (notFound) throw final;
			if (isRetryableHttpFailure(failure, true)) return { retry: final, retryAfterMs: retryAfterMs(failure.headers) };
			throw final;
		}
		const body = answer.body;
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
	}, retryPolicyFor(timeoutMs, TIMEOUT_BUDGET_FACTOR));
}
