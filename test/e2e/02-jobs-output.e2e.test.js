'use strict';
// Issue case 2: POST v3/workflows/{id}/jobs with questions, GET v3/jobs/{id} until Completed, then
// download a V1 output into a binary property.
const h = require('./helpers');

let suite;
beforeAll(async () => {
	suite = await h.startSuite('jobs-output');
});
afterAll(async () => {
	if (suite) await suite.teardown();
});

test('runs an analytic app with questions, waits for the job and downloads its output', async () => {
	const cred = suite.credentials[0];
	const questions = [
		{ name: 'Region', value: 'West' },
		{ name: 'Year', value: '2025' },
	];
	const wf = h.graph(
		'e2eJobOutput',
		'e2e: job with questions and output download',
		[
			h.alteryx(
				'get',
				'Find app',
				{
					endpoint: 'v3/workflows',
					sendQuery: true,
					specifyQuery: 'keypair',
					queryParameters: { parameters: [{ name: 'name', value: 'Sales Forecast' }] },
					options: {},
				},
				cred,
			),
			h.alteryx(
				'post',
				'Run job',
				{
					endpoint: '=v3/workflows/{{ $json.id }}/jobs',
					sendBody: true,
					contentType: 'json',
					specifyBody: 'json',
					jsonBody: JSON.stringify({ questions, priority: 'Default' }),
					options: {},
				},
				cred,
			),
			h.wait('Wait', 1),
			h.alteryx('get', 'Get job', { endpoint: '=v3/jobs/{{ $json.id }}', options: {} }, cred),
			h.ifEquals('Completed?', '={{ $json.status }}', 'Completed'),
			h.alteryx(
				'get',
				'Download output',
				{
					endpoint: '=v1/jobs/{{ $json.id }}/output/{{ $json.outputs[0].id }}',
					sendQuery: true,
					specifyQuery: 'keypair',
					queryParameters: { parameters: [{ name: 'format', value: 'Csv' }] },
					options: { responseFormat: 'file', outputPropertyName: 'data' },
				},
				cred,
			),
		],
		{
			'Find app': ['Run job'],
			'Run job': ['Wait'],
			Wait: ['Get job'],
			'Get job': ['Completed?'],
			'Completed?': ['Download output', 'Wait'],
		},
	);
	const res = h.expectOk(await suite.run(wf));

	const [job] = res.json('Run job');
	expect(job.id).toMatch(/^[0-9a-f]{24}$/);
	// The emulator saw the questions exactly as sent.
	const stored = suite.emulator.state.jobs.get(job.id);
	expect(stored).toBeTruthy();
	expect(JSON.stringify(stored)).toContain('West');

	const [finished] = res.json('Get job', undefined);
	expect(finished.status).toBe('Completed');
	expect(finished.outputs.length).toBeGreaterThan(0);

	const [item] = res.output('Download output');
	expect(item.binary && item.binary.data).toBeTruthy();
	const bytes = h.binaryBytes(suite, item.binary.data);
	const direct = await h.emulatorApi(
		suite,
		'GET',
		`v1/jobs/${job.id}/output/${finished.outputs[0].id}?format=Csv`,
	);
	expect(direct.status).toBe(200);
	expect(bytes.length).toBeGreaterThan(0);
	expect(bytes.equals(direct.body)).toBe(true);
	expect(item.binary.data.fileName).toMatch(/\.csv$/i);
});

h.secretTest(() => suite);
