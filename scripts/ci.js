'use strict';
// The CI run behind .ci/run: npm ci, npm run lint, npm test and npm run test:e2e, all with a
// Node >= 22.16 first on PATH (installed from the npm registry into the cache when needed).
// Sums the jest results of both suites into one closing line "N passed, N failed".

const fs = require('fs');
const path = require('path');
const { spawnSync } = require('child_process');
const toolchain = require('./lib/toolchain');

const root = path.resolve(__dirname, '..');
const resultsDir = path.join(root, '.n8n-e2e', 'ci');
const started = Date.now();
const steps = [];

function seconds(ms) {
	return `${(ms / 1000).toFixed(0)}s`;
}

function step(name, cmd, args, env) {
	process.stdout.write(`\n=== ${name}: ${cmd} ${args.join(' ')}\n`);
	const t = Date.now();
	const res = spawnSync(cmd, args, { cwd: root, env, stdio: ['ignore', 'inherit', 'inherit'] });
	const ok = res.status === 0;
	const ms = Date.now() - t;
	steps.push({ name, ok, ms, status: res.status });
	process.stdout.write(
		`=== ${name}: ${ok ? 'ok' : `FAILED (exit ${res.status}${res.error ? `, ${res.error.message}` : ''})`} in ${seconds(ms)}\n`,
	);
	return ok;
}

function jestResults(file) {
	try {
		const r = JSON.parse(fs.readFileSync(file, 'utf8'));
		return {
			passed: r.numPassedTests || 0,
			failed: (r.numFailedTests || 0) + (r.numRuntimeErrorTestSuites || 0),
			total: r.numTotalTests || 0,
		};
	} catch (_) {
		return null;
	}
}

function main() {
	fs.rmSync(resultsDir, { recursive: true, force: true });
	fs.mkdirSync(resultsDir, { recursive: true });

	let node;
	try {
		node = toolchain.ensureNode24();
	} catch (e) {
		process.stdout.write(`could not provide Node >= 22.16: ${e.message}\n0 passed, 1 failed\n`);
		return 1;
	}
	const env = { ...node.env, CI: process.env.CI || 'true' };
	process.stdout.write(`Node for this run: ${node.version} (${node.bin})\n`);

	let passed = 0;
	let failed = 0;

	if (!step('npm ci', 'npm', ['ci', '--no-audit', '--no-fund'], env)) {
		// A lock file npm ci rejects is a defect of the commit, not something to work around
		// here (after `npm install`, run scripts/complete-lockfile.js).
		process.stdout.write(`\n0 passed, 1 failed\n`);
		return 1;
	}
	if (!step('lint', 'npm', ['run', 'lint'], env)) failed += 1;

	const suites = [
		['unit tests', 'test', path.join(resultsDir, 'unit.json')],
		['e2e tests', 'test:e2e', path.join(resultsDir, 'e2e.json')],
	];
	for (const [name, script, file] of suites) {
		const ok = step(
			name,
			'npm',
			['run', script, '--', '--ci', '--json', `--outputFile=${file}`],
			env,
		);
		const r = jestResults(file);
		if (!r) {
			process.stdout.write(`${name}: jest wrote no results (${file}); counted as one failure\n`);
			failed += 1;
			continue;
		}
		passed += r.passed;
		failed += r.failed;
		if (!ok && r.failed === 0) {
			process.stdout.write(
				`${name}: jest exited non-zero with no failed test; counted as one failure\n`,
			);
			failed += 1;
		}
		if (r.total === 0) {
			process.stdout.write(`${name}: no test ran; counted as one failure\n`);
			failed += 1;
		}
	}

	process.stdout.write('\n=== timings\n');
	for (const s of steps)
		process.stdout.write(`${s.name.padEnd(12)} ${s.ok ? 'ok    ' : 'FAILED'} ${seconds(s.ms)}\n`);
	process.stdout.write(`${'total'.padEnd(12)}        ${seconds(Date.now() - started)}\n\n`);
	process.stdout.write(`${passed} passed, ${failed} failed\n`);
	return failed === 0 ? 0 : 1;
}

process.exitCode = main();
