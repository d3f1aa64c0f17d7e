'use strict';
// n8n in queue mode on this machine, for the e2e test (test/e2e/15-queue-mode.e2e.test.js) and
// scripts/measure-queue-mode.js:
//   - Debian's redis-server and postgresql: found (or installed with apt-get by
//     `node scripts/ci.js services`, which .ci/run calls), each started on a free loopback port in a
//     temporary folder of its own and stopped afterwards;
//   - one n8n main and N `n8n worker` processes on them, the packed pack linked into each;
//   - the scenario issue 9 asks about: webhook workflows (queue mode hands their executions to the
//     workers) that call the emulator through the product credential, steady load over several
//     token lifetimes and 401 bursts; counted from the emulators (token exchanges, 401s) and from a
//     Postgres trigger that records every write of a credential row (decrypted with the instance key).
// Plain CommonJS, Node builtins only.

const fs = require('fs');
const os = require('os');
const net = require('net');
const path = require('path');
const crypto = require('crypto');
const { spawn, spawnSync } = require('child_process');
const n8nLib = require('./n8n');

const CREDENTIAL_TYPE = 'alteryxServerOAuth2Api';
// How long a webhook call may wait for its answer: the main answers when a worker has finished the
// execution, and on a busy 2-core machine (main, 2 workers, Postgres, Redis, the emulators) one
// round trip once took more than 30 s. Every call's time is recorded (results.calls.slowest).
const WEBHOOK_ANSWER_TIMEOUT_MS = 120000;
const PACKAGES = { redis: 'redis-server', postgres: 'postgresql' };
const PG_TOOLS = ['initdb', 'pg_ctl', 'postgres', 'psql'];
const POLICY_RC = '/usr/sbin/policy-rc.d';

const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;

function executable(file) {
	try {
		fs.accessSync(file, fs.constants.X_OK);
		return fs.statSync(file).isFile();
	} catch {
		return false;
	}
}

function onPath(command) {
	for (const dir of (process.env.PATH || '').split(path.delimiter)) {
		if (dir && executable(path.join(dir, command))) return path.join(dir, command);
	}
	return null;
}

// Debian keeps the server tools in /usr/lib/postgresql/<major>/bin (only psql is on PATH): the
// newest major there, else wherever initdb is on PATH (other systems).
function findPgBin() {
	const hasTools = (dir) => PG_TOOLS.every((tool) => executable(path.join(dir, tool)));
	let majors = [];
	try {
		majors = fs.readdirSync('/usr/lib/postgresql');
	} catch {
		// not Debian's layout
	}
	const dirs = majors
		.sort((a, b) => parseFloat(b) - parseFloat(a))
		.map((major) => path.join('/usr/lib/postgresql', major, 'bin'))
		.filter(hasTools);
	if (dirs.length) return dirs[0];
	const initdb = onPath('initdb');
	return initdb && hasTools(path.dirname(initdb)) ? path.dirname(initdb) : null;
}

function findRedis() {
	return (
		onPath('redis-server') || ['/usr/bin/redis-server', '/usr/sbin/redis-server'].find(executable)
	);
}

// { redisServer, pgBin, missing: [Debian package names] }
function findServices() {
	const redisServer = findRedis() || null;
	const pgBin = findPgBin();
	const missing = [];
	if (!redisServer) missing.push(PACKAGES.redis);
	if (!pgBin) missing.push(PACKAGES.postgres);
	return { redisServer, pgBin, missing };
}

// Installs what findServices misses with apt-get (non-interactive; as root, else through `sudo -n`).
// Already installed: returns at once. Returns { ok, message }.
function ensureServices(log) {
	log = log || ((message) => process.stderr.write(`[services] ${message}\n`));
	const before = findServices();
	if (!before.missing.length) {
		const message = `redis-server ${before.redisServer}, postgres ${before.pgBin}: installed`;
		log(message);
		return { ok: true, message };
	}
	const fail = (why) => {
		const message = `cannot install ${before.missing.join(' ')} (needed by the queue-mode e2e test): ${why}`;
		log(message);
		return { ok: false, message };
	};
	if (!onPath('apt-get'))
		return fail(
			'no apt-get on this machine; install Redis and PostgreSQL (initdb, pg_ctl, psql) yourself',
		);
	let prefix = [];
	if (!isRoot()) {
		if (!onPath('sudo'))
			return fail(
				`not root and no sudo: run \`apt-get install ${before.missing.join(' ')}\` as root`,
			);
		prefix = ['sudo', '-n'];
	}
	const run = (args, options) => {
		const argv = [...prefix, ...args];
		log(argv.join(' '));
		const res = spawnSync(argv[0], argv.slice(1), {
			stdio: ['ignore', 'inherit', 'inherit'],
			timeout: 15 * 60 * 1000,
			...(options || {}),
		});
		return res.status === 0;
	};
	// The packages' maintainer scripts would start system-wide services on the default ports (5432,
	// 6379); the tests start their own. A policy-rc.d that answers 101 keeps them from starting
	// (Docker images ship one already); ours is removed afterwards.
	let ownPolicy = false;
	if (!fs.existsSync(POLICY_RC)) {
		ownPolicy = run([
			'sh',
			'-c',
			`printf '#!/bin/sh\\nexit 101\\n' > ${POLICY_RC} && chmod 755 ${POLICY_RC}`,
		]);
	}
	const apt = [
		'env',
		'DEBIAN_FRONTEND=noninteractive',
		'apt-get',
		'-q',
		'-o',
		'DPkg::Lock::Timeout=300',
	];
	let installed;
	try {
		installed =
			run([...apt, 'update']) &&
			run([
				...apt,
				'-o',
				'Dpkg::Options::=--force-confdef',
				'-o',
				'Dpkg::Options::=--force-confold',
				'install',
				'-y',
				'--no-install-recommends',
				...before.missing,
			]);
	} finally {
		if (ownPolicy) run(['rm', '-f', POLICY_RC]);
	}
	const after = findServices();
	if (after.missing.length)
		return fail(
			installed
				? `apt-get installed them, but ${after.missing.join(' ')} still cannot be found`
				: `apt-get failed${prefix.length ? ' (sudo -n: is a password needed?)' : ''}`,
		);
	const message = `installed ${before.missing.join(' ')}: redis-server ${after.redisServer}, postgres ${after.pgBin}`;
	log(message);
	return { ok: true, message };
}

function servicesOrThrow() {
	const found = findServices();
	if (found.missing.length)
		throw new Error(
			`queue mode needs ${found.missing.join(' and ')} (Debian packages). .ci/run installs them (node scripts/ci.js services); ` +
				'on a machine without them, set E2E_QUEUE_MODE=false to leave test/e2e/15-queue-mode out.',
		);
	return found;
}

// ---- processes ---------------------------------------------------------------------------------

// Stop actions, run last-in first-out; a process exit (a crashed jest worker, Ctrl-C) still kills
// what is left.
class Cleanup {
	constructor() {
		this.steps = [];
		this.onExit = () => {
			for (const step of this.steps.splice(0).reverse()) {
				try {
					if (step.sync) step.sync();
				} catch {
					// best effort
				}
			}
		};
		process.on('exit', this.onExit);
	}

	add(fn, sync) {
		this.steps.push({ fn, sync });
	}

	async run() {
		const errors = [];
		while (this.steps.length) {
			const step = this.steps.pop();
			try {
				await step.fn();
			} catch (e) {
				errors.push(e.message);
			}
		}
		process.removeListener('exit', this.onExit);
		return errors;
	}
}

function killGroup(child, signal) {
	try {
		process.kill(-child.pid, signal);
	} catch {
		try {
			child.kill(signal);
		} catch {
			// gone
		}
	}
}

function stopChild(child) {
	return new Promise((resolve) => {
		if (child.exitCode !== null || child.signalCode !== null) return resolve();
		const timer = setTimeout(() => killGroup(child, 'SIGKILL'), 15000);
		child.once('exit', () => {
			clearTimeout(timer);
			resolve();
		});
		killGroup(child, 'SIGTERM');
	});
}

// A child in its own process group whose output goes to a log file and (the first 2 MB) to memory.
function spawnLogged(cmd, args, options, logFile, cleanup) {
	const child = spawn(cmd, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
	const out = fs.createWriteStream(logFile);
	let text = '';
	const onData = (d) => {
		out.write(d);
		if (text.length < 2e6) text += d;
	};
	child.stdout.on('data', onData);
	child.stderr.on('data', onData);
	child.on('exit', () => out.end());
	cleanup.add(
		() => stopChild(child),
		() => killGroup(child, 'SIGKILL'),
	);
	return { child, logFile, output: () => text };
}

function runAsync(cmd, args, options) {
	return new Promise((resolve, reject) => {
		const child = spawn(cmd, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (d) => (stdout += d));
		child.stderr.on('data', (d) => (stderr += d));
		const timer = setTimeout(() => child.kill('SIGKILL'), (options && options.timeout) || 120000);
		child.on('error', reject);
		child.on('close', (code) => {
			clearTimeout(timer);
			if (code === 0) resolve(stdout);
			else
				reject(
					new Error(`${path.basename(cmd)} ${args.join(' ')} exited ${code}:\n${stdout}${stderr}`),
				);
		});
	});
}

// Postgres in a folder of its own, on a free loopback port. It refuses to run as root: as root, the
// server tools run as the `postgres` user (Debian's package creates it) through runuser.
async function startPostgres({ pgBin, cleanup }) {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-alteryx-pg-'));
	cleanup.add(
		() => fs.rmSync(dir, { recursive: true, force: true }),
		() => fs.rmSync(dir, { recursive: true, force: true }),
	);
	let argv = (tool, args) => [path.join(pgBin, tool), ...args];
	if (isRoot()) {
		const id = (flag) => spawnSync('id', [flag, 'postgres'], { encoding: 'utf8' });
		const uid = id('-u');
		if (uid.status !== 0)
			throw new Error('running as root, but there is no `postgres` user to run Postgres as');
		fs.chownSync(dir, Number(uid.stdout.trim()), Number(id('-g').stdout.trim()));
		argv = (tool, args) => ['runuser', '-u', 'postgres', '--', path.join(pgBin, tool), ...args];
	}
	const tool = (name, args, timeout) => {
		const [cmd, ...rest] = argv(name, args);
		return runAsync(cmd, rest, { cwd: dir, timeout });
	};
	const data = path.join(dir, 'data');
	const logFile = path.join(dir, 'postgres.log');
	const port = await n8nLib.freePort();
	await tool('initdb', [
		'-D',
		data,
		'-A',
		'trust',
		'-U',
		'postgres',
		'-E',
		'UTF8',
		'--locale=C',
		'--no-sync',
	]);
	const options = [
		`-p ${port}`,
		`-k ${dir}`,
		'-c listen_addresses=127.0.0.1',
		'-c fsync=off',
		'-c synchronous_commit=off',
		'-c full_page_writes=off',
	].join(' ');
	await tool(
		'pg_ctl',
		['-D', data, '-l', logFile, '-o', options, '-w', '-t', '120', 'start'],
		150000,
	);
	const stop = (mode) => argv('pg_ctl', ['-D', data, '-m', mode, '-w', 'stop']);
	cleanup.add(
		() => runAsync(stop('fast')[0], stop('fast').slice(1), { timeout: 60000 }),
		() => spawnSync(stop('immediate')[0], stop('immediate').slice(1), { timeout: 30000 }),
	);
	const psql = (db, sql) =>
		runAsync(
			path.join(pgBin, 'psql'),
			[
				'-h',
				'127.0.0.1',
				'-p',
				String(port),
				'-U',
				'postgres',
				'-d',
				db,
				'-At',
				'-F',
				'\t',
				'-v',
				'ON_ERROR_STOP=1',
				'-c',
				sql,
			],
			{ timeout: 60000 },
		);
	await psql('postgres', 'create database n8n');
	return { port, psql: (sql) => psql('n8n', sql), logFile };
}

function redisPing(port) {
	return new Promise((resolve) => {
		const socket = net.connect({ host: '127.0.0.1', port });
		let answer = '';
		socket.setTimeout(1000, () => socket.destroy());
		socket.on('connect', () => socket.write('PING\r\n'));
		socket.on('data', (d) => {
			answer += d;
			if (answer.includes('\r\n')) socket.end();
		});
		socket.on('error', () => resolve(false));
		socket.on('close', () => resolve(answer.startsWith('+PONG')));
	});
}

async function startRedis({ redisServer, dir, cleanup }) {
	const port = await n8nLib.freePort();
	const args = [
		'--port',
		String(port),
		'--bind',
		'127.0.0.1',
		'--save',
		'',
		'--appendonly',
		'no',
		'--dir',
		dir,
	];
	const redis = spawnLogged(redisServer, args, { cwd: dir }, path.join(dir, 'redis.log'), cleanup);
	const deadline = Date.now() + 30000;
	while (!(await redisPing(port))) {
		if (redis.child.exitCode !== null || Date.now() > deadline)
			throw new Error(
				`redis-server did not answer on 127.0.0.1:${port}:\n${n8nLib.tail(redis.output())}`,
			);
		await n8nLib.sleep(100);
	}
	return { port };
}

// `n8n worker`; resolves once it says it is ready.
async function startWorker(instance, { concurrency, logFile, cleanup, timeout }) {
	const env = await instance.env();
	const worker = spawnLogged(
		instance.node.bin,
		[instance.n8n.bin, 'worker', `--concurrency=${concurrency}`],
		{ env, cwd: instance.workDir },
		logFile,
		cleanup,
	);
	const deadline = Date.now() + (timeout || 180000);
	while (!/worker is now ready/.test(worker.output())) {
		if (worker.child.exitCode !== null || Date.now() > deadline)
			throw new Error(`n8n worker did not become ready:\n${n8nLib.tail(worker.output())}`);
		await n8nLib.sleep(250);
	}
	return worker;
}

// ---- credential rows ---------------------------------------------------------------------------

// n8n's credential cipher (CryptoJS/OpenSSL "Salted__": EVP_BytesToKey with MD5, AES-256-CBC).
function decrypt(data, key) {
	const input = Buffer.from(data, 'base64');
	if (input.subarray(0, 8).toString() !== 'Salted__')
		throw new Error('not a "Salted__" cipher text');
	const salt = input.subarray(8, 16);
	let derived = Buffer.alloc(0);
	let block = Buffer.alloc(0);
	while (derived.length < 48) {
		block = crypto
			.createHash('md5')
			.update(Buffer.concat([block, Buffer.from(key), salt]))
			.digest();
		derived = Buffer.concat([derived, block]);
	}
	const decipher = crypto.createDecipheriv(
		'aes-256-cbc',
		derived.subarray(0, 32),
		derived.subarray(32, 48),
	);
	return Buffer.concat([decipher.update(input.subarray(16)), decipher.final()]).toString('utf8');
}

// Every insert or update of a credential row, in commit order: polling would miss a token that is
// overwritten within the polling interval.
const CREDENTIAL_WRITES_TRIGGER = `
create table credential_writes (seq serial primary key, id text, data text, at timestamptz default clock_timestamp());
create function log_credential_write() returns trigger language plpgsql as $$
begin insert into credential_writes (id, data) values (new.id, new.data); return new; end $$;
create trigger credential_writes after insert or update on credentials_entity
for each row execute function log_credential_write();`;

// [{ id, accessToken, at }] in write order; accessToken is n8n's stored oauthTokenData.access_token.
async function credentialWrites(pg, encryptionKey) {
	const rows = (
		await pg.psql(
			'select id, data, extract(epoch from at) * 1000 from credential_writes order by seq',
		)
	)
		.split('\n')
		.filter(Boolean);
	return rows.map((row) => {
		const [id, data, at] = row.split('\t');
		const plain = JSON.parse(decrypt(data, encryptionKey));
		return {
			id,
			accessToken: (plain.oauthTokenData && plain.oauthTokenData.access_token) || null,
			at: Number(at),
		};
	});
}

// ---- the cluster -------------------------------------------------------------------------------

// Postgres, Redis, n8n main + `workers` workers (each its own user folder under workDir with the
// package linked), the credentials and workflows imported and published, the write trigger
// installed. Returns { main, server, workers, pg, redis, encryptionKey, webhookUrl(path), stop() }.
async function startQueueCluster(opts) {
	const { n8n, packageDir, workDir, credentials, workflows, log } = opts;
	const services = servicesOrThrow();
	const cleanup = new Cleanup();
	try {
		fs.mkdirSync(workDir, { recursive: true });
		const [pg, redis] = await Promise.all([
			startPostgres({ pgBin: services.pgBin, cleanup }),
			startRedis({ redisServer: services.redisServer, dir: workDir, cleanup }),
		]);
		log(`postgres 127.0.0.1:${pg.port}, redis 127.0.0.1:${redis.port}`);
		const env = {
			EXECUTIONS_MODE: 'queue',
			DB_TYPE: 'postgresdb',
			DB_POSTGRESDB_HOST: '127.0.0.1',
			DB_POSTGRESDB_PORT: String(pg.port),
			DB_POSTGRESDB_DATABASE: 'n8n',
			DB_POSTGRESDB_USER: 'postgres',
			DB_POSTGRESDB_PASSWORD: '',
			QUEUE_BULL_REDIS_HOST: '127.0.0.1',
			QUEUE_BULL_REDIS_PORT: String(redis.port),
			// Postgres 15 works; n8n only warns that it wants 16 or later.
			N8N_LOG_LEVEL: 'info',
			...opts.env,
		};
		const names = [
			'main',
			...Array.from({ length: opts.workers || 2 }, (_, i) => `worker${i + 1}`),
		];
		const instances = [];
		for (const name of names)
			instances.push(
				await n8nLib.createInstance({ n8n, packageDir, userFolder: path.join(workDir, name), env }),
			);
		const [main, ...workerInstances] = instances;
		log('importing credentials and workflows (the first command migrates Postgres)');
		await main.importCredentials(credentials);
		await main.importWorkflow(workflows);
		for (const wf of workflows) await main.publishWorkflow(wf.id);
		await pg.psql(CREDENTIAL_WRITES_TRIGGER);
		log(`starting main and ${workerInstances.length} workers`);
		cleanup.add(
			() => main.stop(),
			() => main.server && killGroup(main.server.child, 'SIGKILL'),
		);
		const [server, ...workers] = await Promise.all([
			main.start({ timeout: 240000 }),
			...workerInstances.map((w, i) =>
				startWorker(w, {
					concurrency: opts.concurrency || 5,
					logFile: path.join(workDir, `worker${i + 1}.log`),
					cleanup,
					timeout: 240000,
				}),
			),
		]);
		const urls = {};
		for (const wf of workflows) {
			const hook = wf.nodes.find((n) => n.type === 'n8n-nodes-base.webhook');
			if (hook)
				urls[hook.parameters.path] = await main.waitForWebhook(hook.parameters.path, 120000);
		}
		log('all up');
		return {
			main,
			server,
			workers,
			pg,
			redis,
			encryptionKey: main.encryptionKey,
			webhookUrl: (hookPath) => urls[hookPath],
			stop: () => cleanup.run(),
		};
	} catch (e) {
		await cleanup.run();
		throw e;
	}
}

// ---- workflows ---------------------------------------------------------------------------------

// A webhook workflow answering with its last node's first item (responseMode lastNode), so a call
// fails when the execution on the worker fails.
function webhookWorkflow(id, hookPath, node) {
	return {
		id,
		name: id,
		active: false,
		settings: { executionOrder: 'v1' },
		pinData: {},
		nodes: [
			{
				id: crypto.randomUUID(),
				name: 'Webhook',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				webhookId: crypto.randomUUID(),
				position: [0, 0],
				parameters: { path: hookPath, httpMethod: 'POST', responseMode: 'lastNode', options: {} },
			},
			{ id: crypto.randomUUID(), position: [220, 0], ...node },
		],
		connections: { Webhook: { main: [[{ node: node.name, type: 'main', index: 0 }]] } },
	};
}

// The two ways a workflow reaches Alteryx with the product credential.
const ROUTES = {
	httpRequest: (cred, webApiUrl) => ({
		name: 'GET v3/workflows',
		type: 'n8n-nodes-base.httpRequest',
		typeVersion: 4.2,
		parameters: {
			method: 'GET',
			url: `${webApiUrl}v3/workflows`,
			authentication: 'predefinedCredentialType',
			nodeCredentialType: CREDENTIAL_TYPE,
			options: {},
		},
		credentials: { [CREDENTIAL_TYPE]: { id: cred.id, name: cred.name } },
	}),
	serverNode: (cred) => ({
		name: 'Workflow getAll',
		type: 'n8n-nodes-alteryx.alteryxServer',
		typeVersion: 1,
		parameters: { resource: 'workflow', operation: 'getAll', returnAll: true },
		credentials: { [CREDENTIAL_TYPE]: { id: cred.id, name: cred.name } },
	}),
};

// ---- counting ----------------------------------------------------------------------------------

// Every token the emulator issues, with when it was issued and until when it was valid (its
// lifetime, or an expireAllTokens() before that), on the emulator's own clock.
function trackTokens(emulator) {
	const issued = [];
	const expiries = [];
	const store = emulator.tokens;
	const issue = store.issue.bind(store);
	store.issue = (userId, ttlSeconds, now) => {
		const token = issue(userId, ttlSeconds, now);
		issued.push({ token, at: now, expiresAt: now + ttlSeconds * 1000 });
		return token;
	};
	const expireAll = emulator.expireAllTokens.bind(emulator);
	emulator.expireAllTokens = () => {
		expiries.push(Date.now());
		return expireAll();
	};
	const validUntil = (t) => Math.min(t.expiresAt, ...expiries.filter((x) => x >= t.at));
	return {
		issued,
		indexOf: (token) => issued.findIndex((t) => t.token === token),
		in: (from, to) => issued.filter((t) => t.at >= from && t.at < to),
		// Exchanges made while the token issued before it was still valid: redundant ones.
		whilePreviousValid: (from, to) =>
			issued.filter(
				(t, i) => i > 0 && t.at >= from && t.at < to && t.at < validUntil(issued[i - 1]),
			),
	};
}

// Indices (issue order) of the tokens written to one credential row; how often a write went back
// to a token issued before the one already stored.
function writeOrder(writes, credentialId, tracker) {
	const indices = writes
		.filter((w) => w.id === credentialId && w.accessToken)
		.map((w) => tracker.indexOf(w.accessToken));
	let newest = -1;
	let wentBack = 0;
	for (const i of indices) {
		if (i >= 0 && i < newest) wentBack++;
		newest = Math.max(newest, i);
	}
	return {
		indices,
		wentBack,
		unknown: indices.filter((i) => i < 0).length,
		neverWritten: tracker.issued.map((_, i) => i).filter((i) => !indices.includes(i)),
	};
}

// The executions a worker started, from its log: [{ at (ms), executionId }].
function workerExecutions(worker) {
	return n8nLib
		.parseLogLines(fs.readFileSync(worker.logFile, 'utf8'))
		.filter(
			(l) => typeof l.message === 'string' && l.message.startsWith('Worker started execution'),
		)
		.map((l) => ({
			at: Date.parse((l.metadata && l.metadata.timestamp) || l.timestamp),
			executionId: String((l.metadata && l.metadata.executionId) || l.message.split(' ')[3]),
		}));
}

const workerStarts = (worker) => workerExecutions(worker).map((e) => e.at);

// Where an API secret shows up in the cluster's logs or in the executions stored in Postgres (plain,
// base64, URL-encoded, or inside the Basic header of the token request).
async function secretLeaks(workDir, pg, keys) {
	const logs = [];
	const walk = (dir) => {
		for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
			const file = path.join(dir, entry.name);
			if (entry.isDirectory() && !entry.isSymbolicLink()) walk(file);
			else if (entry.isFile() && entry.name.endsWith('.log')) logs.push(file);
		}
	};
	walk(workDir);
	const places = logs.map((file) => [path.relative(workDir, file), fs.readFileSync(file, 'utf8')]);
	places.push(['execution_data', await pg.psql('select data from execution_data')]);
	const leaks = [];
	for (const { clientId, clientSecret } of keys) {
		const forms = [
			clientSecret,
			Buffer.from(clientSecret).toString('base64'),
			encodeURIComponent(clientSecret),
			Buffer.from(`${clientId}:${clientSecret}`).toString('base64'),
		];
		for (const [place, text] of places)
			if (forms.some((form) => text.includes(form))) leaks.push(place);
	}
	return [...new Set(leaks)];
}

// ---- the scenario ------------------------------------------------------------------------------

/**
 * Issue 9's queue-mode scenario for the product credential, through the core HTTP Request node and
 * the pack's Alteryx Server node (one credential and one emulator each, so each is counted alone).
 * opts: { n8n, packageDir, workDir, ttl (s), lifetimes, callsPerSecond, bursts, burstSize,
 *         firstFetchCalls (0 = skip), workers, concurrency, log, startEmulator }
 * Phases, per route:
 *   firstFetch — a second credential with no token: firstFetchCalls concurrent calls (reported only:
 *                n8n fetches a missing token outside its lease);
 *   warm-up    — ONE call, so exactly one token is stored before the load starts;
 *   steady     — callsPerSecond concurrent calls every second for `lifetimes` token lifetimes;
 *   bursts     — `bursts` times: every token expired on the emulator, then burstSize concurrent
 *                calls, so the workers meet 401s at the same moment. The lifetime is raised first,
 *                so a burst's only renewal is the one its 401s cause.
 * Stops everything before it returns (or throws). Returns the counts (see the end).
 */
async function runQueueScenario(opts) {
	const log = opts.log || (() => {});
	const ttl = opts.ttl;
	const routes = Object.keys(ROUTES);
	const setup = {};
	const credentials = [];
	const workflows = [];
	for (const route of routes) {
		for (const kind of ['steady', 'first']) {
			if (kind === 'first' && !opts.firstFetchCalls) continue;
			const emulator = await opts.startEmulator({
				host: '127.0.0.1',
				port: 0,
				tokenTtlSeconds: ttl,
			});
			const tracker = trackTokens(emulator);
			const cred = { id: `queue${route}${kind}`, name: `Alteryx queue mode (${route}, ${kind})` };
			credentials.push({ ...cred, type: CREDENTIAL_TYPE, data: emulator.credentialData() });
			const hook = `queue-${route}-${kind}`.toLowerCase();
			workflows.push(
				webhookWorkflow(`${cred.id}Wf`, hook, ROUTES[route](cred, emulator.webApiUrl)),
			);
			setup[`${route}.${kind}`] = { route, kind, emulator, tracker, cred, hook };
		}
	}
	const emulators = Object.values(setup).map((s) => s.emulator);
	const seededIds = new Set([...emulators[0].state.workflows.keys()]);

	let cluster;
	const calls = [];
	const results = { ttlSeconds: ttl, routes: {}, phases: [] };
	try {
		cluster = await startQueueCluster({
			n8n: opts.n8n,
			packageDir: opts.packageDir,
			workDir: opts.workDir,
			workers: opts.workers,
			concurrency: opts.concurrency,
			credentials,
			workflows,
			log,
		});
		const call = (s, phase) => {
			const started = Date.now();
			const record = { route: s.route, kind: s.kind, phase, at: new Date(started).toISOString() };
			calls.push(record);
			return n8nLib
				.httpRequest('POST', cluster.webhookUrl(s.hook), {}, undefined, {
					timeoutMs: WEBHOOK_ANSWER_TIMEOUT_MS,
				})
				.then(
					(r) => {
						record.status = r.status;
						// The last node's first item: one of the seeded Alteryx workflows.
						record.ok = r.status === 200 && !!r.json && seededIds.has(r.json.id);
						if (!record.ok) record.body = String(r.body).slice(0, 300);
						record.ms = Date.now() - started;
					},
					(e) => {
						record.ok = false;
						record.body = e.message;
						record.ms = Date.now() - started;
					},
				);
		};
		const phase = async (name, fn) => {
			const from = Date.now();
			await fn();
			results.phases.push({ name, from, to: Date.now() });
			log(`${name}: ${((Date.now() - from) / 1000).toFixed(1)} s`);
		};
		const steady = routes.map((r) => setup[`${r}.steady`]);

		if (opts.firstFetchCalls) {
			await phase('firstFetch', () =>
				Promise.all(
					routes.flatMap((r) =>
						Array.from({ length: opts.firstFetchCalls }, () =>
							call(setup[`${r}.first`], 'firstFetch'),
						),
					),
				),
			);
		}
		// ONE execution per credential first: n8n fetches a missing token outside its lease, so
		// concurrent first uses may exchange more than once. With one token stored, every later
		// renewal goes through refreshOrFetchToken's lease, which the steady phase is about.
		await phase('warmUp', () => Promise.all(steady.map((s) => call(s, 'warmUp'))));
		await phase('steady', async () => {
			const pending = [];
			const end = Date.now() + opts.lifetimes * ttl * 1000;
			while (Date.now() < end) {
				for (const s of steady)
					for (let i = 0; i < opts.callsPerSecond; i++) pending.push(call(s, 'steady'));
				await n8nLib.sleep(1000);
			}
			await Promise.all(pending);
		});
		for (const e of emulators) e.configure({ tokenTtlSeconds: 3600 });
		for (let b = 1; b <= opts.bursts; b++) {
			await phase(`burst${b}`, async () => {
				for (const s of steady) s.emulator.expireAllTokens();
				await Promise.all(
					steady.flatMap((s) => Array.from({ length: opts.burstSize }, () => call(s, `burst${b}`))),
				);
			});
			await n8nLib.sleep(500);
		}

		const writes = await credentialWrites(cluster.pg, cluster.encryptionKey);
		const executions = (
			await cluster.pg.psql(
				'select status, count(*) from execution_entity group by status order by status',
			)
		)
			.split('\n')
			.filter(Boolean)
			.map((l) => l.split('\t'));
		results.executions = Object.fromEntries(executions.map(([s, n]) => [s, Number(n)]));
		// The longest executions, split into time in the queue and time on a worker: beside the
		// slowest webhook calls, this tells a slow execution from a slow hand-off.
		results.longestExecutions = (
			await cluster.pg.psql(
				`select id, status, round(extract(epoch from ("startedAt" - "createdAt")) * 1000),
				 round(extract(epoch from ("stoppedAt" - "startedAt")) * 1000), "createdAt"
				 from execution_entity order by coalesce("stoppedAt", now()) - "createdAt" desc limit 5`,
			)
		)
			.split('\n')
			.filter(Boolean)
			.map((l) => {
				const [id, status, queuedMs, ranMs, created] = l.split('\t');
				return `${id} ${status}: queued ${queuedMs} ms, ran ${ranMs || '?'} ms, created ${created}`;
			});
		const starts = cluster.workers.map(workerStarts);
		results.workerExecutions = starts.map((list) =>
			Object.fromEntries(
				results.phases.map((p) => [p.name, list.filter((t) => t >= p.from && t <= p.to).length]),
			),
		);
		results.calls = {
			sent: calls.length,
			failed: calls.filter((c) => !c.ok).length,
			failures: calls.filter((c) => !c.ok).slice(0, 5),
			// Webhook round trips (main → Redis → worker → main), to tell a slow call from a lost one.
			slowest: [...calls].sort((a, b) => (b.ms || 0) - (a.ms || 0)).slice(0, 5),
		};
		const byName = Object.fromEntries(results.phases.map((p) => [p.name, p]));
		for (const route of routes) {
			const s = setup[`${route}.steady`];
			const inPhase = (p) => {
				const reqs = s.emulator.requests.filter((r) => {
					const t = Date.parse(r.time);
					return t >= p.from && t <= p.to;
				});
				const api = reqs.filter((r) => !r.path.endsWith('/oauth2/token'));
				return {
					seconds: +((p.to - p.from) / 1000).toFixed(1),
					calls: calls.filter((c) => c.route === route && c.phase === p.name && c.kind === 'steady')
						.length,
					exchanges: s.tracker.in(p.from, p.to + 1).length,
					whilePreviousValid: s.tracker.whilePreviousValid(p.from, p.to + 1).length,
					api: api.length,
					api401: api.filter((r) => r.status === 401).length,
				};
			};
			const warmUp = byName.warmUp;
			const steadyPhase = byName.steady;
			// Warm-up and steady load together: the steady phase's first renewal follows the
			// warm-up's token.
			const load = { from: warmUp.from, to: steadyPhase.to };
			results.routes[route] = {
				warmUp: inPhase(warmUp),
				steady: {
					...inPhase(steadyPhase),
					lifetimes: +((steadyPhase.to - steadyPhase.from) / 1000 / ttl).toFixed(1),
					whilePreviousValidSinceWarmUp: s.tracker.whilePreviousValid(load.from, load.to + 1)
						.length,
					issuedAtSeconds: s.tracker
						.in(load.from, load.to + 1)
						.map((t) => +((t.at - load.from) / 1000).toFixed(1)),
				},
				bursts: results.phases.filter((p) => p.name.startsWith('burst')).map(inPhase),
				writes: writeOrder(writes, s.cred.id, s.tracker),
				tokensIssued: s.tracker.issued.length,
			};
			if (opts.firstFetchCalls) {
				const f = setup[`${route}.first`];
				results.routes[route].firstFetch = {
					calls: opts.firstFetchCalls,
					exchanges: f.tracker.issued.length,
					writes: writeOrder(writes, f.cred.id, f.tracker),
				};
			}
		}
		results.secretLeaks = await secretLeaks(
			opts.workDir,
			cluster.pg,
			emulators.map((e) => e.credentials.curator),
		);
		results.phases = results.phases.map((p) => ({
			name: p.name,
			seconds: +((p.to - p.from) / 1000).toFixed(1),
		}));
		results.mainExited = cluster.server.exited;
	} finally {
		results.stopErrors = cluster ? await cluster.stop() : [];
		for (const e of emulators) await e.close();
	}
	return results;
}

module.exports = {
	CREDENTIAL_TYPE,
	WEBHOOK_ANSWER_TIMEOUT_MS,
	ROUTES,
	findServices,
	ensureServices,
	startPostgres,
	startRedis,
	startWorker,
	startQueueCluster,
	Cleanup,
	decrypt,
	credentialWrites,
	trackTokens,
	writeOrder,
	workerExecutions,
	secretLeaks,
	webhookWorkflow,
	runQueueScenario,
};
