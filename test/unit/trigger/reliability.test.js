'use strict';
// No job emitted twice and none lost: polls repeated, n8n restarted between polls (static data
// read back from what n8n saved), polls that fail half way, late-listed jobs and caps, on both
// job sources. And the requests a poll costs on a server with 10,000 jobs.
const { useTriggerEnvironment, idsOf, SEED_IDS } = require('./setup');

const env = useTriggerEnvironment();
const { dailySalesEtl, inventorySync, customerCleanse } = SEED_IDS.workflows;
const RESULTS = ['Error', 'Warning'];

/** A small deterministic random source (mulberry32). */
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

/** Emitted ids → how often; added matching jobs. */
function ledger() {
	const emitted = new Map();
	const expected = new Set();
	return {
		emit(items) {
			for (const id of idsOf(items)) emitted.set(id, (emitted.get(id) ?? 0) + 1);
		},
		expect(id) {
			expected.add(id);
		},
		report() {
			const duplicated = [...emitted.values()].filter((count) => count > 1).length;
			const lost = [...expected].filter((id) => !emitted.has(id)).length;
			const unexpected = [...emitted.keys()].filter((id) => !expected.has(id)).length;
			return { emitted: emitted.size, expected: expected.size, duplicated, lost, unexpected };
		},
	};
}

const serverError = { status: 500, headers: { 'Retry-After': '0' }, times: Infinity };

describe.each([
	['GET v3/jobs', {}],
	[
		'each workflow’s jobs',
		{
			watch: 'selected',
			workflowIds: [dailySalesEtl, inventorySync, customerCleanse],
			options: { jobSource: 'workflows' },
		},
	],
])('Job Finished through %s', (_name, parameters) => {
	test('repeated polls, restarts, failed polls and caps: 0 duplicated, 0 lost', async () => {
		const rand = random(11);
		const settings = {
			event: 'jobFinished',
			results: RESULTS,
			...parameters,
			options: { ...parameters.options, maxEventsPerPoll: 7 },
		};
		let trigger = env.trigger(settings);
		const book = ledger();
		await trigger.poll();
		const workflows = [dailySalesEtl, inventorySync, customerCleanse];
		let failedPolls = 0;
		let restarts = 0;
		for (let step = 0; step < 60; step++) {
			const action = rand();
			if (action < 0.35) {
				const count = 1 + Math.floor(rand() * 6);
				for (let i = 0; i < count; i++) {
					const disposition = ['Success', 'Warning', 'Error'][Math.floor(rand() * 3)];
					const late = rand() < 0.2;
					const id = env.emulator.addJob({
						workflowId: workflows[Math.floor(rand() * workflows.length)],
						disposition,
						// Some jobs show up in the list after later ones, with an earlier time.
						createdAtMs: env.emulator.now() - (late ? 90_000 : 1000),
						runningMs: 500,
					});
					if (RESULTS.includes(disposition)) book.expect(id);
				}
			} else if (action < 0.45) {
				trigger.restart();
				restarts++;
			} else if (action < 0.55) {
				// A poll that fails half way: the job list answers, reading a job fails.
				env.emulator.injectFault({
					...serverError,
					method: 'GET',
					path: /\/v3\/jobs\/[0-9a-f]{24}$/,
				});
				const outcome = await trigger.poll().then(
					(items) => ({ items }),
					(error) => ({ error }),
				);
				env.emulator.clearFaults();
				if (outcome.error) {
					failedPolls++;
					expect(outcome.error.description).toContain('The trigger did not move on');
				} else book.emit(outcome.items);
			} else {
				book.emit(await trigger.poll());
				if (rand() < 0.3) book.emit(await trigger.poll());
			}
			env.emulator.advanceTime(Math.floor(rand() * 20_000));
		}
		for (let drain = 0; drain < 20; drain++) book.emit(await trigger.poll());
		const report = book.report();
		console.log(
			`${_name}: ${JSON.stringify({ ...report, polls: trigger.polls, restarts, failedPolls })}`,
		);
		expect(failedPolls).toBeGreaterThan(0);
		expect(restarts).toBeGreaterThan(0);
		expect(report.expected).toBeGreaterThan(20);
		expect(report).toMatchObject({ duplicated: 0, lost: 0, unexpected: 0 });
	});
});

test('a poll whose job list fails emits nothing and leaves the saved state as it was', async () => {
	const trigger = env.trigger({ event: 'jobFinished', results: ['Success'] });
	await trigger.poll();
	const before = trigger.liveState();
	const ids = env.emulator.addJobs(3);
	env.emulator.injectFault({ ...serverError, method: 'GET', path: '/v3/jobs' });
	await expect(trigger.poll()).rejects.toMatchObject({
		description: expect.stringContaining('The trigger did not move on'),
	});
	expect(trigger.liveState()).toEqual(before);
	env.emulator.clearFaults();
	expect(idsOf(await trigger.poll())).toEqual(ids);
});

test('a poll that fails while reading the third of five jobs: the next poll emits all five once', async () => {
	const trigger = env.trigger({ event: 'jobFinished', results: ['Success'] });
	await trigger.poll();
	const ids = env.emulator.addJobs(5);
	env.emulator.injectFault({ ...serverError, method: 'GET', path: `/v3/jobs/${ids[2]}` });
	await expect(trigger.poll()).rejects.toThrow();
	env.emulator.clearFaults();
	expect(idsOf(await trigger.poll())).toEqual(ids);
	expect(await trigger.poll()).toEqual([]);
});

test('polls that overlap in one process: the second one returns nothing', async () => {
	const trigger = env.trigger({ event: 'jobFinished', results: ['Success'] });
	await trigger.poll();
	const ids = env.emulator.addJobs(3);
	const [a, b] = await Promise.all([trigger.poll(), trigger.poll()]);
	expect([...idsOf(a), ...idsOf(b)]).toEqual(ids);
});

describe('10,000 jobs on the server', () => {
	const countRequests = async (run) => {
		const from = env.emulator.requests.length;
		const result = await run();
		return { result, calls: env.callsSince(from) };
	};

	test('requests per poll: the first poll, a quiet poll, a poll with 3 new jobs, and 600 new jobs drained 20 per poll through a bounded backlog', async () => {
		env.emulator.addJobs(10_000, {
			workflowIds: [dailySalesEtl, inventorySync, customerCleanse],
			spacingMs: 8_000,
			lastFinishedAtMs: env.emulator.now() - 60 * 60 * 1000,
			disposition: (i) => (i % 10 === 0 ? 'Error' : 'Success'),
		});
		const trigger = env.trigger({
			event: 'jobFinished',
			results: ['Error', 'Success'],
			options: { maxEventsPerPoll: 20 },
		});
		const first = await countRequests(() => trigger.poll());
		expect(first.result).toEqual([]);
		const quiet = await countRequests(() => trigger.poll());
		expect(quiet.result).toEqual([]);
		const three = env.emulator.addJobs(3);
		const fresh = await countRequests(() => trigger.poll());
		expect(idsOf(fresh.result)).toEqual(three);

		// 600 jobs finish between two polls: more than the backlog holds (200 at 20 per poll).
		const burst = env.emulator.addJobs(600, {
			workflowIds: [dailySalesEtl, inventorySync],
			spacingMs: 50,
			disposition: (i) => (i % 3 === 0 ? 'Error' : 'Success'),
		});
		const perPoll = [];
		const emitted = [];
		let largestState = 0;
		for (let polls = 0; polls < 100; polls++) {
			const { result, calls } = await countRequests(() => trigger.poll());
			if (result.length === 0) break;
			perPoll.push(calls.length);
			emitted.push(...idsOf(result));
			largestState = Math.max(largestState, JSON.stringify(trigger.savedState()).length);
		}
		const emittedSet = new Set(emitted);
		const figures = {
			firstPoll: first.calls.length,
			quietPoll: quiet.calls.length,
			pollWith3NewJobs: fresh.calls.length,
			burstPolls: perPoll.length,
			burstRequestsPerPoll: perPoll,
			duplicated: emitted.length - emittedSet.size,
			lost: burst.filter((id) => !emittedSet.has(id)).length,
			largestStateBytes: largestState,
		};
		console.log(`10,000 jobs: ${JSON.stringify(figures)}`);
		// The first poll lists the newest page only (the jobs of the last 5 minutes).
		expect(first.calls).toEqual(['GET /v3/jobs', 'GET /v3/jobs']);
		expect(quiet.calls).toEqual(['GET /v3/jobs']);
		// One job list page, then one GET v3/jobs/{id} per new job.
		expect(fresh.calls).toEqual(['GET /v3/jobs', ...three.map((id) => `GET /v3/jobs/${id}`)]);
		expect(figures.burstPolls).toBe(30);
		expect(emitted).toEqual(burst);
		expect(figures.duplicated).toBe(0);
		expect(figures.lost).toBe(0);
		// The backlog (200 jobs) and the ids of the last 5 minutes (all 600 here): bounded.
		expect(largestState).toBeLessThan(60_000);
		// Each poll: 20 job reads, plus the job list when the backlog runs low: the 600 jobs of the
		// last 5 minutes are 6 pages, and one more to reach the cursor.
		expect(Math.max(...perPoll)).toBeLessThanOrEqual(20 + 7);
		expect(perPoll.filter((count) => count === 20).length).toBeGreaterThanOrEqual(15);
	}, 120_000);
});
