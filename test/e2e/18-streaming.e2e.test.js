'use strict';
// Issue 10, "Streaming", in a real n8n with binary data mode filesystem: a 48 MiB package read
// from disk into n8n's binary data store is uploaded by the Alteryx Server node from a stream
// (after a 401 the node sends it once more, rebuilt from the store: n8n renews the token but
// does not resend a stream), then downloaded back into the store by the Server node and by the
// GET node (Autodetect): all three copies are the same bytes.
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');
const h = require('./helpers');

const MIB = 1024 * 1024;
const sha256 = (bytes) => crypto.createHash('sha256').update(bytes).digest('hex');

let suite;
let folder;
beforeAll(async () => {
	suite = await h.startSuite('streaming');
	folder = path.join(suite.n8n.userFolder, 'files');
	fs.mkdirSync(folder);
	suite.n8n.extraEnv = {
		...suite.n8n.extraEnv,
		N8N_DEFAULT_BINARY_DATA_MODE: 'filesystem',
		N8N_RESTRICT_FILE_ACCESS_TO: folder,
	};
});
afterAll(async () => {
	if (suite) await suite.teardown();
});

test('a 48 MiB package goes up from the store (sent again after a 401) and comes back whole, twice', async () => {
	const bytes = crypto.randomBytes(48 * MIB);
	const file = path.join(folder, 'Big Package.yxzp');
	fs.writeFileSync(file, bytes);
	const cred = suite.credentials[0];
	const server = (name, parameters) => ({
		...h.alteryx('get', name, parameters, cred),
		type: `${h.NODE_PREFIX}alteryxServer`,
	});
	const ada = suite.emulator.credentials.curator.userId;
	const wf = h.chain('e2eStreaming', 'e2e: streaming up and down', [
		h.core('readWriteFile', 1, 'Read File', { operation: 'read', fileSelector: file, options: {} }),
		server('Upload', {
			resource: 'workflow',
			operation: 'upload',
			binaryPropertyName: 'data',
			name: 'Streamed E2E',
			ownerId: { __rl: true, mode: 'id', value: ada },
			executionMode: 'Standard',
			workflowCredentialType: 'Default',
			isPublic: false,
			isReadyForMigration: false,
			othersMayDownload: true,
			othersCanExecute: true,
		}),
		server('Download package', {
			resource: 'workflow',
			operation: 'downloadPackage',
			workflowId: { __rl: true, mode: 'id', value: '={{ $json.id }}' },
			binaryPropertyName: 'package',
		}),
		h.alteryx(
			'get',
			'GET package',
			{ endpoint: '=v3/workflows/{{ $json.workflowId }}/package', options: {} },
			cred,
		),
	]);
	// The first upload meets a 401: n8n fetches a new token and hands the 401 back.
	suite.emulator.injectFault({ method: 'POST', path: '/webapi/v3/workflows', status: 401 });
	const res = h.expectOk(await suite.run(wf));

	const sequence = suite.emulator.requests.map(
		(entry) => `${entry.method} ${entry.path} ${entry.status}`,
	);
	expect(sequence).toEqual([
		'POST /webapi/oauth2/token 200',
		'POST /webapi/v3/workflows 401',
		'POST /webapi/oauth2/token 200',
		'POST /webapi/v3/workflows 200',
		expect.stringMatching(/^GET \/webapi\/v3\/workflows\/[0-9a-f]{24}\/package 200$/),
		expect.stringMatching(/^GET \/webapi\/v3\/workflows\/[0-9a-f]{24}\/package 200$/),
	]);
	// n8n's own word that the body was a stream it could not send again (then the node did).
	expect(`${res.stdout}\n${res.stderr}`).toMatch(/was not retried after the token refresh/);
	const upload = suite.emulator.requests.find(
		(entry) => entry.method === 'POST' && entry.status === 200 && entry.path.endsWith('workflows'),
	);
	expect(Number(upload.headers['content-length'])).toBe(upload.bodyBytes);
	expect(upload.headers['transfer-encoding']).toBeUndefined();

	const named = [...suite.emulator.state.workflows.values()].filter(
		(workflow) => workflow.name === 'Streamed E2E',
	);
	expect(named).toHaveLength(1);
	expect(sha256(named[0].versions[0].package)).toBe(sha256(bytes));

	const [downloaded] = res.output('Download package');
	expect(downloaded.json.fileSize).toBe(bytes.length);
	expect(downloaded.binary.package.id).toMatch(/^filesystem/);
	expect(sha256(h.binaryBytes(suite, downloaded.binary.package))).toBe(sha256(bytes));
	const [viaGet] = res.output('GET package');
	expect(viaGet.binary.data.fileName).toBe('Streamed E2E.yxzp');
	expect(viaGet.binary.data.id).toMatch(/^filesystem/);
	expect(sha256(h.binaryBytes(suite, viaGet.binary.data))).toBe(sha256(bytes));
});

h.secretTest(() => suite);
