#!/usr/bin/env node
'use strict';
// `npm run test:e2e`: installs n8n into its cache when missing (once, with progress), builds the package, then runs
// test/e2e/*.e2e.js with Node's test runner against a real n8n server. Ends with "e2e: N passed, M failed" and exits
// non-zero when anything failed (a failing setup hook counts).
const fs = require('node:fs');
const path = require('node:path');
const { run } = require('node:test');
const { spec } = require('node:test/reporters');

const { ensureDependencies } = require('./deps');
const { ensureN8n } = require('./runtime/install');
const { buildPackage, REPO_ROOT } = require('./runtime/server');

async function main() {
	const t0 = Date.now();
	const log = (line) => console.log(`[e2e +${((Date.now() - t0) / 1000).toFixed(0)}s] ${line}`);
	await ensureDependencies({ log });
	await ensureN8n({ log });
	// .ci/run builds once before its legs run side by side: a second build here would empty dist/ under the others.
	if (process.env.TIKTOK_SUITE_E2E_BUILT === '1') log('Using the package built before (dist/)');
	else {
		log('Building the package (npm run build)');
		await buildPackage();
	}

	const dir = path.join(REPO_ROOT, 'test', 'e2e');
	const only = process.argv.slice(2);
	const files = (only.length ? only.map((f) => path.resolve(f)) : fs.readdirSync(dir).filter((f) => f.endsWith('.e2e.js')).map((f) => path.join(dir, f))).sort();
	process.env.TIKTOK_SUITE_E2E_BUILT = '1';

	let passed = 0;
	let failed = 0;
	let skipped = 0;
	const stream = run({ files, concurrency: 1, timeout: 90 * 60_000 });
	stream.on('test:pass', (event) => {
		if (event.details?.type === 'suite') return;
		if (event.skip || event.todo) skipped += 1;
		else passed += 1;
	});
	stream.on('test:fail', (event) => {
		// Suites fail when a hook fails; their tests are then reported as cancelled (counted as failures too).
		if (event.details?.type === 'suite' && event.details?.error?.failureType !== 'hookFailed') return;
		failed += 1;
	});
	await new Promise((resolve, reject) => {
		const out = stream.compose(typeof spec === 'function' && spec.prototype ? new spec() : spec);
		out.pipe(process.stdout);
		out.on('end', resolve);
		out.on('error', reject);
	});
	console.log(`e2e: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''} (${((Date.now() - t0) / 1000).toFixed(0)} s)`);
	process.exitCode = failed > 0 || passed === 0 ? 1 : 0;
}

main().catch((error) => {
	console.error(error.stack || error.message);
	console.log('e2e: 0 passed, 1 failed (setup)');
	process.exitCode = 1;
});
