'use strict';
// The credential as n8n uses it (design A of docs/decisions/0003): n8n's own OAuth2
// client-credentials support run by n8n-core's real request helpers: token exchange (header and
// body client authentication), reuse across items and executions, one renewal and one resend on
// 401 (also for uploads), one exchange for parallel items, and plain-words failures.
const net = require('node:net');

const { AlteryxServerOAuth2Api } = require('../../credentials/AlteryxServerOAuth2Api.credentials');
const { AlteryxGet } = require('../../nodes/AlteryxGet/AlteryxGet.node');
const { AlteryxPost } = require('../../nodes/AlteryxPost/AlteryxPost.node');
const { startEmulator } = require('../emulator');
const { startOtherOrigin } = require('../emulator/other-origin');
const { createHarness } = require('../harness');
const { binaryItem, requestsTo, run, uploadParameters } = require('./helpers');

const credentialType = new AlteryxServerOAuth2Api();
let emulator;

beforeAll(async () => {
	emulator = await startEmulator();
});
afterAll(async () => {
	await emulator.close();
});
beforeEach(() => {
	emulator.reset();
	emulator.configure({ clientAuth: 'both', tokenTtlSeconds: 3600 });
});

function harnessFor(overrides = {}) {
	return createHarness(emulator.credentialData('curator', overrides));
}

/** The credential as n8n hands it to a request: defaults filled, expressions resolved. */
async function resolved(data) {
	const harness = createHarness(data);
	return await harness.credentialsHelper.getDecrypted(
		{},
		harness.nodeCredentials.alteryxServerOAuth2Api,
		'alteryxServerOAuth2Api',
		'internal',
	);
}

const listWorkflows = { parameters: { endpoint: 'v3/workflows' } };

describe('credential fields', () => {
	test('keeps the type name saved workflows depend on, and is an OAuth2 client-credentials type', () => {
		expect(credentialType.name).toBe('alteryxServerOAuth2Api');
		expect(credentialType.extends).toEqual(['oAuth2Api']);
		const visible = credentialType.properties.filter((property) => property.type !== 'hidden');
		expect(visible.map((property) => [property.name, property.displayName])).toEqual([
			['webApiUrl', 'Web API Address'],
			['apiAccessKey', 'API Access Key'],
			['apiAccessSecret', 'API Access Secret'],
			['authentication', 'Client Authentication'],
			['ignoreSSLIssues', 'Ignore SSL Issues (Insecure)'],
			['allowedHttpRequestDomains', 'Allowed HTTP Request Domains'],
			['allowedDomains', 'Allowed Domains'],
		]);
		const byName = Object.fromEntries(credentialType.properties.map((p) => [p.name, p]));
		// The editor labels any field named clientId/clientSecret "Client ID"/"Client Secret".
		expect(byName.clientId.type).toBe('hidden');
		expect(byName.clientSecret.type).toBe('hidden');
		expect(byName.apiAccessSecret.typeOptions.password).toBe(true);
		expect(byName.clientSecret.typeOptions.password).toBe(true);
		expect(byName.grantType.default).toBe('clientCredentials');
		expect(byName.authentication.default).toBe('header');
		expect(byName.ignoreSSLIssues.default).toBe(false);
		expect(byName.allowedHttpRequestDomains.default).toBe('domains');
		// Renewal on a 401 is n8n's default (no tokenExpiredStatusCode field).
		expect(byName.tokenExpiredStatusCode).toBeUndefined();
	});

	test('the Test button checks a real V3 call and explains a denied one', () => {
		expect(credentialType.test.request).toMatchObject({ url: 'v3/workflows' });
		const rule401 = credentialType.test.rules.find((rule) => rule.properties.value === 401);
		expect(rule401.properties.message).toMatch(/API Access/);
	});

	test.each([
		[
			'https://alteryx.example.com/webapi/',
			'https://alteryx.example.com/webapi/oauth2/token',
			'alteryx.example.com',
		],
		[
			'https://alteryx.example.com/webapi',
			'https://alteryx.example.com/webapi/oauth2/token',
			'alteryx.example.com',
		],
		[
			' https://Alteryx.Example.com:8443/webapi/ ',
			'https://Alteryx.Example.com:8443/webapi/oauth2/token',
			'alteryx.example.com',
		],
		['http://10.0.0.5/gallery/api/', 'http://10.0.0.5/gallery/api/oauth2/token', '10.0.0.5'],
		['http://[::1]:8080/webapi/', 'http://[::1]:8080/webapi/oauth2/token', '[::1]'],
		[
			'http://user@server.corp/webapi/',
			'http://user@server.corp/webapi/oauth2/token',
			'server.corp',
		],
	])('%s: token URL %s, allowed domain %s', async (webApiUrl, tokenUrl, host) => {
		const data = await resolved({
			webApiUrl,
			apiAccessKey: 'the-key',
			apiAccessSecret: 'the-secret',
		});
		expect(data.accessTokenUrl).toBe(tokenUrl);
		expect(data.allowedDomains).toBe(host);
		// n8n's allowlist compares URL.hostname, lowercased.
		expect(new URL(webApiUrl.trim()).hostname).toBe(host);
		expect(data.clientId).toBe('the-key');
		expect(data.clientSecret).toBe('the-secret');
		expect(data.grantType).toBe('clientCredentials');
	});

	test('a stored token URL or grant type never replaces the derived ones (n8n pins them)', async () => {
		const data = await resolved({
			webApiUrl: 'https://alteryx.example.com/webapi/',
			apiAccessKey: 'k',
			apiAccessSecret: 's',
			accessTokenUrl: 'https://attacker.example/token',
			grantType: 'authorizationCode',
		});
		expect(data.accessTokenUrl).toBe('https://alteryx.example.com/webapi/oauth2/token');
		expect(data.grantType).toBe('clientCredentials');
	});
});

describe('token exchange', () => {
	test.each([
		['header', 'header'],
		['body', 'body'],
	])('client authentication "%s" is accepted by a server that only accepts %s', async (mode) => {
		emulator.configure({ clientAuth: mode });
		const harness = harnessFor({ authentication: mode });
		const { items, error } = await run(harness, AlteryxGet, listWorkflows);
		expect(error).toBeUndefined();
		expect(items.length).toBeGreaterThan(3);
		expect(emulator.counters.tokenRequestsByAuth[mode]).toBe(1);
		expect(emulator.counters.tokenRequests).toBe(1);
	});

	test('the wrong mode for a server that only accepts the other fails with advice to switch', async () => {
		emulator.configure({ clientAuth: 'body' });
		const { error } = await run(
			harnessFor({ authentication: 'header' }),
			AlteryxGet,
			listWorkflows,
		);
		expect(error.message).toMatch(/rejected the API Access Key or Secret/);
		expect(error.description).toMatch(/Client Authentication = "body"/);
	});

	test.each([
		['with a trailing slash', (url) => url],
		['without a trailing slash', (url) => url.replace(/\/$/, '')],
	])('the Web API address works %s', async (_, shape) => {
		const harness = harnessFor({ webApiUrl: shape(emulator.webApiUrl) });
		const { items } = await run(harness, AlteryxGet, listWorkflows);
		expect(items.length).toBeGreaterThan(3);
		expect(requestsTo(emulator, 'POST', '/webapi/oauth2/token')).toHaveLength(1);
	});

	test('a wrong secret says so in plain words and never shows the secret', async () => {
		const secret = 'wrong-secret-value-1234';
		const { error } = await run(harnessFor({ apiAccessSecret: secret }), AlteryxGet, listWorkflows);
		expect(error.constructor.name).toBe('NodeApiError');
		expect(error.message).toMatch(/rejected the API Access Key or Secret/);
		expect(error.description).toMatch(/My Profile → Keys/);
		expect(JSON.stringify({ ...error, message: error.message, stack: error.stack })).not.toContain(
			secret,
		);
	});

	test('an unreachable server is reported as unreachable', async () => {
		const port = await closedPort();
		const { error } = await run(
			harnessFor({ webApiUrl: `http://127.0.0.1:${port}/webapi/` }),
			AlteryxGet,
			listWorkflows,
		);
		expect(error.message).toMatch(/Alteryx Server is unreachable at http:\/\/127\.0\.0\.1:\d+$/);
		expect(error.description).toMatch(/ECONNREFUSED/);
	});

	test('a user without API access gets the role and API-access hint', async () => {
		const { clientId, clientSecret } = emulator.credentials.noApi;
		const { error } = await run(
			harnessFor({ apiAccessKey: clientId, apiAccessSecret: clientSecret }),
			AlteryxGet,
			listWorkflows,
		);
		expect(error.message).toMatch(/Authorization has been denied/);
		expect(error.description).toMatch(/API Access = Yes/);
		expect(error.httpCode).toBe('401');
	});
});

describe('token reuse and refresh', () => {
	test('100 items need one token request; the next execution reuses the stored token', async () => {
		const harness = harnessFor();
		const items = Array.from({ length: 100 }, (_, index) => ({ index }));
		const first = await run(harness, AlteryxGet, {
			parameters: {
				endpoint:
					'=v3/workflows/{{ $json.index % 2 ? "66ebd18d3d62000400000001" : "66ebd18d3d62000400000002" }}',
			},
			items,
		});
		expect(first.error).toBeUndefined();
		expect(first.items).toHaveLength(100);
		expect(emulator.counters.tokenRequests).toBe(1);
		expect(harness.storedCredentials().oauthTokenData.access_token).toMatch(/.{16,}/);

		await run(harness, AlteryxGet, listWorkflows);
		expect(emulator.counters.tokenRequests).toBe(1);
	});

	test('100 items in parallel batches with no token yet share one exchange', async () => {
		const harness = harnessFor();
		const { items, error } = await run(harness, AlteryxGet, {
			parameters: {
				endpoint: 'v3/workflows/66ebd18d3d62000400000001',
				options: { batching: { batch: { batchSize: 25, batchInterval: 0 } } },
			},
			items: Array.from({ length: 100 }, () => ({})),
		});
		expect(error).toBeUndefined();
		expect(items).toHaveLength(100);
		expect(emulator.counters.tokenRequests).toBe(1);
	});

	test('an expired token costs exactly one new exchange and one retry', async () => {
		const harness = harnessFor();
		await run(harness, AlteryxGet, listWorkflows);
		emulator.expireAllTokens();
		const before = emulator.requests.length;
		const { items, error } = await run(harness, AlteryxGet, listWorkflows);
		expect(error).toBeUndefined();
		expect(items.length).toBeGreaterThan(3);
		const sequence = emulator.requests
			.slice(before)
			.map((entry) => `${entry.method} ${entry.path} ${entry.status}`);
		expect(sequence).toEqual([
			'GET /webapi/v3/workflows 401',
			'POST /webapi/oauth2/token 200',
			'GET /webapi/v3/workflows 200',
		]);
	});

	test('a token that expires between executions (1 s lifetime) is refreshed transparently', async () => {
		emulator.configure({ tokenTtlSeconds: 1 });
		const harness = harnessFor();
		await run(harness, AlteryxGet, listWorkflows);
		await new Promise((resolve) => setTimeout(resolve, 1200));
		const { error } = await run(harness, AlteryxGet, listWorkflows);
		expect(error).toBeUndefined();
		expect(emulator.counters.tokenRequests).toBe(2);
	});

	test('20 parallel requests that all meet the expired token share one new token', async () => {
		const harness = harnessFor();
		await run(harness, AlteryxGet, listWorkflows);
		emulator.expireAllTokens();
		const before = emulator.counters.tokenRequests;
		const { items, error } = await run(harness, AlteryxGet, {
			parameters: {
				endpoint: 'v3/workflows/66ebd18d3d62000400000001',
				options: { batching: { batch: { batchSize: 20, batchInterval: 0 } } },
			},
			items: Array.from({ length: 20 }, () => ({})),
		});
		expect(error).toBeUndefined();
		expect(items).toHaveLength(20);
		expect(emulator.counters.tokenRequests - before).toBe(1);
	});

	test('an edited secret is used once Alteryx Server refuses the stored token (n8n keeps it on an edit)', async () => {
		const harness = harnessFor();
		await run(harness, AlteryxGet, listWorkflows);
		const stored = harness.storedCredentials();
		expect(stored.oauthTokenData.access_token).toMatch(/.{16,}/);

		// The user edits the credential; n8n keeps oauthTokenData on every edit
		// (CredentialsService.prepareUpdateData), and an OAuth2 type has no hook to compare it
		// with the edited fields: the stored token is used while the server accepts it.
		harness.setCredentials({ ...stored, apiAccessSecret: 'typo-in-the-new-secret' });
		const stale = await run(harness, AlteryxGet, listWorkflows);
		expect(stale.error).toBeUndefined();
		expect(emulator.counters.tokenRequests).toBe(1);

		// Once the server refuses it (expired or revoked), the edited secret is what is sent.
		emulator.expireAllTokens();
		const wrong = await run(harness, AlteryxGet, listWorkflows);
		expect(wrong.error.message).toMatch(/rejected the API Access Key or Secret/);
		expect(JSON.stringify(wrong.error)).not.toContain('typo-in-the-new-secret');

		harness.setCredentials({
			...harness.storedCredentials(),
			apiAccessSecret: emulator.credentials.curator.clientSecret,
			authentication: 'body',
		});
		const before = emulator.counters.tokenRequests;
		const right = await run(harness, AlteryxGet, listWorkflows);
		expect(right.error).toBeUndefined();
		expect(emulator.counters.tokenRequests).toBe(before + 1);
		expect(emulator.counters.tokenRequestsByAuth.body).toBe(1);
	});

	test('a multipart upload that meets an expired token is sent again, whole', async () => {
		const harness = harnessFor();
		await run(harness, AlteryxGet, listWorkflows);
		emulator.expireAllTokens();
		const packageBytes = Buffer.from('PK\u0003\u0004 pretend package bytes for retry');
		const { items, error } = await run(harness, AlteryxPost, {
			parameters: uploadParameters(emulator.credentials.curator.userId, 'Retry Upload'),
			items: [await binaryItem(packageBytes, 'retry.yxzp')],
		});
		expect(error).toBeUndefined();
		expect(items[0].json.id).toMatch(/^[0-9a-f]{24}$/);
		const uploads = requestsTo(emulator, 'POST', '/webapi/v3/workflows');
		expect(uploads.map((entry) => entry.status)).toEqual([401, 200]);
		expect(uploads[0].bodyBytes).toBe(uploads[1].bodyBytes);
		expect(emulator.counters.tokenRequests).toBe(2);
		const stored = emulator.state.workflows.get(items[0].json.id);
		expect(stored).toBeDefined();
	});
});

describe('no header steers a request of the Alteryx nodes to another origin', () => {
	// The Web API answers `302 Location: /webapi/v3/workflows` (relative). follow-redirects,
	// which n8n's helpers use, resolves it against a Host header and keeps the Authorization
	// header for that "same host": the token would reach the other listener. (The HTTP Request
	// node is checked in real n8n: test/e2e/16-credential-outcomes.e2e.test.js.)
	let otherOrigin;
	beforeAll(async () => {
		otherOrigin = await startOtherOrigin();
	});
	afterAll(async () => {
		await otherOrigin.close();
	});
	beforeEach(() => {
		otherOrigin.log.length = 0;
		emulator.injectFault({
			method: 'GET',
			path: '/webapi/v3/workflows',
			status: 302,
			headers: { Location: '/webapi/v3/workflows' },
		});
	});
	const apiCalls = () => emulator.requests.filter((entry) => entry.path !== '/webapi/oauth2/token');

	test.each(['Host', 'host', 'X-Forwarded-Host', 'Forwarded'])(
		'a %s header is refused, nothing reaches either server',
		async (name) => {
			const value =
				name === 'Forwarded'
					? `host=127.0.0.1:${otherOrigin.port}`
					: `127.0.0.1:${otherOrigin.port}`;
			const { error } = await run(harnessFor(), AlteryxGet, {
				parameters: {
					endpoint: 'v3/workflows',
					sendHeaders: true,
					headerParameters: { parameters: [{ name, value }] },
				},
			});
			expect(error?.message).toBe(`The header "${name}" cannot be set here`);
			expect(otherOrigin.log).toEqual([]);
			expect(apiCalls()).toEqual([]);
		},
	);

	test('without the header the same request follows the redirect on the Web API', async () => {
		const { items, error } = await run(harnessFor(), AlteryxGet, listWorkflows);
		expect(error).toBeUndefined();
		expect(items.length).toBeGreaterThan(0);
		expect(
			apiCalls().map((entry) => [entry.path, entry.status, entry.headers.authorization]),
		).toEqual([
			['/webapi/v3/workflows', 302, 'Bearer'],
			['/webapi/v3/workflows', 200, 'Bearer'],
		]);
		expect(otherOrigin.log).toEqual([]);
	});
});

describe('a Web API Address with a user name or password', () => {
	test('is refused by the Alteryx nodes before anything is sent', async () => {
		const { error } = await run(
			harnessFor({
				webApiUrl: emulator.webApiUrl.replace('http://', 'http://alteryx-user:alteryx-password@'),
			}),
			AlteryxGet,
			listWorkflows,
		);
		expect(error?.message).toMatch(/^The Web API Address must not contain a user name or password/);
		expect(JSON.stringify(error)).not.toContain('alteryx-password');
		expect(emulator.requests).toEqual([]);
	});
});

function closedPort() {
	return new Promise((resolve) => {
		const server = net.createServer();
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address();
			server.close(() => resolve(port));
		});
	});
}
