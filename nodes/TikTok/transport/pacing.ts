import { NodeOperationError } from 'n8n-workflow';

import { clock } from './clock';
import { credentialKey } from './concurrency';
import { DEVELOPERS_CREDENTIALS } from './developers';
import { cancelSignalOf } from './request';
import type { TikTokFunctions } from './types';

/**
 * TikTok's Content Posting API lets each user access token start 6 posts a minute (the Direct Post, Media Upload and
 * Photo init endpoints: "6 requests per minute per user access token", contract §9). Posts are paced per credential
 * (like the request limiter, concurrency.ts): the 7th init of a minute waits for the window instead of failing.
 */
export const POST_INITS_PER_WINDOW = 6;
/** The window TikTok counts in, plus a second of margin for the time between our count and TikTok's. */
export const POST_INIT_WINDOW_MS = 61_000;
/** Credentials whose pace is kept (idle ones are dropped first): bounds the map. */
const MAX_PACES = 200;

/** Per credential: when each recent init was answered (Infinity while it is in flight). */
const paces = new Map<string, Array<{ at: number }>>();

function recentInits(key: string, now: number): Array<{ at: number }> {
	const inits = (paces.get(key) ?? []).filter((init) => now - init.at < POST_INIT_WINDOW_MS);
	paces.delete(key);
	if (paces.size >= MAX_PACES) paces.delete(paces.keys().next().value as string);
	paces.set(key, inits);
	return inits;
}

/**
 * Waits, if needed, until this credential may start another post within TikTok's pace, and counts the init; call the
 * returned function once the init is answered (an init counts from its answer, so a slow first request cannot make the
 * window end early). The wait is logged (with how long), never much longer than the window, and ends early with an
 * error when the execution is cancelled.
 */
export async function waitForPostInitSlot(this: TikTokFunctions, itemIndex?: number): Promise<() => void> {
	const key = credentialKey(this, DEVELOPERS_CREDENTIALS);
	let logged = false;
	for (;;) {
		const now = clock.monotonic();
		const inits = recentInits(key, now);
		if (inits.length < POST_INITS_PER_WINDOW) {
			const init = { at: Number.POSITIVE_INFINITY };
			inits.push(init);
			return () => {
				init.at = clock.monotonic();
			};
		}
		const oldest = inits.reduce((min, i) => Math.min(min, i.at), Number.POSITIVE_INFINITY);
		const wait = Number.isFinite(oldest) ? Math.max(1, Math.ceil(oldest + POST_INIT_WINDOW_MS - now)) : 1000;
		if (!logged) {
			logged = true;
			this.logger?.info(
				`TikTok allows ${POST_INITS_PER_WINDOW} posts a minute per account: waiting ${Math.ceil(wait / 1000)} s before starting the next post`,
				{ node: this.getNode().name, itemIndex },
			);
		}
		// In steps of a second at most, so that "Stop execution" ends the wait.
		await clock.sleep(Math.min(wait, 1000));
		if (cancelSignalOf(this)?.aborted) {
			throw new NodeOperationError(this.getNode(), 'The execution was cancelled while waiting for TikTok\'s posting pace (6 posts a minute)', { itemIndex });
		}
	}
}
