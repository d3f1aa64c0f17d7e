'use strict';
// Under load: 1,000 items through the GET node with about 10 % transient faults (503, 429,
// reset, 502), parallel batches and a token that expires mid-run. Every item comes out exactly
// once, paired with its input; failures that are not transient become error items at the right
// index with Continue On Fail, or stop the run at the right item without it. A POST load shows
// that no job is queued twice.
const { AlteryxGet } = require('../../nodes/AlteryxGet/AlteryxGet.node');
const { AlteryxPost } = require('../../nodes/AlteryxPost/AlteryxPost.node');
const { SALES_FORECAST, attempts, freshHarness, run, startTrackedEmulator } = require('./helpers');
const { createRecorder } = require('./recorder');

const recorder = createRecorder('load');
const ITEMS = 1000;
const TRANSIENT = [
	['503 without Retry-After', { status: 503 }],
	['429 with Retry-After', { status: 429, headers: { 'Retry-After': '0' } }],
	['connection reset', { kind: 'reset' }],
	[
		'502 from a proxy',
		{ status: 502, headers: { 'Content-Type': 'text/html' }, body: '<h1>502 Bad Gateway</h1>' },
	],
];
const FAST_RETRIES = { maxRetries: 3, maxRetryWait: 0.02 };
const PARALLEL = { batching: { batch: { batchSize: 50, batchInterval: 0 } } };

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

/** A deterministic pseudo-random sequence (mulberry32), so a failure can be replayed. */
function random(seed) {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/** `count` workflows cloned from Sales Forecast, each with its own id (so faults can target one item). */
function seedWorkflows(count) {
	const template = emulator.state.workflows.get(SALES_FORECAST);
	return Array.from({ length: count }, (_, index) => {
		const id = `66ebd18d3d6200ff${index.toString(16).padStart(8, '0')}`;
		emulator.state.workflows.set(id, { ...template, id, name: `Load ${index}` });
		return id;
	});
}

/** About `share` of the items get a transient fault (once or twice); returns index → plan. */
function injectTransientFaults(
	ids,
	share,
	seed,
	method = 'GET',
	pathOf = (id) => `/webapi/v3/workflows/${id}`,
) {
	const next = random(seed);
	const plan = new Map();
	ids.forEach((id, index) => {
		if (next() >= share) return;
		const [label, fault] = TRANSIENT[Math.floor(next() * TRANSIENT.length)];
		const times = next() < 0.3 ? 2 : 1;
		emulator.injectFault({ method, path: pathOf(id), times, ...fault });
		plan.set(index, { label, times });
	});
	return plan;
}

function recordFaults(plan) {
	const byLabel = new Map();
	for (const { label, times } of plan.values())
		byLabel.set(label, (byLabel.get(label) ?? 0) + times);
	for (const [label, injected] of byLabel) recorder.fault(label, injected);
}

/** Lost, duplicated and mis-paired items of a run where item i must come out as one item for input i. */
function account(items, expectedCount) {
	const seen = new Map();
	let misPaired = 0;
	items.forEach((item, position) => {
		const index = item.pairedItem?.item;
		seen.set(index, (seen.get(index) ?? 0) + 1);
		if (index !== position) misPaired++;
	});
	let lost = 0;
	let duplicated = 0;
	for (let index = 0; index < expectedCount; index++) {
		const count = seen.get(index) ?? 0;
		if (count === 0) lost++;
		if (count > 1) duplicated += count - 1;
	}
	const result = { expected: expectedCount, delivered: items.length, lost, duplicated, misPaired };
	recorder.items(result);
	return result;
}

const getEach = (harness, ids, continueOnFail, options = {}) =>
	run(harness, AlteryxGet, {
		parameters: {
			endpoint: '=v3/workflows/{{ $json.id }}',
			options: { ...FAST_RETRIES, ...PARALLEL, ...options },
		},
		items: ids.map((id, index) => ({ json: { id, index } })),
		continueOnFail,
	});

describe(`${ITEMS} items through the GET node with ~10 % transient faults`, () => {
	test.each([
		['off', false],
		['on', true],
	])(
		'Continue On Fail %s: every item once, paired, with the right record',
		async (_, continueOnFail) => {
			const ids = seedWorkflows(ITEMS);
			const plan = injectTransientFaults(ids, 0.1, continueOnFail ? 2 : 1);
			expect(plan.size).toBeGreaterThan(ITEMS * 0.07);
			expect(plan.size).toBeLessThan(ITEMS * 0.13);
			// The token also expires in the middle of the run: concurrent items share one refresh.
			const harness = freshHarness(emulator);
			const expiry = setTimeout(() => emulator.expireAllTokens(), 150);

			const { items, error } = await getEach(harness, ids, continueOnFail);
			clearTimeout(expiry);
			recordFaults(plan);

			expect(error).toBeUndefined();
			expect(account(items, ITEMS)).toEqual({
				expected: ITEMS,
				delivered: ITEMS,
				lost: 0,
				duplicated: 0,
				misPaired: 0,
			});
			items.forEach((item, index) => {
				expect(item.json.id).toBe(ids[index]);
				expect(item.json.error).toBeUndefined();
			});
			// Each faulted item was asked for once more per fault, every other item exactly once.
			const injected = [...plan.values()].reduce((sum, { times }) => sum + times, 0);
			expect(emulator.counters.faultsInjected).toBe(injected);
			for (const [index, { times }] of plan) {
				expect(attempts(emulator, 'GET', `/webapi/v3/workflows/${ids[index]}`)).toHaveLength(
					times + 1,
				);
			}
			const answered = emulator.requests.filter(
				(entry) => entry.method === 'GET' && entry.status === 200 && !entry.fault,
			);
			expect(answered).toHaveLength(ITEMS);
		},
	);

	test('Continue On Fail on, with 404s and a permanent 503 among them: error items at the right index', async () => {
		const ids = seedWorkflows(ITEMS);
		const next = random(7);
		const missing = new Set();
		const down = new Set();
		ids.forEach((id, index) => {
			const roll = next();
			if (roll < 0.05) {
				missing.add(index);
				emulator.state.workflows.delete(id);
			} else if (roll < 0.06) {
				down.add(index);
				emulator.injectFault({
					method: 'GET',
					path: `/webapi/v3/workflows/${id}`,
					status: 503,
					times: Infinity,
				});
			}
		});
		const plan = injectTransientFaults(
			ids.filter((_, index) => !missing.has(index) && !down.has(index)),
			0.1,
			3,
		);

		const { items, error } = await getEach(freshHarness(emulator), ids, true);
		recordFaults(plan);
		recorder.fault('503 without Retry-After', down.size * (FAST_RETRIES.maxRetries + 1));

		expect(error).toBeUndefined();
		expect(account(items, ITEMS)).toMatchObject({
			lost: 0,
			duplicated: 0,
			misPaired: 0,
			delivered: ITEMS,
		});
		items.forEach((item, index) => {
			if (missing.has(index)) {
				expect(item.json.details.httpCode).toBe('404');
				expect(item.json.error).toMatch(/HTTP 404/);
			} else if (down.has(index)) {
				expect(item.json.details.httpCode).toBe('503');
				expect(item.json.details.description).toMatch(/Tried 4 times/);
			} else {
				expect(item.json.id).toBe(ids[index]);
			}
		});
		// Not transient: a 404 is asked for once.
		for (const index of missing) {
			expect(attempts(emulator, 'GET', `/webapi/v3/workflows/${ids[index]}`)).toHaveLength(1);
		}
	});

	test('Continue On Fail off, with one 404 at item 600: the run stops with that item’s error', async () => {
		const ids = seedWorkflows(ITEMS);
		injectTransientFaults(ids, 0.1, 4);
		emulator.state.workflows.delete(ids[600]);
		const { items, error } = await getEach(freshHarness(emulator), ids, false);
		expect(items).toBeUndefined();
		expect(error.constructor.name).toBe('NodeApiError');
		expect(error.httpCode).toBe('404');
		expect(error.context.itemIndex).toBe(600);
		recorder.fault('404 (not transient)', 1);
	});
});

describe('a POST load never queues a job twice', () => {
	test('300 job runs with ~10 % faults (503, 429, reset, 502, cut-off answers): jobs = successes + cut-off answers', async () => {
		const ids = seedWorkflows(300);
		const jobsPath = (id) => `/webapi/v3/workflows/${id}/jobs`;
		const plan = injectTransientFaults(ids, 0.1, 5, 'POST', jobsPath);
		// A cut-off answer is the worst case: the server queued the job, the client saw an error.
		const cut = new Set();
		ids.forEach((id, index) => {
			if (!plan.has(index) && index % 37 === 5) {
				cut.add(index);
				emulator.injectFault({ method: 'POST', path: jobsPath(id), kind: 'truncated' });
			}
		});

		const { items, error } = await run(freshHarness(emulator), AlteryxPost, {
			parameters: {
				endpoint: '=v3/workflows/{{ $json.id }}/jobs',
				sendBody: true,
				jsonBody:
					'={{ JSON.stringify({ questions: [{ name: "Region", value: "Item " + $json.index }] }) }}',
				options: { ...FAST_RETRIES, ...PARALLEL },
			},
			items: ids.map((id, index) => ({ json: { id, index } })),
			continueOnFail: true,
		});
		recordFaults(new Map([...plan].map(([index, entry]) => [index, { ...entry, times: 1 }])));
		recorder.fault('response cut off (truncated JSON)', cut.size);

		expect(error).toBeUndefined();
		expect(account(items, ids.length)).toMatchObject({ lost: 0, duplicated: 0, misPaired: 0 });
		const succeeded = items.filter((item) => item.json.status === 'Queued');
		const failed = items.filter((item) => item.json.error !== undefined);
		expect(succeeded.length + failed.length).toBe(ids.length);
		// A POST that met a fault is never repeated: each faulted item is an error item.
		for (const index of [...plan.keys(), ...cut]) {
			expect(items[index].json.error).toBeDefined();
			expect(attempts(emulator, 'POST', jobsPath(ids[index]))).toHaveLength(1);
		}
		expect(new Set(succeeded.map((item) => item.json.id)).size).toBe(succeeded.length);
		const expectedJobs = succeeded.length + cut.size;
		recorder.enqueues({ expected: expectedJobs, actual: emulator.counters.jobEnqueues });
		expect(emulator.counters.jobEnqueues).toBe(expectedJobs);
		expect(emulator.state.jobs.size).toBeGreaterThanOrEqual(expectedJobs);
	});
});
