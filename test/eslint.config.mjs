// Tests are not node code: n8n's node rules (no fs, no process, no n8n-core) do not apply to them. With ESLint's
// config lookup from file (ESLINT_FLAGS=unstable_config_lookup_from_file, the default from ESLint 10), `npm run lint`
// lints test/ with this config (`eslint test`), after `n8n-node lint` has linted everything with n8n's strict one-line
// config at the root.
// A plain `npx n8n-node lint` (no flag) lints test/ with the root config: a test file that uses what node code may not
// (Node's modules, `process`, timers...) names those n8n rules in an `eslint-disable` line at its top, so both pass.
// The n8n plugin is registered here (no rule switched on) so those lines name known rules.
import js from '@eslint/js';
import { n8nCommunityNodesPlugin } from '@n8n/eslint-plugin-community-nodes';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// Handlers of the fake API keep their full signatures: unused arguments are fine in tests.
const unused = ['error', { args: 'none', varsIgnorePattern: '^_', caughtErrors: 'none' }];

export default tseslint.config(
	{ linterOptions: { reportUnusedDisableDirectives: 'off' } },
	{ plugins: { '@n8n/community-nodes': n8nCommunityNodesPlugin } },
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
