'use strict';
// Starts and stops a real n8n server (from the cache made by install.js) with this package installed the way
// Community Nodes installs it. Used by `npm run dev` and the end-to-end test.
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');
const { spawn } = require('node:child_process');

const { ensureN8n } = require('./install');

const REPO_ROOT = path.resolve(__dirname, '..', '..');
const PACKAGE_NAME = 'n8n-nodes-tiktok-suite';
/** A fixed key: these instances only ever hold fake secrets, and a fixed key lets `npm run dev` reopen its data. */
const ENCRYPTION_KEY = 'n8n-nodes-tiktok-suite-local-only';

/** A free TCP port on 127.0.0.1. */
function freePort() {
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.unref();
		server.on('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address();
			server.close(() => resolve(port));
		});
	});
}

/** Whether something already listens on 127.0.0.1:`port`. */
function portInUse(port) {
	return new Promise((resolve) => {
		const socket = net.connect({ host: '127.0.0.1', port });
		socket.once('connect', () => {
			socket.destroy();
			resolve(true);
		});
		socket.once('error', () => resolve(false));
	});
}

/** Process groups of the commands `exec` is running, once `ownCommandGroups()` was called. */
const running = new Set();
let ownGroups = false;

/**
 * From now on `exec` runs each command in its own process group, killed when this process exits first: so a build
 * or an install does not outlive a stopped `npm run dev`, which is stopped by signals to npm or to itself that its
 * children (in the terminal's process group otherwise) would not get. Other scripts keep the default (a terminal's
 * Ctrl-C reaches their children directly).
 */
function ownCommandGroups() {
	if (ownGroups || process.platform === 'win32') return;
	ownGroups = true;
	process.on('exit', () => {
		for (const pid of running) {
			try {
				process.kill(-pid, 'SIGKILL');
			} catch {
				// gone
			}
		}
	});
}

/** Runs a command to completion; resolves to its stdout, rejects with its output on failure. */
function exec(command, args, { cwd = REPO_ROOT, env = process.env, timeoutMs = 600_000 } = {}) {
	return new Promise((resolve, reject) => {
		const detached = ownGroups;
		const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], detached });
		if (detached && child.pid) running.add(child.pid);
		child.on('exit', () => running.delete(child.pid));
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (d) => (stdout += d));
		child.stderr.on('data', (d) => (stderr += d));
		const timer = setTimeout(() => {
			try {
				process.kill(detached ? -child.pid : child.pid, 'SIGKILL');
			} catch {
				// gone
			}
		}, timeoutMs);
		child.on('error', (error) => {
			clearTimeout(timer);
			reject(error);
		});
		child.on('exit', (code, signal) => {
			clearTimeout(timer);
			if (code === 0) resolve(stdout);
			else {
				const tail = `${stdout}\n${stderr}`.trim().split('\n').slice(-25).join('\n');
				reject(new Error(`${command} ${args.join(' ')} failed (${code ?? signal}):\n${tail}`));
			}
		});
	});
}

/** `npm run build` in the repository. */
async function buildPackage() {
	await exec('npm', ['run', 'build']);
}

/**
 * Installs the built package into `<userFolder>/.n8n/nodes` exactly as n8n's Community Nodes does
 * (packages/cli/src/modules/community-packages/community-packages.service.ts `downloadPackage`): `npm pack`, unpack
 * into `nodes/node_modules/<name>`, drop dev/peer/optional dependencies from its package.json, `npm install` its
 * runtime dependencies there (this package has none), and record it in `nodes/package.json`. So n8n sees only what
 * the published tarball holds (package.json `files` and `n8n` section), never the repository's node_modules.
 */
async function installPackage(userFolder) {
	const nodesDir = path.join(userFolder, '.n8n', 'nodes');
	const packageDir = path.join(nodesDir, 'node_modules', PACKAGE_NAME);
	const packDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tiktok-suite-pack-'));
	try {
		const output = await exec('npm', ['pack', '--json', '--pack-destination', packDir, '--ignore-scripts']);
		const [{ filename, files }] = JSON.parse(output);
		const tarball = path.join(packDir, path.basename(filename));
		fs.rmSync(packageDir, { recursive: true, force: true });
		fs.mkdirSync(packageDir, { recursive: true });
		await exec('tar', ['-xzf', tarball, '-C', packageDir, '--strip-components=1']);
		const packageJsonPath = path.join(packageDir, 'package.json');
		const { devDependencies, peerDependencies, optionalDependencies, ...packageJson } = JSON.parse(
			fs.readFileSync(packageJsonPath, 'utf8'),
		);
		fs.writeFileSync(packageJsonPath, JSON.stringify(packageJson, null, 2), 'utf8');
		await exec(
			'npm',
			['install', '--audit=false', '--fund=false', '--bin-links=false', '--install-strategy=shallow', '--ignore-scripts=true', '--package-lock=false'],
			{ cwd: packageDir },
		);
		const nodesPackageJsonPath = path.join(nodesDir, 'package.json');
		const nodesPackageJson = fs.existsSync(nodesPackageJsonPath)
			? JSON.parse(fs.readFileSync(nodesPackageJsonPath, 'utf8'))
			: { name: 'installed-nodes', private: true, dependencies: {} };
		nodesPackageJson.dependencies = { ...(nodesPackageJson.dependencies ?? {}), [PACKAGE_NAME]: packageJson.version };
		fs.writeFileSync(nodesPackageJsonPath, JSON.stringify(nodesPackageJson, null, 2), 'utf8');
		return { name: PACKAGE_NAME, version: packageJson.version, dir: packageDir, files: files.map((f) => f.path) };
	} finally {
		fs.rmSync(packDir, { recursive: true, force: true });
	}
}

/**
 * The environment of a local n8n: loopback only, no telemetry, no version/template/banner/registry calls, no
 * task-runner port clashes, manual executions saved. Inherited N8N_*, DB_* and similar settings are dropped so the
 * machine's own n8n configuration cannot leak in.
 */
function n8nEnv({ runtime, userFolder, port, brokerPort, extra = {} }) {
	const inherited = Object.fromEntries(
		Object.entries(process.env).filter(
			([key]) => !/^(N8N_|DB_|EXECUTIONS_|QUEUE_|GENERIC_TIMEZONE|WEBHOOK_URL|NODES_|CREDENTIALS_|NODE_OPTIONS|NODE_PATH|npm_)/.test(key),
		),
	);
	return {
		...inherited,
		PATH: `${runtime.nodeBinDir}${path.delimiter}${process.env.PATH}`,
		N8N_USER_FOLDER: userFolder,
		N8N_ENCRYPTION_KEY: ENCRYPTION_KEY,
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_HOST: '127.0.0.1',
		N8N_PORT: String(port),
		N8N_PROTOCOL: 'http',
		N8N_EDITOR_BASE_URL: `http://127.0.0.1:${port}`,
		N8N_WEBHOOK_URL: `http://127.0.0.1:${port}/`,
		// Plain http on loopback: the session cookie must not be `Secure`, or browsers drop it.
		N8N_SECURE_COOKIE: 'false',
		// Nothing phones home.
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_WHATS_NEW_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_DYNAMIC_BANNERS_ENABLED: 'false',
		N8N_HIRING_BANNER_ENABLED: 'false',
		N8N_LICENSE_AUTO_RENEW_ENABLED: 'false',
		N8N_LICENSE_DETACH_FLOATING_ON_SHUTDOWN: 'false',
		N8N_AI_ENABLED: 'false',
		// Community packages stay enabled (they load this package) but the vetted-package list is not fetched.
		N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
		N8N_VERIFIED_PACKAGES_ENABLED: 'false',
		N8N_UNVERIFIED_PACKAGES_ENABLED: 'true',
		N8N_REINSTALL_MISSING_PACKAGES: 'false',
		// The MCP server registry refreshes itself from api.n8n.io at startup. The instance AI module makes the
		// editor open on its AI assistant page after sign-in (n8n-editor-ui's `/` route) instead of the workflows.
		N8N_DISABLED_MODULES: 'mcp-registry,instance-ai',
		// Task runners (Code node) cannot be switched off in 2.x; give the broker its own port so instances coexist.
		N8N_RUNNERS_BROKER_LISTEN_ADDRESS: '127.0.0.1',
		N8N_RUNNERS_BROKER_PORT: String(brokerPort),
		N8N_PYTHON_ENABLED: 'false',
		EXECUTIONS_DATA_SAVE_MANUAL_EXECUTIONS: 'true',
		EXECUTIONS_DATA_SAVE_ON_SUCCESS: 'all',
		EXECUTIONS_DATA_SAVE_ON_ERROR: 'all',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'true',
		GENERIC_TIMEZONE: 'UTC',
		N8N_LOG_LEVEL: 'info',
		N8N_LOG_OUTPUT: 'console',
		...extra,
	};
}

/** Runs an n8n CLI command (`import:credentials`, ...) against `userFolder`; resolves to its output. */
async function n8nCli(runtime, args, { userFolder, env }) {
	return await exec(runtime.runNode, [runtime.n8nBin, ...args], { cwd: userFolder, env, timeoutMs: 300_000 });
}

function isAlive(pid) {
	try {
		process.kill(pid, 0);
		return true;
	} catch {
		return false;
	}
}

/** The last `lines` lines of a file. */
function tail(file, lines = 40) {
	try {
		return fs.readFileSync(file, 'utf8').trim().split('\n').slice(-lines).join('\n');
	} catch {
		return '';
	}
}

/**
 * Starts `n8n start` (or `command`, e.g. `worker` with `args` such as `--concurrency=5`) in its own process group and waits until it serves the REST API and has finished starting
 * ("Editor is now accessible"). Resolves to `{ url, port, pid, logFile, stop() }`; `stop()` ends n8n (SIGTERM, its
 * graceful shutdown, then SIGKILL of its process group if anything is left), and is also run if this process exits.
 */
async function startN8n({ runtime, userFolder, port, brokerPort, env, logFile, timeoutMs = 240_000, onLine, command = 'start', args = [] }) {
	fs.mkdirSync(path.dirname(logFile), { recursive: true });
	const startOffset = fs.existsSync(logFile) ? fs.statSync(logFile).size : 0;
	const out = fs.openSync(logFile, 'a');
	const child = spawn(runtime.runNode, [runtime.n8nBin, command, ...args], {
		cwd: userFolder,
		env,
		detached: true,
		stdio: ['ignore', out, out],
	});
	fs.closeSync(out);
	const pid = child.pid;
	let exitInfo;
	const exited = new Promise((resolve) => {
		child.on('exit', (code, signal) => {
			exitInfo = { code, signal };
			resolve(exitInfo);
		});
	});
	const killGroup = () => {
		try {
			process.kill(-pid, 'SIGKILL');
		} catch {
			// already gone
		}
	};
	process.on('exit', killGroup);

	let stopping;
	const stop = async () => {
		stopping ??= (async () => {
			if (!exitInfo) {
				try {
					process.kill(pid, 'SIGTERM');
				} catch {
					// already gone
				}
				const timer = setTimeout(killGroup, 45_000);
				await exited;
				clearTimeout(timer);
			}
			// The task runner n8n started is in the same group: make sure nothing is left behind.
			try {
				process.kill(-pid, 0);
				await new Promise((r) => setTimeout(r, 500));
				killGroup();
			} catch {
				// group gone
			}
			process.removeListener('exit', killGroup);
		})();
		return await stopping;
	};

	const url = `http://127.0.0.1:${port}`;
	const deadline = Date.now() + timeoutMs;
	let lastLength = startOffset;
	for (;;) {
		if (exitInfo) {
			throw new Error(`n8n exited during startup (${exitInfo.code ?? exitInfo.signal}). Last lines of ${logFile}:\n${tail(logFile)}`);
		}
		const text = readFrom(logFile, startOffset);
		if (onLine && text.length > lastLength - startOffset) {
			for (const line of text.slice(lastLength - startOffset).split('\n')) if (line.trim()) onLine(line);
			lastLength = startOffset + text.length;
		}
		// A worker (`n8n worker`, queue mode) serves no editor: it is up once it says so.
		if (command === 'worker' ? /n8n worker is now ready/.test(text) : /Editor is now accessible via/.test(text) && (await responds(`${url}/rest/settings`))) break;
		if (Date.now() > deadline) {
			await stop();
			throw new Error(`n8n did not start within ${Math.round(timeoutMs / 1000)} s. Last lines of ${logFile}:\n${tail(logFile)}`);
		}
		await new Promise((r) => setTimeout(r, 300));
	}
	return { url, port, pid, logFile, startOffset, stop, exited, log: () => readFrom(logFile, startOffset) };
}

function readFrom(file, offset) {
	try {
		const fd = fs.openSync(file, 'r');
		try {
			const size = fs.fstatSync(fd).size;
			const buffer = Buffer.alloc(Math.max(0, size - offset));
			fs.readSync(fd, buffer, 0, buffer.length, offset);
			return buffer.toString('utf8');
		} finally {
			fs.closeSync(fd);
		}
	} catch {
		return '';
	}
}

async function responds(url) {
	try {
		const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
		await response.arrayBuffer();
		return response.ok;
	} catch {
		return false;
	}
}

module.exports = {
	REPO_ROOT,
	PACKAGE_NAME,
	ENCRYPTION_KEY,
	ensureN8n,
	freePort,
	portInUse,
	exec,
	ownCommandGroups,
	buildPackage,
	installPackage,
	n8nEnv,
	n8nCli,
	startN8n,
	isAlive,
	tail,
};
