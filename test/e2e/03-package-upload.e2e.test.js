'use strict';
// Issue case 3: multipart upload of a .yxzp from a binary property to v3/workflows, then the
// package download returns the same bytes.
const h = require('./helpers');
const { buildPackage } = require('../emulator/packages');

let suite;
beforeAll(async () => {
	suite = await h.startSuite('package-upload');
});
afterAll(async () => {
	if (suite) await suite.teardown();
});

function curatorId() {
	const key = suite.emulator.credentials.curator.clientId;
	const user = [...suite.emulator.state.users.values()].find((u) => u.apiKey === key);
	return user.id;
}

test('uploads a .yxzp from a binary property and downloads the same bytes', async () => {
	const cred = suite.credentials[0];
	const yxzp = Buffer.from(
		buildPackage({
			name: 'E2E Upload',
			type: 'Workflow',
			questions: [],
			description: 'uploaded by the n8n e2e suite',
			author: 'n8n e2e',
		}),
	);
	const form = (name, value) => ({ parameterType: 'formData', name, value });
	const wf = h.chain('e2ePackageUpload', 'e2e: package upload and download', [
		h.setJson('Package as base64', { yxzp: yxzp.toString('base64') }),
		h.base64ToBinary('To binary', 'yxzp', 'package', 'e2e-upload.yxzp', 'application/octet-stream'),
		h.alteryx(
			'post',
			'Upload workflow',
			{
				endpoint: 'v3/workflows',
				sendBody: true,
				contentType: 'multipart-form-data',
				bodyParameters: {
					parameters: [
						{ parameterType: 'formBinaryData', name: 'file', inputDataFieldName: 'package' },
						form('name', 'E2E Upload'),
						form('ownerId', curatorId()),
						form('isPublic', 'false'),
						form('isReadyForMigration', 'false'),
						form('othersMayDownload', 'true'),
						form('othersCanExecute', 'true'),
						form('executionMode', 'Safe'),
						form('workflowCredentialType', 'Default'),
					],
				},
				options: {},
			},
			cred,
		),
		h.alteryx(
			'get',
			'Download package',
			{
				endpoint: '=v3/workflows/{{ $json.id }}/package',
				options: { responseFormat: 'file', outputPropertyName: 'downloaded' },
			},
			cred,
		),
	]);
	const res = h.expectOk(await suite.run(wf));

	const [created] = res.json('Upload workflow');
	expect(created.id).toMatch(/^[0-9a-f]{24}$/);
	const stored = suite.emulator.state.workflows.get(created.id);
	expect(stored && stored.name).toBe('E2E Upload');

	const [item] = res.output('Download package');
	const bytes = h.binaryBytes(suite, item.binary.downloaded);
	expect(bytes.length).toBe(yxzp.length);
	expect(bytes.equals(yxzp)).toBe(true);
});

h.secretTest(() => suite);
