'use strict';
// Issue 4, Alteryx Server node in a real n8n: Workflow → Run with Wait for Completion (success with
// questions and output download, Error disposition three ways, timeout with cancel).
const h = require('./helpers');
const { SEED_IDS } = require('../emulator/seed');

const SALES_FORECAST = SEED_IDS.workflows.salesForecast;
const INVENTORY_SYNC = SEED_IDS.workflows.inventorySync;

let suite;
beforeAll(async () => {
	suite = await h.startSuite('server-node-run');
});
afterAll(async () => {
	if (suite) await suite.teardown();
});

const byId = (value) => ({ __rl: true, mode: 'id', value });

// Workflow → Run on one Alteryx workflow; `extra` holds node settings such as onError.
function run(name, workflowId, { questions, options, waitForCompletion, extra } = {}) {
	return h.alteryx(
		'server',
		name,
		{
			resource: 'workflow',
			operation: 'run',
			workflowId: byId(workflowId),
			questions: { question: questions || [] },
			waitForCompletion: waitForCompletion === undefined ? true : waitForCompletion,
			additionalFields: {},
			options: { pollInterval: 0.2, timeout: 60, ...(options || {}) },
		},
		suite.credentials[0],
		extra,
	);
}

function jobsOf(workflowId) {
	return [...suite.emulator.state.jobs.values()].filter(
		(job) => job.workflowId === workflowId && job.createdAtMs > Date.parse('2025-01-01'),
	);
}

test('Run and Wait on the Sales Forecast app: Completed job with disposition Success, messages, timing and the output bytes', async () => {
	const wf = h.chain('e2eServerRunWait', 'e2e: Alteryx Server node, run and wait', [
		run('Run and Wait', SALES_FORECAST, {
			questions: [
				{ name: 'Region', value: 'West' },
				{ name: 'Year', value: '2026' },
			],
			options: { downloadOutputs: true, outputFormat: 'Csv' },
		}),
	]);
	const res = h.expectOk(await suite.run(wf));

	const [item] = res.output('Run and Wait');
	const job = item.json;
	expect(job).toEqual(
		expect.objectContaining({
			id: expect.stringMatching(/^[0-9a-f]{24}$/),
			workflowId: SALES_FORECAST,
			status: 'Completed',
			disposition: 'Success',
		}),
	);
	// The job id under the name Job → Get Many and the trigger use too (issue 12).
	expect(job.jobId).toBe(job.id);
	// The job was really enqueued with the answers.
	const stored = suite.emulator.state.jobs.get(job.id);
	expect(stored.questions).toEqual([
		{ name: 'Region', value: 'West' },
		{ name: 'Year', value: '2026' },
	]);
	// Messages come from the final read with includeMessages=true.
	const texts = job.messages.map((m) => m.text);
	expect(texts).toEqual(
		expect.arrayContaining(['Question "Region" = "West"', 'Question "Year" = "2026"']),
	);
	expect(texts.some((t) => /^Finished running .* with 0 errors/.test(t))).toBe(true);
	// Timing: queued at the job's createDateTime, seen running/finished by the polls.
	expect(job.timing).toEqual(
		expect.objectContaining({
			queuedAt: new Date(stored.createdAtMs).toISOString(),
			finishedAt: expect.any(String),
			secondsWaited: expect.any(Number),
			polls: expect.any(Number),
		}),
	);
	expect(job.timing.polls).toBeGreaterThanOrEqual(2);
	expect(Date.parse(job.timing.finishedAt)).toBeGreaterThanOrEqual(
		Date.parse(job.timing.queuedAt) + 1000,
	);
	// Polls were GET v3/jobs/{id}, the last one with messages.
	const polls = suite.emulator.requests.filter(
		(r) => r.method === 'GET' && r.path === `/webapi/v3/jobs/${job.id}`,
	);
	expect(polls.length).toBe(job.timing.polls + 1);

	// Outputs: one binary per output, the bytes of the V1 download in the chosen format.
	expect(job.outputs).toEqual([
		expect.objectContaining({
			fileName: 'forecast.csv',
			binaryProperty: 'output_0',
			downloadedFormat: 'Csv',
		}),
	]);
	const binary = item.binary && item.binary.output_0;
	expect(binary).toBeTruthy();
	expect(binary.fileName).toBe('forecast.csv');
	const bytes = h.binaryBytes(suite, binary);
	const direct = await h.emulatorApi(
		suite,
		'GET',
		`v1/jobs/${job.id}/output/${job.outputs[0].id}?format=Csv`,
	);
	expect(direct.status).toBe(200);
	expect(bytes.length).toBeGreaterThan(0);
	expect(bytes.equals(direct.body)).toBe(true);
	expect(bytes.toString('utf8')).toContain('West');
});

test('Run and Wait on Inventory Sync (disposition Error): the execution fails with the job error; opt-out and On Error → Continue give items', async () => {
	const failing = h.chain('e2eServerRunError', 'e2e: Alteryx Server node, run ends in Error', [
		run('Run Inventory Sync', INVENTORY_SYNC),
	]);
	const res = await suite.run(failing);
	expect(res.error).toBeTruthy();
	expect(res.lastNode).toBe('Run Inventory Sync');
	expect(res.error.message).toMatch(/^Alteryx job [0-9a-f]{24} ended with result Error$/);
	expect(res.error.description).toContain('Data source name not found');
	expect(res.error.description).toContain('Fail When the Job Fails');
	const [failedJob] = jobsOf(INVENTORY_SYNC);
	expect(res.error.message).toContain(failedJob.id);

	// Opt-out: the item carries the finished job and its disposition. On Error → Continue: an
	// error item on the regular output, or on the error output.
	const tolerant = h.graph(
		'e2eServerRunErrorItems',
		'e2e: Alteryx Server node, Error as output',
		[
			run('Opt-out', INVENTORY_SYNC, { options: { failOnError: false } }),
			run('Continue on fail', INVENTORY_SYNC, { extra: { onError: 'continueRegularOutput' } }),
			run('Error output', INVENTORY_SYNC, { extra: { onError: 'continueErrorOutput' } }),
		],
		{ Start: [['Opt-out', 'Continue on fail', 'Error output']] },
	);
	const ok = h.expectOk(await suite.run(tolerant));
	const [optOut] = ok.json('Opt-out');
	expect(optOut).toEqual(
		expect.objectContaining({
			status: 'Completed',
			disposition: 'Error',
			workflowId: INVENTORY_SYNC,
		}),
	);
	expect(
		optOut.messages.some((m) => m.status === 3 && /Data source name not found/.test(m.text)),
	).toBe(true);
	expect(optOut.timing.finishedAt).toEqual(expect.any(String));

	const errorItems = ok.output('Continue on fail');
	expect(errorItems).toHaveLength(1);
	expect(errorItems[0].json.error).toMatch(/^Alteryx job [0-9a-f]{24} ended with result Error$/);
	// The job's error message reaches the item (n8n keeps the error's description on item.error).
	expect(JSON.stringify(errorItems[0])).toContain('Data source name not found');

	const [regular, errorOutput] = ok.execution.data.resultData.runData['Error output'][0].data.main;
	expect(regular || []).toHaveLength(0);
	expect(errorOutput).toHaveLength(1);
	expect(errorOutput[0].json.error).toMatch(/^Alteryx job [0-9a-f]{24} ended with result Error$/);
	expect(jobsOf(INVENTORY_SYNC)).toHaveLength(4);
});

test('Run and Wait past the timeout: the job is cancelled on the server (DELETE v3/jobs/{id}) and the error says it timed out', async () => {
	suite.emulator.configure({ jobTimings: { queuedMs: 60000, runningMs: 1000 } });
	try {
		const wf = h.chain('e2eServerRunTimeout', 'e2e: Alteryx Server node, timeout with cancel', [
			run('Run with timeout', SALES_FORECAST, { options: { timeout: 3, pollInterval: 0.5 } }),
		]);
		const started = Date.now();
		const res = await suite.run(wf);
		expect(res.error).toBeTruthy();
		const match =
			/^Alteryx job ([0-9a-f]{24}) did not finish within 3 seconds; it was cancelled$/.exec(
				res.error.message,
			);
		expect(match).toBeTruthy();
		expect(res.error.description).toMatch(/Timeout \(Seconds\)/);
		const jobId = match[1];
		const stored = suite.emulator.state.jobs.get(jobId);
		expect(stored.cancelledAtMs).not.toBeNull();
		expect(stored.cancelledAtMs - stored.createdAtMs).toBeGreaterThanOrEqual(3000);
		expect(stored.cancelledAtMs - stored.createdAtMs).toBeLessThan(15000);
		expect(stored.cancelledAtMs).toBeGreaterThan(started);
		const cancels = suite.emulator.requests.filter(
			(r) => r.method === 'DELETE' && r.path === `/webapi/v3/jobs/${jobId}`,
		);
		expect(cancels).toHaveLength(1);
		expect(cancels[0].status).toBeLessThan(300);
		const view = await h.emulatorApi(suite, 'GET', `v3/jobs/${jobId}`);
		expect(view.json.status).toBe('Cancelled');

		// Without "Cancel Job on Timeout" the job is left queued and the message says so.
		const keep = h.chain(
			'e2eServerRunTimeoutKeep',
			'e2e: Alteryx Server node, timeout without cancel',
			[
				run('Run and leave it', SALES_FORECAST, {
					options: { timeout: 2, pollInterval: 0.5, cancelOnTimeout: false },
				}),
			],
		);
		const kept = await suite.run(keep);
		const keptMatch =
			/^Alteryx job ([0-9a-f]{24}) did not finish within 2 seconds; it is queued on the server$/.exec(
				kept.error && kept.error.message,
			);
		expect(keptMatch).toBeTruthy();
		expect(suite.emulator.state.jobs.get(keptMatch[1]).cancelledAtMs).toBeNull();
		expect(
			suite.emulator.requests.some(
				(r) => r.method === 'DELETE' && r.path === `/webapi/v3/jobs/${keptMatch[1]}`,
			),
		).toBe(false);
	} finally {
		suite.emulator.configure({ jobTimings: { queuedMs: 300, runningMs: 700 } });
	}
});

h.secretTest(() => suite);
