'use strict';
// What the trigger's e2e files share (17 in one n8n, 19 in queue mode): a collector the executions
// post to, the 5-second poll times, the "failed jobs" workflow, and waiting for a condition.
const http = require('http');
const { sleep } = require('../../scripts/lib/n8n');

const CREDENTIAL_TYPE = 'alteryxServerOAuth2Api';
const NODE_PREFIX = 'n8n-nodes-alteryx.';

/**
 * An HTTP server on 127.0.0.1 that keeps every JSON body posted to it. `route(entry)` names the
 * list an entry goes to (default 'received'). Resolves { server, url, lists }.
 */
function startCollector(route) {
	const lists = {};
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
				const name = (route && route(entry)) || 'received';
				(lists[name] = lists[name] || []).push(entry);
				res.writeHead(200, { 'content-type': 'application/json' });
				res.end('{}');
			});
		});
		server.listen(0, '127.0.0.1', () =>
			resolve({
				server,
				url: `http://127.0.0.1:${server.address().port}/collect`,
				lists,
				list: (name) => (lists[name] = lists[name] || []),
				close: () => new Promise((done) => server.close(done)),
			}),
		);
	});
}

// Every 5 seconds: one cron a minute per 5-second mark (n8n refuses a single cron that fires more
// than once a minute).
const pollTimes = {
	item: Array.from({ length: 12 }, (_, i) => ({
		mode: 'custom',
		cronExpression: `${i * 5} * * * * *`,
	})),
};

/** An HTTP Request node "Tell the collector" that posts `jsonBody` (an expression) to the collector. */
function collectorNode(id, position, collectorUrl, jsonBody) {
	return {
		id,
		name: 'Tell the collector',
		type: 'n8n-nodes-base.httpRequest',
		typeVersion: 4.2,
		position,
		parameters: {
			method: 'POST',
			url: collectorUrl,
			sendBody: true,
			specifyBody: 'json',
			jsonBody,
			options: {},
		},
	};
}

/**
 * An active-ready workflow: the trigger on failed jobs of every workflow, polling every 5 seconds,
 * and an HTTP Request node posting { executionId, id, result, workflowName, messages } of each item
 * to the collector.
 */
function failedJobsWorkflow(id, cred, collectorUrl) {
	const trigger = {
		id: '00000000-0000-4000-8000-00000000a001',
		name: 'When an Alteryx job fails',
		type: `${NODE_PREFIX}alteryxServerTrigger`,
		typeVersion: 1,
		position: [0, 0],
		parameters: { pollTimes, event: 'jobFinished', results: ['Error'], watch: 'all', options: {} },
		credentials: { [CREDENTIAL_TYPE]: { id: cred.id, name: cred.name } },
	};
	const post = collectorNode(
		'00000000-0000-4000-8000-00000000a002',
		[240, 0],
		collectorUrl,
		'={{ JSON.stringify({ executionId: $execution.id, id: $json.id, result: $json.result, workflowName: $json.workflowName, messages: ($json.messages || []).length }) }}',
	);
	return {
		id,
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

/** Requests of the trigger's job list (GET v3/jobs) the emulator has seen: one per poll. */
const jobListRequests = (emulator) =>
	emulator.requests.filter((entry) => entry.path === '/webapi/v3/jobs').length;

/**
 * First polls: a trigger set to find jobs automatically asks GET v3/jobs once with limit=1 to
 * learn whether the user is a Curator.
 */
const firstPolls = (emulator) =>
	emulator.requests.filter((entry) => entry.path === '/webapi/v3/jobs' && entry.query.limit === '1')
		.length;

async function waitFor(condition, what, { timeoutMs = 60_000, detail } = {}) {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		if (condition()) return;
		await sleep(250);
	}
	throw new Error(`timed out waiting for ${what}${detail ? `; ${detail()}` : ''}`);
}

/** Waits until the trigger has polled `count` more times. */
async function polls(emulator, count, timeoutMs) {
	const target = jobListRequests(emulator) + count;
	await waitFor(() => jobListRequests(emulator) >= target, `${count} more polls`, { timeoutMs });
}

module.exports = {
	CREDENTIAL_TYPE,
	NODE_PREFIX,
	startCollector,
	pollTimes,
	collectorNode,
	failedJobsWorkflow,
	jobListRequests,
	firstPolls,
	waitFor,
	polls,
};
