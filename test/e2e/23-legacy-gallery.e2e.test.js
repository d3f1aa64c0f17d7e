'use strict';
// Issue 14 in a real n8n: the legacy Gallery API credential (OAuth 1.0a, /gallery/api/) signs the
// GET/POST verb nodes and the Alteryx Gallery node's run-and-wait against the emulator's legacy
// mode (its own strict RFC 5849 verification); the same workflows then move to a 2022.1+ server
// (/webapi/, the OAuth2 credential) by changing only the credential; the credential's Test button
// passes, and explains a rejected signature.
const fs = require('fs');
const path = require('path');
const h = require('./helpers');
const n8nLib = require('../../scripts/lib/n8n');
const { workRoot } = require('./paths');
const { startGalleryLegacyEmulator } = require('../emulator/gallery-legacy');
const { SEED_IDS } = require('../emulator/seed');

const SALES_FORECAST = SEED_IDS.workflows.salesForecast;
const LEGACY = 'alteryxGalleryOAuth1Api';
const SERVER = 'alteryxServerOAuth2Api';

let emulator;
let instance;
let userFolder;
let legacyCredential;
let serverCredential;

beforeAll(async () => {
	const state = h.loadState();
	emulator = await startGalleryLegacyEmulator({
		host: '127.0.0.1',
		signatureMode: 'strict',
		jobTimings: { queuedMs: 300, runningMs: 700 },
	});
	const baseDir = path.join(workRoot, 'instances');
	fs.mkdirSync(baseDir, { recursive: true });
	userFolder = fs.mkdtempSync(path.join(baseDir, 'legacy-gallery-'));
	instance = await n8nLib.createInstance({
		n8n: state.n8nInstall,
		packageDir: state.packageDir,
		userFolder,
	});
	legacyCredential = {
		id: 'galleryLegacy',
		name: 'Alteryx Gallery (legacy emulator)',
		type: LEGACY,
		data: emulator.galleryCredentialData('curator'),
	};
	serverCredential = {
		id: 'alteryxCurator',
		name: 'Alteryx Server (emulator)',
		type: SERVER,
		data: emulator.credentialData('curator'),
	};
	await instance.importCredentials([legacyCredential, serverCredential]);
});

afterAll(async () => {
	if (instance) await instance.stop();
	if (emulator) await emulator.close();
	if (userFolder && process.env.E2E_KEEP !== 'true')
		fs.rmSync(userFolder, { recursive: true, force: true });
});

let ownerCookie;
/** The owner's session: set up once per n8n user folder (a second setup is refused), kept across restarts. */
async function signedIn(server) {
	ownerCookie ??= await h.ownerCookie(server, 'Legacy');
	return ownerCookie;
}

/** A node of the pack on the given credential: its Authentication and its credential, nothing else. */
function packNode(type, name, parameters, credential) {
	return {
		...h.alteryx(type, name, { authentication: credential.type, ...parameters }, credential),
		credentials: { [credential.type]: { id: credential.id, name: credential.name } },
	};
}

/** The verb nodes: find the app, queue a job with an answer (JSON body), read the job. */
function verbWorkflow(id, credential) {
	return h.chain(id, `e2e: legacy verbs (${credential.type})`, [
		packNode(
			'get',
			'List Workflows',
			{
				endpoint: 'v1/workflows/subscription/',
				sendQuery: true,
				queryParameters: { parameters: [{ name: 'search', value: 'Sales Forecast' }] },
			},
			credential,
		),
		packNode(
			'post',
			'Queue Job',
			{
				endpoint: '={{ "v1/workflows/" + $json.id + "/jobs/" }}',
				sendBody: true,
				contentType: 'json',
				specifyBody: 'json',
				jsonBody: JSON.stringify({ questions: [{ name: 'Region', value: 'South' }] }),
			},
			credential,
		),
		packNode('get', 'Read Job', { endpoint: '={{ "v1/jobs/" + $json.id + "/" }}' }, credential),
	]);
}

/** The Alteryx Gallery node: run the app with its questions, wait, download the output. */
function runAndWaitWorkflow(id, credential) {
	return h.chain(id, `e2e: legacy run and wait (${credential.type})`, [
		packNode(
			'gallery',
			'Run and Wait',
			{
				resource: 'workflow',
				operation: 'run',
				// As the editor saves a pick from the list.
				workflowId: {
					__rl: true,
					mode: 'list',
					value: SALES_FORECAST,
					cachedResultName: 'Sales Forecast',
				},
				questions: {
					question: [
						{ name: 'Region', value: 'West' },
						{ name: 'Year', value: '2026' },
					],
				},
				waitForCompletion: true,
				options: { downloadOutputs: true, outputFormat: 'Csv', pollInterval: 0.2, timeout: 60 },
			},
			credential,
		),
	]);
}

async function execute(workflow) {
	await instance.importWorkflow(workflow);
	return h.expectOk(await instance.execute(workflow.id));
}

describe.each([
	['the legacy OAuth1 credential (/gallery/api/)', () => legacyCredential, 'oauth1'],
	['the OAuth2 credential (/webapi/), nothing else changed', () => serverCredential, 'bearer'],
])('%s', (_, credentialOf, via) => {
	test('GET and POST verb nodes: list, queue a job with an answer, read it', async () => {
		const before = emulator.gallery.requests.length;
		const res = await execute(verbWorkflow(`e2eLegacyVerbs${via}`, credentialOf()));
		const [listed] = res.output('List Workflows');
		expect(listed.json.metaInfo.name).toBe('Sales Forecast');
		const [queued] = res.output('Queue Job');
		expect(queued.json.status).toBe('Queued');
		const stored = emulator.state.jobs.get(queued.json.id);
		expect(stored.questions).toEqual([{ name: 'Region', value: 'South' }]);
		const [read] = res.output('Read Job');
		expect(read.json.id).toBe(queued.json.id);
		const ours = emulator.gallery.requests.slice(before);
		expect(ours.map((r) => [r.method, r.via, r.status])).toEqual([
			['GET', via, 200],
			['POST', via, 200],
			['GET', via, 200],
		]);
	});

	test('the Alteryx Gallery node runs the app with its questions, waits and downloads the output', async () => {
		const res = await execute(runAndWaitWorkflow(`e2eLegacyRun${via}`, credentialOf()));
		const [item] = res.output('Run and Wait');
		expect(item.json).toEqual(
			expect.objectContaining({
				workflowId: SALES_FORECAST,
				status: 'Completed',
				disposition: 'Success',
			}),
		);
		expect(item.json.jobId).toBe(item.json.id);
		expect(emulator.state.jobs.get(item.json.id).questions).toEqual([
			{ name: 'Region', value: 'West' },
			{ name: 'Year', value: '2026' },
		]);
		expect(item.json.outputs[0]).toEqual(
			expect.objectContaining({ binaryProperty: 'output_0', downloadedFormat: 'Csv' }),
		);
		expect(item.binary.output_0.fileName).toMatch(/\.csv$/);
		const polls = emulator.gallery.requests.filter(
			(r) => r.via === via && r.path.endsWith(`/v1/jobs/${item.json.id}/`),
		);
		expect(polls.length).toBeGreaterThanOrEqual(2);
	});
});

test('no request had its signature rejected or a nonce replayed', () => {
	expect(emulator.gallery.counters.signed).toBeGreaterThan(0);
	expect(emulator.gallery.counters.rejectedSignatures).toBe(0);
	expect(emulator.gallery.counters.replayedNonces).toBe(0);
});

test('the Alteryx Gallery node’s Workflow picker lists the studio’s workflows in the editor, signed with the legacy keys', async () => {
	const server = await instance.start();
	const cookie = await signedIn(server);
	const before = emulator.gallery.requests.length;
	const found = await h.locatorResults(server, cookie, {
		path: 'workflowId',
		methodName: 'searchWorkflows',
		filter: 'forecast',
		nodeTypeAndVersion: { name: `${h.NODE_PREFIX}alteryxGallery`, version: 1 },
		currentNodeParameters: {
			authentication: LEGACY,
			resource: 'workflow',
			operation: 'run',
			workflowId: { __rl: true, mode: 'list', value: '' },
		},
		credentials: { [LEGACY]: { id: legacyCredential.id, name: legacyCredential.name } },
	});
	expect(found).toEqual([
		{
			name: 'Sales Forecast',
			value: SALES_FORECAST,
			url: `${new URL(emulator.url).origin}/gallery/app/Sales-Forecast/${SALES_FORECAST}`,
		},
	]);
	const listed = emulator.gallery.requests.slice(before);
	expect(listed.map((r) => [r.method, r.path, r.query.search, r.via, r.status])).toEqual([
		['GET', '/gallery/api/v1/workflows/subscription/', 'forecast', 'oauth1', 200],
	]);
	await instance.stop();
});

test("the credential's Test button signs v1/workflows/subscription/?limit=1, and explains a wrong secret", async () => {
	const server = await instance.start();
	const cookie = await signedIn(server);
	const testWith = async (data) =>
		await n8nLib.httpRequest(
			'POST',
			`${server.url}/rest/credentials/test`,
			{
				credentials: {
					id: legacyCredential.id,
					name: legacyCredential.name,
					type: LEGACY,
					data,
				},
			},
			{ cookie },
		);
	const before = emulator.gallery.requests.length;
	const ok = await testWith(legacyCredential.data);
	expect([ok.status, ok.json?.data?.status ?? ok.json ?? ok.body]).toEqual([200, 'OK']);
	const tested = emulator.gallery.requests.slice(before);
	expect(tested.map((r) => [r.method, r.path, r.query.limit, r.status])).toEqual([
		['GET', '/gallery/api/v1/workflows/subscription/', '1', 200],
	]);
	const wrong = await testWith({ ...legacyCredential.data, apiSecret: 'not-the-secret-4711' });
	expect(wrong.json.data.status).toBe('Error');
	expect(wrong.json.data.message).toMatch(/rejected the signature/);
	expect(wrong.json.data.message).toMatch(/clock/);
	expect(wrong.json.data.message).not.toContain('not-the-secret-4711');
	await instance.stop();
});

test('the API secret appears nowhere in n8n output or the n8n database', async () => {
	await instance.stop();
	const secret = legacyCredential.data.apiSecret;
	const forms = [secret, encodeURIComponent(secret), Buffer.from(secret).toString('base64')];
	const output = instance.allOutput();
	for (const form of forms) expect(output.includes(form)).toBe(false);
	const db = path.join(instance.userFolder, '.n8n', 'database.sqlite');
	const bytes = fs.readFileSync(db);
	for (const form of forms) expect(bytes.includes(Buffer.from(form))).toBe(false);
});
