'use strict';
// The "From List" pickers (listSearch) and the dropdowns (loadOptions) of the Alteryx Server
// node, called the way the n8n editor calls them.

const { startServerNodeEnvironment, AlteryxServer, SEED_IDS } = require('./setup');
const { createMethodsRunner } = require('./methods-runner');

const { workflows, users } = SEED_IDS;
const FIRST_JOB = '66ebd18d3d62000a00000001';

let env;
let methods;
beforeAll(async () => {
	env = await startServerNodeEnvironment();
	methods = createMethodsRunner(env.harness, AlteryxServer);
});
afterAll(async () => env && (await env.emulator.close()));

describe('listSearch', () => {
	test('workflows: filtered by the server’s name filter, sorted by name', async () => {
		const all = await methods.listSearch('searchWorkflows');
		expect(all.results.map((result) => result.name)).toEqual([
			'Customer Cleanse',
			'Daily Sales ETL',
			'Inventory Sync',
			'Marketing Mix',
			'Restricted Report',
			'Sales Forecast',
		]);
		const sales = await methods.listSearch('searchWorkflows', 'sales');
		// Each with a link to its Gallery page (by-url.test.js).
		expect(sales.results).toEqual([
			{ name: 'Daily Sales ETL', value: workflows.dailySalesEtl, url: expect.any(String) },
			{ name: 'Sales Forecast', value: workflows.salesForecast, url: expect.any(String) },
		]);
		expect(env.emulator.requests.some((entry) => entry.query.name === 'sales')).toBe(true);
	});

	test('users: name and email, filtered by either', async () => {
		const { results } = await methods.listSearch('searchUsers', 'bo.builder');
		expect(results).toEqual([{ name: 'Bo Builder (bo.builder@example.com)', value: users.bo }]);
	});

	test('collections, schedules, user groups and credentials', async () => {
		expect((await methods.listSearch('searchCollections', 'finance')).results).toEqual([
			{ name: 'Finance Reports', value: SEED_IDS.collections.financeReports },
		]);
		expect(
			(await methods.listSearch('searchSchedules')).results.map((result) => result.name),
		).toEqual(['Nightly ETL', 'Weekly Forecast (West)']);
		expect((await methods.listSearch('searchUserGroups', 'analy')).results).toEqual([
			{ name: 'Analysts', value: SEED_IDS.userGroups.analysts },
		]);
		expect((await methods.listSearch('searchCredentials')).results).toEqual([
			{ name: 'CORP\\svc_alteryx', value: SEED_IDS.credentials.svcAlteryx },
		]);
	});

	test('a typed ID finds the record too', async () => {
		const { results } = await methods.listSearch(
			'searchCollections',
			SEED_IDS.collections.financeReports,
		);
		expect(results).toHaveLength(1);
	});

	test('jobs: newest first, labelled with workflow, status and queue time', async () => {
		const { results } = await methods.listSearch('searchJobs');
		expect(results.length).toBe(25);
		expect(results[0].value).toBe('66ebd18d3d62000a00000019');
		expect(results[0].name).toMatch(/^Daily Sales ETL · Completed · 2024-10-25/);
	});
});

describe('loadOptions', () => {
	test('questions of the chosen workflow, with their choices', async () => {
		const options = await methods.loadOptions('getWorkflowQuestions', {
			resource: 'workflow',
			operation: 'run',
			workflowId: { __rl: true, mode: 'list', value: workflows.salesForecast },
		});
		expect(options.map((option) => option.value)).toEqual(['Region', 'Year']);
		expect(options[0].description).toContain('choices: North, South, East, West');
	});

	test('no workflow chosen yet gives no questions and no request', async () => {
		const before = env.emulator.requests.length;
		expect(await methods.loadOptions('getWorkflowQuestions', {})).toEqual([]);
		expect(env.emulator.requests.length).toBe(before);
	});

	test('outputs of the chosen job and the formats of the chosen output', async () => {
		const jobId = { __rl: true, mode: 'id', value: FIRST_JOB };
		const current = { resource: 'job', operation: 'downloadOutput', jobId };
		const outputs = await methods.loadOptions('getJobOutputs', current);
		expect(outputs.map((option) => option.name)).toEqual(['sales_clean.csv', 'sales_summary.csv']);
		const formats = await methods.loadOptions('getJobOutputFormats', {
			...current,
			outputId: outputs[1].value,
		});
		expect(formats.map((option) => option.value)).toEqual(['Raw', 'Csv', 'Xlsx']);
	});
});
