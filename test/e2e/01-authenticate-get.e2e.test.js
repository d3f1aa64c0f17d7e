'use strict';
// Issue case 1: Authenticate → GET v3/workflows, through n8n's own credential machinery.
const h = require('./helpers');
const { scanPackage } = require('../../scripts/lib/package-checks');

let suite;
beforeAll(async () => {
	suite = await h.startSuite('authenticate-get');
});
afterAll(async () => {
	if (suite) await suite.teardown();
});

test('the packed package holds every node and credential listed in package.json', () => {
	const state = h.loadState();
	const pkg = require('../../package.json');
	for (const file of [...pkg.n8n.credentials, ...pkg.n8n.nodes])
		expect(state.packageFiles).toContain(file);
});

// What n8n's verification scans in the published tarball: its .js files and package.json, with
// n8n's community rules (scripts/lib/package-checks.js; the source is scanned by npm run lint).
test("n8n's scanner passes on the packed tarball's files", async () => {
	const result = await scanPackage(h.loadState().packageDir, 'packed');
	expect(result.details).toBe('');
	expect(result.passed).toBe(true);
}, 300_000);

test('n8n loads the packed pack and runs Authenticate then GET v3/workflows', async () => {
	const cred = suite.credentials[0];
	const wf = h.chain('e2eAuthGet', 'e2e: authenticate and get workflows', [
		h.alteryx('authenticate', 'Authenticate', {}, cred),
		h.alteryx('get', 'Get workflows', { endpoint: 'v3/workflows', options: {} }, cred),
	]);
	const before = Date.now();
	const res = h.expectOk(await suite.run(wf));

	const [auth] = res.json('Authenticate');
	expect(Object.keys(auth)).toEqual(
		expect.arrayContaining(['baseURL', 'authorizationToken', 'tokenExpiration', 'expiresIn']),
	);
	expect(auth.baseURL).toBe(suite.emulator.webApiUrl);
	expect(auth.authorizationToken).toMatch(/^Bearer \S{16,}$/);
	expect(auth.tokenExpiration).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);
	const ttl = suite.emulator.options.tokenTtlSeconds;
	expect(auth.expiresIn).toBe(ttl);
	// tokenExpiration is about expires_in ahead of the moment the token was issued.
	const ahead = Date.parse(auth.tokenExpiration) - before;
	expect(ahead).toBeGreaterThan(ttl * 1000 - 1000);
	expect(ahead).toBeLessThan(ttl * 1000 + 120000);

	const workflows = res.json('Get workflows');
	const seeded = [...suite.emulator.state.workflows.values()].map((w) => w.name);
	expect(seeded.length).toBeGreaterThan(2);
	expect(workflows.map((w) => w.name).sort()).toEqual([...seeded].sort());
	for (const w of workflows) expect(w.id).toMatch(/^[0-9a-f]{24}$/);
});

test('a wrong secret fails with a readable message that does not contain it', async () => {
	const bad = { id: 'alteryxWrongSecret', name: 'Alteryx wrong secret' };
	const wrongSecret = `wrong-${h.loadState().packageFiles.length}-secret-value-e2e`;
	await suite.n8n.importCredentials({
		id: bad.id,
		name: bad.name,
		type: h.CREDENTIAL_TYPE,
		data: {
			webApiUrl: suite.emulator.webApiUrl,
			apiAccessKey: suite.emulator.credentials.curator.clientId,
			apiAccessSecret: wrongSecret,
			authentication: 'header',
			ignoreSSLIssues: false,
		},
	});
	suite.credentials.push({
		id: bad.id,
		name: bad.name,
		data: {
			apiAccessKey: suite.emulator.credentials.curator.clientId,
			apiAccessSecret: wrongSecret,
		},
	});
	const wf = h.chain('e2eWrongSecret', 'e2e: wrong secret', [
		h.alteryx('get', 'Get workflows', { endpoint: 'v3/workflows', options: {} }, bad),
	]);
	const res = await suite.run(wf);
	expect(res.code).not.toBe(0);
	expect(res.error).toBeTruthy();
	const text = `${res.error.message} ${res.error.description || ''}`;
	expect(text).toMatch(/key|secret|client|credential|invalid/i);
	expect(res.stdout + res.stderr).not.toContain(wrongSecret);
});

h.secretTest(() => suite);
