'use strict';
// Shared helpers of the e2e suite: an emulator in the test process, an isolated n8n user folder
// with the packed pack, credentials imported through n8n, workflows built from small pieces and
// executed with `n8n execute --id=… --rawOutput`.

const fs = require('fs');
const path = require('path');
const toolchain = require('../../scripts/lib/toolchain');
const n8nLib = require('../../scripts/lib/n8n');
const { stateFile, workRoot } = require('./paths');

const CREDENTIAL_TYPE = 'alteryxServerOAuth2Api';
const NODE_PREFIX = 'n8n-nodes-alteryx.';

function loadState() {
	if (!fs.existsSync(stateFile))
		throw new Error(
			`${stateFile} is missing: run the e2e suite through jest.e2e.config.js (its globalSetup prepares n8n)`,
		);
	const state = JSON.parse(fs.readFileSync(stateFile, 'utf8'));
	const node = { ...state.node, env: toolchain.envForNode(state.node.bin, state.node.dir) };
	return { ...state, n8nInstall: { ...state.n8n, node } };
}

function startEmulator(options) {
	// The emulator lives in test/emulator (another part of this repo).
	const emulator = require('../emulator');
	return emulator.startEmulator({ host: '127.0.0.1', port: 0, ...(options || {}) });
}

// One suite = one emulator + one n8n user folder + credentials. `credentials` is a list of
// { id, name, authentication?, apiAccessKey?, apiAccessSecret?, webApiUrl? } (defaults: the curator key).
async function startSuite(name, opts) {
	opts = opts || {};
	const state = loadState();
	const emulator = await startEmulator(opts.emulator);
	const baseDir = path.join(workRoot, 'instances');
	fs.mkdirSync(baseDir, { recursive: true });
	const userFolder = fs.mkdtempSync(path.join(baseDir, `${name}-`));
	const instance = await n8nLib.createInstance({
		n8n: state.n8nInstall,
		packageDir: state.packageDir,
		userFolder,
	});
	const key = emulator.credentials.curator;
	const creds = (
		opts.credentials || [{ id: 'alteryxCurator', name: 'Alteryx emulator (curator)' }]
	).map((c) => ({
		id: c.id,
		name: c.name,
		type: CREDENTIAL_TYPE,
		data: {
			webApiUrl: c.webApiUrl || emulator.webApiUrl,
			apiAccessKey: c.apiAccessKey || key.clientId,
			apiAccessSecret: c.apiAccessSecret || key.clientSecret,
			authentication: c.authentication || 'header',
			ignoreSSLIssues: false,
		},
	}));
	await instance.importCredentials(creds);
	const secrets = [...new Set(creds.map((c) => c.data.apiAccessSecret))];
	const suite = {
		name,
		state,
		emulator,
		n8n: instance,
		credentials: creds,
		secrets,
		failed: false,
		async run(workflow, runOpts) {
			await instance.importWorkflow(workflow);
			const res = await instance.execute(workflow.id, runOpts);
			return res;
		},
		async teardown() {
			await instance.stop();
			if (emulator && emulator.close) await emulator.close();
			// Keep the user folder of a failed suite for a look at what n8n did.
			if (!suite.failed && process.env.E2E_KEEP !== 'true')
				fs.rmSync(userFolder, { recursive: true, force: true });
		},
	};
	return suite;
}

// ---- workflow building ------------------------------------------------------------------------

let nodeCounter = 0;

function nodeId() {
	nodeCounter += 1;
	return `00000000-0000-4000-8000-${String(nodeCounter).padStart(12, '0')}`;
}

function credentialRef(cred) {
	return { [CREDENTIAL_TYPE]: { id: cred.id, name: cred.name } };
}

function manualTrigger(name) {
	return {
		id: nodeId(),
		name: name || 'Start',
		type: 'n8n-nodes-base.manualTrigger',
		typeVersion: 1,
		parameters: {},
	};
}

// kind: 'authenticate' | 'get' | 'post' | 'put' | 'delete'
function alteryx(kind, name, parameters, cred, extra) {
	const type = `${NODE_PREFIX}alteryx${kind[0].toUpperCase()}${kind.slice(1)}`;
	return {
		id: nodeId(),
		name,
		type,
		typeVersion: 1,
		parameters: parameters || {},
		credentials: credentialRef(cred),
		...(extra || {}),
	};
}

function core(type, typeVersion, name, parameters, extra) {
	return {
		id: nodeId(),
		name,
		type: `n8n-nodes-base.${type}`,
		typeVersion,
		parameters: parameters || {},
		...(extra || {}),
	};
}

// A Set node (v3.4) emitting fixed JSON.
function setJson(name, json) {
	return core('set', 3.4, name, { mode: 'raw', jsonOutput: JSON.stringify(json), options: {} });
}

// Turn a base64 string field into a binary property (Convert to File, "Move base64 string to file").
function base64ToBinary(name, field, binaryProperty, fileName, mimeType) {
	return core('convertToFile', 1.1, name, {
		operation: 'toBinary',
		sourceProperty: field,
		binaryPropertyName: binaryProperty,
		options: { fileName, mimeType: mimeType || 'application/octet-stream' },
	});
}

// A workflow whose nodes run one after the other from a Manual Trigger (`n8n execute` starts there).
function chain(id, name, nodes, extra) {
	const all = [manualTrigger(), ...nodes];
	const connections = {};
	all.forEach((node, i) => {
		node.position = node.position || [i * 220, 0];
		if (i < all.length - 1)
			connections[node.name] = { main: [[{ node: all[i + 1].name, type: 'main', index: 0 }]] };
	});
	return {
		id,
		name,
		nodes: all,
		connections,
		active: false,
		settings: { executionOrder: 'v1' },
		pinData: {},
		...(extra || {}),
	};
}

// Connect nodes by name: graph(id, name, nodes, { A: ['B'], B: ['C', 'D'] }) where an array entry is
// one output (a string or a list of targets for that output).
function graph(id, name, nodes, links, extra) {
	const all = [manualTrigger(), ...nodes];
	all.forEach((node, i) => {
		node.position = node.position || [i * 220, 0];
	});
	const connections = {};
	for (const [from, outputs] of Object.entries({ Start: [nodes[0].name], ...links })) {
		connections[from] = {
			main: outputs.map((o) =>
				(Array.isArray(o) ? o : o ? [o] : []).map((node) => ({ node, type: 'main', index: 0 })),
			),
		};
	}
	return {
		id,
		name,
		nodes: all,
		connections,
		active: false,
		settings: { executionOrder: 'v1' },
		pinData: {},
		...(extra || {}),
	};
}

// Wait (in-process below 65 s) and an If on a field: the polling loop of the examples.
function wait(name, seconds) {
	return core(
		'wait',
		1.1,
		name,
		{ amount: seconds, unit: 'seconds' },
		{ webhookId: `0000000${seconds}-0000-4000-8000-${String(++nodeCounter).padStart(12, '0')}` },
	);
}

function ifEquals(name, expression, value) {
	return core('if', 2.2, name, {
		conditions: {
			options: { caseSensitive: true, leftValue: '', typeValidation: 'strict', version: 2 },
			conditions: [
				{
					id: nodeId(),
					leftValue: expression,
					rightValue: value,
					operator: { type: 'string', operation: 'equals' },
				},
			],
			combinator: 'and',
		},
		options: {},
	});
}

// ---- reading results --------------------------------------------------------------------------

// The bytes of a binary property from an execution item (filesystem mode: the file in the user folder).
function binaryBytes(suite, binary) {
	if (!binary) throw new Error('no binary data in the item');
	const id = binary.id || '';
	if (!id && binary.data) return Buffer.from(binary.data, 'base64');
	const [mode, rel] = id.split(':');
	if (mode && mode.startsWith('filesystem')) {
		const storageRoots = [
			path.join(suite.n8n.userFolder, '.n8n', 'storage'),
			path.join(suite.n8n.userFolder, '.n8n', 'binaryData'),
			path.join(suite.n8n.userFolder, '.n8n'),
		];
		for (const base of storageRoots) {
			const file = path.join(base, rel);
			if (fs.existsSync(file)) return fs.readFileSync(file);
		}
		const found = findFile(path.join(suite.n8n.userFolder, '.n8n'), path.basename(rel));
		if (found) return fs.readFileSync(found);
	}
	throw new Error(`cannot read binary data ${JSON.stringify(binary)}`);
}

function findFile(dir, name) {
	for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
		const p = path.join(dir, entry.name);
		if (entry.isDirectory() && !entry.isSymbolicLink()) {
			const f = findFile(p, name);
			if (f) return f;
		} else if (entry.name === name) return p;
	}
	return null;
}

// Describe a failed execution in a test failure message.
function explain(res) {
	const err = res.error
		? JSON.stringify(
				{
					message: res.error.message,
					description: res.error.description,
					node: res.error.node && res.error.node.name,
				},
				null,
				1,
			)
		: '';
	const short = (text) =>
		n8nLib
			.tail(text, 12)
			.split('\n')
			.map((l) => (l.length > 600 ? `${l.slice(0, 600)}…` : l))
			.join('\n');
	return `exit ${res.code}${res.signal ? ` (signal ${res.signal})` : ''}; last node ${res.lastNode}; ${err}\n--- stdout (tail)\n${short(res.stdout)}\n--- stderr (tail)\n${short(res.stderr)}`;
}

function expectOk(res) {
	if (crashedAfterSuccess(res)) {
		process.stderr.write(
			`[e2e] n8n execute --id=${res.args[1]?.slice(5)} was killed by ${res.signal} after it had printed a successful execution; that execution is what the test checks\n`,
		);
		return res;
	}
	if (res.code !== 0 || !res.execution || res.error)
		throw new Error(`execution failed: ${explain(res)}`);
	return res;
}

/**
 * `n8n execute` prints the execution only once it has finished without error (n8n 2.41's
 * commands/execute.js); in CI the process was once killed by SIGSEGV after that, while shutting
 * down. The execution's own record then says what happened, and the crash is reported.
 */
function crashedAfterSuccess(res) {
	return (
		res.code === null &&
		typeof res.signal === 'string' &&
		res.execution?.status === 'success' &&
		!res.error
	);
}

// Every place the secret could leak through n8n: CLI output, server log, execution data in the DB.
function findSecretLeaks(suite) {
	const leaks = [];
	const output = suite.n8n.allOutput();
	const encodings = (s) => [s, Buffer.from(s).toString('base64'), encodeURIComponent(s)];
	for (const cred of suite.credentials) {
		const secret = cred.data.apiAccessSecret;
		const forms = [
			...encodings(secret),
			Buffer.from(`${cred.data.apiAccessKey}:${secret}`).toString('base64'),
		];
		for (const form of forms) {
			if (output.includes(form))
				leaks.push(`n8n output contains the secret (${form === secret ? 'plain' : 'encoded'})`);
		}
		const db = path.join(suite.n8n.userFolder, '.n8n', 'database.sqlite');
		if (fs.existsSync(db)) {
			const bytes = fs.readFileSync(db);
			for (const form of forms) {
				if (bytes.includes(Buffer.from(form)))
					leaks.push(
						`database.sqlite contains the secret (${form === secret ? 'plain' : 'encoded'})`,
					);
			}
		}
	}
	return leaks;
}

// Call the emulator directly from the test process (to know what n8n should have received).
async function emulatorApi(suite, method, apiPath, opts) {
	opts = opts || {};
	const key = suite.emulator.credentials.curator;
	const base = suite.emulator.webApiUrl.replace(/\/?$/, '/');
	const tokenRes = await rawRequest(
		'POST',
		`${base}oauth2/token`,
		'grant_type=client_credentials',
		{
			'content-type': 'application/x-www-form-urlencoded',
			authorization: `Basic ${Buffer.from(`${key.clientId}:${key.clientSecret}`).toString('base64')}`,
		},
	);
	const token = JSON.parse(tokenRes.body.toString('utf8')).access_token;
	const body = opts.json === undefined ? undefined : JSON.stringify(opts.json);
	const res = await rawRequest(method, `${base}${apiPath}`, body, {
		authorization: `Bearer ${token}`,
		...(body ? { 'content-type': 'application/json' } : {}),
	});
	let json;
	try {
		json = JSON.parse(res.body.toString('utf8'));
	} catch (_) {
		json = undefined;
	}
	return { ...res, json };
}

function rawRequest(method, url, body, headers) {
	const http = require('http');
	return new Promise((resolve, reject) => {
		const req = http.request(
			url,
			{
				method,
				headers: {
					...(headers || {}),
					...(body ? { 'content-length': Buffer.byteLength(body) } : {}),
				},
			},
			(res) => {
				const chunks = [];
				res.on('data', (c) => chunks.push(c));
				res.on('end', () =>
					resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }),
				);
			},
		);
		req.on('error', reject);
		if (body) req.write(body);
		req.end();
	});
}

// The last test of every file: the secret never shows up in what n8n printed or stored.
/**
 * Sets up the owner of a freshly started n8n (a new user folder has none) and returns the
 * session cookie for the editor's REST API.
 */
/**
 * What n8n's editor gets for a "From List" picker (POST
 * /rest/dynamic-node-parameters/resource-locator-results): the results, or an error with n8n's
 * answer. `request`: { path, methodName, filter, nodeTypeAndVersion, currentNodeParameters,
 * credentials }.
 */
async function locatorResults(server, cookie, request) {
	const r = await n8nLib.httpRequest(
		'POST',
		`${server.url}/rest/dynamic-node-parameters/resource-locator-results`,
		request,
		{ cookie },
	);
	if (r.status !== 200)
		throw new Error(
			`resource-locator-results ${request.methodName}: HTTP ${r.status} ${r.body.slice(0, 500)}`,
		);
	return r.json.data.results;
}

/**
 * Remembers whether a test of the file failed, so that afterAll keeps the folders and logs of a
 * failed run: wrap a test body in `mark.check(fn)` or declare it with `mark.test(name, fn,
 * timeout)`, then read `mark.failed`.
 */
function failureMark() {
	const mark = {
		failed: false,
		check: (fn) => async () => {
			try {
				return await fn();
			} catch (error) {
				mark.failed = true;
				throw error;
			}
		},
		test: (name, fn, timeout) => test(name, mark.check(fn), timeout),
	};
	return mark;
}

async function ownerCookie(server, lastName) {
	const owner = {
		email: `e2e-${lastName.toLowerCase()}@example.com`,
		firstName: 'E',
		lastName,
		password: 'E2e-Password-1',
	};
	const setup = await n8nLib.httpRequest('POST', `${server.url}/rest/owner/setup`, owner);
	expect(setup.status).toBe(200);
	return setup.cookies.join('; ');
}

function secretTest(getSuite) {
	test('the API secret appears nowhere in execution output, n8n output or the n8n database', async () => {
		const suite = getSuite();
		await suite.n8n.stop();
		expect(suite.n8n.transcript.length).toBeGreaterThan(0);
		expect(findSecretLeaks(suite)).toEqual([]);
	});
}

module.exports = {
	CREDENTIAL_TYPE,
	emulatorApi,
	secretTest,
	ownerCookie,
	NODE_PREFIX,
	failureMark,
	locatorResults,
	loadState,
	startSuite,
	manualTrigger,
	alteryx,
	core,
	setJson,
	base64ToBinary,
	chain,
	graph,
	wait,
	ifEquals,
	binaryBytes,
	explain,
	expectOk,
	findSecretLeaks,
	sleep: n8nLib.sleep,
};
