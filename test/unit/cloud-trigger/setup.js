'use strict';
// One Cloud emulator per test file, reset before each test (a fresh token pair each time); a
// poller of the Alteryx Analytics Cloud Trigger that runs poll() through n8n-core's PollContext
// and models what n8n saves and a restart (test/unit/trigger/poll-runner.js).
const { startCloudEmulator, CLOUD_SEED } = require('../../emulator/cloud');
const { createHarness } = require('../../harness');
const { createPollRunner } = require('../trigger/poll-runner');
const {
	AlteryxCloudTrigger,
} = require('../../../nodes/AlteryxCloudTrigger/AlteryxCloudTrigger.node.ts');

const CREDENTIAL_TYPE = 'alteryxCloudOAuth2Api';

function useCloudTriggerEnvironment(options = {}) {
	const env = {};
	beforeAll(async () => {
		// Access tokens outlive the hours the tests move the clock by (rotation is not tested here).
		env.cloud = await startCloudEmulator({ accessTokenTtlSeconds: 30 * 86400, ...options });
	});
	afterAll(async () => {
		await env.cloud?.close();
	});
	beforeEach(() => {
		env.cloud.reset();
		env.pair = env.cloud.issuePair();
		env.harness = createHarness(
			{
				region: 'custom',
				v4Url: env.cloud.v4Url,
				gatewayUrl: env.cloud.gatewayUrl,
				accessToken: env.pair.accessToken,
				refreshToken: env.pair.refreshToken,
			},
			{ credentialType: CREDENTIAL_TYPE },
		);
	});
	/** A poller of the trigger with these parameters. */
	env.trigger = (parameters) =>
		createPollRunner(env.harness, parameters, {
			NodeClass: AlteryxCloudTrigger,
			stateKey: 'alteryxCloudTrigger',
		});
	/** API calls the emulator saw since `from` (an index into cloud.requests), tokens left out. */
	env.callsSince = (from) =>
		env.cloud.requests
			.slice(from)
			.filter((entry) => entry.host !== 'token')
			.map((entry) => `${entry.method} ${entry.path}`);
	/** Starts a plan run over the API, as a user would (it ends about a second later). */
	env.runPlan = async (planId, outcome) => {
		const body = outcome
			? { planNodeOverrides: [{ handle: 'any', overrideKey: 'EmulatorOutcome', value: outcome }] }
			: {};
		const response = await fetch(`${env.cloud.gatewayUrl}plans/v1/plans/${planId}/run`, {
			method: 'POST',
			headers: {
				authorization: `Bearer ${env.pair.accessToken}`,
				'content-type': 'application/json',
			},
			body: JSON.stringify(body),
		});
		if (response.status !== 201) throw new Error(`run plan ${planId}: HTTP ${response.status}`);
		return (await response.json()).planSnapshotRunId;
	};
	return env;
}

/** Every item's json.id, in order. */
const idsOf = (items) => items.map((item) => item.json.id);

module.exports = { useCloudTriggerEnvironment, idsOf, CLOUD_SEED };
