'use strict';
// Holds the Alteryx Server node to the swagger export: every one of its operations must be
// reachable through an operation of the node, and every route the node declares must exist
// there. It fails until all resources are implemented, listing what is still missing.

const path = require('node:path');

const swagger = require('../../fixtures/alteryx-server-v3.swagger.json');
const { resources } = require('../../../nodes/AlteryxServer/actions/registry');
const { jobRoutes } = require('../../../nodes/AlteryxServer/helpers/jobs');
const { listRoutes, loadOptionsRoutes } = require('../../../nodes/AlteryxServer/methods/routes');

// Endpoints outside the V3 swagger that the node may call, each because V3 lacks the feature.
const ALLOWED_OUTSIDE_SWAGGER = [/^\/v1\/jobs\/\{jobId\}\/output\/\{outputId\}$/];

const swaggerOperations = [];
for (const [operationPath, methods] of Object.entries(swagger.paths)) {
	for (const [method, operation] of Object.entries(methods)) {
		swaggerOperations.push({
			method: method.toUpperCase(),
			path: operationPath,
			operationId: operation.operationId,
			tag: (operation.tags && operation.tags[0]) || 'Untagged',
		});
	}
}
const swaggerByRoute = new Map(swaggerOperations.map((op) => [`${op.method} ${op.path}`, op]));

/** Every operation of the node with its route: [{ name: 'workflow.get', route }]. */
function nodeOperations() {
	const result = [];
	for (const module of resources) {
		for (const [operation, implementation] of Object.entries(module.operations)) {
			result.push({ name: `${module.resource.value}.${operation}`, route: implementation.route });
		}
	}
	return result;
}

/** Why a route is wrong, or null. */
function routeProblem(route) {
	if (!route || typeof route !== 'object') return 'has no route';
	const key = `${route.method} ${route.path}`;
	const inSwagger = swaggerByRoute.get(key);
	if (route.operationId === null) {
		if (inSwagger) return `${key} is ${inSwagger.operationId} in the swagger: name it`;
		if (!route.outsideSwagger)
			return `${key} is outside the swagger without saying why (outsideSwagger)`;
		if (!ALLOWED_OUTSIDE_SWAGGER.some((pattern) => pattern.test(route.path)))
			return `${key} is outside the swagger and not on the allowed list of this test`;
		return null;
	}
	if (!inSwagger) return `${key} (${route.operationId}) is not an operation of the swagger`;
	if (inSwagger.operationId !== route.operationId)
		return `${key} is ${inSwagger.operationId} in the swagger, not ${route.operationId}`;
	return null;
}

test('the swagger fixture has the 97 operations this test is about', () => {
	expect(swaggerOperations).toHaveLength(97);
});

test('every route an operation of the node declares is in the swagger (or an allowed V1 endpoint)', () => {
	const problems = nodeOperations()
		.map(({ name, route }) => [name, routeProblem(route)])
		.filter(([, problem]) => problem)
		.map(([name, problem]) => `${name}: ${problem}`);
	expect(problems).toEqual([]);
});

test('every route the helpers and pickers call is in the swagger (or an allowed V1 endpoint)', () => {
	const shared = { ...jobRoutes, ...listRoutes, ...loadOptionsRoutes };
	const problems = Object.entries(shared)
		.map(([name, route]) => [name, routeProblem(route)])
		.filter(([, problem]) => problem)
		.map(([name, problem]) => `${name}: ${problem}`);
	expect(problems).toEqual([]);
});

test('every swagger operation has an operation in the Alteryx Server node', () => {
	const covered = new Set(nodeOperations().map(({ route }) => route && route.operationId));
	const missing = swaggerOperations.filter((op) => !covered.has(op.operationId));
	if (missing.length === 0) return;

	const byTag = new Map();
	for (const op of missing) {
		if (!byTag.has(op.tag)) byTag.set(op.tag, []);
		byTag.get(op.tag).push(op);
	}
	const lines = [
		`${missing.length} of ${swaggerOperations.length} swagger operations have no operation in the Alteryx Server node (${path.relative(process.cwd(), require.resolve('../../../nodes/AlteryxServer/actions/registry'))}):`,
	];
	for (const [tag, operations] of [...byTag.entries()].sort(([a], [b]) => a.localeCompare(b))) {
		lines.push(`  ${tag} (${operations.length}):`);
		for (const op of operations) lines.push(`    ${op.operationId}  ${op.method} ${op.path}`);
	}
	throw new Error(lines.join('\n'));
});
