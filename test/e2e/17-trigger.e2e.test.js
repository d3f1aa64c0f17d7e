'use strict';
// The Alteryx Server Trigger in a real n8n: an active workflow whose trigger polls the emulator
// every 5 seconds (twelve Custom cron entries, one per 5-second mark: n8n refuses a single cron
// that fires more than once a minute). Jobs that finish on the emulator become executions; each
// execution posts its items to a collector in this test. n8n is restarted in between: nothing is
// lost, nothing comes twice.
const fs = require('fs');
const http = require('http');
const path = require('path');
const h = require('./helpers');
const { sleep } = require('../../scripts/lib/n8n');

const WORKFLOW_ID = 'e2eAlteryxTrigger1';
const EXAMPLE_FILE = path.resolve(__dirname, '..', '..', 'examples', 'job-failed-to-slack.json');
const { inventorySync, dailySalesEtl } = require('../emulator').SEED_IDS.workflows;

let suite;
let collector;
/** What the test workflow's executions posted: { executionId, id, result, workflowName }. */
const received = [];
/** What the example's executions posted: { source: 'example', executionId, jobId, text, channel }. */
const fromExample = [];

function startCollector() {
	return new Promise((resolve) => {
		const server = http.createServer((req, res) => {
			let body = '';
			req.on('data', (chunk) => (body += chunk));
			req.on('end', () => {
				let entry;
				try {
					entry = JSON.parse(body);
				} catch {
					entry = { unparsed: body };
				}
				(entry.source === 'example' ? fromExample : received).push(entry);
				res.writeHead(200, { 'content-type': 'application/json' });
				res.end('{}');
			});
		});
		server.listen(0, '127.0.0.1', () => resolve(server));
	});
}

// Every 5 seconds: one cron a minute per 5-second mark.
const pollTimes = {
	item: Array.from({ length: 12 }, (_, i) => ({
		mode: 'custom',
		cronExpression: `${i * 5} * * * * *`,
	})),
};

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
	trigger.parameters.pollTimes = pollTimes;
	wf.nodes.push({
		id: '00000000-0000-4000-8000-00000000b001',
		name: 'Tell the collector',
		type: 'n8n-nodes-base.httpRequest',
		typeVersion: 4.2,
		position: [480, 300],
		parameters: {
			method: 'POST',
			url: collectorUrl,
			sendBody: true,
			specifyBody: 'json',
			jsonBody:
				'={{ JSON.stringify({ source: "example", executionId: $execution.id, jobId: $json.jobId, text: $json.text, channel: $json.channel }) }}',
			options: {},
		},
	});
	wf.connections['Compose the message'].main[0].push({
		node: 'Tell the collector',
		type: 'main',
		index: 0,
	});
	return wf;
}

function triggerWorkflow(cred, collectorUrl) {
	const trigger = {
		id: '00000000-0000-4000-8000-00000000a001',
		name: 'When an Alteryx job fails',
		type: `${h.NODE_PREFIX}alteryxServerTrigger`,
		typeVersion: 1,
		position: [0, 0],
		parameters: { pollTimes, event: 'jobFinished', results: ['Error'], watch: 'all', options: {} },
		credentials: { [h.CREDENTIAL_TYPE]: { id: cred.id, name: cred.name } },
	};
	const post = {
		id: '00000000-0000-4000-8000-00000000a002',
		name: 'Tell the collector',
		type: 'n8n-nodes-base.httpRequest',
		typeVersion: 4.2,
		position: [240, 0],
		parameters: {
			method: 'POST',
			url: collectorUrl,
			sendBody: true,
			specifyBody: 'json',
			jsonBody:
				'={{ JSON.stringify({ executionId: $execution.id, id: $json.id, result: $json.result, workflowName: $json.workflowName, messages: ($json.messages || []).length }) }}',
			options: {},
		},
	};
	return {
		id: WORKFLOW_ID,
		name: 'Trigger e2e: failed jobs',
		nodes: [trigger, post],
		connections: {
			[trigger.name]: { main: [[{ node: post.name, type: 'main', index: 0 }]] },
		},
		active: false,
		settings: { executionOrder: 'v1' },
		pinData: {},
	};
}

/**
 * First polls: a trigger set to find jobs automatically asks GET v3/jobs once with limit=1 to
 * learn whether the user is a Curator.
 */
const firstPolls = () =>
	suite.emulator.requests.filter(
		(entry) => entry.path === '/webapi/v3/jobs' && entry.query.limit === '1',
	).length;

/** Polls of the trigger seen by the emulator (its job list requests). */
const jobListRequests = () =>
	suite.emulator.requests.filter((entry) => entry.path === '/webapi/v3/jobs').length;

async function waitFor(condition, what, timeoutMs = 60_000) {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		if (condition()) return;
		await sleep(250);
	}
	throw new Error(`timed out waiting for ${what}; received ${JSON.stringify(received)}`);
}

/** Waits until the trigger has polled `count` more times. */
async function polls(count) {
	const target = jobListRequests() + count;
	await waitFor(() => jobListRequests() >= target, `${count} more polls`);
}

beforeAll(async () => {
	suite = await h.startSuite('trigger');
	collector = await startCollector();
	const url = `http://127.0.0.1:${collector.address().port}/collect`;
	const example = exampleWorkflow(suite.credentials[0], url);
	await suite.n8n.importWorkflow([triggerWorkflow(suite.credentials[0], url), example]);
	await suite.n8n.publishWorkflow(WORKFLOW_ID);
	await suite.n8n.publishWorkflow(example.id);
});

afterAll(async () => {
	if (collector) await new Promise((resolve) => collector.close(resolve));
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
