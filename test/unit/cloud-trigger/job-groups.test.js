'use strict';
const { useCloudTriggerEnvironment, idsOf, CLOUD_SEED } = require('./setup');

const env = useCloudTriggerEnvironment();
const { salesCleanup, inventoryJoin, customerMerge } = CLOUD_SEED.flows;

describe('Job Group Finished', () => {
	test('the first poll emits nothing old; job groups of the chosen flows that fail are emitted once, with their flow', async () => {
		const trigger = env.trigger({
			event: 'jobGroupFinished',
			results: ['Failed'],
			watch: 'selected',
			flowIds: [String(inventoryJoin)],
		});
		const from = env.cloud.requests.length;
		expect(await trigger.poll()).toEqual([]);
		// The list once, and once per unfinished status (the job library filters by one status).
		expect(env.callsSince(from)).toEqual([
			'GET /v4/jobLibrary',
			'GET /v4/jobLibrary',
			'GET /v4/jobLibrary',
		]);
		const now = env.cloud.now();
		env.cloud.addJobGroup({ flowId: salesCleanup, status: 'Failed', finishedAtMs: now - 3000 });
		const failed = env.cloud.addJobGroup({ flowId: inventoryJoin, finishedAtMs: now - 2000 });
		env.cloud.addJobGroup({ flowId: inventoryJoin, status: 'Complete', finishedAtMs: now - 1000 });
		const items = await trigger.poll();
		expect(idsOf(items)).toEqual([failed]);
		expect(items[0].json).toEqual({
			id: failed,
			status: 'Failed',
			flowId: inventoryJoin,
			flowName: 'Inventory Join (fails)',
			wrangledDatasetId: CLOUD_SEED.wrangledDatasets.inventory,
			flowRunId: null,
			ranFrom: 'api',
			createdAt: new Date(now - 2000 - 61_000).toISOString(),
			finishedAt: new Date(now - 2000).toISOString(),
			durationSeconds: 61,
		});
		expect(await trigger.poll()).toEqual([]);
	});

	test('Include Outputs: where a complete job group wrote its files', async () => {
		const trigger = env.trigger({
			event: 'jobGroupFinished',
			results: ['Complete', 'Canceled'],
			options: { includeOutputs: true },
		});
		await trigger.poll();
		const now = env.cloud.now();
		const complete = env.cloud.addJobGroup({ flowId: salesCleanup, finishedAtMs: now - 2000 });
		const canceled = env.cloud.addJobGroup({ flowId: customerMerge, finishedAtMs: now - 1000 });
		const items = await trigger.poll();
		expect(idsOf(items)).toEqual([complete, canceled]);
		expect(items[0].json.outputs).toEqual({
			files: expect.arrayContaining([
				expect.objectContaining({ fileType: 'csv', isPrimaryOutput: true }),
			]),
			tables: [],
		});
		expect(items[1].json).toMatchObject({ status: 'Canceled', outputs: { files: [] } });
	});

	test('Fetch Test Event: the latest failed job group of the seed, the state untouched', async () => {
		const trigger = env.trigger({ event: 'jobGroupFinished', results: ['Failed'] });
		const items = await trigger.fetchTestEvent();
		expect(idsOf(items)).toEqual([CLOUD_SEED.jobGroups.inventoryFailed]);
		expect(trigger.liveState()).toBeUndefined();
	});
});
