import { clock } from './clock';
import type { RetryPolicy } from './retry';
import { DEFAULT_RETRY_POLICY } from './retry';

import type { TikTokFunctions } from './types';

/**
 * Requests per second TikTok allows an app at its lowest ("Basic") rate-limit level: 10 QPS, 600 a minute
 * (contract §1.5 and §9). Every app has at least this level, so the default never exceeds what TikTok allows.
 */
export const DEFAULT_REQUESTS_PER_SECOND = 10;
export const MAX_REQUESTS_PER_SECOND = DEFAULT_REQUESTS_PER_SECOND;

/** Name of the node option (a top-level TikTok node parameter) that lowers the rate for one node. */
export const REQUESTS_PER_SECOND_PARAMETER = 'requestsPerSecond';

/** Milliseconds on a clock that only moves forwards (wall-clock changes and frozen test clocks do not stop it). */
function monotonicNow(): number {
	return clock.monotonic();
}

/** The window the rate is counted in: a second. */
const WINDOW_MS = 1000;
/** Limiters idle this long are dropped, so the per-credential map cannot grow without bound. */
const IDLE_MS = 5 * 60_000;
/** Most limiters kept at once (one per credential and host): beyond this, idle ones are dropped first. */
const MAX_LIMITERS = 200;

/**
 * One credential's budget against one TikTok host: at most `rate` requests in flight or answered within the last
 * second, so never more than `rate` reach TikTok in any second. When TikTok says the app is rate-limited (`40100` and its kin), the rate is halved (down to 1);
 * after a full second of `rate` answers without a rate-limit, it rises by one again, up to the ceiling
 * (additive increase, multiplicative decrease).
 */
export class RequestLimiter {
	/** The current rate, lowered by `rateLimited()` and raised back by `succeeded()`. */
	adaptive = MAX_REQUESTS_PER_SECOND;
	private inFlight = 0;
	/** When recent requests were answered (ascending): each holds its slot until a second after its answer. */
	private answered: number[] = [];
	private waiters: Array<() => void> = [];
	private successesSinceChange = 0;
	lastUsed = monotonicNow();

	/**
	 * Waits for a slot under `ceiling` (the node option) and the adaptive rate; returns its release. A request holds its
	 * slot while in flight and for a second after its answer. So of any `rate + 1` requests, one was answered more than a
	 * second before another started: TikTok, which counts requests as they arrive (somewhere between start and
	 * answer), never sees more than `rate` in any second, however late the network or a busy process sends them.
	 */
	async acquire(ceiling: number): Promise<() => void> {
		for (;;) {
			const now = monotonicNow();
			this.lastUsed = now;
			while (this.answered.length > 0 && this.answered[0] <= now - WINDOW_MS) this.answered.shift();
			const limit = Math.max(1, Math.min(ceiling, this.adaptive));
			if (this.inFlight + this.answered.length < limit) {
				this.inFlight++;
				let released = false;
				return () => {
					if (released) return;
					released = true;
					this.inFlight--;
					this.lastUsed = monotonicNow();
					this.answered.push(this.lastUsed);
					this.wakeOne();
				};
			}
			if (this.answered.length === 0) {
				// Every slot is in flight: wait for an answer.
				await new Promise<void>((resolve) => this.waiters.push(resolve));
			} else {
				// Wait until the oldest answer is a second old.
				await clock.sleep(Math.min(WINDOW_MS, Math.max(1, this.answered[0] + WINDOW_MS - now)));
			}
		}
	}

	private wakeOne(): void {
		const next = this.waiters.shift();
		if (next) next();
	}

	private wakeAll(): void {
		const waiting = this.waiters;
		this.waiters = [];
		for (const resolve of waiting) resolve();
	}

	/** TikTok said the app is over its rate: halve the rate. */
	rateLimited(): void {
		this.adaptive = Math.max(1, Math.floor(this.adaptive / 2));
		this.successesSinceChange = 0;
	}

	/** An answer that was not a rate-limit: after `adaptive` of them in a row, allow one more per second. */
	succeeded(): void {
		if (this.adaptive >= MAX_REQUESTS_PER_SECOND) return;
		this.successesSinceChange++;
		if (this.successesSinceChange >= this.adaptive) {
			this.adaptive++;
			this.successesSinceChange = 0;
			this.wakeAll();
		}
	}

	idle(now: number): boolean {
		return this.inFlight === 0 && this.waiters.length === 0 && now - this.lastUsed > IDLE_MS;
	}
}

const limiters = new Map<string, RequestLimiter>();

function prune(now: number): void {
	for (const [key, limiter] of limiters) if (limiter.idle(now)) limiters.delete(key);
	if (limiters.size < MAX_LIMITERS) return;
	// Still full: drop the least recently used ones that hold no request.
	const quiet = [...limiters.entries()]
		.filter(([, l]) => l.idle(Number.POSITIVE_INFINITY))
		.sort((a, b) => a[1].lastUsed - b[1].lastUsed);
	for (const [key] of quiet.slice(0, limiters.size - MAX_LIMITERS + 1)) limiters.delete(key);
}

/** The limiter of `credentialKey` (the credential's ID and type) against `host`. */
export function limiterFor(credentialKey: string, host: string): RequestLimiter {
	const key = `${credentialKey}@${host}`;
	let limiter = limiters.get(key);
	if (!limiter) {
		prune(monotonicNow());
		limiter = new RequestLimiter();
		limiters.set(key, limiter);
	}
	return limiter;
}

/** How many limiters are kept (for tests: it must stay bounded). */
export function limiterCount(): number {
	return limiters.size;
}

/** The node's own ceiling: the "Max Requests per Second" option, 1 to the default; the default when unset. */
export function requestsPerSecond(context: TikTokFunctions): number {
	// Read as stored (the option takes no expressions): the same in an operation, a poll and a list search.
	const value = context.getNode().parameters?.[REQUESTS_PER_SECOND_PARAMETER];
	if (value === undefined || value === null || value === '') return DEFAULT_REQUESTS_PER_SECOND;
	const n = Math.floor(Number(value));
	if (!Number.isFinite(n) || n < 1) return DEFAULT_REQUESTS_PER_SECOND;
	return Math.min(MAX_REQUESTS_PER_SECOND, n);
}

/** Which credential a request goes out with: its stored ID (n8n's), else its name, else the type alone. */
export function credentialKey(context: TikTokFunctions, credentialType: string): string {
	const credential = context.getNode().credentials?.[credentialType];
	return `${credentialType}:${credential?.id ?? credential?.name ?? ''}`;
}

/** Host (and port) of a URL, for the limiter key. */
export function hostOf(url: string): string {
	const match = /^[a-z]+:\/\/([^/?#]+)/i.exec(url);
	return (match ? match[1] : url).toLowerCase();
}

/**
 * Runs `task` once for each of `inputs`, at most `width` at a time, and returns the results in input order. The
 * transport's limiter decides how many requests really run: `width` only bounds how many tasks wait at once. The first
 * failure is thrown once every started task has settled (no task is left running behind the caller's back), and no
 * new task starts after a failure.
 */
export async function mapConcurrent<T, R>(
	inputs: readonly T[],
	task: (input: T, index: number) => Promise<R>,
	width = MAX_REQUESTS_PER_SECOND,
): Promise<R[]> {
	const results: R[] = new Array(inputs.length);
	let next = 0;
	let failure: { error: unknown } | undefined;
	const worker = async () => {
		while (failure === undefined && next < inputs.length) {
			const index = next++;
			try {
				results[index] = await task(inputs[index], index);
			} catch (error) {
				failure ??= { error };
			}
		}
	};
	await Promise.all(Array.from({ length: Math.max(1, Math.min(width, inputs.length)) }, worker));
	if (failure) throw failure.error;
	return results;
}

/** Like `mapConcurrent`, but never throws: each input's value or error, in input order. */
export async function settleConcurrent<T, R>(
	inputs: readonly T[],
	task: (input: T, index: number) => Promise<R>,
	width = MAX_REQUESTS_PER_SECOND,
): Promise<Array<{ value: R } | { error: unknown }>> {
	return await mapConcurrent(
		inputs,
		async (input, index) => {
			try {
				return { value: await task(input, index) };
			} catch (error) {
				return { error };
			}
		},
		width,
	);
}

/**
 * `base`, cut short so that a request's retries are over by `deadline` (Unix ms, e.g. the end of a poll's budget): the
 * last failure is thrown then.
 */
export function retryPolicyUntil(deadline: number | undefined, base: RetryPolicy = DEFAULT_RETRY_POLICY): RetryPolicy {
	if (deadline === undefined) return base;
	return { ...base, budgetMs: Math.max(0, Math.min(base.budgetMs, deadline - clock.now())) };
}
