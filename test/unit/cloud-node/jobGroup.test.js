'use strict';
// Job Group operations of the Alteryx Analytics Cloud node against the Cloud emulator over HTTP.

const { CLOUD_SEED, errorText, requestsTo, runNode, useCloud } = require('./setup');

const { jobGroups } = CLOUD_SEED;
const env = useCloud();
const done = String(jobGroups.salesDone);

test('Get: the job group; Include Jobs and Dataset embeds them', async () => {
	const plain = await runNode(env, { resource: 'jobGroup', operation: 'get', jobGroupId: done });
	expect(plain.items[0].json).toMatchObject({ id: jobGroups.salesDone, status: 'Complete' });
	expect(plain.items[0].json.jobs).toBeUndefined();
	const embedded = await runNode(env, {
		resource: 'jobGroup',
		operation: 'get',
		jobGroupId: done,
		options: { embed: true },
	});
	expect(embedded.items[0].json.jobs.data).toHaveLength(2);
	expect(requestsTo(env.cloud, 'GET', `/v4/jobGroups/${done}`).pop().query).toEqual({
		embed: 'jobs,wrangledDataset',
	});
});

test('Get Status: the bare status string as an item', async () => {
	const { items } = await runNode(env, {
		resource: 'jobGroup',
		operation: 'getStatus',
		jobGroupId: String(jobGroups.inventoryFailed),
	});
	expect(items).toEqual([
		{
			json: { jobGroupId: String(jobGroups.inventoryFailed), status: 'Failed', finished: true },
			pairedItem: { item: 0 },
		},
	]);
});

test('Get Outputs: the output locations in one item', async () => {
	const { items } = await runNode(env, {
		resource: 'jobGroup',
		operation: 'getOutputs',
		jobGroupId: done,
	});
	expect(items).toHaveLength(1);
	expect(items[0].json).toMatchObject({ jobGroupId: done, files: expect.any(Array), tables: [] });
	expect(items[0].json.files[0]).toMatchObject({ uri: expect.any(String) });
});

test('Get Inputs: one item per input dataset', async () => {
	const { items } = await runNode(env, {
		resource: 'jobGroup',
		operation: 'getInputs',
		jobGroupId: done,
	});
	expect(items.length).toBeGreaterThan(0);
	expect(items[0].json).toMatchObject({ id: expect.any(Number), name: expect.any(String) });
});

test('Get Jobs: one item per job', async () => {
	const { items } = await runNode(env, {
		resource: 'jobGroup',
		operation: 'getJobs',
		jobGroupId: done,
	});
	expect(items.map((item) => item.json.jobType)).toEqual(['wrangle', 'filewriter']);
});

test('Cancel: a running job group is cancelled; a finished one is an error with the Cloud’s words', async () => {
	// Finishes in an hour: running now.
	const id = String(env.cloud.addJobGroup({ finishedAtMs: env.cloud.now() + 3_600_000 }));
	const running = await runNode(env, { resource: 'jobGroup', operation: 'cancel', jobGroupId: id });
	expect(running.error).toBeUndefined();
	expect(running.items[0].json).toMatchObject({
		jobGroupId: Number(id),
		cancelRequested: true,
		jobIds: expect.any(Array),
	});
	const finished = await runNode(env, {
		resource: 'jobGroup',
		operation: 'cancel',
		jobGroupId: done,
	});
	expect(finished.error.httpCode).toBe('400');
	expect(errorText(finished.error)).toMatch(/ValidationFailed|validation/i);
});

test('Get Many: the job library, newest first, with Limit', async () => {
	const { items } = await runNode(env, {
		resource: 'jobGroup',
		operation: 'getAll',
		returnAll: false,
		limit: 2,
	});
	expect(items.map((item) => item.json.id)).toEqual([
		jobGroups.salesDoneLater,
		jobGroups.inventoryFailed,
	]);
	expect(requestsTo(env.cloud, 'GET', '/v4/jobLibrary')[0].query).toMatchObject({ limit: '2' });
});

test('an empty Job Group ID is refused before anything is sent', async () => {
	const { error } = await runNode(env, {
		resource: 'jobGroup',
		operation: 'getStatus',
		jobGroupId: ' ',
	});
	expect(error.message).toBe('The Job Group ID is empty');
	expect(env.cloud.requests).toHaveLength(0);
});

test('Get Many: the Status filter goes to the job library', async () => {
	const { items } = await runNode(env, {
		resource: 'jobGroup',
		operation: 'getAll',
		returnAll: true,
		filters: { status: 'Failed' },
	});
	expect(items.map((item) => item.json.id)).toEqual([jobGroups.inventoryFailed]);
	expect(requestsTo(env.cloud, 'GET', '/v4/jobLibrary')[0].query).toMatchObject({
		status: 'Failed',
	});
});
