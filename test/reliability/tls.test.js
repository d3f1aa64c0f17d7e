'use strict';
// TLS: the emulator over HTTPS with a self-signed certificate made for this test. By default
// every node fails with a clear certificate error that names the way out; with the
// credential's Ignore SSL Issues switch the token exchange, the API calls and the Authenticate
// node succeed. Neither changes Node's global TLS behaviour.
const fs = require('node:fs');
const https = require('node:https');
const os = require('node:os');
const path = require('node:path');

const { AlteryxAuthenticate } = require('../../nodes/AlteryxAuthenticate/AlteryxAuthenticate.node');
const { AlteryxGet } = require('../../nodes/AlteryxGet/AlteryxGet.node');
const { AlteryxPost } = require('../../nodes/AlteryxPost/AlteryxPost.node');
const { generateSelfSignedCertificate } = require('../emulator/https');
const {
	SALES_FORECAST,
	expectActionable,
	freshHarness,
	run,
	startTrackedEmulator,
	tokenRequests,
} = require('./helpers');
const { createRecorder } = require('./recorder');

const recorder = createRecorder('tls');
const TLS_MESSAGE = /The TLS certificate of https:\/\/127\.0\.0\.1:\d+ was rejected/;
const TLS_ADVICE =
	/DEPTH_ZERO_SELF_SIGNED_CERT.*self-signed.*NODE_EXTRA_CA_CERTS.*Ignore SSL Issues/s;

let emulator;
let certificateDirectory;
let handshakeFailures = 0;
const globalsBefore = {
	rejectUnauthorized: process.env.NODE_TLS_REJECT_UNAUTHORIZED,
	extraCaCerts: process.env.NODE_EXTRA_CA_CERTS,
	globalAgentOptions: JSON.stringify(https.globalAgent.options),
};

beforeAll(async () => {
	certificateDirectory = fs.mkdtempSync(path.join(os.tmpdir(), 'alteryx-tls-'));
	const tls = generateSelfSignedCertificate(certificateDirectory);
	emulator = await startTrackedEmulator({ tls });
	emulator.server.on('tlsClientError', () => handshakeFailures++);
});
afterAll(async () => {
	await emulator.close();
	fs.rmSync(certificateDirectory, { recursive: true, force: true });
	recorder.save();
});
// A refused handshake reaches the server's tlsClientError a moment after the client gave up.
const settle = () => new Promise((resolve) => setTimeout(resolve, 50));

beforeEach(async () => {
	await settle();
	emulator.reset();
	handshakeFailures = 0;
});
afterEach(() => {
	const globalChange = !globalsUnchanged();
	recorder.tls({ globalChange });
	recorder.absorb(emulator);
	recorder.requests(handshakeFailures);
});

function globalsUnchanged() {
	return (
		process.env.NODE_TLS_REJECT_UNAUTHORIZED === globalsBefore.rejectUnauthorized &&
		process.env.NODE_EXTRA_CA_CERTS === globalsBefore.extraCaCerts &&
		JSON.stringify(https.globalAgent.options) === globalsBefore.globalAgentOptions
	);
}

const strict = () => freshHarness(emulator);
const insecure = () => freshHarness(emulator, { ignoreSSLIssues: true });

test('the emulator really serves HTTPS with a certificate Node does not trust', async () => {
	expect(emulator.webApiUrl).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/webapi\/$/);
	await expect(fetch(`${emulator.webApiUrl}swagger/docs/3`)).rejects.toMatchObject({
		cause: { code: 'DEPTH_ZERO_SELF_SIGNED_CERT' },
	});
});

describe('by default the certificate is checked', () => {
	test('GET: a certificate error that names the certificate and the Ignore SSL Issues switch, not retried', async () => {
		const { error } = await run(strict(), AlteryxGet, {
			parameters: { endpoint: 'v3/workflows', options: { maxRetryWait: 0.05 } },
		});
		expectActionable(error, TLS_MESSAGE, TLS_ADVICE);
		// One handshake: a certificate does not get better by asking again.
		await settle();
		expect(handshakeFailures).toBe(1);
		expect(emulator.requests).toHaveLength(0);
	});

	test('POST: the same error, and no job', async () => {
		const { error } = await run(strict(), AlteryxPost, {
			parameters: {
				endpoint: `v3/workflows/${SALES_FORECAST}/jobs`,
				sendBody: true,
				jsonBody: '{}',
			},
		});
		expectActionable(error, TLS_MESSAGE, TLS_ADVICE);
		expect(emulator.counters.jobEnqueues).toBe(0);
	});

	test('Authenticate node: the same error', async () => {
		const { error } = await run(strict(), AlteryxAuthenticate, {});
		expectActionable(error, TLS_MESSAGE, TLS_ADVICE);
		await settle();
		expect(handshakeFailures).toBe(1);
	});

	test('Continue On Fail: the certificate error on every item', async () => {
		const { items } = await run(strict(), AlteryxGet, {
			parameters: { endpoint: 'v3/workflows' },
			items: [{ a: 1 }, { a: 2 }],
			continueOnFail: true,
		});
		expect(items.map((item) => item.pairedItem.item)).toEqual([0, 1]);
		for (const item of items) {
			expect(item.json.error).toMatch(TLS_MESSAGE);
			expect(item.json.details.description).toMatch(/Ignore SSL Issues/);
		}
	});
});

describe('Ignore SSL Issues on', () => {
	test('GET: the token exchange and the API call succeed', async () => {
		const { items, error } = await run(insecure(), AlteryxGet, {
			parameters: { endpoint: 'v3/workflows' },
		});
		expect(error).toBeUndefined();
		expect(items.length).toBeGreaterThan(3);
		expect(tokenRequests(emulator)).toHaveLength(1);
		await settle();
		expect(handshakeFailures).toBe(0);
	});

	test('POST: the job is queued once', async () => {
		const { items, error } = await run(insecure(), AlteryxPost, {
			parameters: {
				endpoint: `v3/workflows/${SALES_FORECAST}/jobs`,
				sendBody: true,
				jsonBody: '{}',
			},
		});
		expect(error).toBeUndefined();
		expect(items[0].json.status).toBe('Queued');
		expect(emulator.counters.jobEnqueues).toBe(1);
	});

	test('Authenticate node: a token for the HTTPS address', async () => {
		const { items, error } = await run(insecure(), AlteryxAuthenticate, {});
		expect(error).toBeUndefined();
		expect(items[0].json.baseURL).toBe(emulator.webApiUrl);
		expect(items[0].json.authorizationToken).toMatch(/^Bearer \S+$/);
	});

	test('a token that expires is refreshed over TLS too', async () => {
		const harness = insecure();
		expect(
			(await run(harness, AlteryxGet, { parameters: { endpoint: 'v3/workflows' } })).error,
		).toBeUndefined();
		emulator.expireAllTokens();
		expect(
			(await run(harness, AlteryxGet, { parameters: { endpoint: 'v3/workflows' } })).error,
		).toBeUndefined();
		expect(tokenRequests(emulator)).toHaveLength(2);
	});
});

describe('no global TLS setting changes', () => {
	test('after insecure runs, a strict credential still fails and plain clients still refuse the certificate', async () => {
		expect(
			(await run(insecure(), AlteryxGet, { parameters: { endpoint: 'v3/workflows' } })).error,
		).toBeUndefined();
		expect((await run(insecure(), AlteryxAuthenticate, {})).error).toBeUndefined();

		// The switch belongs to one credential: the next strict run is checked again.
		const { error } = await run(strict(), AlteryxGet, { parameters: { endpoint: 'v3/workflows' } });
		expect(error.message).toMatch(TLS_MESSAGE);

		expect(process.env.NODE_TLS_REJECT_UNAUTHORIZED).toBe(globalsBefore.rejectUnauthorized);
		expect(process.env.NODE_EXTRA_CA_CERTS).toBe(globalsBefore.extraCaCerts);
		expect(JSON.stringify(https.globalAgent.options)).toBe(globalsBefore.globalAgentOptions);
		await expect(fetch(`${emulator.webApiUrl}swagger/docs/3`)).rejects.toMatchObject({
			cause: { code: 'DEPTH_ZERO_SELF_SIGNED_CERT' },
		});
		await expect(
			new Promise((resolve, reject) => {
				https.get(`${emulator.webApiUrl}swagger/docs/3`, resolve).on('error', reject);
			}),
		).rejects.toMatchObject({ code: 'DEPTH_ZERO_SELF_SIGNED_CERT' });
	});
});
