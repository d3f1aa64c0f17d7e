'use strict';
// Every id the Alteryx Server node puts into a route (picker, By ID, expression, an id from an
// earlier answer) becomes exactly one path segment of that route: ".", ".." and empty ids are
// refused before anything is sent, everything else is percent-encoded. Without that,
// Collection → Remove Workflow with the collection ".." sent DELETE v3/workflows/{id}.

const swagger = require('../../fixtures/alteryx-server-v3.swagger.json');
const { buildEndpoint, requestRoute } = require('../../../nodes/AlteryxServer/helpers/api');
const { resources } = require('../../../nodes/AlteryxServer/actions/registry');
const { dcmRoutes } = require('../../../nodes/AlteryxServer/helpers/dcm');
const { jobRoutes } = require('../../../nodes/AlteryxServer/helpers/jobs');
const { listRoutes, loadOptionsRoutes } = require('../../../nodes/AlteryxServer/methods/routes');
const { useServerNodeEnvironment, byId, AlteryxServer, SEED_IDS } = require('./setup');
const { createMethodsRunner } = require('./methods-runner');

const { collections, users, workflows } = SEED_IDS;

/** The hostile ids of issue 8, and what becomes of each: refused, or sent as one segment. */
const HOSTILE_IDS = [
	['', 'refused'],
	[' ', 'refused'],
	['.', 'refused'],
	['..', 'refused'],
	['%2e', 'refused'],
	['%2E%2e', 'refused'],
	['.%2e', 'refused'],
	['%2e.', 'refused'],
	['..%2f', 'refused'],
	['../users', 'refused'],
	['a/b', 'sent'],
	['?x', 'sent'],
	['#x', 'sent'],
];
// An id that exists nowhere, for the other placeholders of a route: nothing real is changed.
const ABSENT_ID = '66ebd18d3d62ffffffffffff';

const env = useServerNodeEnvironment();

// reset() forgets issued tokens: a test's first call may be a 401 and its retry.
const answeredCalls = () =>
	env.emulator.requests
		.filter((entry) => entry.status !== 401 && !/\/oauth2\/token$/i.test(entry.path))
		.map((entry) => `${entry.method} ${entry.path.replace(/^\/webapi/, '')}`);

describe('buildEndpoint, the pure piece', () => {
	const context = { getNode: () => ({ name: 'Alteryx Server', type: 'alteryxServer' }) };
	const removeWorkflow = {
		method: 'DELETE',
		path: '/v3/collections/{collectionId}/workflows/{workflowId}',
		operationId: 'Collections_RemoveWorkflowFromCollection',
	};
	const build = (collectionId, workflowId = 'w1') =>
		buildEndpoint.call(context, removeWorkflow, { collectionId, workflowId }, 3);
	const failure = (collectionId, workflowId) => {
		try {
			build(collectionId, workflowId);
		} catch (error) {
			return error;
		}
		throw new Error(`${JSON.stringify(collectionId)} was not refused`);
	};

	test.each([
		['c1', '/v3/collections/c1/workflows/w1'],
		['  c1  ', '/v3/collections/c1/workflows/w1'],
		['a/b', '/v3/collections/a%2Fb/workflows/w1'],
		['?x', '/v3/collections/%3Fx/workflows/w1'],
		['#x', '/v3/collections/%23x/workflows/w1'],
		['a b', '/v3/collections/a%20b/workflows/w1'],
		['...', '/v3/collections/.../workflows/w1'],
		['.a', '/v3/collections/.a/workflows/w1'],
		['a..b', '/v3/collections/a..b/workflows/w1'],
		['%41', '/v3/collections/%2541/workflows/w1'],
		['S-1-5-21-1', '/v3/collections/S-1-5-21-1/workflows/w1'],
	])('%j becomes one segment: %s', (id, endpoint) => {
		expect(build(id)).toBe(endpoint);
	});

	test.each([
		['', /^The Collection ID is empty$/],
		['   ', /^The Collection ID is empty$/],
		['.', /^The Collection ID "\." is not an ID$/],
		['..', /^The Collection ID "\.\." is not an ID$/],
		[' .. ', /^The Collection ID "\.\." is not an ID$/],
		['%2e', /^The Collection ID "%2e" is not an ID$/],
		['%2E%2e', /^The Collection ID "%2E%2e" is not an ID$/],
		['.%2E', /^The Collection ID "\.%2E" is not an ID$/],
		['%2e.', /^The Collection ID "%2e\." is not an ID$/],
		['%252e%252e', /^The Collection ID "%252e%252e" is not an ID$/],
		['..%2f', /^The Collection ID "\.\.%2f" is not an ID$/],
		['../users', /^The Collection ID "\.\.\/users" is not an ID$/],
		['a/../b', /^The Collection ID "a\/\.\.\/b" is not an ID$/],
		['..\\x', /^The Collection ID "\.\.\\\\x" is not an ID$/],
		['x%5c..', /^The Collection ID "x%5c\.\." is not an ID$/],
		['\ud800', /^The Collection ID "\\ud800" contains a broken character$/],
	])('%j is refused: %s', (id, message) => {
		const error = failure(id);
		expect(error.constructor.name).toBe('NodeOperationError');
		expect(error.message).toMatch(message);
		expect(error.context.itemIndex).toBe(3);
	});

	test('the description names the route, and the second id is checked as well', () => {
		expect(failure('..').description).toMatch(
			/DELETE \/v3\/collections\/\{collectionId\}\/workflows\/\{workflowId\} they would address another endpoint/,
		);
		expect(failure('c1', '..').message).toBe('The Workflow ID ".." is not an ID');
	});

	test.each([
		['/v3/usergroups/{userGroupId}/users/{userId}', 'userGroupId', 'User Group ID'],
		['/v3/subscriptions/{subscriptionId}', 'subscriptionId', 'Studio ID'],
		[
			'/v3/serverDataConnections/{dataConnectionId}',
			'dataConnectionId',
			'Server Data Connection ID',
		],
		['/v3/dcm/connections/{Id}', 'Id', 'Connection ID'],
		['/v3/dcm/admin/connectionhandlingrules/{id}', 'id', 'Connection Handling Rule ID'],
		[
			'/v3/usergroups/{userGroupId}/activedirectorygroups/{adGroupSid}',
			'adGroupSid',
			'Active Directory Group SID',
		],
	])('%s names {%s} as the editor does: %s', (path, placeholder, field) => {
		const route = { method: 'GET', path, operationId: null };
		const values = Object.fromEntries(
			[...path.matchAll(/\{(\w+)\}/g)].map(([, name]) => [name, name === placeholder ? '..' : 'x']),
		);
		expect(() => buildEndpoint.call(context, route, values)).toThrow(
			`The ${field} ".." is not an ID`,
		);
	});
});

describe('generated from the swagger: every route with a path parameter × hostile ids', () => {
	/** Every route the node calls: operations, helpers and pickers (swagger-coverage ties them to the swagger). */
	const nodeRoutes = new Map();
	for (const module of resources) {
		for (const operation of Object.values(module.operations)) {
			nodeRoutes.set(`${operation.route.method} ${operation.route.path}`, operation.route);
		}
	}
	for (const route of Object.values({
		...jobRoutes,
		...dcmRoutes,
		...listRoutes,
		...loadOptionsRoutes,
	})) {
		nodeRoutes.set(`${route.method} ${route.path}`, route);
	}

	const swaggerRoutesWithIds = [];
	for (const [path, methods] of Object.entries(swagger.paths)) {
		if (!path.includes('{')) continue;
		for (const method of Object.keys(methods))
			swaggerRoutesWithIds.push(`${method.toUpperCase()} ${path}`);
	}
	const routesWithIds = [...nodeRoutes.values()].filter((route) => route.path.includes('{'));

	/** A node whose execute() calls one route with the given path values, through the real transport. */
	let probe;
	class RouteProbe extends AlteryxServer {
		async execute() {
			await requestRoute.call(this, probe.route, { path: probe.values }, 0);
			return [[]];
		}
	}

	/** The path the emulator logs for `route` when `name` is `value` and the others ABSENT_ID: its segments, decoded. */
	function isIntendedRoute(loggedPath, route, name, value) {
		const logged = loggedPath.replace(/^\/webapi/, '').split('/');
		const template = route.path.split('/');
		if (logged.length !== template.length) return false;
		return template.every((segment, index) => {
			const placeholder = /^\{(\w+)\}$/.exec(segment);
			if (!placeholder) return segment.toLowerCase() === logged[index].toLowerCase();
			const expected = placeholder[1] === name ? value : ABSENT_ID;
			return decodeURIComponent(logged[index]) === expected;
		});
	}

	test('the node calls every swagger operation that has a path parameter', () => {
		expect(swaggerRoutesWithIds.filter((key) => !nodeRoutes.has(key))).toEqual([]);
		expect(swaggerRoutesWithIds.length).toBeGreaterThanOrEqual(60);
	});

	test('each id is refused with a NodeOperationError naming field and value, or reaches exactly the intended route', async () => {
		const outcomes = [];
		for (const route of routesWithIds) {
			const placeholders = [...route.path.matchAll(/\{(\w+)\}/g)].map(([, name]) => name);
			for (const name of placeholders) {
				for (const [id, expected] of HOSTILE_IDS) {
					probe = {
						route,
						values: Object.fromEntries(
							placeholders.map((other) => [other, other === name ? id : ABSENT_ID]),
						),
					};
					const before = env.emulator.requests.length;
					let error;
					try {
						await env.harness.execute(RouteProbe, { parameters: { resource: 'workflow' } });
					} catch (caught) {
						error = caught;
					}
					const sent = env.emulator.requests
						.slice(before)
						.filter((entry) => !/\/oauth2\/token$/i.test(entry.path));
					const refused = error?.constructor.name === 'NodeOperationError' && sent.length === 0;
					const onRoute =
						sent.length > 0 &&
						sent.every(
							(entry) =>
								entry.method === route.method &&
								isIntendedRoute(entry.path, route, name, id.trim()),
						);
					const outcome = refused ? 'refused' : onRoute ? 'sent' : 'elsewhere';
					const problems = [];
					if (outcome !== expected) problems.push(`${outcome}, expected ${expected}`);
					if (refused && !/ID|SID/.test(error.message)) problems.push(`no field: ${error.message}`);
					if (refused && id.trim() !== '' && !error.message.includes(JSON.stringify(id.trim())))
						problems.push(`no value: ${error.message}`);
					if (problems.length)
						outcomes.push(
							`${route.method} ${route.path} {${name}}=${JSON.stringify(id)}: ${problems.join('; ')} ${sent.map((entry) => entry.path).join(', ')}`,
						);
				}
			}
		}
		expect(outcomes).toEqual([]);
	}, 120_000);
});

describe('through the operations of the node', () => {
	test('Collection → Remove Workflow with the collection ".." is refused: the workflow is not deleted', async () => {
		const workflowId = workflows.salesForecast;
		await expect(
			env.runNode({
				resource: 'collection',
				operation: 'removeWorkflow',
				collectionId: byId('..'),
				workflowId: byId(workflowId),
			}),
		).rejects.toThrow('The Collection ID ".." is not an ID');
		expect(answeredCalls()).toEqual([]);
		expect(env.emulator.state.workflows.has(workflowId)).toBe(true);
	});

	test.each([
		['collection', 'removeWorkflow', 'collectionId', 'Collection'],
		['userGroup', 'removeUser', 'userGroupId', 'User Group'],
	])(
		'%s → %s with an empty mapped id is refused naming the field as the editor shows it (%s → "%s")',
		async (resource, operation, field, label) => {
			const parameters = {
				resource,
				operation,
				collectionId: byId(ABSENT_ID),
				userGroupId: byId(ABSENT_ID),
				workflowId: byId(workflows.salesForecast),
				userId: byId(users.bo),
				[field]: { __rl: true, mode: 'id', value: '={{ $json.id }}' },
			};
			const error = await env
				.runNode(parameters, { items: [{ json: { id: '' } }] })
				.catch((caught) => caught);
			expect(error.constructor.name).toBe('NodeOperationError');
			expect(error.message).toBe(`The ${label} is empty`);
			expect(error.description).toContain(`"${label}"`);
			expect(answeredCalls()).toEqual([]);
		},
	);

	test('User Group → Remove User with the group "%2e%2e" from an expression is refused: the user stays', async () => {
		await expect(
			env.runNode(
				{
					resource: 'userGroup',
					operation: 'removeUser',
					userGroupId: { __rl: true, mode: 'id', value: '={{ $json.group }}' },
					userId: byId(users.bo),
				},
				{ items: [{ json: { group: '%2e%2e' } }] },
			),
		).rejects.toThrow('The User Group ID "%2e%2e" is not an ID');
		expect(answeredCalls()).toEqual([]);
		expect(env.emulator.state.users.has(users.bo)).toBe(true);
	});

	test('with Continue On Fail only the item with the "." id fails; the others are sent', async () => {
		const items = await env.runNode(
			{
				resource: 'collection',
				operation: 'get',
				collectionId: { __rl: true, mode: 'id', value: '={{ $json.id }}' },
			},
			{
				items: [{ json: { id: collections.financeReports } }, { json: { id: '.' } }],
				continueOnFail: true,
			},
		);
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(items[0].json.id).toBe(collections.financeReports);
		expect(items[1].json.error).toBe('The Collection ID "." is not an ID');
		expect(answeredCalls()).toEqual([`GET /v3/collections/${collections.financeReports}`]);
	});

	// Issue 15: with the encoding removed these went to another route and every test passed.
	test.each([
		[`${workflows.salesForecast}/jobs`, `${workflows.salesForecast}%2Fjobs`],
		[`${workflows.salesForecast}?view=Full`, `${workflows.salesForecast}%3Fview%3DFull`],
		[`${workflows.salesForecast}#x`, `${workflows.salesForecast}%23x`],
		['a b', 'a%20b'],
	])(
		'Workflow → Get with the id %j sends it percent-encoded, as one segment',
		async (id, segment) => {
			await expect(
				env.runNode({ resource: 'workflow', operation: 'get', workflowId: byId(id) }),
			).rejects.toThrow();
			expect(answeredCalls()).toEqual([`GET /v3/workflows/${segment}`]);
			expect(env.emulator.requests.at(-1).query).toEqual({});
		},
	);

	test('Workflow → Get with a real id still works', async () => {
		const [item] = await env.runNode({
			resource: 'workflow',
			operation: 'get',
			workflowId: byId(` ${workflows.salesForecast} `),
		});
		expect(item.json.id).toBe(workflows.salesForecast);
		expect(answeredCalls()).toEqual([`GET /v3/workflows/${workflows.salesForecast}`]);
	});
});

describe('the pickers', () => {
	test('Workflow → Run questions of the workflow ".." are refused, nothing is sent', async () => {
		const methods = createMethodsRunner(env.harness, AlteryxServer);
		await expect(
			methods.loadOptions('getWorkflowQuestions', { workflowId: byId('..') }),
		).rejects.toThrow('The Workflow ID ".." is not an ID');
		expect(answeredCalls()).toEqual([]);
		expect(
			(
				await methods.loadOptions('getWorkflowQuestions', {
					workflowId: byId(workflows.salesForecast),
				})
			).length,
		).toBeGreaterThan(0);
	});
});
