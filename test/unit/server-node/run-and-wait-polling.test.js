'use strict';
// Run and Wait's adaptive polling against the emulator (issue 10): how many polls a job costs
// and that the node sees it finished at its first poll after it finished, counted from the
// emulator's request log (no timings are asserted). A job's state at a poll follows from the
// log: the emulator works it out from the request's arrival time, which the log records.

const { useServerNodeEnvironment, byId, SEED_IDS } = require('./setup');
const { plan } = require('./poll-plan');

const { workflows } = SEED_IDS;
const JOB_TIMINGS = { queuedMs: 100, runningMs: 3400 };
const DEFAULT_POLL_INTERVAL_MS = 5000;

const env = useServerNodeEnvironment({ configure: { jobTimings: JOB_TIMINGS } });

const runAndWait = (options = {}) => ({
	resource: 'workflow',
	operation: 'run',
	workflowId: byId(workflows.dailySalesEtl),
	waitForCompletion: true,
	options: { timeout: 60, ...options },
});

/** The node's status polls of a job (without messages) and its final read (with messages). */
function readsOf(jobId) {
	const reads = env.emulator.requests.filter(
		(entry) => entry.method === 'GET' && entry.path === `/webapi/v3/jobs/${jobId}`,
	);
	const ok = reads.filter((entry) => entry.status === 200);
	return {
		polls: ok.filter((entry) => entry.query.includeMessages === 'false'),
		finalReads: ok.filter((entry) => entry.query.includeMessages === 'true'),
		unauthorized: reads.filter((entry) => entry.status === 401),
	};
}

function finishedAtMs(jobId) {
	const job = env.emulator.state.jobs.get(jobId);
	return job.createdAtMs + job.timings.queuedMs + job.timings.runningMs;
}

describe('Run and Wait polls adaptively', () => {
	test('a 3.5 s job with the default Poll Interval: seen at the first poll after it finished, within the planned polls', async () => {
		const [item] = await env.runNode(runAndWait());
		expect(item.json).toMatchObject({ status: 'Completed', disposition: 'Success' });
		const jobId = item.json.id;
		const { polls, finalReads } = readsOf(jobId);
		expect(item.json.timing.polls).toBe(polls.length);
		expect(finalReads).toHaveLength(1);

		// What each poll saw: every poll before the last one came before the job finished, the
		// last one after it.
		const finished = finishedAtMs(jobId);
		const pollTimes = polls.map((entry) => Date.parse(entry.time));
		expect(pollTimes.slice(0, -1).every((time) => time < finished)).toBe(true);
		expect(pollTimes.at(-1)).toBeGreaterThanOrEqual(finished);

		// The plan (pollSchedule.ts) polls at 0, 1, 2, 3 and 4 s; a slow answer only delays the
		// later polls, so never more polls than that. A fixed 5 s interval would make 2.
		const planned = plan(finished - pollTimes[0] + 10, DEFAULT_POLL_INTERVAL_MS);
		expect(planned).toHaveLength(5);
		expect(polls.length).toBeLessThanOrEqual(planned.length);
		expect(polls.length).toBeGreaterThanOrEqual(3);
	});

	test('a Poll Interval under 1 s is the delay from the start', async () => {
		env.emulator.configure({ jobTimings: { queuedMs: 100, runningMs: 400 } });
		const [item] = await env.runNode(runAndWait({ pollInterval: 0.1 }));
		const { polls } = readsOf(item.json.id);
		// 0.5 s at 0.1 s apart: about 6 polls (1 s apart it would be 2).
		expect(polls.length).toBeGreaterThanOrEqual(3);
		expect(polls.length).toBeLessThanOrEqual(plan(500 + 10, 100).length);
	});

	test('a wait longer than the token lifetime: n8n renews the token on 401 and the wait goes on', async () => {
		env.emulator.configure({ tokenTtlSeconds: 1 });
		const [item] = await env.runNode(runAndWait());
		expect(item.json).toMatchObject({ status: 'Completed', disposition: 'Success' });
		const { polls, unauthorized } = readsOf(item.json.id);
		// The token ran out during the wait at least once, and each 401 cost one new token.
		expect(unauthorized.length).toBeGreaterThanOrEqual(1);
		expect(env.emulator.counters.tokenRequests).toBeGreaterThanOrEqual(2);
		expect(env.emulator.counters.tokenRequests).toBeLessThanOrEqual(
			env.emulator.counters.unauthorized + 1,
		);
		expect(item.json.timing.polls).toBe(polls.length);
		expect(Date.parse(polls.at(-1).time)).toBeGreaterThanOrEqual(finishedAtMs(item.json.id));
	});
});
