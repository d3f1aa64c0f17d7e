'use strict';
// Issue 12.8: the trigger's Job Finished items carry the job id as `jobId` (and `id`), like the
// Alteryx Server node's job outputs, for both ways of finding jobs and for Fetch Test Event.

const { useTriggerEnvironment, idsOf, SEED_IDS } = require('./setup');

const env = useTriggerEnvironment();
const RESULTS = ['Success', 'Warning', 'Error', 'Cancelled'];
const { inventorySync } = SEED_IDS.workflows;

test.each([
	['all workflows (GET v3/jobs)', { watch: 'all' }],
	['selected workflows', { watch: 'selected', workflowIds: [inventorySync] }],
])('Job Finished items of %s have jobId equal to id', async (_name, watch) => {
	const trigger = env.trigger({ event: 'jobFinished', results: RESULTS, ...watch });
	await trigger.poll();
	const added = env.emulator.addJobs(2, { workflowIds: [inventorySync] });
	const items = await trigger.poll();
	expect(idsOf(items)).toEqual(added);
	expect(items.map((item) => item.json.jobId)).toEqual(added);

	const [latest] = await trigger.fetchTestEvent();
	expect(latest.json.jobId).toBe(latest.json.id);
	expect(added).toContain(latest.json.jobId);
});
