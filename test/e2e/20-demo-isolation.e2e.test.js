'use strict';
// Two `npm run demo` side by side (issue 12): each its own folder and port, the second told where the
// first runs; Ctrl-C of the first stops its n8n and removes its folder while the second keeps
// serving its editor, signed in, with its data.
const fs = require('fs');
const path = require('path');
const { spawn } = require('child_process');
const { freePort, httpRequest } = require('../../scripts/lib/n8n');
const { root } = require('./paths');

const demos = [];

function startDemo(port) {
	const proc = spawn(
		process.execPath,
		[path.join(root, 'scripts', 'demo.js'), '--no-build', `--port=${port}`],
		{
			cwd: root,
			stdio: ['pipe', 'pipe', 'pipe'],
			env: { ...process.env, N8N_PORT: '' },
		},
	);
	const demo = { proc, out: '', exit: null };
	demos.push(demo);
	proc.stdout.on('data', (d) => (demo.out += d));
	proc.stderr.on('data', (d) => (demo.out += d));
	demo.exited = new Promise((resolve) =>
		proc.once('exit', (code, signal) => resolve((demo.exit = { code, signal }))),
	);
	demo.ready = new Promise((resolve, reject) => {
		const look = () => {
			const url = /^ {2}Open {8}(http\S+)/m.exec(demo.out);
			const folder = /this run's folder: (\S+)/.exec(demo.out);
			if (url && folder && /Press Ctrl-C/.test(demo.out))
				resolve({ url: url[1], folder: folder[1] });
		};
		proc.stdout.on('data', look);
		proc.once('exit', () => reject(new Error(`demo exited before it was ready:\n${demo.out}`)));
	});
	return demo;
}

const signIn = (url) =>
	httpRequest('POST', `${url}/rest/login`, {
		emailOrLdapLoginId: 'demo@example.com',
		password: 'Alteryx-Demo-1',
	});

afterAll(async () => {
	for (const demo of demos) {
		if (!demo.exit) {
			demo.proc.kill('SIGINT');
			await demo.exited;
		}
	}
});

test('a second demo gets its own folder and port; Ctrl-C of the first leaves the second running', async () => {
	const port = await freePort();
	const first = startDemo(port);
	const a = await first.ready;
	const second = startDemo(port);
	const b = await second.ready;

	expect(a.url).toBe(`http://127.0.0.1:${port}`);
	expect(b.url).not.toBe(a.url);
	expect(b.folder).not.toBe(a.folder);
	expect(second.out).toContain(`another demo runs at ${a.url}`);
	expect(second.out).toMatch(new RegExp(`port ${port} is taken`));
	const dbA = path.join(a.folder, 'user-folder', '.n8n', 'database.sqlite');
	const dbB = path.join(b.folder, 'user-folder', '.n8n', 'database.sqlite');
	expect(fs.existsSync(dbA) && fs.existsSync(dbB)).toBe(true);
	// Each signed in on its own n8n: the second's setup did not reset the first.
	expect((await signIn(a.url)).status).toBe(200);
	expect((await signIn(b.url)).status).toBe(200);

	first.proc.kill('SIGINT');
	expect(await first.exited).toEqual({ code: 0, signal: null });
	expect(fs.existsSync(a.folder)).toBe(false);
	await expect(httpRequest('GET', `${a.url}/healthz`)).rejects.toThrow(/ECONNREFUSED/);

	expect(second.exit).toBeNull();
	expect(fs.existsSync(dbB)).toBe(true);
	const login = await signIn(b.url);
	expect(login.status).toBe(200);
	const workflows = await httpRequest('GET', `${b.url}/rest/workflows`, undefined, {
		cookie: login.cookies.join('; '),
	});
	expect(workflows.json.data.map((w) => w.id)).toEqual(
		expect.arrayContaining(['exAlteryxHelpdesk', 'exAlteryxScheduled']),
	);

	second.proc.kill('SIGTERM');
	expect(await second.exited).toEqual({ code: 0, signal: null });
	expect(fs.existsSync(b.folder)).toBe(false);
});
