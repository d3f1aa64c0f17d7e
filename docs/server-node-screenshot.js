'use strict';
// Makes docs/server-node.png: the Alteryx Server node ("Run and Wait") open in the n8n editor,
// after a run against the Alteryx Server emulator. Needs the cached n8n (npm run demo installs
// it), a built pack (npm run build) and the Debian `chromium` package.
//
//   node docs/server-node-screenshot.js [output.png]

const fs = require('fs');
const os = require('os');
const path = require('path');
const { openPage, sleep, waitFor } = require('../scripts/lib/chromium');
const toolchain = require('../scripts/lib/toolchain');
const n8nLib = require('../scripts/lib/n8n');
const { startEmulator } = require('../test/emulator');
const { SEED_IDS } = require('../test/emulator/seed');

const root = path.resolve(__dirname, '..');
const out = path.resolve(process.argv[2] || path.join(__dirname, 'server-node.png'));
const OWNER = {
	email: 'docs@example.com',
	firstName: 'Docs',
	lastName: 'User',
	password: 'Docs-Password-1',
};
const CREDENTIAL = { id: 'alteryxDocs', name: 'Alteryx Server' };
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
				clientId: key.clientId,
				clientSecret: key.clientSecret,
				authentication: 'header',
				ignoreSSLIssues: false,
			},
		});
		await instance.importWorkflow(workflow);
		const server = await instance.start();
		const setup = await n8nLib.httpRequest('POST', `${server.url}/rest/owner/setup`, OWNER);
		if (setup.status !== 200) throw new Error(`owner setup failed: HTTP ${setup.status}`);
		await browser(server.url, setup.cookies.join('; '));
		process.stdout.write(`screenshot: ${path.relative(process.cwd(), out)}\n`);
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
