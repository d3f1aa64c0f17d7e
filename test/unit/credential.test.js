'use strict';
// The credential as n8n uses it: token exchange (header and body client authentication),
// reuse across items and executions, one refresh and one retry on 401 (also for uploads),
// coalesced exchanges for parallel items, and plain-words failures.
const net = require('node:net');

const { AlteryxServerOAuth2Api } = require('../../credentials/AlteryxServerOAuth2Api.credentials');
const { AlteryxGet } = require('../../nodes/AlteryxGet/AlteryxGet.node');
const { AlteryxPost } = require('../../nodes/AlteryxPost/AlteryxPost.node');
const { credentialFingerprint } = require('../../nodes/transport/token');
const { NodeApiError } = require('n8n-workflow');
const { startEmulator } = require('../emulator');
const { startOtherOrigin } = require('../emulator/other-origin');
const { createHarness, httpRequestNodeOptions, signingNode } = require('../harness');
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
	const { clientId, clientSecret } = emulator.credentials.curator;
	return createHarness({
		webApiUrl: emulator.webApiUrl,
		clientId,
		clientSecret,
		authentication: 'header',
		...overrides,
	});
}

const listWorkflows = { parameters: { endpoint: 'v3/workflows' } };

describe('credential fields', () => {
	test('keeps the public field names saved credentials depend on', () => {
		expect(credentialType.name).toBe('alteryxServerOAuth2Api');
		expect(credentialType.properties.map((property) => property.name)).toEqual([
			'webApiUrl',
			'clientId',
			'clientSecret',
			'authentication',
			'ignoreSSLIssues',
			'accessToken',
			'tokenIssuedFor',
		]);
		const byName = Object.fromEntries(credentialType.properties.map((p) => [p.name, p]));
		expect(byName.clientId.displayName).toBe('API Access Key');
		expect(byName.clientSecret.displayName).toBe('API Access Secret');
		expect(byName.clientSecret.typeOptions.password).toBe(true);
		expect(byName.authentication.default).toBe('header');
		expect(byName.ignoreSSLIssues.default).toBe(false);
		expect(byName.accessToken).toMatchObject({ type: 'hidden', typeOptions: { expirable: true } });
	});

	test('the Test button checks a real V3 call and explains a denied one', () => {
		expect(credentialType.test.request).toMatchObject({ url: 'v3/workflows' });
		const rule401 = credentialType.test.rules.find((rule) => rule.properties.value === 401);
		expect(rule401.properties.message).toMatch(/API Access/);
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
		const { error } = await run(harnessFor({ clientSecret: secret }), AlteryxGet, listWorkflows);
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
		const { error } = await run(harnessFor({ clientId, clientSecret }), AlteryxGet, listWorkflows);
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
		expect(harness.storedCredentials().accessToken).toMatch(/.{16,}/);

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

	test('a secret changed while the stored token is still valid is checked at the next call', async () => {
		const harness = harnessFor();
		await run(harness, AlteryxGet, listWorkflows);
		const stored = harness.storedCredentials();
		expect(stored.tokenIssuedFor).toMatch(/^[0-9a-f]{64}$/);

		// The user edits the credential: n8n keeps the hidden token fields.
		harness.setCredentials({ ...stored, clientSecret: 'typo-in-the-new-secret' });
		const wrong = await run(harness, AlteryxGet, listWorkflows);
		expect(wrong.error.message).toMatch(/rejected the API Access Key or Secret/);

		harness.setCredentials({
			...stored,
			clientSecret: emulator.credentials.curator.clientSecret,
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

describe('token failures wrapped by n8n core', () => {
	// The HTTP Request node and the credential Test wrap what preAuthentication throws in a
	// NodeApiError themselves; it must keep the plain-words headline.
	const node = {
		name: 'HTTP Request',
		type: 'n8n-nodes-base.httpRequest',
		typeVersion: 4,
		position: [0, 0],
		parameters: {},
	};
	const fetchRequester = async (options) => {
		const response = await fetch(options.url, {
			method: options.method,
			headers: options.headers,
			body: options.body,
		});
		return {
			statusCode: response.status,
			headers: Object.fromEntries(response.headers),
			body: await response.text(),
		};
	};

	test.each([
		[
			'a rejected secret',
			() => ({
				webApiUrl: emulator.webApiUrl,
				clientId: emulator.credentials.curator.clientId,
				clientSecret: 'nope',
			}),
			/rejected the API Access Key or Secret/,
		],
		[
			'an unreachable server',
			async () => ({
				webApiUrl: `http://127.0.0.1:${await closedPort()}/webapi/`,
				clientId: 'k',
				clientSecret: 's',
			}),
			/unreachable/,
		],
	])('%s keeps its headline', async (_, settings, headline) => {
		const error = await credentialType.preAuthentication
			.call({ helpers: { httpRequest: fetchRequester } }, await settings())
			.catch((failure) => failure);
		expect(error.message).toMatch(headline);
		const wrapped = new NodeApiError(node, error);
		expect(wrapped.message).toBe(error.message);
		expect(wrapped.description).toBe(error.description);
	});
});

describe('authenticate() keeps the token on the configured server', () => {
	const settings = {
		webApiUrl: 'https://alteryx.example.com/webapi/',
		clientId: 'key',
		clientSecret: 'secret',
		authentication: 'header',
		ignoreSSLIssues: false,
	};
	const credentials = {
		...settings,
		accessToken: 'the-token',
		tokenIssuedFor: credentialFingerprint(settings),
	};

	test('does not send a token issued for another key, secret or address', async () => {
		for (const changed of [
			{ clientSecret: 'new-secret' },
			{ clientId: 'other-key' },
			{ authentication: 'body' },
			{ tokenIssuedFor: undefined },
		]) {
			const options = await credentialType.authenticate(
				{ ...credentials, ...changed },
				{ url: 'https://alteryx.example.com/webapi/v3/workflows', headers: { Authorization: 'x' } },
			);
			expect(options.headers.Authorization).toBeUndefined();
		}
	});

	test('adds the bearer token for the same origin', async () => {
		const options = await credentialType.authenticate(credentials, {
			url: 'https://alteryx.example.com/webapi/v3/workflows',
		});
		expect(options.headers.Authorization).toBe('Bearer the-token');
		expect(options.sendCredentialsOnCrossOriginRedirect).toBe(false);
	});

	test.each([
		'https://evil.example.com/webapi/v3/workflows',
		'http://alteryx.example.com/webapi/v3/workflows',
		'https://alteryx.example.com:8443/webapi/v3/workflows',
		'//evil.example.com/x',
	])('refuses %s', async (url) => {
		await expect(credentialType.authenticate(credentials, { url })).rejects.toThrow(
			/Refusing to send the Alteryx Server token/,
		);
	});

	test.each([
		['Host', 'evil.example.com'],
		['host', 'evil.example.com:443'],
		['HOST', 'alteryx.example.com'],
		['X-Forwarded-Host', 'evil.alteryx.example.com'],
		['x-forwarded-host', 'evil.example.com'],
		['Forwarded', 'host=evil.example.com;proto=https'],
	])('refuses a %s header, naming it and its value', async (name, value) => {
		for (const target of [
			{ url: 'https://alteryx.example.com/webapi/v3/workflows' },
			{ uri: 'https://alteryx.example.com/webapi/v3/workflows' },
		]) {
			await expect(
				credentialType.authenticate(credentials, { ...target, headers: { [name]: value } }),
			).rejects.toThrow(
				`Refusing to send the Alteryx Server token with the header "${name}: ${value}": it can send the request or its redirects to another server than the Web API Address of the credential (https://alteryx.example.com). Remove the header.`,
			);
		}
	});

	test('keeps the other headers of the request', async () => {
		const headers = {
			Accept: 'application/json',
			'X-Hostname': 'a',
			'X-Forwarded-For': '10.0.0.1',
		};
		const options = await credentialType.authenticate(credentials, {
			uri: 'https://alteryx.example.com/webapi/v3/workflows',
			headers,
		});
		expect(options.headers).toEqual({ ...headers, Authorization: 'Bearer the-token' });
	});

	test('understands the HTTP Request node (uri, baseURL)', async () => {
		const viaUri = await credentialType.authenticate(credentials, {
			uri: 'https://alteryx.example.com/webapi/v3/users',
		});
		expect(viaUri.headers.Authorization).toBe('Bearer the-token');
		const viaBase = await credentialType.authenticate(credentials, {
			baseURL: 'https://alteryx.example.com/webapi',
			url: '/v3/users',
		});
		expect(viaBase.headers.Authorization).toBe('Bearer the-token');
	});

	test('Ignore SSL Issues applies to API calls too', async () => {
		const insecure = { ...settings, ignoreSSLIssues: true };
		const options = await credentialType.authenticate(
			{ ...insecure, accessToken: 'the-token', tokenIssuedFor: credentialFingerprint(insecure) },
			{ url: 'https://alteryx.example.com/webapi/v3/workflows' },
		);
		expect(options.skipSslCertificateValidation).toBe(true);
	});
});

describe('no header steers a signed request to another origin', () => {
	// The Web API answers `302 Location: /webapi/v3/workflows` (relative). follow-redirects,
	// which n8n's helpers use, resolves it against a Host header and keeps the Authorization
	// header for that "same host": the token would reach the other listener.
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

	const requests = {
		'the HTTP Request node (requestWithAuthentication, uri)': (headers) =>
			signingNode(
				'requestWithAuthentication',
				httpRequestNodeOptions(`${emulator.webApiUrl}v3/workflows`, headers),
			),
		'a node using httpRequestWithAuthentication (url)': (headers) =>
			signingNode('httpRequestWithAuthentication', {
				method: 'GET',
				url: `${emulator.webApiUrl}v3/workflows`,
				headers,
			}),
	};
	const apiCalls = () => emulator.requests.filter((entry) => entry.path !== '/webapi/oauth2/token');

	test.each(Object.keys(requests))(
		'%s: a Host header is refused, nothing reaches either server',
		async (caller) => {
			const host = `127.0.0.1:${otherOrigin.port}`;
			const { error } = await run(harnessFor(), requests[caller]({ Host: host }));
			expect(error?.message).toBe(
				`Refusing to send the Alteryx Server token with the header "Host: ${host}": it can send the request or its redirects to another server than the Web API Address of the credential (${new URL(emulator.webApiUrl).origin}). Remove the header.`,
			);
			expect(otherOrigin.log).toEqual([]);
			expect(apiCalls()).toEqual([]);
		},
	);

	test.each(Object.keys(requests))(
		'%s: without the header the same request follows the redirect on the Web API',
		async (caller) => {
			const { items, error } = await run(harnessFor(), requests[caller]({}));
			expect(error).toBeUndefined();
			expect(items).toHaveLength(1);
			expect(
				apiCalls().map((entry) => [entry.path, entry.status, entry.headers.authorization]),
			).toEqual([
				['/webapi/v3/workflows', 302, 'Bearer'],
				['/webapi/v3/workflows', 200, 'Bearer'],
			]);
			expect(otherOrigin.log).toEqual([]);
		},
	);
});

describe('a Web API Address with a user name or password', () => {
	const withUserInfo = () =>
		emulator.webApiUrl.replace('http://', 'http://alteryx-user:alteryx-password@');

	test.each([
		['an Alteryx node', () => AlteryxGet],
		[
			'the HTTP Request node',
			() =>
				signingNode(
					'requestWithAuthentication',
					httpRequestNodeOptions(`${emulator.webApiUrl}v3/workflows`, {}),
				),
		],
	])('is refused by %s before anything is sent', async (_, nodeClass) => {
		const { error } = await run(
			harnessFor({ webApiUrl: withUserInfo() }),
			nodeClass(),
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
