/* eslint-disable @n8n/community-nodes/no-restricted-imports -- a test, not node code: its own rules are test/eslint.config.mjs */
import fs from 'node:fs';
import path from 'node:path';

import type { INodePropertyOptions, INodeTypeDescription } from 'n8n-workflow';

import { PACKAGE_ROOT } from '../harness/engine';

/* eslint-disable @typescript-eslint/no-require-imports */
const { registry, operationsOf, effectsOf } = require(path.join(PACKAGE_ROOT, 'dist/nodes/TikTok/actions/registry.js')) as {
	registry: Record<string, { displayName: string }>;
	operationsOf: (resource: string) => string[];
	effectsOf: (resource: string, operation: string) => string[];
};
const { TikTok } = require(path.join(PACKAGE_ROOT, 'dist/nodes/TikTok/TikTok.node.js'));
/* eslint-enable @typescript-eslint/no-require-imports */

/** The README's agent table: every operation by effect and the switch that governs it, as the registry declares. */
describe("the README's table of operations by effect agrees with the effects the registry declares", () => {
	const description = new TikTok().description as INodeTypeDescription;
	const readme = fs.readFileSync(path.join(PACKAGE_ROOT, 'README.md'), 'utf8');
	const table = readme.slice(readme.indexOf('| Resource | Operation | Effect | Switch in the tool |')).split('\n');
	const rows = table
		.slice(2, table.findIndex((line) => !line.startsWith('|')))
		.map((line) => line.split('|').slice(1, -1).map((cell) => cell.trim()));

	/** The editor name of an operation (its Operation dropdown entry). */
	const operationName = (resource: string, operation: string): string => {
		const property = description.properties.find((p) => p.name === 'operation' && p.displayOptions?.show?.resource?.includes(resource));
		return String(((property?.options ?? []) as INodePropertyOptions[]).find((o) => o.value === operation)?.name);
	};

	it('lists every operation once, with its effects and switches', () => {
		let checked = 0;
		for (const resource of Object.keys(registry)) {
			for (const operation of operationsOf(resource)) {
				const name = operationName(resource, operation);
				const matching = rows.filter(([r, ops]) => r === registry[resource].displayName && ops.split(', ').includes(name));
				expect([resource, operation, matching.length]).toEqual([resource, operation, 1]);
				const [, , effect, switches] = matching[0];
				const effects = effectsOf(resource, operation);
				const says = {
					read: /^read\b/.test(effect),
					write: effect.includes('reversible write'),
					spend: effect.includes('spends money'),
					public: /\bpublic\b/.test(effect),
					irreversible: effect.includes('irreversible'),
				};
				expect([resource, operation, says]).toEqual([
					resource,
					operation,
					{
						read: effects.length === 0,
						write: effects.includes('write'),
						spend: effects.includes('spend'),
						public: effects.includes('public'),
						irreversible: effects.includes('irreversible'),
					},
				]);
				expect([resource, operation, switches.includes('Allow Spending'), switches.includes('Allow Public Posting'), switches.includes('Allow Destructive Operations')]).toEqual([
					resource,
					operation,
					effects.includes('spend'),
					effects.includes('public'),
					effects.includes('irreversible'),
				]);
				checked++;
			}
		}
		expect(checked).toBe(34);
		expect(rows).toHaveLength(25);
	});
});
