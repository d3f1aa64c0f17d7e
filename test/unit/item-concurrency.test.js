'use strict';
// Concurrent Requests in the GET/POST/PUT/DELETE nodes and the Alteryx Server node, against the
// emulator: a gate in front of the emulator holds every API request until the test lets it
// through, so "N in flight" and "the next starts when one is done" are checked by counting
// requests, never by time. A window that sent fewer than N, or waited for a whole batch, would
// never fill the gate and the test would time out; one that sent more is counted.
const { AlteryxGet } = require('../../nodes/AlteryxGet/AlteryxGet.node');
const { AlteryxPost } = require('../../nodes/AlteryxPost/AlteryxPost.node');
const { AlteryxServer } = require('../../nodes/AlteryxServer/AlteryxServer.node');
const { createHarness } = require('../harness');
const { DEFAULT_CONCURRENT_REQUESTS } = require('../../nodes/transport/concurrency');
const { harnessFor, requestsTo, useServerAndHarness } = require('./helpers');

const TOKEN_PATH = '/webapi/oauth2/token';
const SALES_FORECAST = '66ebd18d3d62000400000001';
const BO = '66ebd18d3d62000100000002';
const byId = (value) => ({ __rl: true, mode: 'id', value });

const env = useServerAndHarness({ jobTimings: { queuedMs: 50, runningMs: 100 } });

/** `count` workflows cloned from Sales Forecast, each with its own id, in item order. */
function seedWorkflows(count) {
	const template = env.emulator.state.workflows.get(SALES_FORECAST);
	return Array.from({ length: count }, (_, index) => {
		const id = `66ebd18d3d6200fe${index.toString(16).padStart(8, '0')}`;
		env.emulator.state.workflows.set(id, { ...template, id, name: `Concurrency ${index}` });
		return id;
	});
}

/**
 * Holds the emulator's API requests (not the token requests) until released. `state.order` is
 * the arrival order ("METHOD /path"), `state.peak` the most requests in flight at once (from
 * arrival until the answer was sent).
 */
function gateEmulator(emulator) {
	const server = emulator.server;
	const listeners = server.listeners('request');
	server.removeAllListeners('request');
	const state = { held: [], order: [], finished: [], inFlight: 0, peak: 0, done: false };
	let waiters = [];
	const changed = () => {
		const current = waiters;
		waiters = [];
		for (const wake of current) wake();
	};
	server.on('request', (request, response) => {
		const pass = () => {
			for (const listener of listeners) listener.call(server, request, response);
		};
		if (request.url.startsWith(TOKEN_PATH)) return pass();
		state.inFlight++;
		state.peak = Math.max(state.peak, state.inFlight);
		const call = `${request.method} ${request.url.replace(/^\/webapi/, '').split('?')[0]}`;
		state.order.push(call);
		response.once('finish', () => {
			state.finished.push(call);
			state.inFlight--;
			changed();
		});
		state.held.push(pass);
		changed();
	});
	const gate = {
		state,
		/** Resolves when `predicate(state)` holds or the node run is over. */
		async until(predicate) {
			while (!predicate(state) && !state.done) await new Promise((wake) => waiters.push(wake));
		},
		release(which = 'oldest') {
			const pass = which === 'newest' ? state.held.pop() : state.held.shift();
			pass();
		},
		/**
		 * Runs the node while letting requests through one at a time, each only once `target`
		 * requests are held (fewer at the end): a window of `target` keeps that many waiting.
		 * With `all`, every held request goes through at once (batches wait for each other).
		 */
		async drive(run, { target, total, which = 'oldest', all = false }) {
			const running = run().finally(() => {
				state.done = true;
				changed();
			});
			running.catch(() => {});
			for (let released = 0; released < total && !state.done; ) {
				await gate.until((s) => s.held.length >= Math.min(target, total - released));
				if (state.done) break;
				do {
					gate.release(which);
					released++;
				} while (all && state.held.length > 0);
			}
			return await running;
		},
		restore() {
			server.removeAllListeners('request');
			for (const listener of listeners) server.on('request', listener);
			for (const pass of state.held.splice(0)) pass();
		},
	};
	return gate;
}

let gate;
afterEach(() => {
	gate?.restore();
	gate = undefined;
});

/**
 * The shared harness holds a token the emulator accepts (a reset forgets them): a first use or a
 * renewal would hold every item behind the first one (the first-use gate) and count twice.
 */
async function withValidToken() {
	await env.harness.execute(AlteryxGet, { parameters: { endpoint: 'v3/workflows' } });
}

describe('the verb nodes send items concurrently', () => {
	beforeEach(withValidToken);
	test(`with default options: ${DEFAULT_CONCURRENT_REQUESTS} in flight, the next as soon as one is done; output in input order, paired`, async () => {
		const ids = seedWorkflows(25);
		gate = gateEmulator(env.emulator);
		// The newest request is answered first, so items finish in another order than they started.
		const [items] = await gate.drive(
			() =>
				env.harness.execute(AlteryxGet, {
					parameters: { endpoint: '=v3/workflows/{{ $json.id }}' },
					items: ids.map((id) => ({ id })),
				}),
			{ target: DEFAULT_CONCURRENT_REQUESTS, total: 25, which: 'newest' },
		);
		expect(gate.state.peak).toBe(DEFAULT_CONCURRENT_REQUESTS);
		expect(items.map((item) => item.json.id)).toEqual(ids);
		expect(items.map((item) => item.pairedItem)).toEqual(ids.map((_, item) => ({ item })));
		// Sent in item order, answered in another.
		expect(gate.state.order).toEqual(ids.map((id) => `GET /v3/workflows/${id}`));
		expect(gate.state.finished[0]).toBe(`GET /v3/workflows/${ids[9]}`);
	});

	test.each([1, 3])('Concurrent Requests %i: at most that many in flight', async (n) => {
		const ids = seedWorkflows(8);
		gate = gateEmulator(env.emulator);
		const [items] = await gate.drive(
			() =>
				env.harness.execute(AlteryxGet, {
					parameters: {
						endpoint: '=v3/workflows/{{ $json.id }}',
						options: { concurrentRequests: n },
					},
					items: ids.map((id) => ({ id })),
				}),
			{ target: n, total: 8 },
		);
		expect(gate.state.peak).toBe(n);
		expect(items.map((item) => item.json.id)).toEqual(ids);
		if (n === 1) expect(gate.state.order).toEqual(ids.map((id) => `GET /v3/workflows/${id}`));
	});

	test.each([
		['Batching alone: a batch at once, as before the option', {}, 4],
		['Batching with Concurrent Requests 2: the batch capped', { concurrentRequests: 2 }, 2],
	])('%s', async (_, extra, expectedPeak) => {
		const ids = seedWorkflows(8);
		gate = gateEmulator(env.emulator);
		const [items] = await gate.drive(
			() =>
				env.harness.execute(AlteryxGet, {
					parameters: {
						endpoint: '=v3/workflows/{{ $json.id }}',
						options: { batching: { batch: { batchSize: 4, batchInterval: 0 } }, ...extra },
					},
					items: ids.map((id) => ({ id })),
				}),
			{ target: expectedPeak, total: 8, all: true },
		);
		expect(gate.state.peak).toBe(expectedPeak);
		expect(items.map((item) => item.json.id)).toEqual(ids);
	});

	test('Concurrent Requests 0 fails the node before anything is sent', async () => {
		const sent = env.emulator.requests.length;
		const error = await env.harness
			.execute(AlteryxGet, {
				parameters: { endpoint: 'v3/workflows', options: { concurrentRequests: 0 } },
				items: [{}, {}],
			})
			.catch((caught) => caught);
		expect(error.message).toMatch(/Concurrent Requests must be a whole number, at least 1/);
		expect(env.emulator.requests).toHaveLength(sent);
	});

	describe('failed items', () => {
		const MISSING = ['66ebd18d3d620004000000f3', '66ebd18d3d620004000000f7'];
		const itemsWithTwoMissing = (ids) =>
			ids.map((id, index) => ({ id: index === 3 ? MISSING[0] : index === 7 ? MISSING[1] : id }));

		test('without Continue On Fail: the error of the first failed item in item order, although a later one failed first', async () => {
			const ids = seedWorkflows(10);
			gate = gateEmulator(env.emulator);
			const error = await gate
				.drive(
					() =>
						env.harness.execute(AlteryxGet, {
							parameters: { endpoint: '=v3/workflows/{{ $json.id }}' },
							items: itemsWithTwoMissing(ids),
						}),
					{ target: 10, total: 10, which: 'newest' },
				)
				.catch((caught) => caught);
			// Answered newest first: item 7's 404 came before item 3's.
			expect(error.context.itemIndex).toBe(3);
			expect(error.message).toMatch(/404/);
		});

		test('with Continue On Fail: an error item at each failed index, the rest in order', async () => {
			const ids = seedWorkflows(10);
			const [items] = await env.harness.execute(AlteryxGet, {
				parameters: { endpoint: '=v3/workflows/{{ $json.id }}' },
				items: itemsWithTwoMissing(ids),
				continueOnFail: true,
			});
			expect(items.map((item) => item.pairedItem.item)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
			expect(items.map((item) => item.json.error !== undefined)).toEqual([
				false,
				false,
				false,
				true,
				false,
				false,
				false,
				true,
				false,
				false,
			]);
			expect(items[0].json.id).toBe(ids[0]);
		});

		test('a failure stops new items: the ones after the window are never sent', async () => {
			const ids = seedWorkflows(30);
			gate = gateEmulator(env.emulator);
			const items = ids.map((id, index) => ({ id: index === 0 ? MISSING[0] : id }));
			const running = env.harness.execute(AlteryxGet, {
				parameters: {
					endpoint: '=v3/workflows/{{ $json.id }}',
					options: { concurrentRequests: 5 },
				},
				items,
			});
			running.catch(() => {});
			await gate.until((s) => s.held.length === 5);
			gate.release('oldest'); // item 0: 404
			await gate.until((s) => s.inFlight === 4);
			while (gate.state.held.length > 0) gate.release('oldest');
			const error = await running.catch((caught) => caught);
			expect(error.context.itemIndex).toBe(0);
			expect(gate.state.order).toHaveLength(5);
		});
	});
});

describe('the Alteryx Server node sends items concurrently', () => {
	beforeEach(withValidToken);
	const getWorkflow = {
		resource: 'workflow',
		operation: 'get',
		workflowId: byId('={{ $json.id }}'),
	};

	test(`by default ${DEFAULT_CONCURRENT_REQUESTS} in flight; output in input order, paired`, async () => {
		const ids = seedWorkflows(25);
		gate = gateEmulator(env.emulator);
		const [items] = await gate.drive(
			() =>
				env.harness.execute(AlteryxServer, {
					parameters: getWorkflow,
					items: ids.map((id) => ({ id })),
				}),
			{ target: DEFAULT_CONCURRENT_REQUESTS, total: 25, which: 'newest' },
		);
		expect(gate.state.peak).toBe(DEFAULT_CONCURRENT_REQUESTS);
		expect(items.map((item) => item.json.id)).toEqual(ids);
		expect(items.map((item) => item.pairedItem)).toEqual(ids.map((_, item) => ({ item })));
	});

	test('Item Processing → Concurrent Requests 4: at most 4', async () => {
		const ids = seedWorkflows(9);
		gate = gateEmulator(env.emulator);
		await gate.drive(
			() =>
				env.harness.execute(AlteryxServer, {
					parameters: { ...getWorkflow, itemProcessing: { concurrentRequests: 4 } },
					items: ids.map((id) => ({ id })),
				}),
			{ target: 4, total: 9 },
		);
		expect(gate.state.peak).toBe(4);
	});

	test('updates of the same record run one after another (read, write, read, write), and every change lands', async () => {
		const names = ['Ann', 'Ben', 'Cleo', 'Dan'];
		gate = gateEmulator(env.emulator);
		const [items] = await gate.drive(
			() =>
				env.harness.execute(AlteryxServer, {
					parameters: {
						resource: 'user',
						operation: 'update',
						userId: byId('={{ $json.userId }}'),
						updateFields: { firstName: '={{ $json.firstName }}' },
					},
					items: names.map((firstName) => ({ userId: BO, firstName })),
				}),
			{ target: 1, total: 8 },
		);
		expect(gate.state.order).toEqual(
			names.flatMap(() => [`GET /v3/users/${BO}`, `PUT /v3/users/${BO}`]),
		);
		expect(gate.state.peak).toBe(1);
		expect(items.map((item) => item.json.firstName)).toEqual(names);
		expect(env.emulator.state.users.get(BO).firstName).toBe('Dan');
	});

	test('updates of different records run concurrently', async () => {
		const ids = seedWorkflows(5);
		gate = gateEmulator(env.emulator);
		await gate.drive(
			() =>
				env.harness.execute(AlteryxServer, {
					parameters: {
						resource: 'workflow',
						operation: 'update',
						workflowId: byId('={{ $json.id }}'),
						updateFields: { comments: '={{ "item " + $json.index }}' },
					},
					items: ids.map((id, index) => ({ id, index })),
				}),
			// Five reads at once, then five writes.
			{ target: 5, total: 10 },
		);
		expect(gate.state.peak).toBe(5);
		ids.forEach((id, index) =>
			expect(env.emulator.state.workflows.get(id).comments).toBe(`item ${index}`),
		);
	});

	test('Run and Wait runs its items one after another: the next job is queued once the previous one is finished', async () => {
		const [items] = await env.harness.execute(AlteryxServer, {
			parameters: {
				resource: 'workflow',
				operation: 'run',
				workflowId: byId(SALES_FORECAST),
				waitForCompletion: true,
				options: { pollInterval: 0.1, timeout: 20 },
			},
			items: [{}, {}, {}],
		});
		expect(items.map((item) => item.json.status)).toEqual(['Completed', 'Completed', 'Completed']);
		const calls = env.emulator.requests
			.filter((entry) => entry.path !== TOKEN_PATH)
			.map((entry) => `${entry.method} ${entry.path.replace(/^\/webapi/, '')}`);
		const jobIds = items.map((item) => item.json.id);
		for (let k = 1; k < 3; k++) {
			const previousLastRead = calls.lastIndexOf(`GET /v3/jobs/${jobIds[k - 1]}`);
			const queued = calls.indexOf(`GET /v3/jobs/${jobIds[k]}`);
			const enqueues = calls
				.map((call, index) => (call.startsWith('POST /v3/workflows/') ? index : -1))
				.filter((index) => index >= 0);
			expect(enqueues[k]).toBeGreaterThan(previousLastRead);
			expect(queued).toBeGreaterThan(enqueues[k]);
		}
	});

	test('Run without waiting queues the jobs concurrently', async () => {
		gate = gateEmulator(env.emulator);
		const [items] = await gate.drive(
			() =>
				env.harness.execute(AlteryxServer, {
					parameters: {
						resource: 'workflow',
						operation: 'run',
						workflowId: byId(SALES_FORECAST),
						waitForCompletion: false,
					},
					items: Array.from({ length: 6 }, () => ({})),
				}),
			{ target: 6, total: 6 },
		);
		expect(gate.state.peak).toBe(6);
		expect(new Set(items.map((item) => item.json.id)).size).toBe(6);
	});
});

describe('no first-use token stampede', () => {
	test.each([
		['GET node, default concurrency', AlteryxGet, { endpoint: 'v3/workflows' }],
		[
			'GET node, 50 concurrent',
			AlteryxGet,
			{ endpoint: 'v3/workflows', options: { concurrentRequests: 50 } },
		],
		[
			'GET node, 100 concurrent',
			AlteryxGet,
			{ endpoint: 'v3/workflows', options: { concurrentRequests: 100 } },
		],
		[
			'POST node, 20 concurrent',
			AlteryxPost,
			{
				endpoint: `v3/workflows/${SALES_FORECAST}/jobs`,
				sendBody: true,
				jsonBody: '{}',
				options: { concurrentRequests: 20 },
			},
		],
		[
			'Alteryx Server node, 25 concurrent',
			AlteryxServer,
			{
				resource: 'workflow',
				operation: 'get',
				workflowId: byId(SALES_FORECAST),
				itemProcessing: { concurrentRequests: 25 },
			},
		],
	])(
		'%s: 100 items on a credential with no token cost one token exchange',
		async (_, NodeClass, parameters) => {
			const harness = harnessFor(env.emulator);
			const [items] = await harness.execute(NodeClass, {
				parameters,
				items: Array.from({ length: 100 }, (__, i) => ({ i })),
			});
			expect(new Set(items.map((item) => item.pairedItem.item)).size).toBe(100);
			expect(env.emulator.counters.tokenRequests).toBe(1);
			expect(env.emulator.counters.unauthorized).toBe(0);
			if (NodeClass === AlteryxPost) expect(env.emulator.counters.jobEnqueues).toBe(100);
		},
	);
});

describe('one credential read per node run', () => {
	/** Counts n8n's credential reads (CredentialsHelper.getDecrypted): resolved and raw. */
	function countReads(harness) {
		const helper = harness.credentialsHelper;
		const reads = { resolved: 0, raw: 0 };
		const original = helper.getDecrypted.bind(helper);
		helper.getDecrypted = async (...args) => {
			if (args[5] === true) reads.raw++;
			else reads.resolved++;
			return await original(...args);
		};
		return reads;
	}

	test('50 items with a stored token: the credential is read once (it was read twice per request)', async () => {
		const harness = harnessFor(env.emulator);
		await harness.execute(AlteryxGet, { parameters: { endpoint: 'v3/workflows' } });
		const reads = countReads(harness);
		await harness.execute(AlteryxGet, {
			parameters: { endpoint: 'v3/workflows' },
			items: Array.from({ length: 50 }, (_, i) => ({ i })),
		});
		expect(reads).toEqual({ resolved: 1, raw: 0 });
		expect(env.emulator.counters.tokenRequests).toBe(1);
	});

	test('first use: read, the token fetched and stored, read once more for it', async () => {
		const harness = harnessFor(env.emulator);
		const reads = countReads(harness);
		await harness.execute(AlteryxServer, {
			parameters: { resource: 'workflow', operation: 'get', workflowId: byId(SALES_FORECAST) },
			items: Array.from({ length: 30 }, (_, i) => ({ i })),
		});
		expect(reads).toEqual({ resolved: 2, raw: 0 });
		expect(env.emulator.counters.tokenRequests).toBe(1);
	});

	test('a token renewed during the run: one exchange, the run goes on with the new token (read again), nothing leaks', async () => {
		const harness = harnessFor(env.emulator);
		await harness.execute(AlteryxGet, { parameters: { endpoint: 'v3/workflows' } });
		const oldToken = harness.storedCredentials().oauthTokenData.access_token;
		const ids = seedWorkflows(20);
		gate = gateEmulator(env.emulator);
		const reads = countReads(harness);
		const running = harness.execute(AlteryxGet, {
			parameters: { endpoint: '=v3/workflows/{{ $json.id }}', options: { concurrentRequests: 4 } },
			items: ids.map((id) => ({ id })),
		});
		running.catch(() => {});
		await gate.until((s) => s.held.length === 4);
		env.emulator.expireAllTokens();
		gate.restore();
		gate = undefined;
		const [items] = await running;
		const newToken = harness.storedCredentials().oauthTokenData.access_token;
		expect(newToken).not.toBe(oldToken);
		expect(items.map((item) => item.json.id)).toEqual(ids);
		expect(env.emulator.counters.tokenRequests).toBe(2);
		// The four requests in flight got a 401 each; the later ones were signed with the new token.
		expect(env.emulator.counters.unauthorized).toBe(4);
		// Read at the start and once after the renewal; n8n reads the stored token on a 401.
		expect(reads.resolved).toBe(2);
		expect(reads.raw).toBeGreaterThanOrEqual(1);
		expect(reads.raw).toBeLessThanOrEqual(4);
		expect(JSON.stringify(items)).not.toContain(newToken);
	});

	test('every execution reads the credential anew: an edited secret is used by the next run', async () => {
		const harness = harnessFor(env.emulator);
		await harness.execute(AlteryxGet, { parameters: { endpoint: 'v3/workflows' } });
		// The user edits the credential (and the stored token is gone, as after reconnecting).
		harness.setCredentials({
			...harness.storedCredentials(),
			apiAccessSecret: 'not-the-secret-1234',
			oauthTokenData: undefined,
		});
		const error = await harness
			.execute(AlteryxGet, { parameters: { endpoint: 'v3/workflows' }, items: [{}, {}, {}] })
			.catch((caught) => caught);
		expect(error.message).toMatch(/rejected the API Access Key or Secret/);
		expect(requestsTo(env.emulator, 'POST', TOKEN_PATH).map((entry) => entry.status)).toEqual([
			200, 400,
		]);
	});

	test('two harness runs are two executions: each reads once', async () => {
		const harness = createHarness({
			webApiUrl: env.emulator.webApiUrl,
			apiAccessKey: env.emulator.credentials.curator.clientId,
			apiAccessSecret: env.emulator.credentials.curator.clientSecret,
		});
		await harness.execute(AlteryxGet, { parameters: { endpoint: 'v3/workflows' } });
		const reads = countReads(harness);
		for (let run = 0; run < 2; run++) {
			await harness.execute(AlteryxGet, {
				parameters: { endpoint: 'v3/workflows' },
				items: [{}, {}, {}],
			});
		}
		expect(reads.resolved).toBe(2);
	});
});
