'use strict';
// Files move as streams both ways (issue 10): a download goes from the socket into n8n's binary
// data store, an upload is read from the store while it is sent, and a stream body is sent once
// more after a 401 (n8n renews the token but does not resend a consumed stream). Files of tens
// of MiB, compared by hash, through the nodes and the emulator on 127.0.0.1.
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');

const { AlteryxGet } = require('../../nodes/AlteryxGet/AlteryxGet.node');
const { AlteryxPost } = require('../../nodes/AlteryxPost/AlteryxPost.node');
const { AlteryxPut } = require('../../nodes/AlteryxPut/AlteryxPut.node');
const { AlteryxServer } = require('../../nodes/AlteryxServer/AlteryxServer.node');
const { SEED_IDS } = require('../emulator');
const { requestsTo, run, uploadParameters, useServerAndHarness } = require('./helpers');

const env = useServerAndHarness();

const MIB = 1024 * 1024;
const sha256 = (bytes) => crypto.createHash('sha256').update(bytes).digest('hex');
const byId = (value) => ({ __rl: true, mode: 'id', value });

// One random file for the whole file: 24 MiB, more than any buffer on the way.
const BIG = crypto.randomBytes(24 * MIB);
const BIG_HASH = sha256(BIG);

/** Binary properties kept in the store by a test, removed after it. */
let stored = [];
afterEach(async () => {
	await env.harness.deleteBinaries(stored);
	stored = [];
});

/** An input item whose binary property `data` is in n8n's binary data store (filesystem mode). */
async function storedItem(bytes, fileName, mimeType) {
	const binary = await env.harness.storeBinary(bytes, { fileName, mimeType });
	stored.push(binary);
	expect(binary.id).toMatch(/^filesystem/);
	return { json: {}, binary: { data: binary } };
}

/** The bytes of an output binary, which must be in the store (streamed), not in the item. */
async function storedBytes(binary) {
	stored.push(binary);
	expect(binary.id).toMatch(/^filesystem/);
	return await env.harness.binaryBuffer(binary);
}

const serverUpload = (name, overrides = {}) => ({
	resource: 'workflow',
	operation: 'upload',
	binaryPropertyName: 'data',
	name,
	ownerId: byId(SEED_IDS.users.ada),
	executionMode: 'Standard',
	workflowCredentialType: 'Default',
	isPublic: false,
	isReadyForMigration: false,
	othersMayDownload: true,
	othersCanExecute: true,
	...overrides,
});

const workflowsNamed = (name) =>
	[...env.emulator.state.workflows.values()].filter((workflow) => workflow.name === name);

describe('downloads go into the binary data store', () => {
	test('GET node, Autodetect: an attachment of 24 MiB arrives whole, named by Content-Disposition', async () => {
		env.emulator.injectFault({
			method: 'GET',
			path: '/webapi/v3/exports/big',
			status: 200,
			headers: {
				'Content-Type': 'application/octet-stream',
				'Content-Disposition': `attachment; filename="big.bin"; filename*=UTF-8''Gro%C3%9Fe%20Datei.bin`,
			},
			body: BIG,
		});
		const { items, error } = await run(env.harness, AlteryxGet, {
			parameters: { endpoint: 'v3/exports/big', options: { maxResponseSize: 1 } },
		});
		expect(error).toBeUndefined();
		const binary = items[0].binary.data;
		expect(binary.fileName).toBe('Große Datei.bin');
		expect(binary.mimeType).toBe('application/octet-stream');
		expect(binary.bytes).toBe(BIG.length);
		expect(sha256(await storedBytes(binary))).toBe(BIG_HASH);
	});

	test('the bytes reach the store while the answer is still arriving', async () => {
		// The server sends 6 of 12 MiB and waits: a node that streams has them in the store
		// (a file still being written); one that buffers has nothing there until the end.
		const fault = env.emulator.injectFault({
			method: 'GET',
			path: '/webapi/v3/exports/stalled',
			kind: 'stall',
			status: 200,
			headers: { 'Content-Disposition': 'attachment; filename="stalled.bin"' },
			body: BIG.subarray(0, 12 * MIB),
			stallAfterBytes: 6 * MIB,
		});
		const folder = env.harness.binaryDataFolder();
		const partial = () =>
			(fs.existsSync(folder) ? fs.readdirSync(folder) : [])
				.filter((name) => name.includes('.tmp.'))
				.map((name) => fs.statSync(path.join(folder, name), { throwIfNoEntry: false })?.size ?? 0)
				.some((size) => size >= 6 * MIB);
		const running = run(env.harness, AlteryxGet, {
			parameters: { endpoint: 'v3/exports/stalled' },
		});
		let seen = false;
		try {
			for (let wait = 0; wait < 200 && !seen; wait++) {
				await new Promise((resolve) => setTimeout(resolve, 50));
				seen = partial();
			}
		} finally {
			for (let wait = 0; wait < 200 && !fault.resume; wait++) {
				await new Promise((resolve) => setTimeout(resolve, 50));
			}
			fault.resume?.();
		}
		const { items, error } = await running;
		expect(error).toBeUndefined();
		expect(seen).toBe(true);
		expect((await storedBytes(items[0].binary.data)).equals(BIG.subarray(0, 12 * MIB))).toBe(true);
	});

	test('GET node, Response Format File: a JSON-typed attachment is kept as it came', async () => {
		const body = Buffer.from(JSON.stringify({ rows: Array.from({ length: 1000 }, (_, i) => i) }));
		env.emulator.injectFault({
			method: 'GET',
			path: '/webapi/v3/exports/rows',
			status: 200,
			headers: { 'Content-Type': 'application/json', 'Content-Disposition': 'attachment' },
			body,
		});
		const { items } = await run(env.harness, AlteryxGet, {
			parameters: { endpoint: 'v3/exports/rows', options: { responseFormat: 'file' } },
		});
		const binary = items[0].binary.data;
		expect(binary.mimeType).toBe('application/json');
		expect((await storedBytes(binary)).equals(body)).toBe(true);
	});

	test('Autodetect: an empty answer with a binary type is still an empty answer, not a file', async () => {
		env.emulator.injectFault({
			method: 'GET',
			path: '/webapi/v3/exports/none',
			status: 200,
			headers: { 'Content-Type': 'application/octet-stream' },
			body: Buffer.alloc(0),
		});
		const { items, error } = await run(env.harness, AlteryxGet, {
			parameters: { endpoint: 'v3/exports/none' },
		});
		expect(error).toBeUndefined();
		expect(items).toEqual([{ json: { success: true, statusCode: 200 }, pairedItem: { item: 0 } }]);
	});

	test('a text answer kept as a file is still redacted: an echoed token never reaches the output', async () => {
		env.emulator.injectFault({
			method: 'GET',
			path: '/webapi/v3/echo',
			status: 200,
			headers: { 'Content-Type': 'text/plain' },
			body: (ctx) => `You sent ${ctx.headers.authorization}`,
		});
		const { items } = await run(env.harness, AlteryxGet, {
			parameters: { endpoint: 'v3/echo', options: { responseFormat: 'file' } },
		});
		const text = (await env.harness.binaryBuffer(items[0].binary.data)).toString('utf8');
		stored.push(items[0].binary.data);
		expect(text).toBe('You sent Bearer [redacted]');
	});

	test('Alteryx Server node: a 24 MiB package uploaded from the store comes back whole, with its name and size', async () => {
		const { items: uploaded, error } = await run(env.harness, AlteryxServer, {
			parameters: serverUpload('Streamed Package'),
			items: [await storedItem(BIG, 'Streamed Package.yxzp', 'application/zip')],
		});
		expect(error).toBeUndefined();
		const id = uploaded[0].json.id;
		const [version] = env.emulator.state.workflows.get(id).versions;
		expect(sha256(version.package)).toBe(BIG_HASH);

		const { items: downloaded } = await run(env.harness, AlteryxServer, {
			parameters: {
				resource: 'workflow',
				operation: 'downloadPackage',
				workflowId: byId(id),
				binaryPropertyName: 'package',
			},
		});
		const binary = downloaded[0].binary.package;
		expect(binary.fileName).toBe('Streamed Package.yxzp');
		expect(binary.mimeType).toBe('application/zip');
		expect(downloaded[0].json.fileSize).toBe(BIG.length);
		expect(sha256(await storedBytes(binary))).toBe(BIG_HASH);
	});

	test('Alteryx Server node: a download without a file name takes the fallback name and a type by its extension', async () => {
		env.emulator.injectFault({
			method: 'GET',
			path: `/webapi/v3/workflows/${SEED_IDS.workflows.salesForecast}/package`,
			status: 200,
			headers: { 'Content-Type': 'application/octet-stream' },
			body: BIG.subarray(0, 3 * MIB),
		});
		const { items } = await run(env.harness, AlteryxServer, {
			parameters: {
				resource: 'workflow',
				operation: 'downloadPackage',
				workflowId: byId(SEED_IDS.workflows.salesForecast),
				binaryPropertyName: 'package',
			},
		});
		const binary = items[0].binary.package;
		expect(binary.fileName).toBe(`${SEED_IDS.workflows.salesForecast}.yxzp`);
		expect(binary.mimeType).toBe('application/zip');
		expect((await storedBytes(binary)).equals(BIG.subarray(0, 3 * MIB))).toBe(true);
	});

	test('a download cut off halfway is an error, not a short file', async () => {
		env.emulator.injectFault({
			method: 'GET',
			path: `/webapi/v3/workflows/${SEED_IDS.workflows.salesForecast}/package`,
			kind: 'truncated',
			status: 200,
			headers: { 'Content-Disposition': 'attachment; filename="cut.yxzp"' },
			body: BIG.subarray(0, 4 * MIB),
			times: Infinity,
		});
		const { items, error } = await run(env.harness, AlteryxServer, {
			parameters: {
				resource: 'workflow',
				operation: 'downloadPackage',
				workflowId: byId(SEED_IDS.workflows.salesForecast),
				binaryPropertyName: 'package',
			},
		});
		expect(items).toBeUndefined();
		expect(error.message).toMatch(/connection to Alteryx Server dropped before the answer arrived/);
	});

	test('the Timeout stops a download that trickles in, and the connection is closed', async () => {
		const path = `/webapi/v3/workflows/${SEED_IDS.workflows.salesForecast}/package`;
		env.emulator.injectFault({ method: 'GET', path, kind: 'trickle', intervalMs: 20 });
		const { items, error } = await run(env.harness, AlteryxGet, {
			parameters: {
				endpoint: `v3/workflows/${SEED_IDS.workflows.salesForecast}/package`,
				options: { timeout: 1000, maxRetries: 0, responseFormat: 'file' },
			},
		});
		expect(items).toBeUndefined();
		expect(error.message).toMatch(/too slow: no complete answer within 1 s/);
		const [entry] = requestsTo(env.emulator, 'GET', path);
		const size = env.emulator.state.workflows.get(SEED_IDS.workflows.salesForecast).versions[0]
			.package.length;
		// The server was still sending when the node hung up.
		expect(entry.responseBytes).toBeLessThan(size);
		for (let wait = 0; wait < 40 && env.emulator.hangingResponses.size > 0; wait++) {
			await new Promise((resolve) => setTimeout(resolve, 50));
		}
		expect(env.emulator.hangingResponses.size).toBe(0);
	});

	test('the error answer of a failed download is shown, with the token redacted', async () => {
		env.emulator.injectFault({
			method: 'GET',
			path: `/webapi/v3/workflows/${SEED_IDS.workflows.salesForecast}/package`,
			status: 500,
			body: (ctx) => ({
				message: `Package store offline (request had ${ctx.headers.authorization})`,
			}),
			times: Infinity,
		});
		const { error } = await run(env.harness, AlteryxServer, {
			parameters: {
				resource: 'workflow',
				operation: 'downloadPackage',
				workflowId: byId(SEED_IDS.workflows.salesForecast),
				binaryPropertyName: 'package',
			},
		});
		const shown = `${error.message} ${error.description}`;
		expect(shown).toMatch(/Package store offline \(request had Bearer \[redacted\]\)/);
		const token = env.harness.storedCredentials().oauthTokenData.access_token;
		expect(JSON.stringify(error)).not.toContain(token);
	});

	test('Max Response Size: a JSON answer over the limit is refused without reading it to the end', async () => {
		const body = Buffer.alloc(8 * MIB, 0x20);
		body[0] = 0x5b; // [
		body[body.length - 1] = 0x5d; // ]
		env.emulator.injectFault({
			method: 'GET',
			path: '/webapi/v3/exports/list',
			status: 200,
			headers: { 'Content-Type': 'application/json' },
			body,
		});
		const { error } = await run(env.harness, AlteryxGet, {
			parameters: { endpoint: 'v3/exports/list', options: { maxResponseSize: 1 } },
		});
		expect(error.message).toMatch(
			/too large to turn into items: 8 MiB of JSON, more than the limit of 1 MiB/,
		);
	});
});

describe('uploads are read from the binary data store while they are sent', () => {
	test('POST node multipart: the framing is what the emulator parses, the package arrives whole, with a Content-Length', async () => {
		const { items, error } = await run(env.harness, AlteryxPost, {
			parameters: uploadParameters(SEED_IDS.users.ada, 'Streamed Multipart'),
			items: [await storedItem(BIG, 'streamed.yxzp', 'application/zip')],
		});
		expect(error).toBeUndefined();
		const [workflow] = workflowsNamed('Streamed Multipart');
		expect(workflow.id).toBe(items[0].json.id);
		expect(workflow).toMatchObject({ ownerId: SEED_IDS.users.ada, othersMayDownload: true });
		expect(sha256(workflow.versions[0].package)).toBe(BIG_HASH);
		const [entry] = requestsTo(env.emulator, 'POST', '/webapi/v3/workflows');
		expect(Number(entry.headers['content-length'])).toBe(entry.bodyBytes);
		expect(entry.headers['transfer-encoding']).toBeUndefined();
	});

	test('PUT node binary body: the bytes arrive as they are stored, with a Content-Length', async () => {
		env.emulator.injectFault({
			method: 'PUT',
			path: '/webapi/v3/blobs/1',
			status: 200,
			body: (ctx) => ({
				sha256: sha256(ctx.rawBody),
				bytes: ctx.rawBody.length,
				contentType: ctx.headers['content-type'],
			}),
		});
		const { items, error } = await run(env.harness, AlteryxPut, {
			parameters: {
				endpoint: 'v3/blobs/1',
				sendBody: true,
				contentType: 'binaryData',
				inputDataFieldName: 'data',
			},
			items: [await storedItem(BIG, 'blob.bin', 'application/x-blob')],
		});
		expect(error).toBeUndefined();
		expect(items[0].json).toEqual({
			sha256: BIG_HASH,
			bytes: BIG.length,
			contentType: 'application/x-blob',
		});
		const [entry] = requestsTo(env.emulator, 'PUT', '/webapi/v3/blobs/1');
		expect(entry.headers['content-length']).toBe(String(BIG.length));
	});

	test('a 401 on a streamed upload: sent once more, rebuilt from the store, and the workflow exists once', async () => {
		await run(env.harness, AlteryxGet, { parameters: { endpoint: 'v3/workflows' } });
		env.emulator.expireAllTokens();
		const warningsBefore = env.harness.warnings.length;
		const before = env.emulator.requests.length;
		const { items, error } = await run(env.harness, AlteryxServer, {
			parameters: serverUpload('Upload After 401'),
			items: [await storedItem(BIG, 'after-401.yxzp', 'application/zip')],
		});
		expect(error).toBeUndefined();
		const sequence = env.emulator.requests
			.slice(before)
			.map((entry) => `${entry.method} ${entry.path} ${entry.status}`);
		expect(sequence).toEqual([
			'POST /webapi/v3/workflows 401',
			'POST /webapi/oauth2/token 200',
			'POST /webapi/v3/workflows 200',
		]);
		// n8n renewed the token and left the resend to the node (its stream was consumed).
		expect(env.harness.warnings.slice(warningsBefore).join('\n')).toMatch(/not retried/);
		const workflows = workflowsNamed('Upload After 401');
		expect(workflows).toHaveLength(1);
		expect(workflows[0].id).toBe(items[0].json.id);
		expect(sha256(workflows[0].versions[0].package)).toBe(BIG_HASH);
	});

	test('a 401 on a streamed multipart POST from the POST node is sent once more too', async () => {
		await run(env.harness, AlteryxGet, { parameters: { endpoint: 'v3/workflows' } });
		env.emulator.expireAllTokens();
		const warningsBefore = env.harness.warnings.length;
		const { error } = await run(env.harness, AlteryxPost, {
			parameters: uploadParameters(SEED_IDS.users.ada, 'Multipart After 401'),
			items: [await storedItem(BIG.subarray(0, MIB), 'small.yxzp', 'application/zip')],
		});
		expect(error).toBeUndefined();
		expect(requestsTo(env.emulator, 'POST', '/webapi/v3/workflows').map((e) => e.status)).toEqual([
			401, 200,
		]);
		expect(env.harness.warnings.slice(warningsBefore).join('\n')).toMatch(/not retried/);
		expect(workflowsNamed('Multipart After 401')).toHaveLength(1);
	});

	test('a second 401 is the answer: the upload is not sent a third time', async () => {
		env.emulator.injectFault({
			method: 'POST',
			path: '/webapi/v3/workflows',
			status: 401,
			body: { message: 'Authorization has been denied for this request.' },
			times: Infinity,
		});
		const { error } = await run(env.harness, AlteryxServer, {
			parameters: serverUpload('Never Accepted'),
			items: [await storedItem(BIG.subarray(0, MIB), 'denied.yxzp', 'application/zip')],
		});
		expect(error.message).toMatch(/Authorization has been denied/);
		expect(requestsTo(env.emulator, 'POST', '/webapi/v3/workflows')).toHaveLength(2);
		expect(workflowsNamed('Never Accepted')).toHaveLength(0);
	});

	test('upload a new version from the store: the version holds the same bytes', async () => {
		const { items, error } = await run(env.harness, AlteryxServer, {
			parameters: {
				resource: 'workflow',
				operation: 'uploadVersion',
				workflowId: byId(SEED_IDS.workflows.salesForecast),
				binaryPropertyName: 'data',
				makePublished: true,
			},
			items: [await storedItem(BIG.subarray(0, 5 * MIB), 'v2.yxzp', 'application/zip')],
		});
		expect(error).toBeUndefined();
		expect(items).toHaveLength(1);
		const { versions } = env.emulator.state.workflows.get(SEED_IDS.workflows.salesForecast);
		expect(versions.at(-1).package.equals(BIG.subarray(0, 5 * MIB))).toBe(true);
	});
});
