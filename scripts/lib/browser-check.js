'use strict';
// Drives the n8n editor in headless Chromium over the DevTools protocol, as a user would: sign in,
// open an example workflow, click "Execute workflow", wait for it to succeed, take a screenshot.
// Needs Node >= 22 (global WebSocket). Configured by environment: N8N_URL, N8N_EMAIL, N8N_PASSWORD,
// WORKFLOW_ID, SCREENSHOT (png path), CHROMIUM (binary).

const fs = require('fs');
const os = require('os');
const path = require('path');
const { spawn } = require('child_process');

const env = process.env;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function waitFor(what, fn, timeoutMs) {
	const deadline = Date.now() + (timeoutMs || 60000);
	let last;
	while (Date.now() < deadline) {
		try {
			last = await fn();
			if (last) return last;
		} catch (e) {
			last = e;
		}
		await sleep(300);
	}
	throw new Error(
		`timed out waiting for ${what} (${last instanceof Error ? last.message : JSON.stringify(last)})`,
	);
}

async function main() {
	if (typeof WebSocket !== 'function') throw new Error('needs Node >= 22 (global WebSocket)');
	const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-alteryx-chromium-'));
	const chrome = spawn(
		env.CHROMIUM || 'chromium',
		[
			'--headless',
			'--no-sandbox',
			'--disable-gpu',
			'--disable-dev-shm-usage',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync',
			'--disable-extensions',
			'--no-first-run',
			'--no-default-browser-check',
			'--hide-scrollbars',
			'--window-size=1600,1000',
			`--user-data-dir=${profile}`,
			'--remote-debugging-port=0',
			'about:blank',
		],
		{ stdio: ['ignore', 'ignore', 'pipe'] },
	);
	let chromeErr = '';
	chrome.stderr.on('data', (d) => (chromeErr += d));
	try {
		const portFile = path.join(profile, 'DevToolsActivePort');
		const [port] = await waitFor(
			'chromium to start',
			() =>
				fs.existsSync(portFile) && fs.readFileSync(portFile, 'utf8').split('\n').filter(Boolean),
			30000,
		);
		const targets = await waitFor('a page target', async () =>
			(await (await fetch(`http://127.0.0.1:${port}/json/list`)).json()).filter(
				(t) => t.type === 'page',
			),
		);
		const ws = new WebSocket(targets[0].webSocketDebuggerUrl);
		await new Promise((resolve, reject) => {
			ws.onopen = resolve;
			ws.onerror = reject;
		});
		let nextId = 0;
		const pending = new Map();
		ws.onmessage = (ev) => {
			const msg = JSON.parse(ev.data);
			if (msg.id && pending.has(msg.id)) {
				const { resolve, reject } = pending.get(msg.id);
				pending.delete(msg.id);
				if (msg.error) reject(new Error(msg.error.message));
				else resolve(msg.result);
			}
		};
		const send = (method, params) =>
			new Promise((resolve, reject) => {
				const id = ++nextId;
				pending.set(id, { resolve, reject });
				ws.send(JSON.stringify({ id, method, params: params || {} }));
			});
		const evaluate = async (expression) => {
			const r = await send('Runtime.evaluate', {
				expression,
				awaitPromise: true,
				returnByValue: true,
			});
			if (r.exceptionDetails) throw new Error(r.exceptionDetails.text);
			return r.result.value;
		};

		await send('Page.enable');
		await send('Runtime.enable');
		await send('Emulation.setDeviceMetricsOverride', {
			width: 1600,
			height: 1000,
			deviceScaleFactor: 1,
			mobile: false,
		});

		// Sign in through the form.
		await send('Page.navigate', { url: `${env.N8N_URL}/signin` });
		await waitFor('the sign-in form', () =>
			evaluate(
				`!!document.querySelector('input[type=email], input[name=email], input[name=emailOrLdapLoginId]')`,
			),
		);
		const type = async (selector, text) => {
			await evaluate(
				`(() => { const el = document.querySelector(${JSON.stringify(selector)}); el.focus(); el.select && el.select(); return true; })()`,
			);
			await send('Input.insertText', { text });
		};
		await type(
			'input[type=email], input[name=email], input[name=emailOrLdapLoginId]',
			env.N8N_EMAIL,
		);
		await type('input[type=password]', env.N8N_PASSWORD);
		await evaluate(
			`(() => { const b = [...document.querySelectorAll('button')].find((x) => /sign in/i.test(x.textContent)); b.click(); return true; })()`,
		);
		await waitFor(
			'the sign-in to finish',
			() => evaluate(`!location.pathname.startsWith('/signin')`),
			30000,
		);
		process.stdout.write('browser: signed in\n');

		// Open the example and run it.
		await send('Page.navigate', { url: `${env.N8N_URL}/workflow/${env.WORKFLOW_ID}` });
		await waitFor(
			'the canvas',
			() => evaluate(`document.querySelectorAll('[data-test-id="canvas-node"]').length`),
			60000,
		);
		await sleep(1500);
		// Close any popup (e.g. "what's new") that may cover the canvas.
		await evaluate(`document.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape' })), true`);
		await waitFor('the Execute workflow button', () =>
			evaluate(
				`(() => { const b = document.querySelector('[data-test-id="execute-workflow-button"]') || [...document.querySelectorAll('button')].find((x) => /execute workflow/i.test(x.textContent)); if (!b) return false; b.click(); return true; })()`,
			),
		);
		process.stdout.write('browser: clicked "Execute workflow"\n');
		const result = await waitFor(
			'the execution to finish',
			() =>
				evaluate(`(() => {
					const text = document.body.innerText;
					if (/Problem in node|Workflow execution failed|ERROR:/i.test(text)) return 'error';
					const success = document.querySelectorAll('[data-test-id="canvas-node-status-success"]').length;
					if (/Workflow executed successfully/i.test(text)) return 'success:' + success;
					return false;
				})()`),
			90000,
		);
		if (!String(result).startsWith('success'))
			throw new Error(`the example did not run successfully in the editor (${result})`);
		process.stdout.write(`browser: execution finished (${result})\n`);
		await sleep(1500);
		if (env.SCREENSHOT) {
			const shot = await send('Page.captureScreenshot', { format: 'png' });
			fs.mkdirSync(path.dirname(env.SCREENSHOT), { recursive: true });
			fs.writeFileSync(env.SCREENSHOT, Buffer.from(shot.data, 'base64'));
			process.stdout.write(`browser: screenshot ${env.SCREENSHOT}\n`);
		}
		ws.close();
	} catch (e) {
		process.stderr.write(
			`browser check failed: ${e.message}\n${chromeErr.split('\n').slice(-5).join('\n')}\n`,
		);
		process.exitCode = 1;
	} finally {
		chrome.kill('SIGKILL');
		fs.rmSync(profile, { recursive: true, force: true });
	}
}

main();
