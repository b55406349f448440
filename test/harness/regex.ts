/* eslint-disable @n8n/community-nodes/no-restricted-imports -- a test, not node code: its own rules are test/eslint.config.mjs */
import vm from 'node:vm';

import type { RegexEngine } from 'n8n-workflow';
import { setSafeRegexEngine } from 'n8n-workflow';

/**
 * n8n-workflow runs regular expressions of n8n's own (a resource locator's `extractValue`, read by n8n-core for every
 * `advertiserId`) in a `vm` with a 250 ms wall-clock timeout (n8n-workflow safe-regex). On a loaded CI machine a
 * trivial match can be descheduled past that and fail an item with "Regular expression execution timed out", which
 * then fails a test at random. The tests keep the same `vm` guard with a timeout no load reaches: what they check is
 * the package, not n8n's ReDoS guard.
 */
const TIMEOUT_MS = 30_000;

const context = vm.createContext({ flags: '', input: '', pattern: '', replacement: '', result: undefined as unknown });
const scripts = {
	exec: new vm.Script('result = new RegExp(pattern, flags).exec(input)'),
	test: new vm.Script('result = new RegExp(pattern, flags).test(input)'),
	replace: new vm.Script('result = input.replace(new RegExp(pattern, flags), replacement)'),
	matchAll: new vm.Script('result = Array.from(input.matchAll(new RegExp(pattern, flags)))'),
	split: new vm.Script('result = input.split(new RegExp(pattern, flags))'),
};

function run<T>(script: vm.Script, pattern: string, input: string, flags = '', replacement = ''): T {
	Object.assign(context, { pattern, input, flags, replacement, result: undefined });
	script.runInContext(context, { timeout: TIMEOUT_MS });
	return context.result as T;
}

const engine: RegexEngine = {
	exec: (pattern, input, flags) => run(scripts.exec, pattern, input, flags),
	test: (pattern, input, flags) => run(scripts.test, pattern, input, flags),
	replace: (pattern, input, flags, replacement) => run(scripts.replace, pattern, input, flags, replacement),
	matchAll: (pattern, input, flags) =>
		run(scripts.matchAll, pattern, input, flags?.includes('g') ? flags : `${flags ?? ''}g`),
	split: (pattern, input, flags) => run(scripts.split, pattern, input, flags),
};

setSafeRegexEngine(engine);
