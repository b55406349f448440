/**
 * The engine suite against n8n 1.x (`npm run test:n8n1`, scripts/n8n1.js): the same tests as jest.config.js, with
 * `n8n-core`, `n8n-workflow` and every `@n8n/*` package of the 1.x install (TIKTOK_SUITE_N8N1_DIR, installed by
 * scripts/n8n1.js outside the repository) taking the place of the repository's 2.x ones, for the tests, the harness,
 * the built package and n8n-core alike.
 */
const fs = require('node:fs');
const path = require('node:path');
const base = require('./jest.config');

const dir = process.env.TIKTOK_SUITE_N8N1_DIR;
if (!dir || !fs.existsSync(path.join(dir, 'node_modules', 'n8n-core'))) {
	throw new Error('jest.n8n1.config.js: run it through `npm run test:n8n1` (installs n8n-core 1.x, sets TIKTOK_SUITE_N8N1_DIR)');
}
const modules = path.join(dir, 'node_modules');
const names = ['n8n-core', 'n8n-workflow'];
for (const scoped of fs.existsSync(path.join(modules, '@n8n')) ? fs.readdirSync(path.join(modules, '@n8n')) : []) {
	names.push(`@n8n/${scoped}`);
}
const escape = (s) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

module.exports = {
	...base,
	// One worker: CI runs this next to the end-to-end tests.
	maxWorkers: 1,
	moduleNameMapper: Object.fromEntries(names.map((name) => [`^${escape(name)}(/.*)?$`, `${path.join(modules, name)}$1`])),
};
