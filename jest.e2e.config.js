// End-to-end tests: the built and packed pack inside a real n8n process, against the Alteryx Server
// emulator. Run with `npm run test:e2e` (needs no network beyond the npm registry).
module.exports = {
	rootDir: __dirname,
	testEnvironment: 'node',
	testMatch: ['<rootDir>/test/e2e/**/*.e2e.test.js'],
	// The credential-design measurement (docs/decisions/0003) runs only when asked for.
	testPathIgnorePatterns:
		process.env.E2E_CREDENTIAL_DESIGNS === 'true'
			? ['/node_modules/']
			: ['/node_modules/', '/13-credential-designs\\.'],
	modulePathIgnorePatterns: ['<rootDir>/dist/', '<rootDir>/.n8n-e2e/'],
	globalSetup: '<rootDir>/test/e2e/global-setup.js',
	transform: {},
	// Each test starts n8n processes (about 2 s of CPU each); two workers fit two cores.
	maxWorkers: 2,
	testTimeout: 10 * 60 * 1000,
	slowTestThreshold: 60,
	verbose: true,
};
