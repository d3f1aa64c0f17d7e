'use strict';
// Drives the n8n editor in headless Chromium over the DevTools protocol, as a user would: sign in,
// open an example workflow, click "Execute workflow", wait for it to succeed, take a screenshot.
// Needs Node >= 22 (global WebSocket). Configured by environment: N8N_URL, N8N_EMAIL, N8N_PASSWORD,
// WORKFLOW_ID, SCREENSHOT (png path), CHROMIUM (binary).

const fs = require('fs');
const path = require('path');
const { openPage, sleep, waitFor } = require('./chromium');

const env = process.env;

async function main() {
	let page;
	try {
		page = await openPage({ width: 1600, height: 1000 });
		const { send, evaluate } = page;

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
	} catch (e) {
		const chromeErr = page ? page.stderr() : '';
		process.stderr.write(
			`browser check failed: ${e.message}\n${chromeErr.split('\n').slice(-5).join('\n')}\n`,
		);
		process.exitCode = 1;
	} finally {
		if (page) page.close();
	}
}

main();
