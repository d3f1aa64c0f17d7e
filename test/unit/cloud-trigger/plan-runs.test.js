'use strict';
const { useCloudTriggerEnvironment, idsOf, CLOUD_SEED } = require('./setup');

const env = useCloudTriggerEnvironment();
const ALL_RESULTS = ['Complete', 'Failed', 'Canceled'];
const { nightlyRevenue, warehouseLoad, quarterlyArchive } = CLOUD_SEED.plans;
const MINUTE = 60_000;

describe('Plan Run Finished', () => {
	test('the first poll emits nothing old; runs finishing later are emitted once, oldest end first, with their plan', async () => {
		const trigger = env.trigger({ event: 'planRunFinished', results: ALL_RESULTS });
		const from = env.cloud.requests.length;
		expect(await trigger.poll()).toEqual([]);
		// The list once, and once more for runs still running (none in the seed).
		expect(env.callsSince(from)).toEqual([
			'GET /plans/v1/planSnapshotRuns',
			'GET /plans/v1/planSnapshotRuns',
		]);
		expect(trigger.savedState()).toMatchObject({ v: 1, o: {}, b: [] });

		const now = env.cloud.now();
		const failed = env.cloud.addPlanRun({ planId: warehouseLoad, finishedAtMs: now - 2000 });
		const complete = env.cloud.addPlanRun({ planId: nightlyRevenue, finishedAtMs: now - 1000 });
		const items = await trigger.poll();
		expect(idsOf(items)).toEqual([failed, complete]);
		expect(items[0].json).toEqual({
			id: failed,
			status: 'Failed',
			planId: warehouseLoad,
			planName: 'Warehouse Load (fails)',
			submittedAt: expect.any(String),
			startedAt: new Date(now - 2000 - MINUTE).toISOString(),
			finishedAt: new Date(now - 2000).toISOString(),
			durationSeconds: 60,
			failedToCancelSomeJobs: false,
		});
		expect(await trigger.poll()).toEqual([]);
		expect(await trigger.poll()).toEqual([]);
	});

	test('runs started over the API are reported when they end, not before', async () => {
		const trigger = env.trigger({ event: 'planRunFinished', results: ['Failed'] });
		await trigger.poll();
		const runId = await env.runPlan(warehouseLoad);
		expect(await trigger.poll()).toEqual([]);
		expect(trigger.liveState().o).toEqual({ [runId]: expect.any(Number) });
		env.cloud.advanceTime(2000);
		const items = await trigger.poll();
		expect(idsOf(items)).toEqual([runId]);
		expect(items[0].json).toMatchObject({ status: 'Failed', planName: 'Warehouse Load (fails)' });
		expect(trigger.liveState().o).toEqual({});
		expect(await trigger.poll()).toEqual([]);
	});

	test('a run that was running at activation and ends hours later is reported once, by a GET of that run', async () => {
		const now = env.cloud.now();
		const long = env.cloud.addPlanRun({
			planId: warehouseLoad,
			startedAtMs: now - 30 * MINUTE,
			finishedAtMs: now + 3 * 60 * MINUTE,
		});
		// A newer run, so the long one is beyond the first poll's window of the list.
		env.cloud.addPlanRun({ planId: nightlyRevenue, finishedAtMs: now });
		const trigger = env.trigger({ event: 'planRunFinished', results: ['Failed'] });
		expect(await trigger.poll()).toEqual([]);
		expect(Object.keys(trigger.savedState().o)).toEqual([String(long)]);
		env.cloud.advanceTime(60 * MINUTE);
		expect(await trigger.poll()).toEqual([]);
		env.cloud.advanceTime(2 * 60 * MINUTE + 1000);
		const from = env.cloud.requests.length;
		expect(idsOf(await trigger.poll())).toEqual([long]);
		expect(env.callsSince(from)).toContain(`GET /plans/v1/planSnapshotRuns/${long}`);
		expect(await trigger.poll()).toEqual([]);
	});

	test('n8n restarted: runs that ended while it was down come once; nothing comes twice', async () => {
		const trigger = env.trigger({ event: 'planRunFinished', results: ['Failed'] });
		await trigger.poll();
		const now = env.cloud.now();
		const first = env.cloud.addPlanRun({ planId: warehouseLoad, finishedAtMs: now - 1000 });
		expect(idsOf(await trigger.poll())).toEqual([first]);
		// A quiet poll moves the state in memory only (n8n saves none after it).
		env.cloud.advanceTime(10 * MINUTE);
		expect(await trigger.poll()).toEqual([]);
		const whileDown = env.cloud.addPlanRun({ planId: warehouseLoad });
		trigger.restart();
		expect(idsOf(await trigger.poll())).toEqual([whileDown]);
		expect(await trigger.poll()).toEqual([]);
		trigger.restart();
		expect(await trigger.poll()).toEqual([]);
	});

	test('the result and plan filters: only failed or canceled runs of the chosen plans, none read one by one', async () => {
		const trigger = env.trigger({
			event: 'planRunFinished',
			results: ['Failed', 'Canceled'],
			watch: 'selected',
			planIds: [String(warehouseLoad), String(quarterlyArchive)],
		});
		await trigger.poll();
		const now = env.cloud.now();
		env.cloud.addPlanRun({ planId: nightlyRevenue, status: 'Failed', finishedAtMs: now - 4000 });
		const failed = env.cloud.addPlanRun({ planId: warehouseLoad, finishedAtMs: now - 3000 });
		const canceled = env.cloud.addPlanRun({ planId: quarterlyArchive, finishedAtMs: now - 2000 });
		env.cloud.addPlanRun({ planId: warehouseLoad, status: 'Complete', finishedAtMs: now - 1000 });
		const from = env.cloud.requests.length;
		const items = await trigger.poll();
		expect(idsOf(items)).toEqual([failed, canceled]);
		expect(items.map((item) => item.json.status)).toEqual(['Failed', 'Canceled']);
		expect(env.callsSince(from)).toEqual(['GET /plans/v1/planSnapshotRuns']);
		expect(await trigger.poll()).toEqual([]);
	});

	test('Max Events per Poll bounds a poll; the rest come with the next polls, oldest first, once', async () => {
		const trigger = env.trigger({
			event: 'planRunFinished',
			results: ['Failed'],
			options: { maxEventsPerPoll: 2 },
		});
		await trigger.poll();
		const now = env.cloud.now();
		const ids = [5, 4, 3, 2, 1].map((back) =>
			env.cloud.addPlanRun({ planId: warehouseLoad, finishedAtMs: now - back * 1000 }),
		);
		expect(idsOf(await trigger.poll())).toEqual(ids.slice(0, 2));
		expect(trigger.savedState().b.map(([id]) => Number(id))).toEqual(ids.slice(2));
		expect(idsOf(await trigger.poll())).toEqual(ids.slice(2, 4));
		expect(idsOf(await trigger.poll())).toEqual(ids.slice(4));
		expect(await trigger.poll()).toEqual([]);
	});

	test('a burst beyond the backlog: the cursor goes back, the list is not read while the backlog fills a poll, every run comes once', async () => {
		const trigger = env.trigger({
			event: 'planRunFinished',
			results: ['Failed'],
			options: { maxEventsPerPoll: 20 },
		});
		await trigger.poll();
		const now = env.cloud.now();
		const ids = [];
		for (let index = 0; index < 230; index++) {
			ids.push(
				env.cloud.addPlanRun({ planId: warehouseLoad, finishedAtMs: now - (230 - index) * 100 }),
			);
		}
		const emitted = [];
		const listReads = [];
		for (let poll = 0; poll < 20 && emitted.length < ids.length + 1; poll++) {
			const from = env.cloud.requests.length;
			const items = await trigger.poll();
			expect(items.length).toBeLessThanOrEqual(20);
			listReads.push(
				env.callsSince(from).filter((call) => call === 'GET /plans/v1/planSnapshotRuns').length,
			);
			emitted.push(...idsOf(items));
			if (items.length === 0) break;
		}
		expect(emitted).toEqual(ids);
		// The backlog (200) was cut: 9 polls drained it without reading the list.
		expect(listReads.filter((reads) => reads === 0).length).toBeGreaterThanOrEqual(8);
		expect(JSON.stringify(trigger.savedState()).length).toBeLessThan(20_000);
	});

	test('Include Events Since: the first poll also emits the runs since that date', async () => {
		const since = new Date(env.cloud.now() - 2.5 * 60 * MINUTE).toISOString();
		const trigger = env.trigger({
			event: 'planRunFinished',
			results: ALL_RESULTS,
			options: { includeEventsSince: since },
		});
		// Running since before that date: reported when it ends.
		const now = env.cloud.now();
		const long = env.cloud.addPlanRun({
			planId: warehouseLoad,
			startedAtMs: now - 3 * 60 * MINUTE,
			finishedAtMs: now + 10 * MINUTE,
		});
		const { warehouseFailed, revenueDoneLater } = CLOUD_SEED.planRuns;
		expect(idsOf(await trigger.poll())).toEqual([warehouseFailed, revenueDoneLater]);
		expect(await trigger.poll()).toEqual([]);
		env.cloud.advanceTime(11 * MINUTE);
		expect(idsOf(await trigger.poll())).toEqual([long]);
		expect(await trigger.poll()).toEqual([]);
	});

	test('Fetch Test Event: the latest matching run, and the state is left alone', async () => {
		const trigger = env.trigger({ event: 'planRunFinished', results: ['Failed'] });
		const items = await trigger.fetchTestEvent();
		expect(idsOf(items)).toEqual([CLOUD_SEED.planRuns.warehouseFailed]);
		expect(items[0].json).toMatchObject({ status: 'Failed', planName: 'Warehouse Load (fails)' });
		expect(trigger.savedState()).toBeUndefined();
		expect(trigger.liveState()).toBeUndefined();
		// Activated afterwards, the trigger still starts from now.
		expect(await trigger.poll()).toEqual([]);

		const canceled = env.trigger({ event: 'planRunFinished', results: ['Canceled'] });
		await expect(canceled.fetchTestEvent()).rejects.toMatchObject({
			message: 'No finished plan run matches yet',
		});
	});

	test('settings that cannot work are refused, naming the field', async () => {
		await expect(env.trigger({ event: 'planRunFinished', results: [] }).poll()).rejects.toThrow(
			'Pick at least one result',
		);
		await expect(
			env.trigger({ event: 'planRunFinished', results: ['Failed'], watch: 'selected' }).poll(),
		).rejects.toThrow('Pick at least one entry in Plans to Watch');
		await expect(
			env
				.trigger({
					event: 'planRunFinished',
					results: ['Failed'],
					watch: 'selected',
					planIds: '501, Nightly',
				})
				.poll(),
		).rejects.toThrow('Plans to Watch: "Nightly" is not a Cloud id');
	});
});
