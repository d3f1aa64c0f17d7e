#!/usr/bin/env node
'use strict';
// Queue-mode measurement for docs/decisions/0003-server-credential-design.md (issue 9): one n8n main
// + two workers (n8n 2.41.1), Redis and Postgres on loopback ports of their own, one emulator per
// design with a short token lifetime. Two webhook workflows (queue mode hands their executions to
// the workers) GET v3/workflows through the core HTTP Request node: one with the packed pack's
// credential (`alteryxServerOAuth2Api`, "current"), one with design A
// (test/e2e/fixtures/credential-designs/n8n-nodes-alteryx-design-a). Phases:
//   steady — every second two concurrent calls per design, for STEADY_SECONDS;
//   burst  — BURSTS times: all tokens expired on the emulator, then 6 concurrent calls per design,
//            so both workers meet a 401 at the same moment.
// Counted from the emulators (in this process): token exchanges, 401s, exchanges made while an
// earlier token was still valid; read from Postgres (decrypted with the instance key) once a
// second: which token the credential stores, and whether it ever goes back to an older one.
//
// Run (as root: Postgres is started as the `postgres` user; needs redis-server and postgresql 15):
//   npm run build && node scripts/measure-queue-mode.js [--ttl 25] [--steady 100] [--bursts 3]
// Everything listens on 127.0.0.1; every process started here is stopped at the end (also on
// Ctrl-C), and the temporary folders are removed (KEEP=true keeps them). Results: printed and
// written to .n8n-e2e/queue-mode.json.

const fs = require('fs');
const os = require('os');
const path = require('path');
const crypto = require('crypto');
const { spawn, spawnSync } = require('child_process');
const toolchain = require('./lib/toolchain');
const n8nLib = require('./lib/n8n');
const { startEmulator } = require('../test/emulator');

const ROOT = path.resolve(__dirname, '..');
const DESIGN_A_DIR = path.join(
	ROOT,
	'test/e2e/fixtures/credential-designs/n8n-nodes-alteryx-design-a',
);
const PG_BIN = '/usr/lib/postgresql/15/bin';

function arg(name, fallback) {
	const i = process.argv.indexOf(`--${name}`);
	return i === -1 ? fallback : Number(process.argv[i + 1]);
}
const TTL = arg('ttl', 25);
const STEADY_SECONDS = arg('steady', 100);
const BURSTS = arg('bursts', 3);

const cleanups = [];
const log = (...a) => console.log(`[${new Date().toISOString().slice(11, 19)}]`, ...a);
const sleep = n8nLib.sleep;

function asPostgres(bin, args) {
	const res = spawnSync('runuser', ['-u', 'postgres', '--', path.join(PG_BIN, bin), ...args], {
		encoding: 'utf8',
		timeout: 120000,
	});
	if (res.status !== 0) throw new Error(`${bin} ${args.join(' ')}: ${res.stdout}${res.stderr}`);
	return res.stdout;
}

async function startPostgres(tmp) {
	const dir = path.join(tmp, 'pg');
	fs.mkdirSync(dir);
	const owner = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).stdout.trim();
	const group = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).stdout.trim();
	fs.chownSync(dir, Number(owner), Number(group));
	fs.chmodSync(tmp, 0o755);
	const port = await n8nLib.freePort();
	asPostgres('initdb', ['-D', path.join(dir, 'data'), '-A', 'trust', '-U', 'postgres']);
	asPostgres('pg_ctl', [
		'-D',
		path.join(dir, 'data'),
		'-l',
		path.join(dir, 'pg.log'),
		'-o',
		`-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`,
		'-w',
		'start',
	]);
	cleanups.push(() => asPostgres('pg_ctl', ['-D', path.join(dir, 'data'), '-m', 'fast', 'stop']));
	psql(port, 'postgres', 'create database n8n');
	return port;
}

function psql(port, db, sql) {
	const res = spawnSync(
		'psql',
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
			'-c',
			sql,
		],
		{ encoding: 'utf8', timeout: 30000 },
	);
	if (res.status !== 0) throw new Error(`psql: ${res.stderr}`);
	return res.stdout;
}

async function startRedis(tmp) {
	const port = await n8nLib.freePort();
	const child = spawn(
		'redis-server',
		[
			'--port',
			String(port),
			'--bind',
			'127.0.0.1',
			'--save',
			'',
			'--appendonly',
			'no',
			'--dir',
			tmp,
		],
		{ stdio: 'ignore', detached: true },
	);
	cleanups.push(() => stopChild(child));
	await sleep(500);
	return port;
}

function stopChild(child) {
	return new Promise((resolve) => {
		if (child.exitCode !== null || child.signalCode !== null) return resolve();
		child.once('exit', resolve);
		try {
			process.kill(-child.pid, 'SIGTERM');
		} catch (_) {
			child.kill('SIGTERM');
		}
		setTimeout(() => {
			try {
				process.kill(-child.pid, 'SIGKILL');
			} catch (_) {
				// gone
			}
		}, 15000).unref();
	});
}

// n8n's legacy credential cipher (CryptoJS/OpenSSL "Salted__", EVP_BytesToKey with MD5, AES-256-CBC).
function decrypt(data, key) {
	const input = Buffer.from(data, 'base64');
	if (input.subarray(0, 8).toString() !== 'Salted__') throw new Error('not a legacy-format cipher');
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

// An emulator whose token store remembers the order tokens were issued in and which token each
// API request presented.
async function designEmulator() {
	const emulator = await startEmulator({ host: '127.0.0.1', port: 0, tokenTtlSeconds: TTL });
	const issued = []; // { token, at }
	const presented = []; // { index, at }
	const store = emulator.tokens;
	const issue = store.issue.bind(store);
	store.issue = (...a) => {
		const token = issue(...a);
		issued.push({ token, at: Date.now() });
		return token;
	};
	const lookup = store.lookup.bind(store);
	store.lookup = (token, now) => {
		presented.push({ index: issued.findIndex((t) => t.token === token), at: Date.now() });
		return lookup(token, now);
	};
	cleanups.push(() => emulator.close());
	return { emulator, issued, presented, indexOf: (t) => issued.findIndex((i) => i.token === t) };
}

function webhookWorkflow(id, hookPath, type, credId, webApiUrl) {
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
				parameters: { path: hookPath, httpMethod: 'POST', responseMode: 'onReceived' },
			},
			{
				id: crypto.randomUUID(),
				name: 'GET workflows',
				type: 'n8n-nodes-base.httpRequest',
				typeVersion: 4.2,
				position: [220, 0],
				parameters: {
					method: 'GET',
					url: `${webApiUrl}v3/workflows`,
					authentication: 'predefinedCredentialType',
					nodeCredentialType: type,
					options: {},
				},
				credentials: { [type]: { id: credId, name: credId } },
			},
		],
		connections: {
			Webhook: { main: [[{ node: 'GET workflows', type: 'main', index: 0 }]] },
		},
	};
}

function spawnN8n(instance, args, env, name, tmp) {
	return instance.env(env).then((fullEnv) => {
		const child = spawn(instance.node.bin, [instance.n8n.bin, ...args], {
			env: fullEnv,
			cwd: instance.workDir,
			stdio: ['ignore', 'pipe', 'pipe'],
			detached: true,
		});
		const logFile = path.join(tmp, `${name}.log`);
		const out = fs.createWriteStream(logFile);
		let text = '';
		const onData = (d) => {
			out.write(d);
			if (text.length < 200000) text += d;
		};
		child.stdout.on('data', onData);
		child.stderr.on('data', onData);
		cleanups.push(() => stopChild(child));
		return { child, output: () => text, logFile };
	});
}

async function main() {
	const n8n = toolchain.ensureN8n();
	const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'queue-mode-'));
	if (process.env.KEEP !== 'true')
		cleanups.unshift(() => fs.rmSync(tmp, { recursive: true, force: true }));
	log(`work folder ${tmp}; token lifetime ${TTL} s`);
	const pack = n8nLib.packPackage(ROOT, path.join(tmp, 'pack'), n8n.node);
	const pgPort = await startPostgres(tmp);
	const redisPort = await startRedis(tmp);
	log(`postgres 127.0.0.1:${pgPort}, redis 127.0.0.1:${redisPort}`);

	const designs = {
		current: { type: 'alteryxServerOAuth2Api', credId: 'queueCurrent', hook: 'queue-current' },
		A: { type: 'alteryxServerDesignAApi', credId: 'queueDesignA', hook: 'queue-design-a' },
	};
	for (const d of Object.values(designs)) Object.assign(d, await designEmulator());
	const key = designs.current.emulator.credentials.curator;

	const queueEnv = {
		EXECUTIONS_MODE: 'queue',
		DB_TYPE: 'postgresdb',
		DB_POSTGRESDB_HOST: '127.0.0.1',
		DB_POSTGRESDB_PORT: String(pgPort),
		DB_POSTGRESDB_DATABASE: 'n8n',
		DB_POSTGRESDB_USER: 'postgres',
		DB_POSTGRESDB_PASSWORD: '',
		QUEUE_BULL_REDIS_HOST: '127.0.0.1',
		QUEUE_BULL_REDIS_PORT: String(redisPort),
	};
	const instances = [];
	for (const name of ['main', 'worker1', 'worker2']) {
		const instance = await n8nLib.createInstance({
			n8n,
			packageDir: pack.dir,
			userFolder: path.join(tmp, name),
			env: queueEnv,
		});
		fs.symlinkSync(
			DESIGN_A_DIR,
			path.join(instance.userFolder, '.n8n', 'nodes', 'node_modules', 'n8n-nodes-alteryx-design-a'),
			'dir',
		);
		instances.push(instance);
	}
	const mainInstance = instances[0];

	log('importing credentials and workflows (migrates Postgres)');
	await mainInstance.importCredentials([
		{
			id: designs.current.credId,
			name: designs.current.credId,
			type: designs.current.type,
			data: {
				webApiUrl: designs.current.emulator.webApiUrl,
				clientId: key.clientId,
				clientSecret: key.clientSecret,
				authentication: 'header',
				ignoreSSLIssues: false,
			},
		},
		{
			id: designs.A.credId,
			name: designs.A.credId,
			type: designs.A.type,
			data: {
				webApiUrl: designs.A.emulator.webApiUrl,
				apiAccessKey: key.clientId,
				apiAccessSecret: key.clientSecret,
				authentication: 'header',
				ignoreSSLIssues: false,
			},
		},
	]);
	for (const [name, d] of Object.entries(designs)) {
		const id = `queue${name}Wf`;
		await mainInstance.importWorkflow(
			webhookWorkflow(id, d.hook, d.type, d.credId, d.emulator.webApiUrl),
		);
		await mainInstance.publishWorkflow(id);
	}

	// Every write of a credential row, in order: polling once a second cannot see a token that is
	// overwritten within the second.
	psql(
		pgPort,
		'n8n',
		`create table credential_writes (seq serial, id text, data text, at timestamptz default clock_timestamp());
		create function log_credential_write() returns trigger language plpgsql as $$
		begin insert into credential_writes (id, data) values (new.id, new.data); return new; end $$;
		create trigger credential_writes after insert or update on credentials_entity
		for each row execute function log_credential_write();`,
	);
	log('starting main and two workers');
	cleanups.push(() => mainInstance.stop());
	const mainProc = await mainInstance.start({ timeout: 240000 });
	const workers = [];
	for (const [i, w] of instances.slice(1).entries())
		workers.push(await spawnN8n(w, ['worker', '--concurrency=5'], {}, `worker${i + 1}`, tmp));
	for (const d of Object.values(designs)) d.url = await mainInstance.waitForWebhook(d.hook, 120000);
	const readyBy = Date.now() + 180000;
	while (!workers.every((w) => /worker is now ready|ready to process/i.test(w.output()))) {
		if (Date.now() > readyBy)
			throw new Error(
				'workers not ready:\n' + workers.map((w) => n8nLib.tail(w.output())).join('\n'),
			);
		await sleep(1000);
	}
	log('all up');

	// The stored token of each credential, once a second, from Postgres.
	const stored = { current: [], A: [] };
	let monitoring = true;
	const monitor = (async () => {
		while (monitoring) {
			try {
				const rows = psql(pgPort, 'n8n', 'select id, data from credentials_entity')
					.trim()
					.split('\n');
				for (const row of rows) {
					const [id, data] = row.split('\t');
					const name = Object.keys(designs).find((n) => designs[n].credId === id);
					if (!name) continue;
					const plain = JSON.parse(decrypt(data, mainInstance.encryptionKey));
					const token =
						name === 'A'
							? plain.oauthTokenData && plain.oauthTokenData.access_token
							: plain.accessToken;
					const list = stored[name];
					const index = token ? designs[name].indexOf(token) : -1;
					if (!list.length || list[list.length - 1].index !== index)
						list.push({ index, at: Date.now(), known: !token || index >= 0 });
				}
			} catch (e) {
				stored.error = e.message;
			}
			await sleep(1000);
		}
	})();

	const calls = { sent: 0, failed: 0 };
	const call = (d) =>
		n8nLib.httpRequest('POST', d.url, {}).then(
			(r) => {
				calls.sent++;
				if (r.status !== 200) calls.failed++;
			},
			() => {
				calls.sent++;
				calls.failed++;
			},
		);

	const phases = [];
	const t0 = Date.now();
	log(`steady load for ${STEADY_SECONDS} s`);
	while (Date.now() - t0 < STEADY_SECONDS * 1000) {
		for (const d of Object.values(designs)) {
			void call(d);
			void call(d);
		}
		await sleep(1000);
	}
	await sleep(5000);
	phases.push({ name: 'steady', from: t0, to: Date.now() });
	for (let b = 1; b <= BURSTS; b++) {
		const from = Date.now();
		for (const d of Object.values(designs)) d.emulator.expireAllTokens();
		await Promise.all(
			Object.values(designs).flatMap((d) => Array.from({ length: 6 }, () => call(d))),
		);
		await sleep(12000);
		phases.push({ name: `burst ${b}`, from, to: Date.now() });
	}
	monitoring = false;
	await monitor;
	const writes = { current: [], A: [] };
	for (const row of psql(
		pgPort,
		'n8n',
		'select id, data, extract(epoch from at) * 1000 from credential_writes order by seq',
	)
		.trim()
		.split('\n')) {
		const [id, data, at] = row.split('\t');
		const name = Object.keys(designs).find((n) => designs[n].credId === id);
		if (!name) continue;
		const plain = JSON.parse(decrypt(data, mainInstance.encryptionKey));
		const token =
			name === 'A' ? plain.oauthTokenData && plain.oauthTokenData.access_token : plain.accessToken;
		writes[name].push({ index: token ? designs[name].indexOf(token) : -1, at: Number(at) });
	}

	// Cross-check the Postgres reading once with n8n's own CLI.
	const exported = await mainInstance.exportCredentials();
	const cliCheck = {};
	for (const [name, d] of Object.entries(designs)) {
		const c = exported.find((e) => e.id === d.credId);
		const token =
			name === 'A'
				? c.data.oauthTokenData && c.data.oauthTokenData.access_token
				: c.data.accessToken;
		const last = stored[name][stored[name].length - 1];
		cliCheck[name] = { cliIndex: d.indexOf(token), lastPolledIndex: last && last.index };
	}

	const results = {
		ttlSeconds: TTL,
		calls,
		stored: {},
		phases: {},
		cliCheck,
		storedError: stored.error,
	};
	for (const [name, d] of Object.entries(designs)) {
		const reqs = d.emulator.requests.map((r) => ({ ...r, ms: Date.parse(r.time) }));
		results.phases[name] = phases.map((p) => {
			const inPhase = reqs.filter((r) => r.ms >= p.from && r.ms < p.to);
			const tokenRequests = inPhase.filter((r) => r.path.endsWith('/oauth2/token'));
			const exchanges = d.issued.filter((t) => t.at >= p.from && t.at < p.to);
			// An exchange while the previous token was still valid (and not expired by the burst).
			const redundant = exchanges.filter((t) => {
				const i = d.issued.indexOf(t);
				const prev = d.issued[i - 1];
				return prev && prev.at >= p.from && t.at - prev.at < TTL * 1000;
			}).length;
			return {
				phase: p.name,
				seconds: Math.round((p.to - p.from) / 1000),
				lifetimes: +((p.to - p.from) / 1000 / TTL).toFixed(1),
				apiRequests: inPhase.length - tokenRequests.length,
				api401: inPhase.filter((r) => !r.path.endsWith('/oauth2/token') && r.status === 401).length,
				tokenRequests: tokenRequests.length,
				exchanges: exchanges.length,
				exchangesWhilePreviousValid: redundant,
			};
		});
		const seq = stored[name];
		const wentBackIn = (list) => {
			let max = -1;
			let back = 0;
			for (const s of list) {
				if (s.index >= 0 && s.index < max) back++;
				max = Math.max(max, s.index);
			}
			return back;
		};
		const wentBack = wentBackIn(seq);
		// Requests that presented an older token than one an earlier request (2 s before) presented.
		let newest = -1;
		const presentedBack = [];
		const window = [];
		for (const p of d.presented) {
			while (window.length && window[0].at < p.at - 2000)
				newest = Math.max(newest, window.shift().index);
			window.push(p);
			if (p.index >= 0 && p.index < newest)
				presentedBack.push({ index: p.index, newer: newest, s: +((p.at - t0) / 1000).toFixed(1) });
		}
		results.stored[name] = {
			changes: seq.map((s) => s.index),
			wentBackToOlder: wentBack,
			unknownTokens: seq.filter((s) => !s.known).length,
			writes: writes[name].map((w) => `${w.index}@${((w.at - t0) / 1000).toFixed(1)}`).join(' '),
			writesWentBackToOlder: wentBackIn(writes[name]),
			requestsWithOlderToken: presentedBack.length,
			olderTokenRequests: presentedBack.slice(0, 20),
			issuedAtSeconds: d.issued.map((t) => +((t.at - t0) / 1000).toFixed(1)),
			storedChanges: seq.map((s) => ({ index: s.index, s: +((s.at - t0) / 1000).toFixed(1) })),
		};
	}
	// Which worker ran what: n8n's "Worker started execution …" lines, per phase.
	results.workerExecutions = workers.map((w) => {
		const starts = fs
			.readFileSync(w.logFile, 'utf8')
			.split('\n')
			.filter((l) => l.includes('Worker started execution'))
			.map((l) => Date.parse(JSON.parse(l).metadata.timestamp));
		return Object.fromEntries(
			phases.map((p) => [p.name, starts.filter((t) => t >= p.from && t < p.to).length]),
		);
	});
	results.mainExited = mainProc.exited;
	const outDir = path.join(ROOT, '.n8n-e2e');
	fs.mkdirSync(outDir, { recursive: true });
	fs.writeFileSync(path.join(outDir, 'queue-mode.json'), JSON.stringify(results, null, 2));
	console.log(JSON.stringify(results, null, 2));
}

async function cleanup() {
	while (cleanups.length) {
		const fn = cleanups.pop();
		try {
			await fn();
		} catch (e) {
			console.error('cleanup:', e.message);
		}
	}
}

let interrupted = false;
process.on('SIGINT', () => {
	if (interrupted) return;
	interrupted = true;
	cleanup().then(() => process.exit(130));
});

main()
	.catch((e) => {
		console.error(e);
		process.exitCode = 1;
	})
	.finally(async () => {
		await cleanup();
	});
