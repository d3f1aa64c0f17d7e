'use strict';
// Redirects within the Web API address, as the transport follows them: at most five in a row
// (a loop ends with an error that says so), and a 303 — or a 301/302 answering a POST — is
// followed by a GET without the body, the way browsers and HTTP clients do.
const { AlteryxGet } = require('../../nodes/AlteryxGet/AlteryxGet.node');
const { AlteryxPost } = require('../../nodes/AlteryxPost/AlteryxPost.node');
const { AlteryxPut } = require('../../nodes/AlteryxPut/AlteryxPut.node');
const { requestsTo, run, useServerAndHarness } = require('./helpers');

const ADA = '66ebd18d3d62000100000001';
const FINANCE_REPORTS = '66ebd18d3d62000600000001';
const COLLECTION_PATH = `/webapi/v3/collections/${FINANCE_REPORTS}`;

const env = useServerAndHarness();

const redirect = (method, path, status, location, times = 1) =>
	env.emulator.injectFault({ method, path, status, headers: { Location: location }, times });

/** Requests that reached the server with the token (not the 401 of a missing one). */
const sent = (method, path) =>
	requestsTo(env.emulator, method, path).filter((e) => e.status !== 401);

describe('a redirect loop ends', () => {
	test('five redirects in a row are followed', async () => {
		redirect('GET', '/webapi/v3/workflows', 302, '/webapi/v3/workflows', 5);
		const { items, error } = await run(env.harness, AlteryxGet, {
			parameters: { endpoint: 'v3/workflows' },
		});
		expect(error).toBeUndefined();
		expect(items.length).toBeGreaterThan(3);
		expect(sent('GET', '/webapi/v3/workflows').map((entry) => entry.status)).toEqual([
			302, 302, 302, 302, 302, 200,
		]);
	});

	test.each([301, 302, 307, 308])(
		'a server answering %i to itself for ever: six requests, then an error naming the redirects',
		async (status) => {
			// 20 stands for "for ever": a transport without a limit would get the list after them.
			redirect('GET', '/webapi/v3/workflows', status, '/webapi/v3/workflows', 20);
			const { error } = await run(env.harness, AlteryxGet, {
				parameters: { endpoint: 'v3/workflows' },
			});
			expect(sent('GET', '/webapi/v3/workflows')).toHaveLength(6);
			expect(error).toBeDefined();
			expect(error.constructor.name).toBe('NodeApiError');
			expect(error.message).toMatch(/redirect/i);
			expect(error.message).toMatch(/5 times/);
			expect(error.description).toMatch(/loop/i);
			expect(error.description).toMatch(/Web API Address/);
			expect(error.httpCode).toBe(String(status));
		},
	);

	test('a loop between two addresses ends the same way', async () => {
		redirect('GET', '/webapi/v3/workflows', 302, '/webapi/v3/users', 20);
		redirect('GET', '/webapi/v3/users', 302, '/webapi/v3/workflows', 20);
		const { error } = await run(env.harness, AlteryxGet, {
			parameters: { endpoint: 'v3/workflows' },
		});
		expect(
			sent('GET', '/webapi/v3/workflows').length + sent('GET', '/webapi/v3/users').length,
		).toBe(6);
		expect(error.message).toMatch(/redirect/i);
	});

	test('with Never Error the last redirect comes back as data instead of an error', async () => {
		redirect('GET', '/webapi/v3/workflows', 302, '/webapi/v3/workflows', 20);
		const { items, error } = await run(env.harness, AlteryxGet, {
			parameters: {
				endpoint: 'v3/workflows',
				options: { neverError: true, fullResponse: true },
			},
		});
		expect(error).toBeUndefined();
		expect(items[0].json.statusCode).toBe(302);
		expect(sent('GET', '/webapi/v3/workflows')).toHaveLength(6);
	});
});

describe('a 303, or a 301/302 to a POST, is followed by a GET without the body', () => {
	const createCollection = () =>
		run(env.harness, AlteryxPost, {
			parameters: {
				endpoint: 'v3/collections',
				sendBody: true,
				jsonBody: JSON.stringify({ name: 'Made by a redirect' }),
			},
		});

	test.each([303, 301, 302])(
		'POST answered %i: the new location is read with GET, nothing is created',
		async (status) => {
			const collectionsBefore = env.emulator.state.collections.size;
			redirect('POST', '/webapi/v3/collections', status, COLLECTION_PATH);
			const { items, error } = await createCollection();
			expect(error).toBeUndefined();
			expect(items[0].json.id).toBe(FINANCE_REPORTS);
			expect(sent('POST', '/webapi/v3/collections')).toHaveLength(1);
			expect(requestsTo(env.emulator, 'POST', COLLECTION_PATH)).toEqual([]);
			const [followed] = sent('GET', COLLECTION_PATH);
			expect(followed).toMatchObject({ status: 200, bodyBytes: 0 });
			expect(env.emulator.state.collections.size).toBe(collectionsBefore);
		},
	);

	test('PUT answered 303: the location is read with GET, the PUT body is not sent again', async () => {
		redirect('PUT', COLLECTION_PATH, 303, COLLECTION_PATH);
		const { items, error } = await run(env.harness, AlteryxPut, {
			parameters: {
				endpoint: `v3/collections/${FINANCE_REPORTS}`,
				sendBody: true,
				jsonBody: JSON.stringify({ name: 'Renamed by a redirect', ownerId: ADA }),
			},
		});
		expect(error).toBeUndefined();
		expect(items[0].json.name).toBe('Finance Reports');
		expect(sent('PUT', COLLECTION_PATH)).toHaveLength(1);
		expect(sent('GET', COLLECTION_PATH)).toMatchObject([{ status: 200, bodyBytes: 0 }]);
		expect(env.emulator.state.collections.get(FINANCE_REPORTS).name).toBe('Finance Reports');
	});

	test.each([307, 308])(
		'POST answered %i keeps the method and the body: the collection is created once',
		async (status) => {
			const collectionsBefore = env.emulator.state.collections.size;
			redirect('POST', '/webapi/v3/collections-moved', status, '/webapi/v3/collections');
			const { items, error } = await run(env.harness, AlteryxPost, {
				parameters: {
					endpoint: 'v3/collections-moved',
					sendBody: true,
					jsonBody: JSON.stringify({ name: 'Made by a redirect' }),
				},
			});
			expect(error).toBeUndefined();
			const [created] = sent('POST', '/webapi/v3/collections');
			expect(created.status).toBe(200);
			expect(created.bodyBytes).toBe(Buffer.byteLength('{"name":"Made by a redirect"}'));
			expect(env.emulator.state.collections.size).toBe(collectionsBefore + 1);
			expect(env.emulator.state.collections.get(items[0].json.id).name).toBe('Made by a redirect');
		},
	);
});
