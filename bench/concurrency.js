'use strict';
// Throughput of many small requests (issue 10, "Concurrency"): N GETs of v3/workflows at a fixed
// emulator latency, side by side in one real n8n process per execution (`n8n execute`, the
// e2e toolchain):
//   - the pack's Alteryx Server GET node with its default options,
//   - the same node at other Concurrent Requests values (to choose the default),
//   - n8n's core HTTP Request node (v4.5, the editor's default) with its defaults, using the
//     same credential (predefined credential type),
// and, in this process, a plain keep-alive loop (node:http, one agent) at the pack's default
// concurrency. Times are the nodes' executionTime from the run data; each workflow runs
// `repeats` times and the median is reported. The emulator runs in this process.
//
// Use: `node bench/concurrency.js [--items 200] [--latency 50] [--repeats 3] [--concurrency 5,10,20]
// [--package-dir .n8n-bench/pack/package] [--cpu-prof-dir DIR]` (a CPU profile of each n8n run)
// or `await require('./bench/concurrency').measureConcurrency({ items, latencyMs, repeats,
// concurrencies, packageDir?, log? })`, which resolves to the numbers (see the end of the function).
// Without `packageDir` the pack is built and packed first (as the e2e global setup does).

const fs = require('fs');
const http = require('http');
const os = require('os');
const path = require('path');

const root = path.resolve(__dirname, '..');
const toolchain = require('../scripts/lib/toolchain');
const n8nLib = require('../scripts/lib/n8n');
const { startEmulator } = require('../test/emulator');

const CREDENTIAL_TYPE = 'alteryxServerOAuth2Api';
const CREDENTIAL = { id: 'benchCurator', name: 'Alteryx emulator (bench)' };
// One small record per request: n8n prints the whole run data, and a large output can reach the
// pipe only in part (the CLI exits before stdout is flushed).
const ENDPOINT = 'v3/credentials/66ebd18d3d62000800000001';

function median(values) {
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** The default of the nodes' Concurrent Requests option in the packed pack (1: no such option). */
function packDefaultConcurrency(packageDir) {
	const file = path.join(packageDir, 'dist', 'nodes', 'transport', 'concurrency.js');
	if (!fs.existsSync(file)) return 1;
	const match = /DEFAULT_CONCURRENT_REQUESTS = (\d+)/.exec(fs.readFileSync(file, 'utf8'));
	if (!match) throw new Error(`no DEFAULT_CONCURRENT_REQUESTS in ${file}`);
	return Number(match[1]);
}

function buildAndPack(workDir, log) {
	const n8n = toolchain.ensureN8n();
	log('building and packing the pack');
	toolchain.npm(n8n.node, ['run', 'build'], { cwd: root });
	return n8nLib.packPackage(root, path.join(workDir, 'pack'), n8n.node).dir;
}

let nodeCounter = 0;
function node(name, type, typeVersion, parameters, extra) {
	nodeCounter += 1;
	return {
		id: `00000000-0000-4000-8000-${String(nodeCounter).padStart(12, '0')}`,
		name,
		type,
		typeVersion,
		parameters,
		position: [0, 0],
		...(extra || {}),
	};
}

const credentials = { [CREDENTIAL_TYPE]: CREDENTIAL };

function packGet(name, webApiOptions) {
	return node(
		name,
		'n8n-nodes-alteryx.alteryxGet',
		1,
		{ endpoint: ENDPOINT, options: webApiOptions },
		{ credentials },
	);
}

function coreHttpRequest(name, url) {
	return node(
		name,
		'n8n-nodes-base.httpRequest',
		4.5,
		{
			url,
			authentication: 'predefinedCredentialType',
			nodeCredentialType: CREDENTIAL_TYPE,
			options: {},
		},
		{ credentials },
	);
}

/**
 * Start → Items (one item with a list) → Split Out (N items) → each measured node, run one after
 * the other (execution order v1 runs the branches top to bottom).
 */
function benchWorkflow(id, count, measured) {
	const start = node('Start', 'n8n-nodes-base.manualTrigger', 1, {});
	const list = node('Items', 'n8n-nodes-base.set', 3.4, {
		mode: 'raw',
		jsonOutput: JSON.stringify({ i: Array.from({ length: count }, (_, i) => i) }),
		options: {},
	});
	const split = node('Split', 'n8n-nodes-base.splitOut', 1, { fieldToSplitOut: 'i', options: {} });
	measured.forEach((n, i) => {
		n.position = [660, i * 200];
	});
	return {
		id,
		name: id,
		nodes: [start, list, split, ...measured],
		connections: {
			Start: { main: [[{ node: 'Items', type: 'main', index: 0 }]] },
			Items: { main: [[{ node: 'Split', type: 'main', index: 0 }]] },
			Split: { main: [measured.map((n) => ({ node: n.name, type: 'main', index: 0 }))] },
		},
		active: false,
		settings: { executionOrder: 'v1' },
		pinData: {},
	};
}

/** executionTime (ms) and item count of each measured node; throws on a failed node. */
function nodeTimes(result, names, count) {
	const runData = result.execution && result.execution.data.resultData.runData;
	if (!runData) {
		throw new Error(
			`the bench execution printed no run data (exit ${result.code}):\n${String(result.stdout).slice(-3000)}\n${String(result.stderr).slice(-2000)}`,
		);
	}
	const times = {};
	for (const name of names) {
		const run = runData[name] && runData[name][0];
		if (!run || run.error) {
			throw new Error(`${name} failed: ${run && run.error ? run.error.message : 'did not run'}`);
		}
		const items = run.data.main[0].length;
		if (items !== count) throw new Error(`${name} returned ${items} items for ${count} inputs`);
		times[name] = run.executionTime;
	}
	return times;
}

/** Runs the workflow and reads the times; once more when n8n's output came through cut off. */
async function executeAndTime(instance, id, names, count, runOptions) {
	for (let attempt = 1; ; attempt++) {
		const result = await instance.execute(id, runOptions);
		if (result.execution || attempt === 3) return nodeTimes(result, names, count);
	}
}

async function postForm(url, body, headers) {
	return await new Promise((resolve, reject) => {
		const request = http.request(url, { method: 'POST', headers }, (response) => {
			let data = '';
			response.on('data', (chunk) => (data += chunk));
			response.on('end', () => resolve(JSON.parse(data)));
		});
		request.on('error', reject);
		request.end(body);
	});
}

/** N GETs through one keep-alive agent, `concurrency` in flight at a time; ms. */
async function keepAliveLoop(url, token, count, concurrency) {
	const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
	const get = () =>
		new Promise((resolve, reject) => {
			const request = http.get(
				url,
				{ agent, headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' } },
				(response) => {
					const chunks = [];
					response.on('data', (chunk) => chunks.push(chunk));
					response.on('end', () => {
						if (response.statusCode !== 200) reject(new Error(`status ${response.statusCode}`));
						else resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
					});
				},
			);
			request.on('error', reject);
		});
	const started = process.hrtime.bigint();
	let next = 0;
	await Promise.all(
		Array.from({ length: Math.min(concurrency, count) }, async () => {
			while (next < count) {
				next++;
				await get();
			}
		}),
	);
	const ms = Number(process.hrtime.bigint() - started) / 1e6;
	agent.destroy();
	return ms;
}

async function measureConcurrency(options = {}) {
	const items = options.items ?? 200;
	const latencyMs = options.latencyMs ?? 50;
	const repeats = options.repeats ?? 3;
	const concurrencies = options.concurrencies ?? [];
	const log =
		options.log ?? ((message) => process.stderr.write(`[bench:concurrency] ${message}\n`));
	const workDir = options.workDir ?? path.join(root, '.n8n-bench');
	fs.mkdirSync(workDir, { recursive: true });
	const packageDir = options.packageDir
		? path.resolve(options.packageDir)
		: buildAndPack(workDir, log);
	const defaultConcurrency = packDefaultConcurrency(packageDir);

	const emulator = await startEmulator({ host: '127.0.0.1', port: 0 });
	const userFolder = fs.mkdtempSync(path.join(workDir, 'concurrency-'));
	const instance = await n8nLib.createInstance({ packageDir, userFolder });
	try {
		const key = emulator.credentials.curator;
		await instance.importCredentials([
			{
				...CREDENTIAL,
				type: CREDENTIAL_TYPE,
				data: {
					webApiUrl: emulator.webApiUrl,
					apiAccessKey: key.clientId,
					apiAccessSecret: key.clientSecret,
					authentication: 'header',
					ignoreSSLIssues: false,
				},
			},
		]);
		// Every API answer of the list endpoint comes `latencyMs` late (the handler runs at once).
		emulator.injectFault({
			kind: 'slow',
			delayMs: latencyMs,
			method: 'GET',
			path: /^\/webapi\/v3\/credentials\/66ebd18d3d62000800000001$/i,
			times: Infinity,
		});

		// The first use fetches a token; it is not part of any measurement.
		const warmUp = benchWorkflow('benchWarmUp', 1, [packGet('Warm up', {})]);
		await instance.importWorkflow(warmUp);
		await executeAndTime(instance, warmUp.id, ['Warm up'], 1);

		const url = `${emulator.webApiUrl}${ENDPOINT}`;
		// Each `n8n execute` is a new process: the first nodes warm up the code paths (JIT, sockets)
		// of both kinds of node and are not measured.
		const measured = [
			packGet('Warm up pack', { concurrentRequests: 20 }),
			coreHttpRequest('Warm up core', url),
			packGet('Pack GET (defaults)', {}),
			...concurrencies.map((c) => packGet(`Pack GET (${c} concurrent)`, { concurrentRequests: c })),
			packGet('Pack GET (Batching 10 / 0 ms)', {
				batching: { batch: { batchSize: 10, batchInterval: 0 } },
			}),
			coreHttpRequest('HTTP Request (defaults)', url),
		];
		const names = measured.map((n) => n.name).filter((name) => !name.startsWith('Warm up'));
		// Every other round runs the measured nodes in the reverse order (after the warm-up nodes),
		// so no node gains from its place (a garbage collection left by the node before it).
		const [warmUpPack, warmUpCore, ...rest] = measured;
		const clone = (n) => JSON.parse(JSON.stringify(n));
		const workflows = [
			benchWorkflow('benchConcurrency', items, measured.map(clone)),
			benchWorkflow(
				'benchConcurrencyReversed',
				items,
				[warmUpPack, warmUpCore, ...[...rest].reverse()].map(clone),
			),
		];
		await instance.importWorkflow(workflows);

		const token = (
			await postForm(`${emulator.webApiUrl}oauth2/token`, 'grant_type=client_credentials', {
				'Content-Type': 'application/x-www-form-urlencoded',
				Authorization: `Basic ${Buffer.from(`${key.clientId}:${key.clientSecret}`).toString('base64')}`,
			})
		).access_token;

		const samples = Object.fromEntries(names.map((name) => [name, []]));
		samples.loop = [];
		const tokenRequestsBefore = emulator.counters.tokenRequests;
		for (let round = 0; round < repeats; round++) {
			const times = await executeAndTime(
				instance,
				workflows[round % 2].id,
				names,
				items,
				options.cpuProfileDir
					? { env: { NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${options.cpuProfileDir}` } }
					: undefined,
			);
			for (const name of names) samples[name].push(times[name]);
			samples.loop.push(await keepAliveLoop(url, token, items, defaultConcurrency));
			for (const c of concurrencies) {
				(samples[`loop ${c}`] ??= []).push(await keepAliveLoop(url, token, items, c));
			}
			log(
				`round ${round + 1}/${repeats}: ${names.map((name) => `${name} ${times[name]} ms`).join(', ')}, keep-alive loop (${defaultConcurrency} at a time) ${samples.loop[round].toFixed(0)} ms`,
			);
		}
		const ms = Object.fromEntries(Object.entries(samples).map(([name, v]) => [name, median(v)]));
		const pack = ms['Pack GET (defaults)'];
		const core = ms['HTTP Request (defaults)'];
		return {
			items,
			latencyMs,
			repeats,
			cpus: os.cpus().length,
			defaultConcurrency,
			ms: {
				packDefault: pack,
				coreDefault: core,
				loop: ms.loop,
				packBatching10: ms['Pack GET (Batching 10 / 0 ms)'],
				packAt: Object.fromEntries(concurrencies.map((c) => [c, ms[`Pack GET (${c} concurrent)`]])),
				loopAt: Object.fromEntries(concurrencies.map((c) => [c, ms[`loop ${c}`]])),
			},
			ratios: {
				/** ≤ 1: the pack with its defaults is at least as fast as the core node with its defaults. */
				packToCore: pack / core,
				/** The pack with its defaults against a plain keep-alive loop at its default concurrency. */
				packToLoop: pack / ms.loop,
			},
			// Token exchanges during the measured rounds (the stored token is reused: expected 0).
			tokenRequests: emulator.counters.tokenRequests - tokenRequestsBefore,
			samples,
		};
	} finally {
		await instance.dispose();
		await emulator.close();
	}
}

module.exports = { measureConcurrency };

if (require.main === module) {
	const args = process.argv.slice(2);
	const value = (flag) => {
		const index = args.indexOf(flag);
		return index >= 0 ? args[index + 1] : undefined;
	};
	const number = (flag) => (value(flag) === undefined ? undefined : Number(value(flag)));
	measureConcurrency({
		items: number('--items'),
		latencyMs: number('--latency'),
		repeats: number('--repeats'),
		concurrencies: value('--concurrency') ? value('--concurrency').split(',').map(Number) : [],
		packageDir: value('--package-dir'),
		cpuProfileDir: value('--cpu-prof-dir') && path.resolve(value('--cpu-prof-dir')),
	}).then(
		(result) => {
			const { samples, ...summary } = result;
			process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
		},
		(error) => {
			process.stderr.write(`${error.stack}\n`);
			process.exitCode = 1;
		},
	);
}
