'use strict';
// The API secret never appears in output items, error messages, descriptions, the serialised
// error or n8n's logs, for every node and every failure path jest can provoke; the bearer token
// appears only in the Authenticate node's output. Each run is searched for the secret (plain,
// URL-encoded, base64, and the base64 "key:secret" of the Basic header) and every token the
// emulator issued. A server that echoes the request back (its headers, the token request's
// form or Basic header) gets "[redacted]" where the echo was.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { AlteryxAuthenticate } = require('../../nodes/AlteryxAuthenticate/AlteryxAuthenticate.node');
const { AlteryxDelete } = require('../../nodes/AlteryxDelete/AlteryxDelete.node');
const { AlteryxGet } = require('../../nodes/AlteryxGet/AlteryxGet.node');
const { AlteryxPost } = require('../../nodes/AlteryxPost/AlteryxPost.node');
const { AlteryxPut } = require('../../nodes/AlteryxPut/AlteryxPut.node');
const { AlteryxServer } = require('../../nodes/AlteryxServer/AlteryxServer.node');
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
		credentials: { apiAccessSecret: WRONG_SECRET },
		authenticateFails: true,
	},
	{
		name: 'wrong secret (form body)',
		credentials: { apiAccessSecret: WRONG_SECRET, authentication: 'body' },
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
		// The only scenario that waits for the Timeout; the others get a generous one, so a busy
		// machine does not turn a success into a timeout.
		timeoutMs: 150,
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

/** Verb nodes retry at most once, quickly, to keep the matrices fast. */
function quickOptions(nodeName, verbOptions) {
	if (nodeName === 'Authenticate') return { options: { maxRetryWait: 0.01 } };
	if (nodeName === 'Alteryx Server') return {};
	return { options: { maxRetries: 1, maxRetryWait: 0.01, ...verbOptions } };
}

/**
 * Runs the node on two items and returns its result with every string a user could see: of
 * the error and n8n's logs (`everywhere`) and of the output items (`outputs`).
 */
async function runAndCollect(credentials, NodeClass, parameters, continueOnFail) {
	const harness = createHarness(credentials);
	const logs = captureLogs();
	let result;
	try {
		result = await run(harness, NodeClass, {
			parameters,
			items: SCHEDULES.map((schedule, n) => ({ json: { n, schedule } })),
			continueOnFail,
		});
	} finally {
		logs.restore();
	}
	const everywhere = {
		...errorPlaces(result.error),
		...Object.fromEntries(logs.lines.map((line, index) => [`log[${index}]`, line])),
		...Object.fromEntries(
			harness.warnings.map((line, index) => [`warning[${index}]`, String(line)]),
		),
	};
	return { result, everywhere, outputs: itemPlaces(result.items) };
}

/** The run failed (or succeeded) the way the scenario says, so the search had something to search. */
function expectOutcome(result, fails, continueOnFail) {
	if (!fails) {
		expect(result.error).toBeUndefined();
	} else if (continueOnFail) {
		expect(result.items.some((item) => item.json.error !== undefined)).toBe(true);
	} else {
		expect(result.error).toBeDefined();
	}
}

describe('the secret and the token stay out of outputs, errors and logs', () => {
	test.each(CASES)('%s — %s node', async (_, nodeName, scenario) => {
		const server = scenario.server ? scenario.server() : emulator;
		server.reset();
		scenario.setup?.(server);
		const user = server.credentials[scenario.user ?? 'curator'];
		const credentials = {
			webApiUrl: scenario.webApiUrl ? scenario.webApiUrl() : server.webApiUrl,
			apiAccessKey: user.clientId,
			apiAccessSecret: user.clientSecret,
			authentication: 'header',
			...scenario.credentials,
		};
		const { NodeClass, parameters } = NODES[nodeName];
		const options = quickOptions(nodeName, { timeout: scenario.timeoutMs ?? 10_000 });

		for (const continueOnFail of [false, true]) {
			const { result, everywhere, outputs } = await runAndCollect(
				credentials,
				NodeClass,
				{ ...parameters(), ...scenario.parameters?.[nodeName], ...options },
				continueOnFail,
			);

			const secrets = {
				'API secret': credentials.apiAccessSecret,
				'curator secret': emulator.credentials.curator.clientSecret,
				'Basic key:secret': `${credentials.apiAccessKey}:${credentials.apiAccessSecret}`,
			};
			const tokens = Object.fromEntries(
				[...emulator.issuedTokens, ...tlsEmulator.issuedTokens].map((token, index) => [
					`token ${index}`,
					token,
				]),
			);
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
			expectOutcome(result, fails, continueOnFail);
		}
	});

	test('the Authenticate node’s output has the token (and only it): the search does find what is there', async () => {
		emulator.reset();
		const { clientId, clientSecret } = emulator.credentials.curator;
		const harness = createHarness({
			webApiUrl: emulator.webApiUrl,
			apiAccessKey: clientId,
			apiAccessSecret: clientSecret,
		});
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
		const harness = createHarness({
			webApiUrl: emulator.webApiUrl,
			apiAccessKey: clientId,
			apiAccessSecret: clientSecret,
		});
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

// A secret with characters that percent-encoding, form-encoding and base64 each spell differently.
const ECHO_SECRET = 'echo Secret/+=!~(x)9#&%Zq';

/** What an echoing server saw: the Authorization header and the raw body it received. */
const received = (ctx) => ({
	authorization: ctx.headers.authorization,
	body: ctx.rawBody.toString('utf8'),
});
/** The secret a token request carried (Basic header or form), as the server decoded it. */
const secretOf = (ctx) => {
	const basic = /^Basic\s+(\S+)/i.exec(ctx.headers.authorization ?? '');
	if (basic) return Buffer.from(basic[1], 'base64').toString('utf8').split(':').slice(1).join(':');
	return new URLSearchParams(ctx.rawBody.toString('utf8')).get('client_secret');
};
const API = /\/webapi\/v3\//;
const TOKEN_ENDPOINT = '/webapi/oauth2/token';
const VERBS = ['GET', 'POST', 'PUT', 'DELETE'];
const ECHO_NODES = {
	...NODES,
	'Alteryx Server': {
		NodeClass: AlteryxServer,
		parameters: () => ({
			resource: 'workflow',
			operation: 'get',
			workflowId: { __rl: true, mode: 'id', value: SALES_FORECAST },
		}),
	},
};

/**
 * Echo paths: { name, nodes, fault (the emulator fault), credentials?, options? (verb nodes),
 * fails (the node fails), shown (the echo is quoted somewhere, so "[redacted]" must appear) }.
 */
const ECHOES = [
	{
		name: 'API 400 echoing the request headers (JSON)',
		nodes: [...VERBS, 'Alteryx Server'],
		fault: {
			path: API,
			status: 400,
			body: (ctx) => ({
				message: `Invalid header Authorization: ${ctx.headers.authorization}`,
				modelState: { 'request.authorization': [`${ctx.headers.authorization} is not valid`] },
				receivedHeaders: ctx.headers,
			}),
		},
	},
	{
		name: 'API 500 echoing the request as text',
		nodes: [...VERBS, 'Alteryx Server'],
		fault: {
			path: API,
			status: 500,
			body: (ctx) => `${ctx.method} ${ctx.path}\r\nAuthorization: ${ctx.headers.authorization}`,
		},
	},
	{
		// Without "Bearer " in front: only knowing the token obtained for this request finds it.
		name: 'API 400 quoting the bare token',
		nodes: [...VERBS, 'Alteryx Server'],
		fault: {
			path: API,
			status: 400,
			body: (ctx) => ({
				message: `The token ${ctx.headers.authorization.replace(/^Bearer\s+/i, '')} is not valid here`,
			}),
		},
	},
	{
		name: 'API 400 quoting client_secret=… in text',
		nodes: [...VERBS, 'Alteryx Server'],
		fault: {
			path: API,
			status: 400,
			body: () =>
				`Rejected: grant_type=client_credentials&client_secret=${encodeURIComponent(ECHO_SECRET)}`,
		},
	},
	{
		name: 'API 400 quoting the base64 key:secret in text',
		nodes: [...VERBS, 'Alteryx Server'],
		fault: {
			path: API,
			status: 400,
			body: () =>
				`Rejected Basic ${Buffer.from(`${curatorKey()}:${ECHO_SECRET}`).toString('base64')}`,
		},
	},
	{
		name: 'Never Error output of a 400 echoing the request',
		nodes: VERBS,
		options: { neverError: true },
		fails: false,
		fault: {
			path: API,
			status: 400,
			body: (ctx) => ({ message: 'Invalid request', ...received(ctx) }),
		},
	},
	{
		name: 'Include Response Headers and Status of a 200 echoing the request',
		nodes: VERBS,
		options: { fullResponse: true },
		fails: false,
		fault: {
			path: API,
			status: 200,
			headers: (ctx) => ({ 'X-Echo-Authorization': ctx.headers.authorization }),
			body: (ctx) => ({ echo: received(ctx) }),
		},
	},
	{
		name: 'a 200 text answer echoing the request',
		nodes: [...VERBS, 'Alteryx Server'],
		fails: false,
		fault: {
			path: API,
			status: 200,
			body: (ctx) => `Authorization: ${ctx.headers.authorization}`,
		},
	},
	{
		name: 'token endpoint 400 with the secret as `error`',
		fault: { path: TOKEN_ENDPOINT, status: 400, body: (ctx) => ({ error: secretOf(ctx) }) },
	},
	{
		name: 'token endpoint 500 with client_secret=… in `message`',
		credentials: { authentication: 'body' },
		fault: {
			path: TOKEN_ENDPOINT,
			status: 500,
			body: (ctx) => ({ message: `Could not parse ${ctx.rawBody.toString('utf8')}` }),
		},
	},
	{
		name: 'token endpoint 500 with the base64 key:secret in `message`',
		fault: {
			path: TOKEN_ENDPOINT,
			status: 500,
			body: (ctx) => ({ message: `Unexpected Authorization: ${ctx.headers.authorization}` }),
		},
	},
	{
		// Today's messages do not quote `error_description`: this guards a future one that does.
		name: 'token endpoint 400 with the secret in `error_description`',
		shown: false,
		fault: {
			path: TOKEN_ENDPOINT,
			status: 400,
			body: (ctx) => ({ error: 'invalid_grant', error_description: `secret ${secretOf(ctx)}` }),
		},
	},
];

const curatorKey = () => emulator.credentials.curator.clientId;

const ECHO_CASES = ECHOES.flatMap((echo) =>
	(echo.nodes ?? Object.keys(ECHO_NODES)).map((node) => [echo.name, node, echo]),
);

describe('a server that echoes the request gets [redacted] where the secret or token was', () => {
	test.each(ECHO_CASES)('%s — %s node', async (_, nodeName, echo) => {
		emulator.reset();
		emulator.state.users.get(emulator.credentials.curator.userId).apiSecret = ECHO_SECRET;
		emulator.injectFault({ ...echo.fault, times: Infinity });
		const credentials = {
			webApiUrl: emulator.webApiUrl,
			apiAccessKey: curatorKey(),
			apiAccessSecret: ECHO_SECRET,
			authentication: 'header',
			...echo.credentials,
		};
		const { NodeClass, parameters } = ECHO_NODES[nodeName];
		const options = quickOptions(nodeName, { timeout: 1000, ...echo.options });
		const echoedBefore = emulator.counters.faultsInjected;

		for (const continueOnFail of [false, true]) {
			const { result, everywhere, outputs } = await runAndCollect(
				credentials,
				NodeClass,
				{ ...parameters(), ...options },
				continueOnFail,
			);

			const secrets = {
				'API secret': ECHO_SECRET,
				'API secret (form-encoded)': new URLSearchParams({ s: ECHO_SECRET }).toString().slice(2),
				'Basic key:secret': `${credentials.apiAccessKey}:${ECHO_SECRET}`,
				...Object.fromEntries(
					emulator.issuedTokens.map((token, index) => [`token ${index}`, token]),
				),
			};
			const places = { ...everywhere, ...outputs };
			const found = findLeaks(secrets, places).map((leak) => ({
				...leak,
				where: `echo: ${echo.name}, ${nodeName}, continueOnFail ${continueOnFail}: ${leak.where}`,
			}));
			recorder.leakCheck(Object.keys(places).length, found);
			expect(found).toEqual([]);

			expectOutcome(result, echo.fails !== false, continueOnFail);
			// The echo did reach the user, redacted (not silently dropped): in the error, or in
			// the items (error items under Continue On Fail).
			const shownTo = echo.fails === false || continueOnFail ? outputs : errorPlaces(result.error);
			const shownIn = Object.entries(shownTo)
				.filter(([, text]) => text.includes('[redacted]'))
				.map(([where]) => where);
			if (echo.shown !== false) expect(shownIn).not.toEqual([]);
		}
		recorder.fault(
			'server echoing the request (secret, token)',
			emulator.counters.faultsInjected - echoedBefore,
		);
	});
});
