'use strict';
// Job resource of the Alteryx Server node, against the emulator over real HTTP.

const { useServerNodeEnvironment, byId, SEED_IDS } = require('./setup');

const { workflows } = SEED_IDS;
// Seeded history of Daily Sales ETL: job 1 succeeded and wrote two outputs.
const FIRST_JOB = '66ebd18d3d62000a00000001';
const FIRST_JOB_OUTPUTS = ['66ebd18d3d62000b00000100', '66ebd18d3d62000b00000101'];

const env = useServerNodeEnvironment({
	configure: { jobTimings: { queuedMs: 100, runningMs: 200 } },
});

describe('Get and Get Messages', () => {
	test('Get returns the JobView with messages by default', async () => {
		const [item] = await env.runNode({ resource: 'job', operation: 'get', jobId: byId(FIRST_JOB) });
		expect(item.json).toMatchObject({ id: FIRST_JOB, status: 'Completed', disposition: 'Success' });
		expect(item.json.outputs.map((output) => output.id)).toEqual(FIRST_JOB_OUTPUTS);
		expect(item.json.messages.length).toBeGreaterThan(0);
	});

	test('Get without messages asks for the reduced object', async () => {
		const [item] = await env.runNode({
			resource: 'job',
			operation: 'get',
			jobId: byId(FIRST_JOB),
			includeMessages: false,
		});
		expect(item.json.messages).toBeUndefined();
		const request = env.emulator.requests.find(
			(entry) => entry.path.endsWith(FIRST_JOB) && entry.status === 200,
		);
		expect(request.query).toEqual({ includeMessages: 'false' });
	});

	test('Get Messages returns one item per message, with the job ID', async () => {
		const output = await env.runNode({
			resource: 'job',
			operation: 'getMessages',
			jobId: byId(FIRST_JOB),
		});
		expect(output.length).toBeGreaterThan(2);
		expect(
			output.every((item) => item.json.jobId === FIRST_JOB && typeof item.json.text === 'string'),
		).toBe(true);
	});

	test('Get Messages also handles the single object the swagger declares', async () => {
		env.emulator.configure({ listShape: 'swagger' });
		try {
			const output = await env.runNode({
				resource: 'job',
				operation: 'getMessages',
				jobId: byId(FIRST_JOB),
			});
			expect(output).toHaveLength(1);
			expect(output[0].json.text).toMatch(/^Finished running/);
		} finally {
			env.emulator.configure({ listShape: 'array' });
		}
	});
});

describe('Cancel', () => {
	test('cancels a running job; cancelling a finished one fails with Alteryx’s 400', async () => {
		env.emulator.configure({ jobTimings: { queuedMs: 0, runningMs: 30000 } });
		const [queued] = await env.runNode({
			resource: 'workflow',
			operation: 'run',
			workflowId: byId(workflows.dailySalesEtl),
			waitForCompletion: false,
		});
		const [cancelled] = await env.runNode({
			resource: 'job',
			operation: 'cancel',
			jobId: byId(queued.json.id),
		});
		expect(cancelled.json).toEqual({ success: true, id: queued.json.id, jobId: queued.json.id });
		const [job] = await env.runNode({
			resource: 'job',
			operation: 'get',
			jobId: byId(queued.json.id),
		});
		expect(job.json.status).toBe('Cancelled');

		await expect(
			env.runNode({ resource: 'job', operation: 'cancel', jobId: byId(FIRST_JOB) }),
		).rejects.toMatchObject({
			httpCode: '400',
			message: expect.stringMatching(/already completed/),
		});
	});
});

describe('Get Many (paged GET v3/jobs)', () => {
	test('Limit returns that many jobs from the first page', async () => {
		const output = await env.runNode({
			resource: 'job',
			operation: 'getAll',
			returnAll: false,
			limit: 10,
		});
		expect(output).toHaveLength(10);
		expect(output[0].json).toMatchObject({ workflowName: 'Daily Sales ETL' });
		const request = env.emulator.requests.find(
			(entry) => entry.path === '/webapi/v3/jobs' && entry.status === 200,
		);
		expect(request.query).toMatchObject({ offset: '0', limit: '10', allUsers: 'true' });
	});

	test('Return All follows the envelope’s hasNextPage across pages', async () => {
		const seeded = [...env.emulator.state.jobs.values()];
		for (let copy = 1; copy <= 4; copy++) {
			for (const job of seeded) {
				const id = `${job.id.slice(0, 20)}${copy.toString(16).padStart(2, '0')}${job.id.slice(22)}`;
				env.emulator.state.jobs.set(id, { ...job, id, createdAtMs: job.createdAtMs + copy * 1000 });
			}
		}
		const output = await env.runNode({ resource: 'job', operation: 'getAll', returnAll: true });
		expect(output).toHaveLength(125);
		expect(new Set(output.map((item) => item.json.jobId)).size).toBe(125);
		const pages = env.emulator.requests.filter(
			(entry) => entry.path === '/webapi/v3/jobs' && entry.status === 200,
		);
		expect(pages.map((entry) => entry.query.offset)).toEqual(['0', '100']);
	});

	test('filters and sorting travel as the swagger’s query parameters', async () => {
		const output = await env.runNode({
			resource: 'job',
			operation: 'getAll',
			returnAll: true,
			filters: {
				statuses: ['Complete'],
				workflowNames: 'Daily Sales ETL',
				completedAfter: '2024-10-20T00:00:00',
				completedBefore: '2024-10-23',
				allUsers: true,
			},
			options: { sortField: 'CreateDate', direction: 'asc' },
		});
		const request = env.emulator.requests.find(
			(entry) => entry.path === '/webapi/v3/jobs' && entry.status === 200,
		);
		expect(request.query).toMatchObject({
			statuses: 'Complete',
			workflowNames: 'Daily Sales ETL',
			completedAfter: '2024-10-20',
			completedBefore: '2024-10-23',
			sortField: 'CreateDate',
			direction: 'asc',
		});
		expect(output.length).toBeGreaterThan(0);
		const times = output.map((item) => item.json.queueTime);
		expect([...times].sort()).toEqual(times);
	});
});

describe('Download Output (V1 endpoint)', () => {
	test('downloads the chosen output in the chosen format, with file name and MIME type', async () => {
		const [item] = await env.runNode({
			resource: 'job',
			operation: 'downloadOutput',
			jobId: byId(FIRST_JOB),
			outputId: FIRST_JOB_OUTPUTS[1],
			format: 'Xlsx',
			binaryPropertyName: 'report',
		});
		expect(item.json).toMatchObject({
			jobId: FIRST_JOB,
			outputId: FIRST_JOB_OUTPUTS[1],
			format: 'Xlsx',
			fileName: 'sales_summary.xlsx',
		});
		expect(item.binary.report).toMatchObject({
			fileName: 'sales_summary.xlsx',
			mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
		});
		const bytes = await env.bytesOf(item.binary.report);
		expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK');
		expect(env.apiCalls()).toContain(`GET /v1/jobs/${FIRST_JOB}/output/${FIRST_JOB_OUTPUTS[1]}`);
	});

	test('without a format the output’s first available format (Raw) is used', async () => {
		const [item] = await env.runNode({
			resource: 'job',
			operation: 'downloadOutput',
			jobId: byId(FIRST_JOB),
			outputId: FIRST_JOB_OUTPUTS[0],
			format: '',
			binaryPropertyName: 'data',
		});
		expect(item.json.format).toBe('Raw');
		expect(item.binary.data).toMatchObject({ fileName: 'sales_clean.csv', mimeType: 'text/csv' });
	});

	test('an unknown output names the outputs the job has', async () => {
		await expect(
			env.runNode({
				resource: 'job',
				operation: 'downloadOutput',
				jobId: byId(FIRST_JOB),
				outputId: 'nope',
				binaryPropertyName: 'data',
			}),
		).rejects.toMatchObject({
			message: `Job ${FIRST_JOB} has no output nope`,
			description: expect.stringContaining('sales_clean.csv'),
		});
	});

	test('a format the output does not offer fails with the server’s list of formats', async () => {
		await expect(
			env.runNode({
				resource: 'job',
				operation: 'downloadOutput',
				jobId: byId(FIRST_JOB),
				outputId: FIRST_JOB_OUTPUTS[0],
				format: 'Pdf',
				binaryPropertyName: 'data',
			}),
		).rejects.toMatchObject({
			httpCode: '400',
			message: expect.stringMatching(/Available formats: Raw, Csv, Xlsx/),
		});
	});
});
