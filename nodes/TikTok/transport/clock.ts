import { sleep } from 'n8n-workflow';

/**
 * The transport's ONE clock: every wait (retry backoff, `Retry-After`, the request limiter, the posting pace, task
 * polls) and every "how long has this taken" goes through it. The product runs on the system clock, sleeping with
 * n8n-workflow's `sleep`; a test may install a clock that fast-forwards the waits (see test/harness/clock.ts) so a
 * two-minute backoff takes no real time, without the product's waits being shortened.
 */
export interface Clock {
	/** Wall-clock time in Unix ms (deadlines, `Retry-After` dates). */
	now(): number;
	/** Milliseconds on a clock that only moves forwards (wall-clock changes and frozen test dates do not stop it). */
	monotonic(): number;
	/** Resolves after `ms` milliseconds. */
	sleep(ms: number): Promise<void>;
}

/** The real clock: the system's time and n8n's `sleep`. */
export const SYSTEM_CLOCK: Clock = {
	now: () => Date.now(),
	monotonic: () => (typeof performance !== 'undefined' ? performance.now() : Date.now()),
	sleep: async (ms) => await sleep(Math.max(0, ms)),
};

let current: Clock = SYSTEM_CLOCK;

/** The clock in use (read through this object, so a clock installed later applies to every caller). */
export const clock: Clock = {
	now: () => current.now(),
	monotonic: () => current.monotonic(),
	sleep: async (ms) => await current.sleep(ms),
};

/** Installs `next` as the transport's clock (the system clock when omitted) and returns the one it replaces. */
export function useClock(next: Clock = SYSTEM_CLOCK): Clock {
	const previous = current;
	current = next;
	return previous;
}
