'use strict';
// Run and Wait, Download Output and Get Many with the job and list answers that other servers
// (or versions, or a proxy) give: job views without status, dates, messages, outputs, output
// names or formats, an empty list answer, and a run whose execution is cancelled.
const { run } = require('../helpers');
const { useServerNodeEnvironment, byId, AlteryxServer, SEED_IDS } = require('./setup');

const { workflows } = SEED_IDS;
const JOB_VIEW = /^\/webapi\/v3\/jobs\/[0-9a-f]{24}$/;
const OUTPUT_DOWNLOAD = /^\/webapi\/v1\/jobs\/[^/]+\/output\/[^/]+$/;

const env = useServerNodeEnvironment({
	configure: { jobTimings: { queuedMs: 100, runningMs: 200 } },
});

/** Every read of a job (GET v3/jobs/{id}) answers `view`. */
const jobViewIs = (view) =>
	env.emulator.injectFault({
		method: 'GET',
		path: JOB_VIEW,
		status: 200,
		body: view,
		times: Infinity,
	});

const runAndWait = (options = {}, runOptions = {}) =>
	run(env.harness, AlteryxServer, {
		parameters: {
			resource: 'workflow',
			operation: 'run',
			workflowId: byId(workflows.dailySalesEtl),
			waitForCompletion: true,
			options: { pollInterval: 0.1, timeout: 20, ...options },
		},
		...runOptions,
	});

const downloads = () =>
	env.emulator.requests.filter((entry) => OUTPUT_DOWNLOAD.test(entry.path) && entry.status === 200);

describe('job views with fields left out', () => {
	test('a finished job without a queue time, messages or outputs: queuedAt null, no files', async () => {
		jobViewIs({ id: 'job-without-details', status: 'Completed', disposition: 'Success' });
		const { items, error } = await runAndWait({ downloadOutputs: true });
		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({ id: 'job-without-details', status: 'Completed' });
		expect(items[0].json.timing.queuedAt).toBeNull();
		expect(items[0].json.timing.finishedAt).toEqual(expect.any(String));
		expect(items[0].binary).toBeUndefined();
		expect(downloads()).toEqual([]);
	});

	test('outputs without a file name or formats are asked for in the chosen format and named after it', async () => {
		jobViewIs({
			id: 'job-1',
			status: 'Completed',
			disposition: 'Success',
			outputs: [
				{ id: 'out-1' },
				{ id: 'out-2', fileName: 'Summary' },
				{ id: 'out-3', fileName: 'C:\\Temp\\report.yxdb', availableFormats: ['Yxdb', 'Csv'] },
			],
		});
		env.emulator.injectFault({
			method: 'GET',
			path: OUTPUT_DOWNLOAD,
			status: 200,
			headers: { 'Content-Type': 'application/octet-stream' },
			body: 'Region,Sales\r\n',
			times: Infinity,
		});
		const { items, error } = await runAndWait({ downloadOutputs: true, outputFormat: 'Csv' });
		expect(error).toBeUndefined();
		const binary = items[0].binary;
		expect(Object.values(binary).map((file) => [file.fileName, file.mimeType])).toEqual([
			['out-1.csv', 'text/csv'],
			['Summary.csv', 'text/csv'],
			['report.csv', 'text/csv'],
		]);
		expect(downloads().map((entry) => [entry.path.split('/').pop(), entry.query.format])).toEqual([
			['out-1', 'Csv'],
			['out-2', 'Csv'],
			['out-3', 'Csv'],
		]);
		expect(items[0].json.outputs.map((output) => output.downloadedFormat)).toEqual([
			'Csv',
			'Csv',
			'Csv',
		]);
	});

	test('an Error result without messages still fails the item, saying so', async () => {
		jobViewIs({ id: 'job-2', status: 'Completed', disposition: 'Error' });
		const { error } = await runAndWait();
		expect(error.constructor.name).toBe('NodeOperationError');
		expect(error.message).toMatch(/job-2 ended with result Error/);
		expect(error.description).toMatch(/Fail When the Job Fails/);
	});

	test('error messages are picked by status 3 or the word "error"; "with 0 errors" is not one', async () => {
		jobViewIs({
			id: 'job-3',
			status: 'Completed',
			disposition: 'Error',
			messages: [
				{ status: 1, text: 'Error check: finished with 0 errors and 1 warning' },
				{ status: 3, text: 'Input Data (1): Table not found' },
				{ status: 1, text: 'Output (4): Error writing the file' },
				{ status: 3 },
				{ text: 'Started' },
			],
		});
		const { error } = await runAndWait();
		const lines = error.description.split('\n');
		expect(lines).toContain('Input Data (1): Table not found');
		expect(lines).toContain('Output (4): Error writing the file');
		expect(error.description).not.toMatch(/with 0 errors|Started/);
	});

	test('a job view without a status is waited for until the timeout, then a cancel is tried', async () => {
		env.emulator.configure({ jobTimings: { queuedMs: 100, runningMs: 30000 } });
		jobViewIs({ id: 'job-4' });
		const started = Date.now();
		const { error } = await runAndWait({ timeout: 1, pollInterval: 0.2 });
		expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
		expect(error.message).toMatch(/job-4 did not finish within 1 seconds; it was cancelled/);
		const [queued] = [...env.emulator.state.jobs.values()].filter((job) => job.cancelledAtMs);
		expect(env.apiCalls()).toContain(`DELETE /v3/jobs/${queued.id}`);
	});
});

describe('the execution is cancelled while the node waits', () => {
	test('the node stops polling at once instead of waiting for the timeout', async () => {
		env.emulator.configure({ jobTimings: { queuedMs: 100, runningMs: 30000 } });
		const abort = new AbortController();
		const pending = runAndWait({ timeout: 20, pollInterval: 0.1 }, { abortSignal: abort.signal });
		for (let wait = 0; wait < 100 && env.emulator.counters.jobEnqueues === 0; wait++) {
			await new Promise((resolve) => setTimeout(resolve, 20));
		}
		const polls = () => env.emulator.requests.filter((entry) => JOB_VIEW.test(entry.path)).length;
		await new Promise((resolve) => setTimeout(resolve, 300));
		const abortedAt = Date.now();
		const pollsAtAbort = polls();
		abort.abort();
		const { error } = await pending;
		expect(error).toBeDefined();
		expect(Date.now() - abortedAt).toBeLessThan(1000);
		await new Promise((resolve) => setTimeout(resolve, 300));
		// At most the poll that was under way when the execution was cancelled.
		expect(polls()).toBeLessThanOrEqual(pollsAtAbort + 1);
	});
});

describe('Download Output', () => {
	test('an output the job lists without an id is refused before anything is downloaded', async () => {
		jobViewIs({ id: 'job-5', status: 'Completed', outputs: [{ fileName: 'nameless.csv' }] });
		const { error } = await run(env.harness, AlteryxServer, {
			parameters: {
				resource: 'job',
				operation: 'downloadOutput',
				jobId: byId('66ebd18d3d62000a00000001'),
				outputId: '',
				format: 'Csv',
				binaryPropertyName: 'data',
			},
		});
		expect(error.constructor.name).toBe('NodeOperationError');
		expect(error.message).toMatch(/Output Name or ID is empty/);
		expect(env.apiCalls().filter((call) => call.includes('/output/'))).toEqual([]);
	});
});

describe('Get Many of a list endpoint', () => {
	test('an empty 200 answer gives no items', async () => {
		env.emulator.injectFault({
			method: 'GET',
			path: '/webapi/v3/usergroups',
			status: 200,
			headers: { 'Content-Length': '0' },
			body: '',
		});
		const { items, error } = await run(env.harness, AlteryxServer, {
			parameters: { resource: 'userGroup', operation: 'getAll', returnAll: true },
		});
		expect(error).toBeUndefined();
		expect(items).toEqual([]);
	});
});
