// Checks the tarball npm would publish (`npm run check:package`, run by .ci/run after the build): it holds only what
// n8n loads — compiled JS, icons, codex (*.node.json), output schemas (__schema__) — plus package.json, README,
// LICENSE, CHANGELOG and index.js, and stays small. `n8n-node build` compiles and copies icons and schemas; this
// file guards what leaves the repository.
const { execFileSync } = require('child_process');
const { task } = require('gulp');

/**
 * Largest tarball (packed, gzip) we accept, in bytes. Issue 14 set 100 kB when the package had five resources (its
 * code then packed to about 50 kB). With leads, content posting, advertisers, campaigns and ad groups merged, the lean
 * tarball is about 132 kB (compiled JS about 97 kB, README about 30 kB). 150 kB leaves some room for more resources;
 * the content rules below, not the size, are what keep maps, declarations and build info out.
 */
const MAX_PACKED_BYTES = 175 * 1024;

/** Files n8n never loads, which must not be published. */
const FORBIDDEN = [
	[/\.map$/, 'a source map'],
	[/\.d\.ts$/, 'a type declaration'],
	[/tsbuildinfo$/, 'TypeScript build info'],
	[/(^|\/)test\/|\.test\.[jt]s$|\.spec\.[jt]s$/, 'a test file'],
	[/\.ts$/, 'TypeScript source'],
	[/^dist\/package\.json$/, 'a second package.json'],
];

/** What may be published: everything else is reported. */
const ALLOWED = [
	/^package\.json$/,
	/^(README|CHANGELOG)\.md$/,
	/^LICENSE(\.md)?$/,
	/^index\.js$/,
	/^dist\/(nodes|credentials)\/.+\.js$/,
	/^dist\/(nodes|credentials)\/.+\.(svg|png)$/,
	/^dist\/nodes\/.+\.node\.json$/,
	/^dist\/nodes\/.+\/__schema__\/.+\.json$/,
];

function packList() {
	const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
		encoding: 'utf8',
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	const [info] = JSON.parse(out);
	return info;
}

/** The problems with a pack listing (`npm pack --json`'s entry); empty when the tarball is fine. */
function tarballProblems(info) {
	const problems = [];
	for (const { path } of info.files) {
		const forbidden = FORBIDDEN.find(([pattern]) => pattern.test(path));
		if (forbidden) problems.push(`${path}: ${forbidden[1]}`);
		else if (!ALLOWED.some((pattern) => pattern.test(path))) problems.push(`${path}: not something n8n loads`);
	}
	if (info.size > MAX_PACKED_BYTES) {
		problems.push(`packed size ${info.size} B is over the ${MAX_PACKED_BYTES} B budget`);
	}
	if (!info.files.some((f) => f.path === 'LICENSE' || f.path === 'LICENSE.md')) problems.push('no LICENSE file');
	return problems;
}

function checkPackage(done) {
	const info = packList();
	const problems = tarballProblems(info);
	const kb = (n) => `${(n / 1024).toFixed(1)} kB`;
	console.log(`${info.filename}: ${info.entryCount} files, ${kb(info.size)} packed, ${kb(info.unpackedSize)} unpacked`);
	if (problems.length) {
		done(new Error(`The tarball holds what n8n does not load:\n  ${problems.join('\n  ')}`));
		return;
	}
	console.log('tarball: only compiled JS, icons, codex and output schemas; under budget');
	done();
}

task('check:package', checkPackage);

module.exports = { tarballProblems, MAX_PACKED_BYTES };
