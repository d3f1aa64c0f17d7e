'use strict';
// Issue 12.8: every operation that outputs a job gives its id as `jobId` (and as `id`), whatever
// Alteryx calls it (`id` in a job, `jobId` in the v3/jobs list), so an expression written after
// one operation works after the others. Against the emulator over real HTTP.

const { useServerNodeEnvironment, byId, SEED_IDS } = require('./setup');

const { workflows } = SEED_IDS;
const env = useServerNodeEnvironment({
	configure: { jobTimings: { queuedMs: 100, runningMs: 200 } },
});

const run = (waitForCompletion) => ({
	resource: 'workflow',
	operation: 'run',
	workflowId: byId(workflows.dailySalesEtl),
	waitForCompletion,
});

test('Run, Run and Wait, Job → Get, Job → Get Many, Workflow → Get Jobs and Job → Cancel all output the job id as jobId and id', async () => {
	const [queued] = await env.runNode(run(false));
	const [finished] = await env.runNode(run(true));
	const [job] = await env.runNode({
		resource: 'job',
		operation: 'get',
		jobId: byId(finished.json.id),
	});
	const listed = await env.runNode({ resource: 'job', operation: 'getAll', returnAll: true });
	const workflowJobs = await env.runNode({
		resource: 'workflow',
		operation: 'getJobs',
		workflowId: byId(workflows.dailySalesEtl),
		returnAll: true,
	});
	env.emulator.configure({ jobTimings: { queuedMs: 0, runningMs: 30000 } });
	const [running] = await env.runNode(run(false));
	const [cancelled] = await env.runNode({
		resource: 'job',
		operation: 'cancel',
		jobId: byId(running.json.jobId),
	});

	const outputs = {
		queued,
		finished,
		job,
		cancelled,
		listed: listed[0],
		workflowJobs: workflowJobs[0],
	};
	for (const [name, item] of Object.entries(outputs)) {
		expect([name, typeof item.json.jobId]).toEqual([name, 'string']);
		expect([name, item.json.id]).toEqual([name, item.json.jobId]);
	}
	expect(queued.json.jobId).not.toBe(finished.json.jobId);
	expect(job.json.jobId).toBe(finished.json.jobId);
	expect(cancelled.json.jobId).toBe(running.json.id);
	// The lists hold the runs above, under the same ids.
	for (const list of [listed, workflowJobs]) {
		const ids = list.map((item) => item.json.jobId);
		expect(ids).toEqual(expect.arrayContaining([queued.json.jobId, finished.json.jobId]));
		expect(list.every((item) => item.json.id === item.json.jobId)).toBe(true);
	}
	// Alteryx's own fields stay as they were.
	expect(finished.json).toMatchObject({ appId: workflows.dailySalesEtl, status: 'Completed' });
	expect(listed[0].json).toEqual(
		expect.objectContaining({ workflowName: expect.any(String), queueTime: expect.any(String) }),
	);
	expect(workflowJobs[0].json).toEqual(expect.objectContaining({ createDate: expect.any(String) }));
});

test('{{ $json.jobId }} from Job → Get Many and from Run both reach Job → Get', async () => {
	const [finished] = await env.runNode(run(true));
	const listed = await env.runNode({ resource: 'job', operation: 'getAll', returnAll: true });
	const fromList = listed.find((item) => item.json.jobId === finished.json.jobId);
	expect(fromList).toBeDefined();

	const jobs = await env.runNode(
		{
			resource: 'job',
			operation: 'get',
			jobId: byId('={{ $json.jobId }}'),
			includeMessages: false,
		},
		{ items: [{ json: finished.json }, { json: fromList.json }] },
	);
	expect(jobs.map((item) => item.json.id)).toEqual([finished.json.jobId, finished.json.jobId]);
	expect(jobs.map((item) => item.json.status)).toEqual(['Completed', 'Completed']);
});
