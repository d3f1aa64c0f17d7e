'use strict';
// The "From List" pickers of the Alteryx Analytics Cloud node, called as the n8n editor calls them.

const { createMethodsRunner } = require('../server-node/methods-runner');
const { AlteryxCloud, CLOUD_SEED, requestsTo, useCloud } = require('./setup');

const env = useCloud();
let methods;
beforeAll(() => {
	methods = createMethodsRunner(env.harness, AlteryxCloud);
});

test('plans: by name, the Cloud filters by the typed text', async () => {
	const all = await methods.listSearch('searchPlans');
	expect(all.results.map((result) => result.name)).toEqual([
		'Nightly Revenue',
		'Quarterly Archive (cancels)',
		'Shared Partner Feed',
		'Warehouse Load (fails)',
	]);
	const revenue = await methods.listSearch('searchPlans', 'revenue');
	expect(revenue.results).toEqual([
		{ name: 'Nightly Revenue', value: String(CLOUD_SEED.plans.nightlyRevenue) },
	]);
	expect(requestsTo(env.cloud, 'GET', '/plans/v1/plans').pop().query).toMatchObject({
		filter: 'revenue',
		filterType: 'contains',
	});
});

test('flows: by name', async () => {
	const { results } = await methods.listSearch('searchFlows', 'sales');
	expect(results).toEqual([
		{ name: 'Sales Cleanup', value: String(CLOUD_SEED.flows.salesCleanup) },
	]);
});

test('schedules: by name, filtered here', async () => {
	const { results } = await methods.listSearch('searchSchedules', 'weekly');
	expect(results).toEqual([
		{ name: 'Weekly sales', value: String(CLOUD_SEED.schedules.weeklySales) },
	]);
});

test('a long list comes in pages: the next offset is the pagination token', async () => {
	const template = env.cloud.state.plans.get(CLOUD_SEED.plans.nightlyRevenue);
	for (let id = 9000; id < 9150; id++) {
		env.cloud.state.plans.set(id, { ...template, id, name: `Bulk ${id}` });
	}
	const nodeType = new AlteryxCloud();
	const first = await methods.listSearch('searchPlans');
	expect(first.results).toHaveLength(100);
	expect(first.paginationToken).toBe('100');
	expect(typeof nodeType.methods.listSearch.searchPlans).toBe('function');
});
