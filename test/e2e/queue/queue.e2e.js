'use strict';
// End-to-end in n8n's queue mode: Redis and Postgres (Debian packages, installed when missing, on loopback, data in a
// temporary directory), one n8n 2.41.1 main that polls triggers and two workers that execute, binary data in n8n's
// database mode, the package installed as Community Nodes installs it, against the fake TikTok API. Run by
// `npm run test:e2e:queue` (scripts/e2e.js with this file).
//
// What n8n itself guarantees in queue mode (packages/cli/src/scaling/scaling.service.ts, job-processor.ts): a job is
// run by one worker; Bull's queue is created with `maxStalledCount: 0`, so a job whose worker dies (its lock not
// renewed within QUEUE_WORKER_LOCK_DURATION) is failed as stalled and never run again elsewhere, and the main's queue
// recovery marks such an execution as crashed: at most once, never retried by n8n. What the package controls, and is
// tested here: every TikTok write confirmed before the kill was sent exactly once, nothing is sent after it, and a
// re-run by the user (the way to finish the work) succeeds without harm.
const { before, after, test } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');

const { startFakeTikTok } = require('../../fake-tiktok/server');
const { ensureServicePackages, startRedis, startPostgres, serviceDir } = require('../../../scripts/runtime/services');
const { ensureN8n, buildPackage, installPackage, n8nEnv, n8nCli, startN8n, freePort } = require('../../../scripts/runtime/server');
const { N8nClient, nodeOutput, executionError } = require('../../../scripts/runtime/client');
const { OWNER, BUSINESS_CREDENTIAL_ID, DEVELOPERS_CREDENTIAL_ID, fakeCredentials, loadExamples, pointAtFake } = require('../../../scripts/runtime/local');

const PACKAGE = 'n8n-nodes-tiktok-suite';
const BUSINESS = '/open_api/v1.3';
const ADVERTISER = '7000000000000000001';
const TRIGGER_ADVERTISER = '7000000000000000003';
const MINUTE = 60_000;

const started = Date.now();
const log = (line) => console.log(`[queue +${((Date.now() - started) / 1000).toFixed(0)}s] ${line}`);
const wait = (ms) => new Promise((r) => setTimeout(r, ms));

let dir;
let redis;
let postgres;
let fake;
let runtime;
let main;
let client;
const workers = [];
let failed = false;

/** Environment of every n8n process: queue mode on the Redis and Postgres above, binary data in the database. */
function queueEnv() {
	return {
		EXECUTIONS_MODE: 'queue',
		QUEUE_BULL_REDIS_HOST: '127.0.0.1',
		QUEUE_BULL_REDIS_PORT: String(redis.port),
		QUEUE_BULL_PREFIX: `tiktok-e2e-${process.pid}`,
		DB_TYPE: 'postgresdb',
		DB_POSTGRESDB_HOST: '127.0.0.1',
		DB_POSTGRESDB_PORT: String(postgres.port),
		DB_POSTGRESDB_DATABASE: postgres.database,
		DB_POSTGRESDB_USER: postgres.user,
		DB_POSTGRESDB_PASSWORD: postgres.password,
		N8N_DEFAULT_BINARY_DATA_MODE: 'database',
		// n8n 2.x runs manual executions on the main unless told otherwise; 3.x always offloads them.
		OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true',
		// A dead worker's job is noticed in seconds rather than a minute; the main checks for dangling executions every minute.
		QUEUE_WORKER_LOCK_DURATION: '10000',
		QUEUE_WORKER_LOCK_RENEW_TIME: '2000',
		QUEUE_WORKER_STALLED_INTERVAL: '5000',
		N8N_EXECUTIONS_QUEUE_RECOVERY_INTERVAL: '1',
		QUEUE_HEALTH_CHECK_ACTIVE: 'false',
		// Debug: the main logs each poll ("Poll trigger initiated"), the workers each job they run.
		N8N_LOG_LEVEL: 'debug',
	};
}

/** A user folder per process, each with the package installed (as Community Nodes does on every instance). */
async function prepareFolder(name, template) {
	const folder = path.join(dir, name);
	fs.mkdirSync(folder, { recursive: true });
	if (template) fs.cpSync(path.join(template, '.n8n', 'nodes'), path.join(folder, '.n8n', 'nodes'), { recursive: true });
	else await installPackage(folder);
	return folder;
}

async function startWorker(name, template) {
	const userFolder = await prepareFolder(name, template);
	const env = n8nEnv({ runtime, userFolder, port: await freePort(), brokerPort: await freePort(), extra: queueEnv() });
	const server = await startN8n({ runtime, userFolder, env, logFile: path.join(userFolder, 'n8n.log'), command: 'worker', args: ['--concurrency=5'] });
	log(`worker ${name} is up (pid ${server.pid})`);
	return { name, ...server };
}

/** Which processes' logs say they ran execution `id`. */
function ranBy(id) {
	const pattern = new RegExp(`Worker started execution ${id} \\(`);
	return [main, ...workers].filter((p) => pattern.test(p.log())).map((p) => p.name);
}

function manualWorkflow(name, nodes) {
	const all = [{ parameters: {}, name: 'Manual Trigger', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0] }, ...nodes];
	const connections = {};
	for (let i = 0; i < all.length - 1; i++) connections[all[i].name] = { main: [[{ node: all[i + 1].name, type: 'main', index: 0 }]] };
	return { name, nodes: all.map((n, i) => ({ position: [i * 240, 0], ...n })), connections, settings: { executionOrder: 'v1' } };
}

const credential = { tikTokBusinessOAuth2Api: { id: BUSINESS_CREDENTIAL_ID, name: 'TikTok Business (fake API)' } };

before(
	async () => {
		failed = true;
		await ensureServicePackages({ log });
		dir = serviceDir();
		redis = await startRedis({ dir: path.join(dir, 'redis'), log });
		postgres = await startPostgres({ dir: path.join(dir, 'postgres'), log });
		fake = await startFakeTikTok({ port: 0 });
		log(`fake TikTok API on ${fake.url}; everything else in ${dir}`);
		runtime = await ensureN8n({ log });
		if (process.env.TIKTOK_SUITE_E2E_BUILT !== '1') await buildPackage();

		const mainFolder = await prepareFolder('main');
		const env = n8nEnv({ runtime, userFolder: mainFolder, port: await freePort(), brokerPort: await freePort(), extra: queueEnv() });
		const file = path.join(mainFolder, 'credentials.json');
		fs.writeFileSync(file, JSON.stringify(fakeCredentials(fake.url)));
		await n8nCli(runtime, ['import:credentials', `--input=${file}`], { userFolder: mainFolder, env });
		fs.rmSync(file);
		main = { name: 'main', ...(await startN8n({ runtime, userFolder: mainFolder, port: Number(env.N8N_PORT), env, logFile: path.join(mainFolder, 'n8n.log') })) };
		client = new N8nClient(main.url, runtime);
		await client.signIn(OWNER);
		// The TikTok OAuth2 credential, connected through n8n's OAuth2 flow against the fake (video examples use it).
		await client.connectOAuth2(DEVELOPERS_CREDENTIAL_ID);
		log(`main is up on ${main.url}`);
		workers.push(await startWorker('worker-a', mainFolder), await startWorker('worker-b', mainFolder));
		failed = false;
	},
	{ timeout: 30 * MINUTE },
);

after(
	async () => {
		for (const p of [...workers, main]) await p?.stop().catch(() => undefined);
		await fake?.close();
		await redis?.stop();
		await postgres?.stop();
		if (dir && !failed) fs.rmSync(dir, { recursive: true, force: true });
		else if (dir) log(`kept ${dir} (each process's n8n.log inside) for inspection`);
	},
	{ timeout: 3 * MINUTE },
);

/** A test whose failure keeps the logs. */
function queueTest(name, options, fn) {
	test(name, options, async (t) => {
		try {
			await fn(t);
		} catch (error) {
			failed = true;
			throw error;
		}
	});
}

queueTest('the main runs in queue mode on Postgres and Redis, with two workers', async () => {
	assert.match(main.log(), /Editor is now accessible/);
	for (const worker of workers) {
		assert.match(worker.log(), /n8n worker is now ready/);
		assert.match(worker.log(), /Concurrency: 5/);
	}
	const types = await client.nodeTypes([`${PACKAGE}.tikTok`, `${PACKAGE}.tikTokTrigger`]);
	assert.equal(types.length, 2);
});

// The trigger is activated first; its one-minute polls overlap the action checks below.
const trigger = { workflow: undefined, created: [], pollsAtActivation: 0 };
// One poll of one advertiser reads TikTok's default listing and the TopView listing (docs/tiktok-contract.md §11):
// a poll is counted by the default listing.
const triggerPolls = () =>
	fake.state
		.requestsTo(`${BUSINESS}/ad/get/`)
		.filter(
			(r) =>
				r.query.advertiser_id === TRIGGER_ADVERTISER &&
				/creation_filter_start_time/.test(r.query.filtering ?? '') &&
				!/RESERVATION_TOP_VIEW/.test(r.query.filtering ?? ''),
		);

queueTest('activating a TikTok Trigger workflow: the main polls', { timeout: 3 * MINUTE }, async () => {
	const workflow = await client.createWorkflow({
		name: 'queue e2e: new ads',
		nodes: [
			{
				parameters: { event: 'adCreated', advertiserIds: [TRIGGER_ADVERTISER], limit: 50, pollTimes: { item: [{ mode: 'everyMinute' }] } },
				name: 'TikTok Trigger',
				type: `${PACKAGE}.tikTokTrigger`,
				typeVersion: 1,
				position: [0, 0],
				credentials: credential,
			},
			{
				// An action on what the trigger emitted: runs on a worker.
				parameters: { resource: 'ad', operation: 'get', advertiserId: { __rl: true, mode: 'id', value: TRIGGER_ADVERTISER }, adId: '={{ $json.ad_id }}' },
				name: 'Get the ad',
				type: `${PACKAGE}.tikTok`,
				typeVersion: 1,
				position: [240, 0],
				credentials: credential,
			},
		],
		connections: { 'TikTok Trigger': { main: [[{ node: 'Get the ad', type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
	});
	await client.activateWorkflow(workflow.id);
	trigger.workflow = workflow;
	assert.ok(triggerPolls().length > 0, 'activation did not poll TikTok');
	await wait(1500);
	const response = await fetch(`${fake.url}/__fake/ads`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ advertiser_id: TRIGGER_ADVERTISER, count: 3, name: 'queue e2e new ad' }),
	});
	trigger.created.push(...(await response.json()).ads.map((a) => a.ad_id));
	log(`trigger active; created ads ${trigger.created.join(', ')}`);
});

/** Executions of a workflow, with data, oldest first. */
async function executionsOf(workflowId) {
	const list = await client.listExecutions(workflowId);
	const full = [];
	for (const summary of list) full.push(await client.getExecution(summary.id));
	return full.sort((a, b) => Number(a.id) - Number(b.id));
}

// Every example that starts by hand (ads, reports, sound upload, video list and publish, API calls).
// (An example that starts from n8n's Webhook node is run through its production URL by the main e2e, test/e2e/n8n.e2e.js.)
const examples = loadExamples().filter(({ isTrigger, workflow }) => !isTrigger && workflow.nodes.some((n) => n.type === 'n8n-nodes-base.manualTrigger'));

for (const { file, workflow } of examples) {
	queueTest(`example ${file} runs on a worker and succeeds`, { timeout: 3 * MINUTE }, async () => {
		const saved = await client.createWorkflow(pointAtFake(workflow, fake.url));
		const id = await client.runWorkflow(saved);
		const execution = await client.waitForExecution(id);
		assert.equal(execution.status, 'success', `${file}: ${executionError(execution)}`);
		const runners = ranBy(id);
		assert.equal(runners.length, 1, `execution ${id} ran on ${JSON.stringify(runners)}`);
		assert.match(runners[0], /^worker-/);
		const last = saved.nodes.filter((n) => /tikTok$/.test(n.type)).at(-1);
		assert.ok(nodeOutput(execution, last.name).length > 0, `${file}: no output`);
		log(`${file}: execution ${id} on ${runners[0]}`);
	});
}

queueTest('a sound upload whose binary data n8n keeps in Postgres runs on a worker and reaches TikTok intact', { timeout: 3 * MINUTE }, async () => {
	// The sound example's test tone, turned into n8n binary data by "Convert to File": n8n's binary data service stores
	// it (database mode: Postgres' binary_data table), and the worker's upload reads it back from there.
	const example = loadExamples().find((e) => e.file === 'sound-upload.json').workflow;
	const tone = example.nodes.find((n) => n.type === 'n8n-nodes-base.code').parameters.jsCode;
	const jsCode = tone.replace(/return \[[\s\S]*\];\s*$/, "return [{ json: { fileName: 'n8n-test-tone.wav', seconds, base64 } }];\n");
	assert.notEqual(jsCode, tone);
	const workflow = await client.createWorkflow(
		manualWorkflow('queue e2e: sound from database binary data', [
			{ parameters: { jsCode }, name: 'Tone', type: 'n8n-nodes-base.code', typeVersion: 2 },
			{
				parameters: { operation: 'toBinary', sourceProperty: 'base64', binaryPropertyName: 'data', options: { fileName: 'n8n-test-tone.wav', mimeType: 'audio/wav' } },
				name: 'To file',
				type: 'n8n-nodes-base.convertToFile',
				typeVersion: 1.1,
			},
			{
				parameters: {
					resource: 'sound',
					operation: 'upload',
					advertiserId: { __rl: true, mode: 'id', value: ADVERTISER },
					binaryPropertyName: 'data',
					options: { fileName: 'queue-e2e-tone.wav', musicScene: 'CREATIVE_ASSET' },
				},
				name: 'Upload sound',
				type: `${PACKAGE}.tikTok`,
				typeVersion: 1,
				credentials: credential,
			},
		]),
	);
	const id = await client.runWorkflow(workflow);
	const execution = await client.waitForExecution(id);
	assert.equal(execution.status, 'success', executionError(execution));
	const runners = ranBy(id);
	assert.equal(runners.length, 1);
	assert.match(runners[0], /^worker-/);
	const binary = execution.data.resultData.runData['To file'][0].data.main[0][0].binary.data;
	assert.match(String(binary.id), /^database:/, `binary data stored as ${binary.id}`);
	const { exec } = require('../../../scripts/runtime/server');
	const count = await exec('psql', ['-h', '127.0.0.1', '-p', String(postgres.port), '-U', postgres.user, '-d', postgres.database, '-tAc', 'SELECT count(*) FROM binary_data'], {
		env: { ...process.env, PGPASSWORD: postgres.password },
	});
	assert.ok(Number(count.trim()) >= 1, `binary_data holds ${count.trim()} rows`);
	// The 12-second 8 kHz 16-bit WAV: 44 + 192000 bytes, its MD5 the signature sent (the fake refuses a mismatch).
	const upload = fake.state.musicUploads.at(-1);
	assert.equal(upload.fields.file_name, 'queue-e2e-tone.wav');
	assert.equal(upload.file.size, 44 + 8000 * 12 * 2);
	assert.equal(upload.fields.music_signature, upload.file.md5);
	assert.ok(nodeOutput(execution, 'Upload sound')[0].file_id ?? nodeOutput(execution, 'Upload sound')[0].material_id);
	log(`sound upload: execution ${id} on ${runners[0]}, binary ${binary.id}`);
});

queueTest('the trigger polls on the main only, and each new ad reaches a worker exactly once', { timeout: 5 * MINUTE }, async () => {
	const deadline = Date.now() + 3.5 * MINUTE;
	let seen = [];
	for (;;) {
		const executions = await executionsOf(trigger.workflow.id);
		seen = executions.flatMap((e) => nodeOutput(e, 'TikTok Trigger').map((j) => j.ad_id));
		if (trigger.created.every((id) => seen.includes(id))) break;
		if (Date.now() > deadline) assert.fail(`the new ads did not arrive; emitted so far ${JSON.stringify(seen)}`);
		await wait(3000);
	}
	// One more poll after that, which finds nothing.
	const polls = triggerPolls().length;
	while (triggerPolls().length === polls && Date.now() < deadline + MINUTE) await wait(2000);
	await wait(3000);
	const executions = await executionsOf(trigger.workflow.id);
	seen = executions.flatMap((e) => nodeOutput(e, 'TikTok Trigger').map((j) => j.ad_id));
	assert.deepEqual([...seen].sort(), [...trigger.created].sort(), 'an ad was emitted other than exactly once');
	for (const execution of executions) {
		assert.equal(execution.status, 'success', executionError(execution));
		assert.deepEqual(
			nodeOutput(execution, 'Get the ad').map((j) => j.ad_id),
			nodeOutput(execution, 'TikTok Trigger').map((j) => j.ad_id),
		);
		const runners = ranBy(execution.id);
		assert.equal(runners.length, 1);
		assert.match(runners[0], /^worker-/, `execution ${execution.id} ran on ${runners[0]}`);
	}
	// Every poll was the main's: its log counts as many polls of this workflow as TikTok saw trigger requests.
	const mainPolls = (main.log().match(/Poll trigger initiated for workflow "queue e2e: new ads"/g) ?? []).length;
	assert.ok(mainPolls >= 2, `the main logged ${mainPolls} polls`);
	assert.equal(triggerPolls().length, mainPolls, 'TikTok saw trigger polls the main did not make');
	for (const worker of workers) assert.doesNotMatch(worker.log(), /Poll trigger initiated/);
	await client.deactivateWorkflow(trigger.workflow.id);
});

queueTest('a worker killed in the middle of a status batch: nothing TikTok confirmed is lost or sent twice', { timeout: 8 * MINUTE }, async () => {
	const ads = fake.state.world.ads.filter((a) => a.advertiser_id === ADVERTISER && !a.__deleted && a.operation_status === 'ENABLE').slice(0, 60);
	assert.equal(ads.length, 60);
	const ids = ads.map((a) => a.ad_id);
	const workflow = await client.createWorkflow(
		manualWorkflow('queue e2e: pause 60 ads', [
			{
				parameters: { jsCode: `return ${JSON.stringify(ids)}.map((adId) => ({ json: { adId } }));` },
				name: 'Ads to pause',
				type: 'n8n-nodes-base.code',
				typeVersion: 2,
			},
			{
				parameters: {
					resource: 'ad',
					operation: 'updateStatus',
					advertiserId: { __rl: true, mode: 'id', value: ADVERTISER },
					adId: '={{ $json.adId }}',
					operationStatus: 'DISABLE',
					// One request a second: the three batches of 20 take seconds, time to kill the worker between them.
					requestsPerSecond: 1,
				},
				name: 'Pause',
				type: `${PACKAGE}.tikTok`,
				typeVersion: 1,
				credentials: credential,
			},
		]),
	);
	const STATUS = `${BUSINESS}/ad/status/update/`;
	const sent = () => fake.state.requestsTo(STATUS).filter((r) => (r.body?.ad_ids ?? []).some((id) => ids.includes(id)));
	fake.state.latencyMs = 1500;
	const id = await client.runWorkflow(workflow);
	// Kill the worker running it once TikTok has answered the first batch and the second is on its way.
	let victim;
	const deadline = Date.now() + 2 * MINUTE;
	while (!(victim && sent().length >= 2)) {
		victim ??= workers.find((w) => ranBy(id).includes(w.name));
		if (Date.now() > deadline) assert.fail(`the batch did not get going (${sent().length} requests, worker ${victim?.name})`);
		await wait(50);
	}
	process.kill(-victim.pid, 'SIGKILL');
	log(`killed ${victim.name} (pid ${victim.pid}) after ${sent().length} status requests`);
	await victim.exited;
	fake.state.latencyMs = 0;
	await wait(3000); // requests already at TikTok get their answers

	// What TikTok confirmed: each ad in at most one request, applied once; the others untouched.
	const requests = sent();
	const asked = requests.flatMap((r) => r.body.ad_ids);
	assert.equal(new Set(asked).size, asked.length, 'an ad was sent twice');
	assert.ok(asked.length < ids.length, 'the whole batch went out before the kill');
	for (const ad of ads) assert.equal(ad.operation_status, asked.includes(ad.ad_id) ? 'DISABLE' : 'ENABLE', `ad ${ad.ad_id}`);

	// n8n does not run the job again on the other worker: the execution ends crashed (or failed), nothing more is sent.
	const settled = Date.now() + 4 * MINUTE;
	let execution;
	for (;;) {
		execution = await client.getExecution(id);
		if (!['new', 'running', 'waiting', 'unknown'].includes(execution.status)) break;
		if (Date.now() > settled) assert.fail(`execution ${id} still ${execution.status} after the worker died`);
		await wait(3000);
	}
	log(`execution ${id} ended ${execution.status}`);
	assert.notEqual(execution.status, 'success');
	assert.equal(sent().length, requests.length, 'n8n ran the job again');

	// The user's re-run on the remaining worker finishes the work: every ad paused, each output paired to its input.
	const rerun = await client.execute(workflow, { timeoutMs: 2 * MINUTE });
	assert.equal(rerun.status, 'success', executionError(rerun));
	const output = nodeOutput(rerun, 'Pause');
	assert.deepEqual(output.map((j) => j.ad_id), ids);
	for (const ad of ads) assert.equal(ad.operation_status, 'DISABLE');
	// The re-run is one more pass at most: no ad was sent more than twice in all (DISABLE twice is harmless).
	const all = sent().flatMap((r) => r.body.ad_ids);
	for (const adId of ids) assert.ok(all.filter((x) => x === adId).length <= 2);
	workers.splice(workers.indexOf(victim), 1);
});
