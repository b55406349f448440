#!/usr/bin/env node
// Lints the package the way n8n's community-package scanner (@n8n/scan-community-package 0.32.0,
// scanner/scanner.mjs `buildScanConfig` / `analyzePackageByName`) does: the community-nodes `recommended` rules plus
// the three eslint-plugin-n8n-nodes-base rulesets, `no-console`, and inline `eslint-disable` comments IGNORED
// (allowInlineConfig: false). Two legs, as the scanner runs them:
//   1. the sources it fetches from the attested commit: package.json + {nodes,credentials}/**/*.{js,ts,json};
//   2. the published tarball: packed here with `npm pack` (needs `npm run build`), unpacked, and its **/*.js +
//      package.json linted.
// Stricter than the scanner, which fails only on errors: any warning fails too.
import { ESLint } from 'eslint';
import { defineConfig } from 'eslint/config';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { n8nCommunityNodesPlugin } from '@n8n/eslint-plugin-community-nodes';
import tsParser from '@typescript-eslint/parser';
import n8nNodesPlugin from 'eslint-plugin-n8n-nodes-base';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');

const config = defineConfig(
	n8nCommunityNodesPlugin.configs.recommended,
	{ rules: { 'no-console': 'error' } },
	{ plugins: { 'n8n-nodes-base': n8nNodesPlugin } },
	{ files: ['package.json'], rules: { ...n8nNodesPlugin.configs.community.rules } },
	{
		files: ['**/credentials/**/*.ts'],
		rules: {
			...n8nNodesPlugin.configs.credentials.rules,
			'n8n-nodes-base/cred-class-field-documentation-url-miscased': 'off',
			'n8n-nodes-base/cred-class-field-type-options-password-missing': 'off',
		},
	},
	{
		files: ['**/nodes/**/*.ts'],
		rules: {
			...n8nNodesPlugin.configs.nodes.rules,
			'n8n-nodes-base/node-class-description-inputs-wrong-regular-node': 'off',
			'n8n-nodes-base/node-class-description-outputs-wrong': 'off',
			'n8n-nodes-base/node-param-type-options-max-value-present': 'off',
		},
	},
	{ files: ['**/*.json'], languageOptions: { parser: tsParser } },
	{ files: ['**/*.ts'], languageOptions: { parser: tsParser } },
);

function walk(dir, pred, out = []) {
	if (!fs.existsSync(dir)) return out;
	for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
		const p = path.join(dir, entry.name);
		if (entry.isDirectory()) walk(p, pred, out);
		else if (pred(p)) out.push(p);
	}
	return out;
}

async function leg(name, cwd, files) {
	const eslint = new ESLint({ cwd, allowInlineConfig: false, overrideConfigFile: true, overrideConfig: config });
	const results = await eslint.lintFiles(files);
	const formatter = await eslint.loadFormatter('stylish');
	const text = await formatter.format(results);
	const errors = results.reduce((n, r) => n + r.errorCount, 0);
	const warnings = results.reduce((n, r) => n + r.warningCount, 0);
	if (text.trim()) console.log(text);
	console.log(`scanner lint (${name}): ${files.length} files, ${errors} errors, ${warnings} warnings`);
	return errors + warnings;
}

/** Packs the package as `npm publish` would and unpacks it into a temporary folder; returns that folder. */
function packAndUnpack() {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tiktok-suite-scan-'));
	const out = execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', dir], {
		cwd: root,
		encoding: 'utf8',
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	const [{ filename }] = JSON.parse(out);
	const packageDir = path.join(dir, 'package');
	fs.mkdirSync(packageDir);
	execFileSync('tar', ['-xzf', path.join(dir, path.basename(filename)), '-C', packageDir, '--strip-components=1']);
	return { dir, packageDir };
}

const sourceFiles = [
	path.join(root, 'package.json'),
	...walk(path.join(root, 'nodes'), (p) => /\.(js|ts|json)$/.test(p)),
	...walk(path.join(root, 'credentials'), (p) => /\.(js|ts|json)$/.test(p)),
];
if (!fs.existsSync(path.join(root, 'dist'))) {
	// `n8n-node release` lints before it builds: the tarball leg needs the build.
	console.log('dist/ is missing: building (npm run build) to lint the tarball');
	execFileSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
}

let problems = await leg('sources', root, sourceFiles);
const { dir, packageDir } = packAndUnpack();
try {
	const tarballFiles = [path.join(packageDir, 'package.json'), ...walk(packageDir, (p) => p.endsWith('.js'))];
	problems += await leg('packed tarball', packageDir, tarballFiles);
} finally {
	fs.rmSync(dir, { recursive: true, force: true });
}
process.exit(problems > 0 ? 1 : 0);
