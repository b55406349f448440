/* eslint-disable @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- a test, not node code: its own rules are test/eslint.config.mjs */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

import { PACKAGE_ROOT } from '../harness/engine';

type PackInfo = { filename: string; size: number; unpackedSize: number; entryCount: number; files: Array<{ path: string }> };
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { tarballProblems, MAX_PACKED_BYTES } = require('../../gulpfile.js') as {
	tarballProblems: (info: PackInfo) => string[];
	MAX_PACKED_BYTES: number;
};

const pkg = JSON.parse(fs.readFileSync(path.join(PACKAGE_ROOT, 'package.json'), 'utf8'));

describe('publishable and verifiable by n8n', () => {
	it('the tarball npm would publish holds only what n8n loads and stays within its size budget', () => {
		const [info] = JSON.parse(
			execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: PACKAGE_ROOT, encoding: 'utf8' }),
		) as PackInfo[];
		expect(tarballProblems(info)).toEqual([]);
		expect(info.size).toBeLessThanOrEqual(MAX_PACKED_BYTES);
		const paths = info.files.map((f) => f.path);
		expect(paths).toEqual(expect.arrayContaining(['LICENSE', 'package.json', 'dist/nodes/TikTok/TikTok.node.js', 'dist/nodes/TikTok/TikTok.node.json']));
		expect(paths.some((p) => p.includes('/__schema__/'))).toBe(true);
	});

	it('the tarball check catches maps, declarations, build info, tests, sources and growth', () => {
		const listing = (extra: string[], size = 50_000): PackInfo => ({
			filename: 'x.tgz',
			size,
			unpackedSize: size * 4,
			entryCount: extra.length + 2,
			files: ['package.json', 'LICENSE', ...extra].map((p) => ({ path: p })),
		});
		expect(tarballProblems(listing(['dist/nodes/TikTok/TikTok.node.js']))).toEqual([]);
		for (const bad of [
			'dist/nodes/TikTok/TikTok.node.js.map',
			'dist/nodes/TikTok/TikTok.node.d.ts',
			'dist/tsconfig.tsbuildinfo',
			'dist/test/ads.test.js',
			'nodes/TikTok/TikTok.node.ts',
			'dist/package.json',
			'scripts/dev.js',
		]) {
			expect(tarballProblems(listing([bad]))).toEqual([expect.stringContaining(bad)]);
		}
		expect(tarballProblems(listing([], MAX_PACKED_BYTES + 1))).toEqual([expect.stringMatching(new RegExp(`over the ${MAX_PACKED_BYTES} B budget`))]);
	});

	it('uses n8n-node in strict mode with its one-line eslint config, and a provenance release', () => {
		expect(pkg.n8n.strict).toBe(true);
		expect(pkg.scripts.build).toBe('n8n-node build');
		expect(pkg.scripts.lint).toMatch(/n8n-node lint/);
		expect(pkg.scripts.prepublishOnly).toBe('n8n-node prerelease');
		expect(pkg.devDependencies['@n8n/node-cli']).toBeDefined();
		const template = fs.readFileSync(
			path.join(PACKAGE_ROOT, 'node_modules/@n8n/node-cli/dist/template/templates/shared/default/eslint.config.mjs'),
			'utf8',
		);
		const squash = (s: string) => s.replace(/\s+/g, ' ').trim();
		expect(squash(fs.readFileSync(path.join(PACKAGE_ROOT, 'eslint.config.mjs'), 'utf8'))).toBe(squash(template));

		const workflow = fs.readFileSync(path.join(PACKAGE_ROOT, '.github/workflows/publish.yml'), 'utf8');
		expect(workflow).toMatch(/id-token: write/);
		expect(workflow).toMatch(/npm run release/);
		expect(workflow).toMatch(/tags:\s*\n\s*- '\*\.\*\.\*'/);
	});

	it('refuses a plain npm publish (even --dry-run, even with .npmrc ignoring scripts) unless the release workflow runs it', () => {
		// .npmrc's ignore-scripts would skip prepublishOnly; publishConfig turns scripts back on for publish's pack step.
		expect(pkg.publishConfig['ignore-scripts']).toBe(false);
		expect(pkg.scripts.prepack).toBe('node scripts/publish-guard.js');
		let refused = '';
		try {
			execFileSync('npm', ['publish', '--dry-run'], { cwd: PACKAGE_ROOT, encoding: 'utf8', stdio: 'pipe', env: { ...process.env, RELEASE_MODE: '' } });
		} catch (error) {
			refused = String((error as { stderr?: string }).stderr);
		}
		expect(refused).toMatch(/Refusing to publish: n8n-nodes-tiktok-suite is published only by its GitHub Actions workflow/);
		// `npm pack` (the tarball check, the scanner leg) is not refused.
		const packed = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts=false'], { cwd: PACKAGE_ROOT, encoding: 'utf8', stdio: 'pipe' });
		expect(JSON.parse(packed)[0].filename).toMatch(/\.tgz$/);

		const workflow = fs.readFileSync(path.join(PACKAGE_ROOT, '.github/workflows/publish.yml'), 'utf8');
		expect(workflow).toMatch(/npm 11\.5\.1 or later/);
		expect(workflow).toMatch(/Refusing to publish/);
		expect(workflow).toMatch(/CHANGELOG\.md has no/);
	});

	it('a release keeps the curated CHANGELOG: the Unreleased notes move, word for word, under the version', () => {
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		const { changelogFor, nextVersion } = require('../../scripts/release.js') as {
			changelogFor: (text: string, version: string, date: string) => string;
			nextVersion: (current: string, wanted: string) => string;
		};
		const before = '# Changelog\n\nIntro.\n\n## Unreleased\n\n### Added\n- A thing.\n\n## 0.1.0 — 2026-12-01\n\nFirst.\n';
		const after = changelogFor(before, '0.2.0', '2026-12-24');
		expect(after).toBe('# Changelog\n\nIntro.\n\n## Unreleased\n\n## 0.2.0 — 2026-12-24\n\n### Added\n- A thing.\n\n## 0.1.0 — 2026-12-01\n\nFirst.\n');
		expect(() => changelogFor(after, '0.2.1', '2026-12-25')).toThrow(/Unreleased section is empty/);
		expect(() => changelogFor(before, '0.1.0', '2026-12-25')).toThrow(/already has a "## 0.1.0"/);
		expect([nextVersion('0.1.0', 'patch'), nextVersion('0.1.0', 'minor'), nextVersion('0.1.9', 'major')]).toEqual(['0.1.1', '0.2.0', '1.0.0']);
		// The package's version is the one CHANGELOG.md's notes are for: not released yet (no section of its own).
		const changelog = fs.readFileSync(path.join(PACKAGE_ROOT, 'CHANGELOG.md'), 'utf8');
		expect(changelog).toMatch(/^## Unreleased$/m);
		expect(changelog).not.toMatch(new RegExp(`^## ${pkg.version.replace(/\./g, '\\.')}\\b`, 'm'));
		expect(pkg.scripts.release).toBe('node scripts/release.js');
	});

	it('carries the metadata n8n verification checks: MIT licence file, repository, homepage, author', () => {
		expect(pkg.license).toBe('MIT');
		expect(fs.readFileSync(path.join(PACKAGE_ROOT, 'LICENSE'), 'utf8')).toMatch(/^MIT License/);
		expect(pkg.repository.url).toMatch(/^git\+https:\/\/github\.com\//);
		expect(pkg.homepage).toMatch(/^https:\/\/github\.com\//);
		expect(pkg.author).toEqual({ name: expect.any(String), email: expect.stringContaining('@') });
		expect(fs.existsSync(path.join(PACKAGE_ROOT, 'CHANGELOG.md'))).toBe(true);
	});

	it("index.js exports the built node and credential classes", () => {
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		const exported = require(PACKAGE_ROOT) as Record<string, new () => { description?: { name: string }; name?: string }>;
		expect(new exported.TikTok().description?.name).toBe('tikTok');
		expect(new exported.TikTokTrigger().description?.name).toBe('tikTokTrigger');
		expect(new exported.TikTokBusinessOAuth2Api().name).toBe('tikTokBusinessOAuth2Api');
		expect(new exported.TikTokOAuth2Api().name).toBe('tikTokOAuth2Api');
	});
});
