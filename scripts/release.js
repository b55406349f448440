#!/usr/bin/env node
'use strict';
// `npm run release`: prepares a release on your machine, or publishes it inside GitHub Actions.
//
// On your machine (see CONTRIBUTING.md, "Releasing"):
//   npm run release -- 0.2.0 | patch | minor | major     (no argument: package.json's version, for the first release)
// checks you are on a clean `main` and the version is not tagged yet, runs lint and build, moves CHANGELOG.md's
// "## Unreleased" notes under "## <version> — <date>" (the curated text is kept word for word; a fresh, empty
// Unreleased section stays on top), sets the version in package.json and package-lock.json, commits and tags
// `<version>`. It publishes nothing and pushes nothing: `git push --follow-tags` then starts
// .github/workflows/publish.yml, which publishes with provenance.
//
// Inside GitHub Actions (GITHUB_ACTIONS set, i.e. publish.yml): runs `n8n-node release`, which lints, builds and
// runs `npm publish` with provenance and RELEASE_MODE (the one case scripts/publish-guard.js lets through).
//
// This replaces `n8n-node release`'s local mode, which runs release-it and `auto-changelog -p`: that overwrites the
// hand-written CHANGELOG.md with a commit log, and both tools were fetched unpinned with npx at release time.
const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');

const ROOT = path.resolve(__dirname, '..');
const CHANGELOG = path.join(ROOT, 'CHANGELOG.md');
const BRANCH = process.env.RELEASE_BRANCH || 'main';

function run(command, args, options = {}) {
	const result = spawnSync(command, args, { cwd: ROOT, encoding: 'utf8', stdio: options.capture ? 'pipe' : 'inherit', env: options.env ?? process.env });
	if (result.status !== 0) {
		throw new Error(`${command} ${args.join(' ')} failed${options.capture ? `: ${(result.stderr || result.stdout).trim()}` : ''}`);
	}
	return (result.stdout || '').trim();
}

function fail(message) {
	process.stderr.write(`\nrelease: ${message}\n`);
	process.exit(1);
}

function nextVersion(current, wanted) {
	const [major, minor, patch] = current.split('.').map(Number);
	if (wanted === 'major') return `${major + 1}.0.0`;
	if (wanted === 'minor') return `${major}.${minor + 1}.0`;
	if (wanted === 'patch') return `${major}.${minor}.${patch + 1}`;
	if (/^\d+\.\d+\.\d+$/.test(wanted)) return wanted;
	return fail(`"${wanted}" is not a version: give x.y.z, patch, minor or major.`);
}

/** CHANGELOG.md with the Unreleased notes moved under the version's heading; throws when there is nothing to release. */
function changelogFor(text, version, date) {
	if (new RegExp(`^## ${version.replace(/\./g, '\\.')}\\b`, 'm').test(text)) throw new Error(`CHANGELOG.md already has a "## ${version}" section.`);
	const match = /^## Unreleased[ \t]*\n/m.exec(text);
	if (!match) throw new Error('CHANGELOG.md has no "## Unreleased" section.');
	const start = match.index + match[0].length;
	const next = text.slice(start).search(/^## /m);
	const notes = next < 0 ? text.slice(start) : text.slice(start, start + next);
	if (!notes.trim()) throw new Error('CHANGELOG.md\'s Unreleased section is empty: nothing to release.');
	return `${text.slice(0, match.index)}## Unreleased\n\n## ${version} — ${date}\n${notes}${next < 0 ? '' : text.slice(start + next)}`;
}

function main() {
	if (process.env.GITHUB_ACTIONS) {
		const result = spawnSync('npx', ['n8n-node', 'release'], { cwd: ROOT, stdio: 'inherit' });
		process.exit(result.status ?? 1);
	}
	const args = process.argv.slice(2).filter((a) => !a.startsWith('-'));
	const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
	const tags = run('git', ['tag', '--list'], { capture: true }).split('\n');
	// No argument: the first release is package.json's version as it stands (0.1.0), later ones must say which.
	const version = args[0] ? nextVersion(pkg.version, args[0]) : pkg.version;
	if (!args[0] && tags.some((t) => /^\d+\.\d+\.\d+$/.test(t))) fail('say which version: npm run release -- <x.y.z | patch | minor | major>');
	if (tags.includes(version)) fail(`${version} is tagged already.`);

	const branch = run('git', ['rev-parse', '--abbrev-ref', 'HEAD'], { capture: true });
	if (branch !== BRANCH) fail(`releases are made from ${BRANCH} (you are on ${branch}).`);
	if (run('git', ['status', '--porcelain'], { capture: true })) fail('the working tree has changes: commit or stash them first.');

	const date = new Date().toISOString().slice(0, 10);
	let changelog;
	try {
		changelog = changelogFor(fs.readFileSync(CHANGELOG, 'utf8'), version, date);
	} catch (error) {
		fail(error.message);
	}
	if (!process.argv.includes('--skip-checks')) {
		process.stderr.write('release: lint and build first (npm run lint, npm run build)\n');
		run('npm', ['run', '--silent', 'lint']);
		run('npm', ['run', '--silent', 'build']);
	}
	fs.writeFileSync(CHANGELOG, changelog);
	run('npm', ['version', version, '--no-git-tag-version', '--allow-same-version', '--ignore-scripts'], { capture: true });
	run('git', ['add', 'CHANGELOG.md', 'package.json', 'package-lock.json']);
	run('git', ['commit', '-q', '-m', `Release ${version}`]);
	run('git', ['tag', '-a', version, '-m', `Release ${version}`]);
	process.stdout.write(
		`\nRelease ${version} is committed and tagged (CHANGELOG.md: "## ${version} — ${date}").\n` +
			'Nothing was published. Push it to start the publish workflow (GitHub Actions, npm provenance):\n' +
			`  git push --follow-tags origin ${BRANCH}\n`,
	);
}

if (require.main === module) main();
module.exports = { changelogFor, nextVersion };
