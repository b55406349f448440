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
// SCREENSHOTS_N8N_URL=http://127.0.0.1:5678 uses an `npm run dev` already running there instead (nothing is stopped).
// A step that fails leaves what the browser showed in $TMPDIR/screenshots-failed.png.
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
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
	let dev = { stop: async () => undefined };
	let base = process.env.SCREENSHOTS_N8N_URL?.replace(/\/+$/, '');
	if (!base) {
		const n8nPort = await freePort();
		const fakePort = await freePort();
		log(`starting npm run dev (n8n on ${n8nPort}, fake TikTok API on ${fakePort})`);
		dev = await startDev(n8nPort, fakePort);
		base = `http://127.0.0.1:${n8nPort}`;
	}
	let browser;
	let page;
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
		// Tall enough for a whole credential form.
		const context = await browser.newContext({ viewport: { width: 1280, height: 1500 } });
		page = await context.newPage();
		await page.goto(`${base}/signin`, { waitUntil: 'domcontentloaded', timeout: 120_000 });
		await page.locator('input[type="email"], input[name="emailOrLdapLoginId"], input[name="email"]').first().fill(OWNER.email);
		await page.locator('input[type="password"]').first().fill(OWNER.password);
		await page.locator('button[type="submit"], button:has-text("Sign in")').first().click();
		await page.waitForURL((url) => !url.pathname.startsWith('/signin'), { timeout: 60_000 });
		log('signed in');

		/** Saves a screenshot of `target` (a locator: that element; none: the page, or `clip` of it). */
		const shot = async (name, what, { target, clip } = {}) => {
			await page.waitForTimeout(1500);
			const file = path.join(OUT, name);
			if (target) await target.screenshot({ path: file });
			else await page.screenshot({ path: file, ...(clip ? { clip } : {}) });
			log(`${name}: ${what}`);
		};

		// 1, 2: the credential forms (the credentials npm run dev made, opened as the editor opens them). n8n caps the
		// dialog at 750 px and scrolls its form; here it is shown at its full height so every field and hint is in view.
		for (const [id, name, what] of [
			[BUSINESS_CREDENTIAL_ID, 'credential-business.png', 'the TikTok Business OAuth2 API credential form, its notice and field hints'],
			[DEVELOPERS_CREDENTIAL_ID, 'credential-oauth2.png', 'the TikTok OAuth2 API credential form, its Client Key notice and field hints'],
		]) {
			await page.goto(`${base}/home/credentials/${id}`, { waitUntil: 'domcontentloaded', timeout: 120_000 });
			const dialog = page.locator('[data-test-id="credential-edit-dialog"]').first();
			try {
				await dialog.waitFor({ timeout: 30_000 });
			} catch {
				// Not opened by its address: open it from the list, as a user does.
				const credentialName = id === BUSINESS_CREDENTIAL_ID ? 'TikTok Business (fake API)' : 'TikTok OAuth2 (fake API)';
				await page.getByText(credentialName, { exact: true }).first().click();
				await dialog.waitFor({ timeout: 30_000 });
			}
			await page.addStyleTag({
				content: [
					'[class*="_credentialModal_"] { height: auto !important; max-height: none !important; }',
					'[class*="_credentialModal_"] .el-dialog__body, [class*="_credentialModal_"] .modal-content,',
					'[class*="_credentialModal_"] [class*="_container_"], [class*="_credentialModal_"] [class*="_mainContent_"]',
					'{ height: auto !important; max-height: none !important; overflow: visible !important; }',
				].join(' '),
			});
			// The editor tests a saved credential when it opens it: wait for its verdict to be on screen.
			await page.getByText(/Connection tested successfully|Account connected|Couldn.t connect/).locator("visible=true").first().waitFor({ timeout: 60_000 });
			await shot(name, what, { target: page.locator('.el-dialog[class*="_credentialModal_"]').first() });
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
		const picker = page.locator('[data-test-id="resource-locator-adGroupId"] [data-test-id="rlc-input"]').first();
		try {
			await picker.waitFor({ timeout: 30_000 });
		} catch {
			// Not opened by its address: open the node from the canvas.
			await page.getByText(adGroupNode.name, { exact: true }).first().dblclick();
			await picker.waitFor({ timeout: 30_000 });
		}
		// The parameters column of the node's panel, from its top: what the two pictures show.
		const column = await page.locator('[data-test-id="node-parameters"]').first().boundingBox();
		const ndv = await page.locator('[data-test-id="ndv"]').first().boundingBox();
		const clip = { x: column.x - 16, y: ndv.y, width: column.width + 32, height: 560 };
		// Open the Ad Group picker (From List) as a user does: TikTok is not asked, the list is empty, no error shows.
		await picker.click();
		await page.getByText('No results', { exact: true }).first().waitFor({ timeout: 30_000 });
		await shot('adgroup-update-no-advertiser-list.png', 'Ad Group → Update, no advertiser chosen: the Ad Group list opened, empty, no error', {
			clip: { ...clip, height: 700 },
		});
		// Closed again: the picker's hint says what to do first.
		await page.keyboard.press('Escape');
		await page.getByText("Lists the chosen advertiser's ad groups: choose the Advertiser first").first().waitFor({ timeout: 30_000 });
		await shot('adgroup-update-no-advertiser.png', 'Ad Group → Update, no advertiser chosen: the Ad Group picker and its hint, no error', { clip });
		await page.keyboard.press('Escape');

		// 4: the campaign example, published.
		const example = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'examples', 'campaigns-pause-over-spend.json'), 'utf8'));
		const copy = publishableCopy(example);
		const campaign = await client.createWorkflow(copy);
		created.push(campaign.id);
		const activated = await client.activateWorkflow(campaign.id);
		log(`published "${copy.name}": ${activated.publication?.status ?? 'published'} (trigger: ${SCHEDULE_TRIGGER.name})`);
		await page.setViewportSize({ width: 1280, height: 720 });
		await page.goto(`${base}/workflow/${campaign.id}`, { waitUntil: 'domcontentloaded', timeout: 120_000 });
		await page.locator('.vue-flow__node, [data-test-id="canvas-node"]').first().waitFor({ timeout: 60_000 });
		// n8n opens a "Production Checklist" over the canvas of a newly published workflow: closed, as a user would.
		const closeChecklist = page.locator('[data-test-id="suggested-actions-close"]').first();
		if (await closeChecklist.isVisible().catch(() => false)) await closeChecklist.click();
		await shot('campaign-example-published.png', 'the campaign example, published (Published at the top right), no node issue');
		await client.deactivateWorkflow(campaign.id).catch(() => undefined);
	} catch (error) {
		const failed = path.join(os.tmpdir(), 'screenshots-failed.png');
		await page?.screenshot({ path: failed }).then(() => log(`what the browser showed: ${failed}`)).catch(() => undefined);
		throw error;
	} finally {
		for (const id of created) await client.deleteWorkflow(id).catch(() => undefined);
		await browser?.close().catch(() => undefined);
		if (!process.env.SCREENSHOTS_N8N_URL) log('stopping npm run dev');
		await dev.stop();
	}
}

main().catch((error) => {
	console.error(error.stack || error.message);
	process.exitCode = 1;
});
