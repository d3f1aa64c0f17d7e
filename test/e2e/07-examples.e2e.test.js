'use strict';
// The workflows in examples/ are the e2e fixtures: imported as they are, with the demo credential
// they refer to, executed headless; the helpdesk one also live through `n8n start` and its webhook.
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
		// A manual start, or the Alteryx Server Trigger (whose Fetch Test Event runs it by hand).
		expect(
			wf.nodes.some((n) =>
				['n8n-nodes-base.manualTrigger', 'n8n-nodes-alteryx.alteryxServerTrigger'].includes(n.type),
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

test('helpdesk webhook: the manual run creates the sample user', async () => {
	const res = h.expectOk(await suite.run(example('helpdesk-webhook-create-user.json')));
	const [created] = res.json('Create the Alteryx user');
	expect(created.id).toBeTruthy();
	const user = suite.emulator.state.users.get(created.id);
	expect(user.email).toBe('grace.hopper@example.com');
	expect(res.json('Respond: created')).toHaveLength(1);
});

test('helpdesk webhook: published in a running n8n, a POST creates a user and a bad one gets 422', async () => {
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

test("the credential's Test button (n8n's credential test endpoint) succeeds, and fails on a wrong secret", async () => {
	const server = suite.n8n.server || (await suite.n8n.start());
	const cookie = await h.ownerCookie(server, 'Two');
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
