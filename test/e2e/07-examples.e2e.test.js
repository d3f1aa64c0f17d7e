'use strict';
// The workflows in examples/ are the e2e fixtures: imported as they are, with the demo credential
// they refer to, executed headless; the helpdesk one through `n8n start`: its live webhook, and the
// editor's Execute workflow on its pinned sample ticket.
const fs = require('fs');
const path = require('path');
const h = require('./helpers');
const { httpRequest } = require('../../scripts/lib/n8n');

const examplesDir = path.resolve(__dirname, '..', '..', 'examples');
const example = (file) => JSON.parse(fs.readFileSync(path.join(examplesDir, file), 'utf8'));

let suite;
beforeAll(async () => {
	suite = await h.startSuite('examples', {
		credentials: [
			{ id: 'alteryxDemo', name: 'Alteryx Server (demo emulator)' },
			{ id: 'alteryxDemoFresh', name: 'Alteryx fresh' },
		],
	});
});
afterAll(async () => {
	if (suite) await suite.teardown();
});

test('every example uses only the demo credential and Alteryx nodes under their real type names', () => {
	const files = fs.readdirSync(examplesDir).filter((f) => f.endsWith('.json'));
	expect(files.length).toBeGreaterThanOrEqual(3);
	for (const file of files) {
		const wf = example(file);
		expect(wf.id).toMatch(/^[A-Za-z0-9]{1,21}$/);
		const alteryxNodes = wf.nodes.filter((n) => n.type.startsWith(h.NODE_PREFIX));
		expect(alteryxNodes.length).toBeGreaterThan(0);
		for (const node of alteryxNodes) {
			expect(node.type).toMatch(
				/^n8n-nodes-alteryx\.alteryx(Authenticate|Get|Post|Put|Delete|Server|ServerTrigger)$/,
			);
			expect(node.credentials[h.CREDENTIAL_TYPE]).toEqual({
				id: 'alteryxDemo',
				name: 'Alteryx Server (demo emulator)',
			});
		}
		// A manual start, the Alteryx Server Trigger (whose Fetch Test Event runs it by hand), or a
		// trigger with pinned data (what Execute workflow runs instead of waiting for a call).
		expect(
			wf.nodes.some(
				(n) =>
					['n8n-nodes-base.manualTrigger', 'n8n-nodes-alteryx.alteryxServerTrigger'].includes(
						n.type,
					) || Boolean(wf.pinData && wf.pinData[n.name]),
			),
		).toBe(true);
	}
});

test('job failed → Slack: the Alteryx Server Trigger on failed jobs, every minute, Slack disabled (e2e 17 runs it active)', () => {
	const wf = example('job-failed-to-slack.json');
	const slack = wf.nodes.find((n) => n.type === 'n8n-nodes-base.slack');
	expect(slack.disabled).toBe(true);
	const trigger = wf.nodes.find((n) => n.type === 'n8n-nodes-alteryx.alteryxServerTrigger');
	expect(trigger.parameters).toMatchObject({
		pollTimes: { item: [{ mode: 'everyMinute' }] },
		event: 'jobFinished',
		results: ['Error'],
	});
	expect(wf.connections[trigger.name].main[0][0].node).toBe('Compose the message');
});

test('scheduled job to Slack: Run with Wait for Completion, then the message (Slack disabled)', async () => {
	const wf = example('scheduled-job-to-slack.json');
	const slack = wf.nodes.find((n) => n.type === 'n8n-nodes-base.slack');
	expect(slack.disabled).toBe(true);
	// No POST → Wait → GET → If loop: the Alteryx Server node waits for the job itself.
	expect(wf.nodes.some((n) => n.type === 'n8n-nodes-base.wait')).toBe(false);
	const run = wf.nodes.find((n) => n.type === 'n8n-nodes-alteryx.alteryxServer');
	expect(run.parameters).toMatchObject({
		resource: 'workflow',
		operation: 'run',
		waitForCompletion: true,
	});
	const res = h.expectOk(await suite.run(wf));
	const [message] = res.json('Compose the message');
	expect(message.disposition).toBe('Success');
	expect(message.text).toContain('Daily Sales ETL');
	expect(message.text).toContain('sales_clean.csv');
	expect(message.channel).toBe('#data-ops');
	expect(suite.emulator.state.jobs.get(message.jobId)).toBeTruthy();
});

test('nightly export: users and schedules become two CSV files', async () => {
	const res = h.expectOk(await suite.run(example('nightly-export-users-schedules.json')));
	const [users] = res.output('Users to CSV');
	const [schedules] = res.output('Schedules to CSV');
	expect(users.binary.data.fileName).toMatch(/^alteryx-users-\d{4}-\d\d-\d\d\.csv$/);
	expect(schedules.binary.data.fileName).toMatch(/^alteryx-schedules-\d{4}-\d\d-\d\d\.csv$/);
	const usersCsv = h.binaryBytes(suite, users.binary.data).toString('utf8');
	const schedulesCsv = h.binaryBytes(suite, schedules.binary.data).toString('utf8');
	expect(usersCsv.split('\n')[0]).toContain('email');
	expect(usersCsv).toContain('ada.admin@example.com');
	const seededSchedule = [...suite.emulator.state.schedules.values()][0];
	expect(schedulesCsv).toContain(seededSchedule.name);
});

// The trigger the editor's "Execute workflow" button starts from when a workflow has several: n8n's
// editor (findTriggerNodeToAutoSelect in 2.41) prefers form, webhook, other apps' triggers, schedule,
// then the manual trigger. A webhook chosen there waits for a call unless it has pinned data.
const AUTO_SELECT_PRIORITY = {
	'n8n-nodes-base.formTrigger': 10,
	'n8n-nodes-base.webhook': 9,
	'n8n-nodes-base.scheduleTrigger': 7,
	'n8n-nodes-base.manualTrigger': 6,
	'n8n-nodes-base.executeWorkflowTrigger': 5,
	'n8n-nodes-base.errorTrigger': 4,
};
const TRIGGER_TYPES = [
	...Object.keys(AUTO_SELECT_PRIORITY),
	'n8n-nodes-alteryx.alteryxServerTrigger',
];
function editorTrigger(wf) {
	return wf.nodes
		.filter((n) => TRIGGER_TYPES.includes(n.type) && !n.disabled)
		.sort((a, b) => (AUTO_SELECT_PRIORITY[b.type] ?? 8) - (AUTO_SELECT_PRIORITY[a.type] ?? 8))[0];
}

test("every example's Execute workflow starts at once: the trigger the editor picks never waits for a call", () => {
	const files = fs.readdirSync(examplesDir).filter((f) => f.endsWith('.json'));
	for (const file of files) {
		const wf = example(file);
		const trigger = editorTrigger(wf);
		const waitsForACall = ['n8n-nodes-base.webhook', 'n8n-nodes-base.formTrigger'].includes(
			trigger.type,
		);
		const pinned = Boolean(wf.pinData && wf.pinData[trigger.name]);
		expect({ file, trigger: trigger.name, waits: waitsForACall && !pinned }).toEqual({
			file,
			trigger: trigger.name,
			waits: false,
		});
	}
	const helpdesk = example('helpdesk-webhook-create-user.json');
	expect(editorTrigger(helpdesk).name).toBe('Helpdesk webhook');
	expect(helpdesk.pinData['Helpdesk webhook'][0].json.body).toMatchObject({
		email: 'grace.hopper@example.com',
	});
});

let editorCookie;
async function signedIn(server) {
	if (!editorCookie) editorCookie = await h.ownerCookie(server, 'Two');
	return editorCookie;
}

test('helpdesk webhook: published in a running n8n, a POST creates a user and a bad one gets 422', async () => {
	await suite.n8n.importWorkflow(example('helpdesk-webhook-create-user.json'));
	await suite.n8n.publishWorkflow('exAlteryxHelpdesk');
	const server = await suite.n8n.start();
	const url = await suite.n8n.waitForWebhook('alteryx-new-user');
	expect(url).toBe(`${server.url}/webhook/alteryx-new-user`);
	const ok = await httpRequest('POST', url, {
		firstName: 'Katherine',
		lastName: 'Johnson',
		email: 'katherine.johnson@example.com',
		role: 'Viewer',
	});
	expect(ok.status).toBe(201);
	expect(ok.json.status).toBe('created');
	expect(suite.emulator.state.users.get(ok.json.alteryxUserId).email).toBe(
		'katherine.johnson@example.com',
	);

	const bad = await httpRequest('POST', url, { firstName: 'No', lastName: 'Email' });
	expect({ status: bad.status, body: bad.json }).toEqual(expect.objectContaining({ status: 422 }));
	expect(bad.json.status).toBe('rejected');
	expect(JSON.stringify(bad.json)).toMatch(/Email/i);
});

test("helpdesk webhook: the editor's Execute workflow runs the pinned sample ticket at once, without a webhook call, while the published webhook stays live", async () => {
	// The workflow is published and n8n runs (the test above). What the editor's button sends:
	// POST /rest/workflows/:id/run starting from the trigger it selected.
	const server = suite.n8n.server;
	expect(server).toBeTruthy();
	const cookie = await signedIn(server);
	const wf = example('helpdesk-webhook-create-user.json');
	const usersBefore = [...suite.emulator.state.users.values()].filter(
		(u) => u.email === 'grace.hopper@example.com',
	).length;
	const run = await httpRequest(
		'POST',
		`${server.url}/rest/workflows/${wf.id}/run`,
		{ workflowId: wf.id, triggerToStartFrom: { name: editorTrigger(wf).name } },
		{ cookie },
	);
	expect(run.status).toBe(200);
	// Without pinned data n8n answers { waitingForWebhook: true } and waits for a call to the test URL.
	expect(run.json.data.waitingForWebhook).toBeUndefined();
	const executionId = run.json.data.executionId;
	expect(executionId).toBeTruthy();
	let execution;
	for (let i = 0; i < 240; i++) {
		const got = await httpRequest(
			'GET',
			`${server.url}/rest/executions/${executionId}`,
			undefined,
			{ cookie },
		);
		execution = got.json && got.json.data;
		if (
			execution &&
			execution.finished !== undefined &&
			execution.status !== 'running' &&
			execution.status !== 'new'
		)
			break;
		await new Promise((r) => setTimeout(r, 250));
	}
	expect({ mode: execution.mode, status: execution.status }).toEqual({
		mode: 'manual',
		status: 'success',
	});
	const grace = [...suite.emulator.state.users.values()].filter(
		(u) => u.email === 'grace.hopper@example.com',
	);
	expect(grace).toHaveLength(usersBefore + 1);
	expect(grace[grace.length - 1]).toMatchObject({ firstName: 'Grace', lastName: 'Hopper' });
	// The production webhook is still registered and answers a real POST.
	const live = await httpRequest('POST', `${server.url}/webhook/alteryx-new-user`, {
		firstName: 'Mary',
		lastName: 'Jackson',
		email: 'mary.jackson@example.com',
		role: 'Viewer',
	});
	expect(live.status).toBe(201);
	expect(suite.emulator.state.users.get(live.json.alteryxUserId).email).toBe(
		'mary.jackson@example.com',
	);
});

test("the credential's Test button (n8n's credential test endpoint) succeeds, and fails on a wrong secret", async () => {
	const server = suite.n8n.server || (await suite.n8n.start());
	const cookie = await signedIn(server);
	const stored = await httpRequest(
		'GET',
		`${server.url}/rest/credentials/alteryxDemo?includeData=true`,
		undefined,
		{ cookie },
	);
	expect(stored.status).toBe(200);
	const data = stored.json.data.data;
	expect(data.apiAccessSecret).not.toBe(suite.credentials[0].data.apiAccessSecret);
	const body = (d) => ({
		credentials: {
			id: 'alteryxDemo',
			name: 'Alteryx Server (demo emulator)',
			type: h.CREDENTIAL_TYPE,
			data: d,
		},
	});
	const ok = await httpRequest('POST', `${server.url}/rest/credentials/test`, body(data), {
		cookie,
	});
	expect(ok.json.data).toEqual(expect.objectContaining({ status: 'OK' }));
	// While the stored token is valid n8n does not run the token exchange again, so a changed secret
	// is tested on a credential without a token (as when a user first creates it).
	const wrong = await httpRequest(
		'POST',
		`${server.url}/rest/credentials/test`,
		{
			credentials: {
				id: 'alteryxDemoFresh',
				name: 'Alteryx fresh',
				type: h.CREDENTIAL_TYPE,
				data: { ...data, apiAccessSecret: 'not-the-secret' },
			},
		},
		{ cookie },
	);
	expect(wrong.json.data.status).toBe('Error');
	expect(wrong.json.data.message).not.toContain('not-the-secret');
	await suite.n8n.stop();
});

h.secretTest(() => suite);
