'use strict';
// The Alteryx Server Authenticate node: what the Server API Authenticate macro outputs.
const { AlteryxAuthenticate } = require('../../nodes/AlteryxAuthenticate/AlteryxAuthenticate.node');
const { AlteryxGet } = require('../../nodes/AlteryxGet/AlteryxGet.node');
const { run, startServerAndHarness } = require('./helpers');

let emulator;
let harness;

beforeAll(async () => {
	({ emulator, harness } = await startServerAndHarness({ tokenTtlSeconds: 1800 }));
});
afterAll(async () => {
	await emulator.close();
});
beforeEach(() => {
	emulator.reset();
});

test('adds baseURL, a ready Authorization value, the expiry and expiresIn to every input item', async () => {
	const started = Date.now();
	const { items } = await run(harness, AlteryxAuthenticate, {
		items: [{ json: { ticket: 1 } }, { json: { ticket: 2 } }],
	});
	expect(items).toHaveLength(2);
	for (const [index, item] of items.entries()) {
		expect(item.pairedItem).toEqual({ item: index });
		expect(item.json.ticket).toBe(index + 1);
		expect(item.json.baseURL).toBe(emulator.webApiUrl);
		expect(item.json.authorizationToken).toMatch(/^Bearer \S{16,}$/);
		expect(item.json.expiresIn).toBe(1800);
		const expiry = Date.parse(item.json.tokenExpiration);
		expect(item.json.tokenExpiration).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
		expect(expiry - started).toBeGreaterThanOrEqual(1800 * 1000 - 1000);
		expect(expiry - Date.now()).toBeLessThanOrEqual(1800 * 1000);
		expect(item.json).not.toHaveProperty('base64KeySecret');
	}
});

test('one token exchange per run, whatever the number of items, and the token works', async () => {
	const { items } = await run(harness, AlteryxAuthenticate, {
		items: Array.from({ length: 100 }, (_, index) => ({ json: { index } })),
	});
	expect(items).toHaveLength(100);
	expect(emulator.counters.tokenRequests).toBe(1);
	expect(new Set(items.map((item) => item.json.authorizationToken)).size).toBe(1);

	const response = await fetch(`${items[0].json.baseURL}v3/workflows`, {
		headers: { Authorization: items[0].json.authorizationToken },
	});
	expect(response.status).toBe(200);
});

test('the baseURL always ends with a slash, like the macro’s', async () => {
	harness.setCredentials({
		...harness.storedCredentials(),
		webApiUrl: emulator.webApiUrl.replace(/\/$/, ''),
	});
	try {
		const { items } = await run(harness, AlteryxAuthenticate, {});
		expect(items[0].json.baseURL).toBe(emulator.webApiUrl);
	} finally {
		harness.setCredentials({ ...harness.storedCredentials(), webApiUrl: emulator.webApiUrl });
	}
});

test('the base64 key+secret appears only when explicitly asked for', async () => {
	const { clientId, clientSecret } = emulator.credentials.curator;
	const { items } = await run(harness, AlteryxAuthenticate, {
		parameters: { options: { includeBase64KeySecret: true } },
	});
	expect(items[0].json.base64KeySecret).toBe(
		Buffer.from(`${clientId}:${clientSecret}`).toString('base64'),
	);
	const option = new AlteryxAuthenticate().description.properties
		.find((property) => property.name === 'options')
		.options.find((property) => property.name === 'includeBase64KeySecret');
	expect(option.default).toBe(false);
	expect(option.description).toMatch(/WARNING/);
});

test('a rejected secret fails the node with a clear message, without the secret', async () => {
	const saved = harness.storedCredentials();
	harness.setCredentials({ ...saved, apiAccessSecret: 'not-the-secret-XYZ' });
	try {
		const { error } = await run(harness, AlteryxAuthenticate, {});
		expect(error.constructor.name).toBe('NodeApiError');
		expect(error.message).toMatch(/rejected the API Access Key or Secret/);
		expect(JSON.stringify(error)).not.toContain('not-the-secret-XYZ');

		const { items } = await run(harness, AlteryxAuthenticate, {
			items: [{ json: { a: 1 } }, { json: { a: 2 } }],
			continueOnFail: true,
		});
		expect(items).toHaveLength(2);
		expect(items[1]).toMatchObject({
			json: { error: expect.stringMatching(/rejected/) },
			pairedItem: { item: 1 },
		});
	} finally {
		harness.setCredentials(saved);
	}
});

test('the other nodes do not need it: they authenticate by themselves', async () => {
	const { items } = await run(harness, AlteryxGet, { parameters: { endpoint: 'v3/workflows' } });
	expect(items.length).toBeGreaterThan(0);
});

test('every node of the pack is offered as an AI tool except Authenticate, whose output is a live token, and the triggers', () => {
	const { nodes } = require('../../package.json').n8n;
	const usableAsTool = Object.fromEntries(
		nodes.map((file) => {
			const source = file.replace(/^dist\//, '../../').replace(/\.js$/, '');
			const [NodeClass] = Object.values(require(source));
			const { description } = new NodeClass();
			return [description.name, description.usableAsTool === true];
		}),
	);
	expect(usableAsTool).toEqual({
		alteryxAuthenticate: false,
		alteryxGet: true,
		alteryxPost: true,
		alteryxPut: true,
		alteryxDelete: true,
		alteryxServer: true,
		alteryxGallery: true,
		alteryxCloud: true,
		// A trigger starts workflows; n8n offers no triggers to an AI Agent.
		alteryxServerTrigger: false,
		alteryxCloudTrigger: false,
	});
});

// A token endpoint's `expires_in` of 1e13 made `new Date(…).toISOString()` throw
// "RangeError: Invalid time value" outside any item's try/catch.
test.each([
	['1e13 seconds', 1e13],
	['a negative number', -60],
	['zero', 0],
	['half a second', 0.5],
	['more than a year', 366 * 24 * 3600],
	['text', 'soon'],
	['null', null],
])('an expires_in of %s is taken as the default hour', async (_label, expiresIn) => {
	emulator.injectFault({
		path: '/webapi/oauth2/token',
		status: 200,
		body: { access_token: 'token-with-odd-lifetime', token_type: 'bearer', expires_in: expiresIn },
	});
	const started = Date.now();
	const { items, error } = await run(harness, AlteryxAuthenticate, {
		items: [{ json: { a: 1 } }, { json: { a: 2 } }],
		continueOnFail: true,
	});
	expect(error).toBeUndefined();
	expect(items).toHaveLength(2);
	for (const item of items) {
		expect(item.json.error).toBeUndefined();
		expect(item.json.authorizationToken).toBe('Bearer token-with-odd-lifetime');
		expect(item.json.expiresIn).toBe(3600);
		const expiry = Date.parse(item.json.tokenExpiration);
		expect(expiry - started).toBeGreaterThanOrEqual(3600 * 1000 - 1000);
		expect(expiry - Date.now()).toBeLessThanOrEqual(3600 * 1000);
	}
});

test('an expires_in within 1 s to 1 year is kept', async () => {
	emulator.injectFault({
		path: '/webapi/oauth2/token',
		status: 200,
		body: { access_token: 'token-for-a-year', token_type: 'bearer', expires_in: '31536000' },
	});
	const { items } = await run(harness, AlteryxAuthenticate, {});
	expect(items[0].json.expiresIn).toBe(31536000);
});

test('a cancelled execution stops a token request the server trickles, at once and without retries', async () => {
	emulator.injectFault({
		path: '/webapi/oauth2/token',
		kind: 'trickle',
		durationMs: 30_000,
		times: Infinity,
	});
	const tokenRequests = () =>
		emulator.requests.filter((entry) => /oauth2\/token$/.test(entry.path));
	const cancel = new AbortController();
	// Cancelled once the token request is being trickled (its 60 s deadline is far away).
	const watcher = setInterval(() => {
		if (tokenRequests().length > 0) {
			clearInterval(watcher);
			setTimeout(() => cancel.abort(), 300);
		}
	}, 20);
	const started = Date.now();
	const { error } = await run(harness, AlteryxAuthenticate, { abortSignal: cancel.signal });
	clearInterval(watcher);
	expect(Date.now() - started).toBeLessThan(10_000);
	expect(error.message).toBe('The execution was cancelled');
	expect(tokenRequests()).toHaveLength(1);
});
