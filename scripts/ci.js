'use strict';
// Helpers of .ci/run, which runs the steps themselves (npm ci, lint, npm test, npm run test:e2e):
//   node scripts/ci.js env
//     prints shell `export` lines that put Node >= 24 first on PATH (n8n 2.41 needs it),
//     installing Node 24 from the npm registry into the cache when the machine's Node is older;
//   node scripts/ci.js services
//     makes sure Debian's redis-server and postgresql are installed for the queue-mode e2e test
//     (apt-get, non-interactive, as root or through `sudo -n`; returns at once when they are);
//   node scripts/ci.js summary --lint=<exit> <name>:<exit>:<jest json> ...
//     sums the jest results into the one closing line "N passed, N failed" and exits non-zero
//     if anything failed. A lint failure, a jest run that wrote no results, one that exited
//     non-zero without a failed test, and one that ran no test each count as one failure.

const fs = require('fs');
const toolchain = require('./lib/toolchain');

function shellQuote(value) {
	return `'${String(value).replace(/'/g, `'\\''`)}'`;
}

function printEnv() {
	const node = toolchain.ensureNode24();
	const changed = Object.entries(node.env).filter(([key, value]) => process.env[key] !== value);
	for (const [key, value] of changed) process.stdout.write(`export ${key}=${shellQuote(value)}\n`);
	for (const key of Object.keys(process.env)) {
		if (!(key in node.env)) process.stdout.write(`unset ${key}\n`);
	}
	process.stderr.write(`Node for this run: ${node.version} (${node.bin})\n`);
}

function jestResults(file) {
	try {
		const results = JSON.parse(fs.readFileSync(file, 'utf8'));
		return {
			passed: results.numPassedTests || 0,
			failed: (results.numFailedTests || 0) + (results.numRuntimeErrorTestSuites || 0),
			total: results.numTotalTests || 0,
		};
	} catch {
		return null;
	}
}

function summarize(args) {
	let passed = 0;
	let failed = 0;
	const note = (message) => process.stdout.write(`${message}\n`);
	for (const arg of args) {
		const lint = /^--lint=(\d+)$/.exec(arg);
		if (lint) {
			if (lint[1] !== '0') {
				note('lint failed; counted as one failure');
				failed += 1;
			}
			continue;
		}
		const [name, exitCode, file] = arg.split(':');
		const results = jestResults(file);
		if (!results) {
			note(`${name}: jest wrote no results (${file}); counted as one failure`);
			failed += 1;
			continue;
		}
		passed += results.passed;
		failed += results.failed;
		if (exitCode !== '0' && results.failed === 0) {
			note(`${name}: jest exited ${exitCode} with no failed test; counted as one failure`);
			failed += 1;
		}
		if (results.total === 0) {
			note(`${name}: no test ran; counted as one failure`);
			failed += 1;
		}
	}
	process.stdout.write(`\n${passed} passed, ${failed} failed\n`);
	return failed === 0 ? 0 : 1;
}

const [command, ...rest] = process.argv.slice(2);
if (command === 'env') {
	printEnv();
} else if (command === 'services') {
	process.exitCode = require('./lib/queue-mode').ensureServices().ok ? 0 : 1;
} else if (command === 'summary') {
	process.exitCode = summarize(rest);
} else {
	process.stderr.write(
		'usage: node scripts/ci.js env | services | summary --lint=<exit> <name>:<exit>:<file> ...\n',
	);
	process.exitCode = 2;
}
