#!/usr/bin/env node
'use strict';
// `npm run bench`: issue 10's measurements side by side in one real n8n.
//
//   node bench/run.js [--only concurrency,tokens,streaming,polling] [--out bench/RESULTS.md]
//
// Builds and packs the package as the e2e suite does (test/e2e/global-setup.js; BENCH_SKIP_BUILD=true
// reuses dist/), starts one n8n 2.41.1 (`n8n start`, the packed pack linked in) and the repo's
// Alteryx Server emulator, runs each measurement module in bench/ (see bench/README.md), prints
// the tables and writes bench/RESULTS.md. Everything started here is stopped at the end, also on
// Ctrl-C; the work folder is .bench/ (BENCH_KEEP=true keeps n8n's user folder there).

const fs = require('fs');
const os = require('os');
const path = require('path');
const { spawnSync } = require('child_process');

const ROOT = path.resolve(__dirname, '..');
// The e2e setup writes its build state under N8N_ALTERYX_E2E_DIR: a folder of our own, so an e2e
// run in the same checkout is not disturbed.
process.env.N8N_ALTERYX_E2E_DIR = process.env.N8N_ALTERYX_E2E_DIR || path.join(ROOT, '.bench');
if (process.env.BENCH_SKIP_BUILD === 'true') process.env.E2E_SKIP_BUILD = 'true';

const { renderMarkdown, renderText, notMeasured } = require('./lib/report');

/** The measurements, in the order they run; a module that is not there yet gets its rows marked. */
const MODULES = [
	{
		name: 'concurrency',
		title: 'Item loops: 200 GETs at 5 ms and 50 ms latency',
		pending: [
			{
				what: '200 GETs at 50 ms latency, default settings',
				goal: 'the pack at least as fast as the core HTTP Request node; within 1.5× of a keep-alive loop at the same concurrency',
			},
		],
	},
	{
		name: 'tokens',
		title: 'Token requests (counted at the emulator)',
		pending: [
			{
				what: '1, 100, 10,000 items, first use; 10 executions in a row',
				goal: 'one token exchange for any number of concurrent first requests',
			},
		],
	},
	{
		name: 'streaming',
		title: 'Files: RSS growth of the n8n process',
		pending: [
			{
				what: 'download 1 GiB into a binary property (filesystem mode)',
				goal: 'no more than the core node’s streamed download + 25 %',
			},
			{ what: 'upload 500 MiB multipart', goal: '< 150 MiB' },
		],
	},
	{
		name: 'polling',
		title: 'Run and Wait: polls and delay',
		pending: [
			{
				what: '6 s and 61 s jobs',
				goal: 'noticed within max(1 s, 10 % of the run time); at most job-seconds/2 + 4 polls',
			},
		],
	},
];

function arg(name) {
	const i = process.argv.indexOf(`--${name}`);
	return i === -1 ? undefined : process.argv[i + 1];
}

const started = Date.now();
const log = (message) =>
	console.log(`[bench ${((Date.now() - started) / 1000).toFixed(0).padStart(3)} s] ${message}`);

function gitDescription() {
	const head = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' });
	const dirty = spawnSync('git', ['status', '--porcelain', '--', 'nodes', 'credentials'], {
		cwd: ROOT,
		encoding: 'utf8',
	});
	if (head.status !== 0) return 'unknown';
	return `${head.stdout.trim()}${dirty.stdout.trim() ? ' with uncommitted changes to nodes/ or credentials/' : ''}`;
}

function machine() {
	const cpus = os.cpus();
	return {
		cpu: `${cpus.length} × ${cpus[0] ? cpus[0].model.trim() : 'unknown CPU'}`,
		memory: `${(os.totalmem() / 2 ** 30).toFixed(0)} GiB`,
		os: `${os.type()} ${os.release()}`,
		load: os
			.loadavg()
			.map((l) => l.toFixed(2))
			.join(', '),
	};
}

// The repo's prettier settings, so the generated file passes `prettier --check` (padded tables).
async function prettierMarkdown(text, file) {
	try {
		const prettier = require('prettier');
		const options = (await prettier.resolveConfig(file)) || {};
		return await prettier.format(text, { ...options, parser: 'markdown' });
	} catch (_) {
		return text;
	}
}

async function main() {
	const only = arg('only') ? arg('only').split(',') : null;
	const out = path.resolve(ROOT, arg('out') || path.join('bench', 'RESULTS.md'));
	const workDir = process.env.N8N_ALTERYX_E2E_DIR;
	fs.mkdirSync(workDir, { recursive: true });
	const startLoad = machine().load;

	log('build and pack (test/e2e/global-setup.js)');
	await require('../test/e2e/global-setup')();
	const { loadState } = require('../test/e2e/helpers');
	const install = loadState();

	const { createContext } = require('./lib/context');
	const context = await createContext({ install, workDir, log });
	let stopping = false;
	const stop = async () => {
		if (stopping) return;
		stopping = true;
		await context.close();
	};
	for (const signal of ['SIGINT', 'SIGTERM'])
		process.once(signal, () => stop().then(() => process.exit(130)));

	const sections = [];
	try {
		log(`n8n ${context.n8n.version} at ${context.n8n.url} (pid ${context.n8n.pid})`);
		for (const spec of MODULES) {
			if (only && !only.includes(spec.name)) continue;
			const file = path.join(__dirname, `${spec.name}.js`);
			const section = { name: spec.name, title: spec.title, rows: [], seconds: 0 };
			sections.push(section);
			if (!fs.existsSync(file)) {
				section.rows = notMeasured(spec.pending, `bench/${spec.name}.js is not there yet`);
				log(`${spec.name}: not measured yet (no bench/${spec.name}.js)`);
				continue;
			}
			const module = require(file);
			section.title = module.title || spec.title;
			section.columns = module.columns;
			context.emulator.reset();
			const t0 = Date.now();
			log(`${spec.name}: measuring`);
			try {
				section.rows = await module.measure(context);
			} catch (error) {
				section.rows = notMeasured(spec.pending, `failed: ${error.message.split('\n')[0]}`);
				section.error = error.stack || String(error);
				log(`${spec.name}: FAILED ${error.stack || error}`);
			}
			section.seconds = (Date.now() - t0) / 1000;
			log(`${spec.name}: ${section.seconds.toFixed(1)} s`);
			console.log(renderText(section));
		}
	} finally {
		log('stopping n8n and the emulators');
		await stop();
	}

	const report = {
		date: new Date().toISOString(),
		machine: { ...machine(), loadAtStart: startLoad },
		n8nVersion: install.n8n.version,
		nodeVersion: install.n8nInstall.node.version,
		commit: gitDescription(),
		seconds: (Date.now() - started) / 1000,
		sections,
	};
	if (!only || arg('out')) {
		fs.writeFileSync(out, await prettierMarkdown(renderMarkdown(report), out));
		log(`wrote ${path.relative(ROOT, out)}`);
	} else {
		log(`--only given: ${path.relative(ROOT, out)} left as it was`);
	}
	log(`done in ${report.seconds.toFixed(0)} s`);
	if (sections.some((s) => s.error)) process.exitCode = 1;
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
