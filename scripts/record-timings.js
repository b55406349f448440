#!/usr/bin/env node
'use strict';
// Writes the phase table of a green `.ci/run` into CONTRIBUTING.md ("Measured timings", between the `ci-timings`
// markers), so the development times quoted there are the measured ones. `.ci/run` calls it when CI_RECORD=1:
//   CI_RECORD=1 .ci/run     (on a fresh clone; then commit CONTRIBUTING.md)
// Input: the file .ci/run writes, one "<seconds>\t<phase>" line per phase, and the tarball line of the check.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
const FILE = path.join(ROOT, 'CONTRIBUTING.md');
const START = '<!-- ci-timings:start (written by `CI_RECORD=1 .ci/run`; do not edit by hand) -->';
const END = '<!-- ci-timings:end -->';

const [timesFile, total, tarball] = process.argv.slice(2);
const rows = fs
	.readFileSync(timesFile, 'utf8')
	.split('\n')
	.filter(Boolean)
	.map((line) => line.split('\t'));
const fmt = (s) => (Number(s) >= 60 ? `${Math.floor(s / 60)} min ${Number(s) % 60} s` : `${s} s`);
const block = [
	START,
	`Measured ${new Date().toISOString().slice(0, 10)} with \`CI_RECORD=1 .ci/run\` on a fresh clone, ${os.cpus().length} cores, ` +
		`Node.js ${process.versions.node}, n8n runtime already cached; total **${fmt(total)}**. Legs marked ∥ ran side by side.`,
	'',
	'| Phase | Time |',
	'| --- | ---: |',
	...rows.map(([seconds, name]) => `| ${name.replace(/\|/g, '\\|')} | ${fmt(seconds)} |`),
	...(tarball ? ['', `Tarball (\`npm run check:package\`): ${tarball}.`] : []),
	END,
].join('\n');
const text = fs.readFileSync(FILE, 'utf8');
const from = text.indexOf(START);
const to = text.indexOf(END);
if (from < 0 || to < 0) throw new Error(`CONTRIBUTING.md has no ${START} … ${END} block`);
fs.writeFileSync(FILE, text.slice(0, from) + block + text.slice(to + END.length));
process.stdout.write(`CONTRIBUTING.md: measured timings updated (${fmt(total)}).\n`);
