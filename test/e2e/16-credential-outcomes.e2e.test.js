'use strict';
// Issue 9's required outcomes for the credential as shipped (alteryxServerOAuth2Api, design A of
// docs/decisions/0003: extends oAuth2Api, client-credentials grant), measured in a real n8n 2.41.1
// with the packed pack, through the core HTTP Request node and the pack's Alteryx Server node,
// against emulators that log every request.
//
// Two executions (`n8n execute`) and one `n8n start` for the editor's REST API:
//   1. every runtime scenario, one node each (`executeOnce`, "continue on error"); a request
//      carries its scenario in its URL (`n8nScenario=…`, the Alteryx Server node in its Name
//      filter), and each emulator's log is split by it (credential-scenarios.js). A scenario that
//      starts with a token exchange gets an emulator of its own.
//   2. the editor: what it receives (/types/*.json), the Test button, and two edits of saved
//      credentials that hold a token (read with includeData, change, PATCH, as the editor does).
//   3. the runs after those edits.
// Faults: the emulator's hooks (`status`; `slow` = the server does the work and answers after the
// node's 1 s timeout); "expired" = a request to a hook that expires every token of that emulator.
// The table is printed and written to .n8n-e2e/credential-outcomes.json.
const fs = require('fs');
const os = require('os');
const path = require('path');
const h = require('./helpers');
const n8nLib = require('../../scripts/lib/n8n');
const { workRoot } = require('./paths');
const { startOtherOrigin } = require('../emulator/other-origin');
const { generateSelfSignedCertificate } = require('../emulator/https');
const { attribute, offeredCredentialTypes, credentialForm } = require('./credential-scenarios');
const { SEED_IDS } = require('../emulator/seed');

const TYPE = h.CREDENTIAL_TYPE;
const WF = SEED_IDS.workflows;
const WRONG_SECRET = 'n8n-e2e-edited-wrong-secret-5d1c';
const TEST_WRONG_SECRET = 'n8n-e2e-test-wrong-secret-9b7e';

// One emulator per group of scenarios; a credential names its emulator.
const HTTP_SERVERS = [
	'main',
	'headerPack',
	'bodyHttp',
	'bodyPack',
	'editSecret',
	'editAddressHttpOld',
	'editAddressPackOld',
	'editAddressNew',
	'testButton',
];
const TLS_SERVERS = ['tlsIgnoreHttp', 'tlsIgnorePack', 'tlsStrict'];
const CREDENTIALS = {
	main: { server: 'main' },
	headerPack: { server: 'headerPack' },
	bodyHttp: { server: 'bodyHttp', authentication: 'body' },
	bodyPack: { server: 'bodyPack', authentication: 'body' },
	tlsIgnoreHttp: { server: 'tlsIgnoreHttp', ignoreSSLIssues: true },
	tlsIgnorePack: { server: 'tlsIgnorePack', ignoreSSLIssues: true },
	tlsStrictHttp: { server: 'tlsStrict' },
	tlsStrictPack: { server: 'tlsStrict' },
	editSecret: { server: 'editSecret' },
	editAddressHttp: { server: 'editAddressHttpOld' },
	editAddressPack: { server: 'editAddressPackOld' },
};

const servers = {};
const issuedBy = new Map(); // token → the emulator that issued it (kept in memory only)
const presented = {}; // emulator → [{ url, issuer }] of every bearer token it received
let otherOrigin;
let certDir;
let instance;
const records = [];
const results = { runs: {}, editor: {}, test: {}, edits: {} };

const credId = (name) => `outcomes${name[0].toUpperCase()}${name.slice(1)}`;
const cred = (name) => ({ id: credId(name), name: `Outcomes ${name}` });

function scenarioUrl(base, apiPath, scenario) {
	return `${base}${apiPath}${apiPath.includes('?') ? '&' : '?'}n8nScenario=${scenario}`;
}

// The core HTTP Request node, Authentication = Predefined Credential Type.
function httpNode(scenario, credential, method, url, opts) {
	opts = opts || {};
	return h.core(
		'httpRequest',
		opts.version || 4.2,
		scenario,
		{
			method,
			url,
			authentication: 'predefinedCredentialType',
			nodeCredentialType: TYPE,
			...(method === 'POST'
				? { sendBody: true, contentType: 'json', specifyBody: 'json', jsonBody: '{}' }
				: {}),
			...(opts.host
				? {
						sendHeaders: true,
						specifyHeaders: 'keypair',
						headerParameters: { parameters: [{ name: 'Host', value: opts.host }] },
					}
				: {}),
			options: opts.options || {},
		},
		// executeOnce: a list answer upstream must not multiply the requests of the next scenario;
		// alwaysOutputData: an empty list must not stop the chain.
		{
			credentials: { [TYPE]: cred(credential) },
			onError: 'continueRegularOutput',
			executeOnce: true,
			alwaysOutputData: true,
		},
	);
}

// The pack's Alteryx Server node: Workflow → Get Many, the scenario in the Name filter.
function packNode(scenario, credential) {
	return h.alteryx(
		'server',
		scenario,
		{
			resource: 'workflow',
			operation: 'getAll',
			returnAll: false,
			limit: 1,
			filters: { name: `n8nScenario=${scenario}` },
		},
		cred(credential),
		{ onError: 'continueRegularOutput', executeOnce: true, alwaysOutputData: true },
	);
}

// What each node returned: 'ok' or 'error: <message> — <description>'.
function outcomes(res, nodes) {
	const runData =
		(res.execution &&
			res.execution.data &&
			res.execution.data.resultData &&
			res.execution.data.resultData.runData) ||
		{};
	const out = {};
	for (const node of nodes) {
		const run = (runData[node.name] || [])[0];
		if (!run) {
			out[node.name] = 'did not run';
			continue;
		}
		const item = run.data && run.data.main && run.data.main[0] && run.data.main[0][0];
		const error = run.error || (item && item.json && item.json.error);
		if (!error) out[node.name] = 'ok';
		else {
			const message = typeof error === 'string' ? error : error.message;
			const description = typeof error === 'object' && error.description;
			out[node.name] = `error: ${message}${description ? ` — ${description}` : ''}`;
		}
	}
	return out;
}

// Run a workflow; every emulator's requests (and the other origin's) split per scenario.
async function execute(id, nodes) {
	const starts = Object.fromEntries(
		Object.entries(servers).map(([n, s]) => [n, s.requests.length]),
	);
	const otherStart = otherOrigin.log.length;
	const res = await instance.execute(id);
	const byServer = {};
	for (const [name, server] of Object.entries(servers)) {
		const entries = server.requests.slice(starts[name]);
		if (entries.length) byServer[name] = attribute(entries, { firstOwnsLeading: true });
	}
	const other = {};
	for (const hit of otherOrigin.log.slice(otherStart)) {
		const tag = new URL(hit.url, 'http://x').searchParams.get('n8nScenario') || 'untagged';
		const bearer = /^Bearer /i.test(hit.headers.authorization || '');
		(other[tag] = other[tag] || []).push({
			bearer,
			issuer: bearer ? issuedBy.get(hit.headers.authorization.slice(7)) || 'unknown' : null,
		});
	}
	return { code: res.code, byServer, otherOrigin: other, outputs: outcomes(res, nodes) };
}

// One scenario of a run: its counts on one emulator, the other origin's hits and the node's result.
function seen(run, server, scenario) {
	const b = (run.byServer[server] || {})[scenario] || {
		api: 0,
		token: 0,
		probe: 0,
		statuses: [],
		tokenStatuses: [],
		bearerTo: [],
	};
	return { ...b, other: run.otherOrigin[scenario] || [], output: run.outputs[scenario] };
}

function table() {
	const lines = [];
	for (const [runName, run] of Object.entries(results.runs)) {
		for (const [server, scenarios] of Object.entries(run.byServer))
			for (const [scenario, b] of Object.entries(scenarios))
				lines.push(
					`${runName}\t${server}\t${scenario}\tapi ${b.api} [${b.statuses.join(',')}]\ttoken ${b.token}${b.tokenAuth ? ` (${b.tokenAuth.join(',')}; ${b.tokenStatuses.join(',')})` : ''}\tbearer→ ${[...new Set(b.bearerTo)].join(',')}\t${run.outputs[scenario] || ''}`,
				);
		for (const [scenario, hits] of Object.entries(run.otherOrigin))
			lines.push(`${runName}\totherOrigin\t${scenario}\t${JSON.stringify(hits)}`);
		for (const [scenario, output] of Object.entries(run.outputs))
			if (!Object.values(run.byServer).some((s) => s[scenario]) && !run.otherOrigin[scenario])
				lines.push(`${runName}\t(no request)\t${scenario}\t${output}`);
	}
	for (const key of ['editor', 'test', 'edits'])
		lines.push(`${key}\t${JSON.stringify(results[key])}`);
	return lines.join('\n');
}

beforeAll(async () => {
	const state = h.loadState();
	const { startEmulator } = require('../emulator');
	certDir = fs.mkdtempSync(path.join(os.tmpdir(), 'outcomes-cert-'));
	const tls = generateSelfSignedCertificate(certDir);
	for (const name of [...HTTP_SERVERS, ...TLS_SERVERS]) {
		const server = await startEmulator({
			host: '127.0.0.1',
			port: 0,
			...(TLS_SERVERS.includes(name) ? { tls } : {}),
		});
		// Which emulator issued a token, and which tokens each emulator was shown.
		const issue = server.tokens.issue.bind(server.tokens);
		server.tokens.issue = (...args) => {
			const token = issue(...args);
			issuedBy.set(token, name);
			return token;
		};
		presented[name] = [];
		server.server.prependListener('request', (req) => {
			const match = /^Bearer (\S+)/i.exec(req.headers.authorization || '');
			if (match)
				presented[name].push({ url: req.url, issuer: issuedBy.get(match[1]) || 'unknown' });
		});
		servers[name] = server;
	}
	otherOrigin = await startOtherOrigin();
	const baseDir = path.join(workRoot, 'instances');
	fs.mkdirSync(baseDir, { recursive: true });
	instance = await n8nLib.createInstance({
		n8n: state.n8nInstall,
		packageDir: state.packageDir,
		userFolder: fs.mkdtempSync(path.join(baseDir, 'credential-outcomes-')),
	});
	const key = servers.main.credentials.curator;
	for (const [name, c] of Object.entries(CREDENTIALS)) {
		records.push({
			...cred(name),
			type: TYPE,
			data: {
				webApiUrl: servers[c.server].webApiUrl,
				apiAccessKey: key.clientId,
				apiAccessSecret: key.clientSecret,
				authentication: c.authentication || 'header',
				...(c.ignoreSSLIssues ? { ignoreSSLIssues: true } : {}),
			},
		});
	}
	await instance.importCredentials(records);
});

afterAll(async () => {
	if (instance) await instance.dispose({ keep: process.env.E2E_KEEP === 'true' });
	for (const server of Object.values(servers)) await server.close();
	if (otherOrigin) await otherOrigin.close();
	if (certDir) fs.rmSync(certDir, { recursive: true, force: true });
	fs.mkdirSync(workRoot, { recursive: true });
	fs.writeFileSync(
		path.join(workRoot, 'credential-outcomes.json'),
		JSON.stringify(results, null, 2),
	);
	process.stderr.write(`\n[credential outcomes]\n${table()}\n`);
});

// ---- 1. the runtime scenarios ---------------------------------------------------------------

const jobsOf = (server, workflowId) =>
	[...servers[server].state.jobs.values()].filter((job) => job.workflowId === workflowId).length;

describe('through the core HTTP Request node and the Alteryx Server node', () => {
	let run;
	const jobsBefore = {};
	const jobsAfter = {};

	beforeAll(async () => {
		const main = servers.main;
		const api = main.webApiUrl;
		const otherBase = `http://127.0.0.1:${otherOrigin.port}/webapi/`;
		const localhost = api.replace('127.0.0.1', 'localhost');
		const fault = (method, p, spec) =>
			main.injectFault({ method, path: `/webapi/${p}`, times: 1, ...spec });
		fault('POST', `v3/workflows/${WF.salesForecast}/jobs`, { status: 500 });
		fault('GET', `v3/workflows/${WF.salesForecast}`, { status: 500 });
		fault('POST', `v3/workflows/${WF.dailySalesEtl}/jobs`, { kind: 'slow', delayMs: 3000 });
		fault('GET', `v3/workflows/${WF.dailySalesEtl}`, { kind: 'slow', delayMs: 3000 });
		const notFound = { status: 404, body: { message: 'Not found' } };
		fault('POST', `v3/workflows/${WF.customerCleanse}/jobs`, notFound);
		fault('GET', `v3/workflows/${WF.customerCleanse}`, notFound);
		// Between two nodes of one execution, every token the emulator issued expires.
		const expire = { status: 200, body: () => (main.expireAllTokens(), {}), times: 2 };
		main.injectFault({ method: 'GET', path: '/webapi/n8n-e2e/expire', ...expire });
		const redirect = (p, location) =>
			fault('GET', `n8n-e2e/${p}`, { status: 302, headers: { Location: location } });
		redirect('to-localhost', `${localhost}v3/workflows?n8nScenario=redirectLocalhostTarget`);
		for (const v of ['42', '45']) {
			redirect(`to-port-${v}`, `${otherBase}v3/workflows?n8nScenario=redirectPort${v}Target`);
			// A relative Location: follow-redirects resolves it against the request's Host header.
			redirect(`host-evil-${v}`, `/webapi/v3/workflows?n8nScenario=hostEvil${v}Target`);
			redirect(`host-port-${v}`, `/webapi/v3/workflows?n8nScenario=hostPort${v}Target`);
		}
		const slow = { timeout: 1000 };
		const M = (scenario, method, p, opts) =>
			httpNode(scenario, 'main', method, scenarioUrl(api, p, scenario), opts);
		const tagged = (scenario, base, p) => scenarioUrl(base, p, scenario);
		const nodes = [
			M('warm', 'GET', 'v3/workflows'),
			M('post500', 'POST', `v3/workflows/${WF.salesForecast}/jobs`),
			M('get500', 'GET', `v3/workflows/${WF.salesForecast}`),
			M('postTimeout', 'POST', `v3/workflows/${WF.dailySalesEtl}/jobs`, { options: slow }),
			M('getTimeout', 'GET', `v3/workflows/${WF.dailySalesEtl}`, { options: slow }),
			M('post404', 'POST', `v3/workflows/${WF.customerCleanse}/jobs`),
			M('get404', 'GET', `v3/workflows/${WF.customerCleanse}`),
			M('expire1', 'GET', 'n8n-e2e/expire'),
			M('post401', 'POST', `v3/workflows/${WF.salesForecast}/jobs`),
			M('expire2', 'GET', 'n8n-e2e/expire'),
			M('get401', 'GET', `v3/workflows/${WF.salesForecast}`),
			httpNode('localhost', 'main', 'GET', tagged('localhost', localhost, 'v3/workflows')),
			M('redirectLocalhost', 'GET', 'n8n-e2e/to-localhost'),
		];
		for (const v of ['42', '45']) {
			const version = Number(`${v[0]}.${v[1]}`);
			const port = `127.0.0.1:${otherOrigin.port}`;
			nodes.push(
				httpNode(
					`otherPort${v}`,
					'main',
					'GET',
					tagged(`otherPort${v}`, otherBase, 'v3/workflows'),
					{
						version,
					},
				),
				M(`redirectPort${v}`, 'GET', `n8n-e2e/to-port-${v}`, { version }),
				M(`hostEvil${v}`, 'GET', `n8n-e2e/host-evil-${v}`, { version, host: 'evil.example' }),
				M(`hostPort${v}`, 'GET', `n8n-e2e/host-port-${v}`, { version, host: port }),
			);
		}
		const on = (scenario, credential, kind) =>
			kind === 'pack'
				? packNode(scenario, credential)
				: httpNode(
						scenario,
						credential,
						'GET',
						scenarioUrl(
							servers[CREDENTIALS[credential].server].webApiUrl,
							'v3/workflows',
							scenario,
						),
					);
		nodes.push(
			on('headerPack', 'headerPack', 'pack'),
			on('bodyHttp', 'bodyHttp', 'http'),
			on('bodyPack', 'bodyPack', 'pack'),
			on('tlsIgnoreHttp', 'tlsIgnoreHttp', 'http'),
			on('tlsIgnorePack', 'tlsIgnorePack', 'pack'),
			on('tlsStrictHttp', 'tlsStrictHttp', 'http'),
			on('tlsStrictPack', 'tlsStrictPack', 'pack'),
			// Tokens stored for the credentials edited later.
			on('editSecretWarm', 'editSecret', 'http'),
			on('editAddressHttpWarm', 'editAddressHttp', 'http'),
			on('editAddressPackWarm', 'editAddressPack', 'pack'),
		);
		await instance.importWorkflow(h.chain('outcomesRun', 'e2e: credential outcomes', nodes));
		for (const id of [WF.salesForecast, WF.dailySalesEtl, WF.customerCleanse])
			jobsBefore[id] = jobsOf('main', id);
		run = results.runs.main = await execute('outcomesRun', nodes);
		for (const id of Object.keys(jobsBefore)) jobsAfter[id] = jobsOf('main', id) - jobsBefore[id];
		results.runs.main.jobsQueued = jobsAfter;
		main.clearFaults();
	});

	const main = (scenario) => seen(run, 'main', scenario);

	test('the first request fetches one token (Basic header) and succeeds', () => {
		expect(main('warm')).toMatchObject({
			api: 1,
			statuses: [200],
			token: 1,
			tokenAuth: ['header'],
			output: 'ok',
		});
	});

	test.each(['post500', 'get500', 'postTimeout', 'getTimeout', 'post404', 'get404'])(
		'%s: sent exactly once, no token exchange',
		(scenario) => {
			const s = main(scenario);
			expect({ api: s.api, token: s.token, probe: s.probe }).toEqual({
				api: 1,
				token: 0,
				probe: 0,
			});
			expect(s.output).toMatch(/^error: /);
		},
	);

	test('a POST that timed out queued its job once (the server did the work); a 500 or 404 queued none', () => {
		expect(jobsAfter[WF.dailySalesEtl]).toBe(1);
		expect(jobsAfter[WF.customerCleanse]).toBe(0);
		// salesForecast: the 500 queued nothing, post401's resend queued one.
		expect(jobsAfter[WF.salesForecast]).toBe(1);
	});

	test.each(['post401', 'get401'])(
		'%s (the stored token expired on the server): one exchange, one resend',
		(scenario) => {
			expect(main(scenario)).toMatchObject({
				api: 2,
				statuses: [401, 200],
				token: 1,
				tokenStatuses: [200],
				output: 'ok',
			});
		},
	);

	// ---- the token and other origins (the credential's allowlist: `domains`, the Web API host) --

	const DENIED = (host) =>
		`Domain not allowed: This credential is restricted from accessing ${host}. Only the following domains are allowed: 127.0.0.1`;
	const port = () => new URL(servers.main.webApiUrl).port;
	const reached = (scenario) =>
		Object.values(run.byServer).some((s) => s[scenario]) || Boolean(run.otherOrigin[scenario]);

	test('a URL on localhost instead of 127.0.0.1: refused before anything is sent; the allowlist is the Web API host', () => {
		expect(reached('localhost')).toBe(false);
		expect(main('localhost').output).toBe(`error: ${DENIED(`localhost:${port()}`)}`);
	});

	test('a 302 to another origin: the hop is refused', () => {
		expect(main('redirectLocalhost')).toMatchObject({ api: 1, statuses: [302], token: 0 });
		expect(reached('redirectLocalhostTarget')).toBe(false);
		const denied = DENIED(`localhost:${port()}`);
		expect(main('redirectLocalhost').output).toBe(
			`error: Redirected request failed: ${denied} — ${denied}`,
		);
	});

	test.each(['hostEvil42', 'hostEvil45'])(
		'%s: a Host: evil.example header and a relative redirect — the token reaches the Web API under that Host, the hop (resolved against the Host) is refused',
		(scenario) => {
			expect(main(scenario)).toMatchObject({
				api: 1,
				statuses: [302],
				bearerTo: ['evil.example'],
			});
			expect(reached(`${scenario}Target`)).toBe(false);
			const denied = DENIED(`evil.example:${port()}`);
			expect(main(scenario).output).toBe(`error: Redirected request failed: ${denied} — ${denied}`);
		},
	);

	// n8n's allowlist compares host names only: another port of the Web API host is allowed.
	test.each(['otherPort42', 'otherPort45'])(
		'%s: a URL on another port of the Web API host — the token is sent there',
		(scenario) => {
			expect(run.otherOrigin[scenario]).toEqual([{ bearer: true, issuer: 'main' }]);
			expect(main(scenario).output).toBe('ok');
		},
	);

	test('a 302 to another port of the Web API host: v4.2 sends the token along (its default sendCredentialsOnCrossOriginRedirect), v4.5 does not', () => {
		expect(run.otherOrigin.redirectPort42Target).toEqual([{ bearer: true, issuer: 'main' }]);
		expect(run.otherOrigin.redirectPort45Target).toEqual([{ bearer: false, issuer: null }]);
	});

	test.each(['hostPort42', 'hostPort45'])(
		'%s: a Host header naming another port and a relative redirect — the token follows to that port',
		(scenario) => {
			expect(main(scenario)).toMatchObject({ api: 1, statuses: [302] });
			expect(run.otherOrigin[`${scenario}Target`]).toEqual([{ bearer: true, issuer: 'main' }]);
		},
	);

	// ---- client authentication and Ignore SSL Issues -------------------------------------------

	test.each([
		['headerPack', 'header'],
		['bodyHttp', 'body'],
		['bodyPack', 'body'],
		['tlsIgnoreHttp', 'header'],
		['tlsIgnorePack', 'header'],
	])('%s: one token exchange (client authentication: %s), the call succeeds', (scenario, auth) => {
		expect(seen(run, scenario, scenario)).toMatchObject({
			api: 1,
			statuses: [200],
			token: 1,
			tokenAuth: [auth],
			tokenStatuses: [200],
			output: 'ok',
		});
	});

	test('a self-signed server without Ignore SSL Issues: both nodes fail before any request is answered', () => {
		expect(run.byServer.tlsStrict).toBeUndefined();
		expect(run.outputs.tlsStrictHttp).toMatch(
			/^error: Failed to acquire OAuth2 access token: self-signed certificate/,
		);
		expect(run.outputs.tlsStrictPack).toBe(
			`error: The TLS certificate of ${servers.tlsStrict.url} was rejected`,
		);
	});

	test('no node output contains the secret', () => {
		const secret = servers.main.credentials.curator.clientSecret;
		for (const [name, output] of Object.entries(run.outputs))
			expect([name, output.includes(secret)]).toEqual([name, false]);
	});
});

// ---- 2. the editor: what it receives, the Test button, edits ---------------------------------

describe('the editor (n8n start, REST API)', () => {
	let server;
	let cookie;
	let credentialTypes;
	let httpRequestTypes;
	const rest = (method, p, body) =>
		n8nLib.httpRequest(method, `${server.url}${p}`, body, { cookie });

	beforeAll(async () => {
		server = await instance.start();
		cookie = await h.ownerCookie(server, 'Outcomes');
		const types = await rest('GET', '/types/credentials.json');
		const nodes = await rest('GET', '/types/nodes.json');
		credentialTypes = types.json;
		// The versions of the node that have the "Predefined Credential Type" option (v3 and later).
		httpRequestTypes = (nodes.json || []).filter(
			(t) =>
				t.name === 'n8n-nodes-base.httpRequest' &&
				t.properties.some((p) => p.name === 'nodeCredentialType'),
		);
		results.editor.received = {
			credentialTypes: types.status,
			nodeTypes: nodes.status,
			httpRequestVersions: httpRequestTypes.map((t) => t.version).flat(),
		};

		// The Test button, as the editor does it: save the credential, then test it by id with the
		// form's data. Each case: what n8n answered and what the emulator saw.
		const testServer = servers.testButton;
		const curator = testServer.credentials.curator;
		const closed = await n8nLib.freePort();
		const data = (webApiUrl, key, extra) => ({
			webApiUrl,
			apiAccessKey: key.clientId,
			apiAccessSecret: key.clientSecret,
			authentication: 'header',
			...(extra || {}),
		});
		const cases = {
			ok: data(testServer.webApiUrl, curator),
			body: data(testServer.webApiUrl, curator, { authentication: 'body' }),
			wrongSecret: data(testServer.webApiUrl, { ...curator, clientSecret: TEST_WRONG_SECRET }),
			wrongAddress: data(`${testServer.url}/nothing-here/`, curator),
			noApiAccess: data(testServer.webApiUrl, testServer.credentials.noApi),
			unreachable: data(`http://127.0.0.1:${closed}/webapi/`, curator),
			tlsStrict: data(servers.tlsStrict.webApiUrl, curator),
			tlsIgnore: data(servers.tlsStrict.webApiUrl, curator, { ignoreSSLIssues: true }),
		};
		const test = async (name, formData, existingId) => {
			let id = existingId;
			if (!id) {
				const created = await rest('POST', '/rest/credentials', {
					name: `Test ${name}`,
					type: TYPE,
					data: formData,
				});
				id = created.json && created.json.data && created.json.data.id;
				if (!id) return { saved: `HTTP ${created.status} ${created.body.slice(0, 200)}` };
			}
			const target = Object.values(servers).find((s) => formData.webApiUrl.startsWith(s.url));
			const start = target ? target.requests.length : 0;
			const res = await rest('POST', '/rest/credentials/test', {
				credentials: { id, name: `Test ${name}`, type: TYPE, data: formData },
			});
			const out = res.json && res.json.data;
			const requests = target ? target.requests.slice(start) : [];
			return {
				status: out ? out.status : `HTTP ${res.status}`,
				message: out ? out.message : res.body.slice(0, 300),
				token: requests.filter((r) => /oauth2\/token$/.test(r.path)).map((r) => r.status),
				api: requests.filter((r) => !/oauth2\/token$/.test(r.path)).map((r) => r.status),
			};
		};
		for (const [name, formData] of Object.entries(cases))
			results.test[name] = await test(name, formData);

		// Edits of credentials that hold a token, as the editor makes them: read with includeData,
		// change one field, save the whole form back.
		const edit = async (name, change) => {
			const id = credId(name);
			const stored = await rest('GET', `/rest/credentials/${id}?includeData=true`);
			const before = stored.json.data.data;
			const formData = { ...before, ...change };
			const secret = records.find((r) => r.id === id).data.apiAccessSecret;
			// What the editor reads (shapes only: the values stay in this process).
			const entry = {
				fieldsRead: Object.keys(before).sort(),
				secretReadAsStored: before.apiAccessSecret === secret,
				tokenReadAs: typeof before.oauthTokenData,
			};
			if (name === 'editSecret') entry.testBeforeSave = await test(name, formData, id);
			const saved = await rest('PATCH', `/rest/credentials/${id}`, {
				name: stored.json.data.name,
				type: TYPE,
				data: formData,
			});
			entry.saveStatus = saved.status;
			results.edits[name] = entry;
		};
		await edit('editSecret', { apiAccessSecret: WRONG_SECRET });
		await edit('editAddressHttp', { webApiUrl: servers.editAddressNew.webApiUrl });
		await edit('editAddressPack', { webApiUrl: servers.editAddressNew.webApiUrl });
		await instance.stop();
		server = null;
		// What n8n stored after the edits (decrypted; compared here, never printed).
		const exported = await instance.exportCredentials();
		for (const name of ['editSecret', 'editAddressHttp', 'editAddressPack']) {
			const stored = exported.find((c) => c.id === credId(name)).data;
			const token = stored.oauthTokenData && stored.oauthTokenData.access_token;
			Object.assign(results.edits[name], {
				storedSecretIsNew: stored.apiAccessSecret === WRONG_SECRET,
				storedAddress: stored.webApiUrl === servers.editAddressNew.webApiUrl ? 'new' : 'unchanged',
				storedTokenIssuedBy: token ? issuedBy.get(token) || 'unknown' : 'none',
			});
		}
	});

	afterAll(async () => {
		if (server) await instance.stop();
	});

	test("offered in the HTTP Request node's Predefined Credential Type list (the editor's filter over what it receives)", () => {
		expect(results.editor.received.httpRequestVersions).toEqual(expect.arrayContaining([4.2, 4.5]));
		for (const description of httpRequestTypes) {
			const parameter = description.properties.find((p) => p.name === 'nodeCredentialType');
			expect(parameter.credentialTypes).toEqual([
				'extends:oAuth2Api',
				'extends:oAuth1Api',
				'has:authenticate',
			]);
			const offered = offeredCredentialTypes(credentialTypes, parameter, description.name);
			results.editor.offered = offered.includes(TYPE);
			expect(offered).toContain(TYPE);
			// The filter is a filter: n8n's generic types and the OAuth2 parent itself are not offered.
			expect(offered).not.toContain('httpBasicAuth');
			expect(offered).not.toContain('oAuth2Api');
		}
		const type = credentialTypes.find((t) => t.name === TYPE);
		expect(type.extends).toEqual(['oAuth2Api']);
	});

	test('the form shows "API Access Key" and "API Access Secret" (clientId/clientSecret are hidden)', () => {
		const form = credentialForm(credentialTypes, TYPE, {});
		results.editor.form = form.visible.map((f) => f.label);
		// The editor's order: a field that replaces one of oAuth2Api's keeps the parent's place
		// (`authentication`, and the allowlist fields n8n appends to oAuth2Api); the parent's
		// `ignoreSSLIssues` is doNotInherit, so ours comes after the credential's own fields.
		expect(results.editor.form).toEqual([
			'Client Authentication',
			'Allowed HTTP Request Domains',
			'Allowed Domains',
			'Web API Address',
			'API Access Key',
			'API Access Secret',
			'Ignore SSL Issues (Insecure)',
		]);
		const hidden = form.properties.filter((p) => p.type === 'hidden').map((p) => p.name);
		expect(hidden).toEqual(
			expect.arrayContaining(['clientId', 'clientSecret', 'grantType', 'accessTokenUrl']),
		);
		// With "All", the domain list is not shown.
		const all = credentialForm(credentialTypes, TYPE, { allowedHttpRequestDomains: 'all' });
		expect(all.visible.map((f) => f.name)).not.toContain('allowedDomains');
	});

	test('the allowlist defaults to "domains", the host of the Web API Address', () => {
		const form = credentialForm(credentialTypes, TYPE, {});
		const field = (name) => form.visible.find((f) => f.name === name);
		expect(field('allowedHttpRequestDomains').default).toBe('domains');
		expect(field('allowedDomains').default).toMatch(/^=\{\{.*\$self\.webApiUrl/);
	});

	const secrets = () => [
		servers.testButton.credentials.curator.clientSecret,
		servers.testButton.credentials.noApi.clientSecret,
		TEST_WRONG_SECRET,
		WRONG_SECRET,
	];

	test('Test button: correct key and secret (header or body) → OK, one exchange and one API call', () => {
		for (const name of ['ok', 'body'])
			expect([name, results.test[name]]).toEqual([
				name,
				{ status: 'OK', message: 'Connection successful!', token: [200], api: [200] },
			]);
	});

	test("Test button: token failures in n8n's OAuth2 wording, the API's 401 in the credential's own", () => {
		const t = results.test;
		expect(t.wrongSecret).toEqual({
			status: 'Error',
			message:
				'Failed to acquire OAuth2 access token: Client authentication failed (e.g., unknown client, no client authentication included, or unsupported authentication method).',
			token: [400],
			api: [],
		});
		expect(t.wrongAddress).toEqual({
			status: 'Error',
			message: 'Failed to acquire OAuth2 access token: HTTP status 404',
			token: [404],
			api: [],
		});
		// n8n's OAuth2 path takes the 401 for an expired token: a second exchange and call first.
		expect(t.noApiAccess).toEqual({
			status: 'Error',
			message: expect.stringMatching(
				/^The key and secret were accepted, but Alteryx Server denied the API call\. An administrator must set API Access to Yes/,
			),
			token: [200, 200],
			api: [401, 401],
		});
		expect(t.unreachable).toMatchObject({
			status: 'Error',
			message: 'The service refused the connection - perhaps it is offline',
		});
		expect(t.tlsStrict).toMatchObject({
			status: 'Error',
			message: expect.stringMatching(
				/^Failed to acquire OAuth2 access token: self-signed certificate/,
			),
			token: [],
		});
	});

	test('Test button with Ignore SSL Issues on a self-signed server: the token request and the test call both succeed', () => {
		// The token request honours ignoreSSLIssues (n8n's OAuth2 client); the test call does
		// because the credential's `test.request` sets skipSslCertificateValidation from it
		// (without it the call failed with DEPTH_ZERO_SELF_SIGNED_CERT).
		expect(results.test.tlsIgnore).toEqual({
			status: 'OK',
			message: 'Connection successful!',
			token: [200],
			api: [200],
		});
	});

	test('Test button: no message contains a secret', () => {
		const secrets = [
			servers.testButton.credentials.curator.clientSecret,
			servers.testButton.credentials.noApi.clientSecret,
			TEST_WRONG_SECRET,
			WRONG_SECRET,
		];
		for (const [name, out] of Object.entries(results.test))
			for (const secret of secrets)
				expect([name, out.message.includes(secret)]).toEqual([name, false]);
	});

	test('Test of the stored credential with an edited (wrong) secret, before saving: a new exchange, refused', () => {
		expect(results.edits.editSecret.testBeforeSave).toMatchObject({
			status: 'Error',
			message: expect.stringMatching(
				/^Failed to acquire OAuth2 access token: Client authentication failed/,
			),
			token: [400],
		});
	});
});

// ---- 3. the next run after the edits -----------------------------------------------------------

describe('the next run after an edit of a credential that holds a token', () => {
	let run;

	beforeAll(async () => {
		const secretServer = servers.editSecret;
		secretServer.injectFault({
			method: 'GET',
			path: '/webapi/n8n-e2e/expire',
			status: 200,
			body: () => (secretServer.expireAllTokens(), {}),
		});
		const http = (scenario, credential, base, p) =>
			httpNode(scenario, credential, 'GET', scenarioUrl(base, p || 'v3/workflows', scenario));
		const newAddress = servers.editAddressNew.webApiUrl;
		const nodes = [
			http('secretEditedHttp', 'editSecret', secretServer.webApiUrl),
			packNode('secretEditedPack', 'editSecret'),
			http('secretExpire', 'editSecret', secretServer.webApiUrl, 'n8n-e2e/expire'),
			http('secretEditedHttpExpired', 'editSecret', secretServer.webApiUrl),
			packNode('secretEditedPackExpired', 'editSecret'),
			// The user points the HTTP Request node at the new address too.
			http('addressEditedHttp', 'editAddressHttp', newAddress),
			packNode('addressEditedPack', 'editAddressPack'),
		];
		await instance.importWorkflow(h.chain('outcomesAfterEdit', 'e2e: after the edits', nodes));
		run = results.runs.afterEdit = await execute('outcomesAfterEdit', nodes);
		secretServer.clearFaults();
	});

	test('n8n kept the stored token on every edit (the edited field itself was saved)', () => {
		expect(results.edits.editSecret).toMatchObject({
			saveStatus: 200,
			storedSecretIsNew: true,
			storedTokenIssuedBy: 'editSecret',
		});
		for (const name of ['editAddressHttp', 'editAddressPack'])
			expect([name, results.edits[name]]).toEqual([
				name,
				expect.objectContaining({
					saveStatus: 200,
					storedAddress: 'new',
					storedTokenIssuedBy:
						name === 'editAddressHttp' ? 'editAddressHttpOld' : 'editAddressPackOld',
				}),
			]);
	});

	const edited = (scenario) => seen(run, 'editSecret', scenario);
	// Which emulator issued each bearer token a server was shown for a scenario.
	const issuers = (server, scenario) =>
		presented[server]
			.filter((p) => {
				const query = new URL(p.url, 'http://x').searchParams;
				return (
					query.get('n8nScenario') === scenario || query.get('name') === `n8nScenario=${scenario}`
				);
			})
			.map((p) => p.issuer);

	test.each(['secretEditedHttp', 'secretEditedPack'])(
		'%s: after the secret was changed to a wrong one, the next run still uses the old token (200, no exchange)',
		(scenario) => {
			expect(edited(scenario)).toMatchObject({ api: 1, statuses: [200], token: 0, output: 'ok' });
			expect(issuers('editSecret', scenario)).toEqual(['editSecret']);
		},
	);

	test('once the server refuses the old token, the wrong secret is used: one refused exchange, no resend', () => {
		expect(edited('secretEditedHttpExpired')).toMatchObject({
			api: 1,
			statuses: [401],
			token: 1,
			tokenStatuses: [400],
			output:
				'error: Client authentication failed (e.g., unknown client, no client authentication included, or unsupported authentication method).',
		});
		expect(edited('secretEditedPackExpired')).toMatchObject({
			api: 1,
			statuses: [401],
			token: 1,
			tokenStatuses: [400],
			output: `error: Alteryx Server rejected the API Access Key or Secret (400 from ${servers.editSecret.webApiUrl}oauth2/token)`,
		});
	});

	test.each([
		['addressEditedHttp', 'editAddressHttpOld'],
		['addressEditedPack', 'editAddressPackOld'],
	])(
		'%s: after the Web API Address was changed, the old server’s token goes to the new address once (401), then one exchange there and a resend',
		(scenario, oldServer) => {
			expect(seen(run, 'editAddressNew', scenario)).toMatchObject({
				api: 2,
				statuses: [401, 200],
				token: 1,
				tokenStatuses: [200],
				output: 'ok',
			});
			expect(issuers('editAddressNew', scenario)).toEqual([oldServer, 'editAddressNew']);
		},
	);
});

// ---- what n8n printed and stored ---------------------------------------------------------------

test('the secrets and every issued token appear nowhere in n8n output or the n8n database', async () => {
	await instance.stop();
	expect(instance.transcript.length).toBeGreaterThan(0);
	const key = servers.main.credentials.curator;
	const noApi = servers.main.credentials.noApi;
	const secrets = [
		...records,
		{ data: { apiAccessKey: key.clientId, apiAccessSecret: WRONG_SECRET } },
		{ data: { apiAccessKey: key.clientId, apiAccessSecret: TEST_WRONG_SECRET } },
		{ data: { apiAccessKey: noApi.clientId, apiAccessSecret: noApi.clientSecret } },
	];
	expect(h.findSecretLeaks({ n8n: instance, credentials: secrets })).toEqual([]);
	const output = instance.allOutput();
	const folder = path.join(instance.userFolder, '.n8n');
	const db = Buffer.concat(
		['database.sqlite', 'database.sqlite-wal']
			.map((f) => path.join(folder, f))
			.filter((f) => fs.existsSync(f))
			.map((f) => fs.readFileSync(f)),
	);
	const tokens = [...issuedBy.keys()];
	expect(tokens.length).toBeGreaterThan(15);
	const leaked = tokens.filter((t) => output.includes(t) || db.includes(Buffer.from(t)));
	expect(leaked.length).toBe(0);
});
