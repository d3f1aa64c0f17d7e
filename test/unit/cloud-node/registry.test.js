'use strict';
// The node's own rules, so an operation that breaks them fails here and not in n8n's editor:
// every Operation option has an implementation, a route and a test, and the other way round.

const fs = require('fs');
const path = require('path');

const { AlteryxCloud } = require('../../../nodes/AlteryxCloud/AlteryxCloud.node');
const { resources } = require('../../../nodes/AlteryxCloud/actions/registry');
const { findOperation } = require('../../../nodes/AlteryxCloud/actions/router');
const { FEATURED_RESOURCES } = require('../../../nodes/AlteryxCloud/actions/versionDescription');

const description = new AlteryxCloud().description;

/** Every `resource: 'x', operation: 'y'` the test files of this folder run. */
const tested = new Set(
	fs
		.readdirSync(__dirname)
		.filter((file) => file.endsWith('.test.js') && file !== path.basename(__filename))
		.flatMap((file) => [
			...fs
				.readFileSync(path.join(__dirname, file), 'utf8')
				.matchAll(/resource: '(\w+)',\s*operation: '(\w+)'/g),
		])
		.map(([, resource, operation]) => `${resource}:${operation}`),
);

test('the node: alteryxCloud, usable as a tool, on the two Cloud credentials', () => {
	expect(description).toMatchObject({
		name: 'alteryxCloud',
		displayName: 'Alteryx Analytics Cloud',
		usableAsTool: true,
		subtitle: expect.stringContaining('$parameter.resource'),
	});
	expect(description.credentials.map((credential) => credential.name).sort()).toEqual([
		'alteryxCloudOAuth2Api',
		'alteryxCloudServicePrincipalOAuth2Api',
	]);
});

test('the Resource dropdown: Plan, Flow, then the rest alphabetically', () => {
	const selector = description.properties.find((property) => property.name === 'resource');
	const values = selector.options.map((option) => option.value);
	expect(values.slice(0, 2)).toEqual(FEATURED_RESOURCES);
	const rest = selector.options.slice(2).map((option) => option.name);
	expect(rest).toEqual([...rest].sort((a, b) => a.localeCompare(b)));
	expect([...values].sort()).toEqual(resources.map((module) => module.resource.value).sort());
});

const operations = resources.flatMap((module) =>
	Object.keys(module.operations).map((operation) => [module.resource.value, operation, module]),
);

test('the issue’s operations are all there', () => {
	expect(operations.map(([resource, operation]) => `${resource}:${operation}`).sort()).toEqual(
		[
			'plan:getAll',
			'plan:get',
			'plan:getRunParameters',
			'plan:run',
			'plan:runAndWait',
			'plan:getRun',
			'plan:getAllRuns',
			'plan:cancelRun',
			'flow:getAll',
			'flow:get',
			'flow:run',
			'flow:runAndWait',
			'jobGroup:get',
			'jobGroup:getStatus',
			'jobGroup:getOutputs',
			'jobGroup:getInputs',
			'jobGroup:getJobs',
			'jobGroup:cancel',
			'jobGroup:getAll',
			'schedule:getAll',
			'schedule:get',
			'schedule:enable',
			'schedule:disable',
			'workspace:getCurrent',
			'user:getCurrent',
		].sort(),
	);
});

describe.each(operations)('%s: %s', (resource, operation, module) => {
	const selector = module.description.find(
		(property) =>
			property.name === 'operation' && property.displayOptions.show.resource.includes(resource),
	);
	const option = selector.options.find((candidate) => candidate.value === operation);
	const implementation = module.operations[operation];

	test('has an option with an action and a description, in alphabetical order', () => {
		expect(option).toMatchObject({ action: expect.any(String), description: expect.any(String) });
		const names = selector.options.map((candidate) => candidate.name);
		expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
	});

	test('is routed, states its Cloud route, and its fields show only for it', () => {
		expect(findOperation(resource, operation)).toBe(implementation);
		expect(implementation.route).toMatchObject({
			method: expect.stringMatching(/^(GET|POST)$/),
			path: expect.stringMatching(/^(v4|plans\/v1|scheduling\/v1|iam\/v1)\//),
			action: expect.any(String),
		});
		for (const property of implementation.description) {
			expect(property.displayOptions.show).toMatchObject({
				resource: [resource],
				operation: [operation],
			});
		}
	});

	test('has a test against the emulator', () => {
		expect(tested.has(`${resource}:${operation}`)).toBe(true);
	});
});
