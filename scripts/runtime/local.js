'use strict';
// A local n8n with this package, its credentials pointed at the fake TikTok API, signed in and connected: the common
// part of `npm run dev` and the end-to-end test.
const fs = require('node:fs');
const path = require('node:path');

const { N8nClient } = require('./client');
const { REPO_ROOT, ensureN8n, buildPackage, installPackage, n8nEnv, n8nCli, startN8n } = require('./server');
const { FAKE } = require('../../test/fake-tiktok/server');

/** The local owner account (local, loopback-only instances with fake data: a fixed password is fine). */
const OWNER = {
	email: 'owner@example.com',
	firstName: 'Local',
	lastName: 'Owner',
	password: 'TikTokSuite1',
};

/** Credential IDs the example workflows reference. */
const BUSINESS_CREDENTIAL_ID = 'tiktokBusinessFake';
const DEVELOPERS_CREDENTIAL_ID = 'tiktokOAuth2Fake';

const DEVELOPERS_SCOPES = 'user.info.basic,user.info.profile,user.info.stats,video.list,video.publish,video.upload';

/** The two credentials, pointing at the fake TikTok API at `fakeUrl`. */
function fakeCredentials(fakeUrl) {
	return [
		{
			id: BUSINESS_CREDENTIAL_ID,
			name: 'TikTok Business (fake API)',
			type: 'tikTokBusinessOAuth2Api',
			data: {
				environment: 'custom',
				baseUrl: fakeUrl,
				appId: FAKE.businessAppId,
				secret: FAKE.businessSecret,
				accessToken: FAKE.businessToken,
			},
		},
		{
			id: DEVELOPERS_CREDENTIAL_ID,
			name: 'TikTok OAuth2 (fake API)',
			type: 'tikTokOAuth2Api',
			data: {
				environment: 'custom',
				baseUrl: fakeUrl,
				clientId: FAKE.clientKey,
				clientSecret: FAKE.clientSecret,
				scope: DEVELOPERS_SCOPES,
			},
		},
	];
}

/** Example workflows (`examples/*.json`), each with its file name and whether it starts with the TikTok Trigger. */
function loadExamples(dir = path.join(REPO_ROOT, 'examples')) {
	if (!fs.existsSync(dir)) return [];
	return fs
		.readdirSync(dir)
		.filter((f) => f.endsWith('.json'))
		.sort()
		.map((file) => {
			const workflow = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
			const isTrigger = workflow.nodes.some((n) => /^n8n-nodes-tiktok-suite\.tikTok\w*Trigger$/.test(n.type));
			return { file, workflow, isTrigger };
		});
}

/** The URL of the fake TikTok API that example workflows are written against (`npm run fake-tiktok`'s default). */
const EXAMPLES_FAKE_URL = 'http://127.0.0.1:4010';

/** A copy of an example workflow whose fake-API URLs (e.g. the oEmbed endpoint option) point at `fakeUrl`. */
function pointAtFake(workflow, fakeUrl) {
	return JSON.parse(JSON.stringify(workflow).split(EXAMPLES_FAKE_URL).join(fakeUrl));
}

/**
 * Builds and installs the package into `userFolder`, starts n8n and signs in. On a fresh user folder the two
 * credentials are imported first with `n8n import:credentials` (so they keep the IDs the examples use); on an existing
 * one they are checked and pointed at `fakeUrl` again. Then the OAuth2 credential is connected through n8n's own
 * OAuth2 flow against the fake. Resolves to `{ runtime, server, client, env, restart() }`.
 */
async function launchLocalN8n({ userFolder, port, brokerPort, fakeUrl, log, logFile, build = true, onLine }) {
	const runtime = await ensureN8n({ log });
	if (build) {
		log('Building the package (npm run build)');
		await buildPackage();
	}
	fs.mkdirSync(userFolder, { recursive: true });
	const installed = await installPackage(userFolder);
	log(`Installed ${installed.name}@${installed.version} into ${path.join(userFolder, '.n8n', 'nodes')} (npm pack + unpack, as Community Nodes does)`);

	const env = n8nEnv({ runtime, userFolder, port, brokerPort });
	const fresh = !fs.existsSync(path.join(userFolder, '.n8n', 'database.sqlite'));
	const credentials = fakeCredentials(fakeUrl);
	if (fresh) {
		log('Creating the database and importing the credentials (n8n import:credentials)');
		const file = path.join(userFolder, 'fake-credentials.json');
		fs.writeFileSync(file, JSON.stringify(credentials, null, 2));
		try {
			await n8nCli(runtime, ['import:credentials', `--input=${file}`], { userFolder, env });
		} finally {
			fs.rmSync(file, { force: true });
		}
	}

	const start = async () => {
		const server = await startN8n({ runtime, userFolder, port, brokerPort, env, logFile, onLine });
		const client = new N8nClient(server.url, runtime);
		await client.signIn(OWNER);
		return { server, client };
	};
	let { server, client } = await start();

	if (!fresh) {
		// Re-run: the credentials may point at another fake URL, or have been deleted in the editor.
		for (const credential of credentials) {
			const existing = await client.findCredential(credential.id);
			if (!existing) {
				const created = await client.createCredential(credential);
				log(`Credential ${credential.name} was missing: created again as ${created.id} (examples referencing ${credential.id} need it picked again)`);
				credential.id = created.id;
			} else {
				const current = await client.getCredential(credential.id, { includeData: true });
				if (current.data?.baseUrl !== fakeUrl) {
					await client.updateCredential(credential.id, { ...credential, data: { ...current.data, baseUrl: fakeUrl } });
				}
			}
		}
	}

	const instance = {
		runtime,
		env,
		credentials,
		get server() {
			return server;
		},
		get client() {
			return client;
		},
		/** Stops n8n and starts it again on the same user folder (same database, same port). */
		async restart() {
			await server.stop();
			({ server, client } = await start());
			return instance;
		},
		async stop() {
			await server.stop();
		},
	};
	return instance;
}

module.exports = {
	pointAtFake,
	OWNER,
	BUSINESS_CREDENTIAL_ID,
	DEVELOPERS_CREDENTIAL_ID,
	DEVELOPERS_SCOPES,
	fakeCredentials,
	loadExamples,
	launchLocalN8n,
};
