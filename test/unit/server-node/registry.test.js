'use strict';
// The framework's own rules, so a new resource that breaks them fails here and not in n8n's
// editor: every Operation option has an implementation and an action, and the other way round.

const { resources } = require('../../../nodes/AlteryxServer/actions/registry');
const { AlteryxServer } = require('../../../nodes/AlteryxServer/AlteryxServer.node');
const { FEATURED_RESOURCES } = require('../../../nodes/AlteryxServer/actions/versionDescription');

// The resources most workflows use come first (n8n's nodes panel lists the actions in dropdown
// order, issue 12.4); the rest, and every Operation dropdown, stay alphabetical: n8n's lint and
// its verification scanner (which ignores eslint-disable comments) require sorted options.

/** The values `featured` first, in that order, then the rest alphabetically by name. */
function expectFeaturedThenAlphabetical(options, featured) {
	const values = options.map((option) => option.value);
	expect(values.slice(0, featured.length)).toEqual(featured);
	const names = options.slice(featured.length).map((option) => option.name);
	expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
}

const description = new AlteryxServer().description;
const resourceSelector = description.properties.find((property) => property.name === 'resource');

test('the node is the resource/operation node the package registers', () => {
	expect(description).toMatchObject({
		name: 'alteryxServer',
		displayName: 'Alteryx Server',
		usableAsTool: true,
		credentials: [{ name: 'alteryxServerOAuth2Api', required: true }],
	});
});

test('the Resource dropdown lists every registered resource once: Workflow, Job, then alphabetically', () => {
	const values = resources.map((module) => module.resource.value);
	expect(new Set(values).size).toBe(values.length);
	expect(FEATURED_RESOURCES).toEqual(['workflow', 'job']);
	expectFeaturedThenAlphabetical(resourceSelector.options, FEATURED_RESOURCES);
	expect(resourceSelector.options.map((option) => option.value).sort()).toEqual([...values].sort());
	expect(values).toContain(resourceSelector.default);
});

describe.each(resources.map((module) => [module.resource.value, module]))(
	'resource %s',
	(value, module) => {
		const selector = module.description.find(
			(property) =>
				property.name === 'operation' &&
				property.displayOptions &&
				property.displayOptions.show.resource.includes(value),
		);

		test('has an Operation selector whose options match its operations, each with an action', () => {
			expect(selector).toBeDefined();
			expect(selector.noDataExpression).toBe(true);
			const optionValues = selector.options.map((option) => option.value);
			expect([...optionValues].sort()).toEqual(Object.keys(module.operations).sort());
			expect(
				selector.options.every((option) => typeof option.action === 'string' && option.action),
			).toBe(true);
			expectFeaturedThenAlphabetical(selector.options, []);
			expect(optionValues).toContain(selector.default);
		});

		test('every operation exports description, route and execute, shown only for itself', () => {
			for (const [operation, implementation] of Object.entries(module.operations)) {
				expect(typeof implementation.execute).toBe('function');
				expect(implementation.route).toMatchObject({
					method: expect.any(String),
					path: expect.stringMatching(/^\//),
				});
				for (const property of implementation.description) {
					expect(property.displayOptions.show).toMatchObject({
						resource: [value],
						operation: [operation],
					});
				}
				expect(module.description).toEqual(expect.arrayContaining(implementation.description));
			}
		});
	},
);
