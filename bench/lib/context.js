'use strict';
// The context every bench module's measure(context) gets: one real n8n (`n8n start`, the packed
// pack linked in, its editor REST API signed in as the owner), the repo's Alteryx Server emulator,
// and helpers to deploy webhook workflows, run them and read their executions (per-node
// executionTime from n8n's run data). See bench/README.md.

const fs = require('fs');
const path = require('path');
const crypto = require('crypto');
const n8nLib = require('../../scripts/lib/n8n');
const { startEmulator } = require('../../test/emulator');

const CREDENTIAL_TYPE = 'alteryxServerOAuth2Api';

function credentialData(emulator, extra) {
	const key = emulator.credentials.curator;
	return {
		webApiUrl: emulator.webApiUrl,
		apiAccessKey: key.clientId,
		apiAccessSecret: key.clientSecret,
		authentication: 'header',
		ignoreSSLIssues: false,
		...(extra || {}),
	};
}

/** n8n stores run data with `flatted`; the REST API hands it over as that string. */
function loadFlatted(n8nDir) {
	const candidates = [
		path.join(n8nDir, 'node_modules', 'flatted'),
		path.join(n8nDir, 'node_modules', 'n8n', 'node_modules', 'flatted'),
	];
	for (const candidate of candidates) if (fs.existsSync(candidate)) return require(candidate);
	throw new Error(`flatted not found under ${n8nDir}`);
}

/** The resident set size of a process (bytes), from /proc. */
function rssBytes(pid) {
	const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
	const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
	return match ? Number(match[1]) * 1024 : null;
}

let nodeCounter = 0;
const nodeId = () => crypto.randomUUID();

/** Workflow builders: nodes under their real type names, referring to a credential. */
const nodes = {
	/** A verb node of the pack: kind 'get' | 'post' | 'put' | 'delete' | 'authenticate'. */
	alteryx(kind, name, parameters, credential) {
		return {
			id: nodeId(),
			name,
			type: `n8n-nodes-alteryx.alteryx${kind[0].toUpperCase()}${kind.slice(1)}`,
			typeVersion: 1,
			parameters: parameters || {},
			credentials: { [CREDENTIAL_TYPE]: { id: credential.id, name: credential.name } },
		};
	},
	/** The pack's Alteryx Server node. */
	server(name, parameters, credential) {
		return nodes.alteryx('server', name, parameters, credential);
	},
	/** n8n's core HTTP Request node (v4.2) with the credential as a predefined credential type. */
	httpRequest(name, url, credential, extra) {
		return {
			id: nodeId(),
			name,
			type: 'n8n-nodes-base.httpRequest',
			typeVersion: 4.2,
			parameters: {
				method: 'GET',
				url,
				authentication: 'predefinedCredentialType',
				nodeCredentialType: CREDENTIAL_TYPE,
				options: {},
				...(extra || {}),
			},
			credentials: { [CREDENTIAL_TYPE]: { id: credential.id, name: credential.name } },
		};
	},
	/** Split Out: one item per element of the webhook body's `items` array. */
	itemsFromBody(name) {
		return {
			id: nodeId(),
			name: name || 'Items',
			type: 'n8n-nodes-base.splitOut',
			typeVersion: 1,
			parameters: { fieldToSplitOut: 'body.items', include: 'noOtherFields', options: {} },
		};
	},
};

/** A body for a webhook call that Split Out turns into `count` items. */
const itemsBody = (count) => ({ items: Array.from({ length: count }, (_, i) => ({ i })) });

/**
 * Starts everything and returns the context. `install` is the e2e state (test/e2e/helpers
 * loadState()): { n8nInstall, packageDir, n8n: { version } }.
 */
async function createContext({ install, workDir, log, env }) {
	const cleanups = [];
	const emulator = await startEmulator({ host: '127.0.0.1', port: 0 });
	cleanups.push(() => emulator.close());
	const instance = await n8nLib.createInstance({
		n8n: install.n8nInstall,
		packageDir: install.packageDir,
		userFolder: fs.mkdtempSync(path.join(workDir, 'n8n-')),
		env: {
			N8N_DEFAULT_BINARY_DATA_MODE: 'filesystem',
			EXECUTIONS_DATA_SAVE_ON_SUCCESS: 'all',
			EXECUTIONS_DATA_SAVE_ON_ERROR: 'all',
			N8N_LOG_LEVEL: 'warn',
			...(env || {}),
		},
	});
	cleanups.push(() => instance.dispose({ keep: process.env.BENCH_KEEP === 'true' }));
	const run = async (fn) => {
		try {
			return await fn();
		} catch (error) {
			await closeAll();
			throw error;
		}
	};
	async function closeAll() {
		for (const cleanup of cleanups.reverse()) {
			try {
				await cleanup();
			} catch (_) {
				// best effort
			}
		}
		cleanups.length = 0;
	}

	const server = await run(async () => {
		log('starting n8n');
		const started = await instance.start({ timeout: 240000 });
		return started;
	});
	// Whatever happens to this process, n8n (started detached, in a process group of its own) goes.
	const killOnExit = () => {
		try {
			process.kill(-server.child.pid, 'SIGKILL');
		} catch (_) {
			// already gone
		}
	};
	process.on('exit', killOnExit);
	const flatted = loadFlatted(install.n8nInstall.dir);
	const owner = {
		email: 'bench@example.com',
		firstName: 'Bench',
		lastName: 'Runner',
		password: 'Bench-Password-1',
	};
	const setup = await run(() =>
		n8nLib.httpRequest('POST', `${server.url}/rest/owner/setup`, owner),
	);
	if (setup.status !== 200) {
		await closeAll();
		throw new Error(`n8n owner setup answered ${setup.status}: ${setup.body.slice(0, 300)}`);
	}
	const cookie = setup.cookies.join('; ');

	/** A call of n8n's editor REST API as the owner; throws on a status >= 400. */
	async function rest(method, apiPath, body) {
		const res = await n8nLib.httpRequest(method, `${server.url}${apiPath}`, body, { cookie });
		if (res.status >= 400)
			throw new Error(`${method} ${apiPath} answered ${res.status}: ${res.body.slice(0, 300)}`);
		return res.json && res.json.data !== undefined ? res.json.data : res.json;
	}

	let credentialCounter = 0;
	/**
	 * A new credential (never used: its first request exchanges a token), for the shared emulator
	 * or another one. Returns { id, name }.
	 */
	async function createCredential(options = {}) {
		const target = options.emulator || emulator;
		const name = options.name || `Bench credential ${++credentialCounter}`;
		const created = await rest('POST', '/rest/credentials', {
			name,
			type: CREDENTIAL_TYPE,
			data: credentialData(target, options.data),
		});
		return { id: created.id, name };
	}

	/**
	 * Creates and publishes a workflow that starts with a webhook (POST, answering with the last
	 * node's first item) followed by `chain` (nodes run one after the other). Returns
	 * { id, call(body?, { timeoutMs }) }; call() resolves { status, json, execution } where
	 * execution is that run's execution (see readExecution).
	 */
	async function deploy(name, chain, settings) {
		const hookPath = `bench-${++nodeCounter}-${crypto.randomBytes(4).toString('hex')}`;
		const all = [
			{
				id: nodeId(),
				name: 'Webhook',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				webhookId: crypto.randomUUID(),
				parameters: { path: hookPath, httpMethod: 'POST', responseMode: 'lastNode', options: {} },
			},
			...chain,
		];
		const connections = {};
		all.forEach((node, i) => {
			node.position = [i * 220, 0];
			if (i < all.length - 1)
				connections[node.name] = { main: [[{ node: all[i + 1].name, type: 'main', index: 0 }]] };
		});
		const created = await rest('POST', '/rest/workflows', {
			name: `bench: ${name}`,
			nodes: all,
			connections,
			active: false,
			settings: { executionOrder: 'v1', saveDataSuccessExecution: 'all', ...(settings || {}) },
		});
		await rest('POST', `/rest/workflows/${created.id}/activate`, { versionId: created.versionId });
		// Activation registers the webhook in the background.
		const url = await instance.waitForWebhook(hookPath, 60000);
		const call = async (body, options = {}) => {
			const before = await latestExecutionId(created.id);
			const res = await postJson(url, body || {}, options.timeoutMs || 600000);
			const execution = await waitForExecution(created.id, before);
			return { status: res.status, json: res.json, execution };
		};
		return { id: created.id, url, call };
	}

	async function latestExecutionId(workflowId) {
		const filter = encodeURIComponent(JSON.stringify({ workflowId }));
		const list = await rest('GET', `/rest/executions?filter=${filter}&limit=5`);
		const ids = ((list && list.results) || []).map((e) => Number(e.id));
		return ids.length ? Math.max(...ids) : 0;
	}

	// The webhook answers when the last node has run; the execution is saved right after.
	async function waitForExecution(workflowId, after) {
		for (let attempt = 0; attempt < 200; attempt++) {
			const id = await latestExecutionId(workflowId);
			if (id > after) {
				const execution = await readExecution(id);
				if (execution.finished || execution.status !== 'running') return execution;
			}
			await n8nLib.sleep(100);
		}
		throw new Error(`no finished execution of workflow ${workflowId} after the call`);
	}

	/**
	 * An execution with its run data: { id, status, runData, nodeMs(name) (the node's
	 * executionTime), items(name) (its first output's items), error }.
	 */
	async function readExecution(id) {
		const raw = await rest('GET', `/rest/executions/${id}`);
		const data = typeof raw.data === 'string' ? flatted.parse(raw.data) : raw.data;
		const resultData = (data && data.resultData) || {};
		const runData = resultData.runData || {};
		return {
			id,
			status: raw.status,
			finished: raw.finished,
			runData,
			error: resultData.error,
			nodeMs: (name) => (runData[name] ? runData[name][0].executionTime : null),
			items: (name) =>
				runData[name] && runData[name][0].data ? runData[name][0].data.main[0] || [] : [],
		};
	}

	const context = {
		n8n: {
			version: install.n8n.version,
			nodeVersion: install.n8nInstall.node.version,
			url: server.url,
			pid: server.child.pid,
			instance,
			/** The n8n process's resident set size now (bytes). */
			rssBytes: () => rssBytes(server.child.pid),
			rest,
		},
		packageDir: install.packageDir,
		emulator,
		credential: null,
		log,
		nodes,
		itemsBody,
		createCredential,
		deploy,
		readExecution,
		/** Another emulator (closed at the end), e.g. with other token lifetimes. */
		async startEmulator(options) {
			const other = await startEmulator({ host: '127.0.0.1', port: 0, ...(options || {}) });
			cleanups.push(() => other.close());
			return other;
		},
		/**
		 * Runs fn while sampling the n8n process's RSS every `everyMs` (default 50 ms); resolves
		 * { result, beforeBytes, peakBytes, growthBytes }.
		 */
		async sampleRss(fn, everyMs = 50) {
			const beforeBytes = rssBytes(server.child.pid);
			let peakBytes = beforeBytes;
			const timer = setInterval(() => {
				const now = rssBytes(server.child.pid);
				if (now > peakBytes) peakBytes = now;
			}, everyMs);
			try {
				const result = await fn();
				const now = rssBytes(server.child.pid);
				if (now > peakBytes) peakBytes = now;
				return { result, beforeBytes, peakBytes, growthBytes: peakBytes - beforeBytes };
			} finally {
				clearInterval(timer);
			}
		},
		close: closeAll,
	};
	context.credential = await run(() => createCredential({ name: 'Alteryx emulator (curator)' }));
	return context;
}

// POST JSON with a long timeout (a Run and Wait webhook answers after the job).
function postJson(url, body, timeoutMs) {
	const http = require('http');
	const payload = JSON.stringify(body);
	return new Promise((resolve, reject) => {
		const req = http.request(
			url,
			{
				method: 'POST',
				headers: {
					'content-type': 'application/json',
					'content-length': Buffer.byteLength(payload),
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
					resolve({ status: res.statusCode, body: text, json });
				});
			},
		);
		req.on('timeout', () => req.destroy(new Error(`timeout: POST ${url}`)));
		req.on('error', reject);
		req.end(payload);
	});
}

module.exports = { createContext, CREDENTIAL_TYPE, rssBytes };
