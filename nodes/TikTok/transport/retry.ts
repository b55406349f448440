import { sleep } from 'n8n-workflow';

/** TikTok API for Business codes that mean "slow down / try again" (reference §1.4). */
export const RETRYABLE_BUSINESS_CODES = new Set([40100, 40133, 40016, 40132, 50000, 50002, 60001, 61000]);

/** Of those, the ones where TikTok refused the call before doing anything: safe to re-send even a write. */
export const REJECTED_BEFORE_PROCESSING_CODES = new Set([40100, 40133, 40016, 40132, 61000]);

export interface RetryPolicy {
	/** Attempts in all, the first included. */
	maxAttempts: number;
	/** First backoff in ms; doubles on each retry. */
	baseDelayMs: number;
	/** Longest single wait in ms. */
	maxDelayMs: number;
	/** Total time budget in ms for all attempts and waits. */
	budgetMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
	maxAttempts: 6,
	baseDelayMs: 400,
	maxDelayMs: 8000,
	budgetMs: 60_000,
};

/** What one attempt came to: a value, or a failure worth another try (thrown as is once the policy runs out). */
export type AttemptOutcome<T> = { done: T } | { retry: Error; retryAfterMs?: number };

/** Equal-jitter exponential backoff: half fixed, half random, so parallel workers spread out. */
export function backoffDelay(attempt: number, policy: RetryPolicy): number {
	const exp = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
	return Math.round(exp / 2 + Math.random() * (exp / 2));
}

/**
 * Runs `attempt` until it is done, or until the policy (attempts, total time) runs out, in which case the last
 * failure is thrown. Errors `attempt` throws are final and pass straight through.
 */
export async function withRetry<T>(
	attempt: (attemptNumber: number) => Promise<AttemptOutcome<T>>,
	policy: RetryPolicy = DEFAULT_RETRY_POLICY,
): Promise<T> {
	const started = Date.now();
	for (let n = 0; ; n++) {
		const outcome = await attempt(n);
		if ('done' in outcome) return outcome.done;
		const wait = Math.max(outcome.retryAfterMs ?? 0, backoffDelay(n, policy));
		const outOfAttempts = n + 1 >= policy.maxAttempts;
		const outOfTime = Date.now() - started + wait > policy.budgetMs;
		if (outOfAttempts || outOfTime) throw outcome.retry;
		await sleep(wait);
	}
}
