'use strict';
// Schedule operations of the Alteryx Analytics Cloud node against the Cloud emulator over HTTP.

const { CLOUD_SEED, byId, requestsTo, runNode, useCloud } = require('./setup');

const { schedules } = CLOUD_SEED;
const env = useCloud();

test('Get Many: one item per schedule', async () => {
	const { items } = await runNode(env, {
		resource: 'schedule',
		operation: 'getAll',
		returnAll: true,
	});
	expect(items.map((item) => item.json.id).sort()).toEqual([
		schedules.nightlyRevenue,
		schedules.weeklySales,
	]);
});

test('Get: the schedule by ID', async () => {
	const { items } = await runNode(env, {
		resource: 'schedule',
		operation: 'get',
		scheduleId: byId(schedules.weeklySales),
	});
	expect(items[0].json).toMatchObject({ id: schedules.weeklySales, enabled: false });
});

test('Enable and Disable: the schedule as it now is', async () => {
	const enabled = await runNode(env, {
		resource: 'schedule',
		operation: 'enable',
		scheduleId: byId(schedules.weeklySales),
	});
	expect(enabled.items[0].json).toMatchObject({ id: schedules.weeklySales, enabled: true });
	const disabled = await runNode(env, {
		resource: 'schedule',
		operation: 'disable',
		scheduleId: byId(schedules.nightlyRevenue),
	});
	expect(disabled.items[0].json).toMatchObject({ id: schedules.nightlyRevenue, enabled: false });
	expect(
		requestsTo(env.cloud, 'POST', /\/scheduling\/v1\/schedules\/\d+\/(enable|disable)$/),
	).toHaveLength(2);
});
