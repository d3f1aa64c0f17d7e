'use strict';
// No run emitted twice and none lost: runs that end over several polls (some for longer than the
// list's window), runs listed a little late, polls repeated, n8n restarted between polls (static
// data read back from what n8n saved), polls that fail (the list, or a GET of one run) and a cap.
const { useCloudTriggerEnvironment, idsOf, CLOUD_SEED } = require('./setup');

const env = useCloudTriggerEnvironment();
const { nightlyRevenue, warehouseLoad, quarterlyArchive } = CLOUD_SEED.plans;
const MINUTE = 60_000;

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

const forbidden = (path) => ({
	host: 'gateway',
	method: 'GET',
	path,
	kind: 'status',
	status: 403,
	body: { exception: { name: 'ForbiddenException', message: 'Forbidden', details: '' } },
	times: Infinity,
});

test('runs ending over time, restarts, failed polls and a cap: 0 duplicated, 0 lost', async () => {
	const rand = random(13);
	const trigger = env.trigger({
		event: 'planRunFinished',
		results: ['Failed', 'Canceled'],
		watch: 'selected',
		planIds: [String(warehouseLoad), String(quarterlyArchive)],
		options: { maxEventsPerPoll: 3 },
	});
	const emitted = new Map();
	const expected = new Set();
	const emit = (items) => {
		for (const id of idsOf(items)) emitted.set(id, (emitted.get(id) ?? 0) + 1);
	};
	await trigger.poll();
	let restarts = 0;
	let failedPolls = 0;
	let latestEnd = env.cloud.now();
	for (let step = 0; step < 80; step++) {
		const action = rand();
		const now = env.cloud.now();
		if (action < 0.35) {
			for (let count = 1 + Math.floor(rand() * 4); count > 0; count--) {
				const planId = [nightlyRevenue, warehouseLoad, quarterlyArchive][Math.floor(rand() * 3)];
				const status = ['Complete', 'Failed', 'Canceled'][Math.floor(rand() * 3)];
				// Most end within the next minute; some run for an hour; some were created 2
				// minutes ago (listed after runs created later).
				const kind = rand();
				const startedAtMs = kind < 0.15 ? now - 2 * MINUTE : now - Math.floor(rand() * 5000);
				const finishedAtMs = kind > 0.85 ? now + 60 * MINUTE : now + Math.floor(rand() * MINUTE);
				latestEnd = Math.max(latestEnd, finishedAtMs);
				const id = env.cloud.addPlanRun({ planId, status, startedAtMs, finishedAtMs });
				if (planId !== nightlyRevenue && status !== 'Complete') expected.add(id);
			}
		} else if (action < 0.45) {
			trigger.restart();
			restarts++;
		} else if (action < 0.55) {
			const path =
				rand() < 0.5 ? '/plans/v1/planSnapshotRuns' : /^\/plans\/v1\/planSnapshotRuns\/\d+$/;
			env.cloud.faults.add(forbidden(path));
			const outcome = await trigger.poll().then(
				(items) => ({ items }),
				(error) => ({ error }),
			);
			env.cloud.clearFaults();
			if (outcome.error) {
				failedPolls++;
				expect(outcome.error.description).toContain('The trigger did not move on');
			} else emit(outcome.items);
		} else {
			const items = await trigger.poll();
			expect(items.length).toBeLessThanOrEqual(3);
			emit(items);
		}
		env.cloud.advanceTime(Math.floor(rand() * 20_000));
	}
	env.cloud.advanceTime(Math.max(0, latestEnd - env.cloud.now()) + 1000);
	for (let drain = 0; drain < 40; drain++) emit(await trigger.poll());
	const report = {
		emitted: emitted.size,
		expected: expected.size,
		duplicated: [...emitted.values()].filter((count) => count > 1).length,
		lost: [...expected].filter((id) => !emitted.has(id)).length,
		unexpected: [...emitted.keys()].filter((id) => !expected.has(id)).length,
	};
	console.log(
		`plan runs: ${JSON.stringify({ ...report, polls: trigger.polls, restarts, failedPolls })}`,
	);
	expect(restarts).toBeGreaterThan(0);
	expect(failedPolls).toBeGreaterThan(0);
	expect(report.expected).toBeGreaterThan(20);
	expect(report).toMatchObject({ duplicated: 0, lost: 0, unexpected: 0 });
	expect(JSON.stringify(trigger.savedState()).length).toBeLessThan(10_000);
});
