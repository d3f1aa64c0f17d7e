'use strict';
// Schedule resource of the Alteryx Server node, against the emulator over real HTTP.

const { createHarness } = require('../../harness');
const { useServerNodeEnvironment, byId, AlteryxServer, SEED_IDS } = require('./setup');
const { startRecordingProxy } = require('./recording-proxy');
const { createMethodsRunner } = require('./methods-runner');

const { workflows, users, schedules, credentials } = SEED_IDS;
const UNKNOWN_ID = '66ebd18d3d620007000000ff';

const env = useServerNodeEnvironment();

/** Runs the node through a proxy that records request bodies. */
async function withRecording(parameters, run) {
	const proxy = await startRecordingProxy(env.emulator.webApiUrl);
	try {
		const { clientId, clientSecret } = env.emulator.credentials.curator;
		const harness = createHarness({ webApiUrl: proxy.webApiUrl, clientId, clientSecret });
		const [output] = await harness.execute(AlteryxServer, { parameters });
		return run(output, proxy);
	} finally {
		await proxy.close();
	}
}

const createParameters = (overrides = {}) => ({
	resource: 'schedule',
	operation: 'create',
	workflowId: byId(workflows.dailySalesEtl),
	iterationType: 'Daily',
	startTime: '2030-01-15T06:30:00Z',
	...overrides,
});

const storedSchedule = (id) => env.emulator.state.schedules.get(id);

describe('Create', () => {
	test('creates a daily schedule with questions and additional fields', async () => {
		const [item] = await env.runNode(
			createParameters({
				workflowId: byId(workflows.salesForecast),
				runOnlyWorkWeek: true,
				endTime: '2030-06-30T00:00:00Z',
				questions: { question: [{ name: 'Region', value: 'East' }] },
				additionalFields: {
					name: '  Morning Forecast ',
					comment: 'Weekdays only',
					priority: 'High',
					workerTag: 'gpu',
					credentialId: byId(credentials.svcAlteryx),
				},
			}),
		);
		expect(item.json.id).toMatch(/^[0-9a-f]{24}$/);
		expect(item.pairedItem).toEqual({ item: 0 });
		expect(storedSchedule(item.json.id)).toMatchObject({
			name: 'Morning Forecast',
			workflowId: workflows.salesForecast,
			comment: 'Weekdays only',
			priority: 'High',
			workerTag: 'gpu',
			credentialId: credentials.svcAlteryx,
			timeZone: '',
			questions: [{ name: 'Region', value: 'East' }],
			iteration: {
				iterationType: 'Daily',
				startTime: '2030-01-15T06:30:00.000Z',
				endTime: '2030-06-30T00:00:00.000Z',
				dailyContract: { runOnlyWorkWeek: true },
			},
		});
	});

	test.each([
		[
			'Once (End Time ignored)',
			{ iterationType: 'Once', endTime: '2030-02-01T00:00:00Z' },
			{ iterationType: 'Once', startTime: '2030-01-15T06:30:00.000Z' },
		],
		[
			'Hourly',
			{ iterationType: 'Hourly', hourlyHours: 2, hourlyMinutes: 30 },
			{ iterationType: 'Hourly', hourlyContract: { hours: 2, minutes: 30 } },
		],
		[
			'Weekly (days in week order)',
			{ iterationType: 'Weekly', daysOfWeek: ['Friday', 'Monday'] },
			{ iterationType: 'Weekly', weeklyContract: { daysOfWeek: ['Monday', 'Friday'] } },
		],
		[
			'Monthly on a day of the month',
			{ iterationType: 'Monthly', monthlyMode: 'dayOfMonth', dayOfMonth: 15 },
			{ iterationType: 'Monthly', monthlyContract: { simpleDayOfMonth: true, dayOfMonth: 15 } },
		],
		[
			'Monthly on the last Friday',
			{
				iterationType: 'Monthly',
				monthlyMode: 'weekdayOfMonth',
				occurrence: -1,
				monthlyDayOfWeek: 'Friday',
			},
			{
				iterationType: 'Monthly',
				monthlyContract: { simpleDayOfMonth: false, occurrence: -1, dayOfWeek: 'Friday' },
			},
		],
		[
			'Custom days and months',
			{ iterationType: 'Custom', customDaysOfMonth: '15, 1, 28', customMonths: [12, 3] },
			{ iterationType: 'Custom', customContract: { daysOfMonth: [1, 15, 28], months: [3, 12] } },
		],
		[
			'Cron',
			{ iterationType: 'Cron', cronExpression: ' 30  6 * * 1-5 ' },
			{ iterationType: 'Cron', cronContract: { cronExpression: '30 6 * * 1-5' } },
		],
	])('%s becomes its iteration contract', async (_name, parameters, iteration) => {
		const [item] = await env.runNode(createParameters(parameters));
		const stored = storedSchedule(item.json.id);
		expect(stored.iteration).toEqual({ startTime: '2030-01-15T06:30:00.000Z', ...iteration });
		const [view] = await env.runNode({
			resource: 'schedule',
			operation: 'get',
			scheduleId: byId(item.json.id),
		});
		expect(view.json.state).toBe('Scheduled');
	});

	test('with a time zone the wall-clock times are sent without conversion', async () => {
		await withRecording(
			createParameters({
				startTime: '2030-01-15T06:30:00',
				endTime: '2030-03-01T00:00',
				additionalFields: { timeZone: 'W. Europe Standard Time' },
			}),
			(output, proxy) => {
				const [body] = proxy.jsonBodies('POST', /\/v3\/schedules$/);
				expect(body).toEqual({
					workflowId: workflows.dailySalesEtl,
					timeZone: 'W. Europe Standard Time',
					iteration: {
						iterationType: 'Daily',
						startTime: '2030-01-15T06:30:00',
						endTime: '2030-03-01T00:00:00',
						dailyContract: { runOnlyWorkWeek: false },
					},
				});
				expect(storedSchedule(output[0].json.id).timeZone).toBe('W. Europe Standard Time');
			},
		);
	});

	test.each([
		[
			'a cron expression without five fields',
			{ iterationType: 'Cron', cronExpression: '0 6 *' },
			/five fields/,
		],
		[
			'a weekly schedule without days',
			{ iterationType: 'Weekly', daysOfWeek: [] },
			/day of the week/,
		],
		[
			'a zero hourly interval',
			{ iterationType: 'Hourly', hourlyHours: 0, hourlyMinutes: 0 },
			/at least one minute/,
		],
		[
			'custom days outside 1–31',
			{ iterationType: 'Custom', customDaysOfMonth: '0, 32', customMonths: [1] },
			/1 to 31/,
		],
		['an end before the start', { endTime: '2030-01-01T00:00:00Z' }, /End Time must be later/],
		['no start time', { startTime: '' }, /Start Time is required/],
	])('%s is refused before any request', async (_name, parameters, message) => {
		await expect(env.runNode(createParameters(parameters))).rejects.toThrow(message);
		expect(env.apiCalls()).toEqual([]);
	});

	test('an unknown workflow fails with Alteryx’s 400 and its modelState', async () => {
		const error = await env
			.runNode(createParameters({ workflowId: byId(UNKNOWN_ID) }))
			.catch((caught) => caught);
		expect(error).toMatchObject({
			httpCode: '400',
			message: expect.stringMatching(/The request is invalid/),
			description: expect.stringContaining('workflowId: The workflow does not exist'),
		});
		expect(error.context.modelState).toHaveProperty(['contract.workflowId']);
		expect(env.emulator.state.schedules.size).toBe(2);
	});
});

describe('Get, Get Many and Delete', () => {
	test('Get returns the ScheduleView', async () => {
		const [item] = await env.runNode({
			resource: 'schedule',
			operation: 'get',
			scheduleId: byId(schedules.weeklyForecast),
		});
		expect(item.json).toMatchObject({
			id: schedules.weeklyForecast,
			name: 'Weekly Forecast (West)',
			iteration: { iterationType: 'Weekly' },
		});
	});

	test('Get of an unknown schedule fails with 404', async () => {
		await expect(
			env.runNode({ resource: 'schedule', operation: 'get', scheduleId: byId(UNKNOWN_ID) }),
		).rejects.toMatchObject({ httpCode: '404' });
	});

	test('Get Many returns every schedule; owner and workflow filters travel as query parameters', async () => {
		const all = await env.runNode({ resource: 'schedule', operation: 'getAll', returnAll: true });
		expect(all.map((item) => item.json.name).sort()).toEqual([
			'Nightly ETL',
			'Weekly Forecast (West)',
		]);

		const filtered = await env.runNode({
			resource: 'schedule',
			operation: 'getAll',
			returnAll: true,
			filters: { ownerId: byId(users.bo), workflowId: byId(workflows.salesForecast) },
			options: { view: 'Full' },
		});
		expect(filtered).toHaveLength(1);
		expect(filtered[0].json).toMatchObject({ id: schedules.weeklyForecast, enabled: true });
		const request = env.emulator.requests
			.filter((entry) => entry.path === '/webapi/v3/schedules' && entry.status === 200)
			.pop();
		expect(request.query).toEqual({
			ownerId: users.bo,
			workflowId: workflows.salesForecast,
			view: 'Full',
		});
	});

	test('Get Many with a run window sends both bounds in UTC and returns the schedules that run in it', async () => {
		const output = await env.runNode({
			resource: 'schedule',
			operation: 'getAll',
			returnAll: false,
			limit: 5,
			// 2030-01-01 is a Tuesday: the daily schedule runs in the window, the Monday one not.
			filters: { runsAfter: '2030-01-01T00:00:00Z', runsBefore: '2030-01-02T00:00:00Z' },
		});
		expect(output.map((item) => item.json.name)).toEqual(['Nightly ETL']);
		const request = env.emulator.requests.find(
			(entry) => entry.path === '/webapi/v3/schedules' && entry.status === 200,
		);
		expect(request.query).toEqual({
			runsAfter: '2030-01-01T00:00:00.000Z',
			runsBefore: '2030-01-02T00:00:00.000Z',
		});
	});

	test.each([
		['only Runs After', { runsAfter: '2030-01-01T00:00:00Z' }, /must be used together/],
		['only Runs Before', { runsBefore: '2030-01-01T00:00:00Z' }, /must be used together/],
		[
			'a window over 45 days',
			{ runsAfter: '2030-01-01T00:00:00Z', runsBefore: '2030-02-16T00:00:00Z' },
			/at most 45 days apart/,
		],
		[
			'Runs Before not after Runs After',
			{ runsAfter: '2030-01-02T00:00:00Z', runsBefore: '2030-01-01T00:00:00Z' },
			/must be later than Runs After/,
		],
	])('Get Many refuses %s before any request', async (_name, filters, message) => {
		await expect(
			env.runNode({ resource: 'schedule', operation: 'getAll', returnAll: true, filters }),
		).rejects.toThrow(message);
		expect(env.apiCalls()).toEqual([]);
	});

	test('a 45-day window is accepted', async () => {
		const output = await env.runNode({
			resource: 'schedule',
			operation: 'getAll',
			returnAll: true,
			filters: { runsAfter: '2030-01-01T00:00:00Z', runsBefore: '2030-02-15T00:00:00Z' },
		});
		expect(output).toHaveLength(2);
	});

	test('Delete removes the schedule; deleting it again is a 404', async () => {
		const parameters = {
			resource: 'schedule',
			operation: 'delete',
			scheduleId: byId(schedules.weeklyForecast),
		};
		const [item] = await env.runNode(parameters);
		expect(item.json).toEqual({ success: true, id: schedules.weeklyForecast });
		expect(env.emulator.state.schedules.has(schedules.weeklyForecast)).toBe(false);
		expect(
			env.emulator.state.collections.get(SEED_IDS.collections.financeReports).scheduleIds,
		).not.toContain(schedules.weeklyForecast);
		await expect(env.runNode(parameters)).rejects.toMatchObject({ httpCode: '404' });
	});
});

describe('Update (GET → merge → PUT)', () => {
	test('changes only the given fields and sends the complete contract', async () => {
		await withRecording(
			{
				resource: 'schedule',
				operation: 'update',
				scheduleId: byId(schedules.weeklyForecast),
				updateFields: { name: 'Forecast (paused)', enabled: false, ownerId: byId(users.ada) },
			},
			([item], proxy) => {
				expect(item.json).toMatchObject({
					id: schedules.weeklyForecast,
					name: 'Forecast (paused)',
					enabled: false,
					ownerId: users.ada,
				});
				const [body] = proxy.jsonBodies('PUT', /\/v3\/schedules\//);
				expect(body).toEqual({
					workflowId: workflows.salesForecast,
					ownerId: users.ada,
					iteration: {
						iterationType: 'Weekly',
						startTime: '2024-10-07T07:00:00.000Z',
						weeklyContract: { daysOfWeek: ['Monday'] },
					},
					name: 'Forecast (paused)',
					comment: 'Monday morning forecast for the West region',
					priority: 'Default',
					workerTag: '',
					enabled: false,
					credentialId: '',
					questions: [
						{ name: 'Region', value: 'West' },
						{ name: 'Year', value: '2025' },
					],
				});
			},
		);
		const stored = storedSchedule(schedules.weeklyForecast);
		expect(stored).toMatchObject({
			name: 'Forecast (paused)',
			enabled: false,
			comment: 'Monday morning forecast for the West region',
		});
		expect(stored.questions).toHaveLength(2);
	});

	test('Change Recurrence replaces the iteration; questions and credential can be replaced', async () => {
		const [item] = await env.runNode({
			resource: 'schedule',
			operation: 'update',
			scheduleId: byId(schedules.nightlyEtl),
			changeIteration: true,
			iterationType: 'Cron',
			startTime: '2030-01-01T00:00:00Z',
			cronExpression: '0 */4 * * *',
			updateFields: {
				credentialId: byId(credentials.svcAlteryx),
				questions: { question: [{ name: 'Region', value: 'North' }] },
			},
		});
		expect(item.json.frequency).toBe('Cron 0 */4 * * *');
		expect(storedSchedule(schedules.nightlyEtl)).toMatchObject({
			iteration: {
				iterationType: 'Cron',
				startTime: '2030-01-01T00:00:00.000Z',
				cronContract: { cronExpression: '0 */4 * * *' },
			},
			credentialId: credentials.svcAlteryx,
			questions: [{ name: 'Region', value: 'North' }],
			name: 'Nightly ETL',
		});
	});

	test('a server that does not return the recurrence gets a clear error, not a broken PUT', async () => {
		const [current] = await env.runNode({
			resource: 'schedule',
			operation: 'get',
			scheduleId: byId(schedules.nightlyEtl),
		});
		env.emulator.injectFault({
			method: 'GET',
			path: `/v3/schedules/${schedules.nightlyEtl}`,
			status: 200,
			headers: { 'Content-Type': 'application/json' },
			body: { ...current.json, iteration: { startTime: '2024-10-01T02:00:00Z', endTime: null } },
		});
		await expect(
			env.runNode({
				resource: 'schedule',
				operation: 'update',
				scheduleId: byId(schedules.nightlyEtl),
				updateFields: { name: 'Renamed' },
			}),
		).rejects.toThrow(/recurrence could not be read back/);
		expect(env.apiCalls().filter((call) => call.startsWith('PUT'))).toEqual([]);
	});

	test('an unknown owner fails with Alteryx’s 400; no fields at all is refused', async () => {
		await expect(
			env.runNode({
				resource: 'schedule',
				operation: 'update',
				scheduleId: byId(schedules.nightlyEtl),
				updateFields: { ownerId: byId('66ebd18d3d620001000000ff') },
			}),
		).rejects.toMatchObject({
			httpCode: '400',
			description: expect.stringContaining('ownerId: The owner does not exist.'),
		});
		await expect(
			env.runNode({
				resource: 'schedule',
				operation: 'update',
				scheduleId: byId(schedules.nightlyEtl),
				updateFields: {},
			}),
		).rejects.toThrow(/No field to update/);
	});
});

describe('Update (Patch)', () => {
	test('sends only the fields that were set', async () => {
		await withRecording(
			{
				resource: 'schedule',
				operation: 'patch',
				scheduleId: byId(schedules.nightlyEtl),
				updateFields: { comment: '', priority: 'Low' },
			},
			([item], proxy) => {
				expect(proxy.jsonBodies('PATCH', /\/v3\/schedules\//)).toEqual([
					{ comment: '', priority: 'Low' },
				]);
				expect(proxy.recorded.some((entry) => entry.method === 'GET')).toBe(false);
				expect(item.json).toMatchObject({ comment: '', priority: 'Low', name: 'Nightly ETL' });
			},
		);
		expect(storedSchedule(schedules.nightlyEtl)).toMatchObject({ comment: '', priority: 'Low' });
	});

	test('a new recurrence uses the schedule’s current time zone for its times', async () => {
		storedSchedule(schedules.nightlyEtl).timeZone = 'Eastern Standard Time';
		await withRecording(
			{
				resource: 'schedule',
				operation: 'patch',
				scheduleId: byId(schedules.nightlyEtl),
				changeIteration: true,
				iterationType: 'Weekly',
				startTime: '2030-01-07T08:00:00',
				daysOfWeek: ['Monday', 'Wednesday'],
			},
			(output, proxy) => {
				expect(proxy.jsonBodies('PATCH', /\/v3\/schedules\//)).toEqual([
					{
						iteration: {
							iterationType: 'Weekly',
							startTime: '2030-01-07T08:00:00',
							weeklyContract: { daysOfWeek: ['Monday', 'Wednesday'] },
						},
					},
				]);
			},
		);
		expect(storedSchedule(schedules.nightlyEtl)).toMatchObject({
			timeZone: 'Eastern Standard Time',
			iteration: { iterationType: 'Weekly' },
		});
	});

	test('an invalid recurrence answered by Alteryx surfaces its modelState', async () => {
		await expect(
			env.runNode({
				resource: 'schedule',
				operation: 'patch',
				scheduleId: byId(schedules.nightlyEtl),
				changeIteration: true,
				iterationType: 'Cron',
				startTime: '2030-01-07T08:00:00Z',
				cronExpression: '99 * * * *',
			}),
		).rejects.toMatchObject({
			httpCode: '400',
			description: expect.stringContaining('iteration.cronContract.cronExpression'),
		});
	});
});

describe('Schedule picker', () => {
	test('lists schedules by name', async () => {
		const methods = createMethodsRunner(env.harness, AlteryxServer);
		const { results } = await methods.listSearch('searchSchedules', 'night');
		expect(results).toEqual([{ name: 'Nightly ETL', value: schedules.nightlyEtl }]);
	});
});
