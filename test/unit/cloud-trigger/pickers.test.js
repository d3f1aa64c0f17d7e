'use strict';
// The Plans and Flows multi-selects, called as the editor calls them (LoadOptionsContext).
const { useCloudTriggerEnvironment } = require('./setup');
const { createMethodsRunner } = require('../server-node/methods-runner');
const {
	AlteryxCloudTrigger,
} = require('../../../nodes/AlteryxCloudTrigger/AlteryxCloudTrigger.node.ts');

const env = useCloudTriggerEnvironment();

test('Plans to Watch lists the plans by name (gateway), Flows to Watch the flows (v4 host)', async () => {
	const methods = createMethodsRunner(env.harness, AlteryxCloudTrigger);
	const from = env.cloud.requests.length;
	expect(await methods.loadOptions('getPlans', { event: 'planRunFinished' })).toEqual([
		{ name: 'Nightly Revenue', value: '501' },
		{ name: 'Quarterly Archive (cancels)', value: '503' },
		{ name: 'Shared Partner Feed', value: '504' },
		{ name: 'Warehouse Load (fails)', value: '502' },
	]);
	expect(await methods.loadOptions('getFlows', { event: 'jobGroupFinished' })).toEqual([
		{ name: 'Customer Merge (cancels)', value: '103' },
		{ name: 'Inventory Join (fails)', value: '102' },
		{ name: 'Sales Cleanup', value: '101' },
	]);
	expect(
		env.cloud.requests.slice(from).map((entry) => `${entry.host} ${entry.method} ${entry.path}`),
	).toEqual(['gateway GET /plans/v1/plans', 'v4 GET /v4/flows']);
});
