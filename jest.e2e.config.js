// End-to-end tests: the built and packed pack inside a real n8n process, against the Alteryx Server
// emulator. Run with `npm run test:e2e` (needs no network beyond the npm registry).
module.exports = {
	rootDir: __dirname,
	testEnvironment: 'node',
	testMatch: ['<rootDir>/test/e2e/**/*.e2e.test.js'],
	// The credential-design measurement (docs/decisions/0003) runs only when asked for; the
	// queue-mode test (Redis and Postgres, which .ci/run installs) unless E2E_QUEUE_MODE=false.
	testPathIgnorePatterns: [
		'/node_modules/',
		...(process.env.E2E_CREDENTIAL_DESIGNS === 'true' ? [] : ['/13-credential-designs\\.']),
		...(process.env.E2E_QUEUE_MODE === 'false'
			? ['/15-queue-mode\\.', '/19-trigger-queue-mode\\.', '/22-cloud-token-rotation\\.']
			: []),
	],
	modulePathIgnorePatterns: ['<rootDir>/dist/', '<rootDir>/.n8n-e2e/'],
	globalSetup: '<rootDir>/test/e2e/global-setup.js',
	transform: {},
	// Each test starts n8n processes (about 2 s of CPU each); two workers fit two cores.
	maxWorkers: 2,
	testTimeout: 10 * 60 * 1000,
	slowTestThreshold: 60,
	verbose: true,
};
