'use strict';
// `npm run demo`: the pack inside a real n8n, against the Alteryx Server emulator, with a ready
// credential and the example workflows. Ctrl-C stops everything it started.
//
// Options: --port=5678 (n8n), --emulator-port=8123, --no-build, --check (start, verify that the
// editor loads and an example runs, then stop), --screenshot=docs/editor.png (needs chromium).

const fs = require('fs');
const path = require('path');
const { spawn } = require('child_process');
const toolchain = require('./lib/toolchain');
const n8nLib = require('./lib/n8n');

const root = path.resolve(__dirname, '..');
const args = process.argv.slice(2);
const flag = (name) => args.includes(`--${name}`);
const option = (name, fallback) => {
	const hit = args.find((a) => a.startsWith(`--${name}=`));
	return hit ? hit.slice(name.length + 3) : fallback;
};

const DEMO_USER = {
	email: process.env.DEMO_EMAIL || 'demo@example.com',
	firstName: 'Demo',
	lastName: 'User',
	password: process.env.DEMO_PASSWORD || 'Alteryx-Demo-1',
};
const CREDENTIAL = { id: 'alteryxDemo', name: 'Alteryx Server (demo emulator)' };

function say(msg) {
	process.stdout.write(`${msg}\n`);
}

async function main() {
	const t0 = Date.now();
	say(
		'n8n-nodes-alteryx demo: preparing (the first run installs n8n into the cache, a few minutes)…',
	);
	const n8n = toolchain.ensureN8n();
	const demoDir = path.join(toolchain.cacheDir(), 'demo');
	if (!flag('no-build')) {
		say('building the pack (npm run build)…');
		toolchain.npm(n8n.node, ['run', 'build'], { cwd: root });
	}
	const pack = n8nLib.packPackage(root, path.join(demoDir, 'pack'), n8n.node);

	// The emulator runs in this process.
	const { startEmulator } = require('../test/emulator');
	const emulatorPort = await n8nLib.freePort(Number(option('emulator-port', 8123)));
	const emulator = await startEmulator({ host: '127.0.0.1', port: emulatorPort });

	// A fresh n8n user folder every run (outside the repository).
	const userFolder = path.join(demoDir, 'user-folder');
	fs.rmSync(userFolder, { recursive: true, force: true });
	const instance = await n8nLib.createInstance({ n8n, packageDir: pack.dir, userFolder });

	let stopping = false;
	const stop = async (code) => {
		if (stopping) return;
		stopping = true;
		say('\nstopping n8n and the emulator…');
		await instance.stop().catch(() => {});
		await Promise.resolve(emulator.close()).catch(() => {});
		process.exit(code);
	};
	process.on('SIGINT', () => stop(0));
	process.on('SIGTERM', () => stop(0));

	try {
		await instance.importCredentials({
			...CREDENTIAL,
			type: 'alteryxServerOAuth2Api',
			data: emulator.credentialData(),
		});
		const examplesDir = path.join(root, 'examples');
		const examples = fs
			.readdirSync(examplesDir)
			.filter((f) => f.endsWith('.json'))
			.map((f) => JSON.parse(fs.readFileSync(path.join(examplesDir, f), 'utf8')));
		await instance.importWorkflow(examples);
		const webhookExamples = examples.filter((wf) =>
			wf.nodes.some((n) => n.type === 'n8n-nodes-base.webhook'),
		);
		for (const wf of webhookExamples) await instance.publishWorkflow(wf.id);
		// Workflows started by the Alteryx Server Trigger are active too: they poll the emulator.
		const triggerExamples = examples.filter((wf) =>
			wf.nodes.some((n) => n.type === 'n8n-nodes-alteryx.alteryxServerTrigger'),
		);
		for (const wf of triggerExamples) await instance.publishWorkflow(wf.id);

		const port = Number(option('port', process.env.N8N_PORT || 5678));
		const logFile = path.join(demoDir, 'n8n.log');
		fs.rmSync(logFile, { force: true });
		const server = await instance.start({ port, logFile });
		for (const wf of webhookExamples) {
			for (const node of wf.nodes.filter((n) => n.type === 'n8n-nodes-base.webhook'))
				await instance.waitForWebhook(node.parameters.path);
		}
		const setup = await n8nLib.httpRequest('POST', `${server.url}/rest/owner/setup`, DEMO_USER);
		if (setup.status !== 200)
			throw new Error(`owner setup failed: HTTP ${setup.status} ${setup.body.slice(0, 300)}`);

		const seconds = ((Date.now() - t0) / 1000).toFixed(0);
		say('');
		say(
			`n8n ${n8n.version} with n8n-nodes-alteryx ${pack.version} is running (ready in ${seconds}s)`,
		);
		say('');
		say(`  Open        ${server.url}`);
		say(`  Sign in     ${DEMO_USER.email} / ${DEMO_USER.password}`);
		say('');
		say(`  Alteryx Server emulator  ${emulator.webApiUrl}`);
		say(
			`  Credential  "${CREDENTIAL.name}" (Overview → Credentials): already set up, try its Test button`,
		);
		say('');
		say('  What to try');
		say(
			'  1. Open "Alteryx example: scheduled job to Slack" and click "Execute workflow": it runs',
		);
		say('     "Daily Sales ETL" with Run and Wait for Completion and composes the Slack message');
		say('     (the Slack node is disabled so the demo stays offline).');
		say(
			'  2. "Alteryx example: nightly export of users and schedules": two CSV files to download.',
		);
		say('  3. The helpdesk webhook is live:');
		say(
			`       curl -X POST ${server.url}/webhook/alteryx-new-user -H 'content-type: application/json' \\`,
		);
		say(
			`         -d '{"firstName":"Grace","lastName":"Hopper","email":"grace@example.com","role":"Artisan"}'`,
		);
		say('     A body without "email" comes back as 422 with Alteryx\'s field messages.');
		const hasServerNode = pack.files.some((f) => /AlteryxServer\.node\.js$/.test(f));
		say(
			hasServerNode
				? '  4. Add an "Alteryx Server" node to a new workflow: workflows, jobs, users, schedules, collections …'
				: '  4. Add an Alteryx GET node to a new workflow with endpoint v3/workflows, v3/users or v3/schedules.',
		);
		for (const wf of triggerExamples) {
			say(`  5. "${wf.name}" is active: its Alteryx Server Trigger asks the emulator every minute`);
			say('     for jobs that failed since it last asked. Press Enter here to make a job of');
			say('     "Inventory Sync" fail; within a minute an execution appears under Overview →');
			say('     Executions (open it to see the Slack message; the Slack node is disabled). In the');
			say('     editor, "Fetch Test Event" on the trigger shows the latest failed job.');
		}
		if (triggerExamples.length > 0 && !flag('check') && !option('screenshot')) {
			const { SEED_IDS } = require('../test/emulator');
			process.stdin.on('data', () => {
				const jobId = emulator.addJob({ workflowId: SEED_IDS.workflows.inventorySync });
				say(
					`  ${new Date().toISOString().slice(11, 19)} job ${jobId} of "Inventory Sync" failed; the trigger reports it at its next poll (each minute)`,
				);
			});
		}
		say('');
		say(`  n8n log: ${server.logFile}   (the demo's n8n data is reset at every start)`);
		say('  Press Ctrl-C to stop n8n and the emulator.');

		if (flag('check') || option('screenshot')) {
			const ok =
				(await check(instance, server, n8n, option('screenshot'))) &&
				(triggerExamples.length === 0 || (await checkTrigger(server, emulator)));
			await stop(ok ? 0 : 1);
		}
	} catch (error) {
		process.stderr.write(`demo failed: ${error.stack || error.message}\n`);
		await stop(1);
	}
}

// The active "job failed → Slack" fires: a job that fails on the emulator becomes an execution of
// it at the trigger's next poll (each minute), which the editor's executions list shows.
async function checkTrigger(server, emulator) {
	const { SEED_IDS } = require('../test/emulator');
	const login = await n8nLib.httpRequest('POST', `${server.url}/rest/login`, {
		emailOrLdapLoginId: DEMO_USER.email,
		password: DEMO_USER.password,
	});
	const cookie = login.cookies.join('; ');
	const jobId = emulator.addJob({ workflowId: SEED_IDS.workflows.inventorySync });
	const filter = encodeURIComponent(JSON.stringify({ workflowId: 'exAlteryxJobFailed' }));
	const deadline = Date.now() + 90_000;
	while (Date.now() < deadline) {
		const list = await n8nLib.httpRequest(
			'GET',
			`${server.url}/rest/executions?filter=${filter}`,
			undefined,
			{ cookie },
		);
		const data = list.json && list.json.data;
		const results = (data && (data.results || data)) || [];
		const done = (Array.isArray(results) ? results : []).find(
			(execution) =>
				execution.workflowId === 'exAlteryxJobFailed' && execution.status === 'success',
		);
		if (done) {
			const seconds = Math.round((Date.now() - (deadline - 90_000)) / 1000);
			say(
				`check: "job failed → Slack" fired ${seconds} s after job ${jobId} failed: execution ${done.id}`,
			);
			return true;
		}
		await n8nLib.sleep(2000);
	}
	say(`check: "job failed → Slack" FAILED: no execution within 90 s of job ${jobId} failing`);
	return false;
}

// Verify the demo the way a user would: the editor page loads, the webhook example answers, and
// (with chromium) the scheduled example runs from the editor; optionally saves a screenshot.
async function check(instance, server, n8n, screenshot) {
	let ok = true;
	const page = await n8nLib.httpRequest('GET', `${server.url}/`);
	const editorOk = page.status === 200 && /<div id="app"|n8n/i.test(page.body);
	say(`check: editor page ${editorOk ? 'loads' : `FAILED (HTTP ${page.status})`}`);
	ok = ok && editorOk;
	// What the credential's Test button does.
	const login = await n8nLib.httpRequest('POST', `${server.url}/rest/login`, {
		emailOrLdapLoginId: DEMO_USER.email,
		password: DEMO_USER.password,
	});
	const cookie = login.cookies.join('; ');
	const stored = await n8nLib.httpRequest(
		'GET',
		`${server.url}/rest/credentials/${CREDENTIAL.id}?includeData=true`,
		undefined,
		{ cookie },
	);
	const tested =
		stored.json &&
		(await n8nLib.httpRequest(
			'POST',
			`${server.url}/rest/credentials/test`,
			{
				credentials: {
					id: CREDENTIAL.id,
					name: CREDENTIAL.name,
					type: 'alteryxServerOAuth2Api',
					data: stored.json.data.data,
				},
			},
			{ cookie },
		));
	const testOk =
		login.status === 200 &&
		tested &&
		tested.json &&
		tested.json.data &&
		tested.json.data.status === 'OK';
	say(
		`check: sign-in and credential test ${testOk ? `"${tested.json.data.message}"` : `FAILED (login ${login.status}, test ${tested ? tested.body.slice(0, 200) : stored.status})`}`,
	);
	ok = ok && Boolean(testOk);
	const hook = await n8nLib.httpRequest('POST', `${server.url}/webhook/alteryx-new-user`, {
		firstName: 'Check',
		lastName: 'Demo',
		email: 'check.demo@example.com',
		role: 'Viewer',
	});
	const hookOk = hook.status === 201 && hook.json && hook.json.alteryxUserId;
	say(
		`check: helpdesk webhook ${hookOk ? `created user ${hook.json.alteryxUserId}` : `FAILED (HTTP ${hook.status} ${hook.body.slice(0, 200)})`}`,
	);
	ok = ok && Boolean(hookOk);
	if (screenshot || findChromium()) {
		const chromium = findChromium();
		if (!chromium) {
			say('check: chromium not found (apt-get install chromium), no browser check');
			return ok && !screenshot;
		}
		const out = path.resolve(
			root,
			screenshot || path.join(toolchain.cacheDir(), 'demo', 'editor.png'),
		);
		const res = await runNode(n8n.node, [path.join(__dirname, 'lib', 'browser-check.js')], {
			N8N_URL: server.url,
			N8N_EMAIL: DEMO_USER.email,
			N8N_PASSWORD: DEMO_USER.password,
			WORKFLOW_ID: 'exAlteryxScheduled',
			SCREENSHOT: out,
			CHROMIUM: chromium,
		});
		say(
			`check: editor in chromium ${res === 0 ? `ran the scheduled example, screenshot ${out.startsWith(root) ? path.relative(root, out) : out}` : 'FAILED'}`,
		);
		ok = ok && res === 0;
	}
	return ok;
}

function findChromium() {
	for (const bin of [
		process.env.CHROMIUM,
		'/usr/bin/chromium',
		'/usr/bin/chromium-browser',
		'/usr/bin/google-chrome',
	]) {
		if (bin && fs.existsSync(bin)) return bin;
	}
	return null;
}

function runNode(node, argv, env) {
	return new Promise((resolve) => {
		const child = spawn(node.bin, argv, { env: { ...node.env, ...env }, stdio: 'inherit' });
		child.on('close', (code) => resolve(code));
	});
}

main().catch((error) => {
	process.stderr.write(`\ndemo failed: ${error.message}\n`);
	process.exit(1);
});
