/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- a test, not node code: its own rules are test/eslint.config.mjs */
import * as fs from 'node:fs';
import * as path from 'node:path';

import * as ts from 'typescript';

const NODES = path.join(__dirname, '..', '..', 'nodes');

function sources(dir: string, out: string[] = []): string[] {
	for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
		const p = path.join(dir, entry.name);
		if (entry.isDirectory()) sources(p, out);
		else if (p.endsWith('.ts')) out.push(p);
	}
	return out;
}

/** Every `f(...x)` / `new F(...x)` in `file`: a spread into arguments fails past ~125,000 elements. */
function spreadArguments(file: string): string[] {
	const text = fs.readFileSync(file, 'utf8');
	const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
	const found: string[] = [];
	const visit = (node: ts.Node) => {
		if ((ts.isCallExpression(node) || ts.isNewExpression(node)) && node.arguments?.some(ts.isSpreadElement)) {
			const { line } = source.getLineAndCharacterOfPosition(node.getStart());
			found.push(`${path.relative(NODES, file)}:${line + 1}: ${node.getText().slice(0, 80)}`);
		}
		ts.forEachChild(node, visit);
	};
	visit(source);
	return found;
}

describe('issue 23 item 2: no array is spread into function arguments anywhere in nodes/', () => {
	it('finds no f(...x) or new F(...x) (appendAll instead of push(...x))', () => {
		const files = sources(NODES);
		expect(files.length).toBeGreaterThan(50);
		expect(files.flatMap(spreadArguments)).toEqual([]);
	});

	it('the check itself sees a spread', () => {
		const probe = path.join(__dirname, '..', '..', 'dist', 'spread-probe.ts');
		fs.writeFileSync(probe, 'const a: number[] = [];\na.push(...[1, 2]);\nMath.max(...a);\n');
		try {
			expect(spreadArguments(probe)).toHaveLength(2);
		} finally {
			fs.unlinkSync(probe);
		}
	});
});
