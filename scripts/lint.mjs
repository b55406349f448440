#!/usr/bin/env node
// Lints the package the way n8n's community-package scanner (@n8n/scan-community-package) does:
// the community-nodes `recommended` rules plus the three eslint-plugin-n8n-nodes-base rulesets,
// `no-console`, and inline `eslint-disable` comments IGNORED (allowInlineConfig: false).
// Two legs, as the scanner runs them: the sources (package.json, nodes/, credentials/) and the
// built package (dist/**/*.js + package.json), which must exist (`npm run build`).
import { ESLint } from 'eslint';
import { defineConfig } from 'eslint/config';
import fs from 'node:fs';
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
	console.log(`lint (${name}): ${files.length} files, ${errors} errors, ${warnings} warnings`);
	return errors;
}

const sourceFiles = [
	path.join(root, 'package.json'),
	...walk(path.join(root, 'nodes'), (p) => /\.(js|ts|json)$/.test(p)),
	...walk(path.join(root, 'credentials'), (p) => /\.(js|ts|json)$/.test(p)),
];
const distDir = path.join(root, 'dist');
if (!fs.existsSync(distDir)) {
	console.error('dist/ is missing: run `npm run build` first (the scanner also lints the built package).');
	process.exit(1);
}
const distFiles = [path.join(root, 'package.json'), ...walk(distDir, (p) => p.endsWith('.js'))];

let errors = await leg('sources', root, sourceFiles);
errors += await leg('built package', root, distFiles);
process.exit(errors > 0 ? 1 : 0);
