/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- a test, not node code: its own rules are test/eslint.config.mjs */
import path from 'node:path';

/** The transport's clock module of the BUILT package (the one the engine loads: same path, same module instance). */
interface Clock {
	now(): number;
	monotonic(): number;
	sleep(ms: number): Promise<void>;
}
/* eslint-disable @typescript-eslint/no-require-imports */
const { useClock } = require(path.join(__dirname, '..', '..', 'dist', 'nodes', 'TikTok', 'transport', 'clock')) as {
	useClock: (next?: Clock) => Clock;
};
/* eslint-enable @typescript-eslint/no-require-imports */

/** A clock that fast-forwards every wait of the transport (backoff, Retry-After, limiter, pacing, task polls). */
export interface FastClock extends Clock {
	/** Every wait asked for, in ms, in order. */
	readonly sleeps: number[];
	/** Virtual ms skipped so far. */
	skipped(): number;
	/** Forgets the recorded waits. */
	reset(): void;
}

/**
 * A clock whose `sleep` does not wait: it moves the clock forwards by the time asked (so budgets, windows and
 * deadlines see that time pass) and yields once. Real time still runs underneath (timeouts of real sockets are real).
 */
export function fastClock(): FastClock {
	let skipped = 0;
	const sleeps: number[] = [];
	return {
		sleeps,
		now: () => Date.now() + skipped,
		monotonic: () => performance.now() + skipped,
		async sleep(ms: number) {
			sleeps.push(ms);
			skipped += Math.max(0, ms);
			await new Promise<void>((resolve) => setImmediate(resolve));
		},
		skipped: () => skipped,
		reset() {
			sleeps.length = 0;
		},
	};
}

/**
 * Installs a fast clock for the transport for the test file (restored after it): the product's waits are not
 * shortened, the test just does not sit through them. Returns the clock, to assert on the waits asked for.
 */
export function useFastClock(): FastClock {
	const clock = fastClock();
	let previous: Clock | undefined;
	beforeAll(() => {
		previous = useClock(clock);
	});
	afterAll(() => {
		useClock(previous);
	});
	return clock;
}
