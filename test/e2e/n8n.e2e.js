'use strict';
// End-to-end: the built package installed into a REAL n8n 2.41.1 server the way Community Nodes installs it, driven
// through n8n's own REST API (as its editor does) against the fake TikTok API on loopback. Run by `npm run test:e2e`
// (scripts/e2e.js), which installs n8n into its cache when missing and builds the package first.
//
// One server for everything; it is restarted once, at the end, to show the Business token survives a restart.
const { before, after, test } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { startFakeTikTok, FAKE } = require('../fake-tiktok/server');
const { launchLocalN8n, loadExamples, pointAtFake, publishableCopy, SCHEDULE_TRIGGER, BUSINESS_CREDENTIAL_ID, DEVELOPERS_CREDENTIAL_ID, DEVELOPERS_SCOPES } = require('../../scripts/runtime/local');
const { freePort, n8nCli } = require('../../scripts/runtime/server');
const { EVENTS_TOKEN } = require('../fake-tiktok/events');
const { nodeOutput, executionError } = require('../../scripts/runtime/client');

const PACKAGE = 'n8n-nodes-tiktok-suite';
const BUSINESS = '/open_api/v1.3';
const TRIGGER_ADVERTISER = '7000000000000000003';
const MINUTE = 60_000;

const started = Date.now();
const log = (line) => console.log(`[e2e +${((Date.now() - started) / 1000).toFixed(0)}s] ${line}`);

let fake;
let n8n;
let userFolder;
let failed = false;

/** Secrets that must never show up in outputs or error messages. */
function secrets() {
	return [
		FAKE.businessSecret,
		FAKE.businessToken,
		FAKE.clientSecret,
		...fake.state.businessTokens.keys(),
		...fake.state.developerTokens.keys(),
		...fake.state.developerRefreshTokens.keys(),
	];
}

function assertNoSecrets(value, what) {
	const text = JSON.stringify(value);
	for (const secret of secrets()) assert.ok(!text.includes(secret), `${what} contains a secret`);
}

/** Nodes whose output ends the workflow (no outgoing main connection), sticky notes aside. */
function lastNodes(workflow) {
	const sources = new Set(
		Object.entries(workflow.connections ?? {})
			.filter(([, outputs]) => (outputs.main ?? []).some((branch) => (branch ?? []).length > 0))
			.map(([name]) => name),
	);
	return workflow.nodes.filter((n) => !sources.has(n.name) && n.type !== 'n8n-nodes-base.stickyNote');
}

async function fakeControl(route, body = {}) {
	const response = await fetch(`${fake.url}/__fake/${route}`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(body),
	});
	return await response.json();
}

/** Runs a saved workflow and asserts it succeeded; returns the execution. */
async function executeOk(workflow) {
	const execution = await n8n.client.execute(workflow);
	assert.equal(execution.status, 'success', `${workflow.name} ended ${execution.status}: ${executionError(execution)}`);
	assert.equal(executionError(execution), undefined);
	return execution;
}

const MANUAL_TRIGGER = {
	parameters: {},
	name: 'Manual Trigger',
	type: 'n8n-nodes-base.manualTrigger',
	typeVersion: 1,
	position: [0, 0],
};

/** Manual Trigger → `node`. */
function manualWorkflow(name, node) {
	return {
		name,
		nodes: [MANUAL_TRIGGER, { position: [240, 0], ...node }],
		connections: { [MANUAL_TRIGGER.name]: { main: [[{ node: node.name, type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
	};
}

/** Manual Trigger → TikTok `ad.get` of a seeded ad, with the given Business credential. */
function adGetWorkflow(name, credential) {
	return manualWorkflow(name, {
		parameters: {
			resource: 'ad',
			operation: 'get',
			advertiserId: { __rl: true, mode: 'id', value: '7000000000000000001' },
			adId: '1780000000000000001',
		},
		name: 'Get an ad',
		type: `${PACKAGE}.tikTok`,
		typeVersion: 1,
		credentials: { tikTokBusinessOAuth2Api: { id: credential.id, name: credential.name } },
	});
}

before(
	async () => {
		failed = true; // until n8n is up: keep the user folder and its n8n.log if the setup fails
		fake = await startFakeTikTok({ port: 0 });
		userFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'tiktok-suite-e2e-'));
		log(`fake TikTok API on ${fake.url}; n8n user folder ${userFolder}`);
		n8n = await launchLocalN8n({
			userFolder,
			port: await freePort(),
			brokerPort: await freePort(),
			fakeUrl: fake.url,
			log,
			logFile: path.join(userFolder, 'n8n.log'),
			// scripts/e2e.js has built the package already; run on its own, this file builds it.
			build: process.env.TIKTOK_SUITE_E2E_BUILT !== '1',
		});
		log(`n8n ${n8n.server.url} is up`);
		failed = false;
	},
	{ timeout: 60 * MINUTE },
);

after(
	async () => {
		await n8n?.stop();
		await fake?.close();
		if (userFolder && !failed) fs.rmSync(userFolder, { recursive: true, force: true });
		else if (userFolder) log(`kept ${userFolder} (n8n.log inside) for inspection`);
	},
	{ timeout: 2 * MINUTE },
);

// Interrupted (Ctrl-C, CI timeout): n8n runs in its own process group, so stop it before leaving.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
	process.once(signal, async () => {
		await n8n?.stop().catch(() => undefined);
		await fake?.close().catch(() => undefined);
		process.exit(130);
	});
}

const e2eTest = (name, options, fn) =>
	test(name, options, async (t) => {
		try {
			await fn(t);
		} catch (error) {
			failed = true;
			throw error;
		}
	});

e2eTest('n8n lists the TikTok nodes and both TikTok credentials from the installed package', { timeout: MINUTE }, async () => {
	const loadErrors = n8n.server
		.log()
		.split('\n')
		.filter((line) => /Failed to load package|Cannot find module|Skipping package/.test(line));
	assert.deepEqual(loadErrors, [], `n8n could not load the package:\n${loadErrors.join('\n')}`);
	const nodes = await n8n.client.nodeTypes([`${PACKAGE}.tikTok`, `${PACKAGE}.tikTokTrigger`, `${PACKAGE}.tikTokLeadAdsTrigger`]);
	const byName = Object.fromEntries(nodes.map((t) => [t?.name, t]));
	assert.deepEqual(Object.keys(byName).sort(), ['tikTok', 'tikTokLeadAdsTrigger', 'tikTokTrigger'], 'the TikTok nodes are not loaded');
	assert.equal(byName.tikTok.displayName, 'TikTok');
	assert.ok(byName.tikTokTrigger.polling);
	assert.equal(byName.tikTokLeadAdsTrigger.webhooks?.[0]?.httpMethod, 'POST');
	const credentials = (await n8n.client.credentialTypes()).map((t) => t.name);
	assert.ok(credentials.includes('tikTokBusinessOAuth2Api'));
	assert.ok(credentials.includes('tikTokOAuth2Api'));
	// n8n read the package from its Community Nodes folder, not from this repository.
	const installed = path.join(userFolder, '.n8n', 'nodes', 'node_modules', PACKAGE);
	assert.ok(fs.existsSync(path.join(installed, 'package.json')));
	assert.ok(!fs.existsSync(path.join(installed, 'node_modules')), 'the installed package pulled dependencies');
	assert.ok(!fs.existsSync(path.join(installed, 'nodes')), 'TypeScript sources were packed');
});

e2eTest('n8n serves the output schemas and offers the node as an AI tool with its agent-only options', { timeout: MINUTE }, async () => {
	// The editor asks /schemas/<type>/<version>/<resource>/<operation>.json to show fields before a run.
	const schema = await n8n.client.fetch(`/schemas/${PACKAGE}.tikTok/1.0.0/ad/getMany.json`);
	assert.equal(schema.status, 200, `output schema not served: HTTP ${schema.status}`);
	assert.equal(schema.json?.type, 'object');
	assert.ok(schema.json.properties.ad_id && schema.json.properties.ad_name, 'the ad schema lacks ad_id / ad_name');
	assert.ok(Object.keys(schema.json.properties).length <= 12);
	// The tool variant n8n generates for usableAsTool nodes (packages/cli tool-generation/ai-tools.ts createAiTools),
	// as the editor's node list (/types/nodes.json) offers it.
	const list = await n8n.client.fetch('/types/nodes.json');
	assert.equal(list.status, 200);
	const tool = list.json.find((t) => t.name === `${PACKAGE}.tikTokTool`);
	assert.ok(tool, 'n8n offers no TikTok Tool');
	assert.deepEqual(tool.outputs, ['ai_tool']);
	const names = tool.properties.map((p) => p.name);
	assert.ok(names.includes('allowDestructiveOperations'), 'no Allow Destructive Operations option');
	assert.ok(names.includes('toolDescription'));
	const dateRanges = tool.properties.filter((p) => p.name === 'dateRange').map((p) => p.type).sort();
	assert.deepEqual(dateRanges, ['options', 'string'], 'the tool variant has no text Date Range the model can fill');
});

// The trigger: activated first, checked near the end, so its one-minute polls overlap the other checks.
const trigger = { workflow: undefined, activatedAt: 0, batchA: [], batchB: [] };

e2eTest('activating a TikTok Trigger workflow succeeds (its first poll runs at activation)', { timeout: 2 * MINUTE }, async () => {
	const workflow = await n8n.client.createWorkflow({
		name: 'e2e: new ads trigger',
		nodes: [
			{
				parameters: {
					event: 'adCreated',
					advertiserIds: [TRIGGER_ADVERTISER],
					limit: 50,
					pollTimes: { item: [{ mode: 'everyMinute' }] },
				},
				name: 'TikTok Trigger',
				type: `${PACKAGE}.tikTokTrigger`,
				typeVersion: 1,
				position: [0, 0],
				credentials: { tikTokBusinessOAuth2Api: { id: BUSINESS_CREDENTIAL_ID, name: 'TikTok Business (fake API)' } },
			},
		],
		connections: {},
		settings: { executionOrder: 'v1' },
	});
	const pollsBefore = fake.state.requestsTo(`${BUSINESS}/ad/get/`).length;
	trigger.activatedAt = Date.now();
	const activated = await n8n.client.activateWorkflow(workflow.id);
	assert.equal(activated.publication?.status ?? 'published', 'published');
	trigger.workflow = workflow;
	assert.ok(fake.state.requestsTo(`${BUSINESS}/ad/get/`).length > pollsBefore, 'activation did not poll TikTok');
	// New ads, created after the activation poll (TikTok's create_time has one-second resolution).
	await new Promise((r) => setTimeout(r, 1500));
	trigger.batchA = (await fakeControl('ads', { advertiser_id: TRIGGER_ADVERTISER, count: 2, name: 'e2e new ad A' })).ads.map((a) => a.ad_id);
	log(`trigger active; created ads ${trigger.batchA.join(', ')}`);
});

// Issue 17: the leadReceived event in a real n8n: activation emits nothing; two leads of the same second each come
// once, with their answers, and a later poll emits nothing more. Activated here and judged after the ad trigger, so its
// one-minute polls overlap the other checks (issue 26: the e2e run waits out fewer minutes).
const LEAD_FORM = '7400000000000000104';
const LEAD_ANSWER = 'Dark, "very" dark,\nplease';
const leadTrigger = { workflow: undefined, leads: [] };

e2eTest('activating a TikTok Trigger workflow for new leads succeeds, and two leads of the same second are added', { timeout: 2 * MINUTE }, async () => {
	const LEAD_ADVERTISER = '7000000000000000002';
	const workflow = await n8n.client.createWorkflow({
		name: 'e2e: new leads trigger',
		nodes: [
			{
				parameters: {
					event: 'leadReceived',
					advertiserId: { __rl: true, mode: 'id', value: LEAD_ADVERTISER },
					pageIds: [LEAD_FORM],
					pollTimes: { item: [{ mode: 'everyMinute' }] },
				},
				name: 'TikTok Trigger',
				type: `${PACKAGE}.tikTokTrigger`,
				typeVersion: 1,
				position: [0, 0],
				credentials: { tikTokBusinessOAuth2Api: { id: BUSINESS_CREDENTIAL_ID, name: 'TikTok Business (fake API)' } },
			},
		],
		connections: {},
		settings: { executionOrder: 'v1' },
	});
	const activated = await n8n.client.activateWorkflow(workflow.id);
	leadTrigger.workflow = workflow;
	assert.equal(activated.publication?.status ?? 'published', 'published');
	await new Promise((r) => setTimeout(r, 1500));
	const { leads } = await fakeControl('leads', { page_id: LEAD_FORM, count: 2, answers: { 'Favourite roast': LEAD_ANSWER } });
	leadTrigger.leads = leads;
	log(`lead trigger active; created leads ${leads.join(', ')} (same second)`);
});

e2eTest('tikTokOAuth2Api connects through n8n\'s OAuth2 flow (authorize → TikTok redirect → callback → token stored)', { timeout: 2 * MINUTE }, async () => {
	const tokenRequestsBefore = fake.state.requestsTo('/v2/oauth/token/').length;
	const { authUrl, callbackUrl } = await n8n.client.connectOAuth2(DEVELOPERS_CREDENTIAL_ID);
	const auth = new URL(authUrl);
	assert.equal(auth.origin + auth.pathname, `${fake.url}/v2/auth/authorize/`);
	assert.equal(auth.searchParams.get('client_key'), FAKE.clientKey);
	assert.equal(auth.searchParams.get('response_type'), 'code');
	assert.equal(auth.searchParams.get('scope'), DEVELOPERS_SCOPES);
	assert.ok(callbackUrl.startsWith(`${n8n.server.url}/rest/oauth2-credential/callback?`));
	// n8n exchanged the code at TikTok's token endpoint, with client_key, exactly once.
	const exchanges = fake.state.requestsTo('/v2/oauth/token/').slice(tokenRequestsBefore);
	assert.equal(exchanges.length, 1);
	assert.equal(exchanges[0].body.grant_type, 'authorization_code');
	assert.equal(exchanges[0].body.client_key ?? exchanges[0].query.client_key, FAKE.clientKey);
	const stored = await n8n.client.getCredential(DEVELOPERS_CREDENTIAL_ID, { includeData: true });
	assert.equal(stored.data.oauthTokenData, true, 'n8n did not store the token');
});

const developersCalls = { workflow: undefined };

e2eTest('a call with the connected tikTokOAuth2Api succeeds, and after the access token expired n8n refreshes it and succeeds', { timeout: 2 * MINUTE }, async () => {
	// n8n's HTTP Request node with the predefined TikTok credential: what a user's custom call does.
	developersCalls.workflow = await n8n.client.createWorkflow(
		manualWorkflow('e2e: TikTok user info (OAuth2)', {
			parameters: {
				method: 'GET',
				url: `${fake.url}/v2/user/info/?fields=open_id,display_name`,
				authentication: 'predefinedCredentialType',
				nodeCredentialType: 'tikTokOAuth2Api',
				options: {},
			},
			name: 'User info',
			type: 'n8n-nodes-base.httpRequest',
			typeVersion: 4.2,
			credentials: { tikTokOAuth2Api: { id: DEVELOPERS_CREDENTIAL_ID, name: 'TikTok OAuth2 (fake API)' } },
		}),
	);
	const first = await executeOk(developersCalls.workflow);
	assert.equal(nodeOutput(first, 'User info')[0].data.user.display_name, 'Fake Creator');

	const refreshesBefore = fake.state.counters.refreshes;
	const expired = await fakeControl('developers/expire-tokens');
	assert.ok(expired.expired >= 1);
	const second = await executeOk(developersCalls.workflow);
	assert.equal(nodeOutput(second, 'User info')[0].data.user.display_name, 'Fake Creator');
	assert.equal(fake.state.counters.refreshes, refreshesBefore + 1, 'n8n did not refresh the token exactly once');
	const refresh = fake.state.requestsTo('/v2/oauth/token/').filter((r) => r.body?.grant_type === 'refresh_token').at(-1);
	assert.equal(refresh.body.client_key ?? refresh.query.client_key, FAKE.clientKey, 'the refresh did not carry client_key');

	// The refreshed token was stored: the next run uses it without refreshing again.
	const third = await executeOk(developersCalls.workflow);
	assert.equal(nodeOutput(third, 'User info')[0].data.user.open_id, '-000fake-open-id-0001');
	assert.equal(fake.state.counters.refreshes, refreshesBefore + 1);
	assertNoSecrets([first, second, third].map((e) => nodeOutput(e, 'User info')), 'the output');
});

const examples = loadExamples();

e2eTest('there is an example workflow to run', () => {
	assert.ok(examples.length > 0, 'examples/*.json is empty');
});

// Node issues as the editor computes them (issue 22): n8n's own n8n-workflow (from the installed n8n) applied to the
// node descriptions the running n8n serves its editor (/types/nodes.json): parameter issues of the node with its
// defaults filled in, credentials the editor asks for that are not set (or set but not shown), credentials that do not
// exist in this n8n. The editor marks a node with any of these with a red warning and will not run it.
const editor = { types: undefined };
async function editorNodeIssues(workflow) {
	const { NodeHelpers, validateNodeCredentials } = require(path.join(n8n.runtime.dir, 'node_modules', 'n8n-workflow'));
	if (!editor.types) {
		const list = await n8n.client.fetch('/types/nodes.json');
		assert.equal(list.status, 200);
		editor.types = list.json;
	}
	const credentialIds = new Set((await n8n.client.api('GET', '/credentials')).map((c) => c.id));
	const issues = [];
	for (const node of workflow.nodes) {
		if (node.type === 'n8n-nodes-base.stickyNote') continue;
		const type = editor.types.find((t) => t.name === node.type && [].concat(t.version).includes(node.typeVersion));
		if (!type) {
			issues.push(`${node.name}: n8n serves no ${node.type} version ${node.typeVersion}`);
			continue;
		}
		const parameters = NodeHelpers.getNodeParameters(type.properties, node.parameters, true, false, node, type) ?? {};
		const withDefaults = { ...node, parameters };
		const parameterIssues = NodeHelpers.getNodeParametersIssues(type.properties, withDefaults, type);
		if (parameterIssues) issues.push(`${node.name}: parameter issues ${JSON.stringify(parameterIssues.parameters ?? parameterIssues)}`);
		for (const issue of validateNodeCredentials(withDefaults, { description: type })) issues.push(`${node.name}: credential ${issue.credentialName} ${issue.type}`);
		const shown = (type.credentials ?? []).filter((c) => NodeHelpers.displayParameter(parameters, c, withDefaults, type)).map((c) => c.name);
		for (const [credentialType, ref] of Object.entries(node.credentials ?? {})) {
			if (!shown.includes(credentialType)) issues.push(`${node.name}: sets ${credentialType}, which the editor does not show for this operation`);
			if (!credentialIds.has(ref.id)) issues.push(`${node.name}: credential ${ref.id} (${credentialType}) does not exist`);
		}
	}
	return issues;
}

// Publishing (issue 30): n8n refuses to publish a workflow with a node issue ("Cannot publish workflow: … Missing
// required credential"), and only a workflow with a trigger n8n can activate (a poll, webhook or schedule trigger; not
// the Manual Trigger). So each example is published as `publishableCopy` makes it (its Manual Trigger becomes a daily
// Schedule Trigger; deactivated at once), and the resources no example uses get a small workflow of their own: one
// published workflow per resource.
const BUSINESS_REF = { tikTokBusinessOAuth2Api: { id: BUSINESS_CREDENTIAL_ID, name: 'TikTok Business (fake API)' } };
const DEVELOPERS_REF = { tikTokOAuth2Api: { id: DEVELOPERS_CREDENTIAL_ID, name: 'TikTok OAuth2 (fake API)' } };
const ADVERTISER_RL = { __rl: true, mode: 'id', value: '7000000000000000001' };
/** Resources no example workflow uses, each with one operation to publish. */
const EXTRA_PUBLISHED = [
	{ resource: 'advertiser', operation: 'get', advertiserId: ADVERTISER_RL, credentials: BUSINESS_REF },
	{ resource: 'leadForm', operation: 'getMany', advertiserId: ADVERTISER_RL, credentials: BUSINESS_REF },
	{
		resource: 'lead',
		operation: 'getMany',
		advertiserId: ADVERTISER_RL,
		formId: { __rl: true, mode: 'id', value: '7400000000000000101' },
		credentials: BUSINESS_REF,
	},
	{ resource: 'user', operation: 'get', credentials: DEVELOPERS_REF },
].map(({ credentials, ...parameters }) => {
	const node = { parameters, name: `TikTok ${parameters.resource}`, type: `${PACKAGE}.tikTok`, typeVersion: 1, position: [240, 0], credentials };
	return {
		name: `e2e: publish ${parameters.resource}.${parameters.operation}`,
		nodes: [SCHEDULE_TRIGGER, node],
		connections: { [SCHEDULE_TRIGGER.name]: { main: [[{ node: node.name, type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
	};
});

e2eTest('every example workflow opens in the editor with no node issue', { timeout: 2 * MINUTE }, async () => {
	const problems = [];
	for (const example of examples) {
		const saved = await n8n.client.createWorkflow(pointAtFake(example.workflow, fake.url));
		try {
			// What the editor opens: the workflow as n8n stored it.
			const opened = await n8n.client.getWorkflow(saved.id);
			for (const issue of await editorNodeIssues(opened)) problems.push(`${example.file}: ${issue}`);
		} finally {
			await n8n.client.deleteWorkflow(saved.id).catch(() => undefined);
		}
	}
	assert.deepEqual(problems, [], `node issues:\n${problems.join('\n')}`);
	// The check sees what the editor would: the campaign example's Campaign node without its credential has an issue.
	const campaign = examples.find((e) => e.file === 'campaigns-pause-over-spend.json').workflow;
	const stripped = { nodes: campaign.nodes.map((n) => (n.parameters.resource === 'campaign' ? { ...n, credentials: undefined } : n)) };
	assert.match((await editorNodeIssues(stripped)).join('\n'), /credential tikTokBusinessOAuth2Api missing/);
});

e2eTest('one workflow per resource of the TikTok node publishes (n8n checks its node issues first)', { timeout: 4 * MINUTE }, async () => {
	await editorNodeIssues({ nodes: [] });
	const tikTok = editor.types.find((t) => t.name === `${PACKAGE}.tikTok`);
	// n8n adds a "Custom API Call" resource to every node with credentials (it sends you to the HTTP Request node).
	const resources = tikTok.properties.find((p) => p.name === 'resource').options.map((o) => o.value).filter((r) => r !== '__CUSTOM_API_CALL__');
	assert.ok(resources.length >= 12, `the node offers ${resources.length} resources`);
	const candidates = [...examples.filter((e) => !e.isTrigger).map((e) => publishableCopy(e.workflow)), ...EXTRA_PUBLISHED];
	const published = new Set();
	for (const candidate of candidates) {
		const used = candidate.nodes.filter((n) => n.type === `${PACKAGE}.tikTok`).map((n) => n.parameters.resource);
		if (used.every((r) => published.has(r))) continue;
		const workflow = await n8n.client.createWorkflow(pointAtFake(candidate, fake.url));
		try {
			assert.deepEqual(await editorNodeIssues(workflow), [], `${candidate.name} has node issues`);
			const activated = await n8n.client.activateWorkflow(workflow.id);
			assert.equal(activated.publication?.status ?? 'published', 'published', `${candidate.name} was not published`);
			const stored = await n8n.client.getWorkflow(workflow.id);
			assert.ok(stored.active === true || Boolean(stored.activeVersionId), `${candidate.name} is not active`);
			for (const r of used) published.add(r);
			log(`published ${candidate.name} (${used.join(', ')})`);
		} finally {
			await n8n.client.deactivateWorkflow(workflow.id).catch(() => undefined);
			await n8n.client.deleteWorkflow(workflow.id).catch(() => undefined);
		}
	}
	assert.deepEqual(resources.filter((r) => !published.has(r)), [], 'resources with no published workflow');
});

/** What a shop's "order paid" webhook posts (examples/webhook-order-to-purchase-event.json starts from n8n's Webhook node). */
function sampleOrder() {
	return {
		order_id: 1001,
		paid_at: new Date().toISOString(),
		checkout_url: 'https://shop.example.com/checkout/1001/thank-you',
		currency: 'USD',
		total: 37.5,
		customer: { id: 'cus_8841', email: ' Jane.Doe@Example.com', phone: '(415) 555-0134' },
		client: { ip: '203.0.113.7', user_agent: 'Mozilla/5.0 (iPhone)', ttclid: 'E.C.P.abc123' },
		lines: [
			{ sku: 'MUG-1', name: 'Mug', price: 12.5 },
			{ sku: 'TEE-2', name: 'T-shirt', price: 25 },
		],
	};
}

/**
 * Runs an example as a user would: from its Manual Trigger; or, when it starts from n8n's Webhook node, published and
 * called at its production URL with a sample request. Returns the finished execution (asserted successful).
 */
async function runExample(definition, workflow) {
	const webhook = definition.nodes.find((n) => n.type === 'n8n-nodes-base.webhook');
	if (!webhook) return await executeOk(workflow);
	const activated = await n8n.client.activateWorkflow(workflow.id);
	assert.equal(activated.publication?.status ?? 'published', 'published');
	try {
		const answer = await fetch(`${n8n.server.url}/webhook/${webhook.parameters.path}`, {
			method: (webhook.parameters.httpMethod ?? 'GET').toUpperCase(),
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(sampleOrder()),
		});
		assert.equal(answer.status, 200, `the example's webhook answered ${answer.status}`);
		const deadline = Date.now() + MINUTE;
		while (Date.now() < deadline) {
			const [execution] = await n8n.client.finishedExecutions(workflow.id);
			if (execution) {
				assert.equal(execution.status, 'success', `${definition.name} ended ${execution.status}: ${executionError(execution)}`);
				return execution;
			}
			await new Promise((r) => setTimeout(r, 1000));
		}
		assert.fail(`${definition.name}: no execution after the webhook call`);
	} finally {
		await n8n.client.deactivateWorkflow(workflow.id).catch(() => undefined);
	}
}

for (const example of examples) {
	if (example.isTrigger) {
		e2eTest(`example ${example.file}: activates (its trigger polls the fake API without error)`, { timeout: 2 * MINUTE }, async () => {
			const workflow = await n8n.client.createWorkflow(pointAtFake(example.workflow, fake.url));
			try {
				const activated = await n8n.client.activateWorkflow(workflow.id);
				assert.equal(activated.publication?.status ?? 'published', 'published');
			} finally {
				await n8n.client.deactivateWorkflow(workflow.id).catch(() => undefined);
			}
		});
		continue;
	}
	e2eTest(`example ${example.file}: runs and its last node outputs items`, { timeout: 3 * MINUTE }, async () => {
		const workflow = await n8n.client.createWorkflow(pointAtFake(example.workflow, fake.url));
		const execution = await runExample(example.workflow, workflow);
		for (const node of lastNodes(example.workflow)) {
			const items = nodeOutput(execution, node.name);
			assert.ok(items.length > 0, `${node.name} output no items`);
			// An error item (On Error → Continue) carries the message as `error` text; a full v2 response has an `error` object.
			for (const item of items) assert.notEqual(typeof item.error, 'string', `${node.name} output an error item: ${JSON.stringify(item.error)}`);
			assertNoSecrets(items, `${node.name}'s output`);
		}
	});
}

// Posting (issue 15): a video downloaded by n8n's HTTP Request node (stored in n8n's binary store) is published with
// post.publishVideo: creator info, init, the chunks streamed to the upload URL, the status until PUBLISH_COMPLETE.
e2eTest('post.publishVideo publishes a downloaded 11 MB video in two chunks and outputs the post ID', { timeout: 3 * MINUTE }, async () => {
	const videoUrl = `${fake.url}/__fake/posting/sample.mp4?size=${11 * 1024 * 1024}&seconds=20`;
	const download = { parameters: { url: videoUrl, options: { response: { response: { responseFormat: 'file' } } } }, name: 'Download video', type: 'n8n-nodes-base.httpRequest', typeVersion: 4.2, position: [240, 0] };
	const publish = {
		parameters: { resource: 'post', operation: 'publishVideo', source: 'binary', binaryPropertyName: 'data', title: 'e2e #n8n', privacyLevel: 'PUBLIC_TO_EVERYONE', waitForCompletion: true, options: {} },
		name: 'Publish video',
		type: `${PACKAGE}.tikTok`,
		typeVersion: 1,
		position: [480, 0],
		credentials: { tikTokOAuth2Api: { id: DEVELOPERS_CREDENTIAL_ID, name: 'TikTok OAuth2 (fake API)' } },
	};
	const workflow = await n8n.client.createWorkflow({
		name: 'e2e: publish a video',
		nodes: [MANUAL_TRIGGER, download, publish],
		connections: {
			[MANUAL_TRIGGER.name]: { main: [[{ node: download.name, type: 'main', index: 0 }]] },
			[download.name]: { main: [[{ node: publish.name, type: 'main', index: 0 }]] },
		},
		settings: { executionOrder: 'v1' },
	});
	const uploadsBefore = fake.state.posting.uploads.size;
	const execution = await executeOk(workflow);
	const [out] = nodeOutput(execution, 'Publish video');
	assert.equal(out.status, 'PUBLISH_COMPLETE');
	assert.match(String(out.postId), /^\d+$/);
	assert.equal(out.totalChunkCount, 2);
	const upload = [...fake.state.posting.uploads.values()].at(-1);
	assert.equal(fake.state.posting.uploads.size, uploadsBefore + 1);
	assert.deepEqual(upload.chunks.map((c) => c.length), [5.5 * 1024 * 1024, 5.5 * 1024 * 1024]);
	assert.equal(upload.sha256, fake.state.posting.lastSample.sha256, 'TikTok did not receive the downloaded bytes');
	assert.equal(upload.authorizationSeen, false, 'the upload URL got the bearer token');
	assertNoSecrets(out, 'the publish output');
});

e2eTest('n8n\'s credential test passes for both TikTok credentials, and names the problem for a wrong secret', { timeout: MINUTE }, async () => {
	const business = await n8n.client.testStoredCredential(BUSINESS_CREDENTIAL_ID);
	assert.deepEqual(business, { status: 'OK', message: 'Connection successful!' });
	const developers = await n8n.client.testStoredCredential(DEVELOPERS_CREDENTIAL_ID);
	assert.equal(developers.status, 'OK', developers.message);

	// The editor tests a credential as it is being edited: here with a wrong secret.
	const stored = await n8n.client.getCredential(BUSINESS_CREDENTIAL_ID, { includeData: true });
	const wrong = await n8n.client.testCredential({ id: stored.id, name: stored.name, type: stored.type, data: { ...stored.data, secret: 'not-the-secret' } });
	assert.equal(wrong.status, 'Error');
	assert.match(wrong.message, /40101/);
	assertNoSecrets(wrong, 'the credential test message');
});

// Business credential created from an authorization code: exchanged once, kept across executions and a restart.
const business = { credential: undefined, workflow: undefined, authCode: '' };

/** How many times `authCode` was sent to TikTok's token exchange. */
const exchangesOf = (authCode) => fake.state.requestsTo(`${BUSINESS}/oauth2/access_token/`).filter((r) => r.body?.auth_code === authCode).length;

e2eTest('a tikTokBusinessOAuth2Api credential made from an authorization code exchanges it once and keeps the token across two executions', { timeout: 2 * MINUTE }, async () => {
	const { auth_code: authCode } = await fakeControl('business/auth-code');
	business.authCode = authCode;
	business.credential = await n8n.client.createCredential({
		name: 'e2e: TikTok Business from auth code',
		type: 'tikTokBusinessOAuth2Api',
		data: { environment: 'custom', baseUrl: fake.url, appId: FAKE.businessAppId, secret: FAKE.businessSecret, authCode },
	});
	business.workflow = await n8n.client.createWorkflow(adGetWorkflow('e2e: ad via auth-code credential', business.credential));
	for (let run = 1; run <= 2; run++) {
		const execution = await executeOk(business.workflow);
		assert.equal(nodeOutput(execution, 'Get an ad')[0].ad_id, '1780000000000000001');
		assertNoSecrets(nodeOutput(execution, 'Get an ad'), 'the output');
	}
	assert.equal(exchangesOf(authCode), 1, 'the auth code was not exchanged exactly once');
	const exchange = fake.state.requestsTo(`${BUSINESS}/oauth2/access_token/`).find((r) => r.body?.auth_code === authCode);
	assert.deepEqual(exchange.body, { app_id: FAKE.businessAppId, secret: FAKE.businessSecret, auth_code: authCode });
	// Every ad request of those runs was signed with the exchanged token, not the code.
	const stored = await n8n.client.getCredential(business.credential.id, { includeData: true });
	assert.ok(stored.data.exchangedAccessToken, 'the exchanged token was not stored on the credential');
	// n8n's credential test of this credential reuses the kept token: no second exchange.
	const tested = await n8n.client.testStoredCredential(business.credential.id);
	assert.equal(tested.status, 'OK', tested.message);
	assert.equal(exchangesOf(authCode), 1, 'the credential test exchanged the code again');
});

e2eTest('a credential test of a fresh authorization-code credential exchanges the code once, and executions then reuse that token', { timeout: 2 * MINUTE }, async () => {
	const { auth_code: authCode } = await fakeControl('business/auth-code');
	const credential = await n8n.client.createCredential({
		name: 'e2e: TikTok Business tested before use',
		type: 'tikTokBusinessOAuth2Api',
		data: { environment: 'custom', baseUrl: fake.url, appId: FAKE.businessAppId, secret: FAKE.businessSecret, authCode },
	});
	const tested = await n8n.client.testStoredCredential(credential.id);
	assert.equal(tested.status, 'OK', tested.message);
	assert.equal(exchangesOf(authCode), 1);
	const workflow = await n8n.client.createWorkflow(adGetWorkflow('e2e: ad via tested credential', credential));
	await executeOk(workflow);
	assert.equal(exchangesOf(authCode), 1, 'the execution exchanged the (already used) code again');
});

e2eTest('n8n\'s credential test names an unreachable TikTok API in words (refused, unknown host, no TLS), as a run does', { timeout: 2 * MINUTE }, async () => {
	const refused = `http://127.0.0.1:${await freePort()}`; // nothing listens there
	const check = 'Check the Base URL of the credential and the network between n8n and TikTok, then try again.';
	const refusedText = `TikTok's API could not be reached: nothing accepts connections at ${refused} (connection refused). ${check}`;
	const business = { environment: 'custom', appId: FAKE.businessAppId, secret: FAKE.businessSecret, accessToken: FAKE.businessToken };
	// As the editor does on save: the credential is stored, then tested.
	const saveAndTest = async (name, type, data) => {
		const credential = await n8n.client.createCredential({ name: `e2e: ${name}`, type, data });
		return { credential, result: await n8n.client.testStoredCredential(credential.id) };
	};

	const closed = await saveAndTest('TikTok Business, closed port', 'tikTokBusinessOAuth2Api', { ...business, baseUrl: refused });
	assert.deepEqual(closed.result, { status: 'Error', message: refusedText });
	const unknownHost = await saveAndTest('TikTok Business, unknown host', 'tikTokBusinessOAuth2Api', { ...business, baseUrl: 'http://tiktok-suite-e2e.invalid' });
	assert.deepEqual(unknownHost.result, {
		status: 'Error',
		message: `TikTok's API could not be reached: the host name tiktok-suite-e2e.invalid was not found (DNS lookup failed). ${check}`,
	});
	const noTls = await saveAndTest('TikTok Business, https to a plain HTTP server', 'tikTokBusinessOAuth2Api', { ...business, baseUrl: fake.url.replace('http:', 'https:') });
	assert.equal(noTls.result.status, 'Error');
	assert.match(noTls.result.message, /^TikTok's API could not be reached: the secure connection \(TLS\) to https:\/\/127\.0\.0\.1:\d+ failed \(wrong version number\)\. Check the Base URL/);

	// An authorization code to exchange: the exchange itself names what failed, and says the code was not spent.
	const { auth_code: authCode } = await fakeControl('business/auth-code');
	const exchange = await saveAndTest('TikTok Business, code, closed port', 'tikTokBusinessOAuth2Api', { ...business, accessToken: '', authCode, baseUrl: refused });
	assert.deepEqual(exchange.result, {
		status: 'Error',
		message: `${refusedText} The authorization code was not sent: it stays valid until it expires (one hour after you authorized).`,
	});

	// The Events API credential.
	const events = await saveAndTest('TikTok Events API, closed port', 'tikTokEventsApi', { environment: 'custom', baseUrl: refused, accessToken: 'a-pixel-token' });
	assert.deepEqual(events.result, { status: 'Error', message: refusedText });

	// A run with the Business credential says the same.
	const execution = await n8n.client.execute(await n8n.client.createWorkflow(adGetWorkflow('e2e: ad via a closed port', closed.credential)));
	assert.equal(execution.status, 'error');
	assert.ok(executionError(execution).includes(refusedText), executionError(execution));

	// The Base URL corrected, as a user would in the same form: the next test passes, and the check is stored.
	for (const { credential, type, data } of [
		{ credential: closed.credential, type: 'tikTokBusinessOAuth2Api', data: { ...business, baseUrl: fake.url } },
		{ credential: events.credential, type: 'tikTokEventsApi', data: { environment: 'custom', baseUrl: fake.url, accessToken: EVENTS_TOKEN } },
	]) {
		await n8n.client.updateCredential(credential.id, { name: credential.name, type, data });
		assert.deepEqual(await n8n.client.testStoredCredential(credential.id), { status: 'OK', message: 'Connection successful!' });
		const stored = await n8n.client.getCredential(credential.id, { includeData: true });
		assert.equal(stored.data.checkedApiRoot, fake.url);
	}
});

e2eTest('the TikTok Trigger emits each new ad exactly once across polls', { timeout: 5 * MINUTE }, async () => {
	assert.ok(trigger.workflow, 'the trigger workflow was not activated');
	const emitted = async () => {
		const ids = [];
		// A poll that emitted shows as an execution at once, still running: wait for each to finish before judging it.
		for (const execution of await n8n.client.finishedExecutions(trigger.workflow.id)) {
			assert.equal(execution.status, 'success', `trigger execution ${execution.id}: ${executionError(execution)}`);
			ids.push(...nodeOutput(execution, 'TikTok Trigger').map((item) => String(item.ad_id)));
		}
		return ids;
	};
	const waitFor = async (ids, what) => {
		const deadline = Date.now() + 2.5 * MINUTE;
		for (;;) {
			const seen = await emitted();
			if (ids.every((id) => seen.includes(id))) return Date.now();
			if (Date.now() > deadline) assert.fail(`${what} did not arrive: emitted so far ${JSON.stringify(seen)}`);
			await new Promise((r) => setTimeout(r, 2000));
		}
	};
	await waitFor(trigger.batchA, 'the first new ads');
	log('trigger emitted the first new ads; creating one more');
	trigger.batchB = (await fakeControl('ads', { advertiser_id: TRIGGER_ADVERTISER, count: 1, name: 'e2e new ad B' })).ads.map((a) => a.ad_id);
	const sawB = await waitFor(trigger.batchB, 'the next new ad');
	// And one more poll after that: nothing new, so nothing emitted.
	const pollsAfterB = () =>
		fake.state.requestsTo(`${BUSINESS}/ad/get/`).filter((r) => r.at > sawB + 1000 && r.query.advertiser_id === TRIGGER_ADVERTISER).length;
	const deadline = Date.now() + 1.5 * MINUTE;
	while (pollsAfterB() === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 2000));
	assert.ok(pollsAfterB() > 0, 'the trigger did not poll again');
	await new Promise((r) => setTimeout(r, 3000));
	const all = await emitted();
	assert.deepEqual([...all].sort(), [...trigger.batchA, ...trigger.batchB].sort(), 'the trigger emitted something other than each new ad once');
	await n8n.client.deactivateWorkflow(trigger.workflow.id);
});

e2eTest('the TikTok Trigger emits each new lead exactly once (two in the same second), with its answers', { timeout: 5 * MINUTE }, async () => {
	const { workflow, leads } = leadTrigger;
	assert.ok(workflow && leads.length === 2, 'the lead trigger was not activated');
	try {
		const emitted = async () => {
			const items = [];
			let emittedAt = 0;
			// Judge each execution once it has finished (a poll's execution is listed while it still runs).
			for (const execution of await n8n.client.finishedExecutions(workflow.id)) {
				assert.equal(execution.status, 'success', `lead trigger execution ${execution.id}: ${executionError(execution)}`);
				const output = nodeOutput(execution, 'TikTok Trigger');
				items.push(...output);
				if (output.some((item) => leads.includes(item.lead_id))) emittedAt = Math.max(emittedAt, Date.parse(execution.stoppedAt ?? '') || Date.now());
			}
			return { items, emittedAt };
		};
		const deadline = Date.now() + 2.5 * MINUTE;
		let { items, emittedAt } = await emitted();
		while (!leads.every((id) => items.some((item) => item.lead_id === id))) {
			if (Date.now() > deadline) assert.fail(`the new leads did not arrive: emitted so far ${JSON.stringify(items.map((i) => i.lead_id))}`);
			await new Promise((r) => setTimeout(r, 2000));
			({ items, emittedAt } = await emitted());
		}
		for (const item of items) assert.equal(item['Favourite roast'], LEAD_ANSWER);
		// One more poll after the one that emitted them: nothing new, so nothing emitted.
		const pollsAfter = () => fake.state.requestsTo(`${BUSINESS}/page/lead/task/`).filter((r) => r.at > emittedAt + 1000 && r.body?.page_id === LEAD_FORM).length;
		const pollDeadline = Date.now() + 1.5 * MINUTE;
		while (pollsAfter() === 0 && Date.now() < pollDeadline) await new Promise((r) => setTimeout(r, 2000));
		assert.ok(pollsAfter() > 0, 'the lead trigger did not poll again');
		await new Promise((r) => setTimeout(r, 5000));
		assert.deepEqual((await emitted()).items.map((i) => i.lead_id).sort(), [...leads].sort(), 'the trigger emitted something other than each new lead once');
	} finally {
		await n8n.client.deactivateWorkflow(workflow.id).catch(() => undefined);
	}
});

e2eTest('after an n8n restart the authorization-code credential still works without exchanging the code again', { timeout: 5 * MINUTE }, async () => {
	assert.ok(business.workflow, 'the auth-code credential was not set up');
	log('restarting n8n');
	await n8n.restart();
	log(`n8n is up again on ${n8n.server.url}`);
	const execution = await executeOk(business.workflow);
	assert.equal(nodeOutput(execution, 'Get an ad')[0].ad_id, '1780000000000000001');
	assert.equal(exchangesOf(business.authCode), 1, 'the code was exchanged again after the restart');
	// And the OAuth2 credential's refreshed token survived the restart too.
	const refreshes = fake.state.counters.refreshes;
	await executeOk(developersCalls.workflow);
	assert.equal(fake.state.counters.refreshes, refreshes);
});

// Instant leads (issue 29): publishing a TikTok Lead Ads Trigger workflow subscribes n8n's production webhook URL at the
// fake TikTok; a signed delivery to that URL starts an execution with the leads; a forged one starts none; unpublishing
// unsubscribes.
e2eTest('TikTok Lead Ads Trigger: publishing subscribes the production URL, a signed delivery starts an execution, unpublishing unsubscribes', { timeout: 3 * MINUTE }, async () => {
	const ADVERTISER = '7000000000000000001';
	const FORM = '7400000000000000102';
	const workflow = await n8n.client.createWorkflow({
		name: 'e2e: instant leads',
		nodes: [
			{
				parameters: {
					advertiserId: { __rl: true, mode: 'id', value: ADVERTISER },
					formId: { __rl: true, mode: 'id', value: FORM },
					options: {},
				},
				name: 'TikTok Lead Ads Trigger',
				type: `${PACKAGE}.tikTokLeadAdsTrigger`,
				typeVersion: 1,
				position: [0, 0],
				webhookId: '0d4b8e2a-6c1f-4a3e-9b7d-5e2c8f1a4d60',
				credentials: { tikTokBusinessOAuth2Api: { id: BUSINESS_CREDENTIAL_ID, name: 'TikTok Business (fake API)' } },
			},
		],
		connections: {},
		settings: { executionOrder: 'v1' },
	});
	const ours = () => fake.state.subscriptions.filter((s) => s.subscription_detail.page_id === FORM);
	const activated = await n8n.client.activateWorkflow(workflow.id);
	assert.equal(activated.publication?.status ?? 'published', 'published');
	try {
		assert.equal(ours().length, 1, 'publishing did not subscribe at TikTok');
		const subscription = ours()[0];
		assert.match(subscription.callback_url, /\/webhook\/0d4b8e2a-6c1f-4a3e-9b7d-5e2c8f1a4d60\/webhook$/);
		assert.ok(!subscription.callback_url.includes('webhook-test'), 'subscribed the test URL instead of the production URL');
		assert.equal(subscription.subscription_detail.advertiser_id, ADVERTISER);

		const forged = await fakeControl('subscriptions/deliver', { subscription_id: subscription.subscription_id, count: 1, signature: 'wrong' });
		assert.deepEqual(forged.statuses, [403]);
		const signed = await fakeControl('subscriptions/deliver', { subscription_id: subscription.subscription_id, count: 2, answers: { Country: 'Österreich' } });
		assert.deepEqual(signed.statuses, [200]);
		const emitted = async () => {
			const items = [];
			for (const execution of await n8n.client.finishedExecutions(workflow.id)) {
				assert.equal(execution.status, 'success', `instant lead execution ${execution.id}: ${executionError(execution)}`);
				items.push(...nodeOutput(execution, 'TikTok Lead Ads Trigger'));
			}
			return items;
		};
		const deadline = Date.now() + MINUTE;
		let items = await emitted();
		while (items.length < 2 && Date.now() < deadline) {
			await new Promise((r) => setTimeout(r, 1000));
			items = await emitted();
		}
		// TikTok redelivers at least once (after a failed or slow answer): the same leads again start no run with them.
		await new Promise((r) => setTimeout(r, 2000));
		const again = await fakeControl('subscriptions/deliver', { subscription_id: subscription.subscription_id, lead_ids: signed.leads });
		assert.deepEqual(again.statuses, [200]);
		await new Promise((r) => setTimeout(r, 3000));
		items = await emitted();
		assert.deepEqual(items.map((i) => i.lead_id).sort(), [...signed.leads].sort(), 'each signed lead once, nothing from the forged delivery');
		for (const item of items) assert.equal(item.Country, 'Österreich');
		assertNoSecrets(items, 'the instant leads');
	} finally {
		await n8n.client.deactivateWorkflow(workflow.id).catch(() => undefined);
	}
	assert.equal(ours().length, 0, 'unpublishing did not unsubscribe at TikTok');
});

// Login Kit refresh (issue 11) against the strict fake: client_key read from the form body only (as TikTok documents
// it), refresh tokens rotating (the old one stops working), refusals answered in-band (HTTP 200 + `error`).
const loginKit = { credential: undefined, workflow: undefined, refreshTokens: [] };

/** A new tikTokOAuth2Api credential on the fake, connected through n8n's OAuth2 flow. */
async function connectedLoginKitCredential(name) {
	const credential = await n8n.client.createCredential({
		name,
		type: 'tikTokOAuth2Api',
		data: { environment: 'custom', baseUrl: fake.url, clientId: FAKE.clientKey, clientSecret: FAKE.clientSecret, scope: 'user.info.basic,video.list' },
	});
	await n8n.client.connectOAuth2(credential.id);
	return credential;
}

/** Manual Trigger → TikTok video.getMany (Developers API) with a tikTokOAuth2Api credential. */
function videoListWorkflow(name, credential) {
	return manualWorkflow(name, {
		parameters: { resource: 'video', operation: 'getMany', returnAll: false, limit: 2 },
		name: 'List videos',
		type: `${PACKAGE}.tikTok`,
		typeVersion: 1,
		credentials: { tikTokOAuth2Api: { id: credential.id, name: credential.name } },
	});
}

/** Refresh requests since index `from` of the token endpoint's requests that TikTok accepted (client_key in the body). */
function acceptedRefreshesSince(from) {
	return fake.state
		.requestsTo('/v2/oauth/token/')
		.slice(from)
		.filter((r) => r.body?.grant_type === 'refresh_token' && r.body?.client_key === FAKE.clientKey);
}

/** The credential's stored data, decrypted, read with n8n's own CLI (`n8n export:credentials --decrypted`). */
async function storedCredentialData(id) {
	const file = path.join(userFolder, `export-${id}.json`);
	try {
		await n8nCli(n8n.runtime, ['export:credentials', `--id=${id}`, '--decrypted', `--output=${file}`], { userFolder, env: n8n.env });
		const [credential] = JSON.parse(fs.readFileSync(file, 'utf8'));
		return credential.data;
	} finally {
		fs.rmSync(file, { force: true });
	}
}

e2eTest('Login Kit: a video.getMany workflow runs after each of three access-token expiries in a row, the refresh token rotating each time', { timeout: 3 * MINUTE }, async () => {
	loginKit.credential = await connectedLoginKitCredential('e2e: TikTok Login Kit (rotating refresh)');
	loginKit.workflow = await n8n.client.createWorkflow(videoListWorkflow('e2e: TikTok videos (Login Kit refresh)', loginKit.credential));
	const first = await executeOk(loginKit.workflow);
	assert.equal(nodeOutput(first, 'List videos').length, 2);
	for (let expiry = 1; expiry <= 3; expiry++) {
		await fakeControl('developers/expire-tokens');
		const from = fake.state.requestsTo('/v2/oauth/token/').length;
		const refreshesBefore = fake.state.counters.refreshes;
		const execution = await executeOk(loginKit.workflow);
		assert.equal(nodeOutput(execution, 'List videos').length, 2, `run after expiry ${expiry} listed no videos`);
		const accepted = acceptedRefreshesSince(from);
		assert.equal(accepted.length, 1, `expiry ${expiry}: not exactly one accepted refresh`);
		assert.equal(fake.state.counters.refreshes, refreshesBefore + 1);
		const used = accepted[0].body.refresh_token;
		assert.ok(!loginKit.refreshTokens.includes(used), `expiry ${expiry}: a refresh token was sent twice`);
		assert.ok(!fake.state.developerRefreshTokens.has(used), 'the used refresh token still works: the fake did not rotate it');
		loginKit.refreshTokens.push(used);
		assertNoSecrets(nodeOutput(execution, 'List videos'), 'the output');
	}
	// What n8n stored: the newest tokens, no refusal. (Each refresh above used the token the previous one returned:
	// an older one would have been refused by the fake and the run would have failed.)
	const stored = await storedCredentialData(loginKit.credential.id);
	assert.ok(fake.state.developerRefreshTokens.has(stored.oauthTokenData.refresh_token), 'the stored refresh token is not the live one');
	assert.ok(fake.state.developerTokens.has(stored.oauthTokenData.access_token), 'the stored access token is not the newest one');
	for (const key of ['error', 'error_description', 'log_id']) assert.equal(stored.oauthTokenData[key], undefined, `${key} was stored`);
});

e2eTest('Login Kit: a refused refresh leaves the stored token data unchanged and the error says reconnect', { timeout: 3 * MINUTE }, async () => {
	const credential = await connectedLoginKitCredential('e2e: TikTok Login Kit (revoked)');
	const workflow = await n8n.client.createWorkflow(videoListWorkflow('e2e: TikTok videos (revoked refresh token)', credential));
	await executeOk(workflow);
	const before = await storedCredentialData(credential.id);
	// TikTok no longer honours this credential's refresh token (expired, or the user removed the app), then the access
	// token expires.
	const refreshToken = before.oauthTokenData.refresh_token;
	const grant = fake.state.developerRefreshTokens.get(refreshToken);
	assert.ok(grant, 'the stored refresh token is unknown to the fake');
	fake.state.developerRefreshTokens.delete(refreshToken);
	// Only this credential's access token expires (the other tests' credentials keep theirs).
	fake.state.developerTokens.get(before.oauthTokenData.access_token).expiresAt = 0;
	try {
		const execution = await n8n.client.execute(workflow);
		assert.equal(execution.status, 'error');
		const message = executionError(execution);
		assert.match(message, /reconnect/i);
		assert.match(message, /refus/i);
		assertNoSecrets(message, 'the error');
		assert.ok(!message.includes(refreshToken), 'the error shows the refresh token');
		const after = await storedCredentialData(credential.id);
		assert.deepEqual(after.oauthTokenData, before.oauthTokenData, 'the refused refresh changed the stored token data');
	} finally {
		fake.state.developerRefreshTokens.set(refreshToken, grant);
	}
});

e2eTest('Login Kit: after an n8n restart the workflow runs with the stored rotated tokens, and refreshes again after the next expiry', { timeout: 5 * MINUTE }, async () => {
	assert.ok(loginKit.workflow, 'the Login Kit workflow was not set up');
	log('restarting n8n (Login Kit refresh)');
	await n8n.restart();
	const refreshes = fake.state.counters.refreshes;
	await executeOk(loginKit.workflow);
	assert.equal(fake.state.counters.refreshes, refreshes, 'the stored access token was not used after the restart');
	await fakeControl('developers/expire-tokens');
	const from = fake.state.requestsTo('/v2/oauth/token/').length;
	await executeOk(loginKit.workflow);
	const accepted = acceptedRefreshesSince(from);
	assert.equal(accepted.length, 1);
	assert.ok(!loginKit.refreshTokens.includes(accepted[0].body.refresh_token), 'an old refresh token was sent after the restart');
});
