'use strict';
const { useTriggerEnvironment, SEED_IDS } = require('./setup');

const env = useTriggerEnvironment();
const { dailySalesEtl, salesForecast, marketingMix } = SEED_IDS.workflows;
const { nightlyEtl, weeklyForecast } = SEED_IDS.schedules;

describe('Workflow Published', () => {
	test('the first poll emits nothing old; a new workflow is emitted once, as GET v3/workflows/{id} returns it', async () => {
		const trigger = env.trigger({ event: 'workflowPublished' });
		expect(await trigger.poll()).toEqual([]);
		const id = env.emulator.addWorkflow({ name: 'Churn Model' });
		const items = await trigger.poll();
		expect(items).toHaveLength(1);
		expect(items[0].json).toMatchObject({
			id,
			name: 'Churn Model',
			versions: [expect.objectContaining({ versionNumber: 1 })],
			change: { type: 'workflowPublished' },
		});
		expect(await trigger.poll()).toEqual([]);
		trigger.restart();
		expect(await trigger.poll()).toEqual([]);
	});

	test('Max Events per Poll carries the rest over; restarts lose nothing', async () => {
		const trigger = env.trigger({ event: 'workflowPublished', options: { maxEventsPerPoll: 2 } });
		await trigger.poll();
		const ids = [1, 2, 3, 4, 5].map((n) =>
			env.emulator.addWorkflow({ name: `Model ${n}`, dateMs: env.emulator.now() + n }),
		);
		const first = await trigger.poll();
		trigger.restart();
		const rest = [...(await trigger.poll()), ...(await trigger.poll()), ...(await trigger.poll())];
		expect([...first, ...rest].map((item) => item.json.id)).toEqual(ids);
	});

	test('Fetch Test Event: the newest workflow, state untouched', async () => {
		const trigger = env.trigger({ event: 'workflowPublished' });
		const id = env.emulator.addWorkflow({ name: 'Newest' });
		const [item] = await trigger.fetchTestEvent();
		expect(item.json.id).toBe(id);
		expect(trigger.liveState()).toBeUndefined();
	});
});

describe('New Workflow Version', () => {
	test('a new published version, an unpublished one and a roll-back, each emitted once with what changed', async () => {
		const trigger = env.trigger({
			event: 'newWorkflowVersion',
			watch: 'selected',
			workflowIds: [dailySalesEtl, salesForecast],
		});
		expect(await trigger.poll()).toEqual([]);
		const original = env.emulator.state.workflows.get(dailySalesEtl).publishedVersionId;
		const v2 = env.emulator.addWorkflowVersion(dailySalesEtl, { comments: 'Fixed the join' });
		let items = await trigger.poll();
		expect(items).toHaveLength(1);
		expect(items[0].json).toMatchObject({
			id: dailySalesEtl,
			publishedVersionId: v2,
			change: {
				type: 'newWorkflowVersion',
				newVersions: [
					expect.objectContaining({ versionId: v2, versionNumber: 2, comments: 'Fixed the join' }),
				],
				publishedVersionChanged: true,
				previousPublishedVersionId: original,
				publishedVersionId: v2,
			},
		});
		expect(await trigger.poll()).toEqual([]);

		const draft = env.emulator.addWorkflowVersion(salesForecast, { publish: false });
		items = await trigger.poll();
		expect(items.map((item) => item.json.change)).toEqual([
			expect.objectContaining({
				newVersions: [expect.objectContaining({ versionId: draft })],
				publishedVersionChanged: false,
			}),
		]);

		env.emulator.publishWorkflowVersion(dailySalesEtl, original);
		items = await trigger.poll();
		expect(items.map((item) => item.json.change)).toEqual([
			{
				type: 'newWorkflowVersion',
				newVersions: [],
				publishedVersionChanged: true,
				previousPublishedVersionId: v2,
				publishedVersionId: original,
			},
		]);
		trigger.restart();
		expect(await trigger.poll()).toEqual([]);
	});

	test('all workflows in one request (view=Full); a workflow published later is remembered, not reported', async () => {
		const trigger = env.trigger({ event: 'newWorkflowVersion' });
		await trigger.poll();
		const from = env.emulator.requests.length;
		env.emulator.addWorkflow({ name: 'Brand New' });
		expect(await trigger.poll()).toEqual([]);
		expect(env.callsSince(from)).toEqual(['GET /v3/workflows']);
		env.emulator.addWorkflowVersion(marketingMix);
		const items = await trigger.poll();
		expect(items.map((item) => item.json.id)).toEqual([marketingMix]);
	});
});

describe('Schedule Failed or Disabled', () => {
	test('a failed run, the same error on a later run, a disabled schedule and a failed state: each once', async () => {
		const trigger = env.trigger({ event: 'scheduleFailedOrDisabled' });
		expect(await trigger.poll()).toEqual([]);

		env.emulator.updateSchedule(nightlyEtl, {
			lastRunTime: '2026-12-01T02:00:00.000Z',
			lastError: 'Input Data (1): the file is locked',
		});
		let items = await trigger.poll();
		expect(items).toHaveLength(1);
		expect(items[0].json).toMatchObject({
			id: nightlyEtl,
			name: 'Nightly ETL',
			lastError: 'Input Data (1): the file is locked',
			change: { type: 'scheduleFailedOrDisabled', reasons: ['failed'] },
		});
		expect(await trigger.poll()).toEqual([]);

		env.emulator.updateSchedule(nightlyEtl, { lastRunTime: '2026-12-02T02:00:00.000Z' });
		expect((await trigger.poll()).map((item) => item.json.change.reasons)).toEqual([['failed']]);

		env.emulator.updateSchedule(weeklyForecast, { enabled: false });
		items = await trigger.poll();
		expect(items.map((item) => [item.json.id, item.json.change.reasons])).toEqual([
			[weeklyForecast, ['disabled']],
		]);
		expect(items[0].json.change.previous).toMatchObject({ enabled: true });

		env.emulator.updateSchedule(nightlyEtl, { state: 'Error' });
		expect((await trigger.poll()).map((item) => item.json.change.reasons)).toEqual([
			['failedState'],
		]);

		// Repaired: the error cleared and the schedule enabled again; nothing to report.
		env.emulator.updateSchedule(nightlyEtl, { state: null, lastError: '' });
		env.emulator.updateSchedule(weeklyForecast, { enabled: true });
		expect(await trigger.poll()).toEqual([]);
		trigger.restart();
		expect(await trigger.poll()).toEqual([]);
	});

	test('selected workflows: only their schedules', async () => {
		const trigger = env.trigger({
			event: 'scheduleFailedOrDisabled',
			watch: 'selected',
			workflowIds: [salesForecast],
		});
		await trigger.poll();
		env.emulator.updateSchedule(nightlyEtl, { enabled: false });
		env.emulator.updateSchedule(weeklyForecast, { enabled: false });
		expect((await trigger.poll()).map((item) => item.json.id)).toEqual([weeklyForecast]);
	});

	test('Fetch Test Event: a clear message while no schedule has failed, then the failed one', async () => {
		const trigger = env.trigger({ event: 'scheduleFailedOrDisabled' });
		await expect(trigger.fetchTestEvent()).rejects.toMatchObject({
			message: 'No failed or disabled schedule yet',
		});
		env.emulator.updateSchedule(weeklyForecast, { lastError: 'Credential expired' });
		const [item] = await trigger.fetchTestEvent();
		expect(item.json).toMatchObject({ id: weeklyForecast, change: { reasons: ['failed'] } });
		expect(trigger.liveState()).toBeUndefined();
	});
});

test('changing the event starts over: the new event’s first poll emits nothing old', async () => {
	const jobs = env.trigger({ event: 'jobFinished', results: ['Success'] });
	await jobs.poll();
	env.emulator.addJobs(2);
	const schedules = env.trigger({ event: 'scheduleFailedOrDisabled' });
	expect(await schedules.poll()).toEqual([]);
});
