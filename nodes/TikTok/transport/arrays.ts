/**
 * Appends every element of `source` to `target`, in order, and returns `target`. Use it instead of
 * spreading `source` into `push`: a spread passes each element as a function argument, and V8 throws "Maximum call stack
 * size exceeded" past ~125,000 of them, so a large result (a form's leads, an advertiser's ads) would fail.
 */
export function appendAll<T>(target: T[], source: readonly T[]): T[] {
	for (const element of source) target.push(element);
	return target;
}
