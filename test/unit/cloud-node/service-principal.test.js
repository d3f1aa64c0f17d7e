'use strict';
// The node on the other Cloud credential of its Authentication selector: a service principal
// (client credentials), against the Cloud emulator.

const { startCloudEmulator } = require('../../emulator/cloud');
const { createHarness } = require('../../harness');
const { AlteryxCloud, CLOUD_SEED, byId } = require('./setup');

let cloud;
beforeAll(async () => {
	cloud = await startCloudEmulator();
});
afterAll(async () => {
	await cloud?.close();
});

test('Authentication "Service Principal": a client-credentials token, then the plan', async () => {
	const { clientId, clientSecret } = cloud.servicePrincipal;
	const harness = createHarness(
		{
			region: 'custom',
			v4Url: cloud.v4Url,
			gatewayUrl: cloud.gatewayUrl,
			servicePrincipalTokenUrl: cloud.tokenUrl,
			servicePrincipalClientId: clientId,
			servicePrincipalClientSecret: clientSecret,
			authentication: 'header',
			// The hidden fields n8n's OAuth2 support reads, as the credential derives them.
			grantType: 'clientCredentials',
			accessTokenUrl: cloud.tokenUrl,
			clientId,
			clientSecret,
		},
		{ credentialType: 'alteryxCloudServicePrincipalOAuth2Api' },
	);
	const [items] = await harness.execute(AlteryxCloud, {
		parameters: {
			resource: 'plan',
			operation: 'get',
			planId: byId(CLOUD_SEED.plans.nightlyRevenue),
		},
	});
	expect(items[0].json).toMatchObject({ id: CLOUD_SEED.plans.nightlyRevenue });
	expect(cloud.stats().clientCredentials).toBe(1);
	expect(cloud.requests.map((request) => [request.host, request.path, request.status])).toEqual([
		['token', '/as/token', 200],
		['gateway', `/plans/v1/plans/${CLOUD_SEED.plans.nightlyRevenue}`, 200],
	]);
});
