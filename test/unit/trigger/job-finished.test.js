'use strict';
const { useTriggerEnvironment, idsOf, SEED_IDS } = require('./setup');

const env = useTriggerEnvironment();
const ALL_RESULTS = ['Success', 'Warning', 'Error', 'Cancelled'];
const { dailySalesEtl, inventorySync, marketingMix } = SEED_IDS.workflows;

describe('Job Finished, all workflows (GET v3/jobs, Curator)', () => {
	test('the first poll emits nothing old; jobs finishing later are emitted once, oldest first, with their result', async () => {
		const trigger = env.trigger({ event: 'jobFinished', results: ALL_RESULTS });
		expect(await trigger.poll()).toEqual([]);
		const ids = env.emulator.addJobs(4, {
			disposition: (i) => ['Success', 'Error', 'Warning', 'Success'][i],
		});
		const items = await trigger.poll();
		expect(idsOf(items)).toEqual(ids);
		expect(items.map((item) => item.json.result)).toEqual([
			'Success',
			'Error',
			'Warning',
			'Success',
		]);
		expect(items[1].json).toMatchObject({
			workflowId: dailySalesEtl,
			workflowName: 'Daily Sales ETL',
			status: 'Completed',
			disposition: 'Error',
			submittedBy: 'Ada Admin',
			outputs: [],
		});
		expect(items[1].json.finishedAt).toEqual(expect.any(String));
		expect(items[1].json.messages.some((message) => message.status === 3)).toBe(true);
		// Job messages are on by default for Error and Warning only.
		expect(items[0].json.messages).toBeUndefined();
		expect(items[2].json.messages.some((message) => message.status === 2)).toBe(true);
		expect(items[0].json.outputs.map((output) => output.fileName)).toEqual([
			'sales_clean.csv',
			'sales_summary.csv',
		]);
		expect(await trigger.poll()).toEqual([]);
		expect(await trigger.poll()).toEqual([]);
	});

	test('the result filter: only failed jobs start the workflow; a cancelled job is Cancelled', async () => {
		const trigger = env.trigger({ event: 'jobFinished', results: ['Error', 'Cancelled'] });
		await trigger.poll();
		const [, failed] = env.emulator.addJobs(3, {
			disposition: (i) => ['Success', 'Error', 'Warning'][i],
		});
		const cancelled = env.emulator.addJob({ workflowId: inventorySync, cancelled: true });
		const items = await trigger.poll();
		expect(idsOf(items)).toEqual([failed, cancelled]);
		expect(items[1].json).toMatchObject({ result: 'Cancelled', status: 'Cancelled' });
	});

	test('selected workflows: jobs of other workflows are skipped without being read', async () => {
		const trigger = env.trigger({
			event: 'jobFinished',
			results: ALL_RESULTS,
			watch: 'selected',
			workflowIds: [inventorySync],
		});
		await trigger.poll();
		env.emulator.addJobs(5, { workflowIds: [dailySalesEtl] });
		const wanted = env.emulator.addJob({ workflowId: inventorySync });
		const from = env.emulator.requests.length;
		const items = await trigger.poll();
		expect(idsOf(items)).toEqual([wanted]);
		expect(items[0].json.result).toBe('Error');
		expect(env.callsSince(from).filter((call) => call.startsWith('GET /v3/jobs/'))).toEqual([
			`GET /v3/jobs/${wanted}`,
		]);
	});

	test('a job listed late with an earlier completion time is still emitted, and only once', async () => {
		const trigger = env.trigger({ event: 'jobFinished', results: ALL_RESULTS });
		await trigger.poll();
		const [first] = env.emulator.addJobs(1);
		expect(idsOf(await trigger.poll())).toEqual([first]);
		const late = env.emulator.addJob({
			workflowId: dailySalesEtl,
			finishedAtMs: env.emulator.now() - 60_000,
		});
		expect(idsOf(await trigger.poll())).toEqual([late]);
		expect(await trigger.poll()).toEqual([]);
	});

	test.each(['exclusive', 'inclusive'])(
		'completedAfter %s of its day: the same jobs, also across midnight',
		async (mode) => {
			env.emulator.configure({ queueCompletedAfter: mode });
			const trigger = env.trigger({ event: 'jobFinished', results: ALL_RESULTS });
			await trigger.poll();
			const before = env.emulator.addJobs(2);
			expect(idsOf(await trigger.poll())).toEqual(before);
			// A day and a half later (the cursor's day is now two days back).
			env.emulator.advanceTime(36 * 60 * 60 * 1000);
			const after = env.emulator.addJobs(2);
			expect(idsOf(await trigger.poll())).toEqual(after);
			const request = env.emulator.requests
				.filter((entry) => entry.path === '/webapi/v3/jobs')
				.pop();
			expect(request.query.completedAfter).toMatch(/^\d{4}-\d{2}-\d{2}$/);
		},
	);

	test('Include Events Since: the first poll also emits jobs since that date', async () => {
		const trigger = env.trigger({
			event: 'jobFinished',
			results: ['Error'],
			options: { includeEventsSince: '2024-10-10T00:00:00Z' },
		});
		const items = await trigger.poll();
		// Seeded history: one run a day from 2024-10-01, every 7th ended with Error (days 7, 14, 21).
		expect(items.map((item) => item.json.queuedAt.slice(0, 10))).toEqual([
			'2024-10-14',
			'2024-10-21',
		]);
		expect(await trigger.poll()).toEqual([]);
	});

	test('Max Events per Poll: the rest is carried to the next polls, oldest first, none twice', async () => {
		const trigger = env.trigger({
			event: 'jobFinished',
			results: ALL_RESULTS,
			options: { maxEventsPerPoll: 10 },
		});
		await trigger.poll();
		const ids = env.emulator.addJobs(25);
		const batches = [await trigger.poll(), await trigger.poll(), await trigger.poll()];
		expect(batches.map((batch) => batch.length)).toEqual([10, 10, 5]);
		expect(batches.flatMap(idsOf)).toEqual(ids);
		expect(await trigger.poll()).toEqual([]);
	});

	test('Download Outputs: the output files as binary properties, as Job → Download Output', async () => {
		const trigger = env.trigger({
			event: 'jobFinished',
			results: ['Success'],
			options: { downloadOutputs: true, outputFormat: 'Csv', binaryPropertyPrefix: 'file_' },
		});
		await trigger.poll();
		const [id] = env.emulator.addJobs(1);
		const [item] = await trigger.poll();
		expect(item.json.id).toBe(id);
		expect(Object.keys(item.binary)).toEqual(['file_0', 'file_1']);
		expect(item.binary.file_0).toMatchObject({ fileName: 'sales_clean.csv', mimeType: 'text/csv' });
		expect(item.json.outputs[0]).toMatchObject({
			binaryProperty: 'file_0',
			downloadedFormat: 'Csv',
		});
		const bytes = await env.curator.binaryBuffer(item.binary.file_0);
		expect(bytes.toString('utf8')).toContain(id);
	});
});

describe('Job Finished, selected workflows (GET v3/workflows/{id}/jobs)', () => {
	test('a non-Curator choosing all workflows is told to pick workflows', async () => {
		const trigger = env.trigger({ event: 'jobFinished', results: ALL_RESULTS }, 'artisan');
		await expect(trigger.poll()).rejects.toMatchObject({
			message: 'Pick the workflows to watch',
			description: expect.stringContaining(
				'Only Alteryx Server Curators can list the jobs of all workflows',
			),
		});
	});

	test('Automatic uses each workflow’s jobs for an Artisan: a job running at activation is emitted when it finishes', async () => {
		const bo = SEED_IDS.users.bo;
		const running = env.emulator.addJob({
			workflowId: marketingMix,
			userId: bo,
			createdAtMs: env.emulator.now() - 1000,
			runningMs: 60_000,
		});
		const trigger = env.trigger(
			{
				event: 'jobFinished',
				results: ALL_RESULTS,
				watch: 'selected',
				workflowIds: [marketingMix],
			},
			'artisan',
		);
		expect(await trigger.poll()).toEqual([]);
		expect(trigger.savedState()).toMatchObject({ source: 'workflows' });
		const quick = env.emulator.addJob({ workflowId: marketingMix, userId: bo });
		expect(idsOf(await trigger.poll())).toEqual([quick]);
		env.emulator.advanceTime(61_000);
		const items = await trigger.poll();
		expect(idsOf(items)).toEqual([running]);
		expect(items[0].json).toMatchObject({ workflowName: 'Marketing Mix', result: 'Success' });
		expect(await trigger.poll()).toEqual([]);
	});

	test('forced per-workflow source for a Curator, with old open jobs read one by one', async () => {
		const old = env.emulator.addJob({
			workflowId: dailySalesEtl,
			createdAtMs: env.emulator.now() - 3_600_000,
			runningMs: 3_600_000 + 30_000,
		});
		const trigger = env.trigger({
			event: 'jobFinished',
			results: ALL_RESULTS,
			watch: 'selected',
			workflowIds: [dailySalesEtl, inventorySync],
			options: { jobSource: 'workflows' },
		});
		expect(await trigger.poll()).toEqual([]);
		const added = [
			env.emulator.addJob({ workflowId: inventorySync }),
			env.emulator.addJob({ workflowId: dailySalesEtl, finishedAtMs: env.emulator.now() + 1 }),
		];
		expect(idsOf(await trigger.poll()).sort()).toEqual([...added].sort());
		env.emulator.advanceTime(31_000);
		const from = env.emulator.requests.length;
		expect(idsOf(await trigger.poll())).toEqual([old]);
		expect(env.callsSince(from)).toContain(`GET /v3/jobs/${old}`);
		expect(await trigger.poll()).toEqual([]);
	});
});

test('each workflow’s jobs with Include Events Since: jobs queued since then count', async () => {
	const trigger = env.trigger({
		event: 'jobFinished',
		results: ['Error', 'Warning'],
		watch: 'selected',
		workflowIds: [dailySalesEtl],
		options: { jobSource: 'workflows', includeEventsSince: '2024-10-18T00:00:00Z' },
	});
	const items = await trigger.poll();
	expect(items.map((item) => [item.json.queuedAt.slice(0, 10), item.json.result])).toEqual([
		['2024-10-20', 'Warning'],
		['2024-10-21', 'Error'],
		['2024-10-25', 'Warning'],
	]);
	expect(await trigger.poll()).toEqual([]);
});

describe('Fetch Test Event (manual mode)', () => {
	test('returns the latest matching job and leaves the trigger’s state alone', async () => {
		const trigger = env.trigger({ event: 'jobFinished', results: ['Warning'] });
		const items = await trigger.fetchTestEvent();
		expect(items).toHaveLength(1);
		// The newest Warning of the seeded history (day 25).
		expect(items[0].json).toMatchObject({ result: 'Warning', workflowName: 'Daily Sales ETL' });
		expect(items[0].json.queuedAt.slice(0, 10)).toBe('2024-10-25');
		expect(trigger.savedState()).toBeUndefined();
		expect(trigger.liveState()).toBeUndefined();
	});

	test('says so clearly when no finished job matches', async () => {
		const trigger = env.trigger({
			event: 'jobFinished',
			results: ['Cancelled'],
		});
		await expect(trigger.fetchTestEvent()).rejects.toMatchObject({
			message: 'No finished Alteryx job matches yet',
		});
		expect(trigger.liveState()).toBeUndefined();
	});
});
