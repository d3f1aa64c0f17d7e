'use strict';
// The endpoint of the GET / POST / PUT / DELETE nodes is written by the user, but ids are often
// mapped into it (`v3/collections/{{ $json.id }}/workflows/…`). A "." or ".." step or an empty
// segment would reach another endpoint that still lies under the Web API address, so they are
// refused; a leading "/" and the "/webapi/" prefix stay fine.
const { AlteryxDelete } = require('../../nodes/AlteryxDelete/AlteryxDelete.node');
const { AlteryxGet } = require('../../nodes/AlteryxGet/AlteryxGet.node');
const { hasDotSegment, resolveEndpointUrl } = require('../../nodes/transport/webApi');
const { run, startServerAndHarness } = require('./helpers');

const BASE = 'https://alteryx.example.com/webapi/';
const SALES_FORECAST = '66ebd18d3d62000400000001';
const FINANCE_REPORTS = '66ebd18d3d62000600000001';

describe('hasDotSegment', () => {
	test.each([
		['.', true],
		['..', true],
		['%2e', true],
		['%2E%2e', true],
		['.%2E', true],
		['%2e.', true],
		['%252e%252E', true],
		['..%2f', true],
		['..%2Fx', true],
		['../users', true],
		['a/..', true],
		['a\\..', true],
		['a%5c..', true],
		['a%5C.%2e', true],
		['', false],
		['...', false],
		['.a', false],
		['a.', false],
		['a..b', false],
		['%2e%2e%2e', false],
		['a/b', false],
		['%', false],
		['%2', false],
		['%zz..', false],
		['66ebd18d3d62000400000001', false],
	])('%j → %p', (text, expected) => {
		expect(hasDotSegment(text)).toBe(expected);
	});
});

describe('resolveEndpointUrl', () => {
	test.each([
		['v3/workflows', `${BASE}v3/workflows`],
		['/v3/workflows', `${BASE}v3/workflows`],
		['/webapi/v3/workflows', `${BASE}v3/workflows`],
		['/webapi//v3/workflows', `${BASE}v3/workflows`],
		[`${BASE}v3/workflows/1`, `${BASE}v3/workflows/1`],
		['v3/workflows/a.b/...', `${BASE}v3/workflows/a.b/...`],
		['v3/workflows?name=a//b/../c', `${BASE}v3/workflows?name=a//b/../c`],
		['v3/workflows#/../x', `${BASE}v3/workflows`],
		// One trailing slash is how the V1 and Gallery paths are documented.
		['v1/workflows/subscription/', `${BASE}v1/workflows/subscription/`],
		[BASE, BASE],
	])('%j is accepted: %s', (endpoint, href) => {
		expect(resolveEndpointUrl(BASE, endpoint).href).toBe(href);
	});

	test.each([
		[
			'v3/collections/../workflows/1',
			'The endpoint "v3/collections/../workflows/1" contains the path step ".."',
		],
		[
			'v3/collections/./workflows',
			'The endpoint "v3/collections/./workflows" contains the path step "."',
		],
		['v3/workflows/.', 'The endpoint "v3/workflows/." contains the path step "."'],
		['v3/workflows/%2E%2e', 'The endpoint "v3/workflows/%2E%2e" contains the path step "%2E%2e"'],
		[
			'v3/workflows/.%2e/users',
			'The endpoint "v3/workflows/.%2e/users" contains the path step ".%2e"',
		],
		[
			'v3/workflows/..%2fusers',
			'The endpoint "v3/workflows/..%2fusers" contains the path step "..%2fusers"',
		],
		['/webapi/v3/x/../users', 'The endpoint "v3/x/../users" contains the path step ".."'],
		[
			`${BASE}v3/x/%2e%2e/users`,
			'The endpoint "v3/x/%2e%2e/users" contains the path step "%2e%2e"',
		],
		[
			'v3/collections//workflows/1',
			'The endpoint "v3/collections//workflows/1" has an empty segment after "v3/collections/"',
		],
		['v3/workflows/', 'The endpoint "v3/workflows/" has an empty segment after "v3/workflows/"'],
		[
			'v3/workflows/?view=Full',
			'The endpoint "v3/workflows/" has an empty segment after "v3/workflows/"',
		],
		['v1/workflows//', 'The endpoint "v1/workflows//" has an empty segment after "v1/workflows/"'],
		[`${BASE}v3//users`, 'The endpoint "v3//users" has an empty segment after "v3/"'],
	])('%j is refused', (endpoint, message) => {
		let error;
		try {
			resolveEndpointUrl(BASE, endpoint);
		} catch (caught) {
			error = caught;
		}
		expect(error?.name).toBe('InvalidAddressError');
		expect(error.message).toBe(message);
		expect(error.hint).toMatch(/ID is mapped into the endpoint/);
	});

	test('climbing above the Web API address keeps its own message', () => {
		expect(() => resolveEndpointUrl(BASE, 'v3/../../x')).toThrow(/above the Web API address/i);
	});
});

describe('through the GET and DELETE nodes', () => {
	let emulator;
	let harness;
	beforeAll(async () => {
		({ emulator, harness } = await startServerAndHarness());
	});
	afterAll(async () => emulator.close());
	beforeEach(() => emulator.reset());

	const apiRequests = () =>
		emulator.requests
			.filter((entry) => entry.status !== 401 && !/\/oauth2\/token$/i.test(entry.path))
			.map((entry) => `${entry.method} ${entry.path}`);

	test('DELETE with a mapped collection id of ".." is refused and the workflow is kept', async () => {
		const { error } = await run(harness, AlteryxDelete, {
			parameters: {
				endpoint: '=v3/collections/{{ $json.collection }}/workflows/{{ $json.workflow }}',
			},
			items: [{ collection: '..', workflow: SALES_FORECAST }],
		});
		expect(error.constructor.name).toBe('NodeOperationError');
		expect(error.message).toBe(
			`The endpoint "v3/collections/../workflows/${SALES_FORECAST}" contains the path step ".."`,
		);
		expect(error.context.itemIndex).toBe(0);
		expect(apiRequests()).toEqual([]);
		expect(emulator.state.workflows.has(SALES_FORECAST)).toBe(true);
	});

	test('an empty mapped id is refused instead of reaching the list (or another route)', async () => {
		const { items } = await run(harness, AlteryxGet, {
			parameters: { endpoint: '=/v3/collections/{{ $json.id }}' },
			items: [{ id: '' }, { id: FINANCE_REPORTS }, { id: '%2e' }],
			continueOnFail: true,
		});
		expect(items.map((item) => item.pairedItem.item)).toEqual([0, 1, 2]);
		expect(items[0].json.error).toBe(
			'The endpoint "v3/collections/" has an empty segment after "v3/collections/"',
		);
		expect(items[1].json.id).toBe(FINANCE_REPORTS);
		expect(items[2].json.error).toBe(
			'The endpoint "v3/collections/%2e" contains the path step "%2e"',
		);
		expect(apiRequests()).toEqual([`GET /webapi/v3/collections/${FINANCE_REPORTS}`]);
	});

	test('a leading "/" and the /webapi/ prefix are still fine', async () => {
		for (const endpoint of [
			`/v3/workflows/${SALES_FORECAST}`,
			`/webapi/v3/workflows/${SALES_FORECAST}`,
		]) {
			const { items, error } = await run(harness, AlteryxGet, { parameters: { endpoint } });
			expect(error).toBeUndefined();
			expect(items[0].json.id).toBe(SALES_FORECAST);
		}
	});
});
