#!/usr/bin/env node
'use strict';
// Makes sure the project's own dependencies (node_modules) are installed, as package-lock.json pins them, before an
// npm script needs them: `npm test`, `npm run dev`, `npm run test:e2e` and `npm run bench` work on a fresh clone.
// Node.js built-ins only (it runs before anything is installed).
//
//   node scripts/deps.js     checks, runs `npm ci` when node_modules is missing or out of date, exits 1 with the
//                            next step when that is not possible.
//   require('./deps').ensureDependencies({ onSpawn })   the same from a script (resolves, or rejects with the
//                            next step in the message); `onSpawn(child)` gets the `npm ci` process, to stop it.
//
// "Out of date": node_modules/.package-lock.json (written by npm on every install) does not list every package of
// package-lock.json at its locked version (optional packages for other platforms aside), e.g. after a `git pull`
// that changed the lock file.
const fs = require('node:fs');
const path = require('node:path');
const { spawn } = require('node:child_process');

const ROOT = path.resolve(__dirname, '..');
const NPM_CI = ['ci', '--no-audit', '--no-fund'];

class DependencyError extends Error {}

function readJson(file) {
	return JSON.parse(fs.readFileSync(file, 'utf8'));
}

/** The `>=x.y` floor of package.json `engines.node`, checked against this Node.js; a message when too old. */
function nodeProblem() {
	let range;
	try {
		range = readJson(path.join(ROOT, 'package.json')).engines.node;
	} catch (error) {
		return undefined;
	}
	const floor = /^>=\s*(\d+)(?:\.(\d+))?/.exec(range || '');
	if (!floor) return undefined;
	const [major, minor] = process.versions.node.split('.').map(Number);
	const needMajor = Number(floor[1]);
	const needMinor = Number(floor[2] || 0);
	if (major > needMajor || (major === needMajor && minor >= needMinor)) return undefined;
	return (
		`Node.js ${process.versions.node} is too old: this project needs Node.js ${range.replace('>=', '')} or later ` +
		'(package.json "engines"). Install a newer Node.js (for example `nvm install 20`), then run the command again.'
	);
}

/** Why node_modules cannot be used as it is, or undefined when it matches package-lock.json. */
function installProblem(root = ROOT) {
	const lockFile = path.join(root, 'package-lock.json');
	if (!fs.existsSync(lockFile)) {
		throw new DependencyError(`${lockFile} is missing: restore it (git checkout package-lock.json), then run the command again.`);
	}
	const installedFile = path.join(root, 'node_modules', '.package-lock.json');
	if (!fs.existsSync(path.join(root, 'node_modules'))) return 'node_modules is missing';
	if (!fs.existsSync(installedFile)) return 'node_modules was not installed by npm from package-lock.json';
	let locked;
	let installed;
	try {
		locked = readJson(lockFile).packages || {};
		installed = readJson(installedFile).packages || {};
	} catch (error) {
		return `package-lock.json or node_modules/.package-lock.json does not parse (${error.message})`;
	}
	for (const [key, entry] of Object.entries(locked)) {
		if (!key.startsWith('node_modules/')) continue;
		const have = installed[key];
		if (!have) {
			if (entry.optional) continue; // another platform's optional package (fsevents…)
			return `node_modules is out of date with package-lock.json (${key.slice('node_modules/'.length)} is not installed)`;
		}
		if (entry.version && have.version !== entry.version) {
			return `node_modules is out of date with package-lock.json (${key.slice('node_modules/'.length)} ${have.version} installed, ${entry.version} locked)`;
		}
	}
	return undefined;
}

/** How to run npm: the npm that runs this script (`npm run …`), else `npm` from PATH. */
function npmCommand() {
	const execPath = process.env.npm_execpath;
	if (execPath && /npm-cli\.c?js$/.test(execPath) && fs.existsSync(execPath)) {
		return { command: process.execPath, args: [execPath] };
	}
	return { command: process.platform === 'win32' ? 'npm.cmd' : 'npm', args: [] };
}

function runNpmCi(onSpawn) {
	const { command, args } = npmCommand();
	return new Promise((resolve, reject) => {
		// npm's output goes to stderr, so a script's own stdout stays clean.
		const child = spawn(command, [...args, ...NPM_CI], {
			cwd: ROOT,
			stdio: ['ignore', process.stderr, process.stderr],
			shell: process.platform === 'win32',
			// A caller that stops it (npm run dev) gets it in its own process group, to end npm and its children at once.
			detached: Boolean(onSpawn) && process.platform !== 'win32',
		});
		if (onSpawn) onSpawn(child);
		child.on('error', (error) => {
			reject(
				new DependencyError(
					error.code === 'ENOENT'
						? 'npm was not found on PATH: install Node.js with npm (https://nodejs.org), then run the command again.'
						: `could not start npm (${error.message}): run \`npm ci\` in ${ROOT} yourself, then the command again.`,
				),
			);
		});
		child.on('exit', (code, signal) => {
			if (code === 0) resolve();
			else {
				reject(
					new DependencyError(
						`\`npm ${NPM_CI.join(' ')}\` failed (${signal || `exit code ${code}`}). Fix what npm reported above ` +
							`(network, proxy, disk space, Node.js version), run \`npm ci\` in ${ROOT} yourself, then the command again.`,
					),
				);
			}
		});
	});
}

/** Checks Node.js and node_modules; runs `npm ci` once when node_modules is missing or stale. */
async function ensureDependencies({ onSpawn, log = (line) => process.stderr.write(`${line}\n`) } = {}) {
	const tooOld = nodeProblem();
	if (tooOld) throw new DependencyError(tooOld);
	const problem = installProblem();
	if (!problem) return false;
	log(`${problem}: installing the project's dependencies with \`npm ${NPM_CI.join(' ')}\` (once; 1–4 minutes, about 900 MB)…`);
	if (Number(process.versions.node.split('.')[0]) < 24) {
		log(
			'  npm will warn "EBADENGINE Unsupported engine … isolated-vm": harmless. isolated-vm (n8n\'s expression sandbox, ' +
				'pulled in by n8n-core 2.x through @n8n/expression-runtime) wants Node.js 24; .npmrc sets ignore-scripts, so it ' +
				'is not built, and nothing the tests run uses it.',
		);
	}
	await runNpmCi(onSpawn);
	const still = installProblem();
	if (still) throw new DependencyError(`\`npm ci\` finished but ${still}: run \`npm ci\` in ${ROOT} yourself and check its output.`);
	log('Dependencies installed.');
	return true;
}

/**
 * The same, for a script that needs its dependencies before anything else: returns at once when all is installed,
 * otherwise runs this file (and so `npm ci`) to completion, and exits with its message when that failed.
 */
function ensureDependenciesSync() {
	if (!nodeProblem() && !installProblem()) return;
	const { status } = require('node:child_process').spawnSync(process.execPath, [__filename], { stdio: 'inherit' });
	if (status !== 0) process.exit(1);
}

module.exports = { ensureDependencies, ensureDependenciesSync, installProblem, nodeProblem, DependencyError, ROOT };

if (require.main === module) {
	ensureDependencies().then(
		() => process.exit(0),
		(error) => {
			process.stderr.write(`\n${error instanceof DependencyError ? error.message : error.stack}\n`);
			process.exit(1);
		},
	);
}
