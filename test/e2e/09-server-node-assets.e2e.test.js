'use strict';
// Issue 4, Alteryx Server node in a real n8n: Workflow → Upload from a binary property and
// Download Package (round trip), Update as GET → merge → PUT (users and workflows), and the
// "From List" pickers through n8n's editor REST API.
const h = require('./helpers');
const { SEED_IDS } = require('../emulator/seed');
const { buildPackage } = require('../emulator/packages');
const { httpRequest } = require('../../scripts/lib/n8n');

let suite;
beforeAll(async () => {
	suite = await h.startSuite('server-node-assets');
});
afterAll(async () => {
	if (suite) await suite.teardown();
});

const byId = (value) => ({ __rl: true, mode: 'id', value });
const server = (name, parameters, extra) =>
	h.alteryx('server', name, parameters, suite.credentials[0], extra);

// A JSON copy of an emulator record (Buffers become plain data) and the paths where two copies differ.
const snapshot = (record) => JSON.parse(JSON.stringify(record));
function differences(before, after, prefix) {
	if (JSON.stringify(before) === JSON.stringify(after)) return [];
	const isObject = (v) => v !== null && typeof v === 'object';
	if (!isObject(before) || !isObject(after) || Array.isArray(before) !== Array.isArray(after))
		return [prefix || '(root)'];
	const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
	return keys.flatMap((key) =>
		differences(before[key], after[key], prefix ? `${prefix}.${key}` : key),
	);
}

test('Upload a .yxzp made in the workflow (Convert to File), then Download Package returns the same bytes', async () => {
	const yxzp = Buffer.from(
		buildPackage({
			name: 'E2E Server Upload',
			type: 'Workflow',
			questions: [],
			description: 'uploaded by the Alteryx Server node',
			author: 'n8n e2e',
		}),
	);
	const wf = h.chain('e2eServerUpload', 'e2e: Alteryx Server node, upload and download', [
		h.setJson('Package as base64', { yxzp: yxzp.toString('base64') }),
		h.base64ToBinary(
			'To file',
			'yxzp',
			'package',
			'e2e-server-upload.yxzp',
			'application/octet-stream',
		),
		server('Upload', {
			resource: 'workflow',
			operation: 'upload',
			binaryPropertyName: 'package',
			name: '',
			ownerId: byId(SEED_IDS.users.ada),
			executionMode: 'Safe',
			workflowCredentialType: 'Default',
			isPublic: false,
			othersMayDownload: true,
			othersCanExecute: true,
			additionalFields: { comments: 'round trip' },
		}),
		server('Download Package', {
			resource: 'workflow',
			operation: 'downloadPackage',
			workflowId: { __rl: true, mode: 'id', value: '={{ $json.id }}' },
			binaryPropertyName: 'downloaded',
			options: {},
		}),
	]);
	const res = h.expectOk(await suite.run(wf));

	const [uploaded] = res.json('Upload');
	// The empty name falls back to the file name without .yxzp.
	expect(uploaded).toEqual({
		id: expect.stringMatching(/^[0-9a-f]{24}$/),
		name: 'e2e-server-upload',
		ownerId: SEED_IDS.users.ada,
		fileName: 'e2e-server-upload.yxzp',
	});
	const stored = suite.emulator.state.workflows.get(uploaded.id);
	expect(stored).toEqual(
		expect.objectContaining({
			name: 'e2e-server-upload',
			ownerId: SEED_IDS.users.ada,
			executionMode: 'Safe',
			comments: 'round trip',
		}),
	);
	expect(Buffer.from(stored.versions[0].package).equals(yxzp)).toBe(true);

	const [item] = res.output('Download Package');
	expect(item.json).toEqual(
		expect.objectContaining({ workflowId: uploaded.id, fileSize: yxzp.length }),
	);
	const bytes = h.binaryBytes(suite, item.binary.downloaded);
	expect(bytes.length).toBe(yxzp.length);
	expect(bytes.equals(yxzp)).toBe(true);
	expect(item.binary.downloaded.fileName).toMatch(/\.yxzp$/);
});

test('Update is GET → merge → PUT: changing one field of a user and of a workflow leaves every other field as it was', async () => {
	const bo = SEED_IDS.users.bo;
	const cleanse = SEED_IDS.workflows.customerCleanse;
	const userBefore = snapshot(suite.emulator.state.users.get(bo));
	const workflowBefore = snapshot(suite.emulator.state.workflows.get(cleanse));
	const since = suite.emulator.requests.length;

	const wf = h.graph(
		'e2eServerUpdate',
		'e2e: Alteryx Server node, update one field',
		[
			server('Update user', {
				resource: 'user',
				operation: 'update',
				userId: byId(bo),
				updateFields: { defaultWorkerTag: 'gpu-pool' },
			}),
			server('Update workflow', {
				resource: 'workflow',
				operation: 'update',
				workflowId: byId(cleanse),
				updateFields: { comments: 'Reviewed by n8n' },
			}),
		],
		{ Start: ['Update user'], 'Update user': ['Update workflow'] },
	);
	const res = h.expectOk(await suite.run(wf));

	const userAfter = snapshot(suite.emulator.state.users.get(bo));
	expect(differences(userBefore, userAfter)).toEqual(['defaultWorkerTag']);
	expect(userAfter.defaultWorkerTag).toBe('gpu-pool');
	expect(res.json('Update user')[0]).toEqual(
		expect.objectContaining({
			id: bo,
			defaultWorkerTag: 'gpu-pool',
			firstName: 'Bo',
			email: 'bo.builder@example.com',
		}),
	);

	const workflowAfter = snapshot(suite.emulator.state.workflows.get(cleanse));
	const changed = differences(workflowBefore, workflowAfter);
	expect(changed).toContain('comments');
	// The merged contract re-sends the published version's settings, so nothing else may move.
	expect(changed).toEqual(['comments']);
	expect(workflowAfter.comments).toBe('Reviewed by n8n');

	// Exactly one GET and one PUT per record, in that order.
	const calls = suite.emulator.requests
		.slice(since)
		.filter((r) => !r.path.endsWith('/oauth2/token'))
		.map((r) => `${r.method} ${r.path.replace('/webapi', '')}`);
	expect(calls).toEqual([
		`GET /v3/users/${bo}`,
		`PUT /v3/users/${bo}`,
		`GET /v3/workflows/${cleanse}`,
		`PUT /v3/workflows/${cleanse}`,
	]);
});

test("the editor's resource-locator search (searchWorkflows, searchUsers) and question dropdown return the seeded records; a 'From List' value and a 'By URL' value run", async () => {
	const cred = suite.credentials[0];
	const started = await suite.n8n.start();
	let searched;
	try {
		const cookie = await h.ownerCookie(started, 'Search');
		const nodeTypeAndVersion = { name: `${h.NODE_PREFIX}alteryxServer`, version: 1 };
		const credentials = { [h.CREDENTIAL_TYPE]: { id: cred.id, name: cred.name } };
		const locate = (methodName, path, currentNodeParameters, filter) =>
			h.locatorResults(started, cookie, {
				path,
				methodName,
				filter,
				nodeTypeAndVersion,
				currentNodeParameters,
				credentials,
			});
		const runParameters = {
			resource: 'workflow',
			operation: 'run',
			workflowId: { __rl: true, mode: 'list', value: '' },
		};

		searched = await locate('searchWorkflows', 'workflowId', runParameters, 'sales');
		// Each result links to its page in the Gallery beside the credential's Web API address.
		const gallery = suite.emulator.webApiUrl.replace(/webapi\/$/, 'gallery/');
		expect(searched).toEqual([
			{
				name: 'Daily Sales ETL',
				value: SEED_IDS.workflows.dailySalesEtl,
				url: `${gallery}app/Daily-Sales-ETL/${SEED_IDS.workflows.dailySalesEtl}`,
			},
			{
				name: 'Sales Forecast',
				value: SEED_IDS.workflows.salesForecast,
				url: `${gallery}app/Sales-Forecast/${SEED_IDS.workflows.salesForecast}`,
			},
		]);
		// The filter went to the server as ?name=sales.
		expect(
			suite.emulator.requests.some(
				(r) =>
					r.method === 'GET' &&
					r.path === '/webapi/v3/workflows' &&
					r.query &&
					r.query.name === 'sales',
			),
		).toBe(true);

		const all = await locate('searchWorkflows', 'workflowId', runParameters, '');
		for (const [, id] of Object.entries(SEED_IDS.workflows))
			expect(all.map((r) => r.value)).toContain(id);

		const users = await locate(
			'searchUsers',
			'userId',
			{ resource: 'user', operation: 'get', userId: { __rl: true, mode: 'list', value: '' } },
			'builder',
		);
		expect(users).toEqual([
			{ name: 'Bo Builder (bo.builder@example.com)', value: SEED_IDS.users.bo },
		]);

		// The Questions dropdown of Run (loadOptions getWorkflowQuestions) for the chosen app.
		const options = await httpRequest(
			'POST',
			`${started.url}/rest/dynamic-node-parameters/options`,
			{
				path: 'questions.question.name',
				methodName: 'getWorkflowQuestions',
				nodeTypeAndVersion,
				credentials,
				currentNodeParameters: {
					...runParameters,
					workflowId: { __rl: true, mode: 'list', value: SEED_IDS.workflows.salesForecast },
				},
			},
			{ cookie },
		);
		expect(options.status).toBe(200);
		expect(options.json.data.map((o) => o.value)).toEqual(['Region', 'Year']);
		expect(options.json.data[0].description).toContain('North, South, East, West');
	} finally {
		await suite.n8n.stop();
	}

	// A locator in mode 'list' holding a value picked from the search runs like an ID.
	const picked = searched.find((r) => r.name === 'Sales Forecast');
	const wf = h.chain('e2eServerListValue', 'e2e: Alteryx Server node, locator from list', [
		server('Get Questions', {
			resource: 'workflow',
			operation: 'getQuestions',
			workflowId: { __rl: true, mode: 'list', value: picked.value, cachedResultName: picked.name },
		}),
	]);
	const res = h.expectOk(await suite.run(wf));
	expect(res.json('Get Questions').map((q) => q.name)).toEqual(['Region', 'Year']);

	// Switched to By URL, the editor keeps the picked result's link as the value (its
	// cachedResultUrl); n8n extracts the id with the mode's regex. An older Gallery's #! address
	// of the same workflow works too.
	const byUrl = h.chain('e2eServerUrlValue', 'e2e: Alteryx Server node, locator by URL', [
		server('By Link', {
			resource: 'workflow',
			operation: 'getQuestions',
			workflowId: { __rl: true, mode: 'url', value: picked.url },
		}),
		server('By Older Link', {
			resource: 'workflow',
			operation: 'get',
			workflowId: {
				__rl: true,
				mode: 'url',
				value: `http://alteryx.example.com/gallery/#!app/Sales-Forecast/${picked.value}`,
			},
		}),
	]);
	const urlRun = h.expectOk(await suite.run(byUrl));
	expect(urlRun.json('By Link').map((q) => q.name)).toEqual(['Region', 'Year']);
	// (It runs once per item of the node before it.)
	expect([...new Set(urlRun.json('By Older Link').map((w) => w.id))]).toEqual([picked.value]);
});

h.secretTest(() => suite);
