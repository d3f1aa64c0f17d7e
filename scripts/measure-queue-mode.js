#!/usr/bin/env node
'use strict';
// Queue-mode measurement (issue 9): the scenario of test/e2e/15-queue-mode.e2e.test.js
// (scripts/lib/queue-mode.js: n8n 2.41.1 main + workers, Redis and Postgres on loopback ports of
// their own, the product credential through the core HTTP Request node and the pack's Alteryx
// Server node), run with longer or different parameters and no assertions: it prints the counts
// and writes them to .n8n-e2e/queue-mode.json.
//
//   npm run build && node scripts/measure-queue-mode.js [--ttl 25] [--lifetimes 4] [--calls 2]
//       [--bursts 3] [--burst-size 6] [--first-fetch 4] [--workers 2] [--concurrency 5]
//
// Needs redis-server and postgresql (`node scripts/ci.js services` installs them with apt-get).
// Every process started here is stopped at the end (also on Ctrl-C) and the work folder is removed
// (KEEP=true keeps it, with the main's and workers' logs).
//
// The comparison in docs/decisions/0003-server-credential-design.md (the former credential against
// the design-A fixture) was measured with this script as of commit b362c14; the product credential
// is design A since, and that comparison is in git history only.

const fs = require('fs');
const os = require('os');
const path = require('path');
const toolchain = require('./lib/toolchain');
const n8nLib = require('./lib/n8n');
const { runQueueScenario } = require('./lib/queue-mode');
const { startEmulator } = require('../test/emulator');

const ROOT = path.resolve(__dirname, '..');

function arg(name, fallback) {
	const i = process.argv.indexOf(`--${name}`);
	return i === -1 ? fallback : Number(process.argv[i + 1]);
}

const log = (message) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${message}`);

async function main() {
	const n8n = toolchain.ensureN8n();
	const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'queue-mode-'));
	const removeTmp = () => {
		if (process.env.KEEP !== 'true') fs.rmSync(tmp, { recursive: true, force: true });
	};
	process.on('exit', removeTmp);
	try {
		const pack = n8nLib.packPackage(ROOT, path.join(tmp, 'pack'), n8n.node);
		const results = await runQueueScenario({
			n8n,
			packageDir: pack.dir,
			workDir: path.join(tmp, 'cluster'),
			startEmulator,
			log,
			ttl: arg('ttl', 25),
			lifetimes: arg('lifetimes', 4),
			callsPerSecond: arg('calls', 2),
			bursts: arg('bursts', 3),
			burstSize: arg('burst-size', 6),
			firstFetchCalls: arg('first-fetch', 4),
			workers: arg('workers', 2),
			concurrency: arg('concurrency', 5),
		});
		const outDir = path.join(ROOT, '.n8n-e2e');
		fs.mkdirSync(outDir, { recursive: true });
		fs.writeFileSync(path.join(outDir, 'queue-mode.json'), JSON.stringify(results, null, 2));
		console.log(JSON.stringify(results, null, 2));
	} finally {
		if (process.env.KEEP === 'true') log(`kept ${tmp}`);
		removeTmp();
	}
}

// Ctrl-C: exiting runs the exit hooks, which kill what is left (scripts/lib/queue-mode.js) and
// remove the work folder.
process.on('SIGINT', () => process.exit(130));

main().catch((e) => {
	console.error(e);
	process.exitCode = 1;
});
