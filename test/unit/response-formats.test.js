'use strict';
// What the GET node makes of the answers a server, or a proxy in front of it, can send: JSON
// by content type or shape, text for text types, a file for everything else, with the file
// name from Content-Disposition (RFC 6266) or the address, and scalars turned into items.
const { AlteryxGet } = require('../../nodes/AlteryxGet/AlteryxGet.node');
const { run, useServerAndHarness } = require('./helpers');

const env = useServerAndHarness();

/** The server answers `body` with `headers` to the next GET of `/webapi/{endpoint}`. */
function answer(endpoint, headers, body) {
	env.emulator.injectFault({
		method: 'GET',
		path: `/webapi/${endpoint}`,
		status: 200,
		headers,
		body,
	});
}

const get = (endpoint, options = {}) =>
	run(env.harness, AlteryxGet, { parameters: { endpoint, options } });

const NO_CONTENT_TYPE = { 'Content-Type': '' };

describe('Autodetect', () => {
	test.each([
		['text/csv', 'Region,Sales\r\nWest,12\r\n'],
		['text/plain; charset=utf-8', 'Engine started'],
		['application/xml', '<jobs><job id="1"/></jobs>'],
		['application/atom+xml', '<feed><entry/></feed>'],
		['application/javascript', 'var answer = 42;'],
	])('%s comes as text in the output property', async (contentType, body) => {
		answer('v3/report', { 'Content-Type': contentType }, body);
		const { items, error } = await get('v3/report');
		expect(error).toBeUndefined();
		expect(items).toEqual([{ json: { data: body }, pairedItem: { item: 0 } }]);
	});

	test('a +json type (problem details) is read as JSON', async () => {
		answer('v3/report', { 'Content-Type': 'application/problem+json' }, '{"title": "Teapot"}');
		const { items } = await get('v3/report');
		expect(items[0].json).toEqual({ title: 'Teapot' });
	});

	test('a +json type whose body is not JSON is shown as text rather than failing', async () => {
		answer('v3/report', { 'Content-Type': 'application/hal+json' }, 'Service restarting');
		const { items, error } = await get('v3/report');
		expect(error).toBeUndefined();
		expect(items[0].json).toEqual({ data: 'Service restarting' });
	});

	test('without a content type, JSON is recognised by its shape and anything else is text', async () => {
		answer('v3/report', NO_CONTENT_TYPE, '[{"id": "a"}, {"id": "b"}]');
		expect((await get('v3/report')).items.map((item) => item.json)).toEqual([
			{ id: 'a' },
			{ id: 'b' },
		]);
		answer('v3/report', NO_CONTENT_TYPE, 'plain words');
		expect((await get('v3/report')).items[0].json).toEqual({ data: 'plain words' });
	});

	test('JSON scalars become items: an array of scalars, a number, a boolean, null', async () => {
		const json = { 'Content-Type': 'application/json' };
		answer('v3/report', json, '[1, "two", null]');
		expect((await get('v3/report')).items.map((item) => item.json)).toEqual([
			{ value: 1 },
			{ value: 'two' },
			{ value: null },
		]);
		answer('v3/report', json, '42');
		expect((await get('v3/report')).items[0].json).toEqual({ value: 42 });
		answer('v3/report', json, 'true');
		expect((await get('v3/report')).items[0].json).toEqual({ value: true });
		answer('v3/report', json, 'null');
		expect((await get('v3/report')).items[0].json).toEqual({ success: true });
	});

	test('an attachment is a file even when its type is JSON', async () => {
		answer(
			'v3/export',
			{ 'Content-Type': 'application/json', 'Content-Disposition': 'attachment; filename=a.json' },
			'{"a": 1}',
		);
		const { items } = await get('v3/export');
		expect(items[0].binary.data).toMatchObject({
			fileName: 'a.json',
			mimeType: 'application/json',
		});
	});
});

describe('files and their names', () => {
	test('Response Format File keeps a JSON answer as a file, byte for byte', async () => {
		const { items, error } = await get('v3/workflows', { responseFormat: 'file' });
		expect(error).toBeUndefined();
		expect(items[0].binary.data.mimeType).toBe('application/json');
		const bytes = await env.harness.binaryBuffer(items[0].binary.data);
		expect(JSON.parse(bytes.toString('utf8'))).toHaveLength(env.emulator.state.workflows.size);
	});

	test('Response Format File without a content type is application/octet-stream', async () => {
		answer('v3/blob', NO_CONTENT_TYPE, 'raw bytes');
		const { items } = await get('v3/blob', { responseFormat: 'file' });
		expect(items[0].binary.data.mimeType).toBe('application/octet-stream');
	});

	test.each([
		[
			'the extended UTF-8 name wins over the plain one',
			`attachment; filename="Resume.csv"; filename*=UTF-8''R%C3%A9sum%C3%A9%20Q1.csv`,
			'Résumé Q1.csv',
		],
		[
			'a malformed extended name falls back to the plain one',
			`attachment; filename="Plain.csv"; filename*=UTF-8''Bad%E0%A4%A.csv`,
			'Plain.csv',
		],
		['an unquoted name', 'attachment; filename=Out.csv', 'Out.csv'],
		[
			'a path in the name keeps only the last part',
			'attachment; filename="..\\..\\evil.csv"',
			'evil.csv',
		],
		[
			'a path in the name keeps only the last part (/)',
			'attachment; filename="../../evil.csv"',
			'evil.csv',
		],
	])('Content-Disposition: %s', async (_, disposition, fileName) => {
		answer('v3/export', { 'Content-Type': 'text/csv', 'Content-Disposition': disposition }, 'a,b');
		const { items } = await get('v3/export');
		expect(items[0].binary.data.fileName).toBe(fileName);
	});

	test('without Content-Disposition the name comes from the address when it looks like a file', async () => {
		answer('v3/reports/Q1%20summary.pdf', { 'Content-Type': 'application/pdf' }, '%PDF-1.4');
		const { items } = await get('v3/reports/Q1 summary.pdf');
		expect(items[0].binary.data).toMatchObject({
			fileName: 'Q1 summary.pdf',
			mimeType: 'application/pdf',
		});
	});

	test('an address that is no file name and a name that is only a path give no file name', async () => {
		answer('v3/blob', { 'Content-Type': 'application/pdf' }, '%PDF-1.4');
		expect((await get('v3/blob')).items[0].binary.data.fileName).toBeUndefined();
		answer(
			'v3/blob',
			{ 'Content-Type': 'application/pdf', 'Content-Disposition': 'attachment; filename="/"' },
			'%PDF',
		);
		expect((await get('v3/blob')).items[0].binary.data.fileName).toBeUndefined();
	});
});
