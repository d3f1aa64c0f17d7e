'use strict';
// The Alteryx Server Trigger in a real n8n: an active workflow whose trigger polls the emulator
// every 5 seconds (twelve Custom cron entries, one per 5-second mark: n8n refuses a single cron
// that fires more than once a minute). Jobs that finish on the emulator become executions; each
// execution posts its items to a collector in this test. n8n is restarted in between: nothing is
// lost, nothing comes twice.
const fs = require('fs');
const path = require('path');
const h = require('./helpers');
const t = require('./trigger-fixtures');

const WORKFLOW_ID = 'e2eAlteryxTrigger1';
const EXAMPLE_FILE = path.resolve(__dirname, '..', '..', 'examples', 'job-failed-to-slack.json');
const { inventorySync, dailySalesEtl } = require('../emulator').SEED_IDS.workflows;

let suite;
let collector;
/** What the test workflow's executions posted: { executionId, id, result, workflowName }. */
let received = [];
/** What the example's executions posted: { source: 'example', executionId, jobId, text, channel }. */
let fromExample = [];

/**
 * The example "job failed → Slack" as it is, with the demo credential renamed to this suite's,
 * polling every 5 seconds instead of every minute, and its composed message also posted to the
 * collector (the Slack node stays disabled).
 */
function exampleWorkflow(cred, collectorUrl) {
	const wf = JSON.parse(fs.readFileSync(EXAMPLE_FILE, 'utf8'));
	for (const node of wf.nodes) {
		if (node.credentials)
			node.credentials = { [h.CREDENTIAL_TYPE]: { id: cred.id, name: cred.name } };
	}
	const trigger = wf.nodes.find((node) => node.type === `${h.NODE_PREFIX}alteryxServerTrigger`);
	trigger.parameters.pollTimes = t.pollTimes;
	wf.nodes.push(
		t.collectorNode(
			'00000000-0000-4000-8000-00000000b001',
			[480, 300],
			collectorUrl,
			'={{ JSON.stringify({ source: "example", executionId: $execution.id, jobId: $json.jobId, text: $json.text, channel: $json.channel }) }}',
		),
	);
	wf.connections['Compose the message'].main[0].push({
		node: 'Tell the collector',
		type: 'main',
		index: 0,
	});
	return wf;
}

const firstPolls = () => t.firstPolls(suite.emulator);
const polls = (count) => t.polls(suite.emulator, count);
const waitFor = (condition, what) =>
	t.waitFor(condition, what, { detail: () => `received ${JSON.stringify(received)}` });

beforeAll(async () => {
	suite = await h.startSuite('trigger');
	collector = await t.startCollector((entry) => (entry.source === 'example' ? 'example' : null));
	received = collector.list('received');
	fromExample = collector.list('example');
	const url = collector.url;
	const example = exampleWorkflow(suite.credentials[0], url);
	await suite.n8n.importWorkflow([
		t.failedJobsWorkflow(WORKFLOW_ID, suite.credentials[0], url),
		example,
	]);
	await suite.n8n.publishWorkflow(WORKFLOW_ID);
	await suite.n8n.publishWorkflow(example.id);
});

afterAll(async () => {
	if (collector) await collector.close();
	if (suite) await suite.teardown();
});

const idsReceived = () => received.map((entry) => entry.id);

test('an active workflow: old failures stay quiet, a job that fails becomes an execution with the job', async () => {
	await suite.n8n.start();
	// Activation runs a first poll of each workflow: the seeded history's failed jobs are old.
	await waitFor(() => firstPolls() >= 2, 'both workflows’ first polls');
	await polls(2);
	expect(received).toEqual([]);
	const failed = suite.emulator.addJob({ workflowId: inventorySync });
	suite.emulator.addJob({ workflowId: dailySalesEtl, disposition: 'Success' });
	await waitFor(() => received.length >= 1, 'the failed job');
	expect(received).toEqual([
		expect.objectContaining({ id: failed, result: 'Error', workflowName: 'Inventory Sync' }),
	]);
	expect(received[0].messages).toBeGreaterThan(0);
	// The example "job failed → Slack", active as well, composed its message for the same job.
	await waitFor(() => fromExample.length >= 1, 'the example’s message');
	expect(fromExample).toEqual([expect.objectContaining({ jobId: failed, channel: '#data-ops' })]);
	expect(fromExample[0].text).toContain('Alteryx job of *Inventory Sync* failed');
	expect(fromExample[0].text).toContain('Data source name not found');
});

test('two jobs failing between two polls: one execution with both, once', async () => {
	const before = received.length;
	const ids = suite.emulator.addJobs(2, { workflowIds: [inventorySync], spacingMs: 10 });
	await waitFor(() => received.length >= before + 2, 'the two failed jobs');
	await polls(2);
	const fresh = received.slice(before);
	expect(fresh.map((entry) => entry.id)).toEqual(ids);
	expect(new Set(fresh.map((entry) => entry.executionId)).size).toBe(1);
});

test('n8n restarted: a job that failed while it was down comes once, nothing comes twice', async () => {
	await suite.n8n.stop();
	const whileDown = suite.emulator.addJob({ workflowId: inventorySync });
	await suite.n8n.start();
	await waitFor(() => idsReceived().includes(whileDown), 'the job that failed while n8n was down');
	const afterRestart = suite.emulator.addJob({ workflowId: inventorySync });
	await waitFor(() => idsReceived().includes(afterRestart), 'a job after the restart');
	await polls(3);
	const ids = idsReceived();
	expect(ids).toHaveLength(5);
	expect(new Set(ids).size).toBe(ids.length);
	expect(ids.slice(-2)).toEqual([whileDown, afterRestart]);
	// The example saw the same five failed jobs, each once.
	const exampleIds = fromExample.map((entry) => entry.jobId);
	expect([...exampleIds].sort()).toEqual([...ids].sort());
});

h.secretTest(() => suite);
