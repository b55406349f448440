'use strict';
// Redis and Postgres for n8n's queue mode, from Debian packages: installed when missing (apt-get, as root), started on
// loopback on free ports with their data in a temporary directory, stopped after. Never the system services.
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');
const { spawn, spawnSync } = require('node:child_process');

const { exec, freePort } = require('./server');

const PACKAGES = { redis: 'redis-server', postgres: 'postgresql' };

function which(command) {
	const found = spawnSync('sh', ['-c', `command -v ${command}`], { encoding: 'utf8' });
	return found.status === 0 ? found.stdout.trim() : undefined;
}

/** Postgres' server binaries (`initdb`, `pg_ctl`, `postgres`): the newest /usr/lib/postgresql/<version>/bin. */
function postgresBinDir() {
	const root = '/usr/lib/postgresql';
	if (!fs.existsSync(root)) return undefined;
	const versions = fs
		.readdirSync(root)
		.filter((v) => fs.existsSync(path.join(root, v, 'bin', 'pg_ctl')))
		.sort((a, b) => Number(b) - Number(a));
	return versions.length ? path.join(root, versions[0], 'bin') : undefined;
}

/**
 * Installs redis-server and postgresql from Debian's packages when missing: `apt-get update` once, then
 * `apt-get install -y`. Needs root (CI runs as root); says what to do otherwise.
 */
async function ensureServicePackages({ log = () => {} } = {}) {
	const missing = [];
	if (!which('redis-server')) missing.push(PACKAGES.redis);
	if (!postgresBinDir()) missing.push(PACKAGES.postgres);
	if (missing.length === 0) return;
	if (typeof process.getuid === 'function' && process.getuid() !== 0) {
		throw new Error(`Queue-mode e2e needs ${missing.join(' and ')}: install them (sudo apt-get install -y ${missing.join(' ')}) or run as root`);
	}
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	log(`Installing ${missing.join(', ')} from Debian packages (apt-get update, apt-get install -y)`);
	await exec('apt-get', ['update'], { env, timeoutMs: 600_000 });
	// The packages' own services are not wanted: policy-rc.d keeps apt from starting them (no init system here anyway).
	const policy = '/usr/sbin/policy-rc.d';
	const hadPolicy = fs.existsSync(policy);
	if (!hadPolicy) fs.writeFileSync(policy, '#!/bin/sh\nexit 101\n', { mode: 0o755 });
	try {
		await exec('apt-get', ['install', '-y', '--no-install-recommends', ...missing], { env, timeoutMs: 900_000 });
	} finally {
		if (!hadPolicy) fs.rmSync(policy, { force: true });
	}
	if (!which('redis-server') || !postgresBinDir()) throw new Error(`apt-get installed ${missing.join(', ')}, but the binaries are not where expected`);
}

function waitForPort(port, timeoutMs = 30_000) {
	const deadline = Date.now() + timeoutMs;
	return new Promise((resolve, reject) => {
		const attempt = () => {
			const socket = net.connect({ host: '127.0.0.1', port });
			socket.once('connect', () => {
				socket.destroy();
				resolve();
			});
			socket.once('error', () => {
				socket.destroy();
				if (Date.now() > deadline) reject(new Error(`nothing listens on 127.0.0.1:${port} after ${timeoutMs / 1000} s`));
				else setTimeout(attempt, 200);
			});
		};
		attempt();
	});
}

/** Redis on 127.0.0.1:<free port>, no persistence, data in `dir`. Resolves to `{ port, stop() }`. */
async function startRedis({ dir, log = () => {} }) {
	fs.mkdirSync(dir, { recursive: true });
	const port = await freePort();
	const logFile = path.join(dir, 'redis.log');
	const child = spawn(
		which('redis-server'),
		['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'no', '--logfile', logFile, '--daemonize', 'no'],
		{ stdio: 'ignore', detached: true },
	);
	const kill = () => {
		try {
			process.kill(child.pid, 'SIGKILL');
		} catch {
			// gone
		}
	};
	process.on('exit', kill);
	await waitForPort(port);
	log(`Redis on 127.0.0.1:${port}`);
	return {
		port,
		async stop() {
			process.removeListener('exit', kill);
			if (child.exitCode !== null) return;
			const exited = new Promise((r) => child.once('exit', r));
			child.kill('SIGTERM');
			const timer = setTimeout(kill, 10_000);
			await exited;
			clearTimeout(timer);
		},
	};
}

/**
 * Postgres on 127.0.0.1:<free port>: a new cluster (`initdb`) in `dir`, run by `pg_ctl` as the `postgres` user (Postgres
 * refuses to run as root), with a password user and database for n8n. Resolves to `{ port, user, password, database,
 * stop() }`.
 */
async function startPostgres({ dir, log = () => {} }) {
	const bin = postgresBinDir();
	const port = await freePort();
	const user = 'n8n';
	const password = 'n8n-local-only';
	const database = 'n8n';
	const dataDir = path.join(dir, 'data');
	const logFile = path.join(dir, 'postgres.log');
	const runAs = process.getuid?.() === 0 ? 'postgres' : undefined;
	fs.mkdirSync(dir, { recursive: true });
	if (runAs) await exec('chown', ['-R', `${runAs}:${runAs}`, dir]);
	fs.mkdirSync(path.dirname(dir), { recursive: true });
	// The temp dir's parents must be reachable for the postgres user.
	if (runAs) fs.chmodSync(path.dirname(dir), 0o755);
	const asPostgres = async (command, args) =>
		runAs
			? await exec('runuser', ['-u', runAs, '--', path.join(bin, command), ...args], { cwd: '/' })
			: await exec(path.join(bin, command), args, { cwd: '/' });
	const pwFile = path.join(dir, 'pw');
	fs.writeFileSync(pwFile, `${password}\n`);
	if (runAs) await exec('chown', [`${runAs}:${runAs}`, pwFile]);
	await asPostgres('initdb', ['-D', dataDir, '-U', user, '--pwfile', pwFile, '-A', 'scram-sha-256', '--no-sync', '-E', 'UTF8']);
	fs.rmSync(pwFile, { force: true });
	const options = `-c listen_addresses=127.0.0.1 -p ${port} -k ${dir} -c fsync=off -c synchronous_commit=off -c full_page_writes=off`;
	await asPostgres('pg_ctl', ['-D', dataDir, '-l', logFile, '-o', options, '-w', '-t', '60', 'start']);
	const stopNow = () => {
		spawnSync(runAs ? 'runuser' : path.join(bin, 'pg_ctl'), [...(runAs ? ['-u', runAs, '--', path.join(bin, 'pg_ctl')] : []), '-D', dataDir, '-m', 'immediate', 'stop'], { stdio: 'ignore' });
	};
	process.on('exit', stopNow);
	// n8n's database (the cluster has the user's own database `n8n`? initdb makes `postgres`; create `n8n` from it).
	await exec(which('psql') ?? path.join(bin, 'psql'), ['-h', '127.0.0.1', '-p', String(port), '-U', user, '-d', 'postgres', '-c', `CREATE DATABASE ${database}`], {
		env: { ...process.env, PGPASSWORD: password },
	});
	log(`Postgres on 127.0.0.1:${port} (data in ${dataDir})`);
	return {
		port,
		user,
		password,
		database,
		async stop() {
			process.removeListener('exit', stopNow);
			await asPostgres('pg_ctl', ['-D', dataDir, '-m', 'fast', '-w', 'stop']).catch(() => stopNow());
		},
	};
}

/** A temporary directory for the services' data, readable by the postgres user. */
function serviceDir() {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tiktok-suite-queue-'));
	fs.chmodSync(dir, 0o755);
	return dir;
}

module.exports = { ensureServicePackages, startRedis, startPostgres, serviceDir, postgresBinDir };
