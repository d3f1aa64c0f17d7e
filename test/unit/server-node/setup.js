'use strict';
// Shared set-up for the Alteryx Server node tests: an emulator on 127.0.0.1, a harness that
// runs the node through n8n-core's real ExecuteContext, and small helpers to build parameters.

const { startEmulator, SEED_IDS, OUTCOME_QUESTION } = require('../../emulator');
const { createHarness } = require('../../harness');
const { AlteryxServer } = require('../../../nodes/AlteryxServer/AlteryxServer.node');

/** A resource locator value as n8n stores it for the "By ID" mode. */
const byId = (value) => ({ __rl: true, mode: 'id', value });

/**
 * Starts an emulator (fast jobs by default) and a harness logged in as the seeded Curator.
 * @param {object} [options] emulator options
 */
async function startServerNodeEnvironment(options = {}) {
	const emulator = await startEmulator({
		jobTimings: { queuedMs: 100, runningMs: 200 },
		...options,
	});
	const harness = createHarness(emulator.credentialData());

	/**
	 * Runs the Alteryx Server node and returns its first output.
	 * @param {object} parameters node parameters (resource, operation, …)
	 * @param {{ items?: object[], continueOnFail?: boolean }} [run]
	 */
	async function runNode(parameters, run = {}) {
		const [output] = await harness.execute(AlteryxServer, { parameters, ...run });
		return output;
	}

	/** The API requests the emulator saw (token requests excluded), as "METHOD /path". */
	function apiCalls() {
		return emulator.requests
			.filter((entry) => !/\/oauth2\/token$/i.test(entry.path))
			.map((entry) => `${entry.method} ${entry.path.replace(/^\/webapi/, '')}`);
	}

	/** The bytes of a binary property of an output item (whatever the binary data mode). */
	const bytesOf = async (binary) => await harness.binaryBuffer(binary);

	return { emulator, harness, runNode, apiCalls, bytesOf };
}

/**
 * One environment for the whole test file: started before the first test, the emulator reset
 * (then given `configure`, if any) before each test, and closed after the last. The returned
 * object is filled in once beforeAll has run.
 * @param {{ configure?: object }} [options] emulator settings applied after every reset
 */
function useServerNodeEnvironment({ configure } = {}) {
	const env = {};
	beforeAll(async () => {
		Object.assign(env, await startServerNodeEnvironment());
	});
	afterAll(async () => {
		await env.emulator?.close();
	});
	beforeEach(() => {
		env.emulator.reset();
		if (configure) env.emulator.configure(configure);
	});
	return env;
}

module.exports = {
	startServerNodeEnvironment,
	useServerNodeEnvironment,
	byId,
	AlteryxServer,
	SEED_IDS,
	OUTCOME_QUESTION,
};
