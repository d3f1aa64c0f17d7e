'use strict';
// `npm run demo`: the pack inside a real n8n, against the Alteryx Server emulator, with a ready
// credential and the example workflows. Each run has its own folder and port (scripts/lib/
// demo-runs.js), says what it is doing while it prepares (scripts/lib/progress.js), and Ctrl-C
// stops what it started and removes its folder.
//
// Options: --port=5678 (n8n), --emulator-port=8123, --no-build, --check (start, verify that the
// editor loads and an example runs, then stop), --screenshot=docs/editor.png (needs chromium).

const fs = require('fs');
const path = require('path');
const { spawn } = require('child_process');
const toolchain = require('./lib/toolchain');
const n8nLib = require('./lib/n8n');
const demoRuns = require('./lib/demo-runs');
const { createProgress, formatDuration } = require('./lib/progress');

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
	const progress = createProgress({ write: say });
	say('n8n-nodes-alteryx demo: preparing');
	// This run's own folder (user folder, pack, log) under <cache>/demo/runs; folders of demos
	// that no longer run are removed, those of running ones are left alone.
	const run = demoRuns.startRun({ runsDir: path.join(toolchain.cacheDir(), 'demo', 'runs') });
	if (run.removed.length > 0)
		say(`  removed the folders of ${run.removed.length} demo run(s) that no longer run`);
	for (const other of run.others) {
		say(
			`  another demo runs ${other.url ? `at ${other.url}` : '(still starting)'} (pid ${other.pid}, ${other.dir}); this one gets its own folder and port`,
		);
	}
	say(`  this run's folder: ${run.dir} (removed at Ctrl-C)`);

	let stopping = false;
	const stop = async (code) => {
		if (stopping) return;
		stopping = true;
		progress.stopAll('stopped');
		say("\nstopping n8n and the emulator, removing this run's folder…");
		await run.cleanup();
		process.exit(code);
	};
	// Install steps still running (npm install, the build) when Ctrl-C comes.
	const killSteps = () => {
		for (const child of toolchain.activeChildren) child.kill('SIGTERM');
	};
	run.onCleanup(killSteps, killSteps);
	run.handleSignals(() => stop(0));

	try {
		const examplesDir = path.join(root, 'examples');
		const examples = fs
			.readdirSync(examplesDir)
			.filter((f) => f.endsWith('.json'))
			.map((f) => JSON.parse(fs.readFileSync(path.join(examplesDir, f), 'utf8')));
		const webhookExamples = examples.filter((wf) =>
			wf.nodes.some((n) => n.type === 'n8n-nodes-base.webhook'),
		);
		// Workflows started by the Alteryx Server Trigger are active too: they poll the emulator.
		const triggerExamples = examples.filter((wf) =>
			wf.nodes.some((n) => n.type === 'n8n-nodes-alteryx.alteryxServerTrigger'),
		);

		// Two lines of work side by side: the build and pack of this package, and n8n (installed
		// into the cache on the first run) with this run's user folder, credential and examples.
		const node = await toolchain.ensureNode24Async(progress);
		const packed = (async () => {
			if (!flag('no-build'))
				await progress.run('building n8n-nodes-alteryx (npm run build)', () =>
					toolchain.npmAsync(node, ['run', 'build'], { cwd: root }),
				);
			return progress.run('packing n8n-nodes-alteryx (npm pack)', () =>
				n8nLib.packPackageAsync(root, path.join(run.dir, 'pack'), node),
			);
		})();
		const prepared = (async () => {
			const n8n = await toolchain.ensureN8nAsync(undefined, progress);
			if (!fs.existsSync(path.join(n8n.dir, 'user-folder-template', '.ready'))) {
				await progress.run("preparing n8n's empty database (first run only)", async () => {
					await n8nLib.ensureTemplateAsync(n8n);
				});
			}
			// The emulator runs in this process.
			const { startEmulator } = require('../test/emulator');
			const emulatorPort = await n8nLib.freePort(Number(option('emulator-port', 8123)));
			const emulator = await startEmulator({ host: '127.0.0.1', port: emulatorPort });
			run.onCleanup(() => emulator.close());
			// A fresh n8n user folder in this run's folder; the pack is linked into it once packed.
			const instance = await n8nLib.createInstance({
				n8n,
				userFolder: path.join(run.dir, 'user-folder'),
			});
			run.onCleanup(
				() => instance.stop(),
				() => instance.server && n8nLib.killGroup(instance.server.child, 'SIGKILL'),
			);
			await progress.run(
				`importing the credential and ${examples.length} example workflows (n8n CLI)`,
				async () => {
					await instance.importCredentials({
						...CREDENTIAL,
						type: 'alteryxServerOAuth2Api',
						data: emulator.credentialData(),
					});
					await instance.importWorkflow(examples);
					for (const wf of webhookExamples) await instance.publishWorkflow(wf.id);
					for (const wf of triggerExamples) await instance.publishWorkflow(wf.id);
				},
			);
			return { n8n, emulator, instance };
		})();
		const [pack, { n8n, emulator, instance }] = await Promise.all([packed, prepared]);
		n8nLib.linkPackage(instance.userFolder, pack.dir);

		const preferredPort = Number(option('port', process.env.N8N_PORT || 5678));
		const logFile = path.join(run.dir, 'n8n.log');
		const server = await progress.run('starting n8n', async () => {
			const started = await instance.start({ port: preferredPort, logFile });
			run.update({ url: started.url, n8nPid: started.child.pid });
			for (const wf of webhookExamples) {
				for (const node of wf.nodes.filter((n) => n.type === 'n8n-nodes-base.webhook'))
					await instance.waitForWebhook(node.parameters.path);
			}
			return started;
		});
		if (server.port !== preferredPort)
			say(
				`  port ${preferredPort} is taken${run.others.length ? ' (by another demo?)' : ''}: n8n listens on ${server.port}`,
			);
		run.update({ emulatorUrl: emulator.webApiUrl });
		const setup = await n8nLib.httpRequest('POST', `${server.url}/rest/owner/setup`, DEMO_USER);
		if (setup.status !== 200)
			throw new Error(`owner setup failed: HTTP ${setup.status} ${setup.body.slice(0, 300)}`);

		say('');
		say(
			`n8n ${n8n.version} with n8n-nodes-alteryx ${pack.version} is running (ready in ${formatDuration(Date.now() - t0)})`,
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
		say(`  n8n log: ${server.logFile}`);
		say("  This run's n8n data is in its own folder; Ctrl-C removes it, so export any workflow");
		say('  you want to keep. Press Ctrl-C to stop n8n and the emulator.');

		if (flag('check') || option('screenshot')) {
			const ok =
				(await check(instance, server, n8n, option('screenshot'), emulator)) &&
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
// (with chromium) the scheduled example runs from the editor, and the helpdesk example's Execute
// workflow runs its pinned sample ticket without waiting for a webhook call; optionally saves a
// screenshot.
async function check(instance, server, n8n, screenshot, emulator) {
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
		const hasGrace = () =>
			[...emulator.state.users.values()].some((u) => u.email === 'grace.hopper@example.com');
		const before = hasGrace();
		const helpdesk = await runNode(n8n.node, [path.join(__dirname, 'lib', 'browser-check.js')], {
			N8N_URL: server.url,
			N8N_EMAIL: DEMO_USER.email,
			N8N_PASSWORD: DEMO_USER.password,
			WORKFLOW_ID: 'exAlteryxHelpdesk',
			CHROMIUM: chromium,
		});
		const helpdeskOk = helpdesk === 0 && !before && hasGrace();
		say(
			`check: helpdesk example's Execute workflow in chromium ${helpdeskOk ? 'ran the pinned sample ticket at once: user grace.hopper@example.com created' : 'FAILED'}`,
		);
		ok = ok && helpdeskOk;
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
