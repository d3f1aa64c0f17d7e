'use strict';
// One folder per `npm run demo` under <cache>/demo/runs/: its n8n user folder, its unpacked pack and
// its n8n log, with run.json saying which process owns it and where its n8n listens. A second demo
// gets a folder (and, when 5678 is taken, a port) of its own and never touches another's; folders of
// runs whose process is gone are removed by the next demo; Ctrl-C (SIGINT, SIGTERM, SIGHUP) runs
// what this run registered (stop its n8n, close its emulator) and removes its own folder only.

const fs = require('fs');
const path = require('path');
const { pidAlive } = require('./toolchain');

const RUN_FILE = 'run.json';
// A folder without run.json is a run being created (or one that died right then): removed only
// once it is this old.
const UNCLAIMED_GRACE_MS = 10 * 60 * 1000;

function readRun(dir) {
	try {
		const info = JSON.parse(fs.readFileSync(path.join(dir, RUN_FILE), 'utf8'));
		return { ...info, dir };
	} catch (_) {
		return null;
	}
}

function writeRun(dir, info) {
	const file = path.join(dir, RUN_FILE);
	const tmp = `${file}.${process.pid}.tmp`;
	fs.writeFileSync(tmp, `${JSON.stringify(info, null, 2)}\n`);
	fs.renameSync(tmp, file);
}

// Every run folder: { dir, pid, startedAt, url?, emulatorUrl?, alive }.
function listRuns(runsDir, now) {
	now = now === undefined ? Date.now() : now;
	if (!fs.existsSync(runsDir)) return [];
	const runs = [];
	for (const name of fs.readdirSync(runsDir)) {
		const dir = path.join(runsDir, name);
		let stat;
		try {
			stat = fs.statSync(dir);
		} catch (_) {
			continue;
		}
		if (!stat.isDirectory()) continue;
		const info = readRun(dir);
		if (info) runs.push({ ...info, alive: pidAlive(info.pid) });
		else runs.push({ dir, pid: null, alive: now - stat.mtimeMs < UNCLAIMED_GRACE_MS });
	}
	return runs;
}

// Removes the folders of runs whose process is gone; returns their paths.
function cleanStale(runsDir, now) {
	const removed = [];
	for (const run of listRuns(runsDir, now)) {
		if (run.alive) continue;
		fs.rmSync(run.dir, { recursive: true, force: true });
		removed.push(run.dir);
	}
	return removed;
}

// Starts this process's run: cleans stale folders, creates a new one with run.json.
// opts: { runsDir, pid (default process.pid), log(line) }
// Returns { dir, info, others (live runs), removed (stale folders), update(fields), onCleanup(fn),
// cleanup(), handleSignals(exit) }.
function startRun(opts) {
	const runsDir = opts.runsDir;
	const pid = opts.pid || process.pid;
	fs.mkdirSync(runsDir, { recursive: true });
	const removed = cleanStale(runsDir);
	const others = listRuns(runsDir).filter((r) => r.alive && r.pid);
	const stamp = new Date().toISOString().replace(/[:.]/g, '-');
	const dir = fs.mkdtempSync(path.join(runsDir, `${stamp}-${pid}-`));
	const info = { pid, startedAt: new Date().toISOString(), cwd: process.cwd() };
	writeRun(dir, info);

	const cleanups = [];
	const kills = [];
	let cleaning = null;
	const run = {
		dir,
		info,
		others,
		removed,
		update(fields) {
			Object.assign(info, fields);
			if (fs.existsSync(dir)) writeRun(dir, info);
		},
		// fn (sync or async) runs at cleanup, the last registered first; killNow (sync, optional)
		// instead when a second signal asks to stop at once.
		onCleanup(fn, killNow) {
			cleanups.push(fn);
			if (killNow) kills.push(killNow);
		},
		// Runs the registered cleanups once, then removes this run's folder (and nothing else).
		cleanup() {
			if (!cleaning) {
				cleaning = (async () => {
					for (const fn of cleanups.reverse()) {
						try {
							await fn();
						} catch (_) {
							// keep cleaning up
						}
					}
					fs.rmSync(dir, { recursive: true, force: true });
				})();
			}
			return cleaning;
		},
		// On SIGINT/SIGTERM/SIGHUP: exit(signal) is called (it should clean up and exit); a second
		// signal while cleaning up exits at once after removing the folder.
		handleSignals(exit) {
			let count = 0;
			for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
				process.on(signal, () => {
					count += 1;
					if (count > 1) {
						for (const kill of kills.reverse()) {
							try {
								kill();
							} catch (_) {
								// already gone
							}
						}
						fs.rmSync(dir, { recursive: true, force: true });
						process.exit(130);
					}
					exit(signal);
				});
			}
		},
	};
	return run;
}

module.exports = { startRun, listRuns, cleanStale, pidAlive, readRun, RUN_FILE };
