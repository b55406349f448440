import { clock } from './clock';

export interface RetryPolicy {
	/** Attempts in all, the first included. */
	maxAttempts: number;
	/** First backoff in ms; doubles on each retry. */
	baseDelayMs: number;
	/** Longest single backoff in ms (TikTok's `Retry-After` may ask for more, within the budget). */
	maxDelayMs: number;
	/** Total time budget in ms for all attempts and waits. */
	budgetMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
	maxAttempts: 6,
	baseDelayMs: 400,
	maxDelayMs: 8000,
	budgetMs: 120_000,
};

/**
 * What one attempt came to: a value, or a failure worth another try (thrown as is once the policy runs out).
 * `retryAfterMs` is what TikTok asked to wait (`Retry-After`): honoured when the budget allows it, else the failure
 * is thrown at once rather than retried early.
 */
export type AttemptOutcome<T> = { done: T } | { retry: Error; retryAfterMs?: number };

/** Equal-jitter exponential backoff: half fixed, half random, so parallel workers spread out. */
export function backoffDelay(attempt: number, policy: RetryPolicy): number {
	const exp = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
	return Math.round(exp / 2 + Math.random() * (exp / 2));
}

/**
 * Runs `attempt` until it is done, or until the policy (attempts, total time) runs out, in which case the last
 * failure is thrown. Each attempt is told how much of the budget is left (its timeout must not exceed it). Errors
 * `attempt` throws are final and pass straight through.
 */
export async function withRetry<T>(
	attempt: (attemptNumber: number, remainingMs: number) => Promise<AttemptOutcome<T>>,
	policy: RetryPolicy = DEFAULT_RETRY_POLICY,
): Promise<T> {
	const started = clock.monotonic();
	for (let n = 0; ; n++) {
		const outcome = await attempt(n, Math.max(1, Math.floor(policy.budgetMs - (clock.monotonic() - started))));
		if ('done' in outcome) return outcome.done;
		const wait = Math.max(outcome.retryAfterMs ?? 0, backoffDelay(n, policy));
		const outOfAttempts = n + 1 >= policy.maxAttempts;
		// The next attempt needs time of its own after the wait: at least a second.
		const outOfTime = clock.monotonic() - started + wait + 1000 > policy.budgetMs;
		if (outOfAttempts || outOfTime) throw outcome.retry;
		await clock.sleep(wait);
	}
}

/** The retry policy of a call whose attempts may each take `timeoutMs`: the budget is that many timeouts. */
export function retryPolicyFor(timeoutMs: number, factor: number): RetryPolicy {
	return { ...DEFAULT_RETRY_POLICY, budgetMs: Math.max(timeoutMs, timeoutMs * factor) };
}
