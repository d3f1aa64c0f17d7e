'use strict';
// Issue 11, queue mode: the Alteryx Server Trigger in one n8n main and two `n8n worker` processes
// on Redis and Postgres (scripts/lib/queue-mode.js). The main polls (every 5 seconds) and keeps the
// trigger's state in the workflow's static data in Postgres; the workers run the executions, each
// posting its items to a collector in this test. The main is restarted while a job fails: nothing
// lost, nothing twice, and the workers' executions never put an older state back.
//
// Two ways n8n 2.41 keeps a poll node's state, each its own cluster:
//   - "static data" (n8n's default): the node's static data in workflow_entity.staticData;
//   - "durable cursors" (N8N_POLLER_DURABLE_CURSORS_ENABLED with the scheduler it requires): the
//     state in n8n's poller_state table, committed with the execution it starts.
// Needs Debian's redis-server and postgresql, like e2e 15 (.ci/run installs them).
// E2E_QUEUE_MODE=false leaves this file out; E2E_KEEP=true keeps the logs in .n8n-e2e/instances/.
const fs = require('fs');
const path = require('path');
const h = require('./helpers');
const t = require('./trigger-fixtures');
const { workRoot } = require('./paths');
const {
	startQueueCluster,
	workerExecutions,
	secretLeaks,
} = require('../../scripts/lib/queue-mode');
const { startEmulator, SEED_IDS } = require('../emulator');

const { inventorySync } = SEED_IDS.workflows;
const WORKFLOW_ID = 'e2eTriggerQueueMode1';
const TRIGGER_NAME = 'When an Alteryx job fails';
const STATE_KEY = 'alteryxServerTrigger';

const VARIANTS = {
	'static data': {},
	'durable cursors': {
		N8N_SCHEDULER_ENABLED: 'true',
		N8N_SCHEDULER_POLL_TRIGGERS_ENABLED: 'true',
		N8N_USE_WORKFLOW_PUBLICATION_SERVICE: 'true',
		N8N_POLLER_DURABLE_CURSORS_ENABLED: 'true',
	},
};

describe.each(Object.keys(VARIANTS))('queue mode, the trigger state in %s', (variant) => {
	let emulator;
	let collector;
	let cluster;
	let workDir;
	let received = [];
	const mark = h.failureMark();

	const waitFor = (condition, what, timeoutMs) =>
		t.waitFor(condition, what, {
			timeoutMs,
			detail: () => `received ${JSON.stringify(received)}`,
		});
	const idsReceived = () => received.map((entry) => entry.id);

	// The trigger's state as stored in Postgres: { staticData, pollerState } (the node's object in
	// the workflow's static data, and in n8n's poller_state table when that table has a row).
	async function storedState() {
		const psqlJson = async (sql) => {
			const text = (await cluster.pg.psql(sql)).trim();
			return text ? JSON.parse(text) : null;
		};
		const staticData = await psqlJson(
			`select "staticData"::text from workflow_entity where id = '${WORKFLOW_ID}'`,
		);
		const hasTable = (
			await cluster.pg.psql(`select to_regclass('public.poller_state') is not null`)
		).trim();
		const cursor =
			hasTable === 't'
				? await psqlJson(
						`select cursor::text from poller_state where "workflowId" = '${WORKFLOW_ID}'`,
					)
				: null;
		return {
			staticData: staticData && staticData[`node:${TRIGGER_NAME}`]?.[STATE_KEY],
			pollerState: cursor && cursor[STATE_KEY],
		};
	}

	beforeAll(
		async () => {
			const state = h.loadState();
			const base = path.join(workRoot, 'instances');
			fs.mkdirSync(base, { recursive: true });
			workDir = fs.mkdtempSync(path.join(base, 'trigger-queue-'));
			emulator = await startEmulator({ host: '127.0.0.1', port: 0 });
			collector = await t.startCollector();
			received = collector.list('received');
			const cred = { id: 'triggerQueueCred', name: 'Alteryx (trigger, queue mode)' };
			cluster = await startQueueCluster({
				n8n: state.n8nInstall,
				packageDir: state.packageDir,
				workDir,
				workers: 2,
				concurrency: 5,
				env: VARIANTS[variant],
				credentials: [{ ...cred, type: t.CREDENTIAL_TYPE, data: emulator.credentialData() }],
				workflows: [t.failedJobsWorkflow(WORKFLOW_ID, cred, collector.url)],
				log: (message) => process.stderr.write(`[trigger-queue ${variant}] ${message}\n`),
			});
		},
		6 * 60 * 1000,
	);

	afterAll(async () => {
		if (cluster) await cluster.stop();
		if (collector) await collector.close();
		if (emulator) await emulator.close();
		if (workDir && !mark.failed && process.env.E2E_KEEP !== 'true')
			fs.rmSync(workDir, { recursive: true, force: true });
	});

	// A failed step keeps the logs.
	const step = mark.test;

	const ranOnWorkers = () =>
		new Set(cluster.workers.flatMap((w) => workerExecutions(w).map((e) => e.executionId)));

	step(
		'the main polls; a failed job becomes an execution that a worker runs, once',
		async () => {
			await waitFor(() => t.firstPolls(emulator) >= 1, 'the first poll', 120_000);
			await t.polls(emulator, 2);
			expect(received).toEqual([]);
			const job = emulator.addJob({ workflowId: inventorySync });
			await waitFor(() => received.length >= 1, 'the failed job');
			await t.polls(emulator, 2);
			expect(received).toEqual([
				expect.objectContaining({ id: job, result: 'Error', workflowName: 'Inventory Sync' }),
			]);
			expect(ranOnWorkers()).toContain(String(received[0].executionId));
		},
		120_000,
	);

	step(
		'two jobs failing between two polls: one execution with both, once',
		async () => {
			const before = received.length;
			const ids = emulator.addJobs(2, { workflowIds: [inventorySync], spacingMs: 10 });
			await waitFor(() => received.length >= before + 2, 'the two failed jobs');
			await t.polls(emulator, 2);
			const fresh = received.slice(before);
			expect(fresh.map((entry) => entry.id)).toEqual(ids);
			expect(new Set(fresh.map((entry) => entry.executionId)).size).toBe(1);
			expect(ranOnWorkers()).toContain(String(fresh[0].executionId));
		},
		120_000,
	);

	step('the stored state (Postgres) holds the newest job after the workers ran', async () => {
		const stored = await storedState();
		const last = idsReceived().at(-1);
		// n8n's default keeps it in the static data; durable cursors move it to poller_state.
		const where = variant === 'durable cursors' ? 'pollerState' : 'staticData';
		expect(stored[where]).toEqual(expect.objectContaining({ v: 1, source: 'queue' }));
		expect(Object.keys(stored[where].s)).toContain(last);
		expect(JSON.stringify(stored)).not.toContain(emulator.credentials.curator.clientSecret);
	});

	step(
		'the main restarted while a job failed: it comes once, a later one too, nothing twice',
		async () => {
			await cluster.main.stop();
			const whileDown = emulator.addJob({ workflowId: inventorySync });
			await cluster.main.start({ timeout: 240_000 });
			await waitFor(
				() => idsReceived().includes(whileDown),
				'the job that failed while the main was down',
				120_000,
			);
			const afterRestart = emulator.addJob({ workflowId: inventorySync });
			await waitFor(() => idsReceived().includes(afterRestart), 'a job after the restart');
			await t.polls(emulator, 3);
			const ids = idsReceived();
			expect(ids).toHaveLength(5);
			expect(new Set(ids).size).toBe(ids.length);
			expect(ids.slice(-2)).toEqual([whileDown, afterRestart]);
			const onWorkers = ranOnWorkers();
			for (const entry of received) expect(onWorkers).toContain(String(entry.executionId));
		},
		6 * 60 * 1000,
	);

	step('the API secret appears in no log and no stored execution', async () => {
		expect(await secretLeaks(workDir, cluster.pg, [emulator.credentials.curator])).toEqual([]);
	});
});
