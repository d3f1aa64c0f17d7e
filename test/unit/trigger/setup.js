'use strict';
// One emulator per test file, reset before each test; pollers for the seeded Curator and Artisan.
const { startEmulator, SEED_IDS } = require('../../emulator');
const { createHarness } = require('../../harness');
const { createPollRunner } = require('./poll-runner');

function useTriggerEnvironment(options = {}) {
	const env = {};
	beforeAll(async () => {
		env.emulator = await startEmulator(options);
	});
	afterAll(async () => {
		await env.emulator?.close();
	});
	beforeEach(() => {
		env.emulator.reset();
		if (options.configure) env.emulator.configure(options.configure);
		env.curator = createHarness(env.emulator.credentialData('curator'));
		env.artisan = createHarness(env.emulator.credentialData('artisan'));
	});
	/** A poller of the trigger with these parameters, as the Curator (or another seeded user). */
	env.trigger = (parameters, user = 'curator') => createPollRunner(env[user], parameters);
	/** API calls the emulator saw since `from` (an index into emulator.requests), tokens left out. */
	env.callsSince = (from) =>
		env.emulator.requests
			.slice(from)
			.filter((entry) => !/\/oauth2\/token$/i.test(entry.path))
			.map((entry) => `${entry.method} ${entry.path.replace(/^\/webapi/, '')}`);
	return env;
}

/** Every item's json.id, in order. */
const idsOf = (items) => items.map((item) => item.json.id);

module.exports = { useTriggerEnvironment, idsOf, SEED_IDS };
