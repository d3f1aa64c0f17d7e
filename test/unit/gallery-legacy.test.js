'use strict';
// The legacy Gallery API (OAuth 1.0a, /gallery/api/): the emulator's own verification (strict and
// lenient), and the GET/POST verb nodes signing through n8n-core with the credential's
// `authenticate`, against it: queries that are easy to sign wrong, JSON bodies, downloads,
// retries with a fresh nonce, rejected signatures explained.
const http = require('node:http');
const crypto = require('node:crypto');

const {
	AlteryxGalleryOAuth1Api,
	REJECTED_SIGNATURE_HINT,
} = require('../../credentials/AlteryxGalleryOAuth1Api.credentials');
const { AlteryxGet } = require('../../nodes/AlteryxGet/AlteryxGet.node');
const { AlteryxPost } = require('../../nodes/AlteryxPost/AlteryxPost.node');
const { AlteryxServer } = require('../../nodes/AlteryxServer/AlteryxServer.node');
const { AlteryxDelete } = require('../../nodes/AlteryxDelete/AlteryxDelete.node');
const { connectionFor } = require('../../nodes/transport/authentication');
const { signRequest } = require('../../nodes/transport/oauth1');
const {
	startGalleryLegacyEmulator,
	INVALID_SIGNATURE_BODY,
} = require('../emulator/gallery-legacy');
const { rfc3986 } = require('../emulator/gallery-legacy/signature');
const { createHarness } = require('../harness');
const { run } = require('./helpers');

const LEGACY = 'alteryxGalleryOAuth1Api';
const SALES_FORECAST = '66ebd18d3d62000400000001';

let emulator;
beforeAll(async () => {
	emulator = await startGalleryLegacyEmulator();
});
afterAll(async () => {
	await emulator.close();
});
beforeEach(() => {
	emulator.reset();
	emulator.gallery.configure({ signatureMode: 'strict', clockSkewSeconds: 0 });
});

const legacyHarness = (overrides = {}) =>
	createHarness(emulator.galleryCredentialData('curator', overrides), { credentialType: LEGACY });

/** Sends a request to the emulator as is: the Host header and the signed URL chosen by the test. */
function send({ method = 'GET', path, host, headers = {}, body }) {
	return new Promise((resolve, reject) => {
		const { port } = new URL(emulator.url);
		const request = http.request(
			{ host: '127.0.0.1', port, method, path, headers: { Host: host, ...headers } },
			(response) => {
				const chunks = [];
				response.on('data', (chunk) => chunks.push(chunk));
				response.on('end', () =>
					resolve({ status: response.statusCode, body: Buffer.concat(chunks).toString('utf8') }),
				);
			},
		);
		request.on('error', reject);
		request.end(body);
	});
}

/** A URL signed with the pack's signer as if the server were at `signedUrl`, sent to the emulator. */
async function sendSigned(signedUrl, { method = 'GET', host, secret, headers, body, stamp } = {}) {
	const key = emulator.credentials.curator;
	const signed = signRequest(
		{ method, url: signedUrl, headers, body },
		{ consumerKey: key.clientId, consumerSecret: secret ?? key.clientSecret },
		stamp,
	);
	const url = new URL(signed.url);
	return await send({
		method,
		path: `${url.pathname}${url.search}`,
		host: host ?? url.host,
		headers,
		body,
	});
}

describe('the emulator’s legacy mode', () => {
	test('a correctly signed request is answered; the same workflows as the Web API', async () => {
		const { port } = new URL(emulator.url);
		const answer = await sendSigned(
			`http://127.0.0.1:${port}/gallery/api/v1/workflows/subscription/`,
		);
		expect(answer.status).toBe(200);
		const names = JSON.parse(answer.body).map((workflow) => workflow.metaInfo.name);
		expect(names).toContain('Sales Forecast');
		expect(emulator.gallery.counters.signed).toBe(1);
	});

	test('a bad signature gets the server’s real 401 body', async () => {
		const { port } = new URL(emulator.url);
		const answer = await sendSigned(
			`http://127.0.0.1:${port}/gallery/api/v1/workflows/subscription/`,
			{
				secret: 'not-the-secret',
			},
		);
		expect(answer.status).toBe(401);
		expect(JSON.parse(answer.body)).toEqual(INVALID_SIGNATURE_BODY);
		expect(emulator.gallery.requests.at(-1).reason).toBe('signature mismatch');
	});

	test('a replayed nonce is refused, the first use answered', async () => {
		const { port } = new URL(emulator.url);
		const stamp = { nonce: 'same-nonce', timestamp: Math.floor(Date.now() / 1000) };
		const url = `http://127.0.0.1:${port}/gallery/api/v1/workflows/subscription/`;
		expect((await sendSigned(url, { stamp })).status).toBe(200);
		const replay = await sendSigned(url, { stamp });
		expect(replay.status).toBe(401);
		expect(emulator.gallery.counters.replayedNonces).toBe(1);
	});

	test('a timestamp outside the server’s window (clock skew) is refused', async () => {
		emulator.gallery.configure({ clockSkewSeconds: 3600 });
		const { port } = new URL(emulator.url);
		const answer = await sendSigned(
			`http://127.0.0.1:${port}/gallery/api/v1/workflows/subscription/`,
		);
		expect(answer.status).toBe(401);
		expect(emulator.gallery.requests.at(-1).reason).toBe('timestamp outside the window');
	});

	// The server is reached as gallery.example (Host header); what the client signed differs.
	test.each([
		[
			'the RFC form (no default port)',
			'http://gallery.example/gallery/api/v1/workflows/subscription/',
			200,
			200,
		],
		[
			'an explicit default port :80',
			'http://gallery.example:80/gallery/api/v1/workflows/subscription/',
			401,
			200,
		],
		[
			'https signed, http seen (SSL offload)',
			'https://gallery.example/gallery/api/v1/workflows/subscription/',
			401,
			200,
		],
		[
			'https with :443 signed, http seen',
			'https://gallery.example:443/gallery/api/v1/workflows/subscription/',
			401,
			200,
		],
		[
			'another port',
			'http://gallery.example:8080/gallery/api/v1/workflows/subscription/',
			401,
			401,
		],
		['another host', 'http://other.example/gallery/api/v1/workflows/subscription/', 401, 401],
		[
			'upper-case host (normalised by the signer)',
			'http://GALLERY.example/gallery/api/v1/workflows/subscription/',
			200,
			200,
		],
	])('signed as %s (%s): strict %p, lenient %p', async (_, signedUrl, strict, lenient) => {
		// signRequest lower-cases the host and drops the default port itself (RFC 5849); to send
		// what a hand-made client signs, the base string is built here with the port kept.
		const key = emulator.credentials.curator;
		const url = new URL(signedUrl);
		const explicit = /:\d+\//.test(signedUrl.replace(/^https?:\/\//, '').split('/')[0] + '/');
		const baseUri = explicit
			? signedUrl.replace(
					/^(https?):\/\/([^/]+)/,
					(_m, scheme, authority) => `${scheme}://${authority.toLowerCase()}`,
				)
			: `${url.protocol}//${url.host}${url.pathname}`;
		const oauth = {
			oauth_consumer_key: key.clientId,
			oauth_nonce: crypto.randomBytes(8).toString('hex'),
			oauth_signature_method: 'HMAC-SHA1',
			oauth_timestamp: String(Math.floor(Date.now() / 1000)),
			oauth_version: '1.0',
		};
		const params = Object.entries(oauth)
			.map(([k, v]) => `${rfc3986(k)}=${rfc3986(v)}`)
			.sort()
			.join('&');
		const base = `GET&${rfc3986(baseUri.split('?')[0])}&${rfc3986(params)}`;
		const signature = crypto
			.createHmac('sha1', `${key.clientSecret}&`)
			.update(base)
			.digest('base64');
		const path = `${url.pathname}?${params}&oauth_signature=${rfc3986(signature)}`;
		for (const [mode, expected] of [
			['strict', strict],
			['lenient', lenient],
		]) {
			emulator.gallery.configure({ signatureMode: mode });
			const answer = await send({ path, host: 'gallery.example' });
			// The nonce is part of the path: a second mode with the same path would be a replay.
			emulator.gallery.seenNonces.clear();
			expect([mode, answer.status]).toEqual([mode, expected]);
		}
	});

	test('form parameters are part of the signature; JSON bodies are not', async () => {
		const { port } = new URL(emulator.url);
		const form = { 'Content-Type': 'application/x-www-form-urlencoded' };
		const url = `http://127.0.0.1:${port}/gallery/api/v1/workflows/subscription/`;
		// The emulator has no form endpoint: a 404 after the signature check means it passed.
		const signedForm = await sendSigned(url, {
			method: 'POST',
			headers: form,
			body: 'a=1+2&a=%2B',
		});
		expect(signedForm.status).toBe(404);
		const { port: p } = new URL(emulator.url);
		const key = emulator.credentials.curator;
		const signedWithout = signRequest(
			{ method: 'POST', url },
			{ consumerKey: key.clientId, consumerSecret: key.clientSecret },
		);
		const unsigned = await send({
			method: 'POST',
			path: signedWithout.url.replace(`http://127.0.0.1:${p}`, ''),
			host: `127.0.0.1:${p}`,
			headers: form,
			body: 'a=1',
		});
		expect(unsigned.status).toBe(401);
	});

	test('the same V1 endpoints answer under /webapi/ with the OAuth2 token', async () => {
		const harness = createHarness(emulator.credentialData('curator'));
		const result = await run(harness, AlteryxGet, {
			parameters: { endpoint: 'v1/workflows/subscription/' },
		});
		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => item.json.metaInfo.name)).toContain('Sales Forecast');
		expect(emulator.gallery.counters.bearer).toBeGreaterThan(0);
	});
});

describe('the credential', () => {
	test('is registered with its fields, trims the key and secret when signing', async () => {
		const credential = new AlteryxGalleryOAuth1Api();
		expect(credential.name).toBe(LEGACY);
		expect(credential.displayName).toBe('Alteryx Gallery (Legacy OAuth1) API');
		expect(credential.properties.map((p) => p.name)).toEqual([
			'galleryApiUrl',
			'apiKey',
			'apiSecret',
			'ignoreSSLIssues',
		]);
		expect(credential.properties.find((p) => p.name === 'apiSecret').typeOptions).toEqual({
			password: true,
		});
		const signed = await credential.authenticate(
			{ apiKey: '  k  ', apiSecret: 's\n' },
			{ method: 'GET', url: 'https://h/gallery/api/v1/' },
		);
		const params = new URL(signed.url).searchParams;
		expect(params.get('oauth_consumer_key')).toBe('k');
		const again = await credential.authenticate(
			{ apiKey: 'k', apiSecret: 's' },
			{ method: 'GET', url: `https://h/gallery/api/v1/` },
		);
		expect(new URL(again.url).searchParams.get('oauth_nonce')).not.toBe(params.get('oauth_nonce'));
	});

	test('its test signs v1/workflows/subscription/?limit=1 and explains a 401 in plain words', () => {
		const { test } = new AlteryxGalleryOAuth1Api();
		expect(test.request).toMatchObject({ url: 'v1/workflows/subscription/', qs: { limit: 1 } });
		const rule = test.rules.find((r) => r.properties.value === 401);
		expect(rule.properties.message).toBe(REJECTED_SIGNATURE_HINT);
		expect(REJECTED_SIGNATURE_HINT).toMatch(/API Key and API Secret/);
		expect(REJECTED_SIGNATURE_HINT).toMatch(/clock/);
		expect(REJECTED_SIGNATURE_HINT).toMatch(/:443/);
		expect(REJECTED_SIGNATURE_HINT).toMatch(/https vs http/);
	});

	test('its connection: the Gallery API address as base, no token to wait for, secrets to redact', () => {
		const connection = connectionFor(LEGACY, {
			galleryApiUrl: ' https://h.example/gallery/api ',
			apiKey: 'key-12345678',
			apiSecret: 'secret-12345678',
		});
		expect(connection.baseUrl.href).toBe('https://h.example/gallery/api/');
		expect(connection.hasToken).toBe(true);
		expect(connection.sensitiveValues).toEqual({
			clientId: 'key-12345678',
			clientSecret: 'secret-12345678',
		});
		expect(() => connectionFor(LEGACY, { galleryApiUrl: '', apiKey: 'k', apiSecret: 's' })).toThrow(
			/no Gallery API Address/,
		);
	});

	test('the verb nodes offer it; the Alteryx Server node (V3 only) does not', () => {
		for (const NodeClass of [AlteryxGet, AlteryxPost, AlteryxDelete]) {
			const { description } = new NodeClass();
			expect(description.credentials.map((c) => c.name)).toContain(LEGACY);
			const authentication = description.properties.find((p) => p.name === 'authentication');
			expect(authentication.options.map((o) => o.value)).toContain(LEGACY);
		}
		const server = new AlteryxServer().description;
		expect(server.credentials.map((c) => c.name)).not.toContain(LEGACY);
	});
});

describe('the verb nodes on the legacy credential', () => {
	test('GET v1/workflows/subscription/ with a query of spaces, "+", "%" and unicode is signed and answered', async () => {
		const harness = legacyHarness();
		const result = await run(harness, AlteryxGet, {
			parameters: {
				endpoint: 'v1/workflows/subscription/',
				sendQuery: true,
				queryParameters: {
					parameters: [
						{ name: 'search', value: 'Sales Forecast' },
						{ name: 'note', value: 'a+b 100% Zürich' },
					],
				},
			},
		});
		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => item.json.metaInfo.name)).toEqual(['Sales Forecast']);
		const entry = emulator.gallery.requests.at(-1);
		expect(entry).toMatchObject({ via: 'oauth1', status: 200 });
		expect(entry.query).toMatchObject({ search: 'Sales Forecast', note: 'a+b 100% Zürich' });
	});

	test('POST v1/workflows/{id}/jobs/ with questions (JSON body), then GET the job and its output', async () => {
		emulator.configure({ jobTimings: { queuedMs: 0, runningMs: 0 } });
		const harness = legacyHarness();
		const posted = await run(harness, AlteryxPost, {
			parameters: {
				endpoint: `v1/workflows/${SALES_FORECAST}/jobs/`,
				sendBody: true,
				contentType: 'json',
				specifyBody: 'json',
				jsonBody: JSON.stringify({ questions: [{ name: 'Region', value: 'West' }] }),
			},
		});
		expect(posted.error).toBeUndefined();
		const jobId = posted.items[0].json.id;
		expect(emulator.state.jobs.get(jobId).questions).toEqual([{ name: 'Region', value: 'West' }]);
		const job = await run(harness, AlteryxGet, { parameters: { endpoint: `v1/jobs/${jobId}/` } });
		expect(job.items[0].json).toMatchObject({ status: 'Completed', disposition: 'Success' });
		const outputId = job.items[0].json.outputs[0].id;
		const file = await run(harness, AlteryxGet, {
			parameters: {
				endpoint: `v1/jobs/${jobId}/output/${outputId}/`,
				sendQuery: true,
				queryParameters: { parameters: [{ name: 'format', value: 'Csv' }] },
				options: { responseFormat: 'file' },
			},
		});
		expect(file.error).toBeUndefined();
		expect(file.items[0].binary.data.fileName).toMatch(/\.csv$/);
		expect(emulator.gallery.counters.rejectedSignatures).toBe(0);
	});

	test('a key and secret pasted with spaces around them still sign correctly', async () => {
		const key = emulator.credentials.curator;
		const harness = legacyHarness({
			apiKey: ` ${key.clientId}\t`,
			apiSecret: `${key.clientSecret} `,
		});
		const result = await run(harness, AlteryxGet, {
			parameters: { endpoint: 'v1/workflows/subscription/' },
		});
		expect(result.error).toBeUndefined();
	});

	test('a wrong secret: the Gallery’s message and what to check, no secret in the error', async () => {
		const harness = legacyHarness({ apiSecret: 'wrong-secret-123456' });
		const result = await run(harness, AlteryxGet, {
			parameters: { endpoint: 'v1/workflows/subscription/' },
		});
		expect(result.error).toBeDefined();
		expect(result.error.message).toBe(
			'The provided signature(oauth_signature) is invalid. (HTTP 401)',
		);
		expect(result.error.description).toMatch(/rejected the signature/);
		expect(result.error.description).toMatch(/clock/);
		expect(JSON.stringify(result.error)).not.toContain('wrong-secret-123456');
	});

	test('a GET retried after a 503 is signed again with a fresh nonce (no replay)', async () => {
		emulator.injectFault({
			method: 'GET',
			path: /^\/gallery\/api\/v1\/workflows\/subscription/i,
			status: 503,
			times: 2,
		});
		const harness = legacyHarness();
		const result = await run(harness, AlteryxGet, {
			parameters: { endpoint: 'v1/workflows/subscription/', options: { maxRetryWait: 0 } },
		});
		expect(result.error).toBeUndefined();
		const attempts = emulator.gallery.requests.filter((r) => /subscription/.test(r.path));
		expect(attempts.map((r) => r.status)).toEqual([503, 503, 200]);
		expect(new Set(attempts.map((r) => r.query.oauth_nonce)).size).toBe(3);
		expect(emulator.gallery.counters.replayedNonces).toBe(0);
	});

	test('a POST that got a 503 is not sent again', async () => {
		emulator.injectFault({ method: 'POST', path: /jobs/i, status: 503, times: 1 });
		const harness = legacyHarness();
		const result = await run(harness, AlteryxPost, {
			parameters: {
				endpoint: `v1/workflows/${SALES_FORECAST}/jobs/`,
				sendBody: true,
				contentType: 'json',
				specifyBody: 'json',
				jsonBody: '{}',
			},
		});
		expect(result.error).toBeDefined();
		expect(emulator.gallery.requests.filter((r) => r.method === 'POST')).toHaveLength(1);
		expect(emulator.counters.jobEnqueues).toBe(0);
	});

	test('an endpoint outside the Gallery API address is refused before anything is signed', async () => {
		const harness = legacyHarness();
		const result = await run(harness, AlteryxGet, {
			parameters: { endpoint: '../../webapi/v3/workflows' },
		});
		expect(result.error).toBeDefined();
		expect(emulator.gallery.requests).toHaveLength(0);
	});
});

describe('the Alteryx Gallery node: run with questions, wait, take the output', () => {
	const { AlteryxGallery } = require('../../nodes/AlteryxGallery/AlteryxGallery.node');
	const runParameters = (region, extra = {}) => ({
		resource: 'workflow',
		operation: 'run',
		workflowId: SALES_FORECAST,
		questions: { question: [{ name: 'Region', value: region }] },
		options: { downloadOutputs: true, outputFormat: 'Csv', pollInterval: 0.1 },
		...extra,
	});

	beforeEach(() => emulator.configure({ jobTimings: { queuedMs: 0, runningMs: 0 } }));

	test.each([
		['the legacy OAuth1 credential at /gallery/api/', () => legacyHarness(), 'oauth1'],
		[
			'the OAuth2 credential at /webapi/ (a 2022.1+ server)',
			() => createHarness(emulator.credentialData('curator')),
			'bearer',
		],
	])('the same parameters run on %s', async (_, makeHarness, via) => {
		const result = await run(makeHarness(), AlteryxGallery, { parameters: runParameters('West') });
		expect(result.error).toBeUndefined();
		const [item] = result.items;
		expect(item.json).toMatchObject({
			status: 'Completed',
			disposition: 'Success',
			workflowId: SALES_FORECAST,
		});
		expect(item.json.jobId).toBe(item.json.id);
		expect(item.binary.output_0.fileName).toMatch(/\.csv$/);
		expect(item.json.outputs[0]).toMatchObject({
			binaryProperty: 'output_0',
			downloadedFormat: 'Csv',
		});
		expect(emulator.state.jobs.get(item.json.id).questions).toEqual([
			{ name: 'Region', value: 'West' },
		]);
		const paths = emulator.gallery.requests
			.filter((r) => r.via === via)
			.map((r) => `${r.method} ${r.path.replace(/^\/(gallery\/api|webapi)/, '')}`);
		expect(paths[0]).toBe(`POST /v1/workflows/${SALES_FORECAST}/jobs/`);
		expect(paths).toContain(`GET /v1/jobs/${item.json.id}/`);
		expect(paths.at(-1)).toMatch(new RegExp(`^GET /v1/jobs/${item.json.id}/output/[^/]+/$`));
		expect(emulator.counters.jobEnqueues).toBe(1);
	});

	test('a job that ends with Error fails the item with its message; Continue On Fail keeps it as an error item', async () => {
		const failing = runParameters('West', {
			questions: { question: [{ name: 'EmulatorOutcome', value: 'Error' }] },
		});
		const failed = await run(legacyHarness(), AlteryxGallery, { parameters: failing });
		expect(failed.error?.message).toMatch(/ended with result Error/);
		expect(failed.error.description).toMatch(/emulated error/);
		const kept = await run(legacyHarness(), AlteryxGallery, {
			parameters: failing,
			continueOnFail: true,
		});
		expect(kept.items[0].json.error).toMatch(/ended with result Error/);
		expect(kept.items[0].pairedItem).toEqual({ item: 0 });
	});

	test('Workflow → Get Many and Get Questions; Job → Get and Download Output', async () => {
		const harness = legacyHarness();
		const many = await run(harness, AlteryxGallery, {
			parameters: { resource: 'workflow', operation: 'getMany', search: 'forecast' },
		});
		expect(many.items.map((item) => item.json.metaInfo.name)).toEqual(['Sales Forecast']);
		const questions = await run(harness, AlteryxGallery, {
			parameters: { resource: 'workflow', operation: 'getQuestions', workflowId: SALES_FORECAST },
		});
		expect(questions.items.map((item) => item.json.name)).toEqual(['Region', 'Year']);
		const queued = await run(harness, AlteryxGallery, {
			parameters: { ...runParameters('North'), waitForCompletion: false },
		});
		const jobId = queued.items[0].json.jobId;
		const job = await run(harness, AlteryxGallery, {
			parameters: { resource: 'job', operation: 'get', jobId },
		});
		expect(job.items[0].json).toMatchObject({ id: jobId, status: 'Completed' });
		expect(job.items[0].json.messages.length).toBeGreaterThan(0);
		const file = await run(harness, AlteryxGallery, {
			parameters: {
				resource: 'job',
				operation: 'downloadOutput',
				jobId,
				format: 'Csv',
				binaryPropertyName: 'data',
			},
		});
		expect(file.error).toBeUndefined();
		expect(file.items[0].json).toMatchObject({ jobId, format: 'Csv' });
		expect(file.items[0].binary.data.fileName).toMatch(/\.csv$/);
	});

	test('an empty Workflow is a configuration error naming the field; nothing is sent', async () => {
		const result = await run(legacyHarness(), AlteryxGallery, {
			parameters: runParameters('West', { workflowId: ' ' }),
		});
		expect(result.error?.name).toBe('NodeOperationError');
		expect(result.error.message).toBe('The Workflow is empty');
		expect(emulator.gallery.requests).toHaveLength(0);
	});

	describe('the Workflow picker', () => {
		const { createMethodsRunner } = require('./server-node/methods-runner');
		const { galleryAddress } = require('../../nodes/AlteryxServer/helpers/galleryUrls');

		test.each([
			['the legacy OAuth1 credential at /gallery/api/', () => legacyHarness(), 'oauth1'],
			[
				'the OAuth2 credential at /webapi/',
				() => createHarness(emulator.credentialData('curator')),
				'bearer',
			],
		])(
			'From List on %s: the studio’s workflows, filtered by the server, each linked to its Gallery page',
			async (_, makeHarness, via) => {
				const methods = createMethodsRunner(makeHarness(), AlteryxGallery);
				const { results } = await methods.listSearch('searchWorkflows', 'forecast', {
					resource: 'workflow',
					operation: 'run',
				});
				const gallery = `${new URL(emulator.url).origin}/gallery/`;
				expect(results).toEqual([
					{
						name: 'Sales Forecast',
						value: SALES_FORECAST,
						url: `${gallery}app/Sales-Forecast/${SALES_FORECAST}`,
					},
				]);
				const [listed] = emulator.gallery.requests.filter((r) =>
					r.path.endsWith('/v1/workflows/subscription/'),
				);
				expect([listed.via, listed.query.search, listed.status]).toEqual([via, 'forecast', 200]);
			},
		);

		test('the Gallery is found above a legacy Gallery API address, as beside a Web API address', () => {
			expect(galleryAddress('https://h.example/gallery/api/')).toBe('https://h.example/gallery/');
			expect(galleryAddress('https://h.example/alteryx/webapi/')).toBe(
				'https://h.example/alteryx/gallery/',
			);
			expect(galleryAddress('https://h.example/api/')).toBeUndefined();
		});

		test('By URL: the App ID is taken from a Gallery page, also an older Gallery’s #!app/ address', async () => {
			for (const url of [
				`https://alteryx.example.com/gallery/app/Sales-Forecast/${SALES_FORECAST}`,
				`https://alteryx.example.com/gallery/#!app/Sales-Forecast/${SALES_FORECAST}`,
			]) {
				const { items, error } = await run(legacyHarness(), AlteryxGallery, {
					parameters: {
						resource: 'workflow',
						operation: 'getQuestions',
						workflowId: { __rl: true, mode: 'url', value: url },
					},
				});
				expect(error).toBeUndefined();
				expect(items.map((item) => item.json.name)).toEqual(['Region', 'Year']);
			}
		});

		test('By URL without an ID names the field and sends nothing', async () => {
			const { error } = await run(legacyHarness(), AlteryxGallery, {
				parameters: {
					resource: 'workflow',
					operation: 'getQuestions',
					workflowId: { __rl: true, mode: 'url', value: 'https://alteryx.example.com/gallery/' },
				},
			});
			expect(error?.name).toBe('NodeOperationError');
			expect(error.message).toMatch(
				/^The Workflow URL "https:\/\/alteryx.example.com\/gallery\/" has no ID in it/,
			);
			expect(emulator.gallery.requests).toHaveLength(0);
		});
	});

	test('the Authenticate node says it has no token to give for the legacy keys', () => {
		const {
			AlteryxAuthenticate,
		} = require('../../nodes/AlteryxAuthenticate/AlteryxAuthenticate.node');
		const notice = new AlteryxAuthenticate().description.properties.find(
			(p) => p.type === 'notice',
		);
		expect(notice.displayName).toMatch(
			/legacy Gallery API keys \(OAuth1.*\) have no token to give/,
		);
		expect(new AlteryxAuthenticate().description.credentials.map((c) => c.name)).toEqual([
			'alteryxServerOAuth2Api',
		]);
	});
});
