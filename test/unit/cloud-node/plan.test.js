'use strict';
// Plan operations of the Alteryx Analytics Cloud node against the Cloud emulator over HTTP.

const { CLOUD_SEED, byId, errorText, requestsTo, runNode, useCloud } = require('./setup');

const { plans, planRuns } = CLOUD_SEED;
const env = useCloud();

// Runs finish after the emulator's Created + InProgress time (1 s by default); polls 0.1 s apart.
const FAST_POLL = { pollInterval: 0.1 };

describe('Get Many', () => {
	test('one item per plan, paired with its input item', async () => {
		const { items, error } = await runNode(env, {
			resource: 'plan',
			operation: 'getAll',
			returnAll: true,
		});
		expect(error).toBeUndefined();
		expect(items.map((item) => item.json.id).sort()).toEqual(Object.values(plans).sort());
		expect(items.every((item) => item.pairedItem.item === 0)).toBe(true);
	});

	test('Limit asks the Cloud for only that many', async () => {
		const { items } = await runNode(env, {
			resource: 'plan',
			operation: 'getAll',
			returnAll: false,
			limit: 2,
		});
		expect(items).toHaveLength(2);
		const [request] = requestsTo(env.cloud, 'GET', '/plans/v1/plans');
		expect(request.query).toMatchObject({ limit: '2', offset: '0' });
	});

	test('the filter, its match type and ownership go to the Cloud', async () => {
		const { items } = await runNode(env, {
			resource: 'plan',
			operation: 'getAll',
			returnAll: true,
			filters: { filter: 'revenue', filterType: 'contains', ownershipFilter: 'owned' },
		});
		expect(items.map((item) => item.json.name)).toEqual(['Nightly Revenue']);
		const [request] = requestsTo(env.cloud, 'GET', '/plans/v1/plans');
		expect(request.query).toMatchObject({
			filter: 'revenue',
			filterFields: 'name',
			filterType: 'contains',
			ownershipFilter: 'owned',
		});
	});

	test('Return All pages with limit and offset through more than one page', async () => {
		const template = env.cloud.state.plans.get(plans.nightlyRevenue);
		for (let id = 9000; id < 9150; id++) {
			env.cloud.state.plans.set(id, { ...template, id, name: `Bulk ${id}` });
		}
		const { items } = await runNode(env, {
			resource: 'plan',
			operation: 'getAll',
			returnAll: true,
		});
		expect(items).toHaveLength(154);
		expect(new Set(items.map((item) => item.json.id)).size).toBe(154);
		const offsets = requestsTo(env.cloud, 'GET', '/plans/v1/plans').map(
			(request) => request.query.offset,
		);
		expect(offsets).toEqual(['0', '100']);
	});
});

test('Get: the plan by ID', async () => {
	const { items } = await runNode(env, {
		resource: 'plan',
		operation: 'get',
		planId: byId(plans.nightlyRevenue),
	});
	expect(items).toEqual([
		{
			json: expect.objectContaining({ id: plans.nightlyRevenue, name: 'Nightly Revenue' }),
			pairedItem: { item: 0 },
		},
	]);
});

test('Get Run Parameters: the plan’s overridable parameters in one item', async () => {
	const { items } = await runNode(env, {
		resource: 'plan',
		operation: 'getRunParameters',
		planId: byId(plans.nightlyRevenue),
	});
	expect(items).toHaveLength(1);
	expect(items[0].json.planId).toBe(String(plans.nightlyRevenue));
	expect(items[0].json.planNodeParameters[0].variables).toEqual(
		expect.arrayContaining([expect.objectContaining({ overrideKey: 'region' })]),
	);
});

describe('Run', () => {
	test('starts a run with the overrides and an x-execution-id, and returns the run ID', async () => {
		const { items, error } = await runNode(env, {
			resource: 'plan',
			operation: 'run',
			planId: byId(plans.nightlyRevenue),
			planNodeOverrides: {
				override: [{ handle: 'task-1', overrideKey: 'region', value: 'EMEA' }],
			},
		});
		expect(error).toBeUndefined();
		const run = items[0].json;
		expect(run).toMatchObject({
			planId: String(plans.nightlyRevenue),
			alreadyStarted: false,
			validationStatus: 'Valid',
			planSnapshotRunId: expect.any(Number),
			executionId: expect.stringMatching(
				/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
			),
		});
		const [request] = requestsTo(env.cloud, 'POST', `/plans/v1/plans/${plans.nightlyRevenue}/run`);
		expect(request.headers['x-execution-id']).toBe(run.executionId);
		expect(env.cloud.state.planSnapshotRuns.get(run.planSnapshotRunId).overrides).toEqual([
			{ handle: 'task-1', overrideKey: 'region', value: 'EMEA' },
		]);
	});

	test('each item gets its own execution id', async () => {
		const { items } = await runNode(
			env,
			{ resource: 'plan', operation: 'run', planId: byId(plans.nightlyRevenue) },
			{ items: [{}, {}] },
		);
		expect(items).toHaveLength(2);
		expect(items[0].json.executionId).not.toBe(items[1].json.executionId);
		expect(env.cloud.stats().runsStarted.plans).toBe(2);
	});

	test('a given Execution ID that already started a run is reported as such (304), and nothing starts', async () => {
		const parameters = {
			resource: 'plan',
			operation: 'run',
			planId: byId(plans.nightlyRevenue),
			options: { executionId: 'order-4711' },
		};
		const first = await runNode(env, parameters);
		expect(first.items[0].json).toMatchObject({ alreadyStarted: false, executionId: 'order-4711' });
		const second = await runNode(env, parameters);
		expect(second.error).toBeUndefined();
		expect(second.items[0].json).toMatchObject({
			alreadyStarted: true,
			executionId: 'order-4711',
			planSnapshotRunId: null,
			message: expect.stringContaining('already started a run with this Execution ID'),
		});
		expect(env.cloud.stats().runsStarted.plans).toBe(1);
	});

	test('a 5xx on the run request is never sent again, and the error says so with the execution id', async () => {
		env.cloud.faults.add({
			host: 'gateway',
			method: 'POST',
			path: /\/run$/,
			status: 503,
			times: 5,
			body: { exception: { name: 'ServiceUnavailable', message: 'Try later', details: '' } },
		});
		const { error } = await runNode(env, {
			resource: 'plan',
			operation: 'runAndWait',
			planId: byId(plans.nightlyRevenue),
			options: { executionId: 'retry-me' },
		});
		expect(error).toBeDefined();
		expect(requestsTo(env.cloud, 'POST', /\/run$/)).toHaveLength(1);
		expect(error.description).toMatch(
			/may have reached Alteryx Analytics Cloud: it was not sent again/,
		);
		expect(error.description).toContain('retry-me');
	});

	test('a dropped connection on the run request is not sent again either', async () => {
		env.cloud.faults.add({
			host: 'gateway',
			method: 'POST',
			path: /\/run$/,
			kind: 'reset',
			times: 5,
		});
		const { error } = await runNode(env, {
			resource: 'plan',
			operation: 'run',
			planId: byId(plans.nightlyRevenue),
		});
		expect(error).toBeDefined();
		expect(requestsTo(env.cloud, 'POST', /\/run$/)).toHaveLength(1);
		expect(error.description).toMatch(/not sent again, so the plan is not run twice/);
	});

	test('an override row without its key names the row', async () => {
		const { error } = await runNode(env, {
			resource: 'plan',
			operation: 'run',
			planId: byId(plans.nightlyRevenue),
			planNodeOverrides: { override: [{ handle: 'task-1', overrideKey: '', value: 'x' }] },
		});
		expect(error.message).toBe('Plan Node Override 1 has no Override Key');
		expect(requestsTo(env.cloud, 'POST', /\/run$/)).toHaveLength(0);
	});
});

describe('Run and Wait', () => {
	test('Complete: the finished run as the item', async () => {
		const { items, error } = await runNode(env, {
			resource: 'plan',
			operation: 'runAndWait',
			planId: byId(plans.nightlyRevenue),
			options: FAST_POLL,
		});
		expect(error).toBeUndefined();
		expect(items).toHaveLength(1);
		expect(items[0].json).toMatchObject({
			status: 'Complete',
			planId: String(plans.nightlyRevenue),
			planSnapshotRunId: expect.any(String),
			executionId: expect.any(String),
			timing: { polls: expect.any(Number), secondsWaited: expect.any(Number) },
		});
		expect(items[0].json.timing.polls).toBeGreaterThan(1);
		expect(items[0].pairedItem).toEqual({ item: 0 });
	});

	test('Failed: the item fails and says which run', async () => {
		const { error } = await runNode(env, {
			resource: 'plan',
			operation: 'runAndWait',
			planId: byId(plans.warehouseLoad),
			options: FAST_POLL,
		});
		expect(error.message).toMatch(/^Plan run \d+ of plan 502 ended with status Failed$/);
	});

	test('Failed with "Fail When the Run Fails" off: the failed run as the item', async () => {
		const { items } = await runNode(env, {
			resource: 'plan',
			operation: 'runAndWait',
			planId: byId(plans.warehouseLoad),
			options: { ...FAST_POLL, failOnError: false },
		});
		expect(items[0].json.status).toBe('Failed');
	});

	test('Canceled (forced by an override) fails the item', async () => {
		const { error } = await runNode(env, {
			resource: 'plan',
			operation: 'runAndWait',
			planId: byId(plans.nightlyRevenue),
			planNodeOverrides: {
				override: [{ handle: 'task-1', overrideKey: 'EmulatorOutcome', value: 'Canceled' }],
			},
			options: FAST_POLL,
		});
		expect(error.message).toMatch(/ended with status Canceled$/);
	});

	test('timeout with Cancel on Timeout: the run is cancelled and the item says so', async () => {
		env.cloud.setOptions({ runTimings: { createdMs: 3_600_000, inProgressMs: 0 } });
		const { error } = await runNode(env, {
			resource: 'plan',
			operation: 'runAndWait',
			planId: byId(plans.nightlyRevenue),
			options: { ...FAST_POLL, timeout: 1 },
		});
		expect(error.message).toMatch(
			/^Plan run (\d+) did not finish within 1 seconds; it was cancelled$/,
		);
		const runId = Number(/Plan run (\d+)/.exec(error.message)[1]);
		expect(
			requestsTo(env.cloud, 'POST', `/plans/v1/planSnapshotRuns/${runId}/cancel`),
		).toHaveLength(1);
		expect(env.cloud.state.planSnapshotRuns.get(runId).canceledAtMs).not.toBeNull();
	});

	test('timeout without Cancel on Timeout: the run keeps going', async () => {
		env.cloud.setOptions({ runTimings: { createdMs: 3_600_000, inProgressMs: 0 } });
		const { error } = await runNode(env, {
			resource: 'plan',
			operation: 'runAndWait',
			planId: byId(plans.nightlyRevenue),
			options: { ...FAST_POLL, timeout: 1, cancelOnTimeout: false },
		});
		expect(error.message).toMatch(
			/did not finish within 1 seconds; it is Created in Alteryx Analytics Cloud$/,
		);
		expect(requestsTo(env.cloud, 'POST', /\/cancel$/)).toHaveLength(0);
	});

	test('an Execution ID that already started a run: nothing new starts and the item says why', async () => {
		const parameters = {
			resource: 'plan',
			operation: 'runAndWait',
			planId: byId(plans.nightlyRevenue),
			options: { ...FAST_POLL, executionId: 'nightly-2026-12-02' },
		};
		expect((await runNode(env, parameters)).items[0].json.status).toBe('Complete');
		const { error } = await runNode(env, parameters);
		expect(error.message).toBe(
			'Plan 501 was already started with Execution ID nightly-2026-12-02 (HTTP 304); there is no new run to wait for',
		);
		expect(env.cloud.stats().runsStarted.plans).toBe(1);
	});

	test('a run the Cloud did not start (MissingFlowReferences) fails the item with the reason', async () => {
		env.cloud.faults.add({
			host: 'gateway',
			method: 'POST',
			path: `/plans/v1/plans/${plans.nightlyRevenue}/run`,
			status: 201,
			body: { validationStatus: 'MissingFlowReferences' },
		});
		const { error } = await runNode(env, {
			resource: 'plan',
			operation: 'runAndWait',
			planId: byId(plans.nightlyRevenue),
			options: FAST_POLL,
		});
		expect(error.message).toBe(
			'Alteryx Analytics Cloud did not start plan 501: validation status MissingFlowReferences',
		);
		expect(error.description).toMatch(/refers to a flow that no longer exists/);
	});

	test('the execution’s cancel signal ends the wait', async () => {
		env.cloud.setOptions({ runTimings: { createdMs: 3_600_000, inProgressMs: 0 } });
		const controller = new AbortController();
		const running = runNode(
			env,
			{
				resource: 'plan',
				operation: 'runAndWait',
				planId: byId(plans.nightlyRevenue),
				options: { ...FAST_POLL, timeout: 3600 },
			},
			{ abortSignal: controller.signal },
		);
		// Cancel once the node has polled the run (it is waiting).
		while (requestsTo(env.cloud, 'GET', /\/planSnapshotRuns\/\d+$/).length < 2) {
			await new Promise((resolve) => setImmediate(resolve));
		}
		controller.abort();
		const { error } = await running;
		expect(error.message).toMatch(/cancelled/);
	});
});

test('Get Run: a plan run by ID', async () => {
	const { items } = await runNode(env, {
		resource: 'plan',
		operation: 'getRun',
		planSnapshotRunId: String(planRuns.warehouseFailed),
	});
	expect(items[0].json).toMatchObject({
		id: planRuns.warehouseFailed,
		status: 'Failed',
		planId: plans.warehouseLoad,
	});
});

test('Get Many Runs: filtered by plan and status', async () => {
	const { items } = await runNode(env, {
		resource: 'plan',
		operation: 'getAllRuns',
		returnAll: true,
		filters: { planId: String(plans.nightlyRevenue), status: ['Complete'] },
	});
	expect(items.map((item) => item.json.id).sort()).toEqual(
		[planRuns.revenueDone, planRuns.revenueDoneLater].sort(),
	);
	const [request] = requestsTo(env.cloud, 'GET', '/plans/v1/planSnapshotRuns');
	expect(request.query).toMatchObject({ planId: '501', status: 'Complete' });
});

test('Cancel Run: a running plan run ends Canceled', async () => {
	env.cloud.setOptions({ runTimings: { createdMs: 3_600_000, inProgressMs: 0 } });
	const started = await runNode(env, {
		resource: 'plan',
		operation: 'run',
		planId: byId(plans.nightlyRevenue),
	});
	const runId = String(started.items[0].json.planSnapshotRunId);
	const { items } = await runNode(env, {
		resource: 'plan',
		operation: 'cancelRun',
		planSnapshotRunId: runId,
	});
	expect(items[0].json).toMatchObject({
		planSnapshotRunId: runId,
		cancelRequested: true,
		status: 'Canceled',
	});
});

describe('Cloud errors', () => {
	test('a 404 names the plan and carries the Cloud’s message and request id', async () => {
		const { error } = await runNode(env, { resource: 'plan', operation: 'get', planId: byId(999) });
		const text = errorText(error);
		expect(text).toContain('Plan with id 999 not found');
		const [request] = requestsTo(env.cloud, 'GET', '/plans/v1/plans/999');
		expect(text).toContain(request.requestId);
		expect(error.httpCode).toBe('404');
	});

	test('an exception’s message and details are shown', async () => {
		env.cloud.faults.add({
			host: 'gateway',
			path: '/plans/v1/plans',
			status: 400,
			body: {
				exception: {
					name: 'ValidationFailed',
					message: 'Input validation failed',
					details: 'sort: unknown field',
				},
			},
		});
		const { error } = await runNode(env, {
			resource: 'plan',
			operation: 'getAll',
			returnAll: true,
		});
		const text = errorText(error);
		expect(text).toContain('Input validation failed');
		expect(text).toContain('sort: unknown field');
	});

	test('an Apigee fault’s faultstring is shown', async () => {
		env.cloud.faults.add({
			host: 'gateway',
			path: `/plans/v1/plans/${plans.nightlyRevenue}`,
			status: 403,
			body: {
				fault: { faultstring: 'Invalid ApiKey', detail: { errorcode: 'oauth.v2.InvalidApiKey' } },
			},
		});
		const { error } = await runNode(env, {
			resource: 'plan',
			operation: 'get',
			planId: byId(plans.nightlyRevenue),
		});
		expect(errorText(error)).toContain('Invalid ApiKey');
	});

	test('Continue On Fail: the failed item becomes an error item, the others go on', async () => {
		const { items } = await runNode(
			env,
			{ resource: 'plan', operation: 'get', planId: byId('={{ $json.id }}') },
			{ items: [{ id: 999 }, { id: plans.nightlyRevenue }], continueOnFail: true },
		);
		expect(items).toHaveLength(2);
		expect(items[0]).toMatchObject({
			json: { error: expect.any(String) },
			pairedItem: { item: 0 },
		});
		expect(items[1]).toMatchObject({ json: { id: plans.nightlyRevenue }, pairedItem: { item: 1 } });
	});

	test('an ID with a path step is refused before anything is sent', async () => {
		const { error } = await runNode(env, {
			resource: 'plan',
			operation: 'get',
			planId: byId('../flows'),
		});
		expect(error.message).toBe('The Plan "../flows" is not an ID');
		expect(env.cloud.requests).toHaveLength(0);
	});
});

test('Get Many Runs: Finished After goes to the Cloud as an ISO time', async () => {
	const ninetyMinutesAgo = new Date(env.cloud.now() - 90 * 60_000).toISOString();
	const { items } = await runNode(env, {
		resource: 'plan',
		operation: 'getAllRuns',
		returnAll: true,
		filters: { finishedAfter: ninetyMinutesAgo },
	});
	expect(items.map((item) => item.json.id)).toEqual([planRuns.revenueDoneLater]);
	const [request] = requestsTo(env.cloud, 'GET', '/plans/v1/planSnapshotRuns');
	expect(request.query.finishedAfter).toBe(ninetyMinutesAgo);
});
