'use strict';
// Headless Chromium over the DevTools protocol, for checks and pictures of the n8n editor:
// the Debian `chromium` package, offline flags, a throwaway profile. Needs Node >= 22 (global
// WebSocket).

const fs = require('fs');
const os = require('os');
const path = require('path');
const { spawn } = require('child_process');

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `fn` until it returns something truthy, or fails with what it last saw. */
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

/**
 * Starts Chromium with one blank page of the given size and returns `{ send, evaluate, stderr,
 * close }`: `send(method, params)` is a DevTools call, `evaluate(expression)` runs JavaScript in
 * the page and returns its value, `close()` ends Chromium and removes its profile.
 */
async function openPage({ width, height }) {
	if (typeof WebSocket !== 'function') throw new Error('needs Node >= 22 (global WebSocket)');
	const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-alteryx-chromium-'));
	const chrome = spawn(
		process.env.CHROMIUM || 'chromium',
		[
			'--headless',
			'--no-sandbox',
			'--disable-gpu',
			'--disable-dev-shm-usage',
			// The machine's network is closed: no background connections, updates or sync.
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync',
			'--disable-extensions',
			'--no-first-run',
			'--no-default-browser-check',
			'--hide-scrollbars',
			`--window-size=${width},${height}`,
			`--user-data-dir=${profile}`,
			'--remote-debugging-port=0',
			'about:blank',
		],
		{ stdio: ['ignore', 'ignore', 'pipe'] },
	);
	let stderr = '';
	chrome.stderr.on('data', (data) => (stderr += data));
	let ws;
	const close = () => {
		if (ws) ws.close();
		chrome.kill('SIGKILL');
		fs.rmSync(profile, { recursive: true, force: true });
	};
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
				(target) => target.type === 'page',
			),
		);
		ws = new WebSocket(targets[0].webSocketDebuggerUrl);
		await new Promise((resolve, reject) => {
			ws.onopen = resolve;
			ws.onerror = reject;
		});
		let nextId = 0;
		const pending = new Map();
		ws.onmessage = (event) => {
			const message = JSON.parse(event.data);
			if (message.id && pending.has(message.id)) {
				const { resolve, reject } = pending.get(message.id);
				pending.delete(message.id);
				if (message.error) reject(new Error(message.error.message));
				else resolve(message.result);
			}
		};
		const send = (method, params) =>
			new Promise((resolve, reject) => {
				const id = ++nextId;
				pending.set(id, { resolve, reject });
				ws.send(JSON.stringify({ id, method, params: params || {} }));
			});
		const evaluate = async (expression) => {
			const result = await send('Runtime.evaluate', {
				expression,
				awaitPromise: true,
				returnByValue: true,
			});
			if (result.exceptionDetails) throw new Error(result.exceptionDetails.text);
			return result.result.value;
		};
		await send('Page.enable');
		await send('Runtime.enable');
		await send('Emulation.setDeviceMetricsOverride', {
			width,
			height,
			deviceScaleFactor: 1,
			mobile: false,
		});
		return { send, evaluate, stderr: () => stderr, close };
	} catch (error) {
		close();
		throw error;
	}
}

module.exports = { openPage, sleep, waitFor };
