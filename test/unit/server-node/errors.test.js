'use strict';
// Issue 8.6: the Alteryx Server node's 404 names the object and its id (the user typed no
// endpoint), and its 403 the role or permission the request needs, through the node against the
// emulator. The verb nodes keep the endpoint wording (test/unit/verb-nodes.test.js).

const swagger = require('../../fixtures/alteryx-server-v3.swagger.json');
const { createHarness } = require('../../harness');
const { resources } = require('../../../nodes/AlteryxServer/actions/registry');
const { jobRoutes } = require('../../../nodes/AlteryxServer/helpers/jobs');
const {
	routeErrorSubject,
	requiredRole,
} = require('../../../nodes/AlteryxServer/helpers/routeErrors');
const { useServerNodeEnvironment, byId, AlteryxServer, SEED_IDS } = require('./setup');

const { workflows, users, collections } = SEED_IDS;
const UNKNOWN_WORKFLOW = '66ebd18d3d620004000000ff';
const FIRST_JOB = '66ebd18d3d62000a00000001';
const FIRST_JOB_OUTPUT = '66ebd18d3d62000b00000100';

const env = useServerNodeEnvironment();

/** Runs the node as the seeded Artisan (Bo) instead of the Curator. */
async function runAsArtisan(parameters) {
	const { clientId, clientSecret } = env.emulator.credentials.artisan;
	const harness = createHarness({ webApiUrl: env.emulator.webApiUrl, clientId, clientSecret });
	return await harness.execute(AlteryxServer, { parameters });
}

describe('404 names the object and its id', () => {
	const run = {
		resource: 'workflow',
		operation: 'run',
		workflowId: byId(UNKNOWN_WORKFLOW),
		waitForCompletion: false,
	};

	test('Workflow → Run with an unknown id: the workflow and the id, not the endpoint', async () => {
		const error = await env.runNode(run).catch((caught) => caught);
		expect(error.constructor.name).toBe('NodeApiError');
		expect(error.message).toBe(`Workflow ${UNKNOWN_WORKFLOW} was not found on Alteryx Server`);
		expect(error.httpCode).toBe('404');
		expect(error.description).toMatch(/^Check the id: pick from the list or map an id/);
		expect(error.description).not.toMatch(/endpoint/);
		expect(error.context.itemIndex).toBe(0);
	});

	test('under Continue On Fail the error item keeps its shape { error, details }', async () => {
		const [item] = await env.runNode(run, { continueOnFail: true });
		expect(item).toEqual({
			json: {
				error: `Workflow ${UNKNOWN_WORKFLOW} was not found on Alteryx Server`,
				details: { description: expect.stringMatching(/^Check the id/), httpCode: '404' },
			},
			pairedItem: { item: 0 },
		});
	});

	test('Alteryx’s own message and modelState stay in the description and the error item', async () => {
		env.emulator.injectFault({
			method: 'POST',
			path: `/v3/workflows/${UNKNOWN_WORKFLOW}/jobs`,
			status: 404,
			body: {
				Message: 'The workflow does not exist or was deleted.',
				modelState: { 'contract.workflowId': ['Unknown id.'] },
			},
		});
		const [item] = await env.runNode(run, { continueOnFail: true });
		expect(item.json.error).toBe(`Workflow ${UNKNOWN_WORKFLOW} was not found on Alteryx Server`);
		expect(item.json.details.description).toMatch(
			/^The workflow does not exist or was deleted\.\nworkflowId: Unknown id\.\nCheck the id/,
		);
		expect(item.json.details.modelState).toEqual({ 'contract.workflowId': ['Unknown id.'] });
		expect(item.json.details.httpCode).toBe('404');
	});

	test('a route with two ids says either could be missing (Collection → Remove Workflow)', async () => {
		const error = await env
			.runNode({
				resource: 'collection',
				operation: 'removeWorkflow',
				collectionId: byId(collections.financeReports),
				workflowId: byId(UNKNOWN_WORKFLOW),
			})
			.catch((caught) => caught);
		expect(error.message).toBe(
			`Collection ${collections.financeReports} or workflow ${UNKNOWN_WORKFLOW} was not found on Alteryx Server`,
		);
		expect(error.description).toMatch(/^Check the ids:/);
	});

	test('a paged list of an object (Workflow → Get Jobs) names the workflow', async () => {
		await expect(
			env.runNode({
				resource: 'workflow',
				operation: 'getJobs',
				workflowId: byId(UNKNOWN_WORKFLOW),
				returnAll: true,
			}),
		).rejects.toMatchObject({
			message: `Workflow ${UNKNOWN_WORKFLOW} was not found on Alteryx Server`,
			httpCode: '404',
		});
	});

	test('a job output download (V1) names the job and the output', async () => {
		env.emulator.injectFault({
			method: 'GET',
			path: `/v1/jobs/${FIRST_JOB}/output/${FIRST_JOB_OUTPUT}`,
			status: 404,
		});
		const error = await env
			.runNode({
				resource: 'job',
				operation: 'downloadOutput',
				jobId: byId(FIRST_JOB),
				outputId: FIRST_JOB_OUTPUT,
				format: 'Csv',
				binaryPropertyName: 'data',
			})
			.catch((caught) => caught);
		expect(error.message).toBe(
			`Job ${FIRST_JOB} or output ${FIRST_JOB_OUTPUT} was not found on Alteryx Server`,
		);
		expect(error.httpCode).toBe('404');
	});

	test('Update (GET → merge → PUT) names the workflow whether the GET or the PUT answers 404', async () => {
		const update = (workflowId) => ({
			resource: 'workflow',
			operation: 'update',
			workflowId: byId(workflowId),
			updateFields: { comments: 'new' },
		});
		await expect(env.runNode(update(UNKNOWN_WORKFLOW))).rejects.toMatchObject({
			message: `Workflow ${UNKNOWN_WORKFLOW} was not found on Alteryx Server`,
			httpCode: '404',
		});
		expect(env.apiCalls()).not.toContain(`PUT /v3/workflows/${UNKNOWN_WORKFLOW}`);

		// Deleted between the read and the write.
		env.emulator.injectFault({
			method: 'PUT',
			path: `/v3/workflows/${workflows.customerCleanse}`,
			status: 404,
		});
		await expect(env.runNode(update(workflows.customerCleanse))).rejects.toMatchObject({
			message: `Workflow ${workflows.customerCleanse} was not found on Alteryx Server`,
			httpCode: '404',
		});
		expect(env.apiCalls()).toContain(`GET /v3/workflows/${workflows.customerCleanse}`);
	});
});

describe('403 names what the user behind the API key lacks', () => {
	test('an Artisan downloading a workflow others may not download: the permission, and the role', async () => {
		const error = await runAsArtisan({
			resource: 'workflow',
			operation: 'downloadPackage',
			workflowId: byId(workflows.restrictedReport),
		}).catch((caught) => caught);
		expect(error.constructor.name).toBe('NodeApiError');
		expect(error.httpCode).toBe('403');
		expect(error.message).toBe(
			`Alteryx Server refused: downloading workflow ${workflows.restrictedReport} needs ownership of the workflow or its setting "Others may download"`,
		);
		expect(error.description).toMatch(/needs the Artisan role or higher .*2022\.3/);
	});

	test('deleting a user: the Curator role, with Alteryx’s own message kept', async () => {
		env.emulator.injectFault({
			method: 'DELETE',
			path: `/v3/users/${users.bo}`,
			status: 403,
			body: { message: 'Authorization has been denied for this request.' },
		});
		const error = await env
			.runNode({ resource: 'user', operation: 'delete', userId: byId(users.bo) })
			.catch((caught) => caught);
		expect(error.message).toBe(
			`Alteryx Server refused: deleting user ${users.bo} needs the Curator role`,
		);
		expect(error.description).toBe(
			'Authorization has been denied for this request.\nThe user behind the API key needs the Curator role.',
		);
		expect(env.emulator.state.users.has(users.bo)).toBe(true);
	});

	test('a 401 after the token refresh keeps its wording', async () => {
		const [outcome] = await runAsArtisan({
			resource: 'user',
			operation: 'get',
			userId: byId(users.ada),
		}).catch((caught) => [caught]);
		expect(outcome.httpCode).toBe('401');
		expect(outcome.message).toBe('Authorization has been denied for this request. (HTTP 401)');
		expect(outcome.description).toMatch(/^The token was refreshed and the call was still denied/);
	});
});

describe('the wording of every route', () => {
	const routes = [
		...resources.flatMap((module) =>
			Object.values(module.operations).map((operation) => operation.route),
		),
		...Object.values(jobRoutes),
	];

	test.each([
		[
			'DELETE /v3/users/{userId}',
			{ userId: 'U1' },
			{},
			{ notFound: 'User U1', action: 'deleting user U1', requirement: 'the Curator role' },
		],
		[
			'DELETE /v3/collections/{collectionId}/workflows/{workflowId}',
			{ collectionId: 'C1', workflowId: 'W1' },
			{},
			{
				notFound: 'Collection C1 or workflow W1',
				action: 'removing workflow W1 from collection C1',
			},
		],
		[
			'GET /v3/serverDataConnections/{dataConnectionId}',
			{ dataConnectionId: 'S1' },
			{},
			{ notFound: 'Server data connection S1', action: 'reading Server data connection S1' },
		],
		[
			'GET /v3/DCMEConnections/{connectionId}',
			{ connectionId: 'D1' },
			{},
			{ notFound: 'DCM connection D1', requirement: 'the Curator role' },
		],
		[
			'DELETE /v3/subscriptions',
			{},
			{ subscriptionId: 'S1' },
			{ notFound: 'Studio S1', action: 'deleting studio S1' },
		],
		[
			'GET /v3/schedules',
			{},
			{ workflowId: 'W1', ownerId: 'O1' },
			{ notFound: undefined, action: 'listing schedules', requirement: undefined },
		],
		[
			'POST /v3/workflows/{workflowId}/jobs',
			{ workflowId: 'W1' },
			{},
			{
				action: 'running workflow W1',
				permission: 'ownership of the workflow or its setting "Others can execute"',
			},
		],
		[
			'GET /v3/workflows/{workflowId}',
			{ workflowId: `a\nb ${'x'.repeat(100)}` },
			{},
			{ notFound: `Workflow a b ${'x'.repeat(75)}…` },
		],
		[
			'PUT /v3/usergroups/{userGroupId}',
			{ userGroupId: 'G1' },
			{},
			{ notFound: 'User group G1', action: 'updating user group G1' },
		],
	])('%s', (key, values, qs, expected) => {
		const route = routes.find((candidate) => `${candidate.method} ${candidate.path}` === key);
		expect(route).toBeDefined();
		expect(routeErrorSubject(route, values, qs)).toMatchObject(expected);
	});

	test('every route the swagger marks "Only Curators can use this API endpoint" names the Curator role', () => {
		const curatorOnly = routes.filter((route) => {
			const operation = (swagger.paths[route.path] || {})[route.method.toLowerCase()];
			const text = operation ? `${operation.summary} ${operation.description}` : '';
			return /Only Curators can use this/i.test(text);
		});
		expect(curatorOnly.length).toBeGreaterThan(60);
		const wrong = curatorOnly
			.filter((route) => requiredRole(route) !== 'the Curator role')
			.map((route) => `${route.method} ${route.path}: ${requiredRole(route)}`);
		expect(wrong).toEqual([]);
	});

	test('every path placeholder of every route names one of the objects Alteryx users know', () => {
		const objects = new Set(
			[
				'workflow',
				'job',
				'output',
				'schedule',
				'user',
				'user group',
				'Active Directory group',
				'collection',
				'credential',
				'Server data connection',
				'studio',
				'DCM connection',
				'DCM connection handling rule',
			].map((object) => object.toLowerCase()),
		);
		const unnamed = routes.flatMap((route) => {
			const values = Object.fromEntries(
				[...route.path.matchAll(/\{([^}]+)\}/g)].map(([, name]) => [name, 'X']),
			);
			const { notFound } = routeErrorSubject(route, values);
			if (!notFound) return [];
			return notFound
				.split(' or ')
				.map((named) => named.replace(/ X$/, '').toLowerCase())
				.filter((object) => !objects.has(object))
				.map((object) => `${route.path}: ${object}`);
		});
		expect(unnamed).toEqual([]);
	});
});
