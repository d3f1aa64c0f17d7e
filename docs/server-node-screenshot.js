'use strict';
// Makes the README's pictures of the n8n editor, against the Alteryx Server emulator:
//  - docs/server-node.png: the Alteryx Server node ("Run and Wait") open, after a run;
//  - docs/editor.png: the example "scheduled job to Slack", run from the editor
//    (scripts/lib/browser-check.js, as `npm run demo -- --screenshot`);
//  - docs/nodes-panel.png: the nodes panel searching "alteryx" (one entry per node, each with
//    its icon), docs/nodes-panel-actions.png: the Alteryx Server node's actions in the panel, and
//    docs/nodes-panel-wait.png: the panel searching "wait".
// Needs the cached n8n (npm run demo installs it), a built pack (npm run build) and the Debian
// `chromium` package. Its n8n and user folder are its own (a temporary folder).
//
//   node docs/server-node-screenshot.js [docs folder]

const fs = require('fs');
const os = require('os');
const path = require('path');
const { spawn } = require('child_process');
const { openPage, sleep, waitFor } = require('../scripts/lib/chromium');
const toolchain = require('../scripts/lib/toolchain');
const n8nLib = require('../scripts/lib/n8n');
const { startEmulator } = require('../test/emulator');
const { SEED_IDS } = require('../test/emulator/seed');

const root = path.resolve(__dirname, '..');
const docs = path.resolve(process.argv[2] || __dirname);
const out = path.join(docs, 'server-node.png');
const OWNER = {
	email: 'docs@example.com',
	firstName: 'Docs',
	lastName: 'User',
	password: 'Docs-Password-1',
};
// The credential the examples refer to.
const CREDENTIAL = { id: 'alteryxDemo', name: 'Alteryx Server (demo emulator)' };
const EXAMPLE = 'scheduled-job-to-slack.json';
const NODE_ID = '8f0d7a4e-2b1c-4d3e-9f5a-000000000002';

const workflow = {
	id: 'docsServerNode',
	name: 'Run an Alteryx app and wait for it',
	active: false,
	settings: { executionOrder: 'v1' },
	pinData: {},
	nodes: [
		{
			id: '8f0d7a4e-2b1c-4d3e-9f5a-000000000001',
			name: 'When clicking ‘Execute workflow’',
			type: 'n8n-nodes-base.manualTrigger',
			typeVersion: 1,
			position: [0, 0],
			parameters: {},
		},
		{
			id: NODE_ID,
			name: 'Run and Wait',
			type: 'n8n-nodes-alteryx.alteryxServer',
			typeVersion: 1,
			position: [240, 0],
			credentials: { alteryxServerOAuth2Api: { id: CREDENTIAL.id, name: CREDENTIAL.name } },
			parameters: {
				resource: 'workflow',
				operation: 'run',
				workflowId: {
					__rl: true,
					mode: 'list',
					value: SEED_IDS.workflows.salesForecast,
					cachedResultName: 'Sales Forecast',
				},
				questions: {
					question: [
						{ name: 'Region', value: 'West' },
						{ name: 'Year', value: '2026' },
					],
				},
				waitForCompletion: true,
				additionalFields: {},
				options: { pollInterval: 1, timeout: 600, downloadOutputs: true, outputFormat: 'Csv' },
			},
		},
	],
	connections: {
		'When clicking ‘Execute workflow’': {
			main: [[{ node: 'Run and Wait', type: 'main', index: 0 }]],
		},
	},
};

async function browser(url, cookie) {
	const page = await openPage({ width: 1600, height: 1400 });
	const { send, evaluate } = page;
	try {
		await send('Network.enable');
		for (const c of cookie.split('; ')) {
			const [name, ...rest] = c.split('=');
			await send('Network.setCookie', { name, value: rest.join('='), url });
		}
		// The node's parameter panel opens from the URL /workflow/<id>/<nodeId>.
		await send('Page.navigate', { url: `${url}/workflow/${workflow.id}/${NODE_ID}` });
		await waitFor(
			'the parameter panel',
			() =>
				evaluate(
					`!!document.querySelector('[data-test-id="ndv"]') && document.body.innerText.includes('Wait for Completion')`,
				),
			60000,
		);
		await sleep(1500);
		// Run the node from the panel so the output shows the finished job.
		await evaluate(
			`(() => { const b = document.querySelector('[data-test-id="node-execute-button"]') || [...document.querySelectorAll('button')].find((x) => /execute step/i.test(x.textContent)); b.click(); return true; })()`,
		);
		try {
			await waitFor(
				'the output',
				() => evaluate(`document.body.innerText.includes('output_0')`),
				60000,
			);
			// Show the output item as JSON (the panel opens on the Binary tab).
			await waitFor('the JSON tab', () =>
				evaluate(
					`(() => { const tabs = [...document.querySelectorAll('[data-test-id="ndv-output-panel"] *, [data-test-id="output-panel"] *')].filter((el) => el.children.length === 0 && el.textContent.trim() === 'JSON'); if (!tabs.length) return false; tabs[tabs.length - 1].click(); return true; })()`,
				),
			);
			await waitFor(
				'the finished job',
				() =>
					evaluate(
						`document.body.innerText.includes('Completed') && document.body.innerText.includes('Success')`,
					),
				30000,
			);
		} catch (e) {
			if (process.env.DEBUG_SHOT)
				fs.writeFileSync(
					process.env.DEBUG_SHOT,
					Buffer.from((await send('Page.captureScreenshot', { format: 'png' })).data, 'base64'),
				);
			throw e;
		}
		// Close the "Node executed successfully" toast, which covers the end of the output.
		await evaluate(
			`document.querySelectorAll('.el-notification__closeBtn').forEach((b) => b.click()), true`,
		);
		await sleep(1500);
		const shot = await send('Page.captureScreenshot', { format: 'png' });
		fs.writeFileSync(out, Buffer.from(shot.data, 'base64'));
	} finally {
		page.close();
	}
}

/** The nodes panel: a search for "wait", one for "alteryx", then the Alteryx Server node's actions. */
async function nodesPanel(url, cookie) {
	const page = await openPage({ width: 1600, height: 1000 });
	const { send, evaluate } = page;
	const save = async (file) => {
		const shot = await send('Page.captureScreenshot', { format: 'png' });
		fs.writeFileSync(file, Buffer.from(shot.data, 'base64'));
		process.stdout.write(`screenshot: ${path.relative(process.cwd(), file)}\n`);
	};
	try {
		await send('Network.enable');
		for (const c of cookie.split('; ')) {
			const [name, ...rest] = c.split('=');
			await send('Network.setCookie', { name, value: rest.join('='), url });
		}
		/** Opens the workflow and its nodes panel, and types `query` into the panel's search. */
		const searchPanel = async (query) => {
			await send('Page.navigate', { url: `${url}/workflow/${workflow.id}` });
			await waitFor(
				'the canvas',
				() => evaluate(`document.querySelectorAll('[data-test-id="canvas-node"]').length`),
				60000,
			);
			await sleep(1500);
			await evaluate(
				`document.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape' })), true`,
			);
			await waitFor('the nodes panel', () =>
				evaluate(
					`(() => { const b = document.querySelector('[data-test-id="node-creator-plus-button"]'); if (!b) return false; b.click(); return true; })()`,
				),
			);
			await waitFor('the search field', () =>
				evaluate(
					`(() => { const i = document.querySelector('[data-test-id="node-creator-search-bar"] input, [data-test-id="search-bar"] input'); if (!i) return false; i.focus(); return true; })()`,
				),
			);
			await send('Input.insertText', { text: query });
		};
		// "wait": n8n's Wait node and the send-and-wait nodes first, then Alteryx Server (its
		// aliases); the picture scrolls to it.
		await searchPanel('wait');
		// A node with several actions is a "node-creator-action-item" in the list.
		const findServer = `[...document.querySelectorAll('[data-test-id="node-creator-node-item"], [data-test-id="node-creator-action-item"]')].find((el) => el.textContent.includes('Alteryx Server'))`;
		await waitFor('Alteryx Server among the results', () => evaluate(`!!${findServer}`));
		await sleep(1500);
		await evaluate(`${findServer}.scrollIntoView({ block: 'center' }), true`);
		await sleep(1000);
		await save(path.join(docs, 'nodes-panel-wait.png'));
		await searchPanel('alteryx');
		await waitFor('the search results', () =>
			evaluate(`document.body.innerText.includes('Alteryx Server DELETE')`),
		);
		await sleep(1500);
		await save(path.join(docs, 'nodes-panel.png'));
		// Open the Alteryx Server entry: its actions, the Workflow ones (Run and Wait among them) first.
		await evaluate(
			`(() => { const item = [...document.querySelectorAll('[data-test-id="node-creator-node-item"], [data-test-id="node-creator-action-item"]')].find((el) => /^\\s*Alteryx Server\\s*$/.test(el.querySelector('[class*="title"], [data-test-id="node-creator-item-name"]')?.textContent ?? '')) ?? [...document.querySelectorAll('[data-test-id="node-creator-node-item"], [data-test-id="node-creator-action-item"]')][0]; item.click(); return true; })()`,
		);
		await waitFor('the actions', () =>
			evaluate(`document.body.innerText.includes('Run a workflow and wait for its job')`),
		);
		await sleep(1500);
		await save(path.join(docs, 'nodes-panel-actions.png'));
	} finally {
		page.close();
	}
}

async function main() {
	const n8n = toolchain.ensureN8n();
	const work = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-alteryx-docs-'));
	const emulator = await startEmulator({
		host: '127.0.0.1',
		port: 0,
		jobTimings: { queuedMs: 1000, runningMs: 2000 },
	});
	let instance;
	try {
		const pack = n8nLib.packPackage(root, path.join(work, 'pack'), n8n.node);
		instance = await n8nLib.createInstance({
			n8n,
			packageDir: pack.dir,
			userFolder: path.join(work, 'user-folder'),
		});
		const key = emulator.credentials.curator;
		await instance.importCredentials({
			...CREDENTIAL,
			type: 'alteryxServerOAuth2Api',
			data: {
				webApiUrl: emulator.webApiUrl,
				apiAccessKey: key.clientId,
				apiAccessSecret: key.clientSecret,
				authentication: 'header',
				ignoreSSLIssues: false,
			},
		});
		const example = JSON.parse(fs.readFileSync(path.join(root, 'examples', EXAMPLE), 'utf8'));
		await instance.importWorkflow([workflow, example]);
		const server = await instance.start();
		const setup = await n8nLib.httpRequest('POST', `${server.url}/rest/owner/setup`, OWNER);
		if (setup.status !== 200) throw new Error(`owner setup failed: HTTP ${setup.status}`);
		const cookie = setup.cookies.join('; ');
		await browser(server.url, cookie);
		process.stdout.write(`screenshot: ${path.relative(process.cwd(), out)}\n`);
		await nodesPanel(server.url, cookie);
		const editor = path.join(docs, 'editor.png');
		// Not spawnSync: the emulator runs in this process and must keep answering.
		const status = await new Promise((resolve, reject) => {
			const child = spawn(n8n.node.bin, [path.join(root, 'scripts', 'lib', 'browser-check.js')], {
				stdio: 'inherit',
				env: {
					...process.env,
					N8N_URL: server.url,
					N8N_EMAIL: OWNER.email,
					N8N_PASSWORD: OWNER.password,
					WORKFLOW_ID: example.id,
					SCREENSHOT: editor,
					CHROMIUM: process.env.CHROMIUM || '/usr/bin/chromium',
				},
			});
			child.on('error', reject);
			child.on('exit', resolve);
		});
		if (status !== 0) throw new Error('the example did not run in the editor');
		process.stdout.write(`screenshot: ${path.relative(process.cwd(), editor)}\n`);
	} finally {
		if (instance) await instance.stop();
		await emulator.close();
		fs.rmSync(work, { recursive: true, force: true });
	}
}

main().catch((e) => {
	process.stderr.write(`${e.stack || e.message}\n`);
	process.exit(1);
});
