'use strict';
// Issue case 5: tokens that live a few seconds. Two executions separated by the lifetime and one
// long execution spanning it all succeed, with one token request per lifetime, for both ways of
// sending the key and secret (Basic header and form body).
const h = require('./helpers');

const TTL = 6; // seconds
let suite;
beforeAll(async () => {
	suite = await h.startSuite('token-lifetime', {
		emulator: { tokenTtlSeconds: TTL, clientAuth: 'both' },
		credentials: [
			{ id: 'alteryxHeader', name: 'Alteryx (header)', authentication: 'header' },
			{ id: 'alteryxBody', name: 'Alteryx (body)', authentication: 'body' },
		],
	});
});
afterAll(async () => {
	if (suite) await suite.teardown();
});

const tokens = (mode) => suite.emulator.counters.tokenRequestsByAuth[mode];

describe.each([
	['header', 0],
	['body', 1],
])('client authentication "%s"', (mode, index) => {
	const cred = () => suite.credentials[index];
	const short = () =>
		h.chain(`e2eTokShort${mode}`, `e2e: short run (${mode})`, [
			h.alteryx('get', 'Get workflows', { endpoint: 'v3/workflows', options: {} }, cred()),
		]);

	test('two executions within one lifetime share one token; after the lifetime one new token', async () => {
		const start = tokens(mode);
		const t0 = Date.now();
		const first = h.expectOk(await suite.run(short()));
		expect(first.json('Get workflows').length).toBeGreaterThan(0);
		expect(tokens(mode) - start).toBe(1);

		const second = h.expectOk(await suite.n8n.execute(`e2eTokShort${mode}`));
		expect(second.json('Get workflows').length).toBeGreaterThan(0);
		// The token stored in the credential by the first run is reused, unless the second run
		// started after it expired (a very slow machine).
		if (Date.now() - t0 < (TTL - 1) * 1000) expect(tokens(mode) - start).toBe(1);

		await h.sleep((TTL + 1) * 1000);
		const before = tokens(mode);
		const third = h.expectOk(await suite.n8n.execute(`e2eTokShort${mode}`));
		expect(third.json('Get workflows').length).toBeGreaterThan(0);
		expect(tokens(mode) - before).toBe(1);
		// n8n stored the token in the credential.
		const stored = (await suite.n8n.exportCredentials()).find((c) => c.id === cred().id);
		expect(stored.data.oauthTokenData.access_token).toBeTruthy();
	});

	test('one execution spanning two lifetimes refreshes once per lifetime', async () => {
		const wf = h.chain(`e2eTokLong${mode}`, `e2e: long run (${mode})`, [
			h.alteryx('get', 'Get 1', { endpoint: 'v3/workflows', options: {} }, cred()),
			h.wait('Wait 1', TTL + 1),
			h.alteryx('get', 'Get 2', { endpoint: 'v3/workflows', options: {} }, cred()),
			h.wait('Wait 2', TTL + 1),
			h.alteryx('get', 'Get 3', { endpoint: 'v3/workflows', options: {} }, cred()),
		]);
		const before = tokens(mode);
		const started = Date.now();
		const res = h.expectOk(await suite.run(wf));
		const elapsed = (Date.now() - started) / 1000;
		for (const name of ['Get 1', 'Get 2', 'Get 3'])
			expect(res.json(name).length).toBeGreaterThan(0);
		const used = tokens(mode) - before;
		// Get 2 and Get 3 each find the token expired (each wait is longer than the lifetime);
		// Get 1 may or may not reuse the token of the previous test.
		expect(used).toBeGreaterThanOrEqual(2);
		expect(used).toBeLessThanOrEqual(3);
		expect(used).toBeLessThanOrEqual(Math.ceil(elapsed / TTL) + 1);
		expect(suite.emulator.counters.tokenFailures).toBe(0);
	});
});

test('the other client authentication mode was never used by each credential', () => {
	// Each credential sends the key and secret only its own way.
	expect(tokens('header')).toBeGreaterThanOrEqual(4);
	expect(tokens('body')).toBeGreaterThanOrEqual(4);
	expect(suite.emulator.counters.tokenRequests).toBe(tokens('header') + tokens('body'));
});

h.secretTest(() => suite);
