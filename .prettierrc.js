// Formatter settings as n8n-nodes-starter ships them (n8n-io/n8n-nodes-starter .prettierrc.js): tabs, single quotes,
// trailing commas, 100 columns. Config only: the tree is not reformatted in one sweep (format the files you touch).
// Options: https://prettier.io/docs/en/options.html
module.exports = {
	semi: true,
	trailingComma: 'all',
	bracketSpacing: true,
	useTabs: true,
	tabWidth: 2,
	arrowParens: 'always',
	singleQuote: true,
	quoteProps: 'as-needed',
	endOfLine: 'lf',
	printWidth: 100,
};
