'use strict';
// Small pure pieces of the transport that bound what a server can make the nodes do.
const { tokenLifetimeSeconds } = require('../../nodes/transport/token');
const { DEFAULT_MAX_RESPONSE_BYTES, responseKind } = require('../../nodes/transport/response');

describe('tokenLifetimeSeconds: expires_in from 1 s to 1 year, else the default hour', () => {
	test.each([
		[3600, 3600],
		['1800', 1800],
		[1, 1],
		[31_536_000, 31_536_000],
		[31_536_001, 3600],
		[0.5, 3600],
		[0, 3600],
		[-1, 3600],
		[1e13, 3600],
		[Infinity, 3600],
		[NaN, 3600],
		['', 3600],
		['  ', 3600],
		['soon', 3600],
		[null, 3600],
		[undefined, 3600],
		[true, 3600],
		[[60], 3600],
		[{ seconds: 60 }, 3600],
	])('%p → %p', (expiresIn, seconds) => {
		expect(tokenLifetimeSeconds(expiresIn)).toBe(seconds);
	});
});

describe('responseKind: what a body will be decoded as, from the headers alone', () => {
	const response = (contentType, body = '{"a":1}', disposition) => ({
		statusCode: 200,
		headers: {
			...(contentType ? { 'Content-Type': contentType } : {}),
			...(disposition ? { 'Content-Disposition': disposition } : {}),
		},
		body: Buffer.from(body),
		url: 'http://127.0.0.1/webapi/v3/workflows',
	});
	test.each([
		['application/json; charset=utf-8', 'autodetect', undefined, 'json'],
		['application/problem+json', 'autodetect', undefined, 'json'],
		[undefined, 'autodetect', undefined, 'json'],
		['text/plain', 'autodetect', undefined, 'text'],
		['application/xml', 'autodetect', undefined, 'text'],
		['application/octet-stream', 'autodetect', undefined, 'file'],
		['application/json', 'autodetect', 'attachment; filename="a.json"', 'file'],
		['application/zip', 'json', undefined, 'json'],
		['application/zip', 'text', undefined, 'text'],
		['application/json', 'file', undefined, 'file'],
	])('%s read as %s (disposition %s) → %s', (contentType, format, disposition, kind) => {
		expect(responseKind(response(contentType, '{"a":1}', disposition), format)).toBe(kind);
	});

	test('an empty body is empty, unless it is asked for as a file', () => {
		expect(responseKind(response('application/json', ''), 'autodetect')).toBe('empty');
		expect(responseKind(response('application/json', ''), 'json')).toBe('empty');
		expect(responseKind(response('application/json', ''), 'file')).toBe('file');
	});

	test('the default limit is 64 MiB', () => {
		expect(DEFAULT_MAX_RESPONSE_BYTES).toBe(64 * 1024 * 1024);
	});
});
