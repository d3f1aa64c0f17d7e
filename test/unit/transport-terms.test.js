'use strict';
// The transport's own messages (an endpoint that leaves the credential's address, redirects,
// dropped connections, a web page instead of data, an unreachable host, a POST that may have run)
// in the words of the credential in use: an Alteryx Analytics Cloud user reads about Alteryx
// Analytics Cloud and the credential's Region, a legacy Gallery user about the Gallery API
// Address, never about the Web API Address, System Settings or GET v3/jobs. Against the Cloud
// emulator and the legacy Gallery emulator over HTTP.
const net = require('net');
const { startGalleryLegacyEmulator } = require('../emulator/gallery-legacy');
const { createHarness } = require('../harness');
const { run } = require('./helpers');
const { AlteryxGet } = require('../../nodes/AlteryxGet/AlteryxGet.node');
const { AlteryxPost } = require('../../nodes/AlteryxPost/AlteryxPost.node');
const { credentialData, useCloud } = require('./cloud-node/setup');

/** Everything an error shows a user. */
const shown = (error) =>
	[error.message, error.description, JSON.stringify(error.context ?? {})].join('\n');
const SERVER_WORDS = /Web API|System Settings|Alteryx Server|v3\/jobs|v3\/workflows/;

/** What a node run threw; a run that succeeded fails the test. */
async function failureOf(harness, NodeClass, parameters) {
	const { items, error } = await run(harness, NodeClass, { parameters });
	expect(items).toBeUndefined();
	return error;
}

/** A loopback port nothing listens on. */
async function closedPort() {
	const server = net.createServer();
	await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address();
	await new Promise((resolve) => server.close(resolve));
	return port;
}

describe('Alteryx Analytics Cloud', () => {
	const env = useCloud();
	const get = (endpoint, options = {}, overrides) => {
		if (overrides) env.harness.setCredentials({ ...credentialData(env.cloud), ...overrides });
		return failureOf(env.harness, AlteryxGet, {
			endpoint,
			options: { maxRetries: 0, ...options },
		});
	};

	test('a web page instead of data names Alteryx Analytics Cloud and the Region', async () => {
		env.cloud.faults.add({
			host: 'v4',
			path: '/v4/people/current',
			status: 200,
			headers: { 'content-type': 'text/html; charset=utf-8' },
			body: '<html><body>Sign in</body></html>',
		});
		const error = await get('v4/people/current');
		expect(error.message).toBe('Alteryx Analytics Cloud answered with a web page instead of data');
		expect(error.description).toContain('Check the Region in the credential');
		expect(shown(error)).not.toMatch(SERVER_WORDS);
	});

	test('a redirect to another host is not followed and names the credential’s addresses', async () => {
		env.cloud.faults.add({
			host: 'v4',
			path: '/v4/people/current',
			status: 302,
			headers: { location: 'https://elsewhere.example/v4/people/current' },
			body: '',
		});
		const error = await get('v4/people/current');
		expect(error.message).toBe(
			'Alteryx Analytics Cloud redirected the request to elsewhere.example, outside the addresses in the credential',
		);
		expect(shown(error)).not.toMatch(SERVER_WORDS);
	});

	test('a dropped connection names Alteryx Analytics Cloud', async () => {
		env.cloud.faults.add({ host: 'v4', path: '/v4/people/current', kind: 'reset' });
		const error = await get('v4/people/current');
		expect(error.message).toBe(
			'The connection to Alteryx Analytics Cloud dropped before the answer arrived (/v4/people/current)',
		);
		expect(shown(error)).not.toMatch(SERVER_WORDS);
	});

	test('a POST that may have run says where its runs are listed', async () => {
		const [plan] = env.cloud.state.plans.values();
		env.cloud.faults.add({ host: 'gateway', method: 'POST', path: /\/run$/, kind: 'reset' });
		const error = await failureOf(env.harness, AlteryxPost, {
			endpoint: `plans/v1/plans/${plan.id}/run`,
			sendBody: false,
		});
		expect(error.description).toContain(
			'Alteryx Analytics Cloud may already have carried out this POST',
		);
		expect(error.description).toContain('in the job library or the plan’s runs');
		expect(shown(error)).not.toMatch(SERVER_WORDS);
	});

	test('an unreachable address names Alteryx Analytics Cloud, without Server advice', async () => {
		const port = await closedPort();
		const error = await get('v4/people/current', {}, { v4Url: `http://127.0.0.1:${port}/` });
		expect(error.message).toBe(
			`Alteryx Analytics Cloud is unreachable at http://127.0.0.1:${port}`,
		);
		expect(error.description).toContain('Check the addresses in the credential (host and port)');
		expect(shown(error)).not.toMatch(SERVER_WORDS);
	});

	test('an endpoint on another host is refused with a Cloud path as the example', async () => {
		const error = await get('https://elsewhere.example/v4/people/current');
		expect(error.message).toBe(
			`The endpoint points to elsewhere.example, not to the Alteryx Analytics Cloud in the credential (${new URL(env.cloud.v4Url).origin})`,
		);
		expect(error.description).toContain('Use a path such as v4/people/current');
		expect(shown(error)).not.toMatch(SERVER_WORDS);
		expect(env.cloud.requests).toHaveLength(0);
	});
});

describe('the legacy Gallery API', () => {
	let gallery;
	beforeAll(async () => {
		gallery = await startGalleryLegacyEmulator();
	});
	afterAll(async () => {
		await gallery?.close();
	});

	test('an empty endpoint asks for a path relative to the Gallery API Address', async () => {
		const h = createHarness(gallery.galleryCredentialData('curator'), {
			credentialType: 'alteryxGalleryOAuth1Api',
		});
		const error = await failureOf(h, AlteryxGet, { endpoint: ' ' });
		expect(error.message).toBe('The endpoint is empty');
		expect(error.description).toBe(
			'Enter a path relative to the Gallery API Address, for example v1/workflows/subscription/',
		);
	});

	test('a malformed Gallery API Address names that field', async () => {
		const h = createHarness(
			gallery.galleryCredentialData('curator', { galleryApiUrl: 'not a url' }),
			{ credentialType: 'alteryxGalleryOAuth1Api' },
		);
		const error = await failureOf(h, AlteryxGet, { endpoint: 'v1/workflows/subscription/' });
		expect(error.message).toBe('The Gallery API Address "not a url" is not a URL');
		expect(error.description).toBe('It looks like https://alteryx.example.com/gallery/api/');
	});
});
