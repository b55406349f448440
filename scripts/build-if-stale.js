#!/usr/bin/env node
'use strict';
// `npm test` runs this before jest: builds the package (`npm run build`, ~10–20 s) unless dist/ is newer than every
// source of it, so `npm test -- test/leads` right after a build goes straight to the tests. Tests load the BUILT
// package, so a stale dist/ would test old code: any file or folder under nodes/ or credentials/ (an edit, a new or
// deleted file), package.json or tsconfig.json changed after dist/ was written (n8n-node build empties dist/ first, so
// its oldest file is when the last build began) → build. TIKTOK_SUITE_BUILD=1 always builds.
const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');

const ROOT = path.resolve(__dirname, '..');

function walk(target, visit) {
	let stat;
	try {
		stat = fs.statSync(target);
	} catch {
		return;
	}
	visit(target, stat);
	if (stat.isDirectory()) for (const entry of fs.readdirSync(target)) walk(path.join(target, entry), visit);
}

function reasonToBuild() {
	if (process.env.TIKTOK_SUITE_BUILD === '1') return 'TIKTOK_SUITE_BUILD=1';
	let builtAt = Infinity;
	walk(path.join(ROOT, 'dist'), (file, stat) => {
		if (stat.isFile()) builtAt = Math.min(builtAt, stat.mtimeMs);
	});
	if (builtAt === Infinity) return 'dist/ is missing';
	let changed;
	for (const source of ['nodes', 'credentials', 'package.json', 'tsconfig.json']) {
		walk(path.join(ROOT, source), (file, stat) => {
			if (!changed && stat.mtimeMs > builtAt) changed = path.relative(ROOT, file);
		});
	}
	return changed ? `${changed} changed since the last build` : undefined;
}

const reason = reasonToBuild();
if (!reason) {
	process.stderr.write('dist/ is up to date with nodes/, credentials/ and package.json: not rebuilding.\n');
} else {
	process.stderr.write(`Building the package (${reason}): npm run build\n`);
	const result = spawnSync('npm', ['run', '--silent', 'build'], { cwd: ROOT, stdio: 'inherit' });
	process.exit(result.status ?? 1);
}
