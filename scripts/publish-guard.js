#!/usr/bin/env node
'use strict';
// `prepack` guard: refuses `npm publish` (and `npm publish --dry-run`) unless the release workflow runs it.
//
// Versions of this package are published only by .github/workflows/publish.yml, with npm provenance (n8n lists and
// verifies only community nodes published that way). n8n's own guard, `prepublishOnly: n8n-node prerelease`, never
// runs here: .npmrc sets `ignore-scripts=true` (n8n-core's isolated-vm does not build on Node 20), which makes npm
// skip every lifecycle script. This one runs anyway: package.json's `publishConfig` sets `ignore-scripts: false`, and
// npm applies publishConfig to the pack step of `npm publish`, whose `prepack` script is this file. (`npm publish
// --ignore-scripts` on the command line still skips it: that is a deliberate act, not a default.)
//
// RELEASE_MODE is set by `n8n-node release` inside GitHub Actions (npm run release in publish.yml). `npm pack` is not
// affected (npm_command is then `pack`).
if (process.env.npm_command === 'publish' && !process.env.RELEASE_MODE) {
	process.stderr.write(
		'\nRefusing to publish: n8n-nodes-tiktok-suite is published only by its GitHub Actions workflow\n' +
			'(.github/workflows/publish.yml, started by pushing a version tag), with npm provenance — a version published\n' +
			'from a machine has none, and n8n will not list or verify it. To release: see CONTRIBUTING.md, "Releasing".\n' +
			'(The workflow sets RELEASE_MODE; nothing else should.)\n\n',
	);
	process.exit(1);
}
