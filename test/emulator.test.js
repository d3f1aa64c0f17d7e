'use strict';

// Behaviour tests of the local Alteryx Server emulator (test/emulator), over real HTTP.

const { startEmulator, SEED_IDS, OUTCOME_QUESTION } = require('./emulator');
const { buildPackage } = require('./emulator/packages');
const { readZip } = require('./emulator/zip');

const DENIED = { message: 'Authorization has been denied for this request.' };
const { workflows, users } = SEED_IDS;

let emulator;

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const basic = (id, secret) => `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;

async function requestToken({ header, body, grantType = 'client_credentials' } = {}) {
	const form = new URLSearchParams({ grant_type: grantType });
	if (body) {
		form.set('client_id', body.clientId);
		form.set('client_secret', body.clientSecret);
	}
	const headers = { 'Content-Type': 'application/x-www-form-urlencoded' };
	if (header) headers.Authorization = basic(header.clientId, header.clientSecret);
	const response = await fetch(`${emulator.webApiUrl}oauth2/token`, {
		method: 'POST',
		headers,
		body: form,
	});
	return { status: response.status, headers: response.headers, json: await response.json() };
}

async function tokenFor(who) {
	const { json } = await requestToken({ body: emulator.credentials[who] });
	return json.access_token;
}

async function api(method, path, { token, query, body, form, headers = {} } = {}) {
	const url = new URL(`${emulator.webApiUrl}${path.replace(/^\//, '')}`);
	for (const [k, v] of Object.entries(query || {})) url.searchParams.set(k, v);
	const allHeaders = { ...headers };
	if (token) allHeaders.Authorization = `Bearer ${token}`;
	let payload;
	if (form) payload = form;
	else if (body !== undefined) {
		allHeaders['Content-Type'] = 'application/json';
		payload = JSON.stringify(body);
	}
	const response = await fetch(url, { method, headers: allHeaders, body: payload });
	const buffer = Buffer.from(await response.arrayBuffer());
	const contentType = response.headers.get('content-type') || '';
	const json =
		buffer.length && contentType.includes('json') ? JSON.parse(buffer.toString('utf8')) : undefined;
	return { status: response.status, headers: response.headers, buffer, json };
}

function uploadForm(fields, fileBytes, fileName = 'Upload.yxzp') {
	const form = new FormData();
	form.append('file', new Blob([fileBytes], { type: 'application/yxzp' }), fileName);
	for (const [name, value] of Object.entries(fields)) form.append(name, value);
	return form;
}

const uploadFields = (overrides = {}) => ({
	name: 'Round Trip',
	ownerId: users.ada,
	isPublic: 'false',
	isReadyForMigration: 'false',
	othersMayDownload: 'true',
	othersCanExecute: 'true',
	executionMode: 'Standard',
	workflowCredentialType: 'Default',
	...overrides,
});

async function waitForStatus(token, jobId, wanted, timeoutMs = 5000) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const { json } = await api('GET', `/v3/jobs/${jobId}`, { token });
		if (json.status === wanted || Date.now() > deadline) return json;
		await sleep(25);
	}
}

beforeAll(async () => {
	emulator = await startEmulator();
});

afterAll(async () => {
	await emulator.close();
});

beforeEach(() => {
	emulator.configure({
		tokenTtlSeconds: 3600,
		clientAuth: 'both',
		tokenErrorStyle: 'katana',
		jobTimings: { queuedMs: 300, runningMs: 700 },
	});
	emulator.reset();
});

describe('startEmulator', () => {
	test('listens on 127.0.0.1 and exposes the Web API URL and the seeded API clients', () => {
		expect(emulator.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
		expect(emulator.webApiUrl).toBe(`${emulator.url}/webapi/`);
		expect(Object.keys(emulator.credentials)).toEqual(['curator', 'artisan', 'noApi', 'inactive']);
		expect(emulator.credentials.curator).toEqual({
			clientId: expect.stringMatching(/^[0-9a-f]{32}$/),
			clientSecret: expect.stringMatching(/^[0-9a-f]{64}$/),
			userId: users.ada,
			email: 'ada.admin@example.com',
		});
	});

	test('rejects unknown option values', async () => {
		await expect(startEmulator({ clientAuth: 'cookie' })).rejects.toThrow(/clientAuth/);
		await expect(startEmulator({ seed: 'nope' })).rejects.toThrow(/seed/);
	});
});

describe('POST /webapi/oauth2/token', () => {
	test('accepts the key/secret in a Basic header', async () => {
		const { status, json, headers } = await requestToken({ header: emulator.credentials.curator });
		expect(status).toBe(200);
		expect(json).toEqual({
			access_token: expect.any(String),
			token_type: 'bearer',
			expires_in: 3600,
		});
		expect(headers.get('cache-control')).toBe('no-cache');
		expect(emulator.counters.tokenRequests).toBe(1);
		expect(emulator.counters.tokenRequestsByAuth).toEqual({ header: 1, body: 0 });
	});

	test('accepts the key/secret as client_id/client_secret form fields', async () => {
		const { status, json } = await requestToken({ body: emulator.credentials.artisan });
		expect(status).toBe(200);
		expect(json.token_type).toBe('bearer');
		expect(emulator.counters.tokenRequestsByAuth).toEqual({ header: 0, body: 1 });
	});

	test('accepts both at once (the header wins)', async () => {
		const { status } = await requestToken({
			header: emulator.credentials.curator,
			body: { clientId: 'x', clientSecret: 'y' },
		});
		expect(status).toBe(200);
		expect(emulator.counters.tokenRequestsByAuth).toEqual({ header: 1, body: 0 });
	});

	test('answers 400 invalid_client for a wrong secret or an unknown key', async () => {
		const { clientId } = emulator.credentials.curator;
		for (const credentials of [
			{ clientId, clientSecret: 'wrong' },
			{ clientId: 'unknown', clientSecret: 'x' },
		]) {
			const viaHeader = await requestToken({ header: credentials });
			const viaBody = await requestToken({ body: credentials });
			expect([viaHeader.status, viaHeader.json]).toEqual([400, { error: 'invalid_client' }]);
			expect([viaBody.status, viaBody.json]).toEqual([400, { error: 'invalid_client' }]);
		}
		expect(await requestToken()).toMatchObject({ status: 400, json: { error: 'invalid_client' } });
		expect(emulator.counters.tokenFailures).toBe(5);
	});

	test('answers 400 unsupported_grant_type for another grant type', async () => {
		const { status, json } = await requestToken({
			header: emulator.credentials.curator,
			grantType: 'password',
		});
		expect([status, json]).toEqual([400, { error: 'unsupported_grant_type' }]);
	});

	test("clientAuth 'header' ignores body credentials and 'body' ignores the header", async () => {
		emulator.configure({ clientAuth: 'header' });
		expect((await requestToken({ body: emulator.credentials.curator })).status).toBe(400);
		expect((await requestToken({ header: emulator.credentials.curator })).status).toBe(200);
		emulator.configure({ clientAuth: 'body' });
		expect((await requestToken({ header: emulator.credentials.curator })).status).toBe(400);
		expect((await requestToken({ body: emulator.credentials.curator })).status).toBe(200);
	});

	test('tokenErrorStyle changes the error answer', async () => {
		const wrong = { clientId: emulator.credentials.curator.clientId, clientSecret: 'wrong' };
		emulator.configure({ tokenErrorStyle: 'katana-description' });
		expect((await requestToken({ body: wrong })).json).toEqual({
			error: 'invalid_client',
			error_description: expect.any(String),
		});
		emulator.configure({ tokenErrorStyle: 'rfc6749' });
		const rfc = await requestToken({ header: wrong });
		expect(rfc.status).toBe(401);
		expect(rfc.headers.get('www-authenticate')).toMatch(/^Basic/);
	});

	test('an inactive user gets no token; a user without API access gets one that opens nothing', async () => {
		expect((await requestToken({ body: emulator.credentials.inactive })).json).toEqual({
			error: 'invalid_client',
		});
		const noApi = await requestToken({ body: emulator.credentials.noApi });
		expect(noApi.status).toBe(200);
		const response = await api('GET', '/v3/workflows', { token: noApi.json.access_token });
		expect([response.status, response.json]).toEqual([401, DENIED]);
	});
});

describe('bearer tokens', () => {
	test('a missing or unknown token answers 401 with the ASP.NET message', async () => {
		for (const token of [undefined, 'not-a-token']) {
			const response = await api('GET', '/v3/workflows', { token });
			expect(response.status).toBe(401);
			expect(response.json).toEqual(DENIED);
			expect(response.headers.get('www-authenticate')).toBe('Bearer');
		}
		expect(emulator.counters.unauthorized).toBe(2);
	});

	test('tokens really expire after tokenTtlSeconds', async () => {
		emulator.configure({ tokenTtlSeconds: 1 });
		const { json } = await requestToken({ body: emulator.credentials.curator });
		expect(json.expires_in).toBe(1);
		expect((await api('GET', '/v3/workflows', { token: json.access_token })).status).toBe(200);
		await sleep(1100);
		const expired = await api('GET', '/v3/workflows', { token: json.access_token });
		expect([expired.status, expired.json]).toEqual([401, DENIED]);
	});

	test('expireAllTokens() invalidates every issued token', async () => {
		const token = await tokenFor('curator');
		emulator.expireAllTokens();
		expect((await api('GET', '/v3/workflows', { token })).status).toBe(401);
	});

	test('Curator-only endpoints answer 401 to an Artisan, and work for the Curator', async () => {
		const artisan = await tokenFor('artisan');
		const curator = await tokenFor('curator');
		for (const path of [
			'/v3/users',
			'/v3/collections',
			'/v3/usergroups',
			`/v3/jobs/66ebd18d3d62000a00000001/messages`,
		]) {
			expect(await api('GET', path, { token: artisan })).toMatchObject({
				status: 401,
				json: DENIED,
			});
			expect((await api('GET', path, { token: curator })).status).toBe(200);
		}
		expect((await api('GET', '/v3/workflows', { token: artisan })).status).toBe(200);
	});
});

describe('routing', () => {
	test('routes are case-insensitive and accept a trailing slash; unknown paths 404, wrong verbs 405', async () => {
		const token = await tokenFor('curator');
		expect((await api('GET', '/V3/Workflows/', { token })).status).toBe(200);
		expect(
			(await api('GET', '/v3/dcmeconnections/a1b2c3d4-0001-4e5f-8a9b-0c1d2e3f4a5b', { token }))
				.status,
		).toBe(200);
		expect(
			(await api('GET', '/v3/DCMEConnections/a1b2c3d4-0001-4e5f-8a9b-0c1d2e3f4a5b/', { token }))
				.status,
		).toBe(200);
		const unknown = await api('GET', '/v3/nothing', { token });
		expect(unknown.status).toBe(404);
		expect(unknown.json.message).toMatch(/^No HTTP resource was found/);
		expect((await api('PATCH', '/v3/workflows', { token })).status).toBe(405);
	});

	test('unknown ids answer 404 without a body', async () => {
		const token = await tokenFor('curator');
		const response = await api('GET', '/v3/workflows/000000000000000000000000', { token });
		expect(response.status).toBe(404);
		expect(response.buffer.length).toBe(0);
	});

	test('unknown query parameters such as skip/take are ignored', async () => {
		const token = await tokenFor('curator');
		const all = await api('GET', '/v3/workflows', { token });
		const paged = await api('GET', '/v3/workflows', { token, query: { skip: '2', take: '1' } });
		expect(paged.json).toEqual(all.json);
		expect(all.json.length).toBeGreaterThanOrEqual(4);
	});

	test('serves its swagger document at /webapi/swagger/docs/3', async () => {
		const response = await api('GET', '/swagger/docs/3');
		expect(response.status).toBe(200);
		expect(response.json.basePath).toBe('/webapi/');
		expect(Object.keys(response.json.paths).length).toBeGreaterThan(50);
	});
});

describe('workflows', () => {
	test('an uploaded package downloads byte for byte', async () => {
		const token = await tokenFor('curator');
		const bytes = Buffer.alloc(4096);
		for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 131 + 7) % 256;
		const upload = await api('POST', '/v3/workflows', {
			token,
			form: uploadForm(uploadFields({ name: 'Round Trip' }), bytes),
		});
		expect(upload.status).toBe(200);
		expect(upload.json).toMatch(/^[0-9a-f]{24}$/);

		const download = await api('GET', `/v3/workflows/${upload.json}/package`, { token });
		expect(download.status).toBe(200);
		expect(download.headers.get('content-type')).toBe('application/octet-stream');
		expect(download.headers.get('content-disposition')).toBe(
			'attachment; filename="Round Trip.yxzp"',
		);
		expect(Buffer.compare(download.buffer, bytes)).toBe(0);
	});

	test('an uploaded app keeps its questions, and versions are added and published', async () => {
		const token = await tokenFor('curator');
		const questions = [
			{
				name: 'Country',
				questionType: 'QuestionTextBox',
				description: 'Country code',
				value: 'DE',
				multiple: false,
				items: [],
			},
		];
		const pkg = buildPackage({ name: 'Country App', type: 'App', questions });
		const id = (
			await api('POST', '/v3/workflows', {
				token,
				form: uploadForm(uploadFields({ name: 'Country App', districtTags: '["emea"]' }), pkg),
			})
		).json;
		const workflow = (await api('GET', `/v3/workflows/${id}`, { token })).json;
		expect(workflow).toMatchObject({
			name: 'Country App',
			packageWorkflowType: 'App',
			districtTags: ['emea'],
			isPublic: false,
		});
		expect((await api('GET', `/v3/workflows/${id}/questions`, { token })).json).toEqual(questions);

		const v2 = Buffer.from('second version');
		const fields = {
			name: 'Country App v2',
			ownerId: users.ada,
			othersMayDownload: 'true',
			othersCanExecute: 'true',
			executionMode: 'Safe',
			makePublished: 'true',
			workflowCredentialType: 'Default',
		};
		const added = await api('POST', `/v3/workflows/${id}/versions`, {
			token,
			form: uploadForm(fields, v2),
		});
		expect(added.status).toBe(200);
		expect(added.json.versions.map((v) => [v.versionNumber, v.published])).toEqual([
			[1, false],
			[2, true],
		]);
		expect(added.json.name).toBe('Country App v2');
		const latest = await api('GET', `/v3/workflows/${id}/package`, { token });
		expect(latest.buffer.toString()).toBe('second version');
		const first = await api('GET', `/v3/workflows/${id}/package`, {
			token,
			query: { versionId: added.json.versions[0].versionId },
		});
		expect(Buffer.compare(first.buffer, pkg)).toBe(0);
		expect(
			(await api('GET', `/v3/workflows/${id}/package`, { token, query: { versionId: 'nope' } }))
				.status,
		).toBe(400);
	});

	test('seeded packages are real zip files', async () => {
		const token = await tokenFor('curator');
		const response = await api('GET', `/v3/workflows/${workflows.salesForecast}/package`, {
			token,
		});
		const entries = readZip(response.buffer);
		expect(entries.map((e) => e.name)).toEqual(['Sales Forecast.yxwz']);
		expect(entries[0].read().toString()).toContain('<AlteryxDocument');
	});

	test('upload validation answers ASP.NET ModelState errors', async () => {
		const token = await tokenFor('curator');
		const form = new FormData();
		form.append('file', new Blob([Buffer.from('x')]), 'x.yxzp');
		form.append('name', 'Incomplete');
		form.append('isPublic', 'maybe');
		const response = await api('POST', '/v3/workflows', { token, form });
		expect(response.status).toBe(400);
		expect(response.json.message).toBe('The request is invalid.');
		expect(Object.keys(response.json.modelState).sort()).toEqual(
			[
				'executionMode',
				'isPublic',
				'isReadyForMigration',
				'othersCanExecute',
				'othersMayDownload',
				'ownerId',
				'workflowCredentialType',
			].sort(),
		);
		expect(response.json.modelState.ownerId).toEqual(['The OwnerId field is required.']);
		expect(response.json.modelState.isPublic).toEqual([
			"The value 'maybe' is not valid for IsPublic.",
		]);
	});

	test('othersMayDownload=false and othersCanExecute=false answer 403 to other users', async () => {
		const artisan = await tokenFor('artisan');
		expect(
			(await api('GET', `/v3/workflows/${workflows.restrictedReport}/package`, { token: artisan }))
				.status,
		).toBe(403);
		expect(
			(
				await api('POST', `/v3/workflows/${workflows.restrictedReport}/jobs`, {
					token: artisan,
					body: {},
				})
			).status,
		).toBe(403);
		const curator = await tokenFor('curator');
		expect(
			(await api('GET', `/v3/workflows/${workflows.restrictedReport}/package`, { token: curator }))
				.status,
		).toBe(200);
	});

	test('filters the list by name, owner and creation date', async () => {
		const token = await tokenFor('curator');
		const names = async (query) =>
			(await api('GET', '/v3/workflows', { token, query })).json.map((w) => w.name);
		expect(await names({ name: 'sales' })).toEqual(['Sales Forecast', 'Daily Sales ETL']);
		expect(await names({ ownerId: users.bo })).toEqual(['Marketing Mix']);
		expect(await names({ createdAfter: '2024-09-20T00:00:00Z' })).toEqual(['Marketing Mix']);
		expect(
			(await api('GET', '/v3/workflows', { token, query: { createdAfter: 'soon' } })).status,
		).toBe(400);
	});

	test('PUT needs the full contract', async () => {
		const token = await tokenFor('curator');
		const response = await api('PUT', `/v3/workflows/${workflows.salesForecast}`, {
			token,
			body: { name: 'Only a name' },
		});
		expect(response.status).toBe(400);
		expect(response.json.modelState['updateWorkflowContract.versionId']).toEqual([
			'The VersionId field is required.',
		]);
		expect(response.json.modelState['updateWorkflowContract.name']).toBeUndefined();
	});

	test('DELETE refuses a scheduled workflow unless force=true', async () => {
		const token = await tokenFor('curator');
		expect(
			(await api('DELETE', `/v3/workflows/${workflows.dailySalesEtl}`, { token })).status,
		).toBe(400);
		expect(
			(
				await api('DELETE', `/v3/workflows/${workflows.dailySalesEtl}`, {
					token,
					query: { force: 'true' },
				})
			).status,
		).toBe(200);
		expect(emulator.state.schedules.has(SEED_IDS.schedules.nightlyEtl)).toBe(false);
	});
});

describe('jobs', () => {
	test('a job goes Queued → Running → Completed with outputs, messages and V1 downloads', async () => {
		emulator.configure({ jobTimings: { queuedMs: 150, runningMs: 250 } });
		const token = await tokenFor('artisan');
		const questions = [
			{ name: 'Region', value: 'West' },
			{ name: 'Year', value: '2026' },
		];
		const enqueued = await api('POST', `/v3/workflows/${workflows.salesForecast}/jobs`, {
			token,
			body: { questions },
		});
		expect(enqueued.status).toBe(200);
		expect(enqueued.json).toMatchObject({
			appId: workflows.salesForecast,
			status: 'Queued',
			outputs: [],
			priority: 'Default',
		});
		expect(emulator.counters.jobEnqueues).toBe(1);

		const running = await waitForStatus(token, enqueued.json.id, 'Running');
		expect(running.status).toBe('Running');
		const done = await waitForStatus(token, enqueued.json.id, 'Completed');
		expect(done).toMatchObject({ status: 'Completed', disposition: 'Success' });
		expect(done.outputs).toEqual([
			{
				id: expect.stringMatching(/^[0-9a-f]{24}$/),
				availableFormats: ['Raw', 'Csv', 'Xlsx'],
				fileName: 'forecast.csv',
			},
		]);
		expect(done.messages.map((m) => m.text)).toEqual(
			expect.arrayContaining(['Question "Region" = "West"']),
		);
		expect(
			done.messages.every((m) => Number.isInteger(m.status) && Number.isInteger(m.toolId)),
		).toBe(true);

		const outputPath = `/v1/jobs/${done.id}/output/${done.outputs[0].id}`;
		const csv = await api('GET', outputPath, { token, query: { format: 'Csv' } });
		expect(csv.status).toBe(200);
		expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
		expect(csv.headers.get('content-disposition')).toBe('attachment; filename="forecast.csv"');
		const text = csv.buffer.toString('utf8');
		expect(text.split('\r\n')[0]).toBe('JobId,Workflow,Output,Row,Region,Year,Value');
		expect(text).toContain(`${done.id},Sales Forecast,forecast.csv,1,West,2026,`);
		const again = await api('GET', outputPath, { token, query: { format: 'csv' } });
		expect(again.buffer.equals(csv.buffer)).toBe(true);

		const xlsx = await api('GET', outputPath, { token, query: { format: 'Xlsx' } });
		expect(xlsx.headers.get('content-disposition')).toBe('attachment; filename="forecast.xlsx"');
		expect(readZip(xlsx.buffer).map((e) => e.name)).toContain('xl/worksheets/sheet1.xml');
		const raw = await api('GET', outputPath, { token, query: { format: 'Raw' } });
		expect(raw.headers.get('content-type')).toBe('application/octet-stream');

		expect((await api('GET', outputPath, { token, query: { format: 'Pdf' } })).status).toBe(400);
		expect((await api('GET', outputPath, { token })).status).toBe(400);
		expect(
			(
				await api('GET', `/v1/jobs/${done.id}/output/000000000000000000000000`, {
					token,
					query: { format: 'Csv' },
				})
			).status,
		).toBe(404);
		expect(
			(
				await api('GET', `/v1/jobs/000000000000000000000000/output/${done.outputs[0].id}`, {
					token,
					query: { format: 'Csv' },
				})
			).status,
		).toBe(404);
	});

	test('includeMessages=false gives the reduced JobView', async () => {
		const token = await tokenFor('curator');
		const { json } = await api('GET', '/v3/jobs/66ebd18d3d62000a00000001', {
			token,
			query: { includeMessages: 'false' },
		});
		expect(json.messages).toBeUndefined();
		expect(json.status).toBe('Completed');
	});

	test.each([
		{
			label: 'Inventory Sync',
			workflowId: workflows.inventorySync,
			questions: [],
			disposition: 'Error',
			messageStatus: 3,
		},
		{
			label: 'Customer Cleanse',
			workflowId: workflows.customerCleanse,
			questions: [],
			disposition: 'Warning',
			messageStatus: 2,
		},
		{
			label: 'Sales Forecast forced to Error',
			workflowId: workflows.salesForecast,
			questions: [{ name: OUTCOME_QUESTION, value: 'Error' }],
			disposition: 'Error',
			messageStatus: 3,
		},
		{
			label: 'Customer Cleanse forced to Success',
			workflowId: workflows.customerCleanse,
			questions: [{ name: 'emulatoroutcome', value: 'success' }],
			disposition: 'Success',
			messageStatus: null,
		},
	])(
		'$label ends with disposition $disposition',
		async ({ workflowId, questions, disposition, messageStatus }) => {
			emulator.configure({ jobTimings: { queuedMs: 0, runningMs: 0 } });
			const token = await tokenFor('curator');
			const { json } = await api('POST', `/v3/workflows/${workflowId}/jobs`, {
				token,
				body: { questions },
			});
			expect(json.status).toBe('Queued'); // even with queuedMs = 0
			const done = await waitForStatus(token, json.id, 'Completed');
			expect(done.disposition).toBe(disposition);
			if (messageStatus) expect(done.messages.some((m) => m.status === messageStatus)).toBe(true);
			if (disposition === 'Error') {
				expect(done.outputs).toEqual([]);
				expect(done.messages.find((m) => m.status === 3).text.length).toBeGreaterThan(10);
			} else expect(done.outputs.length).toBeGreaterThan(0);
		},
	);

	test('DELETE /v3/jobs/{id} cancels a queued or running job', async () => {
		emulator.configure({ jobTimings: { queuedMs: 60000, runningMs: 60000 } });
		const token = await tokenFor('artisan');
		const { json } = await api('POST', `/v3/workflows/${workflows.marketingMix}/jobs`, { token });
		expect((await api('DELETE', `/v3/jobs/${json.id}`, { token })).status).toBe(200);
		const cancelled = (await api('GET', `/v3/jobs/${json.id}`, { token })).json;
		expect(cancelled).toMatchObject({ status: 'Cancelled', outputs: [] });
		expect((await api('DELETE', `/v3/jobs/${json.id}`, { token })).status).toBe(400);
		expect((await api('DELETE', '/v3/jobs/66ebd18d3d62000a00000001', { token })).status).toBe(401);
		const curator = await tokenFor('curator');
		expect(
			(await api('DELETE', '/v3/jobs/66ebd18d3d62000a00000001', { token: curator })).status,
		).toBe(400);
	});

	test('GET /v3/workflows/{id}/jobs pages with offset/limit and filters by status and result', async () => {
		const token = await tokenFor('curator');
		const path = `/v3/workflows/${workflows.dailySalesEtl}/jobs`;
		const pages = [];
		for (let offset = 0; ; offset += 10) {
			const { json } = await api('GET', path, {
				token,
				query: { offset: String(offset), limit: '10' },
			});
			pages.push(json);
			if (json.length < 10) break;
		}
		expect(pages.map((p) => p.length)).toEqual([10, 10, 5]);
		const ids = pages.flat().map((j) => j.id);
		expect(new Set(ids).size).toBe(25);
		const dates = pages.flat().map((j) => j.createDate);
		expect([...dates].sort().reverse()).toEqual(dates); // newest first by default
		const ascending = (await api('GET', path, { token, query: { direction: 'asc', limit: '1' } }))
			.json;
		expect(ascending[0].id).toBe('66ebd18d3d62000a00000001');
		const count = async (query) => (await api('GET', path, { token, query })).json.length;
		expect(await count({ status: 'Error' })).toBe(3);
		expect(await count({ resultCode: 'Warning' })).toBe(5);
		expect(await count({ status: 'Complete' })).toBe(25);
		expect((await api('GET', path, { token, query: { status: 'Broken' } })).status).toBe(400);
		expect((await api('GET', path, { token, query: { limit: 'ten' } })).status).toBe(400);
	});

	test('GET /v3/jobs answers the paged envelope', async () => {
		const token = await tokenFor('curator');
		const { json } = await api('GET', '/v3/jobs', {
			token,
			query: { offset: '10', limit: '10', allUsers: 'true' },
		});
		expect(json.data).toHaveLength(10);
		expect(json.pagination).toEqual({
			currentPage: 2,
			pageSize: 10,
			totalItems: 25,
			totalPages: 3,
			hasNextPage: true,
			hasPreviousPage: true,
		});
		const filtered = await api('GET', '/v3/jobs', {
			token,
			query: { workflowNames: 'Sales Forecast' },
		});
		expect(filtered.json.pagination.totalItems).toBe(0);
	});
});

describe('validation and other resources', () => {
	test('missing required members answer InvalidRequestResponseBody', async () => {
		const token = await tokenFor('curator');
		const response = await api('POST', '/v3/usergroups', { token, body: {} });
		expect(response.status).toBe(400);
		expect(response.json).toEqual({
			message: 'The request is invalid.',
			modelState: {
				'contract.name': ['The Name field is required.'],
				'contract.role': ['The Role field is required.'],
			},
		});
		const noBody = await api('POST', '/v3/collections', { token });
		expect(noBody.json).toEqual({
			message: 'The request is invalid.',
			modelState: { contract: ['The contract field is required.'] },
		});
		const tooLong = await api('POST', '/v3/usergroups', {
			token,
			body: { name: 'x'.repeat(256), role: 'Viewer' },
		});
		expect(tooLong.json.modelState['contract.name']).toEqual([
			'The field Name must be a string with a minimum length of 1 and a maximum length of 255.',
		]);
	});

	test('creation endpoints return what the swagger says', async () => {
		const token = await tokenFor('curator');
		const collection = await api('POST', '/v3/collections', { token, body: { name: 'New' } });
		expect([collection.status, typeof collection.json]).toEqual([200, 'string']);
		const group = await api('POST', '/v3/usergroups', {
			token,
			body: { name: 'New', role: 'member' },
		});
		expect([group.status, typeof group.json]).toEqual([201, 'string']);
		const schedule = await api('POST', '/v3/schedules', {
			token,
			body: {
				workflowId: workflows.salesForecast,
				iteration: { iterationType: 'Once', startTime: '2031-01-01T00:00:00Z' },
			},
		});
		expect([schedule.status, typeof schedule.json]).toEqual([201, 'string']);
		const user = await api('POST', '/v3/users', {
			token,
			body: { firstName: 'N', lastName: 'U', email: 'n.u@example.com' },
		});
		expect(user.status).toBe(201);
		expect(user.json).toMatchObject({
			email: 'n.u@example.com',
			role: 'Evaluated',
			isActive: true,
		});
	});

	test('schedules validate the iteration and the runsAfter/runsBefore window', async () => {
		const token = await tokenFor('curator');
		const hourly = await api('POST', '/v3/schedules', {
			token,
			body: {
				workflowId: workflows.salesForecast,
				iteration: { iterationType: 'Hourly', startTime: '2031-01-01T00:00:00Z' },
			},
		});
		expect(hourly.json.modelState['contract.iteration.hourlyContract']).toBeDefined();
		const cron = await api('POST', '/v3/schedules', {
			token,
			body: {
				workflowId: workflows.salesForecast,
				iteration: {
					iterationType: 'Cron',
					startTime: '2031-01-01T00:00:00Z',
					cronContract: { cronExpression: '61 * * * *' },
				},
			},
		});
		expect(cron.status).toBe(400);
		expect(
			(await api('GET', '/v3/schedules', { token, query: { runsAfter: '2031-01-01T00:00:00Z' } }))
				.status,
		).toBe(400);
		const tooWide = await api('GET', '/v3/schedules', {
			token,
			query: { runsAfter: '2031-01-01T00:00:00Z', runsBefore: '2031-02-16T00:00:00Z' },
		});
		expect(tooWide.status).toBe(400);
		const window = await api('GET', '/v3/schedules', {
			token,
			query: { runsAfter: '2031-01-06T00:00:00Z', runsBefore: '2031-01-07T00:00:00Z' },
		});
		// 2031-01-06 is a Monday: the nightly run and the Monday 07:00 forecast both fall inside.
		expect(window.json.map((s) => s.name).sort()).toEqual([
			'Nightly ETL',
			'Weekly Forecast (West)',
		]);
		const sunday = await api('GET', '/v3/schedules', {
			token,
			query: { runsAfter: '2031-01-05T03:00:00Z', runsBefore: '2031-01-06T00:00:00Z' },
		});
		expect(sunday.json).toEqual([]);
	});

	test('PATCH changes only what it is given', async () => {
		const token = await tokenFor('curator');
		const id = SEED_IDS.schedules.weeklyForecast;
		const patched = await api('PATCH', `/v3/schedules/${id}`, { token, body: { enabled: false } });
		expect(patched.json).toMatchObject({
			enabled: false,
			name: 'Weekly Forecast (West)',
			iteration: { iterationType: 'Weekly' },
		});
	});

	test('users: DELETE answers 409 while the user owns assets; deactivate returns the groups left', async () => {
		const token = await tokenFor('curator');
		const conflict = await api('DELETE', `/v3/users/${users.bo}`, { token });
		expect(conflict.status).toBe(409);
		expect(typeof conflict.json).toBe('string');
		const deactivated = await api('POST', `/v3/users/${users.bo}/deactivate`, { token });
		expect(deactivated.json).toEqual([SEED_IDS.userGroups.analysts]);
		expect((await requestToken({ body: emulator.credentials.artisan })).status).toBe(400);
	});

	test('user groups add a JSON array of user ids', async () => {
		const token = await tokenFor('curator');
		const response = await api('POST', `/v3/usergroups/${SEED_IDS.userGroups.analysts}/users`, {
			token,
			body: [users.ada, users.bo, 'ffffffffffffffffffffffff'],
		});
		expect(response.json).toEqual({
			successfullyAddedUserCount: 1,
			totalUsersSubmittedCount: 3,
			failedUserReasons: {
				[users.bo]: expect.any(String),
				ffffffffffffffffffffffff: expect.any(String),
			},
		});
	});

	test('subscriptions are deleted by ?subscriptionId= and only when empty', async () => {
		const token = await tokenFor('curator');
		expect(
			(
				await api('DELETE', '/v3/subscriptions', {
					token,
					query: { subscriptionId: SEED_IDS.subscriptions.defaultStudio },
				})
			).status,
		).toBe(400);
		expect((await api('DELETE', '/v3/subscriptions', { token })).status).toBe(400);
		const created = await api('POST', '/v3/subscriptions', { token, body: { name: 'Temp' } });
		expect(created.status).toBe(201);
		expect(
			(
				await api('DELETE', '/v3/subscriptions', {
					token,
					query: { subscriptionId: created.json.id },
				})
			).status,
		).toBe(200);
	});
});

describe('faults, logging and lifecycle', () => {
	test('a status fault answers the injected response the given number of times', async () => {
		const token = await tokenFor('curator');
		emulator.injectFault({
			method: 'GET',
			path: '/v3/workflows',
			times: 2,
			status: 503,
			headers: { 'Retry-After': '1' },
		});
		const first = await api('GET', '/v3/workflows', { token });
		expect([first.status, first.headers.get('retry-after'), first.json]).toEqual([
			503,
			'1',
			{ message: 'An error has occurred.' },
		]);
		expect((await api('GET', '/v3/workflows', { token })).status).toBe(503);
		expect((await api('GET', '/v3/workflows', { token })).status).toBe(200);
		expect(emulator.counters.faultsInjected).toBe(2);
	});

	test('faults match by method and by RegExp, and clearFaults() removes them', async () => {
		const token = await tokenFor('curator');
		emulator.injectFault({
			method: 'POST',
			path: /\/jobs$/,
			times: Infinity,
			status: 500,
			body: 'boom',
		});
		expect(
			(await api('GET', `/v3/workflows/${workflows.salesForecast}/jobs`, { token })).status,
		).toBe(200);
		const failed = await api('POST', `/v3/workflows/${workflows.salesForecast}/jobs`, {
			token,
			body: {},
		});
		expect([failed.status, failed.headers.get('content-type'), failed.buffer.toString()]).toEqual([
			500,
			'text/plain; charset=utf-8',
			'boom',
		]);
		emulator.clearFaults();
		expect(
			(await api('POST', `/v3/workflows/${workflows.salesForecast}/jobs`, { token, body: {} }))
				.status,
		).toBe(200);
	});

	test('a fault on the token endpoint applies before any token logic', async () => {
		emulator.injectFault({ path: '/webapi/oauth2/token', status: 502 });
		expect((await requestToken({ body: emulator.credentials.curator })).status).toBe(502);
		expect(emulator.counters.tokenRequests).toBe(0);
		expect((await requestToken({ body: emulator.credentials.curator })).status).toBe(200);
	});

	test('reset destroys the connection', async () => {
		const token = await tokenFor('curator');
		emulator.injectFault({ path: '/v3/workflows', kind: 'reset' });
		await expect(api('GET', '/v3/workflows', { token })).rejects.toThrow();
		expect((await api('GET', '/v3/workflows', { token })).status).toBe(200);
	});

	test('truncated sends part of the real body and closes the connection', async () => {
		const token = await tokenFor('curator');
		emulator.injectFault({
			path: `/v3/workflows/${workflows.salesForecast}/package`,
			kind: 'truncated',
		});
		await expect(
			api('GET', `/v3/workflows/${workflows.salesForecast}/package`, { token }),
		).rejects.toThrow();
		const entry = emulator.requests[emulator.requests.length - 1];
		expect(entry.fault).toBe('truncated');
		expect(entry.status).toBe(200);
	});

	test('hang never answers until the client gives up', async () => {
		const token = await tokenFor('curator');
		emulator.injectFault({ path: '/v3/workflows', kind: 'hang' });
		const request = fetch(`${emulator.webApiUrl}v3/workflows`, {
			headers: { Authorization: `Bearer ${token}` },
			signal: AbortSignal.timeout(300),
		});
		await expect(request).rejects.toThrow();
		expect(emulator.counters.faultsInjected).toBe(1);
	});

	test('close() also ends hanging requests', async () => {
		const other = await startEmulator();
		other.injectFault({ kind: 'hang' });
		const request = fetch(`${other.webApiUrl}v3/workflows`).then(
			() => 'answered',
			(error) => error.name,
		);
		await sleep(50);
		await other.close();
		expect(await request).toBe('TypeError'); // fetch failed: the socket was closed
	});

	test('every request is logged with the authorization header reduced to its scheme', async () => {
		const token = await tokenFor('curator');
		await api('GET', '/v3/workflows', { token, query: { view: 'Full' } });
		const entry = emulator.requests[emulator.requests.length - 1];
		expect(entry).toMatchObject({
			method: 'GET',
			path: '/webapi/v3/workflows',
			query: { view: 'Full' },
			status: 200,
			bodyBytes: 0,
		});
		expect(entry.headers.authorization).toBe('Bearer');
		expect(JSON.stringify(emulator.requests)).not.toContain(token);
		expect(JSON.stringify(emulator.requests)).not.toContain(
			emulator.credentials.curator.clientSecret,
		);
		expect(emulator.counters.apiRequests).toBe(1);
	});

	test('reset() re-seeds the state and zeroes the counters', async () => {
		const token = await tokenFor('curator');
		await api('DELETE', `/v3/workflows/${workflows.marketingMix}`, { token });
		expect(emulator.state.workflows.has(workflows.marketingMix)).toBe(false);
		emulator.reset();
		expect(emulator.state.workflows.has(workflows.marketingMix)).toBe(true);
		expect(emulator.counters).toMatchObject({
			tokenRequests: 0,
			apiRequests: 0,
			faultsInjected: 0,
		});
		expect(emulator.requests).toEqual([]);
		expect((await api('GET', '/v3/workflows', { token })).status).toBe(401);
	});

	test("the 'minimal' seed has users but no workflows", async () => {
		const minimal = await startEmulator({ seed: 'minimal' });
		try {
			expect(minimal.state.users.size).toBe(4);
			expect(minimal.state.workflows.size).toBe(0);
		} finally {
			await minimal.close();
		}
	});
});
