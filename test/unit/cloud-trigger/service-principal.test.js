'use strict';
// The trigger with the other Cloud credential: a service principal (client credentials).
const { useCloudTriggerEnvironment, idsOf, CLOUD_SEED } = require('./setup');
const { createHarness } = require('../../harness');

const env = useCloudTriggerEnvironment();

test('a service principal: the first poll emits nothing old, a failed job group comes once', async () => {
	const credentialType = 'alteryxCloudServicePrincipalOAuth2Api';
	env.harness = createHarness(
		{
			region: 'custom',
			v4Url: env.cloud.v4Url,
			gatewayUrl: env.cloud.gatewayUrl,
			servicePrincipalTokenUrl: env.cloud.tokenUrl,
			servicePrincipalClientId: env.cloud.servicePrincipal.clientId,
			servicePrincipalClientSecret: env.cloud.servicePrincipal.clientSecret,
			authentication: 'header',
		},
		{ credentialType },
	);
	const trigger = env.trigger({
		authentication: credentialType,
		event: 'jobGroupFinished',
		results: ['Failed'],
	});
	expect(await trigger.poll()).toEqual([]);
	const failed = env.cloud.addJobGroup({ flowId: CLOUD_SEED.flows.inventoryJoin });
	expect(idsOf(await trigger.poll())).toEqual([failed]);
	expect(await trigger.poll()).toEqual([]);
	expect(env.cloud.stats().clientCredentials).toBeGreaterThan(0);
});
