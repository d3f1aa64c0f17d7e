'use strict';
// Shared set-up of the Alteryx Analytics Cloud node's tests: one Cloud emulator per test file
// (reset before each test, with a fresh token pair) and a harness on the token-pair credential.
const { startCloudEmulator, CLOUD_SEED } = require('../../emulator/cloud');
const { createHarness } = require('../../harness');
const { AlteryxCloud } = require('../../../nodes/AlteryxCloud/AlteryxCloud.node');

const CREDENTIAL_TYPE = 'alteryxCloudOAuth2Api';

function credentialData(cloud) {
	const { accessToken, refreshToken } = cloud.issuePair();
	return {
		region: 'custom',
		v4Url: cloud.v4Url,
		gatewayUrl: cloud.gatewayUrl,
		accessToken,
		refreshToken,
	};
}

/**
 * One emulator and harness for the test file; before each test the emulator is re-seeded, its
 * clock, faults and options reset, and the harness gets a new token pair (reset forgets the old
 * ones).
 */
function useCloud(emulatorOptions = {}) {
	const env = {};
	let startOptions;
	beforeAll(async () => {
		env.cloud = await startCloudEmulator(emulatorOptions);
		// reset() keeps options a test set (longer runs, quotas): each test starts from these.
		const { host, ports, ...options } = env.cloud.options;
		startOptions = structuredClone(options);
		env.harness = createHarness(credentialData(env.cloud), { credentialType: CREDENTIAL_TYPE });
	});
	afterAll(async () => {
		await env.cloud?.close();
	});
	beforeEach(() => {
		env.cloud.reset();
		env.cloud.setOptions(structuredClone(startOptions));
		env.harness.setCredentials(credentialData(env.cloud));
	});
	return env;
}

/** A resource locator value picked "By ID". */
const byId = (value) => ({ __rl: true, mode: 'id', value: String(value) });

/**
 * Runs the Cloud node once with these parameters and returns its output items, or the error it
 * threw (never both).
 */
async function runNode(env, parameters, run = {}) {
	try {
		const [items] = await env.harness.execute(AlteryxCloud, { parameters, ...run });
		return { items };
	} catch (error) {
		return { error };
	}
}

/** The requests the emulator got with this method whose path matches. */
function requestsTo(cloud, method, pathPattern) {
	return cloud.requests.filter(
		(entry) =>
			entry.method === method &&
			(pathPattern instanceof RegExp ? pathPattern.test(entry.path) : entry.path === pathPattern),
	);
}

/** Everything an error shows a user: message, description and what n8n keeps of the answer. */
function errorText(error) {
	return [error.message, error.description, JSON.stringify(error.context ?? {})].join('\n');
}

module.exports = {
	AlteryxCloud,
	CLOUD_SEED,
	CREDENTIAL_TYPE,
	byId,
	credentialData,
	errorText,
	requestsTo,
	runNode,
	useCloud,
};
