'use strict';
// Notices when the process that started us is gone. `npm run dev` runs as  <starter> → npm → (sh) → node dev.js;
// when the starter (an IDE, a process manager, a terminal) ends, npm is not told and keeps running, and so would
// n8n. So the chain of parents up to the starter is recorded at start, and checked every second: a process of the
// chain that ended, or was re-parented (its parent ended), means the starter is gone.
const fs = require('node:fs');
const { spawnSync } = require('node:child_process');

/** `{ ppid, command }` of a process, or undefined when it does not exist (Linux: /proc; elsewhere: ps). */
function processInfo(pid) {
	if (fs.existsSync('/proc/self/stat')) {
		try {
			const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
			// pid (comm) state ppid …; comm may hold spaces and parentheses: read after the last ')'.
			const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
			const command = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').trim();
			return { ppid, command };
		} catch {
			return undefined;
		}
	}
	const ps = spawnSync('ps', ['-o', 'ppid=,command=', '-p', String(pid)], { encoding: 'utf8' });
	const match = /^\s*(\d+)\s+(.*)$/.exec(ps.stdout || '');
	return ps.status === 0 && match ? { ppid: Number(match[1]), command: match[2].trim() } : undefined;
}

/** A process that only runs us on someone's behalf: npm (`npm run`, npm-cli.js, npx) or a `sh -c` it started. */
function isLauncher(command) {
	return /(^|[\s/])(npm|npx)(\s|$)|npm-cli\.c?js|npx-cli\.c?js|^(\/usr)?(\/bin\/)?(sh|bash|dash|zsh) -c /.test(command);
}

/**
 * The links [child, parent] from this process up to the first ancestor that is not a launcher (the starter), when
 * this process was started by npm; otherwise just [this process, its parent]. Never includes pid 1 as a child.
 */
function parentLinks() {
	const links = [[process.pid, process.ppid]];
	if (!process.env.npm_lifecycle_event) return links;
	let pid = process.ppid;
	for (let depth = 0; depth < 4 && pid > 1; depth++) {
		const info = processInfo(pid);
		if (!info || !isLauncher(info.command)) break;
		links.push([pid, info.ppid]);
		pid = info.ppid;
	}
	return links;
}

/**
 * Calls `onGone(reason)` once when a recorded parent ended or was re-parented. Returns a function that stops
 * watching. Processes started by init (parent pid 1) or by nothing are not watched for their parent.
 */
function watchParents(onGone, { intervalMs = 1000 } = {}) {
	if (process.platform === 'win32') return () => {};
	const links = parentLinks().filter(([, parent]) => parent > 1);
	const timer = setInterval(() => {
		for (const [child, parent] of links) {
			const current = child === process.pid ? process.ppid : processInfo(child)?.ppid;
			if (current !== parent) {
				clearInterval(timer);
				onGone(`process ${parent} (parent of ${child}) ended`);
				return;
			}
		}
	}, intervalMs);
	timer.unref();
	return () => clearInterval(timer);
}

module.exports = { watchParents, parentLinks, processInfo };
