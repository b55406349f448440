#!/usr/bin/env node
'use strict';
// `npm run dev`: builds the package, starts the fake TikTok API with its sample data, and a real n8n 2.41.1 (Node 24)
// with the package installed as Community Nodes installs it, both TikTok credentials pointing at the fake API
// (the OAuth2 one connected through n8n's own OAuth2 flow) and every example workflow imported.
// Ctrl-C stops everything it started. State (owner, credentials, your own workflows) lives in .dev/ and is reused.
// On a fresh clone it first installs the project's dependencies (`npm ci`, scripts/deps.js).
//
// Stopping: SIGINT, SIGTERM or SIGHUP to this process, or to the npm process running it (`npm run dev` execs this
// script, so npm's forwarded signal lands here), stops n8n, the fake API and any install or build still running.
// So does the end of the process that started `npm run dev` (an IDE, a process manager, a closed terminal): the
// chain of parents is watched every second (scripts/runtime/parents.js).
//
// Environment: DEV_N8N_PORT (5678), DEV_FAKE_PORT (4010), TIKTOK_SUITE_N8N_CACHE (where n8n is installed once).
const fs = require('node:fs');
const path = require('node:path');

const { ensureDependencies, DependencyError } = require('./deps');
const { watchParents } = require('./runtime/parents');
const { startFakeTikTok, FAKE } = require('../test/fake-tiktok/server');
const { launchLocalN8n, loadExamples, pointAtFake, OWNER, DEVELOPERS_CREDENTIAL_ID } = require('./runtime/local');
const { REPO_ROOT, freePort, portInUse, ownCommandGroups } = require('./runtime/server');

const N8N_PORT = Number(process.env.DEV_N8N_PORT ?? 5678);
const FAKE_PORT = Number(process.env.DEV_FAKE_PORT ?? 4010);
const DEV_DIR = path.join(REPO_ROOT, '.dev');
const USER_FOLDER = path.join(DEV_DIR, 'n8n');
const LOG_FILE = path.join(DEV_DIR, 'n8n.log');

const t0 = Date.now();
const log = (line) => console.log(`[dev +${((Date.now() - t0) / 1000).toFixed(0)}s] ${line}`);

/** Echoes n8n's log (its own file) to the console as it grows, prefixed. */
function echoLog(file, fromOffset) {
	let offset = fromOffset;
	let rest = '';
	const timer = setInterval(() => {
		let size;
		try {
			size = fs.statSync(file).size;
		} catch {
			return;
		}
		if (size <= offset) return;
		const fd = fs.openSync(file, 'r');
		const buffer = Buffer.alloc(size - offset);
		fs.readSync(fd, buffer, 0, buffer.length, offset);
		fs.closeSync(fd);
		offset = size;
		const lines = (rest + buffer.toString('utf8')).split('\n');
		rest = lines.pop();
		for (const line of lines) if (line.trim()) console.log(`  n8n │ ${line}`);
	}, 500);
	return () => clearInterval(timer);
}

async function main() {
	const cleanups = [];
	let stopping = false;
	const stop = async (code = 0, why = '') => {
		if (stopping) return;
		stopping = true;
		console.log(`\n${why ? `${why}: s` : 'S'}topping n8n and the fake TikTok API…`);
		for (const cleanup of cleanups.reverse()) {
			try {
				await cleanup();
			} catch (error) {
				console.error(error.message);
			}
		}
		console.log('Stopped.');
		process.exit(code);
	};
	for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => stop(0, `${signal} received`));
	const unwatch = watchParents(() => stop(0, 'The process that started `npm run dev` ended'));
	cleanups.push(unwatch);
	ownCommandGroups();

	// A fresh clone: install the project's own dependencies first (stopped with everything else).
	await ensureDependencies({
		log,
		onSpawn: (child) => cleanups.push(() => killGroup(child.pid)),
	});
	if (stopping) return;

	for (const [port, what, variable] of [
		[N8N_PORT, 'n8n', 'DEV_N8N_PORT'],
		[FAKE_PORT, 'the fake TikTok API', 'DEV_FAKE_PORT'],
	]) {
		if (await portInUse(port)) {
			throw new Error(`Port ${port} (for ${what}) is already in use on 127.0.0.1: is another \`npm run dev\` running? Stop it, or set ${variable}.`);
		}
	}
	fs.mkdirSync(DEV_DIR, { recursive: true });

	const fake = await startFakeTikTok({ port: FAKE_PORT });
	cleanups.push(() => fake.close());
	if (stopping) return;
	log(`Fake TikTok API on ${fake.url} (sample data: ${fake.state.world.advertisers.length} advertisers, ${fake.state.world.ads.length} ads)`);

	const n8n = await launchLocalN8n({
		userFolder: USER_FOLDER,
		port: N8N_PORT,
		brokerPort: await freePort(),
		fakeUrl: fake.url,
		log,
		logFile: LOG_FILE,
		build: true,
	});
	cleanups.push(() => n8n.stop());
	if (stopping) return;
	const { client, server } = n8n;
	log(`n8n is up on ${server.url}`);

	// The fake forgets its tokens when it stops: connect the OAuth2 credential again, through n8n's OAuth2 flow.
	await client.connectOAuth2(DEVELOPERS_CREDENTIAL_ID);
	log('Connected "TikTok OAuth2 (fake API)" through n8n\'s OAuth2 flow');

	// Example workflows: refreshed from examples/ on every start (your other workflows are left alone).
	const existing = await client.listWorkflows();
	const imported = [];
	for (const example of loadExamples()) {
		example.workflow = pointAtFake(example.workflow, fake.url);
		const current = existing.find((w) => w.name === example.workflow.name);
		let workflow;
		if (current?.active || current?.activeVersionId) await client.deactivateWorkflow(current.id).catch(() => undefined);
		if (current) workflow = await client.updateWorkflow(current.id, example.workflow);
		else workflow = await client.createWorkflow(example.workflow);
		let note = '';
		if (example.isTrigger) {
			try {
				await client.activateWorkflow(workflow.id);
				note = ' (active: polls the fake API every minute)';
			} catch (error) {
				note = ` (could not be activated: ${error.message})`;
			}
		}
		imported.push(`${example.workflow.name}${note}\n      ${server.url}/workflow/${workflow.id}   ← examples/${example.file}`);
	}

	console.log(`
────────────────────────────────────────────────────────────────────────────────
 n8n with n8n-nodes-tiktok-suite is running.

   Open      ${server.url}/home/workflows   (the example workflows, after sign-in)
   Sign in   ${OWNER.email}  /  ${OWNER.password}
             (a fixed owner for this local, loopback-only instance with fake data)

 Credentials (pointing at the fake TikTok API, ${fake.url}):
   TikTok Business (fake API)   App ID ${FAKE.businessAppId}, pasted sandbox token
   TikTok OAuth2 (fake API)     client key ${FAKE.clientKey}; connected (open it and press "Switch account" to run the flow again)

 Example workflows (open one and press "Execute workflow"):
${imported.map((line) => `   • ${line}`).join('\n') || '   (none in examples/)'}

 Try the trigger: create ads in the fake API, then wait for the next poll:
   curl -s -X POST ${fake.url}/__fake/ads -H 'content-type: application/json' -d '{"advertiser_id":"7000000000000000001","count":2}'

 Data: ${USER_FOLDER} (reused next time; delete it to start over). n8n's log: ${LOG_FILE}
 Ctrl-C stops n8n and the fake API.
────────────────────────────────────────────────────────────────────────────────
`);
	cleanups.push(echoLog(LOG_FILE, fs.statSync(LOG_FILE).size));
	const exit = await server.exited;
	if (!stopping) {
		console.error(`n8n exited unexpectedly (${exit.code ?? exit.signal}); see ${LOG_FILE}`);
		await stop(1);
	}
}

/** Ends a process and its process group (a detached child), if still there. */
function killGroup(pid) {
	for (const target of [-pid, pid]) {
		try {
			process.kill(target, 'SIGTERM');
		} catch {
			// gone
		}
	}
}

main().catch(async (error) => {
	console.error(`npm run dev failed: ${error instanceof DependencyError ? `\n${error.message}` : error.message}`);
	process.exit(1);
});
