// Tests are not node code: n8n's node rules (no fs, no process, no n8n-core) do not apply to them. With ESLint's
// config lookup from file (ESLINT_FLAGS=unstable_config_lookup_from_file, the default from ESLint 10), `npm run lint`
// lints test/ with this config (`eslint test`), after `n8n-node lint` has linted everything with n8n's strict one-line
// config at the root.
// A plain `npx n8n-node lint` (no flag) lints test/ with the root config: a test file that uses what node code may not
// (Node's modules, `process`, timers...) names those n8n rules in an `eslint-disable` line at its top, so both pass.
// Those rule names are declared here as rules that check nothing, so the lines name known rules under this config too
// (a stand-in, not n8n's plugin: loading that ES module here and from n8n's config in one ESLint run races in Node 20).
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** n8n rules test files switch off by name (`eslint-disable` at their top); add a name here when a test needs it. */
const N8N_RULES_NAMED_IN_TESTS = [
	'no-dangerous-functions',
	'no-deprecated-workflow-functions',
	'no-hardcoded-secrets',
	'no-restricted-globals',
	'no-restricted-imports',
];

// Handlers of the fake API keep their full signatures: unused arguments are fine in tests.
const unused = ['error', { args: 'none', varsIgnorePattern: '^_', caughtErrors: 'none' }];

export default tseslint.config(
	{ linterOptions: { reportUnusedDisableDirectives: 'off' } },
	{ plugins: { '@n8n/community-nodes': { rules: Object.fromEntries(N8N_RULES_NAMED_IN_TESTS.map((name) => [name, { create: () => ({}) }])) } } },
	{
		files: ['**/*.ts'],
		extends: [js.configs.recommended, tseslint.configs.recommended],
		rules: { '@typescript-eslint/no-unused-vars': unused },
	},
	{
		files: ['**/*.js'],
		extends: [js.configs.recommended],
		languageOptions: { sourceType: 'commonjs', globals: { ...globals.node } },
		rules: { 'no-unused-vars': unused },
	},
);
