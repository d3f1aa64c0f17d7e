'use strict';
// Jest globalSetup for the e2e suite: a Node >= 24 and n8n in the cache, the pack built and
// `npm pack`ed (n8n loads exactly the published files), and a migrated n8n user folder template.
// What it prepared is written to .n8n-e2e/state.json for the test workers.

const fs = require('fs');
const path = require('path');
const toolchain = require('../../scripts/lib/toolchain');
const n8nLib = require('../../scripts/lib/n8n');
const { stateFile, workRoot } = require('./paths');

module.exports = async function globalSetup() {
	const root = path.resolve(__dirname, '..', '..');
	const t0 = Date.now();
	const n8n = toolchain.ensureN8n();
	const t1 = Date.now();
	fs.mkdirSync(workRoot, { recursive: true });
	if (process.env.E2E_SKIP_BUILD !== 'true') {
		toolchain.npm(n8n.node, ['run', 'build'], { cwd: root });
	}
	const t2 = Date.now();
	const pack = n8nLib.packPackage(root, path.join(workRoot, 'pack'), n8n.node);
	n8nLib.ensureTemplate(n8n);
	const t3 = Date.now();
	const state = {
		n8n: { version: n8n.version, dir: n8n.dir, bin: n8n.bin },
		node: { bin: n8n.node.bin, dir: n8n.node.dir, version: n8n.node.version },
		packageDir: pack.dir,
		packageFiles: pack.files,
		tarball: pack.tarball,
	};
	fs.writeFileSync(stateFile, JSON.stringify(state, null, 2));
	process.stderr.write(
		`\n[e2e] n8n ${n8n.version} on Node ${n8n.node.version} (${n8n.cached ? 'cached' : 'installed'} in ${((t1 - t0) / 1000).toFixed(1)}s), build ${((t2 - t1) / 1000).toFixed(1)}s, pack ${((t3 - t2) / 1000).toFixed(1)}s\n`,
	);
};
