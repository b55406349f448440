/* eslint-disable @n8n/community-nodes/no-restricted-imports -- a test, not node code: its own rules are test/eslint.config.mjs */
import fs from 'node:fs';
import path from 'node:path';

import { PACKAGE_ROOT, loadPackage } from '../harness/engine';

describe('the built package, loaded as n8n loads a community package', () => {
	it('registers the tikTok, tikTokTrigger and tikTokLeadAdsTrigger nodes and the three credentials', async () => {
		const { loader } = await loadPackage();
		expect(loader.packageName).toBe('n8n-nodes-tiktok-suite');
		expect(Object.keys(loader.known.nodes).sort()).toEqual(['tikTok', 'tikTokLeadAdsTrigger', 'tikTokTrigger']);
		expect(Object.keys(loader.known.credentials).sort()).toEqual(['tikTokBusinessOAuth2Api', 'tikTokEventsApi', 'tikTokOAuth2Api']);
	});

	it('gives every node and credential light and dark icons that exist in dist/', async () => {
		const { loader } = await loadPackage();
		const described = [
			...loader.types.nodes.map((n) => ({ name: n.name, icon: n.icon, iconUrl: n.iconUrl })),
			...loader.types.credentials.map((c) => ({ name: c.name, icon: c.icon, iconUrl: c.iconUrl })),
		];
		expect(described).toHaveLength(6);
		for (const entry of described) {
			const iconUrl = entry.iconUrl as { light: string; dark: string };
			expect(iconUrl.light).not.toEqual(iconUrl.dark);
			for (const url of [iconUrl.light, iconUrl.dark]) {
				// n8n serves icons from icons/<package>/<path under the package>.
				const relative = url.replace(/^icons\/n8n-nodes-tiktok-suite\//, '');
				expect(fs.existsSync(path.join(PACKAGE_ROOT, relative))).toBe(true);
			}
		}
	});

	it('ships a codex for each node', async () => {
		const { loader } = await loadPackage();
		for (const node of loader.types.nodes) {
			expect(node.codex?.categories).toContain('Marketing');
		}
	});

	it('declares the action node usable as an AI tool, and the trigger as a polling trigger', async () => {
		const { loader } = await loadPackage();
		const action = loader.types.nodes.find((n) => n.name === 'tikTok');
		const trigger = loader.types.nodes.find((n) => n.name === 'tikTokTrigger');
		expect(action?.usableAsTool).toBe(true);
		expect(trigger?.polling).toBe(true);
		// n8n adds the Poll Times parameter to polling nodes itself.
		expect(trigger?.properties.map((p) => p.name)).toContain('pollTimes');
	});

	it('follows the community package rules in package.json', () => {
		const pkg = JSON.parse(fs.readFileSync(path.join(PACKAGE_ROOT, 'package.json'), 'utf8'));
		expect(pkg.name).toBe('n8n-nodes-tiktok-suite');
		expect(pkg.peerDependencies).toEqual({ 'n8n-workflow': '*' });
		expect(pkg.dependencies ?? {}).toEqual({});
		for (const file of [...pkg.n8n.nodes, ...pkg.n8n.credentials]) {
			expect(file.startsWith('dist/')).toBe(true);
		}
	});
});
