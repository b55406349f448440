import { clock } from './clock';

/** How often, and how long, to check an asynchronous TikTok task. */
export interface TaskPollPolicy {
	/** First wait before a check, in ms; doubles after each check (up to `maxDelayMs`). */
	firstDelayMs: number;
	/** Longest wait between two checks, in ms (equal to `firstDelayMs` for a fixed interval). */
	maxDelayMs: number;
	/** Total time allowed for the task to finish, in ms. */
	budgetMs: number;
	/** Check once before the first wait (a post's status), instead of waiting first (a lead task just created). */
	checkFirst?: boolean;
}

/** What waiting came to: the last check's value, and whether the budget ran out before it was final. */
export type TaskWait<T> = { value: T; timedOut: false } | { value: T | undefined; timedOut: true };

/**
 * THE task-wait loop (lead download tasks, a post's publish status): runs `check` until `isFinal` says so, waiting in
 * between as `policy` says (on the transport's clock), and stops before a wait that would end past the budget. Each
 * check is a normal API call with its own retries and deadline; an error it throws ends the wait.
 */
export async function waitForTask<T>(
	policy: TaskPollPolicy,
	check: () => Promise<T>,
	isFinal: (value: T) => boolean,
): Promise<TaskWait<T>> {
	const started = clock.monotonic();
	let delay = policy.firstDelayMs;
	let last: T | undefined;
	if (policy.checkFirst) {
		last = await check();
		if (isFinal(last)) return { value: last, timedOut: false };
	}
	for (;;) {
		if (clock.monotonic() - started + delay > policy.budgetMs) return { value: last, timedOut: true };
		await clock.sleep(delay);
		delay = Math.min(policy.maxDelayMs, delay * 2);
		last = await check();
		if (isFinal(last)) return { value: last, timedOut: false };
	}
}
