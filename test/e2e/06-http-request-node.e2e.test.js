'use strict';
// Issue case 6: the credential in n8n's core HTTP Request node (predefinedCredentialType).
const fs = require('fs');
const path = require('path');

const { startOtherOrigin } = require('../emulator/other-origin');
const h = require('./helpers');

let suite;
let otherOrigin;
beforeAll(async () => {
	suite = await h.startSuite('http-request-node');
	otherOrigin = await startOtherOrigin();
});
afterAll(async () => {
	if (suite) await suite.teardown();
	if (otherOrigin) await otherOrigin.close();
});

function httpRequest(name, url, cred, extra) {
	return h.core(
		'httpRequest',
		4.2,
		name,
		{
			url,
			authentication: 'predefinedCredentialType',
			nodeCredentialType: h.CREDENTIAL_TYPE,
			options: {},
			...(extra || {}),
		},
		{ credentials: { [h.CREDENTIAL_TYPE]: { id: cred.id, name: cred.name } } },
	);
}

test('the HTTP Request node authenticates with the Alteryx credential', async () => {
	const cred = suite.credentials[0];
	const before = suite.emulator.counters.tokenRequests;
	const wf = h.chain('e2eHttpRequest', 'e2e: core HTTP Request node', [
		httpRequest('List workflows', `${suite.emulator.webApiUrl}v3/workflows`, cred),
	]);
	const res = h.expectOk(await suite.run(wf));
	const names = res.json('List workflows').map((w) => w.name);
	expect(names).toEqual(expect.arrayContaining(['Daily Sales ETL', 'Sales Forecast']));
	expect(suite.emulator.counters.tokenRequests - before).toBe(1);
});

test('the credential refuses to send its token to another origin', async () => {
	const cred = suite.credentials[0];
	const other = new URL(suite.emulator.webApiUrl);
	other.hostname = 'localhost';
	const wf = h.chain('e2eHttpRequestOtherOrigin', 'e2e: HTTP Request to another origin', [
		httpRequest('Other origin', `${other.href}v3/workflows`, cred),
	]);
	const res = await suite.run(wf);
	expect(res.code).not.toBe(0);
	expect(`${res.error && res.error.message} ${res.error && res.error.description}`).toMatch(
		/Refusing to send/,
	);
});

// follow-redirects (n8n's redirect handling) resolves a relative Location against a user-set Host
// header and keeps the Authorization header for that "same host": the credential refuses it.
test.each([
	['Host', {}, 'host', 'e2eHostLowercased'],
	['Host', { lowercaseHeaders: false }, 'Host', 'e2eHostKept'],
])(
	'a %s header (options %j) cannot steer a redirect to another origin: refused, naming %s and its value',
	async (name, options, named, workflowId) => {
		const cred = suite.credentials[0];
		const host = `127.0.0.1:${otherOrigin.port}`;
		otherOrigin.log.length = 0;
		suite.emulator.requests.length = 0;
		// The Web API answers a relative redirect, as a load balancer or a moved path would.
		suite.emulator.injectFault({
			method: 'GET',
			path: '/webapi/v3/workflows',
			status: 302,
			headers: { Location: '/webapi/v3/workflows' },
		});
		const wf = h.chain(workflowId, `e2e: HTTP Request with a ${named} header`, [
			httpRequest('With Host header', `${suite.emulator.webApiUrl}v3/workflows`, cred, {
				sendHeaders: true,
				specifyHeaders: 'keypair',
				headerParameters: { parameters: [{ name, value: host }] },
				options,
			}),
		]);
		try {
			const res = await suite.run(wf);
			expect(otherOrigin.log).toEqual([]);
			expect(suite.emulator.requests.filter((entry) => entry.method === 'GET')).toEqual([]);
			expect(res.code).not.toBe(0);
			expect(res.error && res.error.message).toBe(
				`Refusing to send the Alteryx Server token with the header "${named}: ${host}": it can send the request or its redirects to another server than the Web API Address of the credential (${new URL(suite.emulator.webApiUrl).origin}). Remove the header.`,
			);
		} finally {
			suite.emulator.clearFaults();
		}
	},
);

/** Every place of a run a user (or the n8n database) keeps: the execution data and n8n's output. */
function runText(res) {
	return `${JSON.stringify(res.execution)}\n${res.stdout}\n${res.stderr}`;
}

function databaseBytes() {
	const folder = path.join(suite.n8n.userFolder, '.n8n');
	return Buffer.concat(
		['database.sqlite', 'database.sqlite-wal']
			.map((file) => path.join(folder, file))
			.filter((file) => fs.existsSync(file))
			.map((file) => fs.readFileSync(file)),
	);
}

test('a server echoing the Authorization header: the Alteryx GET node shows [redacted], the core HTTP Request node the token', async () => {
	const cred = suite.credentials[0];
	const issued = () => [...suite.emulator.tokens.tokens.keys()];
	suite.emulator.injectFault({
		path: /\/webapi\/v3\/workflows$/,
		status: 400,
		times: Infinity,
		body: (ctx) => ({ message: `Invalid header Authorization: ${ctx.headers.authorization}` }),
	});
	try {
		const alteryxRun = await suite.run(
			h.chain('e2eEchoAlteryxGet', 'e2e: echoing server, Alteryx GET', [
				h.alteryx('get', 'Echo via Alteryx GET', { endpoint: 'v3/workflows' }, cred),
			]),
		);
		expect(alteryxRun.code).not.toBe(0);
		expect(alteryxRun.error.message).toMatch(/Authorization: Bearer \[redacted\]/);
		expect(issued().length).toBeGreaterThan(0);
		for (const token of issued()) {
			expect(runText(alteryxRun)).not.toContain(token);
			expect(databaseBytes().includes(Buffer.from(token))).toBe(false);
		}

		// n8n core's node shows what the server sent; a credential cannot post-process a node's
		// output, so this stays a limit of core (README, "Alteryx Server OAuth2 API").
		const coreRun = await suite.run(
			h.chain('e2eEchoHttpRequest', 'e2e: echoing server, HTTP Request', [
				httpRequest('Echo via HTTP Request', `${suite.emulator.webApiUrl}v3/workflows`, cred),
			]),
		);
		expect(coreRun.code).not.toBe(0);
		expect(issued().some((token) => runText(coreRun).includes(token))).toBe(true);
	} finally {
		suite.emulator.clearFaults();
	}
});

h.secretTest(() => suite);
