'use strict';
// The Alteryx Analytics Cloud token pair in the pack's nodes, against the Cloud emulator over
// HTTP: the pasted pair is used as it is, renewed once when it expires or is refused, every new
// pair is stored, a rotation is never lost, and no token reaches an output or an error.
const { startCloudEmulator } = require('../emulator/cloud');
const { createHarness } = require('../harness');
const { AlteryxGet } = require('../../nodes/AlteryxGet/AlteryxGet.node');
const { AlteryxPost } = require('../../nodes/AlteryxPost/AlteryxPost.node');
const { AlteryxCloudOAuth2Api } = require('../../credentials/AlteryxCloudOAuth2Api.credentials');
const {
	cloudBaseUrls,
	currentPair,
	forgetRotations,
	isGatewayPath,
	jwtClaims,
	refreshMarginMs,
	tokenEndpointOf,
} = require('../../nodes/transport/cloud');

const TYPE = 'alteryxCloudOAuth2Api';

let cloud;
beforeAll(async () => {
	cloud = await startCloudEmulator({ accessTokenTtlSeconds: 300 });
});
afterAll(async () => {
	await cloud?.close();
});
beforeEach(() => {
	cloud.reset();
	forgetRotations();
});

function harnessWithPair(overrides = {}, pairOptions) {
	const { accessToken, refreshToken } = cloud.issuePair(pairOptions);
	const data = {
		region: 'custom',
		v4Url: cloud.v4Url,
		gatewayUrl: cloud.gatewayUrl,
		accessToken,
		refreshToken,
		...overrides,
	};
	return { harness: createHarness(data, { credentialType: TYPE }), pasted: data };
}

const get = (harness, endpoint, run = {}) =>
	harness.execute(AlteryxGet, { parameters: { endpoint }, ...run });

/** What a run threw (a test fails when it did not throw). */
async function failureOf(run) {
	try {
		await run;
	} catch (error) {
		return error;
	}
	throw new Error('The run succeeded; an error was expected');
}

/** Everything an error or output shows, as text. */
const shown = (value) =>
	JSON.stringify(value, (key, inner) =>
		inner instanceof Error
			? { ...inner, message: inner.message, description: inner.description }
			: inner,
	);

describe('where a Cloud path goes', () => {
	test.each([
		['v4/jobGroups/1', false],
		['plans/v1/plans', true],
		['/plans/v1/plans', true],
		['iam/v1/workspaces/current', true],
		['scheduling/v1/schedules', true],
		['svc-workflow/api/v1/workflows', true],
		['v4/people/current', false],
	])('%s → gateway %s', (endpoint, gateway) => {
		expect(isGatewayPath(endpoint)).toBe(gateway);
	});

	test.each([
		['us1', 'https://us1.alteryxcloud.com/', 'https://api.us1.alteryxcloud.com/'],
		['eu1', 'https://eu1.alteryxcloud.com/', 'https://api.eu1.alteryxcloud.com/'],
		['au1', 'https://au1.alteryxcloud.com/', 'https://api.au1.alteryxcloud.com/'],
	])('region %s', (region, v4, gateway) => {
		const urls = cloudBaseUrls({ region });
		expect([urls.v4.href, urls.gateway.href]).toEqual([v4, gateway]);
	});

	test('a custom region needs both addresses, each an http(s) URL', () => {
		expect(() => cloudBaseUrls({ region: 'custom', v4Url: '', gatewayUrl: 'x' })).toThrow(
			'The credential has no Alteryx One Address',
		);
		expect(() =>
			cloudBaseUrls({ region: 'custom', v4Url: 'https://a/', gatewayUrl: 'ftp://b' }),
		).toThrow('The API Gateway Address "ftp://b" is not an http(s) address');
	});

	test('the pack sends v4 paths to the v4 host and plans/v1 to the gateway', async () => {
		const { harness } = harnessWithPair();
		const [[person]] = await get(harness, 'v4/people/current');
		const [plans] = await get(harness, 'plans/v1/plans');
		expect(person.json.id).toBeDefined();
		expect(plans.length).toBeGreaterThan(0);
		expect(cloud.stats().apiCallsByHost).toEqual({ v4: 1, gateway: 1 });
	});
});

describe('the token pair', () => {
	test('the pasted pair is used as it is, and stored as the pair in use, without a refresh', async () => {
		const { harness, pasted } = harnessWithPair();
		await get(harness, 'v4/people/current');
		expect(cloud.stats().refreshes).toBe(0);
		const stored = harness.storedCredential();
		expect(stored.sessionAccessToken).toBe(pasted.accessToken);
		expect(stored.sessionRefreshToken).toBe(pasted.refreshToken);
		expect(stored.sessionSeedRefreshToken).toBe(pasted.refreshToken);
	});

	test('three executions across three access-token lifetimes: one refresh each, every new pair stored, the pasted fields untouched', async () => {
		const { harness, pasted } = harnessWithPair();
		const seen = new Set();
		for (let run = 0; run < 3; run++) {
			cloud.expireAccessTokens();
			const [[person]] = await get(harness, 'v4/people/current');
			expect(person.json.id).toBeDefined();
			const stored = harness.storedCredential();
			seen.add(stored.sessionRefreshToken);
			expect(stored.accessToken).toBe(pasted.accessToken);
			expect(stored.refreshToken).toBe(pasted.refreshToken);
		}
		expect(seen.size).toBe(3);
		expect(cloud.stats()).toMatchObject({ successfulRefreshes: 3, refreshes: 3 });
		expect(cloud.stats().rejectedRefreshes.reused).toBe(0);
	});

	test('a token about to expire is renewed before the request, not after a 401', async () => {
		const { harness, pasted } = harnessWithPair();
		// The pair in use has 10 s left of its 300: less than the renewal margin (at least 60 s).
		harness.setCredentials({
			...pasted,
			sessionAccessToken: pasted.accessToken,
			sessionRefreshToken: pasted.refreshToken,
			sessionSeedRefreshToken: pasted.refreshToken,
			sessionExpiresAt: String(Date.now() + 10_000),
		});
		await get(harness, 'v4/people/current');
		expect(cloud.stats().successfulRefreshes).toBe(1);
		expect(cloud.stats().unauthorized).toBe(0);
	});

	test('50 items in parallel after expiry: one refresh, no refresh token presented twice', async () => {
		const { harness } = harnessWithPair();
		await get(harness, 'v4/people/current');
		cloud.expireAccessTokens();
		cloud.resetStats();
		const items = Array.from({ length: 50 }, (_, index) => ({ json: { index } }));
		const [out] = await harness.execute(AlteryxGet, {
			parameters: {
				endpoint: 'v4/people/current',
				options: { batching: { batch: { batchSize: 50 } } },
			},
			items,
		});
		expect(out).toHaveLength(50);
		expect(cloud.stats().successfulRefreshes).toBe(1);
		expect(cloud.stats().rejectedRefreshes.reused).toBe(0);
	});

	test('a POST refused with 401 is renewed and sent once more; the plan runs once', async () => {
		const { harness } = harnessWithPair();
		await get(harness, 'v4/people/current');
		cloud.expireAccessTokens();
		const [plan] = cloud.state.plans.values();
		const [[run]] = await harness.execute(AlteryxPost, {
			parameters: { endpoint: `plans/v1/plans/${plan.id}/run`, sendBody: false },
		});
		expect(run.json.planSnapshotRunId).toBeDefined();
		expect(cloud.stats().runsStarted.plans).toBe(1);
		expect(cloud.stats().successfulRefreshes).toBe(1);
	});

	test('a newly pasted pair replaces the one in use', async () => {
		const { harness, pasted } = harnessWithPair();
		cloud.expireAccessTokens();
		await get(harness, 'v4/people/current');
		const renewed = harness.storedCredential();
		const fresh = cloud.issuePair();
		harness.setCredentials({
			...renewed,
			accessToken: fresh.accessToken,
			refreshToken: fresh.refreshToken,
		});
		await get(harness, 'v4/people/current');
		const stored = harness.storedCredential();
		expect(stored.sessionAccessToken).toBe(fresh.accessToken);
		expect(stored.sessionSeedRefreshToken).toBe(fresh.refreshToken);
		expect(pasted.refreshToken).not.toBe(fresh.refreshToken);
	});

	/** The pair stored by "another n8n process": renewed there, its in-process memory gone. */
	async function renewedElsewhere(before) {
		const other = createHarness(before, { credentialType: TYPE });
		cloud.expireAccessTokens();
		await get(other, 'v4/people/current');
		forgetRotations();
		return other.storedCredential();
	}

	test('after a 401, a pair another process stored is used instead of renewing again', async () => {
		const { harness } = harnessWithPair();
		await get(harness, 'v4/people/current');
		const before = harness.storedCredential();
		const newer = await renewedElsewhere(before);
		cloud.resetStats();
		// This process's run read the credential before the other stored its pair.
		harness.setCredentials(newer);
		const stale = createHarness(before, { credentialType: TYPE });
		stale.setCredentials(before);
		const [[person]] = await get(harness, 'v4/people/current');
		expect(person.json.id).toBeDefined();
		expect(cloud.stats().refreshes).toBe(0);
	});

	test('a refresh refused as already used: the newer pair another process is storing is taken', async () => {
		const { harness } = harnessWithPair();
		await get(harness, 'v4/people/current');
		const before = harness.storedCredential();
		const newer = await renewedElsewhere(before);
		cloud.resetStats();
		// The other process stores its pair after this one presented the old token (after the random
		// wait of up to 1 s that comes before a renewal after a 401).
		const storing = setTimeout(() => harness.setCredentials(newer), 1_500);
		try {
			const [[person]] = await get(harness, 'v4/people/current');
			expect(person.json.id).toBeDefined();
		} finally {
			clearTimeout(storing);
		}
		expect(cloud.stats().rejectedRefreshes.reused).toBe(1);
		expect(harness.storedCredential().sessionRefreshToken).toBe(newer.sessionRefreshToken);
	});

	test('a dead refresh token: a clear error that says how to get a new pair, and no token in it', async () => {
		const { harness, pasted } = harnessWithPair();
		cloud.disablePair(pasted.refreshToken);
		const error = await failureOf(get(harness, 'v4/people/current'));
		expect(error).toBeDefined();
		const text = `${error.message}\n${error.description}`;
		expect(text).toMatch(/refused the refresh token|did not accept/i);
		expect(text).toMatch(/OAuth 2\.0 API Tokens/);
		expect(shown(error)).not.toContain(pasted.refreshToken);
		expect(shown(error)).not.toContain(pasted.accessToken);
	});

	test('the token endpoint and client id come from the access token when the fields are empty', () => {
		const { accessToken } = cloud.issuePair();
		const claims = jwtClaims(accessToken);
		expect(tokenEndpointOf({}, accessToken)).toEqual({
			tokenUrl: `${claims.iss}/token`,
			clientId: claims.client_id,
		});
		expect(
			tokenEndpointOf({ tokenUrl: 'https://ping.example/as', clientId: 'c' }, accessToken),
		).toEqual({
			tokenUrl: 'https://ping.example/as/token',
			clientId: 'c',
		});
	});

	test('the renewal margin: a minute, a quarter of a short life, plus a share of it per process', () => {
		expect(refreshMarginMs(3_600_000, () => 0)).toBe(60_000);
		expect(refreshMarginMs(3_600_000, () => 1)).toBe(120_000);
		expect(refreshMarginMs(8_000, () => 0.5)).toBe(3_000);
	});

	test('currentPair: the session while it descends from the pasted refresh token', () => {
		expect(
			currentPair({
				accessToken: 'a',
				refreshToken: 'r',
				sessionAccessToken: 'b',
				sessionRefreshToken: 's',
				sessionSeedRefreshToken: 'r',
				sessionExpiresAt: '5',
			}),
		).toEqual({ accessToken: 'b', refreshToken: 's', expiresAt: 5, seed: 'r' });
		expect(
			currentPair({
				accessToken: 'a',
				refreshToken: 'r2',
				sessionAccessToken: 'b',
				sessionRefreshToken: 's',
				sessionSeedRefreshToken: 'r',
				sessionExpiresAt: '5',
			}),
		).toMatchObject({ accessToken: 'a', refreshToken: 'r2', seed: 'r2' });
	});
});

describe('the credential Test (preAuthentication as n8n calls it)', () => {
	/** The credential as the user pasted it. */
	const pasted = ({ accessToken, refreshToken }) => ({
		region: 'custom',
		v4Url: cloud.v4Url,
		gatewayUrl: cloud.gatewayUrl,
		accessToken,
		refreshToken,
	});
	/** As n8n stores it once the pasted pair is in use (5 minutes left). */
	const storedInUse = (pair) => ({
		...pasted(pair),
		sessionAccessToken: pair.accessToken,
		sessionRefreshToken: pair.refreshToken,
		sessionSeedRefreshToken: pair.refreshToken,
		sessionExpiresAt: String(Date.now() + 300_000),
	});
	const helpers = { helpers: { httpRequest: async (options) => await fetchJson(options) } };
	async function fetchJson(options) {
		const response = await fetch(options.url, {
			method: options.method,
			headers: options.headers,
			body: options.body,
		});
		const text = await response.text();
		if (!response.ok) {
			const error = new Error(`HTTP ${response.status}`);
			error.response = { status: response.status, data: Buffer.from(text) };
			throw error;
		}
		return Buffer.from(text);
	}

	test('a working access token is kept: the test spends no refresh token', async () => {
		const { accessToken, refreshToken } = cloud.issuePair();
		const data = storedInUse({ accessToken, refreshToken });
		const output = await new AlteryxCloudOAuth2Api().preAuthentication.call(helpers, data);
		expect(output).toEqual({});
		expect(cloud.stats().refreshes).toBe(0);
	});

	test('given an outdated copy (only the pasted pair), the pair this process rotated it into is returned, never the spent one', async () => {
		const { accessToken, refreshToken } = cloud.issuePair();
		cloud.expireAccessTokens();
		const stored = storedInUse({ accessToken, refreshToken });
		const credential = new AlteryxCloudOAuth2Api();
		const renewed = await credential.preAuthentication.call(helpers, stored);
		const outdated = await credential.preAuthentication.call(
			helpers,
			pasted({ accessToken, refreshToken }),
		);
		expect(outdated.sessionRefreshToken).toBe(renewed.sessionRefreshToken);
		expect(outdated.sessionAccessToken).toBe(renewed.sessionAccessToken);
		expect(cloud.stats().successfulRefreshes).toBe(1);
	});

	test('a refused access token is renewed, and the new pair returned for n8n to store', async () => {
		const { accessToken, refreshToken } = cloud.issuePair();
		cloud.expireAccessTokens();
		const data = storedInUse({ accessToken, refreshToken });
		const output = await new AlteryxCloudOAuth2Api().preAuthentication.call(helpers, data);
		expect(output.sessionAccessToken).not.toBe(accessToken);
		expect(output.sessionRefreshToken).not.toBe(refreshToken);
		expect(output.sessionSeedRefreshToken).toBe(refreshToken);
		expect(cloud.stats().successfulRefreshes).toBe(1);
	});
});

describe('Cloud answers in the verb nodes', () => {
	test('a 429 quota refusal of a POST is sent again after x-retry-after; the job group starts once', async () => {
		const { harness } = harnessWithPair();
		const [dataset] = cloud.state.wrangledDatasets.values();
		cloud.faults.add({
			host: 'v4',
			method: 'POST',
			path: '/v4/jobGroups',
			kind: 'status',
			status: 429,
			headers: { 'x-retry-after': '0' },
			body: {
				exception: {
					name: 'TooManyRequestsException',
					message: 'Too Many Requests',
					details: 'API quota reached for "runJobGroup".',
				},
			},
		});
		const [[started]] = await harness.execute(AlteryxPost, {
			parameters: {
				endpoint: 'v4/jobGroups',
				sendBody: true,
				contentType: 'json',
				jsonBody: JSON.stringify({ wrangledDataset: { id: dataset.id } }),
			},
		});
		expect(started.json.id).toBeDefined();
		expect(cloud.stats().runsStarted.jobGroups).toBe(1);
		expect(cloud.stats().faultsInjected).toBe(1);
	});

	test("an error carries the Cloud's exception message, its details and the request id", async () => {
		const { harness } = harnessWithPair();
		const error = await failureOf(get(harness, 'plans/v1/plans/987654'));
		expect(error.message).toMatch(/\(HTTP 404\)$/);
		expect(error.description).toMatch(/Request ID \(for Alteryx support\): \S+/);
		const requestId = error.description.match(/Request ID \(for Alteryx support\): (\S+)/)[1];
		expect(cloud.requests.some((request) => request.requestId === requestId)).toBe(true);
	});

	test('an Apigee fault of the gateway is shown with its fault string and error code', async () => {
		const { harness } = harnessWithPair();
		cloud.setOptions({ requireProjectId: true });
		const error = await failureOf(get(harness, 'plans/v1/plans'));
		expect(error.message).toMatch(/Invalid ApiKey/);
		expect(error.description).toMatch(/oauth\.v2\.InvalidApiKey/);
		// With the API Project ID in the credential the gateway accepts the call.
		harness.setCredentials({ ...harness.storedCredential(), apiProjectId: cloud.projectId });
		const [plans] = await get(harness, 'plans/v1/plans');
		expect(plans.length).toBeGreaterThan(0);
	});
});
