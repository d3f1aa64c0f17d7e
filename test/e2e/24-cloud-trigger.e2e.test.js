'use strict';
// The Alteryx Analytics Cloud Trigger in a real n8n: an active workflow whose trigger polls the
// Cloud emulator's plan runs every 5 seconds. Plan runs that ended before activation stay quiet; a
// plan run that fails becomes one execution, once; a run that completes does not.
const fs = require('fs');
const path = require('path');
const h = require('./helpers');
const t = require('./trigger-fixtures');
const n8nLib = require('../../scripts/lib/n8n');
const { workRoot } = require('./paths');
const { startCloudEmulator, CLOUD_SEED } = require('../emulator/cloud');

// n8n saves a workflow's static data (the trigger's state) only when its id has at most 21
// characters (isWorkflowIdValid in n8n/dist/utils.js).
const WORKFLOW_ID = 'e2eAlteryxCloudTrig1';
const CREDENTIAL = { id: 'alteryxCloudPair', name: 'Alteryx Cloud emulator (token pair)' };
const CLOUD_CREDENTIAL_TYPE = 'alteryxCloudOAuth2Api';

let cloud;
let n8n;
let userFolder;
let collector;
let pair;
// A failed test keeps n8n's user folder for a look at its log.
const mark = h.failureMark();
/** What the executions posted: { executionId, id, status, planName }. */
let received = [];

/** GETs of the plan-run list the emulator has seen (a poll asks once; the first poll twice). */
const listRequests = () =>
	cloud.requests.filter((entry) => entry.path === '/plans/v1/planSnapshotRuns').length;

async function polls(count) {
	const target = listRequests() + count;
	await t.waitFor(() => listRequests() >= target, `${count} more polls`);
}

function failedPlanRunsWorkflow(collectorUrl) {
	const trigger = {
		id: '00000000-0000-4000-8000-00000000c001',
		name: 'When a plan run fails',
		type: `${t.NODE_PREFIX}alteryxCloudTrigger`,
		typeVersion: 1,
		position: [0, 0],
		parameters: {
			authentication: CLOUD_CREDENTIAL_TYPE,
			pollTimes: t.pollTimes,
			event: 'planRunFinished',
			results: ['Failed'],
			watch: 'all',
			options: {},
		},
		credentials: { [CLOUD_CREDENTIAL_TYPE]: CREDENTIAL },
	};
	const post = t.collectorNode(
		'00000000-0000-4000-8000-00000000c002',
		[240, 0],
		collectorUrl,
		'={{ JSON.stringify({ executionId: $execution.id, id: $json.id, status: $json.status, planName: $json.planName }) }}',
	);
	return {
		id: WORKFLOW_ID,
		name: 'Cloud trigger e2e: failed plan runs',
		nodes: [trigger, post],
		connections: { [trigger.name]: { main: [[{ node: post.name, type: 'main', index: 0 }]] } },
		active: false,
		settings: { executionOrder: 'v1' },
		pinData: {},
	};
}

beforeAll(async () => {
	const state = h.loadState();
	cloud = await startCloudEmulator({ accessTokenTtlSeconds: 3600 });
	pair = cloud.issuePair();
	collector = await t.startCollector();
	received = collector.list('received');
	const baseDir = path.join(workRoot, 'instances');
	fs.mkdirSync(baseDir, { recursive: true });
	userFolder = fs.mkdtempSync(path.join(baseDir, 'cloud-trigger-'));
	n8n = await n8nLib.createInstance({
		n8n: state.n8nInstall,
		packageDir: state.packageDir,
		userFolder,
	});
	await n8n.importCredentials([
		{
			...CREDENTIAL,
			type: CLOUD_CREDENTIAL_TYPE,
			data: {
				region: 'custom',
				v4Url: cloud.v4Url,
				gatewayUrl: cloud.gatewayUrl,
				accessToken: pair.accessToken,
				refreshToken: pair.refreshToken,
			},
		},
	]);
	await n8n.importWorkflow(failedPlanRunsWorkflow(collector.url));
	await n8n.publishWorkflow(WORKFLOW_ID);
});

afterAll(async () => {
	if (collector) await collector.close();
	if (n8n) await n8n.stop();
	if (cloud) await cloud.close();
	if (userFolder && !mark.failed && process.env.E2E_KEEP !== 'true')
		fs.rmSync(userFolder, { recursive: true, force: true });
});

test(
	'an active workflow: old failed runs stay quiet, a plan run that fails starts one execution, once',
	mark.check(async () => {
		await n8n.start();
		// Activation runs the first poll (the list, then the runs still running): the seed's failed
		// run 602 is old.
		await t.waitFor(() => listRequests() >= 2, 'the first poll');
		await polls(2);
		expect(received).toEqual([]);
		const failedRun = cloud.addPlanRun({ planId: CLOUD_SEED.plans.warehouseLoad });
		cloud.addPlanRun({ planId: CLOUD_SEED.plans.nightlyRevenue });
		await t.waitFor(() => received.length >= 1, 'the failed plan run', {
			detail: () => `received ${JSON.stringify(received)}`,
		});
		await polls(3);
		expect(received).toEqual([
			expect.objectContaining({
				id: failedRun,
				status: 'Failed',
				planName: 'Warehouse Load (fails)',
			}),
		]);
	}),
);

test(
	'n8n restarted: a plan run that failed while it was down comes once, nothing comes twice',
	mark.check(async () => {
		await n8n.stop();
		const whileDown = cloud.addPlanRun({ planId: CLOUD_SEED.plans.warehouseLoad });
		await n8n.start();
		await t.waitFor(
			() => received.some((entry) => entry.id === whileDown),
			'the run that failed while n8n was down',
			{
				detail: () => `received ${JSON.stringify(received)}`,
			},
		);
		await polls(3);
		const ids = received.map((entry) => entry.id);
		expect(ids).toHaveLength(2);
		expect(ids[1]).toBe(whileDown);
	}),
);

test('the token pair appears nowhere in n8n’s output', async () => {
	await n8n.stop();
	const output = n8n.allOutput();
	expect(output.length).toBeGreaterThan(0);
	expect(output.includes(pair.refreshToken)).toBe(false);
	expect(output.includes(pair.accessToken)).toBe(false);
});
