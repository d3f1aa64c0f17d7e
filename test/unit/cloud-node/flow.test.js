'use strict';
// Flow operations of the Alteryx Analytics Cloud node against the Cloud emulator over HTTP.

const { CLOUD_SEED, byId, errorText, requestsTo, runNode, useCloud } = require('./setup');

const { flows } = CLOUD_SEED;
const env = useCloud();

const FAST_POLL = { pollInterval: 0.1 };

test('Get Many: one item per flow; the filter goes to the Cloud', async () => {
	const all = await runNode(env, { resource: 'flow', operation: 'getAll', returnAll: true });
	expect(all.items.map((item) => item.json.id)).toEqual(
		expect.arrayContaining([flows.salesCleanup, flows.inventoryJoin, flows.customerMerge]),
	);
	const limited = await runNode(env, {
		resource: 'flow',
		operation: 'getAll',
		returnAll: false,
		limit: 1,
		filters: { filter: 'Sales' },
	});
	expect(limited.items).toHaveLength(1);
	const last = requestsTo(env.cloud, 'GET', '/v4/flows').pop();
	expect(last.query).toMatchObject({ limit: '1', filter: 'Sales', filterType: 'contains' });
});

test('Get: the flow by ID', async () => {
	const { items } = await runNode(env, {
		resource: 'flow',
		operation: 'get',
		flowId: byId(flows.salesCleanup),
	});
	expect(items[0].json).toMatchObject({ id: flows.salesCleanup, name: 'Sales Cleanup' });
});

test('Get: a deleted flow answers 410 and the error shows the Cloud’s words', async () => {
	const { error } = await runNode(env, {
		resource: 'flow',
		operation: 'get',
		flowId: byId(flows.deleted),
	});
	expect(error.httpCode).toBe('410');
	const [request] = requestsTo(env.cloud, 'GET', `/v4/flows/${flows.deleted}`);
	expect(errorText(error)).toContain(request.requestId);
});

test('Run: the flow run with its job groups and their IDs; run parameters go in the body', async () => {
	const { items, error } = await runNode(env, {
		resource: 'flow',
		operation: 'run',
		flowId: byId(flows.salesCleanup),
		runParameters: { parameter: [{ key: 'region', value: 'EMEA' }] },
	});
	expect(error).toBeUndefined();
	expect(items[0].json).toMatchObject({
		flowId: String(flows.salesCleanup),
		flowRunId: expect.any(Number),
		jobGroupIds: [expect.any(String), expect.any(String)],
	});
	expect(items[0].json.data).toHaveLength(2);
	expect(env.cloud.stats().runsStarted.flows).toBe(1);
});

describe('Run and Wait', () => {
	test('waits for every job group of the run; a finished one is not asked again', async () => {
		const running = runNode(env, {
			resource: 'flow',
			operation: 'runAndWait',
			flowId: byId(flows.salesCleanup),
			options: FAST_POLL,
		});
		// Once the node polls, make the second job group run longer than the first.
		while (requestsTo(env.cloud, 'GET', /\/v4\/jobGroups\/\d+\/status$/).length === 0) {
			await new Promise((resolve) => setImmediate(resolve));
		}
		const [, second] = [...env.cloud.state.jobGroups.values()].filter((group) => group.id >= 1001);
		second.timings.inProgressMs += 1500;
		const { items, error } = await running;
		expect(error).toBeUndefined();
		const json = items[0].json;
		expect(json.status).toBe('Complete');
		expect(json.jobGroups.map((group) => group.status)).toEqual(['Complete', 'Complete']);
		expect(json.jobGroupIds).toEqual(['1001', '1002']);
		const polls = (id) => requestsTo(env.cloud, 'GET', `/v4/jobGroups/${id}/status`).length;
		expect(polls(1002)).toBeGreaterThan(polls(1001));
	});

	test('Failed: the item fails and names the job groups with their status', async () => {
		const { error } = await runNode(env, {
			resource: 'flow',
			operation: 'runAndWait',
			flowId: byId(flows.inventoryJoin),
			options: FAST_POLL,
		});
		expect(error.message).toMatch(/^Flow 102 ended with status Failed \(job group \d+: Failed\)$/);
	});

	test('Canceled with "Fail When the Run Fails" off: the job groups as output', async () => {
		const { items } = await runNode(env, {
			resource: 'flow',
			operation: 'runAndWait',
			flowId: byId(flows.customerMerge),
			options: { ...FAST_POLL, failOnError: false },
		});
		expect(items[0].json).toMatchObject({
			status: 'Canceled',
			flowId: String(flows.customerMerge),
		});
	});

	test('timeout with Cancel on Timeout: every unfinished job group is cancelled', async () => {
		env.cloud.setOptions({ runTimings: { createdMs: 3_600_000, inProgressMs: 0 } });
		const { error } = await runNode(env, {
			resource: 'flow',
			operation: 'runAndWait',
			flowId: byId(flows.salesCleanup),
			options: { ...FAST_POLL, timeout: 1 },
		});
		expect(error.message).toMatch(
			/^Flow 101 did not finish within 1 seconds \(.*; cancelled: 1001, 1002\)$/,
		);
		expect(requestsTo(env.cloud, 'POST', /\/v4\/jobGroups\/\d+\/cancel$/)).toHaveLength(2);
	});

	test('timeout without Cancel on Timeout leaves the job groups running', async () => {
		env.cloud.setOptions({ runTimings: { createdMs: 3_600_000, inProgressMs: 0 } });
		const { error } = await runNode(env, {
			resource: 'flow',
			operation: 'runAndWait',
			flowId: byId(flows.salesCleanup),
			options: { ...FAST_POLL, timeout: 1, cancelOnTimeout: false },
		});
		expect(error.message).toMatch(/did not finish within 1 seconds/);
		expect(requestsTo(env.cloud, 'POST', /\/cancel$/)).toHaveLength(0);
	});

	// A quota refusal did nothing, so the transport repeats the run after x-retry-after.
	const quotaRefusal = (times) => ({
		host: 'v4',
		method: 'POST',
		path: `/v4/flows/${flows.salesCleanup}/run`,
		status: 429,
		times,
		headers: { 'x-retry-after': '0' },
		body: {
			exception: {
				name: 'TooManyRequestsException',
				message: 'Too Many Requests',
				details: 'API quota reached for "runFlow". Wait 0 seconds before making another request.',
			},
		},
	});

	test('a 429 (quota) on the run request: repeated, and the flow runs once', async () => {
		env.cloud.faults.add(quotaRefusal(1));
		const { items, error } = await runNode(env, {
			resource: 'flow',
			operation: 'runAndWait',
			flowId: byId(flows.salesCleanup),
			options: FAST_POLL,
		});
		expect(error).toBeUndefined();
		expect(items[0].json.status).toBe('Complete');
		expect(requestsTo(env.cloud, 'POST', /\/run$/).map((request) => request.status)).toEqual([
			429, 201,
		]);
		expect(env.cloud.stats().runsStarted.flows).toBe(1);
	});

	test('a 429 that persists surfaces the quota message, and nothing ran', async () => {
		env.cloud.faults.add(quotaRefusal(Infinity));
		const { error } = await runNode(env, {
			resource: 'flow',
			operation: 'run',
			flowId: byId(flows.salesCleanup),
		});
		expect(error.httpCode).toBe('429');
		expect(errorText(error)).toContain('API quota reached');
		expect(env.cloud.stats().runsStarted.flows).toBe(0);
	});
});
