#!/usr/bin/env node
'use strict';
// `npm run bench`: builds the package, then runs test/bench/bench.ts (through the same real-engine harness the tests
// use) and prints its table. TypeScript is transpiled on the fly with the project's own `typescript` (no type check,
// no output files). BENCH_LATENCY_MS (20) and BENCH_RUNS (3) tune it.
//
// `npm run bench -- --quick` (or BENCH_QUICK=1): one run over smaller advertisers (2,000 / 200 / 50 ads), about
// 20 seconds; .ci/run runs it so the bench cannot break unnoticed. `--skip-build` (or BENCH_SKIP_BUILD=1) uses the
// dist/ already built. Exits non-zero when a scenario fails. On a fresh clone it runs `npm ci` first.
// BENCH_ONLY=<text> runs only the scenarios whose name holds the text (e.g. `BENCH_ONLY=lead.getMany`), without the
// upload memory case and the scale block. `npm run bench` runs node with --expose-gc, so memory figures start from a
// collected heap.
const fs = require('node:fs');
const path = require('node:path');

if (process.argv.includes('--quick')) process.env.BENCH_QUICK = '1';
if (process.argv.includes('--skip-build')) process.env.BENCH_SKIP_BUILD = '1';
require('./deps').ensureDependenciesSync();
const ts = require('typescript');

const { buildPackage, REPO_ROOT } = require('./runtime/server');

const compilerOptions = {
	module: ts.ModuleKind.CommonJS,
	target: ts.ScriptTarget.ES2022,
	esModuleInterop: true,
	sourceMap: false,
	inlineSourceMap: true,
};

require.extensions['.ts'] = function loadTypeScript(module, filename) {
	const source = fs.readFileSync(filename, 'utf8');
	const { outputText } = ts.transpileModule(source, { compilerOptions, fileName: filename });
	module._compile(outputText, filename);
};

async function main() {
	// The upload memory case measures in a fresh child process of this script (test/bench/upload-memory.ts).
	if (process.env.BENCH_UPLOAD_MEMORY_CHILD === '1') {
		await require(path.join(REPO_ROOT, 'test', 'bench', 'upload-memory.ts')).uploadMemoryChild();
		return;
	}
	if (process.env.BENCH_SKIP_BUILD !== '1') {
		process.stderr.write('Building the package (npm run build)\n');
		await buildPackage();
	}
	// The harness keeps n8n's instance files out of the home folder when this is unset.
	const { main: bench, failedScenarios } = require(path.join(REPO_ROOT, 'test', 'bench', 'bench.ts'));
	await bench();
	if (failedScenarios?.length) throw new Error(`bench: ${failedScenarios.length} scenario(s) failed:\n  ${failedScenarios.join('\n  ')}`);
}

main().then(
	() => process.exit(0),
	(error) => {
		console.error(error.stack || error.message);
		process.exit(1);
	},
);
