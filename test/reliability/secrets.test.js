'use strict';
// The API secret never appears in output items, error messages, descriptions, the serialised
// error or n8n's logs, for every node and every failure path jest can provoke; the bearer token
// appears only in the Authenticate node's output. Each run is searched for the secret (plain,
// URL-encoded, base64, and the base64 "key:secret" of the Basic header) and every token the
// emulator issued.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { AlteryxAuthenticate } = require('../../nodes/AlteryxAuthenticate/AlteryxAuthenticate.node');
const { AlteryxDelete } = require('../../nodes/AlteryxDelete/AlteryxDelete.node');
const { AlteryxGet } = require('../../nodes/AlteryxGet/AlteryxGet.node');
const { AlteryxPost } = require('../../nodes/AlteryxPost/AlteryxPost.node');
const { AlteryxPut } = require('../../nodes/AlteryxPut/AlteryxPut.node');
const { generateSelfSignedCertificate } = require('../emulator/https');
const { createHarness } = require('../harness');
const {
	ADA,
	SALES_FORECAST,
	captureLogs,
	closedPort,
	errorPlaces,
	findLeaks,
	itemPlaces,
	run,
	startTrackedEmulator,
} = require('./helpers');
const { createRecorder } = require('./recorder');

const recorder = createRecorder('secrets');
const WRONG_SECRET = 'wrong-secret-Zq8!x@y#1/2+3=';
const MISSING = '000000000000000000000000';
const SCHEDULES = ['66ebd18d3d62000700000001', '66ebd18d3d62000700000002'];
const HTML = { 'Content-Type': 'text/html' };

let emulator;
let tlsEmulator;
let certificateDirectory;
let unreachableUrl;

beforeAll(async () => {
	emulator = await startTrackedEmulator();
	certificateDirectory = fs.mkdtempSync(path.join(os.tmpdir(), 'alteryx-secrets-tls-'));
	tlsEmulator = await startTrackedEmulator({
		tls: generateSelfSignedCertificate(certificateDirectory),
	});
	unreachableUrl = `http://127.0.0.1:${await closedPort()}/webapi/`;
});
afterAll(async () => {
	await emulator.close();
	await tlsEmulator.close();
	fs.rmSync(certificateDirectory, { recursive: true, force: true });
	recorder.save();
});
afterEach(() => {
	recorder.absorb(emulator);
	recorder.absorb(tlsEmulator);
});

const collectionId = () => [...emulator.state.collections.keys()][0];

/** What each node is asked to do when nothing goes wrong. */
const NODES = {
	GET: {
		NodeClass: AlteryxGet,
		parameters: () => ({ endpoint: `v3/workflows/${SALES_FORECAST}` }),
	},
	POST: {
		NodeClass: AlteryxPost,
		parameters: () => ({
			endpoint: `v3/workflows/${SALES_FORECAST}/jobs`,
			sendBody: true,
			jsonBody: '{"questions": []}',
		}),
	},
	PUT: {
		NodeClass: AlteryxPut,
		parameters: () => ({
			endpoint: `v3/collections/${collectionId()}`,
			sendBody: true,
			jsonBody: JSON.stringify({ name: 'Renamed', ownerId: ADA }),
		}),
	},
	DELETE: {
		NodeClass: AlteryxDelete,
		parameters: () => ({ endpoint: '=v3/schedules/{{ $json.schedule }}' }),
	},
	Authenticate: { NodeClass: AlteryxAuthenticate, parameters: () => ({}) },
};

const endpointFor = {
	GET: (endpoint) => ({ endpoint }),
	POST: (endpoint) => ({ endpoint }),
	PUT: (endpoint) => ({ endpoint }),
	DELETE: (endpoint) => ({ endpoint }),
	Authenticate: () => ({}),
};

/**
 * Failure paths: { name, server?, credentials?, user?, setup?, parameters? (node → overrides) }.
 * Verb nodes retry at most once, quickly, to keep the matrix fast.
 */
const SCENARIOS = [
	{ name: 'success' },
	{
		name: 'wrong secret (Basic header)',
		credentials: { clientSecret: WRONG_SECRET },
		authenticateFails: true,
	},
	{
		name: 'wrong secret (form body)',
		credentials: { clientSecret: WRONG_SECRET, authentication: 'body' },
		authenticateFails: true,
	},
	{ name: 'user without API access (401)', user: 'noApi' },
	{
		name: '400 with field messages',
		setup: (server) =>
			server.injectFault({
				path: /\/webapi\/v3\//,
				status: 400,
				times: Infinity,
				body: {
					message: 'The request is invalid.',
					modelState: { 'contract.name': ['The Name field is required.'] },
				},
			}),
	},
	{
		name: '404',
		parameters: {
			GET: endpointFor.GET(`v3/workflows/${MISSING}`),
			POST: endpointFor.POST(`v3/workflows/${MISSING}/jobs`),
			PUT: endpointFor.PUT(`v3/collections/${MISSING}`),
			DELETE: endpointFor.DELETE(`v3/collections/${MISSING}`),
		},
	},
	{
		name: '503 that does not stop',
		setup: (server) => server.injectFault({ path: /\/webapi\/v3\//, status: 503, times: Infinity }),
	},
	{
		name: 'connection reset',
		setup: (server) =>
			server.injectFault({ path: /\/webapi\/v3\//, kind: 'reset', times: Infinity }),
	},
	{
		name: 'no answer (timeout)',
		setup: (server) =>
			server.injectFault({ path: /\/webapi\/v3\//, kind: 'hang', times: Infinity }),
	},
	{
		name: 'answer cut off',
		setup: (server) =>
			server.injectFault({
				path: /\/webapi\/v3\//,
				kind: 'truncated',
				status: 200,
				headers: { 'Content-Type': 'application/json' },
				body: { id: SALES_FORECAST, name: 'Sales Forecast', note: 'x'.repeat(200) },
				times: Infinity,
			}),
	},
	{
		name: 'HTML login page',
		setup: (server) =>
			server.injectFault({
				path: /\/webapi\/v3\//,
				status: 200,
				headers: HTML,
				body: '<html><form>Sign in</form></html>',
				times: Infinity,
			}),
	},
	{
		name: 'malformed JSON',
		setup: (server) =>
			server.injectFault({
				path: /\/webapi\/v3\//,
				status: 200,
				headers: { 'Content-Type': 'application/json' },
				body: '{"id": "6',
				times: Infinity,
			}),
	},
	{
		name: 'token endpoint down (503)',
		setup: (server) =>
			server.injectFault({ path: '/webapi/oauth2/token', status: 503, times: Infinity }),
		authenticateFails: true,
	},
	{
		name: 'token endpoint drops the connection',
		setup: (server) =>
			server.injectFault({ path: '/webapi/oauth2/token', kind: 'reset', times: Infinity }),
		authenticateFails: true,
	},
	{ name: 'server unreachable', webApiUrl: () => unreachableUrl, authenticateFails: true },
	{ name: 'TLS certificate rejected', server: () => tlsEmulator, authenticateFails: true },
	{
		name: 'hostile endpoint',
		parameters: {
			GET: endpointFor.GET('https://evil.example.com/webapi/v3/workflows'),
			POST: endpointFor.POST('//evil.example.com/x'),
			PUT: endpointFor.PUT('../../admin'),
			DELETE: endpointFor.DELETE('v3/x\r\nX-Injected: 1'),
		},
	},
	{
		name: 'invalid JSON body',
		parameters: { POST: { jsonBody: '{"name": "x",}' }, PUT: { jsonBody: "{'name': 'x'}" } },
	},
];

const CASES = SCENARIOS.flatMap((scenario) =>
	Object.keys(NODES).map((node) => [scenario.name, node, scenario]),
);

describe('the secret and the token stay out of outputs, errors and logs', () => {
	test.each(CASES)('%s — %s node', async (_, nodeName, scenario) => {
		const server = scenario.server ? scenario.server() : emulator;
		server.reset();
		scenario.setup?.(server);
		const user = server.credentials[scenario.user ?? 'curator'];
		const credentials = {
			webApiUrl: scenario.webApiUrl ? scenario.webApiUrl() : server.webApiUrl,
			clientId: user.clientId,
			clientSecret: user.clientSecret,
			authentication: 'header',
			...scenario.credentials,
		};
		const { NodeClass, parameters } = NODES[nodeName];
		const options =
			nodeName === 'Authenticate'
				? { options: { maxRetryWait: 0.01 } }
				: { options: { maxRetries: 1, maxRetryWait: 0.01, timeout: 150 } };

		for (const continueOnFail of [false, true]) {
			const harness = createHarness(credentials);
			const logs = captureLogs();
			let result;
			try {
				result = await run(harness, NodeClass, {
					parameters: { ...parameters(), ...scenario.parameters?.[nodeName], ...options },
					items: SCHEDULES.map((schedule, n) => ({ json: { n, schedule } })),
					continueOnFail,
				});
			} finally {
				logs.restore();
			}

			const secrets = {
				'API secret': credentials.clientSecret,
				'curator secret': emulator.credentials.curator.clientSecret,
				'Basic key:secret': `${credentials.clientId}:${credentials.clientSecret}`,
			};
			const tokens = Object.fromEntries(
				[...emulator.issuedTokens, ...tlsEmulator.issuedTokens].map((token, index) => [
					`token ${index}`,
					token,
				]),
			);
			const everywhere = {
				...errorPlaces(result.error),
				...Object.fromEntries(logs.lines.map((line, index) => [`log[${index}]`, line])),
				...Object.fromEntries(
					harness.warnings.map((line, index) => [`warning[${index}]`, String(line)]),
				),
			};
			const outputs = itemPlaces(result.items);
			const found = [
				...findLeaks(secrets, { ...everywhere, ...outputs }),
				...findLeaks(
					tokens,
					nodeName === 'Authenticate' ? everywhere : { ...everywhere, ...outputs },
				),
			].map((leak) => ({
				...leak,
				where: `${scenario.name}, ${nodeName}, continueOnFail ${continueOnFail}: ${leak.where}`,
			}));
			recorder.leakCheck(Object.keys(everywhere).length + Object.keys(outputs).length, found);
			expect(found).toEqual([]);

			// The run did fail (or succeed) the way the scenario says, so the search had something to search.
			const fails =
				nodeName === 'Authenticate'
					? scenario.authenticateFails === true
					: scenario.name !== 'success' &&
						(!scenario.parameters || nodeName in scenario.parameters);
			if (!fails) {
				expect(result.error).toBeUndefined();
			} else {
				if (continueOnFail) {
					expect(result.items.some((item) => item.json.error !== undefined)).toBe(true);
				} else {
					expect(result.error).toBeDefined();
				}
			}
		}
	});

	test('the Authenticate node’s output has the token (and only it): the search does find what is there', async () => {
		emulator.reset();
		const { clientId, clientSecret } = emulator.credentials.curator;
		const harness = createHarness({ webApiUrl: emulator.webApiUrl, clientId, clientSecret });
		const { items } = await run(harness, AlteryxAuthenticate, {});
		const token = emulator.issuedTokens.at(-1);
		const outputs = itemPlaces(items);
		expect(findLeaks({ token }, outputs)).toEqual([{ secret: 'token', where: 'item[0]' }]);
		const found = findLeaks(
			{ secret: clientSecret, 'Basic key:secret': `${clientId}:${clientSecret}` },
			outputs,
		);
		recorder.leakCheck(Object.keys(outputs).length, found);
		expect(found).toEqual([]);
	});

	test('Include Base64 Key+Secret is the one, opt-in, documented exception', async () => {
		emulator.reset();
		const { clientId, clientSecret } = emulator.credentials.curator;
		const harness = createHarness({ webApiUrl: emulator.webApiUrl, clientId, clientSecret });
		const { items } = await run(harness, AlteryxAuthenticate, {
			parameters: { options: { includeBase64KeySecret: true } },
		});
		expect(items[0].json.base64KeySecret).toBe(
			Buffer.from(`${clientId}:${clientSecret}`).toString('base64'),
		);
		const description = new AlteryxAuthenticate().description.properties
			.find((property) => property.name === 'options')
			.options.find((option) => option.name === 'includeBase64KeySecret');
		expect(description.default).toBe(false);
		expect(description.description).toMatch(/WARNING/);
	});

	test('the search itself finds a planted secret in every encoding', () => {
		const secret = 'pl@nted secret/+=';
		const found = findLeaks(
			{ secret },
			{
				plain: `x ${secret} y`,
				url: `?s=${encodeURIComponent(secret)}`,
				base64: Buffer.from(secret).toString('base64'),
				clean: 'nothing here',
			},
		);
		expect(found.map((leak) => leak.where).sort()).toEqual(['base64', 'plain', 'url']);
	});
});
