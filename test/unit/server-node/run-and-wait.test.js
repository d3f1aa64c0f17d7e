'use strict';
// Workflow → Run with Wait for Completion: enqueue with questions, poll v3/jobs/{id}, judge the
// outcome by disposition, cancel on timeout, download outputs. Against the emulator, whose
// job timings are shortened so a run takes a fraction of a second.

const { useServerNodeEnvironment, byId, SEED_IDS, OUTCOME_QUESTION } = require('./setup');

const { workflows } = SEED_IDS;

const env = useServerNodeEnvironment({
	configure: { jobTimings: { queuedMs: 100, runningMs: 200 } },
});

const runParameters = (workflowId, overrides = {}) => ({
	resource: 'workflow',
	operation: 'run',
	workflowId: byId(workflowId),
	waitForCompletion: true,
	...overrides,
	options: { pollInterval: 0.1, timeout: 20, ...overrides.options },
});

const question = (name, value) => ({ name, value });

describe('Run and Wait: success', () => {
	test('returns the finished job with its messages, timing and the answers it ran with', async () => {
		const [item] = await env.runNode(
			runParameters(workflows.salesForecast, {
				questions: { question: [question('Region', 'West'), question('Year', '2026')] },
			}),
		);
		expect(item.json).toMatchObject({
			status: 'Completed',
			disposition: 'Success',
			appId: workflows.salesForecast,
			workflowId: workflows.salesForecast,
		});
		const texts = item.json.messages.map((message) => message.text);
		expect(texts).toContain('Question "Region" = "West"');
		expect(texts).toContain('Question "Year" = "2026"');

		const { timing } = item.json;
		expect(timing.queuedAt).toBe(item.json.createDateTime);
		expect(Date.parse(timing.finishedAt)).toBeGreaterThanOrEqual(Date.parse(timing.queuedAt));
		expect(timing.startedAt === null || timing.startedAt <= timing.finishedAt).toBe(true);
		// Tenths of a second, more than nothing (the job was polled twice), within the Timeout: no
		// tighter bound, a loaded machine stretches or shrinks the rounding.
		expect(Math.round(timing.secondsWaited * 10) / 10).toBe(timing.secondsWaited);
		expect(timing.secondsWaited).toBeGreaterThan(0);
		expect(timing.secondsWaited).toBeLessThanOrEqual(20);
		expect(timing.polls).toBeGreaterThanOrEqual(2);
		expect(item.pairedItem).toEqual({ item: 0 });

		const job = [...env.emulator.state.jobs.values()].find(
			(candidate) => candidate.id === item.json.id,
		);
		expect(job.questions).toEqual([
			{ name: 'Region', value: 'West' },
			{ name: 'Year', value: '2026' },
		]);
	});

	test('polls without messages and reads the messages once at the end', async () => {
		await env.runNode(runParameters(workflows.dailySalesEtl));
		const reads = env.emulator.requests.filter(
			(entry) => /\/v3\/jobs\/[0-9a-f]{24}$/.test(entry.path) && entry.status === 200,
		);
		expect(reads.length).toBeGreaterThanOrEqual(2);
		expect(reads.slice(0, -1).every((entry) => entry.query.includeMessages === 'false')).toBe(true);
		expect(reads[reads.length - 1].query.includeMessages).toBe('true');
	});

	test('sends priority, worker tag and credential with the job', async () => {
		await env.runNode(
			runParameters(workflows.dailySalesEtl, {
				additionalFields: {
					priority: 'High',
					workerTag: 'gpu',
					credentialId: SEED_IDS.credentials.svcAlteryx,
				},
			}),
		);
		const job = [...env.emulator.state.jobs.values()].find(
			(candidate) =>
				candidate.workflowId === workflows.dailySalesEtl && candidate.workerTag === 'gpu',
		);
		expect(job).toMatchObject({ priority: 'High', credentialId: SEED_IDS.credentials.svcAlteryx });
	});

	test('a Warning result is a success', async () => {
		const [item] = await env.runNode(runParameters(workflows.customerCleanse));
		expect(item.json.disposition).toBe('Warning');
	});

	test('downloads every output in the chosen format into output_0, output_1, …', async () => {
		const [item] = await env.runNode(
			runParameters(workflows.dailySalesEtl, {
				options: { downloadOutputs: true, outputFormat: 'Csv' },
			}),
		);
		expect(Object.keys(item.binary).sort()).toEqual(['output_0', 'output_1']);
		expect(item.binary.output_0).toMatchObject({
			fileName: 'sales_clean.csv',
			mimeType: 'text/csv',
		});
		expect(item.binary.output_1.fileName).toBe('sales_summary.csv');
		const csv = (await env.bytesOf(item.binary.output_0)).toString('utf8');
		expect(csv.split('\r\n')[0]).toBe('JobId,Workflow,Output,Row,Value');
		expect(csv).toContain(item.json.id);
		expect(item.json.outputs[0]).toMatchObject({
			binaryProperty: 'output_0',
			downloadedFormat: 'Csv',
		});
	});

	test('an output without the preferred format comes in its first format; names follow the format', async () => {
		const [item] = await env.runNode(
			runParameters(workflows.salesForecast, {
				questions: { question: [question('Region', 'East')] },
				options: { downloadOutputs: true, outputFormat: 'Pdf', binaryPropertyPrefix: 'file' },
			}),
		);
		expect(item.binary.file0).toMatchObject({ fileName: 'forecast.csv', mimeType: 'text/csv' });
		expect(item.json.outputs[0].downloadedFormat).toBe('Raw');
		expect((await env.bytesOf(item.binary.file0)).toString('utf8')).toContain('East');
	});

	test('without Wait for Completion the queued job comes back at once', async () => {
		const [item] = await env.runNode(
			runParameters(workflows.dailySalesEtl, { waitForCompletion: false }),
		);
		expect(item.json.status).toBe('Queued');
		expect(env.apiCalls().filter((call) => call.startsWith('GET /v3/jobs'))).toEqual([]);
	});
});

describe('Run and Wait: a job that fails', () => {
	test('an Error result fails the item with Alteryx’s error message', async () => {
		const error = await env
			.runNode(runParameters(workflows.inventorySync))
			.catch((thrown) => thrown);
		expect(error.message).toMatch(/^Alteryx job [0-9a-f]{24} ended with result Error$/);
		expect(error.description).toContain('Data source name not found');
		expect(error.context.itemIndex).toBe(0);
	});

	test('with "Fail When the Job Fails" off the item carries the Error result and messages', async () => {
		const [item] = await env.runNode(
			runParameters(workflows.inventorySync, {
				options: { failOnError: false, downloadOutputs: true },
			}),
		);
		expect(item.json).toMatchObject({ status: 'Completed', disposition: 'Error' });
		expect(
			item.json.messages.some((message) => /Data source name not found/.test(message.text)),
		).toBe(true);
		expect(item.binary).toBeUndefined();
	});

	test('the outcome can be forced per run (EmulatorOutcome) and each item keeps its pairing under Continue On Fail', async () => {
		const items = [
			{ json: { outcome: 'Success' } },
			{ json: { outcome: 'Error' } },
			{ json: { outcome: 'Warning' } },
		];
		const output = await env.runNode(
			runParameters(workflows.dailySalesEtl, {
				questions: { question: [question(OUTCOME_QUESTION, '={{ $json.outcome }}')] },
			}),
			{ items, continueOnFail: true },
		);
		expect(output.map((item) => item.pairedItem.item)).toEqual([0, 1, 2]);
		expect(output[0].json.disposition).toBe('Success');
		expect(output[1].json.error).toMatch(/ended with result Error/);
		expect(output[2].json.disposition).toBe('Warning');
	});

	test('a workflow the API user may not run fails with Alteryx’s 403', async () => {
		const { clientId, clientSecret } = env.emulator.credentials.artisan;
		env.harness.setCredentials({ webApiUrl: env.emulator.webApiUrl, clientId, clientSecret });
		try {
			await expect(env.runNode(runParameters(workflows.restrictedReport))).rejects.toMatchObject({
				httpCode: '403',
			});
		} finally {
			const curator = env.emulator.credentials.curator;
			env.harness.setCredentials({
				webApiUrl: env.emulator.webApiUrl,
				clientId: curator.clientId,
				clientSecret: curator.clientSecret,
			});
		}
	});
});

describe('Run and Wait: timeout', () => {
	beforeEach(() => env.emulator.configure({ jobTimings: { queuedMs: 100, runningMs: 30000 } }));

	test('cancels the job and fails the item when it runs past the timeout', async () => {
		const started = Date.now();
		const error = await env
			.runNode(
				runParameters(workflows.dailySalesEtl, { options: { timeout: 1, pollInterval: 0.2 } }),
			)
			.catch((thrown) => thrown);
		const elapsed = Date.now() - started;
		expect(error.message).toMatch(/did not finish within 1 seconds; it was cancelled$/);
		expect(elapsed).toBeGreaterThanOrEqual(1000);
		expect(elapsed).toBeLessThan(4000);

		const [job] = [...env.emulator.state.jobs.values()].filter(
			(candidate) => candidate.cancelledAtMs,
		);
		expect(job).toBeDefined();
		expect(env.apiCalls()).toContain(`DELETE /v3/jobs/${job.id}`);
	});

	test('leaves the job running when cancelling on timeout is off', async () => {
		const error = await env
			.runNode(
				runParameters(workflows.dailySalesEtl, {
					options: { timeout: 1, pollInterval: 0.5, cancelOnTimeout: false },
				}),
			)
			.catch((thrown) => thrown);
		expect(error.message).toMatch(/did not finish within 1 seconds; it is running on the server$/);
		expect(env.apiCalls().some((call) => call.startsWith('DELETE'))).toBe(false);
	});

	test('a job cancelled by someone else while waiting fails the item as Cancelled', async () => {
		const pending = env
			.runNode(
				runParameters(workflows.dailySalesEtl, { options: { timeout: 10, pollInterval: 0.1 } }),
			)
			.catch((thrown) => thrown);
		// Cancel it from the outside once the node has queued it.
		for (let attempt = 0; attempt < 50 && env.emulator.counters.jobEnqueues === 0; attempt++) {
			await new Promise((resolve) => setTimeout(resolve, 20));
		}
		const [job] = [...env.emulator.state.jobs.values()].filter(
			(candidate) =>
				candidate.workflowId === workflows.dailySalesEtl && candidate.timings.runningMs === 30000,
		);
		job.cancelledAtMs = Date.now();
		const error = await pending;
		expect(error.message).toMatch(/ended with status Cancelled$/);
	});
});

describe('Run and Wait: how the wait ends', () => {
	const JOB_PATH = /^\/webapi\/v3\/jobs\/[0-9a-f]{24}$/;
	beforeEach(() => env.emulator.configure({ jobTimings: { queuedMs: 100, runningMs: 30000 } }));

	// Alteryx's status words differ by endpoint; `Complete` must end the wait like `Completed`.
	test('status Complete ends the wait at the first poll', async () => {
		env.emulator.injectFault({
			method: 'GET',
			path: JOB_PATH,
			status: 200,
			body: { id: 'job-reported-complete', status: 'Complete', disposition: 'Success' },
			times: Infinity,
		});
		const started = Date.now();
		const [item] = await env.runNode(
			runParameters(workflows.dailySalesEtl, { options: { timeout: 5, pollInterval: 0.1 } }),
		);
		expect(Date.now() - started).toBeLessThan(3000);
		expect(item.json).toMatchObject({ id: 'job-reported-complete', status: 'Complete' });
		expect(item.json.timing.polls).toBe(1);
		expect(item.json.timing.finishedAt).not.toBeNull();
		expect(env.apiCalls().some((call) => call.startsWith('DELETE'))).toBe(false);
	});

	test('a cancelled execution stops the wait at once and leaves the job running', async () => {
		const cancel = new AbortController();
		const pending = env
			.runNode(
				runParameters(workflows.dailySalesEtl, { options: { timeout: 25, pollInterval: 0.1 } }),
				{ abortSignal: cancel.signal },
			)
			.catch((thrown) => thrown);
		// Cancel once the node is polling the queued job.
		for (let attempt = 0; attempt < 100; attempt++) {
			if (env.emulator.requests.filter((entry) => JOB_PATH.test(entry.path)).length >= 2) break;
			await new Promise((resolve) => setTimeout(resolve, 20));
		}
		const cancelledAt = Date.now();
		cancel.abort();
		const error = await pending;
		expect(Date.now() - cancelledAt).toBeLessThan(2000);
		expect(error.message).toMatch(/execution was cancelled/);
		// n8n stopped waiting; the job is the server's business (no DELETE was sent).
		expect(env.apiCalls().some((call) => call.startsWith('DELETE'))).toBe(false);
		const [job] = [...env.emulator.state.jobs.values()];
		expect(job.cancelledAtMs).toBeNull();
	});

	test('a cancel between two polls ends the wait without waiting out the poll interval', async () => {
		const cancel = new AbortController();
		const pending = env
			.runNode(
				runParameters(workflows.dailySalesEtl, { options: { timeout: 25, pollInterval: 10 } }),
				{ abortSignal: cancel.signal },
			)
			.catch((thrown) => thrown);
		// The first poll has been answered: the node is sleeping for 10 s.
		for (let attempt = 0; attempt < 100; attempt++) {
			const polls = env.emulator.requests.filter((entry) => JOB_PATH.test(entry.path));
			if (polls.length === 1 && polls[0].status === 200) break;
			await new Promise((resolve) => setTimeout(resolve, 20));
		}
		await new Promise((resolve) => setTimeout(resolve, 200));
		const cancelledAt = Date.now();
		cancel.abort();
		const error = await pending;
		expect(Date.now() - cancelledAt).toBeLessThan(2000);
		expect(error.message).toBe('The execution was cancelled while waiting');
		expect(error.description).toMatch(/keeps running on the server/);
		expect(env.emulator.requests.filter((entry) => JOB_PATH.test(entry.path))).toHaveLength(1);
	});
});
