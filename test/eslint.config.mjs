// Tests are not node code: n8n's node rules (no fs, no process, no n8n-core) do not apply to them. With ESLint's
// config lookup from file (ESLINT_FLAGS=unstable_config_lookup_from_file, the default from ESLint 10), `npm run lint`
// lints test/ with this config and everything else with n8n's strict one-line config at the root.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// Handlers of the fake API keep their full signatures: unused arguments are fine in tests.
const unused = ['error', { args: 'none', varsIgnorePattern: '^_', caughtErrors: 'none' }];

export default tseslint.config(
	{ linterOptions: { reportUnusedDisableDirectives: 'off' } },
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
