'use strict';
// A demo run as scripts/demo.js makes one (scripts/lib/demo-runs.js), with a stand-in for n8n: a
// process in its own process group, as n8nLib's start() spawns n8n. Used by demo-runs.test.js.
// argv: runsDir, port. Prints one JSON line when it is ready, then runs until a signal.
const fs = require('fs');
const path = require('path');
const { spawn } = require('child_process');
const demoRuns = require('../../scripts/lib/demo-runs');

const [runsDir, port] = process.argv.slice(2);
const run = demoRuns.startRun({ runsDir });
const n8n = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], {
	detached: true,
	stdio: 'ignore',
});
fs.mkdirSync(path.join(run.dir, 'user-folder', '.n8n'), { recursive: true });
fs.writeFileSync(
	path.join(run.dir, 'user-folder', '.n8n', 'database.sqlite'),
	`run ${process.pid}`,
);
run.update({ url: `http://127.0.0.1:${port}`, n8nPid: n8n.pid });
run.onCleanup(
	() =>
		new Promise((resolve) => {
			n8n.once('exit', resolve);
			process.kill(-n8n.pid, 'SIGTERM');
		}),
	() => process.kill(-n8n.pid, 'SIGKILL'),
);
run.handleSignals(async () => {
	await run.cleanup();
	process.exit(0);
});
process.stdout.write(
	`${JSON.stringify({ dir: run.dir, n8nPid: n8n.pid, others: run.others, removed: run.removed })}\n`,
);
setInterval(() => {}, 1000);
