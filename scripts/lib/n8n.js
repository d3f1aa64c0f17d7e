'use strict';
// Isolated n8n instances for the demo and the end-to-end tests: a user folder with the pack loaded
// under its real node type names, imports, headless executions and a server process.

const fs = require('fs');
const os = require('os');
const net = require('net');
const path = require('path');
const http = require('http');
const crypto = require('crypto');
const { spawn, spawnSync } = require('child_process');
const toolchain = require('./toolchain');

const PACKAGE_NAME = 'n8n-nodes-alteryx';
const TEMPLATE_KEY = 'n8n-nodes-alteryx-e2e-template-key';

// Environment that keeps n8n offline, quiet and deterministic.
function quietEnv() {
	return {
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_HIRING_BANNER_ENABLED: 'false',
		N8N_ONBOARDING_FLOW_DISABLED: 'true',
		N8N_COMMUNITY_PACKAGES_PREVENT_LOADING: 'false',
		N8N_UNVERIFIED_PACKAGES_ENABLED: 'true',
		N8N_VERIFIED_PACKAGES_ENABLED: 'false',
		N8N_DYNAMIC_BANNERS_ENABLED: 'false',
		N8N_PUBLIC_API_SWAGGERUI_DISABLED: 'true',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
		N8N_SECURE_COOKIE: 'false',
		N8N_LOG_FORMAT: 'json',
		N8N_LOG_LEVEL: 'info',
		N8N_LOG_OUTPUT: 'console',
		N8N_HIDE_USAGE_PAGE: 'true',
		N8N_AI_ENABLED: 'false',
		N8N_DISABLE_PRODUCTION_MAIN_PROCESS: 'false',
		N8N_GIT_NODE_DISABLE_BARE_REPOS: 'true',
		N8N_BLOCK_ENV_ACCESS_IN_NODE: 'false',
		N8N_SSRF_PROTECTION_ENABLED: 'false',
		EXTERNAL_FRONTEND_HOOKS_URLS: '',
		// The MCP server registry refreshes from n8n's servers at start; nothing else here goes out.
		N8N_DISABLED_MODULES: 'mcp-registry',
		DB_TYPE: 'sqlite',
		DB_SQLITE_POOL_SIZE: '2',
		GENERIC_TIMEZONE: 'UTC',
		TZ: 'UTC',
		NODE_ENV: 'production',
		DO_NOT_TRACK: '1',
	};
}

// The child's environment: the caller's, minus anything n8n-related that could leak in, plus ours.
function baseEnv(node) {
	const env = { ...node.env };
	for (const key of Object.keys(env)) {
		if (
			/^(N8N_|DB_|QUEUE_|EXECUTIONS_|WEBHOOK_URL|GENERIC_TIMEZONE|NODE_OPTIONS|NODE_PATH)/.test(key)
		)
			delete env[key];
	}
	return { ...env, ...quietEnv() };
}

async function freePort(preferred) {
	const tryPort = (port) =>
		new Promise((resolve) => {
			const srv = net.createServer();
			srv.unref();
			srv.once('error', () => resolve(null));
			srv.listen({ port, host: '127.0.0.1', exclusive: true }, () => {
				const p = srv.address().port;
				srv.close(() => resolve(p));
			});
		});
	if (preferred) {
		const p = await tryPort(preferred);
		if (p) return p;
	}
	for (;;) {
		const p = await tryPort(0);
		// n8n also binds the broker and a runner on nearby defaults; keep clear of 5678-5681.
		if (p && (p < 5678 || p > 5681)) return p;
	}
}

// `npm pack` the package folder into a temporary folder and unpack it: what n8n loads is then exactly
// what the `files` field publishes. Runtime dependencies, if any, are installed next to it.
// packPackage blocks; packPackageAsync does not (the demo's progress lines keep coming). Both run
// the same steps, given the blocking or the non-blocking way to run a command.
const PACK_ARGS = (outDir) => ['pack', '--json', '--ignore-scripts', '--pack-destination', outDir];
const INSTALL_DEPENDENCIES_ARGS = [
	'install',
	'--omit=dev',
	'--omit=peer',
	'--ignore-scripts',
	'--no-audit',
	'--no-fund',
	'--no-package-lock',
];

function* packSteps(packageDir, outDir) {
	fs.mkdirSync(outDir, { recursive: true });
	const res = yield { npm: PACK_ARGS(outDir), cwd: packageDir };
	const info = JSON.parse(res.stdout.slice(res.stdout.indexOf('[')))[0];
	const tarball = path.join(outDir, info.filename);
	const unpacked = path.join(outDir, 'package');
	fs.rmSync(unpacked, { recursive: true, force: true });
	yield { cmd: 'tar', args: ['-xzf', tarball, '-C', outDir] };
	const pkg = JSON.parse(fs.readFileSync(path.join(unpacked, 'package.json'), 'utf8'));
	if (pkg.dependencies && Object.keys(pkg.dependencies).length)
		yield { npm: INSTALL_DEPENDENCIES_ARGS, cwd: unpacked };
	return { tarball, dir: unpacked, files: info.files.map((f) => f.path), version: pkg.version };
}

function packPackage(packageDir, outDir, node) {
	node = node || toolchain.ensureNode24();
	const steps = packSteps(packageDir, outDir);
	for (let step = steps.next(); ; ) {
		if (step.done) return step.value;
		const s = step.value;
		step = steps.next(
			s.npm ? toolchain.npm(node, s.npm, { cwd: s.cwd }) : toolchain.run(s.cmd, s.args, {}),
		);
	}
}

async function packPackageAsync(packageDir, outDir, node) {
	node = node || toolchain.ensureNode24();
	const steps = packSteps(packageDir, outDir);
	for (let step = steps.next(); ; ) {
		if (step.done) return step.value;
		const s = step.value;
		step = steps.next(
			s.npm
				? await toolchain.npmAsync(node, s.npm, { cwd: s.cwd })
				: await toolchain.runAsync(s.cmd, s.args, {}),
		);
	}
}

// A migrated, empty user folder kept in the cache and copied for each instance (saves the ~2 s
// database migration per process).
function ensureTemplate(n8n) {
	const dir = path.join(n8n.dir, 'user-folder-template');
	const marker = path.join(dir, '.ready');
	if (fs.existsSync(marker)) return dir;
	const lock = toolchain.acquireLock(`${dir}.lock`);
	try {
		if (fs.existsSync(marker)) return dir;
		fs.rmSync(dir, { recursive: true, force: true });
		fs.mkdirSync(dir, { recursive: true });
		const env = {
			...baseEnv(n8n.node),
			N8N_USER_FOLDER: dir,
			N8N_ENCRYPTION_KEY: TEMPLATE_KEY,
			N8N_RUNNERS_BROKER_PORT: '0',
		};
		const res = spawnSync(n8n.node.bin, [n8n.bin, 'list:workflow'], {
			env,
			cwd: dir,
			encoding: 'utf8',
			timeout: 180000,
		});
		if (res.status !== 0 || !fs.existsSync(path.join(dir, '.n8n', 'database.sqlite'))) {
			throw new Error(
				`could not prepare the n8n template folder (exit ${res.status}):\n${res.stdout}\n${res.stderr}`,
			);
		}
		fs.writeFileSync(marker, new Date().toISOString());
		return dir;
	} finally {
		lock.release();
	}
}

// ensureTemplate without blocking the event loop: the demo's first run reports it as a phase.
async function ensureTemplateAsync(n8n) {
	const dir = path.join(n8n.dir, 'user-folder-template');
	const marker = path.join(dir, '.ready');
	if (fs.existsSync(marker)) return dir;
	const lock = await toolchain.acquireLockAsync(`${dir}.lock`);
	try {
		if (fs.existsSync(marker)) return dir;
		fs.rmSync(dir, { recursive: true, force: true });
		fs.mkdirSync(dir, { recursive: true });
		const env = {
			...baseEnv(n8n.node),
			N8N_USER_FOLDER: dir,
			N8N_ENCRYPTION_KEY: TEMPLATE_KEY,
			N8N_RUNNERS_BROKER_PORT: '0',
		};
		await toolchain
			.runAsync(n8n.node.bin, [n8n.bin, 'list:workflow'], { env, cwd: dir })
			.catch((error) => {
				throw new Error(`could not prepare the n8n template folder: ${error.message}`);
			});
		if (!fs.existsSync(path.join(dir, '.n8n', 'database.sqlite')))
			throw new Error('could not prepare the n8n template folder: no database.sqlite');
		fs.writeFileSync(marker, new Date().toISOString());
		return dir;
	} finally {
		lock.release();
	}
}

function copyDir(src, dst) {
	fs.cpSync(src, dst, { recursive: true, dereference: false });
}

// Parse n8n's JSON log lines from a stream's text: returns the objects, and non-JSON lines as text.
function parseLogLines(text) {
	const lines = [];
	for (const line of String(text).split('\n')) {
		const t = line.trim();
		if (!t) continue;
		if (t.startsWith('{')) {
			try {
				lines.push(JSON.parse(t));
				continue;
			} catch (_) {
				// fall through
			}
		}
		lines.push({ text: t });
	}
	return lines;
}

// The execution JSON printed by `n8n execute`: the log line whose message starts with '{'.
function extractExecution(stdout) {
	const lines = parseLogLines(stdout);
	for (let i = lines.length - 1; i >= 0; i--) {
		const msg = lines[i].message;
		if (typeof msg === 'string' && msg.trimStart().startsWith('{')) {
			try {
				return JSON.parse(msg);
			} catch (_) {
				// keep looking
			}
		}
	}
	// --rawOutput without JSON log format: the whole stdout from the first '{'.
	const start = String(stdout).indexOf('\n{');
	if (start >= 0) {
		try {
			return JSON.parse(String(stdout).slice(start + 1));
		} catch (_) {
			// no execution JSON
		}
	}
	return null;
}

// Items of each node's last run: { nodeName: [json...] }, and binaries.
function nodeOutputs(execution, nodeName, runIndex) {
	const runData =
		execution && execution.data && execution.data.resultData && execution.data.resultData.runData;
	if (!runData || !runData[nodeName]) return undefined;
	const runs = runData[nodeName];
	const run = runs[runIndex === undefined ? runs.length - 1 : runIndex];
	if (!run || !run.data || !run.data.main) return run && run.error ? { error: run.error } : [];
	return (run.data.main[0] || []).map((item) => item);
}

class N8nInstance {
	constructor(opts) {
		this.n8n = opts.n8n;
		this.node = opts.n8n.node;
		this.userFolder = opts.userFolder;
		this.encryptionKey = opts.encryptionKey;
		this.packageDir = opts.packageDir;
		this.extraEnv = opts.env || {};
		this.transcript = [];
		this.server = null;
		this.workDir = path.join(this.userFolder, 'work');
		fs.mkdirSync(this.workDir, { recursive: true });
		this.counter = 0;
	}

	async env(extra) {
		const brokerPort = await freePort();
		return {
			...baseEnv(this.node),
			N8N_USER_FOLDER: this.userFolder,
			N8N_ENCRYPTION_KEY: this.encryptionKey,
			N8N_RUNNERS_BROKER_PORT: String(brokerPort),
			N8N_LISTEN_ADDRESS: '127.0.0.1',
			N8N_HOST: '127.0.0.1',
			N8N_PORT: String(this.port || 5678),
			...this.extraEnv,
			...(extra || {}),
		};
	}

	// Run an n8n CLI command; resolves { code, stdout, stderr, lines }. Output is kept in the transcript
	// unless { record: false }.
	async run(args, opts) {
		opts = opts || {};
		const env = await this.env(opts.env);
		const started = Date.now();
		return new Promise((resolve, reject) => {
			const child = spawn(this.node.bin, [this.n8n.bin, ...args], {
				env,
				cwd: this.workDir,
				stdio: ['ignore', 'pipe', 'pipe'],
			});
			let stdout = '';
			let stderr = '';
			child.stdout.on('data', (d) => (stdout += d));
			child.stderr.on('data', (d) => (stderr += d));
			const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeout || 180000);
			child.on('error', (e) => {
				clearTimeout(timer);
				reject(e);
			});
			child.on('close', (code, signal) => {
				clearTimeout(timer);
				const result = { args, code, signal, stdout, stderr, ms: Date.now() - started };
				if (opts.record !== false) this.transcript.push(result);
				resolve(result);
			});
		});
	}

	async runOk(args, opts) {
		const res = await this.run(args, opts);
		if (res.code !== 0) {
			throw new Error(
				`n8n ${args.join(' ')} exited ${res.code}:\n${tail(res.stdout)}\n${tail(res.stderr)}`,
			);
		}
		return res;
	}

	writeJson(name, data) {
		const file = path.join(this.workDir, `${++this.counter}-${name}.json`);
		fs.writeFileSync(file, JSON.stringify(data, null, 2));
		return file;
	}

	// credentials: one object or an array of { id, name, type, data } with plain `data` (n8n encrypts it).
	async importCredentials(credentials) {
		const list = Array.isArray(credentials) ? credentials : [credentials];
		const file = this.writeJson('credentials', list);
		// The plain secret must not stay on disk longer than the import.
		try {
			return await this.runOk(['import:credentials', `--input=${file}`], { record: false });
		} finally {
			fs.rmSync(file, { force: true });
		}
	}

	async importWorkflow(workflow) {
		const list = Array.isArray(workflow) ? workflow : [workflow];
		for (const wf of list) {
			if (!wf.id) throw new Error(`workflow "${wf.name}" needs a fixed id to be executed by id`);
		}
		const file = this.writeJson('workflows', list);
		return this.runOk(['import:workflow', `--input=${file}`]);
	}

	async publishWorkflow(id) {
		return this.runOk(['publish:workflow', `--id=${id}`]);
	}

	// Credentials as n8n stores them, decrypted (kept out of the transcript: they hold the secret).
	async exportCredentials() {
		const file = path.join(this.workDir, `${++this.counter}-export-credentials.json`);
		await this.runOk(['export:credentials', '--all', '--decrypted', `--output=${file}`], {
			record: false,
		});
		try {
			return JSON.parse(fs.readFileSync(file, 'utf8'));
		} finally {
			fs.rmSync(file, { force: true });
		}
	}

	// `n8n execute --id=… --rawOutput`: { code, execution, error, stdout, stderr, output(node) }.
	async execute(id, opts) {
		const args = ['execute', `--id=${id}`, '--rawOutput'];
		let res = await this.run(args, opts);
		let execution = extractExecution(res.stdout);
		// n8n 2.41's CLI is now and then killed by a signal (SIGSEGV, SIGABRT on a busy 2-core
		// machine), mostly while it shuts down. Killed before it printed any execution, the run
		// tells nothing: it runs once more, and says so. A second crash is returned as it is.
		// (SIGKILL is this harness's own timeout: not run again.)
		if (res.signal && res.signal !== 'SIGKILL' && !execution) {
			process.stderr.write(
				`[n8n] execute --id=${id} was killed by ${res.signal} before it printed an execution; running it once more\n`,
			);
			res = { ...(await this.run(args, opts)), crashedBefore: res.signal };
			execution = extractExecution(res.stdout);
		}
		const resultData = execution && execution.data && execution.data.resultData;
		return {
			...res,
			execution,
			error: resultData ? resultData.error : undefined,
			lastNode: resultData ? resultData.lastNodeExecuted : undefined,
			output: (nodeName, runIndex) => nodeOutputs(execution, nodeName, runIndex),
			json: (nodeName, runIndex) =>
				(nodeOutputs(execution, nodeName, runIndex) || []).map((i) => i.json),
		};
	}

	// `n8n start` in the background; resolves when /healthz answers.
	async start(opts) {
		opts = opts || {};
		// A port of its own unless one is asked for (the demo): two e2e files that both preferred
		// 5678 could both find it free and then race n8n for it.
		this.port = await freePort(opts.port);
		const env = await this.env(opts.env);
		const url = `http://127.0.0.1:${this.port}`;
		const child = spawn(this.node.bin, [this.n8n.bin, 'start'], {
			env,
			cwd: this.workDir,
			stdio: ['ignore', 'pipe', 'pipe'],
			detached: true,
		});
		const logFile = opts.logFile || path.join(this.userFolder, 'n8n.log');
		const log = fs.createWriteStream(logFile, { flags: 'a' });
		const server = { child, url, port: this.port, logFile, stdout: '', stderr: '', exited: null };
		child.stdout.on('data', (d) => {
			server.stdout += d;
			log.write(d);
			if (opts.onOutput) opts.onOutput(String(d));
		});
		child.stderr.on('data', (d) => {
			server.stderr += d;
			log.write(d);
			if (opts.onOutput) opts.onOutput(String(d));
		});
		child.on('exit', (code, signal) => {
			server.exited = { code, signal };
			log.end();
		});
		this.server = server;
		const deadline = Date.now() + (opts.timeout || 120000);
		while (Date.now() < deadline) {
			if (server.exited)
				throw new Error(
					`n8n start exited (${JSON.stringify(server.exited)}):\n${tail(server.stdout)}\n${tail(server.stderr)}`,
				);
			const ok = await httpGet(`${url}/healthz/readiness`).then(
				(r) => r.status === 200,
				() => false,
			);
			if (ok) return server;
			await sleep(250);
		}
		await this.stop();
		throw new Error(
			`n8n did not become ready on ${url}:\n${tail(server.stdout)}\n${tail(server.stderr)}`,
		);
	}

	// Published workflows are activated in the background after the server is ready: wait until a
	// webhook path answers a CORS preflight (404 while it is not registered).
	async waitForWebhook(webhookPath, timeoutMs) {
		if (!this.server) throw new Error('n8n is not started');
		const url = `${this.server.url}/webhook/${webhookPath.replace(/^\//, '')}`;
		const deadline = Date.now() + (timeoutMs || 60000);
		let last;
		while (Date.now() < deadline) {
			last = await httpRequest('OPTIONS', url, undefined, {
				origin: this.server.url,
				'access-control-request-method': 'POST',
			}).catch((e) => ({ status: e.message }));
			if (last.status !== 404 && typeof last.status === 'number' && last.status < 500) return url;
			await sleep(250);
		}
		throw new Error(
			`webhook ${url} not registered after ${timeoutMs || 60000} ms (last answer ${last && last.status})`,
		);
	}

	async stop() {
		const server = this.server;
		if (!server) return;
		this.server = null;
		this.transcript.push({
			args: ['start'],
			code: server.exited && server.exited.code,
			stdout: server.stdout,
			stderr: server.stderr,
		});
		if (server.exited) return;
		const done = new Promise((resolve) => server.child.once('exit', resolve));
		killGroup(server.child, 'SIGTERM');
		const timer = setTimeout(() => killGroup(server.child, 'SIGKILL'), 15000);
		await done;
		clearTimeout(timer);
	}

	// Everything n8n printed so far (CLI runs and the server), for secret checks.
	allOutput() {
		const parts = this.transcript.map((r) => `${r.stdout || ''}\n${r.stderr || ''}`);
		if (this.server) parts.push(this.server.stdout, this.server.stderr);
		return parts.join('\n');
	}

	async dispose(opts) {
		await this.stop();
		if (!(opts && opts.keep)) fs.rmSync(this.userFolder, { recursive: true, force: true });
	}
}

function killGroup(child, signal) {
	try {
		process.kill(-child.pid, signal);
	} catch (_) {
		try {
			child.kill(signal);
		} catch (__) {
			// already gone
		}
	}
}

function tail(text, n) {
	return String(text || '')
		.split('\n')
		.slice(-(n || 30))
		.join('\n');
}

function sleep(ms) {
	return new Promise((r) => setTimeout(r, ms));
}

function httpGet(url, headers) {
	return httpRequest('GET', url, undefined, headers);
}

// Minimal HTTP client for n8n's REST API: resolves { status, headers, body, json, cookies }.
// timeoutMs: how long the socket may stay silent (30 s suits the REST API; a webhook that waits for
// a queue-mode execution passes more).
function httpRequest(method, url, body, headers, { timeoutMs = 30000 } = {}) {
	return new Promise((resolve, reject) => {
		const payload =
			body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
		const req = http.request(
			url,
			{
				method,
				headers: {
					...(payload !== undefined
						? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) }
						: {}),
					...(headers || {}),
				},
				timeout: timeoutMs,
			},
			(res) => {
				const chunks = [];
				res.on('data', (c) => chunks.push(c));
				res.on('end', () => {
					const text = Buffer.concat(chunks).toString('utf8');
					let json;
					try {
						json = JSON.parse(text);
					} catch (_) {
						json = undefined;
					}
					const cookies = (res.headers['set-cookie'] || []).map((c) => c.split(';')[0]);
					resolve({ status: res.statusCode, headers: res.headers, body: text, json, cookies });
				});
			},
		);
		req.on('timeout', () => req.destroy(new Error(`timeout: ${method} ${url}`)));
		req.on('error', reject);
		if (payload !== undefined) req.write(payload);
		req.end();
	});
}

// A new isolated user folder with the pack linked at .n8n/nodes/node_modules/n8n-nodes-alteryx.
// opts: { n8n (from ensureN8n), packageDir, userFolder?, link: 'symlink'|'copy', env? }
async function createInstance(opts) {
	const n8n = opts.n8n || toolchain.ensureN8n();
	const template = ensureTemplate(n8n);
	const userFolder =
		opts.userFolder || fs.mkdtempSync(path.join(opts.baseDir || os.tmpdir(), 'n8n-alteryx-'));
	fs.mkdirSync(userFolder, { recursive: true });
	copyDir(path.join(template, '.n8n'), path.join(userFolder, '.n8n'));
	if (opts.packageDir) linkPackage(userFolder, opts.packageDir, opts.link);
	return new N8nInstance({
		n8n,
		userFolder,
		encryptionKey: TEMPLATE_KEY,
		packageDir: opts.packageDir,
		env: opts.env,
	});
}

function linkPackage(userFolder, packageDir, mode) {
	const nodesDir = path.join(userFolder, '.n8n', 'nodes');
	const target = path.join(nodesDir, 'node_modules', PACKAGE_NAME);
	fs.mkdirSync(path.dirname(target), { recursive: true });
	fs.rmSync(target, { recursive: true, force: true });
	if (mode === 'copy') copyDir(packageDir, target);
	else fs.symlinkSync(path.resolve(packageDir), target, 'dir');
	const pkgFile = path.join(nodesDir, 'package.json');
	if (!fs.existsSync(pkgFile)) {
		fs.writeFileSync(
			pkgFile,
			JSON.stringify(
				{
					name: 'installed-nodes',
					private: true,
					dependencies: { [PACKAGE_NAME]: `file:${path.resolve(packageDir)}` },
				},
				null,
				2,
			),
		);
	}
	return target;
}

function randomId(len) {
	return crypto
		.randomBytes(16)
		.toString('hex')
		.slice(0, len || 16);
}

module.exports = {
	PACKAGE_NAME,
	N8nInstance,
	createInstance,
	ensureTemplate,
	ensureTemplateAsync,
	packPackage,
	packPackageAsync,
	killGroup,
	linkPackage,
	freePort,
	extractExecution,
	parseLogLines,
	httpRequest,
	httpGet,
	randomId,
	sleep,
	tail,
};
