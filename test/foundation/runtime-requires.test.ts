/* eslint-disable @n8n/community-nodes/no-restricted-imports -- a test, not node code: its own rules are test/eslint.config.mjs */
import fs from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';

import { PACKAGE_ROOT } from '../harness/engine';

/**
 * What the BUILT package requires at run time, and how each is declared. n8n's community rules allow no
 * `dependencies` (`no-runtime-dependencies`) and only `n8n-workflow` in `peerDependencies`
 * (`valid-peer-dependencies`); `luxon` is on the allowed list of `no-restricted-imports` because n8n itself provides
 * it: `n8n-workflow` depends on it, and n8n puts its own node_modules on NODE_PATH before loading community packages
 * (packages/cli/src/load-nodes-and-credentials.ts `init`). A module not accounted for here would fail to load on a
 * user's n8n (the lint rule lets devDependencies through, assuming they are bundled, which this build does not do).
 */
const PROVIDED_BY_N8N = ['luxon'];

function walk(dir: string, out: string[] = []): string[] {
	for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
		const p = path.join(dir, entry.name);
		if (entry.isDirectory()) walk(p, out);
		else if (p.endsWith('.js')) out.push(p);
	}
	return out;
}

const packageJson = JSON.parse(fs.readFileSync(path.join(PACKAGE_ROOT, 'package.json'), 'utf8')) as {
	dependencies?: Record<string, string>;
	peerDependencies?: Record<string, string>;
	peerDependenciesMeta?: Record<string, { optional?: boolean }>;
};

describe('runtime requires of the built package', () => {
	const required = new Map<string, string[]>();
	for (const file of walk(path.join(PACKAGE_ROOT, 'dist'))) {
		const source = fs.readFileSync(file, 'utf8');
		for (const match of source.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)|\bimport\(\s*["']([^"']+)["']\s*\)/g)) {
			const specifier = match[1] ?? match[2];
			if (specifier.startsWith('.')) continue;
			const name = specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0];
			required.set(name, [...(required.get(name) ?? []), path.relative(PACKAGE_ROOT, file)]);
		}
	}

	it('requires only Node built-ins, its peer dependency n8n-workflow, and modules n8n itself provides', () => {
		const builtins = new Set(builtinModules);
		const peers = Object.keys(packageJson.peerDependencies ?? {});
		const unaccounted = [...required.keys()].filter(
			(name) => !builtins.has(name.replace(/^node:/, '')) && !peers.includes(name) && !PROVIDED_BY_N8N.includes(name),
		);
		expect(unaccounted.map((name) => `${name} (${required.get(name)?.join(', ')})`)).toEqual([]);
		expect(required.has('n8n-workflow')).toBe(true);
	});

	it('relies on n8n for luxon only as n8n-workflow depends on it', () => {
		const workflowPackage = JSON.parse(
			fs.readFileSync(require.resolve('n8n-workflow/package.json'), 'utf8'),
		) as { dependencies?: Record<string, string> };
		for (const name of PROVIDED_BY_N8N) expect(Object.keys(workflowPackage.dependencies ?? {})).toContain(name);
	});

	it('declares n8n-workflow as an optional peer, so a manual `npm install` does not pull n8n into ~/.n8n/nodes', () => {
		expect(packageJson.dependencies ?? {}).toEqual({});
		expect(packageJson.peerDependencies).toEqual({ 'n8n-workflow': '*' });
		expect(packageJson.peerDependenciesMeta).toEqual({ 'n8n-workflow': { optional: true } });
	});
});
