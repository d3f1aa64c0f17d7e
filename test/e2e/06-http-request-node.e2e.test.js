'use strict';
// Issue case 6: the credential in n8n's core HTTP Request node (predefinedCredentialType).
const h = require('./helpers');

let suite;
beforeAll(async () => {
	suite = await h.startSuite('http-request-node');
});
afterAll(async () => {
	if (suite) await suite.teardown();
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

h.secretTest(() => suite);
