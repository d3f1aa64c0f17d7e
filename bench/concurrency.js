'use strict';
// Item loops (minimal version, written by the polling helper until the concurrency helper's module
// lands): 200 GETs at 5 ms and 50 ms of server latency (the emulator's `slow` fault) by the pack's
// GET node and the core HTTP Request node, both with default settings, and by a plain keep-alive
// loop in the bench process, one at a time and as many at a time as the pack's default.

const http = require('http');
const path = require('path');
const { SEED_IDS } = require('../test/emulator/seed');

const ENDPOINT = `v3/workflows/${SEED_IDS.workflows.dailySalesEtl}`;
const ITEMS = 200;
const LATENCIES_MS = [5, 50];

/** The pack's default number of concurrent requests (an option named like "concurrency"), or 1. */
function packConcurrency() {
	try {
		const { AlteryxGet } = require(
			path.join(__dirname, '..', 'dist', 'nodes', 'AlteryxGet', 'AlteryxGet.node.js'),
		);
		const found = [];
		const walk = (list) => {
			for (const property of list || []) {
				if (/concurren/i.test(property.name || '') && typeof property.default === 'number')
					found.push(property.default);
				walk(property.options);
				walk(property.values);
			}
		};
		walk(new AlteryxGet().description.properties);
		return found[0] || 1;
	} catch (_) {
		return 1;
	}
}

function request(agent, url, headers) {
	return new Promise((resolve, reject) => {
		const req = http.request(url, { agent, headers }, (res) => {
			res.resume();
			res.on('end', () =>
				res.statusCode === 200 ? resolve() : reject(new Error(`${res.statusCode}`)),
			);
		});
		req.on('error', reject);
		req.end();
	});
}

/** A plain keep-alive loop: `count` GETs, `concurrency` in flight; resolves the wall time (ms). */
async function keepAliveLoop(emulator, count, concurrency) {
	const key = emulator.credentials.curator;
	const tokenResponse = await fetch(`${emulator.webApiUrl}oauth2/token`, {
		method: 'POST',
		headers: {
			'content-type': 'application/x-www-form-urlencoded',
			authorization: `Basic ${Buffer.from(`${key.clientId}:${key.clientSecret}`).toString('base64')}`,
		},
		body: 'grant_type=client_credentials',
	});
	const { access_token: token } = await tokenResponse.json();
	const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
	const headers = { authorization: `Bearer ${token}`, accept: 'application/json' };
	const url = `${emulator.webApiUrl}${ENDPOINT}`;
	const started = process.hrtime.bigint();
	let next = 0;
	const worker = async () => {
		while (next < count) {
			next++;
			await request(agent, url, headers);
		}
	};
	await Promise.all(Array.from({ length: concurrency }, worker));
	const ms = Number(process.hrtime.bigint() - started) / 1e6;
	agent.destroy();
	return ms;
}

async function measure(context) {
	const { emulator, nodes, credential } = context;
	const concurrency = packConcurrency();
	const pack = await context.deploy('GET node, 200 items', [
		nodes.itemsFromBody('Items'),
		nodes.alteryx('get', 'Node', { endpoint: ENDPOINT, options: {} }, credential),
	]);
	const core = await context.deploy('HTTP Request node, 200 items', [
		nodes.itemsFromBody('Items'),
		nodes.httpRequest('Node', `${emulator.webApiUrl}${ENDPOINT}`, credential),
	]);
	// Warm-up: the credential's token, n8n's first load of each node.
	await pack.call(context.itemsBody(1));
	await core.call(context.itemsBody(1));

	const run = async (workflow) => {
		const { execution } = await workflow.call(context.itemsBody(ITEMS));
		if (execution.error) throw new Error(execution.error.message);
		return execution.nodeMs('Node');
	};
	const rows = [];
	const loopAt = `loop, ${concurrency} at a time`;
	for (const latency of LATENCIES_MS) {
		context.log(`concurrency: ${latency} ms latency`);
		emulator.clearFaults();
		emulator.injectFault({
			method: 'GET',
			path: new RegExp(`^/webapi/${ENDPOINT}$`),
			kind: 'slow',
			delayMs: latency,
			times: Infinity,
		});
		const packMs = await run(pack);
		const coreMs = await run(core);
		const loopOne = await keepAliveLoop(emulator, ITEMS, 1);
		const loopSame =
			concurrency === 1 ? loopOne : await keepAliveLoop(emulator, ITEMS, concurrency);
		const loopTen = await keepAliveLoop(emulator, ITEMS, 10);
		const s = (ms) => `${(ms / 1000).toFixed(2)} s`;
		const goalApplies = latency === 50;
		rows.push({
			what: `${ITEMS} GETs, ${latency} ms latency, default settings`,
			values: {
				pack: s(packMs),
				'core HTTP Request node': s(coreMs),
				'loop, 1 at a time': s(loopOne),
				[loopAt]: s(loopSame),
				'loop, 10 at a time': s(loopTen),
				'pack / core node': (packMs / coreMs).toFixed(2),
				'pack / loop (same concurrency)': (packMs / loopSame).toFixed(2),
			},
			goal: goalApplies
				? 'pack / core node ≤ 1; pack / loop (same concurrency) ≤ 1.5'
				: 'none stated (reference)',
			met: goalApplies ? packMs <= coreMs && packMs <= 1.5 * loopSame : null,
		});
	}
	emulator.clearFaults();
	return rows;
}

module.exports = {
	title: 'Item loops: 200 GETs at 5 ms and 50 ms latency',
	measure,
};
