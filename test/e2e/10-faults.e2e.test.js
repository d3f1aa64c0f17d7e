'use strict';
// Issue 5, in a real n8n: a flaky server is survived (idempotent requests retried with
// backoff), a POST that reached the server is never sent twice, and what reaches the user says
// what happened. The jest suites in test/reliability/ cover every fault kind in depth.
const h = require('./helpers');

let suite;
beforeAll(async () => {
	suite = await h.startSuite('faults');
});
afterAll(async () => {
	if (suite) await suite.teardown();
});

const SALES_FORECAST = '66ebd18d3d62000400000001';
const attempts = (method, path) =>
	suite.emulator.requests.filter((entry) => entry.method === method && entry.path === path);

test('GET survives 503 with Retry-After and a dropped connection, then succeeds', async () => {
	const path = `/webapi/v3/workflows/${SALES_FORECAST}`;
	suite.emulator.injectFault({
		method: 'GET',
		path,
		status: 503,
		headers: { 'Retry-After': '1' },
		times: 1,
	});
	suite.emulator.injectFault({ method: 'GET', path, kind: 'reset', times: 1 });
	const wf = h.chain('e2eFaultsGet', 'e2e: flaky GET', [
		h.alteryx(
			'get',
			'Get workflow',
			{ endpoint: `v3/workflows/${SALES_FORECAST}`, options: { maxRetryWait: 2 } },
			suite.credentials[0],
		),
	]);
	const res = h.expectOk(await suite.run(wf));
	expect(res.json('Get workflow')[0].id).toBe(SALES_FORECAST);
	const statuses = attempts('GET', path).map((entry) => entry.status);
	expect(statuses.filter((status) => status === 200)).toHaveLength(1);
	expect(statuses.length).toBeGreaterThanOrEqual(3);
});

test('a POST that got a 503 is not sent again: one attempt, no second job, an error that says so', async () => {
	const path = `/webapi/v3/workflows/${SALES_FORECAST}/jobs`;
	const before = suite.emulator.counters.jobEnqueues;
	suite.emulator.injectFault({ method: 'POST', path, status: 503, times: 5 });
	const wf = h.chain('e2eFaultsPost', 'e2e: POST under 503', [
		h.alteryx(
			'post',
			'Run workflow',
			{
				endpoint: `v3/workflows/${SALES_FORECAST}/jobs`,
				sendBody: true,
				contentType: 'json',
				specifyBody: 'json',
				jsonBody: '{}',
				options: {},
			},
			suite.credentials[0],
			{ onError: 'continueRegularOutput' },
		),
	]);
	const res = h.expectOk(await suite.run(wf));
	const [item] = res.json('Run workflow');
	expect(item.details.httpCode).toBe('503');
	expect(item.details.description).toMatch(/a POST is not sent again/);
	expect(attempts('POST', path).filter((entry) => entry.status !== 401)).toHaveLength(1);
	expect(suite.emulator.counters.jobEnqueues).toBe(before);
	suite.emulator.clearFaults();
});

test('a server that trickles its answer a byte a second is given up at the Timeout, and the connection closed', async () => {
	const path = `/webapi/v3/workflows/${SALES_FORECAST}`;
	// The first test read the same workflow: only this test's requests count.
	suite.emulator.requests.length = 0;
	suite.emulator.injectFault({
		method: 'GET',
		path,
		kind: 'trickle',
		durationMs: 60_000,
		times: 1,
	});
	const wf = h.chain('e2eFaultsTrickle', 'e2e: trickling GET', [
		h.alteryx(
			'get',
			'Get workflow',
			{ endpoint: `v3/workflows/${SALES_FORECAST}`, options: { timeout: 2000, maxRetries: 0 } },
			suite.credentials[0],
			{ onError: 'continueRegularOutput' },
		),
	]);
	const res = h.expectOk(await suite.run(wf));
	const [request] = attempts('GET', path);
	// The client hung up at its 2 s deadline; the trickle would have lasted 60 s.
	expect(request.closedAfterMs).toBeGreaterThanOrEqual(1500);
	expect(request.closedAfterMs).toBeLessThan(10_000);
	const [item] = res.json('Get workflow');
	expect(item.error).toBe(
		`Alteryx Server was too slow: no complete answer within 2 s (GET ${path})`,
	);
	expect(item.details.description).toMatch(/Raise the Timeout option/);
	expect(attempts('GET', path)).toHaveLength(1);
	expect(suite.emulator.hangingResponses.size).toBe(0);
	suite.emulator.clearFaults();
});

h.secretTest(() => suite);
