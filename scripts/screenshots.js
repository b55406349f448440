#!/usr/bin/env node
'use strict';
// Screenshots of what a new user sees, taken in a real n8n 2.41.1 (`npm run dev`: the fake TikTok API, both
// credentials, the example workflows) with Debian's Chromium driven by playwright-core. Writes docs/screenshots/*.png:
//   credential-business.png   the TikTok Business OAuth2 API credential form, with its notice and field hints
//   credential-oauth2.png     the TikTok OAuth2 API credential form (Client Key → Client ID notice and hints)
//   adgroup-update-no-advertiser.png   Ad Group → Update before an advertiser is chosen: the Ad Group picker is
//                             empty and its hint says to choose the advertiser first (no error)
//   campaign-example-published.png     the campaign example ("pause every campaign that spent over 20 yesterday")
//                             published (its Manual Trigger replaced by a daily Schedule Trigger, which n8n requires)
//
// Needs: `apt-get install chromium` (/usr/bin/chromium; CHROMIUM to use another) and playwright-core (a devDependency
// of n8n's tooling here; no browser is downloaded). Run it alone: it starts `npm run dev` (scripts/dev.js) on its own
// ports and stops it at the end. Usage: node scripts/screenshots.js
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const { N8nClient } = require('./runtime/client');
const { OWNER, BUSINESS_CREDENTIAL_ID, DEVELOPERS_CREDENTIAL_ID, publishableCopy, SCHEDULE_TRIGGER } = require('./runtime/local');
const { REPO_ROOT, freePort } = require('./runtime/server');

const OUT = path.join(REPO_ROOT, 'docs', 'screenshots');
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const log = (line) => console.log(`[screenshots] ${line}`);

/** Starts `npm run dev` (scripts/dev.js) in its own process group; resolves once it printed its banner. */
async function startDev(n8nPort, fakePort) {
	const child = spawn(process.execPath, [path.join(__dirname, 'dev.js')], {
		cwd: REPO_ROOT,
		env: { ...process.env, DEV_N8N_PORT: String(n8nPort), DEV_FAKE_PORT: String(fakePort) },
		stdio: ['ignore', 'pipe', 'inherit'],
		detached: true,
	});
	let output = '';
	await new Promise((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error(`npm run dev did not come up in 10 minutes:\n${output.slice(-2000)}`)), 10 * 60_000);
		child.stdout.on('data', (chunk) => {
			output += chunk;
			process.stdout.write(chunk);
			if (output.includes('is running.') && output.includes('Ctrl-C stops')) {
				clearTimeout(timer);
				resolve();
			}
		});
		child.on('exit', (code) => {
			clearTimeout(timer);
			reject(new Error(`npm run dev exited (${code}) before n8n was up`));
		});
	});
	child.stdout.removeAllListeners('data');
	child.stdout.resume();
	return {
		output,
		async stop() {
			if (child.exitCode !== null) return;
			const exited = new Promise((resolve) => child.once('exit', resolve));
			process.kill(child.pid, 'SIGINT');
			const timer = setTimeout(() => {
				try {
					process.kill(-child.pid, 'SIGKILL');
				} catch {
					// gone
				}
			}, 30_000);
			await exited;
			clearTimeout(timer);
		},
	};
}

async function main() {
	const { chromium } = require('playwright-core');
	if (!fs.existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} not found: apt-get install chromium (or set CHROMIUM)`);
	fs.mkdirSync(OUT, { recursive: true });
	const n8nPort = await freePort();
	const fakePort = await freePort();
	log(`starting npm run dev (n8n on ${n8nPort}, fake TikTok API on ${fakePort})`);
	const dev = await startDev(n8nPort, fakePort);
	const base = `http://127.0.0.1:${n8nPort}`;
	let browser;
	const created = [];
	const client = new N8nClient(base);
	try {
		await client.signIn(OWNER);
		browser = await chromium.launch({
			executablePath: CHROMIUM,
			headless: true,
			args: [
				'--no-sandbox',
				'--disable-gpu',
				'--disable-quic',
				'--no-first-run',
				'--disable-background-networking',
				'--disable-component-update',
				'--disable-sync',
			],
			// playwright gives the browser a new, empty profile of its own (it refuses --user-data-dir here).
		});
		const context = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
		const page = await context.newPage();
		await page.goto(`${base}/signin`, { waitUntil: 'domcontentloaded', timeout: 120_000 });
		await page.locator('input[type="email"], input[name="emailOrLdapLoginId"], input[name="email"]').first().fill(OWNER.email);
		await page.locator('input[type="password"]').first().fill(OWNER.password);
		await page.locator('button[type="submit"], button:has-text("Sign in")').first().click();
		await page.waitForURL((url) => !url.pathname.startsWith('/signin'), { timeout: 60_000 });
		log('signed in');

		const shot = async (name, what) => {
			await page.waitForTimeout(1500);
			await page.screenshot({ path: path.join(OUT, name) });
			log(`${name}: ${what}`);
		};

		// 1, 2: the credential forms (the credentials npm run dev made, opened as the editor opens them).
		for (const [id, name, what] of [
			[BUSINESS_CREDENTIAL_ID, 'credential-business.png', 'the TikTok Business OAuth2 API credential form'],
			[DEVELOPERS_CREDENTIAL_ID, 'credential-oauth2.png', 'the TikTok OAuth2 API credential form'],
		]) {
			await page.goto(`${base}/home/credentials/${id}`, { waitUntil: 'domcontentloaded', timeout: 120_000 });
			const dialog = page.locator('[data-test-id="credential-edit-dialog"], .el-dialog').first();
			try {
				await dialog.waitFor({ timeout: 30_000 });
			} catch {
				// Not opened by its address: open it from the list, as a user does.
				const credentialName = id === BUSINESS_CREDENTIAL_ID ? 'TikTok Business (fake API)' : 'TikTok OAuth2 (fake API)';
				await page.getByText(credentialName, { exact: true }).first().click();
				await dialog.waitFor({ timeout: 30_000 });
			}
			await shot(name, what);
			await page.keyboard.press('Escape');
		}

		// 3: Ad Group → Update before an advertiser is chosen, its Ad Group picker opened.
		const adGroupNode = {
			id: '5d1c8f0a-3b2e-4f7a-9c61-2a1b3c4d5e01',
			name: 'Update an ad group',
			type: 'n8n-nodes-tiktok-suite.tikTok',
			typeVersion: 1,
			position: [240, 0],
			parameters: { resource: 'adGroup', operation: 'update', advertiserId: { __rl: true, mode: 'list', value: '' } },
			credentials: { tikTokBusinessOAuth2Api: { id: BUSINESS_CREDENTIAL_ID, name: 'TikTok Business (fake API)' } },
		};
		const manual = { id: '5d1c8f0a-3b2e-4f7a-9c61-2a1b3c4d5e00', name: 'When clicking ‘Execute workflow’', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} };
		const adGroup = await client.createWorkflow({
			name: 'Screenshot: Ad Group → Update before an advertiser is chosen',
			nodes: [manual, adGroupNode],
			connections: { [manual.name]: { main: [[{ node: adGroupNode.name, type: 'main', index: 0 }]] } },
		});
		created.push(adGroup.id);
		await page.goto(`${base}/workflow/${adGroup.id}/${adGroupNode.id}`, { waitUntil: 'domcontentloaded', timeout: 120_000 });
		const picker = page.getByText('Ad Group Name or ID', { exact: true }).first();
		try {
			await picker.waitFor({ timeout: 30_000 });
		} catch {
			// Not opened by its address: open the node from the canvas.
			await page.getByText(adGroupNode.name, { exact: true }).first().dblclick();
			await picker.waitFor({ timeout: 30_000 });
		}
		const select = page.locator('[data-test-id="parameter-input-adGroupId"] input').first();
		if (await select.count()) await select.click();
		await shot('adgroup-update-no-advertiser.png', 'Ad Group → Update, no advertiser chosen, picker opened');
		await page.keyboard.press('Escape');

		// 4: the campaign example, published.
		const example = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'examples', 'campaigns-pause-over-spend.json'), 'utf8'));
		const copy = publishableCopy(example);
		const campaign = await client.createWorkflow(copy);
		created.push(campaign.id);
		const activated = await client.activateWorkflow(campaign.id);
		log(`published "${copy.name}": ${activated.publication?.status ?? 'published'} (trigger: ${SCHEDULE_TRIGGER.name})`);
		await page.goto(`${base}/workflow/${campaign.id}`, { waitUntil: 'domcontentloaded', timeout: 120_000 });
		await page.locator('.vue-flow__node, [data-test-id="canvas-node"]').first().waitFor({ timeout: 60_000 });
		await shot('campaign-example-published.png', 'the campaign example, published');
		await client.deactivateWorkflow(campaign.id).catch(() => undefined);
	} finally {
		for (const id of created) await client.deleteWorkflow(id).catch(() => undefined);
		await browser?.close().catch(() => undefined);
		log('stopping npm run dev');
		await dev.stop();
	}
}

main().catch((error) => {
	console.error(error.stack || error.message);
	process.exitCode = 1;
});
