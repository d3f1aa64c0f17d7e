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

test('the credential (its default allowlist: the Web API host) refuses to send its token to another host', async () => {
	const cred = suite.credentials[0];
	const other = new URL(suite.emulator.webApiUrl);
	other.hostname = 'localhost';
	const wf = h.chain('e2eHttpRequestOtherOrigin', 'e2e: HTTP Request to another origin', [
		httpRequest('Other origin', `${other.href}v3/workflows`, cred),
	]);
	const res = await suite.run(wf);
	expect(res.code).not.toBe(0);
	expect(res.error && res.error.message).toMatch(
		/^Domain not allowed: This credential is restricted from accessing localhost:\d+\. Only the following domains are allowed: 127\.0\.0\.1$/,
	);
});

// follow-redirects (n8n's redirect handling) resolves a relative Location against a user-set Host
// header and keeps the Authorization header for that "same host"; n8n's allowlist checks every
// redirect hop, so the hop to the Host header's server is refused.
test.each([
	['Host', {}, 'e2eHostLowercased'],
	['Host', { lowercaseHeaders: false }, 'e2eHostKept'],
])(
	'a %s header (options %j) cannot steer a redirect to another host: the hop is refused',
	async (name, options, workflowId) => {
		const cred = suite.credentials[0];
		const host = `localhost:${otherOrigin.port}`;
		otherOrigin.log.length = 0;
		suite.emulator.requests.length = 0;
		// The Web API answers a relative redirect, as a load balancer or a moved path would.
		suite.emulator.injectFault({
			method: 'GET',
			path: '/webapi/v3/workflows',
			status: 302,
			headers: { Location: '/webapi/v3/workflows' },
		});
		const wf = h.chain(workflowId, `e2e: HTTP Request with a ${name} header`, [
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
			expect(res.code).not.toBe(0);
			expect(`${res.error && res.error.message}`).toMatch(/Domain not allowed.*localhost/);
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
