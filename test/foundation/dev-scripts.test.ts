/* eslint-disable @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- a test, not node code: its own rules are test/eslint.config.mjs */
/**
 * The scripts behind the README's commands (not the package): `scripts/deps.js` decides when a fresh or stale clone
 * needs `npm ci`, `scripts/runtime/parents.js` notices when the program that started `npm run dev` is gone.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { PACKAGE_ROOT } from '../harness/engine';

/* eslint-disable @typescript-eslint/no-require-imports */
const { installProblem } = require('../../scripts/deps') as { installProblem: (root: string) => string | undefined };
/* eslint-enable @typescript-eslint/no-require-imports */

describe('scripts/deps.js installProblem', () => {
	let root: string;
	const lock = {
		name: 'x',
		lockfileVersion: 3,
		packages: {
			'': { name: 'x' },
			'node_modules/rimraf': { version: '6.1.4', dev: true },
			'node_modules/fsevents': { version: '2.3.3', dev: true, optional: true },
		},
	};
	const write = (file: string, value: unknown) => {
		fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
		fs.writeFileSync(path.join(root, file), JSON.stringify(value));
	};
	beforeEach(() => {
		root = fs.mkdtempSync(path.join(os.tmpdir(), 'tiktok-suite-deps-'));
		write('package-lock.json', lock);
	});
	afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

	it('asks for an install when node_modules is missing or was not installed by npm', () => {
		expect(installProblem(root)).toBe('node_modules is missing');
		fs.mkdirSync(path.join(root, 'node_modules'));
		expect(installProblem(root)).toMatch(/not installed by npm/);
	});

	it('asks for an install when a locked package is missing or at another version, not for another platform\'s optional one', () => {
		write('node_modules/.package-lock.json', { packages: { 'node_modules/rimraf': { version: '6.1.4' } } });
		expect(installProblem(root)).toBeUndefined();
		write('node_modules/.package-lock.json', { packages: { 'node_modules/rimraf': { version: '5.0.0' } } });
		expect(installProblem(root)).toMatch(/out of date.*rimraf 5\.0\.0 installed, 6\.1\.4 locked/);
		write('node_modules/.package-lock.json', { packages: {} });
		expect(installProblem(root)).toMatch(/rimraf is not installed/);
	});

	it('finds this checkout installed as locked', () => {
		expect(installProblem(PACKAGE_ROOT)).toBeUndefined();
	});
});

describe('scripts/runtime/parents.js watchParents', () => {
	it('calls back when the process that started us ends (we are re-parented)', async () => {
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tiktok-suite-parents-'));
		const marker = path.join(dir, 'gone');
		const child = path.join(dir, 'child.js');
		const parents = path.join(PACKAGE_ROOT, 'scripts', 'runtime', 'parents.js');
		fs.writeFileSync(
			child,
			`const { watchParents } = require(${JSON.stringify(parents)});
			const stop = watchParents((why) => { require('fs').writeFileSync(${JSON.stringify(marker)}, why); process.exit(0); }, { intervalMs: 100 });
			setInterval(() => {}, 1000);
			setTimeout(() => process.exit(1), 15000);
			console.log('ready');`,
		);
		// A shell that does not exec its last command: it stays the node process's parent until it is killed.
		const starter = spawn('sh', ['-c', `node ${JSON.stringify(child)}; true`], { stdio: ['ignore', 'pipe', 'inherit'] });
		try {
			await new Promise<void>((resolve) => starter.stdout.once('data', () => resolve()));
			await new Promise((r) => setTimeout(r, 300));
			expect(fs.existsSync(marker)).toBe(false);
			starter.kill('SIGKILL');
			const deadline = Date.now() + 5000;
			while (!fs.existsSync(marker) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
			expect(fs.readFileSync(marker, 'utf8')).toMatch(/ended/);
		} finally {
			starter.kill('SIGKILL');
			fs.rmSync(dir, { recursive: true, force: true });
		}
	});
});
