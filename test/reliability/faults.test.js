'use strict';
// A flaky server against the verb nodes and the Authenticate node: every fault kind of the
// reliability issue, counted in the emulator's request log. Idempotent requests (GET, PUT,
// DELETE) are retried with bounded backoff that honours Retry-After; a POST is repeated only
// when it certainly never reached the server, so a job is never queued twice.
const { AlteryxAuthenticate } = require('../../nodes/AlteryxAuthenticate/AlteryxAuthenticate.node');
const { AlteryxDelete } = require('../../nodes/AlteryxDelete/AlteryxDelete.node');
const { AlteryxGet } = require('../../nodes/AlteryxGet/AlteryxGet.node');
const { AlteryxPost } = require('../../nodes/AlteryxPost/AlteryxPost.node');
const { AlteryxPut } = require('../../nodes/AlteryxPut/AlteryxPut.node');
const { startEmulator } = require('../emulator');
const { createHarness } = require('../harness');
const {
	ADA,
	SALES_FORECAST,
	attempts,
	closedPort,
	expectActionable,
	freshHarness,
	gapsMs,
	injectedFaults,
	run,
	startTrackedEmulator,
	tokenRequests,
} = require('./helpers');
const { createRecorder } = require('./recorder');

const recorder = createRecorder('faults');
const WORKFLOW_PATH = `/webapi/v3/workflows/${SALES_FORECAST}`;
const JOBS_PATH = `/webapi/v3/workflows/${SALES_FORECAST}/jobs`;
const TOKEN_PATH = '/webapi/oauth2/token';
const HTML = { 'Content-Type': 'text/html; charset=utf-8' };
const JSON_TYPE = { 'Content-Type': 'application/json; charset=utf-8' };
const LOGIN_PAGE =
	'<!DOCTYPE html><html><head><title>Sign in</title></head><body><form action="/adfs/ls">' +
	'<input name="UserName"><input type="password" name="Password"></form></body></html>';

// Short waits for the Authenticate node once it retries (the option names of the verb nodes).
const QUICK_AUTHENTICATE = { parameters: { options: { maxRetryWait: 0.05 } } };

let emulator;
beforeAll(async () => {
	emulator = await startTrackedEmulator();
});
afterAll(async () => {
	await emulator.close();
	recorder.save();
});
beforeEach(() => emulator.reset());
afterEach(() => recorder.absorb(emulator));

const getWorkflow = (options = {}, harness = freshHarness(emulator)) =>
	run(harness, AlteryxGet, { parameters: { endpoint: `v3/workflows/${SALES_FORECAST}`, options } });

const enqueueJob = (options = {}, harness = freshHarness(emulator), items) =>
	run(harness, AlteryxPost, {
		parameters: {
			endpoint: `v3/workflows/${SALES_FORECAST}/jobs`,
			sendBody: true,
			jsonBody: '{"questions": [{"name": "Region", "value": "West"}]}',
			options,
		},
		items,
	});

/**
 * Fault kinds a GET meets: [label, fault, what the final error says, what it tells to do,
 * extra node options]. Retry waits are kept tiny (maxRetryWait) so the suite stays fast.
 */
const TRANSIENT_FAULTS = [
	['503 without Retry-After', { status: 503 }, /HTTP 503/, /Try again later/],
	[
		'503 with Retry-After',
		{ status: 503, headers: { 'Retry-After': '0' } },
		/HTTP 503/,
		/Try again later/,
	],
	['429 without Retry-After', { status: 429 }, /HTTP 429/, /rate-limiting.*Batching/s],
	[
		'429 with Retry-After',
		{ status: 429, headers: { 'Retry-After': '0' } },
		/HTTP 429/,
		/rate-limiting.*Batching/s,
	],
	[
		'502 from a proxy',
		{ status: 502, headers: HTML, body: '<html><body><h1>502 Bad Gateway</h1></body></html>' },
		/HTTP 502/,
		/Try again later/,
	],
	[
		'504 from a proxy',
		{ status: 504, headers: HTML, body: '<html><body><h1>504 Gateway Time-out</h1></body></html>' },
		/HTTP 504/,
		/Try again later/,
	],
	['connection reset', { kind: 'reset' }, /unreachable|connection/i, /ECONNRESET/],
	[
		'no answer (timeout)',
		{ kind: 'hang' },
		/too slow: no complete answer within 0\.25 s \(GET \/webapi\/v3\/workflows\//,
		/Raise the Timeout option/,
		{ timeout: 250 },
	],
	[
		'answer after the timeout',
		{ kind: 'slow', delayMs: 1500 },
		/too slow: no complete answer within 0\.25 s/,
		/Raise the Timeout option/,
		{ timeout: 250 },
	],
	[
		'malformed JSON with status 200',
		{ status: 200, headers: JSON_TYPE, body: '{"id": "66ebd18d3d62000400000001", "name": "Sal' },
		/incomplete or malformed JSON/,
		/Try again/,
	],
	[
		'HTML login page with status 200',
		{ status: 200, headers: HTML, body: LOGIN_PAGE },
		/web page instead of data/,
		/Web API Address/,
	],
];

/** A server that is down now (connection refused) and comes back on the same port later. */
function emulatorBackOnPortAfter(port, delayMs) {
	return new Promise((resolve, reject) => {
		setTimeout(() => startEmulator({ port }).then(resolve, reject), delayMs);
	});
}

describe('GET: transient faults are retried', () => {
	test.each(TRANSIENT_FAULTS)(
		'%s twice, then the real answer: three attempts, one good result',
		async (label, fault, _what, _todo, extra = {}) => {
			emulator.injectFault({ method: 'GET', path: WORKFLOW_PATH, times: 2, ...fault });
			const { items, error } = await getWorkflow({ maxRetryWait: 0.05, ...extra });
			recorder.fault(label, injectedFaults(emulator));
			expect(error).toBeUndefined();
			expect(items).toHaveLength(1);
			expect(items[0].json.id).toBe(SALES_FORECAST);
			expect(items[0].pairedItem).toEqual({ item: 0 });
			expect(attempts(emulator, 'GET', WORKFLOW_PATH)).toHaveLength(3);
			expect(emulator.counters.faultsInjected).toBe(2);
		},
	);

	test.each(TRANSIENT_FAULTS)(
		'%s that does not stop: maxRetries + 1 attempts, then an error that says what happened and what to do',
		async (label, fault, what, todo, extra = {}) => {
			emulator.injectFault({ method: 'GET', path: WORKFLOW_PATH, times: Infinity, ...fault });
			const { error } = await getWorkflow({ maxRetries: 2, maxRetryWait: 0.05, ...extra });
			recorder.fault(label, injectedFaults(emulator));
			expect(attempts(emulator, 'GET', WORKFLOW_PATH)).toHaveLength(3);
			expectActionable(error, what, todo);
			expect(error.context.itemIndex).toBe(0);
			expect(error.description).toMatch(/Tried 3 times\./);
		},
	);

	test('Retry Attempts 0 turns retrying off: one attempt', async () => {
		emulator.injectFault({ method: 'GET', path: WORKFLOW_PATH, status: 503 });
		const { error } = await getWorkflow({ maxRetries: 0 });
		recorder.fault('503 without Retry-After', injectedFaults(emulator));
		expect(attempts(emulator, 'GET', WORKFLOW_PATH)).toHaveLength(1);
		expect(error.httpCode).toBe('503');
		expect(error.description).not.toMatch(/Tried/);
	});

	test('a non-transient status (404) is not retried', async () => {
		const { error } = await run(freshHarness(emulator), AlteryxGet, {
			parameters: { endpoint: 'v3/workflows/000000000000000000000000' },
		});
		expect(error.httpCode).toBe('404');
		expect(attempts(emulator, 'GET', '/webapi/v3/workflows/000000000000000000000000')).toHaveLength(
			1,
		);
	});

	test('an HTML page is what the user asked for with Response Format Text: no retry, no error', async () => {
		emulator.injectFault({
			method: 'GET',
			path: WORKFLOW_PATH,
			status: 200,
			headers: HTML,
			body: LOGIN_PAGE,
		});
		const { items, error } = await getWorkflow({ responseFormat: 'text' });
		recorder.fault('HTML login page with status 200', injectedFaults(emulator));
		expect(error).toBeUndefined();
		expect(items[0].json.data).toContain('<form');
		expect(attempts(emulator, 'GET', WORKFLOW_PATH)).toHaveLength(1);
	});
});

describe('Retry-After and backoff', () => {
	test('Retry-After in seconds is waited for before the retry', async () => {
		emulator.injectFault({
			method: 'GET',
			path: WORKFLOW_PATH,
			status: 429,
			headers: { 'Retry-After': '1' },
		});
		const { error } = await getWorkflow({ maxRetryWait: 5 });
		recorder.fault('429 with Retry-After', injectedFaults(emulator));
		expect(error).toBeUndefined();
		const [gap] = gapsMs(attempts(emulator, 'GET', WORKFLOW_PATH));
		expect(gap).toBeGreaterThanOrEqual(950);
		expect(gap).toBeLessThan(1700);
	});

	test('Retry-After as an HTTP date is waited for', async () => {
		const retryAt = new Date(Date.now() + 2000);
		const header = retryAt.toUTCString(); // whole seconds: the wait is 1 to 2 s
		emulator.injectFault({
			method: 'GET',
			path: WORKFLOW_PATH,
			status: 503,
			headers: { 'Retry-After': header },
		});
		const { error } = await getWorkflow({ maxRetryWait: 5 });
		recorder.fault('503 with Retry-After', injectedFaults(emulator));
		expect(error).toBeUndefined();
		const [first, second] = attempts(emulator, 'GET', WORKFLOW_PATH);
		const expectedWait = Date.parse(header) - Date.parse(first.time);
		const gap = Date.parse(second.time) - Date.parse(first.time);
		expect(gap).toBeGreaterThanOrEqual(expectedWait - 50);
		expect(gap).toBeLessThan(expectedWait + 700);
	});

	test('a Retry-After longer than Max Retry Wait is capped by it', async () => {
		emulator.injectFault({
			method: 'GET',
			path: WORKFLOW_PATH,
			status: 503,
			headers: { 'Retry-After': '120' },
		});
		const started = Date.now();
		const { error } = await getWorkflow({ maxRetryWait: 0.3 });
		recorder.fault('503 with Retry-After', injectedFaults(emulator));
		expect(error).toBeUndefined();
		const [gap] = gapsMs(attempts(emulator, 'GET', WORKFLOW_PATH));
		expect(gap).toBeGreaterThanOrEqual(280);
		expect(gap).toBeLessThan(1000);
		expect(Date.now() - started).toBeLessThan(5000);
	});

	test('without Retry-After the wait doubles (500 ms base, jittered)', async () => {
		emulator.injectFault({ method: 'GET', path: WORKFLOW_PATH, status: 503, times: 2 });
		const { error } = await getWorkflow();
		recorder.fault('503 without Retry-After', injectedFaults(emulator));
		expect(error).toBeUndefined();
		const [first, second] = gapsMs(attempts(emulator, 'GET', WORKFLOW_PATH));
		expect(first).toBeGreaterThanOrEqual(240);
		expect(first).toBeLessThan(500 + 500);
		expect(second).toBeGreaterThanOrEqual(490);
		expect(second).toBeLessThan(1000 + 500);
	});

	test('Max Retry Wait caps the backoff too', async () => {
		emulator.injectFault({ method: 'GET', path: WORKFLOW_PATH, status: 502, times: 3 });
		const { error } = await getWorkflow({ maxRetryWait: 0.05 });
		recorder.fault('502 from a proxy', injectedFaults(emulator));
		expect(error).toBeUndefined();
		// Uncapped, the three waits would be at least 250 + 500 + 1000 ms.
		const gaps = gapsMs(attempts(emulator, 'GET', WORKFLOW_PATH));
		expect(gaps).toHaveLength(3);
		expect(gaps.reduce((a, b) => a + b, 0)).toBeLessThan(3 * 50 + 450);
	});

	// GAP (nodes/AlteryxRequest/execute.ts buildRequest): the UI limits Retry Attempts to 10,
	// but an expression (or an imported workflow) can set any number and the code takes it.
	test('[gap: retries not capped in code] Retry Attempts from an expression is still bounded (at most 10 retries)', async () => {
		emulator.injectFault({ method: 'GET', path: WORKFLOW_PATH, status: 503, times: Infinity });
		const { error } = await getWorkflow({ maxRetries: 50, maxRetryWait: 0.001 });
		recorder.fault('503 without Retry-After', injectedFaults(emulator));
		expect(error.httpCode).toBe('503');
		expect(attempts(emulator, 'GET', WORKFLOW_PATH).length).toBeLessThanOrEqual(11);
	});
});

describe('PUT and DELETE are retried like GET', () => {
	const collectionId = () => [...emulator.state.collections.keys()][0];
	const IDEMPOTENT_FAULTS = [
		['503 without Retry-After', { status: 503 }, {}],
		['429 with Retry-After', { status: 429, headers: { 'Retry-After': '0' } }, {}],
		['connection reset', { kind: 'reset' }, {}],
		['no answer (timeout)', { kind: 'hang' }, { timeout: 250 }],
	];

	test.each(IDEMPOTENT_FAULTS)(
		'PUT after %s: retried, the record renamed once',
		async (label, fault, extra) => {
			const id = collectionId();
			const path = `/webapi/v3/collections/${id}`;
			emulator.injectFault({ method: 'PUT', path, ...fault });
			const { items, error } = await run(freshHarness(emulator), AlteryxPut, {
				parameters: {
					endpoint: `v3/collections/${id}`,
					sendBody: true,
					jsonBody: JSON.stringify({ name: 'Renamed by a retry', ownerId: ADA }),
					options: { maxRetryWait: 0.05, ...extra },
				},
			});
			recorder.fault(label, injectedFaults(emulator));
			expect(error).toBeUndefined();
			expect(items[0].json.name).toBe('Renamed by a retry');
			expect(attempts(emulator, 'PUT', path)).toHaveLength(2);
			expect(emulator.state.collections.get(id).name).toBe('Renamed by a retry');
		},
	);

	test('PUT whose answer came too late (the server did it): the retry repeats the same change', async () => {
		const id = collectionId();
		const path = `/webapi/v3/collections/${id}`;
		emulator.injectFault({ method: 'PUT', path, kind: 'slow', delayMs: 1500 });
		const { items, error } = await run(freshHarness(emulator), AlteryxPut, {
			parameters: {
				endpoint: `v3/collections/${id}`,
				sendBody: true,
				jsonBody: JSON.stringify({ name: 'Twice is once', ownerId: ADA }),
				options: { maxRetryWait: 0.05, timeout: 250 },
			},
		});
		recorder.fault('answer after the timeout', injectedFaults(emulator));
		expect(error).toBeUndefined();
		expect(items[0].json.name).toBe('Twice is once');
		expect(attempts(emulator, 'PUT', path)).toHaveLength(2);
	});

	test.each(IDEMPOTENT_FAULTS)(
		'DELETE after %s: retried, the record is gone',
		async (label, fault, extra) => {
			const id = collectionId();
			const path = `/webapi/v3/collections/${id}`;
			emulator.injectFault({ method: 'DELETE', path, ...fault });
			const { items, error } = await run(freshHarness(emulator), AlteryxDelete, {
				parameters: {
					endpoint: `v3/collections/${id}`,
					sendQuery: true,
					queryParameters: { parameters: [{ name: 'forceDelete', value: 'true' }] },
					options: { maxRetryWait: 0.05, ...extra },
				},
			});
			recorder.fault(label, injectedFaults(emulator));
			expect(error).toBeUndefined();
			expect(items[0].json.success).toBe(true);
			expect(attempts(emulator, 'DELETE', path)).toHaveLength(2);
			expect(emulator.state.collections.has(id)).toBe(false);
		},
	);
});

describe('POST is never repeated once it may have reached the server', () => {
	/** [label, fault, node options, jobs the server queued] */
	const MAYBE_SENT = [
		['503 without Retry-After', { status: 503 }, {}, 0],
		['503 with Retry-After', { status: 503, headers: { 'Retry-After': '0' } }, {}, 0],
		['429 with Retry-After', { status: 429, headers: { 'Retry-After': '0' } }, {}, 0],
		['502 from a proxy', { status: 502, headers: HTML, body: '<h1>502 Bad Gateway</h1>' }, {}, 0],
		[
			'504 from a proxy',
			{ status: 504, headers: HTML, body: '<h1>504 Gateway Time-out</h1>' },
			{},
			0,
		],
		['connection reset', { kind: 'reset' }, {}, 0],
		['no answer (timeout)', { kind: 'hang' }, { timeout: 250 }, 0],
		['answer after the timeout', { kind: 'slow', delayMs: 1500 }, { timeout: 250 }, 1],
		['response cut off (truncated JSON)', { kind: 'truncated' }, {}, 1],
	];

	test.each(MAYBE_SENT)(
		'%s on the enqueue: one attempt, never a second job',
		async (label, fault, extra, queued) => {
			emulator.injectFault({ method: 'POST', path: JOBS_PATH, ...fault });
			const { error } = await enqueueJob({ maxRetryWait: 0.05, ...extra });
			recorder.fault(label, injectedFaults(emulator));
			recorder.enqueues({ expected: queued, actual: emulator.counters.jobEnqueues });
			expect(attempts(emulator, 'POST', JOBS_PATH)).toHaveLength(1);
			expect(emulator.counters.jobEnqueues).toBe(queued);
			expect(error).toBeDefined();
			expect(error.context.itemIndex).toBe(0);
			expect(error.description ?? '').not.toMatch(/Tried \d+ times/);
		},
	);

	/** 2xx answers whose body is not what the Web API sends: [label, fault, what the error says] */
	const GARBLED_2XX = [
		[
			'HTML login page with status 200',
			{ status: 200, headers: HTML, body: LOGIN_PAGE },
			/web page/,
		],
		[
			'malformed JSON with status 200',
			{
				status: 200,
				headers: JSON_TYPE,
				body: '{"id": "66ebd18d3d620f0000000001", status: Queued}',
			},
			/malformed JSON/,
		],
		[
			'cut-off JSON with status 200',
			{
				status: 200,
				headers: JSON_TYPE,
				body: '{"id": "66ebd18d3d620f0000000001", "status": "Que',
			},
			/incomplete/,
		],
	];

	test.each(GARBLED_2XX)(
		'%s on the enqueue: sent once (the server may have queued the job), and the error says what came back',
		async (label, fault, what) => {
			emulator.injectFault({ method: 'POST', path: JOBS_PATH, times: Infinity, ...fault });
			const { error } = await enqueueJob({ maxRetries: 3, maxRetryWait: 0.01 });
			recorder.fault(label, injectedFaults(emulator));
			recorder.enqueues({ expected: 0, actual: emulator.counters.jobEnqueues });
			expect(attempts(emulator, 'POST', JOBS_PATH)).toHaveLength(1);
			expect(error.constructor.name).toBe('NodeApiError');
			expect(error.message).toMatch(what);
			expect(error.context.itemIndex).toBe(0);
			// The job may be queued: the user is told to check before running it again.
			expect(error.description).toMatch(/may already have carried out this POST/);
			expect(error.description).not.toMatch(/Tried \d+ times/);
		},
	);

	// GAP (nodes/transport/request.ts connectionError): a POST whose connection dropped or timed
	// out after it was sent is reported as "unreachable" / "did not answer in time" with advice to
	// check the address or raise the timeout. The job may well be queued (the emulator counts
	// it); the user must be told so, or a re-run queues it twice.
	test.each([
		['connection reset', { kind: 'reset' }, {}],
		['answer after the timeout', { kind: 'slow', delayMs: 1500 }, { timeout: 250 }],
		['response cut off (truncated JSON)', { kind: 'truncated' }, {}],
	])(
		'[gap: POST may-have-run not explained] %s on a POST: the error says the job may already be queued',
		async (label, fault, extra) => {
			emulator.injectFault({ method: 'POST', path: JOBS_PATH, ...fault });
			const { error } = await enqueueJob(extra);
			recorder.fault(label, injectedFaults(emulator));
			recorder.enqueues({
				expected: emulator.counters.jobEnqueues,
				actual: emulator.counters.jobEnqueues,
			});
			const text = `${error.message}\n${error.description}`;
			expect(text).not.toMatch(/unreachable/i);
			expect(text).toMatch(/may (already )?have/i);
			expect(text).toMatch(/again/i);
		},
	);

	test('the token endpoint failing twice (503): the POST is sent once the token comes, one job', async () => {
		emulator.injectFault({ path: TOKEN_PATH, status: 503, times: 2 });
		const { items, error } = await enqueueJob({ maxRetryWait: 0.05 });
		recorder.fault('token endpoint down (503)', injectedFaults(emulator));
		recorder.enqueues({ expected: 1, actual: emulator.counters.jobEnqueues });
		expect(error).toBeUndefined();
		expect(items[0].json.status).toBe('Queued');
		expect(tokenRequests(emulator)).toHaveLength(3);
		expect(attempts(emulator, 'POST', JOBS_PATH)).toHaveLength(1);
		expect(emulator.counters.jobEnqueues).toBe(1);
	});

	test('the token endpoint dropping connections: the POST waits for a token, one job', async () => {
		emulator.injectFault({ path: TOKEN_PATH, kind: 'reset', times: 2 });
		const { error } = await enqueueJob({ maxRetryWait: 0.05 });
		recorder.fault('token endpoint down (reset)', injectedFaults(emulator));
		recorder.enqueues({ expected: 1, actual: emulator.counters.jobEnqueues });
		expect(error).toBeUndefined();
		expect(tokenRequests(emulator)).toHaveLength(3);
		expect(emulator.counters.jobEnqueues).toBe(1);
	});

	test('the token endpoint down for 400 ms: retried until it is back, one job', async () => {
		const outage = emulator.injectFault({ path: TOKEN_PATH, status: 503, times: Infinity });
		const timer = setTimeout(() => {
			outage.remaining = 0;
		}, 400);
		const { error } = await enqueueJob({ maxRetries: 6, maxRetryWait: 0.15 });
		clearTimeout(timer);
		recorder.fault('token endpoint down (503)', injectedFaults(emulator));
		recorder.enqueues({ expected: 1, actual: emulator.counters.jobEnqueues });
		expect(error).toBeUndefined();
		expect(tokenRequests(emulator).length).toBeGreaterThanOrEqual(2);
		expect(emulator.counters.jobEnqueues).toBe(1);
	});

	test('the server down (connection refused) before the token: retried, one job once it is up', async () => {
		const port = await closedPort();
		const { clientId, clientSecret } = emulator.credentials.curator;
		const harness = createHarness({
			webApiUrl: `http://127.0.0.1:${port}/webapi/`,
			apiAccessKey: clientId,
			apiAccessSecret: clientSecret,
		});
		const starting = emulatorBackOnPortAfter(port, 150);
		let late;
		try {
			const result = await enqueueJob({ maxRetries: 5, maxRetryWait: 0.2 }, harness);
			late = await starting;
			recorder.fault('connection refused (server down)', 1);
			recorder.enqueues({ expected: 1, actual: late.counters.jobEnqueues });
			recorder.absorb(late);
			expect(result.error).toBeUndefined();
			expect(late.counters.jobEnqueues).toBe(1);
		} finally {
			await (late ?? (await starting)).close();
		}
	});

	test('the server down (connection refused) after the token: the POST never left, so it is retried; one job', async () => {
		const port = await closedPort();
		const first = await startEmulator({ port });
		const { clientId, clientSecret } = first.credentials.curator;
		const harness = createHarness({
			webApiUrl: first.webApiUrl,
			apiAccessKey: clientId,
			apiAccessSecret: clientSecret,
		});
		expect(
			(await run(harness, AlteryxGet, { parameters: { endpoint: 'v3/workflows' } })).error,
		).toBeUndefined();
		recorder.absorb(first);
		await first.close();

		const starting = emulatorBackOnPortAfter(port, 150);
		let second;
		try {
			const result = await enqueueJob({ maxRetries: 5, maxRetryWait: 0.2 }, harness);
			second = await starting;
			recorder.fault('connection refused (server down)', 1);
			recorder.enqueues({ expected: 1, actual: second.counters.jobEnqueues });
			recorder.absorb(second);
			expect(result.error).toBeUndefined();
			expect(second.counters.jobEnqueues).toBe(1);
		} finally {
			await (second ?? (await starting)).close();
		}
	});

	test('100 POSTs in parallel batches while the token endpoint flaps: exactly 100 jobs', async () => {
		emulator.injectFault({ path: TOKEN_PATH, status: 503, times: 2 });
		emulator.injectFault({ path: TOKEN_PATH, kind: 'reset', times: 1 });
		const items = Array.from({ length: 100 }, (_, index) => ({ json: { index } }));
		const { items: output, error } = await enqueueJob(
			{
				maxRetries: 5,
				maxRetryWait: 0.05,
				batching: { batch: { batchSize: 25, batchInterval: 0 } },
			},
			freshHarness(emulator),
			items,
		);
		recorder.fault('token endpoint down (503)', 2);
		recorder.fault('token endpoint down (reset)', 1);
		recorder.enqueues({ expected: 100, actual: emulator.counters.jobEnqueues });
		recorder.items({
			expected: 100,
			delivered: output?.length ?? 0,
			lost: 100 - (output?.length ?? 0),
		});
		expect(error).toBeUndefined();
		expect(output.map((item) => item.pairedItem.item)).toEqual(items.map((_, index) => index));
		expect(new Set(output.map((item) => item.json.id)).size).toBe(100);
		expect(emulator.counters.jobEnqueues).toBe(100);
	});
});

describe('response bodies', () => {
	const withBom = (value) =>
		Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(JSON.stringify(value))]);

	test.each(['autodetect', 'json'])(
		'JSON with a UTF-8 BOM is read as JSON (Response Format %s)',
		async (responseFormat) => {
			emulator.injectFault({
				method: 'GET',
				path: WORKFLOW_PATH,
				status: 200,
				headers: JSON_TYPE,
				body: withBom({ id: SALES_FORECAST, name: 'Sales Forecast' }),
			});
			const { items, error } = await getWorkflow({ responseFormat });
			recorder.fault('JSON with a UTF-8 BOM', injectedFaults(emulator));
			expect(error).toBeUndefined();
			expect(items[0].json).toEqual({ id: SALES_FORECAST, name: 'Sales Forecast' });
			expect(attempts(emulator, 'GET', WORKFLOW_PATH)).toHaveLength(1);
		},
	);

	test('an error body with a BOM still gives Alteryx’s message and field messages', async () => {
		emulator.injectFault({
			method: 'GET',
			path: WORKFLOW_PATH,
			status: 400,
			headers: JSON_TYPE,
			body: withBom({
				message: 'The request is invalid.',
				modelState: { 'contract.name': ['The Name field is required.'] },
			}),
		});
		const { error } = await getWorkflow();
		recorder.fault('JSON with a UTF-8 BOM', injectedFaults(emulator));
		expect(error.message).toBe('The request is invalid. (HTTP 400)');
		expect(error.description).toMatch(/name: The Name field is required\./);
	});

	test('a created id as a JSON string literal with a BOM becomes { id }', async () => {
		emulator.injectFault({
			method: 'POST',
			path: '/webapi/v3/collections',
			status: 200,
			headers: JSON_TYPE,
			body: withBom('66ebd18d3d620006000000ff'),
		});
		const { items, error } = await run(freshHarness(emulator), AlteryxPost, {
			parameters: { endpoint: 'v3/collections', sendBody: true, jsonBody: '{"name": "BOM"}' },
		});
		recorder.fault('JSON with a UTF-8 BOM', injectedFaults(emulator));
		expect(error).toBeUndefined();
		expect(items[0].json).toEqual({ id: '66ebd18d3d620006000000ff' });
	});

	// GAP (nodes/transport/request.ts sendOnce/responseOf): when the connection closes before
	// the announced Content-Length arrived, axios rejects with "stream has been aborted" and the
	// 200 response attached. The transport reads that as a failed *status* 200: "Alteryx Server
	// answered HTTP 200", no description, and no retry for GET.
	test('[gap: cut-off body read as "HTTP 200"] a GET whose answer is cut off mid-body is retried, then explained', async () => {
		emulator.injectFault({ method: 'GET', path: WORKFLOW_PATH, kind: 'truncated', times: 2 });
		const retried = await getWorkflow({ maxRetryWait: 0.05 });
		recorder.fault('response cut off (truncated JSON)', injectedFaults(emulator));
		expect(retried.error).toBeUndefined();
		expect(attempts(emulator, 'GET', WORKFLOW_PATH)).toHaveLength(3);

		emulator.reset();
		emulator.injectFault({
			method: 'GET',
			path: WORKFLOW_PATH,
			kind: 'truncated',
			times: Infinity,
		});
		const { error } = await getWorkflow({ maxRetries: 1, maxRetryWait: 0.05 });
		recorder.fault('response cut off (truncated JSON)', injectedFaults(emulator));
		expect(error.message).not.toMatch(/answered HTTP 200/);
		expectActionable(error, /cut off|incomplete|dropped|interrupted/i, /again/i);
	});
});

describe('token endpoint down', () => {
	test('GET: two failed token requests, then the data', async () => {
		emulator.injectFault({ path: TOKEN_PATH, status: 503, times: 2 });
		const { items, error } = await getWorkflow({ maxRetryWait: 0.05 });
		recorder.fault('token endpoint down (503)', injectedFaults(emulator));
		expect(error).toBeUndefined();
		expect(items[0].json.id).toBe(SALES_FORECAST);
		expect(tokenRequests(emulator)).toHaveLength(3);
	});

	test('GET: a token endpoint that stays down is reported as such after the retries', async () => {
		emulator.injectFault({ path: TOKEN_PATH, status: 503, times: Infinity });
		const { error } = await getWorkflow({ maxRetries: 2, maxRetryWait: 0.05 });
		recorder.fault('token endpoint down (503)', injectedFaults(emulator));
		expect(tokenRequests(emulator)).toHaveLength(3);
		expect(attempts(emulator, 'GET', WORKFLOW_PATH)).toHaveLength(0);
		expectActionable(error, /could not issue an access token.*503/, /Try again later/);
		expect(error.description).toMatch(/Tried 3 times/);
	});

	test('GET: a token endpoint that never answers the connection reports "unreachable" with the code', async () => {
		emulator.injectFault({ path: TOKEN_PATH, kind: 'reset', times: Infinity });
		const { error } = await getWorkflow({ maxRetries: 1, maxRetryWait: 0.05 });
		recorder.fault('token endpoint down (reset)', injectedFaults(emulator));
		expect(tokenRequests(emulator)).toHaveLength(2);
		expectActionable(error, /unreachable/, /ECONNRESET.*Check the Web API Address/s);
	});

	// GAP (nodes/transport/token.ts describeRejectedExchange): a 429 from the token endpoint
	// falls through to "Check the Web API Address, the API Access Key and Secret…", which sends
	// the user hunting for a wrong key while the server is only rate-limiting.
	test('[gap: token 429 blamed on the key] a rate-limited token endpoint says to slow down or wait, not to check the key', async () => {
		emulator.injectFault({ path: TOKEN_PATH, status: 429, times: Infinity });
		const { error } = await getWorkflow({ maxRetries: 1, maxRetryWait: 0.05 });
		recorder.fault('token endpoint down (429)', injectedFaults(emulator));
		expect(error.httpCode).toBe('429');
		expect(error.description).not.toMatch(/API Access Key/);
		expect(error.description).toMatch(/later|rate|busy/i);
	});

	test('Authenticate node: a token endpoint that is down fails with what happened and what to do', async () => {
		emulator.injectFault({ path: TOKEN_PATH, status: 503, times: Infinity });
		const { error } = await run(freshHarness(emulator), AlteryxAuthenticate, QUICK_AUTHENTICATE);
		recorder.fault('token endpoint down (503)', injectedFaults(emulator));
		expectActionable(error, /could not issue an access token.*503/, /Try again later/);
	});

	test('Authenticate node: a dropped connection is reported as unreachable with the code', async () => {
		emulator.injectFault({ path: TOKEN_PATH, kind: 'reset', times: Infinity });
		const { error } = await run(freshHarness(emulator), AlteryxAuthenticate, QUICK_AUTHENTICATE);
		recorder.fault('token endpoint down (reset)', injectedFaults(emulator));
		expectActionable(error, /unreachable/, /ECONNRESET/);
	});

	test('Authenticate node with Continue On Fail: one error item per input item, paired', async () => {
		emulator.injectFault({ path: TOKEN_PATH, status: 503, times: Infinity });
		const { items, error } = await run(freshHarness(emulator), AlteryxAuthenticate, {
			...QUICK_AUTHENTICATE,
			items: [{ a: 1 }, { a: 2 }, { a: 3 }],
			continueOnFail: true,
		});
		recorder.fault('token endpoint down (503)', injectedFaults(emulator));
		expect(error).toBeUndefined();
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		for (const item of items) {
			expect(item.json.error).toMatch(/could not issue an access token/);
			expect(item.json.details.description).toMatch(/Try again later/);
		}
	});

	// GAP (nodes/AlteryxAuthenticate/AlteryxAuthenticate.node.ts execute): the node calls
	// requestAccessToken once; a token endpoint that is down for a moment fails the node while the
	// verb nodes (through the transport) ride it out. (QUICK_AUTHENTICATE assumes the retry gets
	// the verb nodes' Max Retry Wait option; today the node ignores it.)
	test('[gap: Authenticate node has no retry] a token endpoint down for a moment is retried', async () => {
		emulator.injectFault({ path: TOKEN_PATH, status: 503, times: 1 });
		const { items, error } = await run(
			freshHarness(emulator),
			AlteryxAuthenticate,
			QUICK_AUTHENTICATE,
		);
		recorder.fault('token endpoint down (503)', injectedFaults(emulator));
		expect(error).toBeUndefined();
		expect(items[0].json.authorizationToken).toMatch(/^Bearer /);
		expect(tokenRequests(emulator)).toHaveLength(2);
	});
});

describe('slow servers: Timeout is a deadline for the whole exchange', () => {
	// A socket-idle timeout never fires on these: each sends something at least once a second.
	// The emulator gives up on its own after durationMs, so nothing outlives the suite.
	const TRICKLE_MS = 60_000;
	const JOB_PATH = /^\/webapi\/v3\/jobs\/[0-9a-f]{24}$/;
	const SLOW_SERVERS = [
		['trickling body', { kind: 'trickle', durationMs: TRICKLE_MS }],
		['headers sent slowly', { kind: 'trickleHeaders', durationMs: TRICKLE_MS }],
		['accepted, never answered', { kind: 'hang' }],
	];

	// A token exchange outlives the request that started it (up to its own 60 s deadline, so a
	// later request can still use its token): end it, or the next test would join it.
	afterEach(() => {
		for (const response of emulator.hangingResponses) response.destroy();
	});

	/** Resolves once the emulator holds no open slow response (the client really let go). */
	async function slowResponsesClosed() {
		for (let wait = 0; wait < 40 && emulator.hangingResponses.size > 0; wait++) {
			await new Promise((resolve) => setTimeout(resolve, 50));
		}
		return emulator.hangingResponses.size;
	}

	test.each(SLOW_SERVERS)(
		'GET, server fault "%s": fails at the deadline, long before the server is done',
		async (label, fault) => {
			emulator.injectFault({ method: 'GET', path: WORKFLOW_PATH, times: Infinity, ...fault });
			const started = Date.now();
			const { error } = await getWorkflow({ timeout: 2000, maxRetries: 0 });
			const elapsed = Date.now() - started;
			recorder.fault(label, injectedFaults(emulator));
			expect(elapsed).toBeGreaterThanOrEqual(1900);
			expect(elapsed).toBeLessThan(15_000);
			expectActionable(
				error,
				/^Alteryx Server was too slow: no complete answer within 2 s \(GET \/webapi\/v3\/workflows\/66ebd18d3d62000400000001\)$/,
				/Raise the Timeout option.*connecting, the access token, the headers and the whole body/s,
			);
			expect(error.context.itemIndex).toBe(0);
			// The connection is torn down, not just abandoned: the server sees the client go.
			expect(await slowResponsesClosed()).toBe(0);
		},
	);

	test('a trickling GET is retried like a timeout, each attempt with its own deadline', async () => {
		emulator.injectFault({
			method: 'GET',
			path: WORKFLOW_PATH,
			kind: 'trickle',
			durationMs: TRICKLE_MS,
		});
		const started = Date.now();
		const { items, error } = await getWorkflow({ timeout: 1000, maxRetryWait: 0.05 });
		recorder.fault('trickling body', injectedFaults(emulator));
		expect(error).toBeUndefined();
		expect(items[0].json.id).toBe(SALES_FORECAST);
		expect(attempts(emulator, 'GET', WORKFLOW_PATH)).toHaveLength(2);
		expect(Date.now() - started).toBeLessThan(10_000);
	});

	test.each([
		['trickling body', { kind: 'trickle', durationMs: TRICKLE_MS }],
		['headers sent slowly', { kind: 'trickleHeaders', durationMs: TRICKLE_MS }],
	])(
		'POST, server fault "%s": sent exactly once, and the error says it may have run',
		async (label, fault) => {
			emulator.injectFault({ method: 'POST', path: JOBS_PATH, times: Infinity, ...fault });
			const started = Date.now();
			const { error } = await enqueueJob({ timeout: 2000, maxRetryWait: 0.05 });
			recorder.fault(label, injectedFaults(emulator));
			// The trickled answer is the real one: the job was queued, once.
			recorder.enqueues({ expected: 1, actual: emulator.counters.jobEnqueues });
			expect(Date.now() - started).toBeLessThan(15_000);
			expect(attempts(emulator, 'POST', JOBS_PATH)).toHaveLength(1);
			expect(emulator.counters.jobEnqueues).toBe(1);
			expectActionable(
				error,
				/too slow: no complete answer within 2 s \(POST \/webapi\/v3\/workflows\/.*\/jobs\)$/,
				/may already have carried out this POST.*not sent again/s,
			);
			expect(await slowResponsesClosed()).toBe(0);
		},
	);

	test('a trickling token endpoint: the request fails at its own deadline, not the token’s 60 s', async () => {
		emulator.injectFault({
			path: TOKEN_PATH,
			kind: 'trickle',
			durationMs: TRICKLE_MS,
			times: Infinity,
		});
		const started = Date.now();
		const { error } = await getWorkflow({ timeout: 2000, maxRetries: 0 });
		recorder.fault('token endpoint trickling', injectedFaults(emulator));
		expect(Date.now() - started).toBeLessThan(15_000);
		expect(attempts(emulator, 'GET', WORKFLOW_PATH)).toHaveLength(0);
		expectActionable(error, /too slow: no complete answer within 2 s/, /access token/);
	});

	test('the token exchange has a deadline of its own (the credential and the Authenticate node)', async () => {
		const corePaths = { paths: [require.resolve('n8n-core')] };
		const { Container } = require(require.resolve('@n8n/di', corePaths));
		const { OutboundHttp } = require(require.resolve('@n8n/backend-network', corePaths));
		const { requestAccessToken } = require('../../nodes/transport/token');
		emulator.injectFault({ path: TOKEN_PATH, kind: 'trickle', durationMs: TRICKLE_MS });
		const { clientId, clientSecret } = emulator.credentials.curator;
		const started = Date.now();
		const error = await requestAccessToken(
			(options) => Container.get(OutboundHttp).requests().request(options),
			{ webApiUrl: emulator.webApiUrl, apiAccessKey: clientId, apiAccessSecret: clientSecret },
			1500,
		).catch((failure) => failure);
		recorder.fault('token endpoint trickling', injectedFaults(emulator));
		expect(Date.now() - started).toBeLessThan(10_000);
		expect(error.message).toBe(
			'Alteryx Server was too slow to issue an access token: no complete answer within 1.5 s (POST /webapi/oauth2/token)',
		);
		// Retried like a timeout (the token request changes nothing).
		expect(error.networkCode).toBe('ETIMEDOUT');
		expect(await slowResponsesClosed()).toBe(0);
	});

	test('Run and Wait: a trickling status poll fails the item within its Timeout, not after the transport’s 300 s', async () => {
		const { AlteryxServer } = require('../../nodes/AlteryxServer/AlteryxServer.node');
		emulator.injectFault({
			method: 'GET',
			path: JOB_PATH,
			kind: 'trickle',
			durationMs: TRICKLE_MS,
			times: Infinity,
		});
		const started = Date.now();
		const { error } = await run(freshHarness(emulator), AlteryxServer, {
			parameters: {
				resource: 'workflow',
				operation: 'run',
				workflowId: { __rl: true, mode: 'id', value: SALES_FORECAST },
				waitForCompletion: true,
				options: { timeout: 1, pollInterval: 0.1 },
			},
		});
		recorder.fault('trickling body', injectedFaults(emulator));
		expect(Date.now() - started).toBeLessThan(15_000);
		expect(emulator.counters.jobEnqueues).toBe(1);
		expectActionable(
			error,
			/too slow: no complete answer within 1 s \(GET \/webapi\/v3\/jobs\/[0-9a-f]{24}\)$/,
			/Raise the Timeout option/,
		);
		expect(await slowResponsesClosed()).toBe(0);
	});

	test('a cancelled execution stops a trickling request at once and is not reported as a timeout', async () => {
		emulator.injectFault({
			method: 'GET',
			path: WORKFLOW_PATH,
			kind: 'trickle',
			durationMs: TRICKLE_MS,
			times: Infinity,
		});
		const cancel = new AbortController();
		// Cancelled once the GET is being trickled.
		const watcher = setInterval(() => {
			if (attempts(emulator, 'GET', WORKFLOW_PATH).length > 0) {
				clearInterval(watcher);
				setTimeout(() => cancel.abort(), 300);
			}
		}, 20);
		const started = Date.now();
		const { error } = await run(freshHarness(emulator), AlteryxGet, {
			parameters: { endpoint: `v3/workflows/${SALES_FORECAST}`, options: { timeout: 10_000 } },
			abortSignal: cancel.signal,
		});
		clearInterval(watcher);
		recorder.fault('trickling body', injectedFaults(emulator));
		expect(Date.now() - started).toBeLessThan(5000);
		expect(error.message).toBe('The execution was cancelled');
		expect(error.message).not.toMatch(/too slow/);
		expect(attempts(emulator, 'GET', WORKFLOW_PATH)).toHaveLength(1);
		expect(await slowResponsesClosed()).toBe(0);
	});
});

describe('oversized answers: Max Response Size', () => {
	const MIB = 1024 * 1024;
	// 2 MiB of JSON: 1024 records of about 2 KiB.
	const bigList = () =>
		JSON.stringify(
			Array.from({ length: 1024 }, (_, index) => ({ index, padding: 'x'.repeat(2100) })),
		);
	const injectBig = (headers = JSON_TYPE, body = bigList()) =>
		emulator.injectFault({ method: 'GET', path: WORKFLOW_PATH, status: 200, headers, body });

	test.each([
		['JSON', JSON_TYPE, 'autodetect'],
		['JSON', JSON_TYPE, 'json'],
		['text', { 'Content-Type': 'text/plain; charset=utf-8' }, 'autodetect'],
		['text', JSON_TYPE, 'text'],
	])(
		'%s over the limit (%j, Response Format %s) fails the item before it becomes items, not retried',
		async (kind, headers, responseFormat) => {
			injectBig(headers);
			const { error } = await getWorkflow({ maxResponseSize: 1, responseFormat });
			recorder.fault('oversized answer', injectedFaults(emulator));
			expect(error.constructor.name).toBe('NodeOperationError');
			expect(error.message).toMatch(
				new RegExp(
					`too large to turn into items: 2(\\.\\d+)? MiB of ${kind}, more than the limit of 1 MiB`,
				),
			);
			expect(error.description).toMatch(/Pagination.*Response Format to File.*Max Response Size/s);
			expect(error.context.itemIndex).toBe(0);
			expect(attempts(emulator, 'GET', WORKFLOW_PATH)).toHaveLength(1);
		},
	);

	test('with Continue On Fail the oversized item becomes an error item, the others go on', async () => {
		injectBig();
		const { items, error } = await run(freshHarness(emulator), AlteryxGet, {
			parameters: { endpoint: `v3/workflows/${SALES_FORECAST}`, options: { maxResponseSize: 1 } },
			items: [{ a: 1 }, { a: 2 }],
			continueOnFail: true,
		});
		recorder.fault('oversized answer', injectedFaults(emulator));
		expect(error).toBeUndefined();
		expect(items).toHaveLength(2);
		expect(items[0].json.error).toMatch(/too large to turn into items/);
		expect(items[0].pairedItem).toEqual({ item: 0 });
		expect(items[1].json.id).toBe(SALES_FORECAST);
		expect(items[1].pairedItem).toEqual({ item: 1 });
	});

	test('files are not limited: Response Format File keeps the whole answer', async () => {
		const body = bigList();
		injectBig(JSON_TYPE, body);
		const harness = freshHarness(emulator);
		const { items, error } = await run(harness, AlteryxGet, {
			parameters: {
				endpoint: `v3/workflows/${SALES_FORECAST}`,
				options: { maxResponseSize: 1, responseFormat: 'file' },
			},
		});
		expect(error).toBeUndefined();
		const bytes = await harness.binaryBuffer(items[0].binary.data);
		expect(bytes.length).toBe(Buffer.byteLength(body));
		expect(bytes.length).toBeGreaterThan(2 * MIB - 1);
	});

	test('0 means no limit', async () => {
		injectBig();
		const { items, error } = await getWorkflow({ maxResponseSize: 0 });
		expect(error).toBeUndefined();
		expect(items).toHaveLength(1024);
	});

	test('an answer within the limit is read as usual', async () => {
		injectBig();
		const { items, error } = await getWorkflow({ maxResponseSize: 3 });
		expect(error).toBeUndefined();
		expect(items).toHaveLength(1024);
	});

	test('a Max Response Size that is not a number of MiB is a configuration error naming it', async () => {
		const { error } = await getWorkflow({ maxResponseSize: 'lots' });
		expect(error.constructor.name).toBe('NodeOperationError');
		expect(error.message).toMatch(/Max Response Size must be a number of MiB.*"lots"/);
		expect(attempts(emulator, 'GET', WORKFLOW_PATH)).toHaveLength(0);
	});

	test('the Alteryx Server node refuses a JSON answer over the default 64 MiB', async () => {
		const { AlteryxServer } = require('../../nodes/AlteryxServer/AlteryxServer.node');
		// 65 MiB of valid JSON (an empty list padded with spaces): cheap to build and to send.
		const body = Buffer.alloc(65 * MIB, 0x20);
		body[0] = 0x5b; // [
		body[body.length - 1] = 0x5d; // ]
		emulator.injectFault({
			method: 'GET',
			path: WORKFLOW_PATH,
			status: 200,
			headers: JSON_TYPE,
			body,
		});
		const { error } = await run(freshHarness(emulator), AlteryxServer, {
			parameters: {
				resource: 'workflow',
				operation: 'get',
				workflowId: { __rl: true, mode: 'id', value: SALES_FORECAST },
			},
		});
		recorder.fault('oversized answer', injectedFaults(emulator));
		expect(error.message).toMatch(
			/too large to turn into items: 65 MiB of JSON, more than the limit of 64 MiB/,
		);
	});
});
