'use strict';
// Two demos side by side (scripts/lib/demo-runs.js, driven by real processes: demo-run-child.js
// with a stand-in n8n in its own process group): each has its own folder, the second is told where
// the first runs, Ctrl-C of one removes its folder and stops its n8n and leaves the other running,
// and the folder of a demo that died without cleaning up is removed by the next one.
const fs = require('fs');
const os = require('os');
const path = require('path');
const { spawn } = require('child_process');
const { pidAlive, listRuns, readRun } = require('../../scripts/lib/demo-runs');

const child = path.join(__dirname, 'demo-run-child.js');
let runsDir;
const started = [];

function startDemo(port) {
	const proc = spawn(process.execPath, [child, runsDir, String(port)], {
		stdio: ['ignore', 'pipe', 'inherit'],
	});
	started.push(proc);
	return new Promise((resolve, reject) => {
		let out = '';
		proc.stdout.on('data', (d) => {
			out += d;
			const nl = out.indexOf('\n');
			if (nl >= 0) resolve({ proc, ...JSON.parse(out.slice(0, nl)) });
		});
		proc.once('exit', (code) => reject(new Error(`demo child exited ${code} before it was ready`)));
	});
}

const exited = (proc) =>
	proc.exitCode !== null || proc.signalCode !== null
		? Promise.resolve({ code: proc.exitCode, signal: proc.signalCode })
		: new Promise((resolve) => proc.once('exit', (code, signal) => resolve({ code, signal })));

async function gone(pid) {
	// The stand-in n8n is not our child: poll until the kernel has reaped it.
	for (let i = 0; i < 200 && pidAlive(pid); i++) await new Promise((r) => setTimeout(r, 50));
	return !pidAlive(pid);
}

beforeEach(() => {
	runsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'demo-runs-'));
});

afterEach(async () => {
	for (const proc of started.splice(0)) {
		if (proc.exitCode === null && proc.signalCode === null) {
			proc.kill('SIGKILL');
			await exited(proc);
		}
	}
	for (const run of listRuns(runsDir)) {
		if (run.n8nPid && pidAlive(run.n8nPid)) process.kill(-run.n8nPid, 'SIGKILL');
	}
	fs.rmSync(runsDir, { recursive: true, force: true });
});

test('two demos get two folders; Ctrl-C of one cleans up only its own, the other keeps running', async () => {
	const a = await startDemo(5678);
	const b = await startDemo(5799);
	expect(a.dir).not.toBe(b.dir);
	expect(path.dirname(a.dir)).toBe(runsDir);
	// The second is told that the first runs, and where.
	expect(b.others).toEqual([
		expect.objectContaining({ dir: a.dir, pid: a.proc.pid, url: 'http://127.0.0.1:5678' }),
	]);
	const dbA = path.join(a.dir, 'user-folder', '.n8n', 'database.sqlite');
	const dbB = path.join(b.dir, 'user-folder', '.n8n', 'database.sqlite');
	expect(fs.readFileSync(dbA, 'utf8')).toBe(`run ${a.proc.pid}`);
	expect(fs.readFileSync(dbB, 'utf8')).toBe(`run ${b.proc.pid}`);
	expect(readRun(a.dir)).toMatchObject({ pid: a.proc.pid, n8nPid: a.n8nPid });

	a.proc.kill('SIGINT');
	expect(await exited(a.proc)).toEqual({ code: 0, signal: null });
	expect(fs.existsSync(a.dir)).toBe(false);
	expect(await gone(a.n8nPid)).toBe(true);
	// B untouched: its process, its n8n, its data.
	expect(pidAlive(b.proc.pid)).toBe(true);
	expect(pidAlive(b.n8nPid)).toBe(true);
	expect(fs.readFileSync(dbB, 'utf8')).toBe(`run ${b.proc.pid}`);
	expect(listRuns(runsDir).map((r) => r.dir)).toEqual([b.dir]);

	b.proc.kill('SIGTERM');
	expect(await exited(b.proc)).toEqual({ code: 0, signal: null });
	expect(fs.existsSync(b.dir)).toBe(false);
	expect(await gone(b.n8nPid)).toBe(true);
});

test('the folder of a demo that died without cleaning up is removed by the next demo, a live one is not', async () => {
	const live = await startDemo(5678);
	const dead = await startDemo(5799);
	dead.proc.kill('SIGKILL');
	await exited(dead.proc);
	process.kill(-dead.n8nPid, 'SIGKILL');
	expect(fs.existsSync(dead.dir)).toBe(true);

	const next = await startDemo(5800);
	expect(next.removed).toEqual([dead.dir]);
	expect(fs.existsSync(dead.dir)).toBe(false);
	expect(fs.existsSync(live.dir)).toBe(true);
	expect(next.others.map((o) => o.dir)).toEqual([live.dir]);
});
