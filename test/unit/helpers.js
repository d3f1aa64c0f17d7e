'use strict';
// Shared set-up for tests that run the pack's nodes against a fresh emulator.
const { startEmulator } = require('../emulator');
const { createHarness } = require('../harness');

/** A harness for the emulator's curator (header client authentication), with no token yet. */
function harnessFor(emulator, credentialOverrides = {}) {
	return createHarness(emulator.credentialData('curator', credentialOverrides));
}

async function startServerAndHarness(emulatorOptions = {}, credentialOverrides = {}) {
	const emulator = await startEmulator(emulatorOptions);
	return { emulator, harness: harnessFor(emulator, credentialOverrides) };
}

/**
 * One emulator and harness for the whole test file, the emulator reset before each test and
 * closed after the last. `env.emulator` and `env.harness` exist once beforeAll has run.
 */
function useServerAndHarness(emulatorOptions = {}) {
	const env = {};
	beforeAll(async () => {
		Object.assign(env, await startServerAndHarness(emulatorOptions));
	});
	afterAll(async () => {
		await env.emulator?.close();
	});
	beforeEach(() => env.emulator.reset());
	return env;
}

/** Runs a node and returns its output items, or the error it threw. */
async function run(harness, NodeClass, run) {
	try {
		const [items] = await harness.execute(NodeClass, run);
		return { items };
	} catch (error) {
		return { error };
	}
}

function requestsTo(emulator, method, pathPattern) {
	return emulator.requests.filter(
		(entry) =>
			entry.method === method &&
			(pathPattern instanceof RegExp ? pathPattern.test(entry.path) : entry.path === pathPattern),
	);
}

function uploadParameters(ownerId, name) {
	const field = (fieldName, value) => ({ parameterType: 'formData', name: fieldName, value });
	return {
		endpoint: 'v3/workflows',
		sendBody: true,
		contentType: 'multipart-form-data',
		bodyParameters: {
			parameters: [
				{ parameterType: 'formBinaryData', name: 'file', inputDataFieldName: 'data' },
				field('name', name),
				field('ownerId', ownerId),
				field('isPublic', 'false'),
				field('isReadyForMigration', 'false'),
				field('othersMayDownload', 'true'),
				field('othersCanExecute', 'true'),
				field('executionMode', 'Standard'),
				field('workflowCredentialType', 'Default'),
			],
		},
	};
}

function binaryItem(bytes, fileName) {
	return {
		json: {},
		binary: {
			data: {
				data: bytes.toString('base64'),
				mimeType: 'application/octet-stream',
				fileName,
			},
		},
	};
}

module.exports = {
	binaryItem,
	harnessFor,
	requestsTo,
	run,
	startServerAndHarness,
	uploadParameters,
	useServerAndHarness,
};
