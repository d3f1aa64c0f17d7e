'use strict';
const { useCloudTriggerEnvironment, idsOf, CLOUD_SEED } = require('./setup');

const env = useCloudTriggerEnvironment();
const { warehouseLoad } = CLOUD_SEED.plans;

/** Failed plan runs that ended just now, oldest first. */
function failedRuns(count) {
	const now = env.cloud.now();
	return Array.from({ length: count }, (_, index) =>
		env.cloud.addPlanRun({ planId: warehouseLoad, finishedAtMs: now - (count - index) * 1000 }),
	);
}

const tooManyRequests = {
	host: 'gateway',
	method: 'GET',
	path: '/plans/v1/planSnapshotRuns',
	kind: 'status',
	status: 429,
	headers: { 'x-retry-after': '0' },
	body: {
		exception: {
			name: 'TooManyRequestsException',
			message: 'Too Many Requests',
			details:
				'API quota reached for "listPlanSnapshotRuns". Wait 0 seconds before making another request.',
		},
	},
	times: 100,
};

test('a dead token pair: the poll fails saying what to do, the state does not move, nothing is lost', async () => {
	const trigger = env.trigger({ event: 'planRunFinished', results: ['Failed'] });
	await trigger.poll();
	const before = trigger.liveState();
	failedRuns(2);
	env.cloud.disablePair(env.pair.refreshToken);
	const error = await trigger.poll().then(
		() => undefined,
		(failure) => failure,
	);
	expect(error).toBeDefined();
	expect(`${error.message} ${error.description}`).toMatch(/OAuth 2\.0 API Tokens/);
	expect(error.description).toContain('The trigger did not move on');
	expect(trigger.liveState()).toEqual(before);
});

test('429 from the list: the error carries the Cloud’s words; the next poll emits every run once', async () => {
	const trigger = env.trigger({ event: 'planRunFinished', results: ['Failed'] });
	await trigger.poll();
	const before = trigger.liveState();
	const ids = failedRuns(3);
	env.cloud.faults.add(tooManyRequests);
	const error = await trigger.poll().then(
		() => undefined,
		(failure) => failure,
	);
	expect(error).toMatchObject({ httpCode: '429' });
	expect(`${error.message} ${error.description}`).toMatch(/Too Many Requests|API quota/);
	expect(error.description).toContain('The trigger did not move on');
	expect(trigger.liveState()).toEqual(before);
	env.cloud.clearFaults();
	expect(idsOf(await trigger.poll())).toEqual(ids);
	expect(await trigger.poll()).toEqual([]);
});

test('a poll that fails while following a long run: the next poll reports it once', async () => {
	const now = env.cloud.now();
	const long = env.cloud.addPlanRun({
		planId: warehouseLoad,
		startedAtMs: now - 30 * 60_000,
		finishedAtMs: now + 60 * 60_000,
	});
	env.cloud.addPlanRun({ planId: CLOUD_SEED.plans.nightlyRevenue, finishedAtMs: now });
	const trigger = env.trigger({ event: 'planRunFinished', results: ['Failed'] });
	await trigger.poll();
	env.cloud.advanceTime(61 * 60_000);
	env.cloud.faults.add({
		host: 'gateway',
		method: 'GET',
		path: `/plans/v1/planSnapshotRuns/${long}`,
		kind: 'status',
		status: 403,
		body: { exception: { name: 'ForbiddenException', message: 'Forbidden', details: '' } },
		times: 100,
	});
	await expect(trigger.poll()).rejects.toMatchObject({
		description: expect.stringContaining('The trigger did not move on'),
	});
	env.cloud.clearFaults();
	trigger.restart();
	expect(idsOf(await trigger.poll())).toEqual([long]);
	expect(await trigger.poll()).toEqual([]);
});
