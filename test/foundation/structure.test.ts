/* eslint-disable @n8n/community-nodes/no-restricted-imports -- a test, not node code: its own rules are test/eslint.config.mjs */
import fs from 'node:fs';
import path from 'node:path';

import { PACKAGE_ROOT } from '../harness/engine';

/** Every .ts file below `dir` (relative to the package root). */
function sources(dir: string): string[] {
	const out: string[] = [];
	const walk = (d: string) => {
		for (const entry of fs.readdirSync(path.join(PACKAGE_ROOT, d), { withFileTypes: true })) {
			const p = path.join(d, entry.name);
			if (entry.isDirectory()) walk(p);
			else if (p.endsWith('.ts')) out.push(p);
		}
	};
	walk(dir);
	return out;
}

/**
 * The folder a file belongs to in the layer map (ARCHITECTURE.md): the files directly in `actions/` (registry, router,
 * shared descriptions) each count on their own, as every resource folder sits below them.
 */
function unitOf(file: string): string {
	const dir = path.dirname(file);
	return dir === path.join('nodes', 'TikTok', 'actions') ? file : dir;
}

describe('source layout (ARCHITECTURE.md)', () => {
	it('has no import cycle between folders (campaign/ and ad/ share entity/, not each other)', () => {
		const edges = new Map<string, Set<string>>();
		for (const file of sources('nodes')) {
			const text = fs.readFileSync(path.join(PACKAGE_ROOT, file), 'utf8');
			for (const m of text.matchAll(/from '(\.[^']+)'/g)) {
				let target = path.normalize(path.join(path.dirname(file), m[1]));
				target = fs.existsSync(path.join(PACKAGE_ROOT, target)) ? path.join(target, 'index.ts') : `${target}.ts`;
				const [a, b] = [unitOf(file), unitOf(target)];
				if (a === b) continue;
				if (!edges.has(a)) edges.set(a, new Set());
				edges.get(a)!.add(b);
			}
		}
		const cycles: string[] = [];
		for (const start of edges.keys()) {
			const seen = new Set<string>();
			const stack = [...(edges.get(start) ?? [])];
			while (stack.length > 0) {
				const next = stack.pop()!;
				if (next === start) {
					cycles.push(start);
					break;
				}
				if (seen.has(next)) continue;
				seen.add(next);
				for (const n of edges.get(next) ?? []) stack.push(n);
			}
		}
		expect(edges.size).toBeGreaterThan(10);
		expect(cycles).toEqual([]);
	});

	it('keeps every source file of nodes/ and credentials/ at 400 lines or fewer', () => {
		const files = [...sources('nodes'), ...sources('credentials')];
		expect(files.length).toBeGreaterThan(50);
		const long = files
			.map((file) => ({ file, lines: fs.readFileSync(path.join(PACKAGE_ROOT, file), 'utf8').split('\n').length - 1 }))
			.filter((f) => f.lines > 400);
		expect(long).toEqual([]);
	});
});
