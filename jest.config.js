/** Tests run workflows through n8n-core's engine against the BUILT package (`npm test` builds first). */
module.exports = {
	// Node's environment; its workers exit without tearing down their heap (see the file).
	testEnvironment: '<rootDir>/test/harness/environment.js',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.ts'],
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/test/tsconfig.json' }],
	},
	testTimeout: 120000,
	maxWorkers: 2,
	reporters: ['default', '<rootDir>/test/summary-reporter.js'],
};
