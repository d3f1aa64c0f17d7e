'use strict';
// The Alteryx Server GET / POST / PUT / DELETE nodes, run through n8n-core against the emulator:
// every parameter, every body type, pagination, binary in and out, errors and continueOnFail.
const { AlteryxDelete } = require('../../nodes/AlteryxDelete/AlteryxDelete.node');
const { AlteryxGet } = require('../../nodes/AlteryxGet/AlteryxGet.node');
const { AlteryxPost } = require('../../nodes/AlteryxPost/AlteryxPost.node');
const { AlteryxPut } = require('../../nodes/AlteryxPut/AlteryxPut.node');
const { requestNodeCredentials } = require('../../nodes/transport/authentication');
const {
	binaryItem,
	requestsTo,
	run,
	startServerAndHarness,
	uploadParameters,
} = require('./helpers');

const SALES_FORECAST = '66ebd18d3d62000400000001';
const ADA = '66ebd18d3d62000100000001';
let emulator;
let harness;

beforeAll(async () => {
	({ emulator, harness } = await startServerAndHarness());
});
afterAll(async () => {
	await emulator.close();
});
beforeEach(() => {
	emulator.reset();
});

const lastRequest = (method, path) => requestsTo(emulator, method, path).at(-1);
// emulator.reset() forgets issued tokens, so a test's first call may be a 401 and its retry.
const answered = (method, path) =>
	requestsTo(emulator, method, path).filter((entry) => entry.status !== 401);

describe('node descriptions', () => {
	test.each([
		[AlteryxGet, 'alteryxGet', 'Alteryx Server GET'],
		[AlteryxPost, 'alteryxPost', 'Alteryx Server POST'],
		[AlteryxPut, 'alteryxPut', 'Alteryx Server PUT'],
		[AlteryxDelete, 'alteryxDelete', 'Alteryx Server DELETE'],
	])('%p keeps its public type name and is usable as a tool', (NodeClass, name, displayName) => {
		const { description } = new NodeClass();
		expect(description.name).toBe(name);
		expect(description.displayName).toBe(displayName);
		expect(description.usableAsTool).toBe(true);
		expect(description.credentials).toEqual(requestNodeCredentials);
		expect(description.credentials.map((credential) => credential.name)).toEqual([
			'alteryxServerOAuth2Api',
			'alteryxCloudOAuth2Api',
			'alteryxCloudServicePrincipalOAuth2Api',
			'alteryxGalleryOAuth1Api',
		]);
		const names = description.properties.map((property) => property.name);
		expect(names.slice(0, 2)).toEqual(['authentication', 'endpoint']);
		expect(names.includes('sendBody')).toBe(name === 'alteryxPost' || name === 'alteryxPut');
	});
});

describe('GET', () => {
	test('splits a top-level array into one item per element, paired with its input', async () => {
		const { items } = await run(harness, AlteryxGet, {
			parameters: { endpoint: 'v3/workflows' },
			items: [{ a: 1 }, { a: 2 }],
		});
		const count = emulator.state.workflows.size;
		expect(items).toHaveLength(count * 2);
		expect(items[0].pairedItem).toEqual({ item: 0 });
		expect(items[count].pairedItem).toEqual({ item: 1 });
		expect(items[0].json).toHaveProperty('id');
	});

	test('keeps the array in one item when Split Into Items is off', async () => {
		const { items } = await run(harness, AlteryxGet, {
			parameters: { endpoint: 'v3/workflows', options: { splitIntoItems: false } },
		});
		expect(items).toHaveLength(1);
		expect(Array.isArray(items[0].json.data)).toBe(true);
	});

	test('resolves expressions in the endpoint and accepts a leading slash or the /webapi/ prefix', async () => {
		for (const endpoint of [
			`=/v3/workflows/{{ $json.id }}`,
			`=/webapi/v3/workflows/{{ $json.id }}`,
			`=${emulator.webApiUrl}v3/workflows/{{ $json.id }}`,
		]) {
			const { items, error } = await run(harness, AlteryxGet, {
				parameters: { endpoint },
				items: [{ id: SALES_FORECAST }],
			});
			expect(error).toBeUndefined();
			expect(items[0].json.id).toBe(SALES_FORECAST);
		}
	});

	test('sends query parameters from fields (a repeated name repeats) and from JSON', async () => {
		await run(harness, AlteryxGet, {
			parameters: {
				endpoint: 'v3/workflows',
				sendQuery: true,
				queryParameters: {
					parameters: [
						{ name: 'view', value: 'Full' },
						{ name: 'name', value: 'Sales & Forecast #1' },
					],
				},
			},
		});
		expect(lastRequest('GET', '/webapi/v3/workflows').query).toEqual({
			view: 'Full',
			name: 'Sales & Forecast #1',
		});

		const { items } = await run(harness, AlteryxGet, {
			parameters: {
				endpoint: 'v3/users',
				sendQuery: true,
				specifyQuery: 'json',
				jsonQuery: '{"view": "Full", "active": true}',
			},
		});
		expect(lastRequest('GET', '/webapi/v3/users').query).toEqual({ view: 'Full', active: 'true' });
		expect(items.every((item) => item.json.isActive === true)).toBe(true);
	});

	test('sends extra headers from fields and JSON', async () => {
		await run(harness, AlteryxGet, {
			parameters: {
				endpoint: 'v3/workflows',
				sendHeaders: true,
				headerParameters: { parameters: [{ name: 'X-Request-Id', value: 'abc-1' }] },
			},
		});
		expect(lastRequest('GET', '/webapi/v3/workflows').headers['x-request-id']).toBe('abc-1');
		await run(harness, AlteryxGet, {
			parameters: {
				endpoint: 'v3/workflows',
				sendHeaders: true,
				specifyHeaders: 'json',
				jsonHeaders: '{"X-Trace": "t-2"}',
			},
		});
		expect(lastRequest('GET', '/webapi/v3/workflows').headers['x-trace']).toBe('t-2');
	});

	test('Include Response Headers and Status returns one item with statusCode, headers and body', async () => {
		const { items } = await run(harness, AlteryxGet, {
			parameters: { endpoint: `v3/workflows/${SALES_FORECAST}`, options: { fullResponse: true } },
		});
		expect(items).toHaveLength(1);
		expect(items[0].json.statusCode).toBe(200);
		expect(items[0].json.headers['content-type']).toMatch(/json/);
		expect(items[0].json.body.id).toBe(SALES_FORECAST);
	});

	test('downloads a workflow package into a binary property with the server’s file name', async () => {
		const stored = emulator.state.workflows.get(SALES_FORECAST);
		const { items } = await run(harness, AlteryxGet, {
			parameters: {
				endpoint: `v3/workflows/${SALES_FORECAST}/package`,
				options: { outputPropertyName: 'package' },
			},
		});
		const binary = items[0].binary.package;
		expect(binary.fileName).toMatch(/\.yxzp$/);
		expect(binary.mimeType).toBe('application/octet-stream');
		const bytes = await harness.binaryBuffer(binary);
		expect(bytes.subarray(0, 2).toString()).toBe('PK');
		expect(bytes.length).toBeGreaterThan(20);
		expect(stored).toBeDefined();
	});

	test('Response Format Text and JSON are honoured', async () => {
		const text = await run(harness, AlteryxGet, {
			parameters: {
				endpoint: `v3/workflows/${SALES_FORECAST}`,
				options: { responseFormat: 'text', outputPropertyName: 'raw' },
			},
		});
		expect(JSON.parse(text.items[0].json.raw).id).toBe(SALES_FORECAST);
		const json = await run(harness, AlteryxGet, {
			parameters: {
				endpoint: `v3/workflows/${SALES_FORECAST}/package`,
				options: { responseFormat: 'json' },
			},
		});
		expect(json.error.message).toMatch(/not valid JSON/);
		expect(json.error.constructor.name).toBe('NodeOperationError');
	});

	test('pagination: Return All walks offset/limit pages of v3/workflows/{id}/jobs', async () => {
		const historyId = workflowWithMostJobs();
		const total = [...emulator.state.jobs.values()].filter(
			(job) => job.workflowId === historyId,
		).length;
		expect(total).toBeGreaterThanOrEqual(25);
		const { items } = await run(harness, AlteryxGet, {
			parameters: {
				endpoint: `v3/workflows/${historyId}/jobs`,
				options: { pagination: { pagination: { returnAll: true, pageSize: 10 } } },
			},
		});
		expect(items).toHaveLength(total);
		expect(new Set(items.map((item) => item.json.id)).size).toBe(total);
		const pages = answered('GET', `/webapi/v3/workflows/${historyId}/jobs`);
		// A plain array has no "next page" flag: paging stops at the first short page.
		const expectedOffsets = Array.from({ length: Math.floor(total / 10) + 1 }, (_, index) =>
			String(index * 10),
		);
		expect(pages.map((page) => page.query.offset)).toEqual(expectedOffsets);
		expect(pages.every((page) => page.query.limit === '10')).toBe(true);
	});

	test('pagination: a limit stops early and asks only for what is needed', async () => {
		const historyId = workflowWithMostJobs();
		const { items } = await run(harness, AlteryxGet, {
			parameters: {
				endpoint: `v3/workflows/${historyId}/jobs`,
				options: { pagination: { pagination: { returnAll: false, limit: 12, pageSize: 5 } } },
			},
		});
		expect(items).toHaveLength(12);
		const pages = answered('GET', `/webapi/v3/workflows/${historyId}/jobs`);
		expect(pages.map((page) => [page.query.offset, page.query.limit])).toEqual([
			['0', '5'],
			['5', '5'],
			['10', '2'],
		]);
	});

	test('pagination: follows the { data, pagination } envelope of v3/jobs', async () => {
		const { items } = await run(harness, AlteryxGet, {
			parameters: {
				endpoint: 'v3/jobs',
				options: { pagination: { pagination: { returnAll: true, pageSize: 7 } } },
			},
		});
		const requests = answered('GET', '/webapi/v3/jobs');
		expect(items.length).toBeGreaterThan(7);
		expect(items[0].json).toHaveProperty('jobId');
		// The envelope says when there is no next page, so no request is wasted on an empty one.
		expect(requests.map((request) => request.query.offset)).toEqual(
			Array.from({ length: Math.ceil(items.length / 7) }, (_, index) => String(index * 7)),
		);
	});
});

describe('POST', () => {
	test('runs a workflow with questions from a JSON body; the job comes back as one item', async () => {
		const { items } = await run(harness, AlteryxPost, {
			parameters: {
				endpoint: `=v3/workflows/{{ $json.workflowId }}/jobs`,
				sendBody: true,
				contentType: 'json',
				specifyBody: 'json',
				jsonBody:
					'={{ JSON.stringify({ questions: [{ name: "Region", value: $json.region }], priority: "High" }) }}',
			},
			items: [{ workflowId: SALES_FORECAST, region: 'West' }],
		});
		expect(items).toHaveLength(1);
		expect(items[0].json.status).toBe('Queued');
		expect(items[0].json.priority).toBe('High');
		expect(emulator.counters.jobEnqueues).toBe(1);
	});

	test('JSON body from fields', async () => {
		const { items } = await run(harness, AlteryxPost, {
			parameters: {
				endpoint: 'v3/collections',
				sendBody: true,
				contentType: 'json',
				specifyBody: 'keypair',
				bodyParameters: { parameters: [{ name: 'name', value: 'Team Reports' }] },
			},
		});
		expect(items[0].json.id).toMatch(/^[0-9a-f]{24}$/);
		const created = emulator.state.collections.get(items[0].json.id);
		expect(created.name).toBe('Team Reports');
	});

	test('a created id (a JSON string literal) becomes { id }', async () => {
		const { items } = await run(harness, AlteryxPost, {
			parameters: {
				endpoint: 'v3/usergroups',
				sendBody: true,
				jsonBody: '{"name": "Night shift", "role": "Viewer"}',
			},
		});
		expect(Object.keys(items[0].json)).toEqual(['id']);
		expect(emulator.state.userGroups.has(items[0].json.id)).toBe(true);
	});

	test('a JSON array body is sent as an array (adding users to a group)', async () => {
		const group = [...emulator.state.userGroups.keys()][0];
		const { items, error } = await run(harness, AlteryxPost, {
			parameters: {
				endpoint: `v3/usergroups/${group}/users`,
				sendBody: true,
				jsonBody: `["${ADA}"]`,
			},
		});
		expect(error).toBeUndefined();
		expect(items[0].json.totalUsersSubmittedCount).toBe(1);
	});

	test('multipart upload of a .yxzp from a binary property; the package downloads byte for byte', async () => {
		const packageBytes = Buffer.concat([
			Buffer.from('PK\u0003\u0004'),
			Buffer.from([0, 1, 2, 250, 251, 252]),
			Buffer.alloc(5000, 7),
		]);
		const upload = await run(harness, AlteryxPost, {
			parameters: uploadParameters(ADA, 'Uploaded From n8n'),
			items: [binaryItem(packageBytes, 'upload.yxzp')],
		});
		expect(upload.error).toBeUndefined();
		const id = upload.items[0].json.id;
		expect(emulator.state.workflows.get(id).name).toBe('Uploaded From n8n');

		const download = await run(harness, AlteryxGet, {
			parameters: { endpoint: `v3/workflows/${id}/package` },
		});
		expect((await harness.binaryBuffer(download.items[0].binary.data)).equals(packageBytes)).toBe(
			true,
		);
	});

	test('form-urlencoded, raw and binary bodies carry their content type', async () => {
		await run(harness, AlteryxPost, {
			parameters: {
				endpoint: 'v3/collections',
				sendBody: true,
				contentType: 'form-urlencoded',
				bodyParameters: { parameters: [{ name: 'name', value: 'Form & Co' }] },
			},
		});
		const form = lastRequest('POST', '/webapi/v3/collections');
		expect(form.headers['content-type']).toBe('application/x-www-form-urlencoded');
		expect(form.status).toBe(200);

		await run(harness, AlteryxPost, {
			parameters: {
				endpoint: 'v3/collections',
				sendBody: true,
				contentType: 'raw',
				rawContentType: 'application/json',
				body: '{"name":"Raw collection"}',
			},
		});
		expect(lastRequest('POST', '/webapi/v3/collections').status).toBe(200);
		expect([...emulator.state.collections.values()].some((c) => c.name === 'Raw collection')).toBe(
			true,
		);

		const bytes = Buffer.from('01J0000000000000000000000\n');
		await run(harness, AlteryxPost, {
			parameters: {
				endpoint: 'v3/collections',
				sendBody: true,
				contentType: 'binaryData',
				inputDataFieldName: 'file',
			},
			items: [
				{
					json: {},
					binary: {
						file: { data: bytes.toString('base64'), mimeType: 'text/plain', fileName: 'u.txt' },
					},
				},
			],
		});
		const binary = lastRequest('POST', '/webapi/v3/collections');
		expect(binary.headers['content-type']).toBe('text/plain');
		expect(binary.bodyBytes).toBe(bytes.length);
	});
});

describe('PUT and DELETE', () => {
	test('PUT returns the updated record; DELETE of it gives { success: true }', async () => {
		const collectionId = [...emulator.state.collections.keys()][0];
		const put = await run(harness, AlteryxPut, {
			parameters: {
				endpoint: `v3/collections/${collectionId}`,
				sendBody: true,
				jsonBody: JSON.stringify({ name: 'Renamed', ownerId: ADA }),
			},
		});
		expect(put.items[0].json.name).toBe('Renamed');

		const del = await run(harness, AlteryxDelete, {
			parameters: {
				endpoint: `v3/collections/${collectionId}`,
				sendQuery: true,
				queryParameters: { parameters: [{ name: 'forceDelete', value: 'true' }] },
			},
		});
		expect(del.items).toEqual([
			{ json: { success: true, statusCode: 200 }, pairedItem: { item: 0 } },
		]);
		expect(emulator.state.collections.has(collectionId)).toBe(false);
	});
});

describe('errors', () => {
	test('a 400 carries Alteryx’s message, each modelState field message, the status and the item', async () => {
		const { error } = await run(harness, AlteryxPost, {
			parameters: {
				endpoint: 'v3/users',
				sendBody: true,
				jsonBody: '={"firstName": "{{ $json.n }}"}',
			},
			items: [{ n: 'Ok' }],
		});
		expect(error.constructor.name).toBe('NodeApiError');
		expect(error.message).toMatch(/The request is invalid\. \(HTTP 400\)/);
		expect(error.description).toMatch(/lastName: The LastName field is required\./);
		expect(error.description).toMatch(/email: /);
		expect(error.httpCode).toBe('400');
		expect(error.context.itemIndex).toBe(0);
		expect(Object.keys(error.context.modelState)).toEqual(
			expect.arrayContaining([expect.stringMatching(/\.lastName$/)]),
		);
	});

	test('continueOnFail turns a failed item into an error item and goes on with the next', async () => {
		const { items } = await run(harness, AlteryxPost, {
			parameters: {
				endpoint: 'v3/users',
				sendBody: true,
				jsonBody: '={{ JSON.stringify($json) }}',
			},
			items: [
				{ firstName: 'No' },
				{ firstName: 'Grace', lastName: 'Hopper', email: 'grace@example.com' },
			],
			continueOnFail: true,
		});
		expect(items).toHaveLength(2);
		expect(items[0].pairedItem).toEqual({ item: 0 });
		expect(items[0].json.error).toMatch(/The request is invalid/);
		expect(items[0].json.details.httpCode).toBe('400');
		// n8n sends an item to the error output when its JSON holds only error/message/details.
		expect(Object.keys(items[0].json).sort()).toEqual(['details', 'error']);
		expect(items[1].json.error).toBeUndefined();
		expect(
			Object.keys(items[0].json.details.modelState).some((key) => key.endsWith('.lastName')),
		).toBe(true);
		expect(items[1].json.email).toBe('grace@example.com');
		expect(items[1].pairedItem).toEqual({ item: 1 });
	});

	test('Never Error returns the error response as data', async () => {
		const { items, error } = await run(harness, AlteryxGet, {
			parameters: {
				endpoint: 'v3/workflows/000000000000000000000000',
				options: { neverError: true, fullResponse: true },
			},
		});
		expect(error).toBeUndefined();
		expect(items[0].json.statusCode).toBe(404);
	});

	test('a 404 names the status and suggests checking the id in the endpoint the user typed', async () => {
		const { error } = await run(harness, AlteryxGet, {
			parameters: { endpoint: 'v3/workflows/000000000000000000000000' },
		});
		expect(error.httpCode).toBe('404');
		expect(error.message).toBe('Alteryx Server answered HTTP 404');
		expect(error.description).toMatch(
			/^Nothing exists at this endpoint\. Check the id in the endpoint/,
		);
	});

	test('an ASP.NET error body {"Message": …} (capital M) is the message the user sees', async () => {
		const message =
			"No HTTP resource was found that matches the request URI 'http://alteryx.example.com/webapi/v3/nothing'.";
		emulator.injectFault({
			method: 'GET',
			path: '/webapi/v3/nothing',
			status: 404,
			body: {
				Message: message,
				MessageDetail: "No type was found that matches the controller named 'nothing'.",
			},
		});
		const { error } = await run(harness, AlteryxGet, { parameters: { endpoint: 'v3/nothing' } });
		expect(error.constructor.name).toBe('NodeApiError');
		expect(error.message).toBe(`${message} (HTTP 404)`);
		expect(error.httpCode).toBe('404');
		expect(error.description).toMatch(/^Nothing exists at this endpoint\./);
	});

	test.each([
		['', /endpoint is empty/],
		['https://evil.example.com/webapi/v3/workflows', /points to evil\.example\.com/],
		['//evil.example.com/v3/workflows', /would address another host/],
		['\\\\evil.example.com\\share', /backslash/],
		['../../admin', /above the Web API address/i],
		['v3/%2e%2e/%2e%2e/secret', /above the Web API address/i],
		['v3/workflows\r\nX-Injected: 1', /line break or control character/],
	])('the endpoint %j is refused before anything is sent', async (endpoint, message) => {
		const before = emulator.requests.length;
		const { error } = await run(harness, AlteryxGet, { parameters: { endpoint } });
		expect(error.constructor.name).toBe('NodeOperationError');
		expect(error.message).toMatch(message);
		expect(error.context.itemIndex).toBe(0);
		expect(emulator.requests.length).toBe(before);
	});

	test('invalid JSON in the body is a configuration error on that item', async () => {
		const { error } = await run(harness, AlteryxPost, {
			parameters: { endpoint: 'v3/collections', sendBody: true, jsonBody: '{"name": "x",}' },
		});
		expect(error.constructor.name).toBe('NodeOperationError');
		expect(error.message).toBe('JSON Body is not valid JSON');
		expect(error.context.itemIndex).toBe(0);
	});

	test('a missing binary property names the property', async () => {
		const { error } = await run(harness, AlteryxPost, {
			parameters: uploadParameters(ADA, 'No file'),
			items: [{ json: {} }],
		});
		expect(error.message).toMatch(/data/);
		expect(error.context.itemIndex).toBe(0);
		expect(requestsTo(emulator, 'POST', '/webapi/v3/workflows')).toHaveLength(0);
	});

	test('a header name or value with a line break is refused', async () => {
		const { error } = await run(harness, AlteryxGet, {
			parameters: {
				endpoint: 'v3/workflows',
				sendHeaders: true,
				headerParameters: { parameters: [{ name: 'X-A', value: 'ok\r\nX-Evil: 1' }] },
			},
		});
		expect(error.message).toMatch(/line break/);
	});

	test.each([['soon'], [0], [-5], [null]])(
		'a Timeout of %p (from an expression) is a configuration error naming the option',
		async (timeout) => {
			const { error } = await run(harness, AlteryxGet, {
				parameters: { endpoint: 'v3/workflows', options: { timeout } },
			});
			expect(error.constructor.name).toBe('NodeOperationError');
			expect(error.message).toBe(
				`Timeout must be a number of milliseconds, at least 1 (got ${JSON.stringify(timeout)})`,
			);
			expect(requestsTo(emulator, 'GET', '/webapi/v3/workflows')).toHaveLength(0);
		},
	);

	test.each([[1e13], ['60000'], [1500.5]])(
		'a Timeout of %p works (whole milliseconds, at most what Node timers take)',
		async (timeout) => {
			const { items, error } = await run(harness, AlteryxGet, {
				parameters: { endpoint: 'v3/workflows', options: { timeout } },
			});
			expect(error).toBeUndefined();
			expect(items.length).toBeGreaterThan(3);
		},
	);

	test('the Timeout option ends a request the server never answers', async () => {
		emulator.injectFault({ method: 'GET', path: '/webapi/v3/workflows', kind: 'hang', times: 2 });
		const { error } = await run(harness, AlteryxGet, {
			parameters: { endpoint: 'v3/workflows', options: { timeout: 300, maxRetries: 0 } },
		});
		expect(error.message).toMatch(
			/too slow: no complete answer within 0\.3 s \(GET \/webapi\/v3\/workflows\)/,
		);

		// With retries (the default), the next attempt after a timeout gets through.
		const { items } = await run(harness, AlteryxGet, {
			parameters: { endpoint: 'v3/workflows', options: { timeout: 300, maxRetryWait: 0.05 } },
		});
		expect(items.length).toBeGreaterThan(3);
	});

	test('batching keeps the output in input order and waits between batches', async () => {
		const started = Date.now();
		const ids = [...emulator.state.workflows.keys()].slice(0, 4);
		const { items } = await run(harness, AlteryxGet, {
			parameters: {
				endpoint: '=v3/workflows/{{ $json.id }}',
				options: { batching: { batch: { batchSize: 2, batchInterval: 150 } } },
			},
			items: ids.map((id) => ({ id })),
		});
		expect(items.map((item) => item.json.id)).toEqual(ids);
		expect(items.map((item) => item.pairedItem.item)).toEqual([0, 1, 2, 3]);
		expect(Date.now() - started).toBeGreaterThanOrEqual(150);
	});
});

function workflowWithMostJobs() {
	const counts = new Map();
	for (const job of emulator.state.jobs.values())
		counts.set(job.workflowId, (counts.get(job.workflowId) ?? 0) + 1);
	return [...counts.entries()].sort((a, b) => b[1] - a[1])[0][0];
}
