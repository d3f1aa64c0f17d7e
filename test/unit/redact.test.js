'use strict';
// The redaction of echoed credentials: which forms of the secret, the key:secret pair and the
// tokens are replaced in text, JSON values, bodies and responses, and what is left alone.
const {
	MIN_REDACTED_LENGTH,
	REDACTED,
	redactBody,
	redactJson,
	redactResponse,
	redactText,
	redactionFor,
} = require('../../nodes/transport/redact');

const KEY = 'api-key-1234';
const SECRET = 'se cret/+=!~(x)9';
const TOKEN = 'tok_3fG7hJ9kLm2nP4qR6sT8vW0xY1zA5bC';
const PAIR = `${KEY}:${SECRET}`;
const redaction = redactionFor({ clientId: KEY, clientSecret: SECRET, tokens: [TOKEN, undefined] });
const base64 = (value) => Buffer.from(value).toString('base64');

describe('redactText', () => {
	test.each([
		['the secret', `secret is ${SECRET}.`, `secret is ${REDACTED}.`],
		[
			'the secret percent-encoded',
			`client_secret=${encodeURIComponent(SECRET)}&x=1`,
			`client_secret=${REDACTED}&x=1`,
		],
		[
			'the secret percent-encoded in lower-case hex',
			`s=${encodeURIComponent(SECRET).replace(/%[0-9A-F]{2}/g, (e) => e.toLowerCase())}`,
			`s=${REDACTED}`,
		],
		[
			'the secret form-encoded (space as +)',
			new URLSearchParams({ client_secret: SECRET }).toString(),
			`client_secret=${REDACTED}`,
		],
		['the secret in base64', `x ${base64(SECRET)} y`, `x ${REDACTED} y`],
		['the key:secret pair as a whole', `pair ${PAIR}`, `pair ${REDACTED}`],
		[
			'the pair in base64 (Basic header)',
			`Authorization: Basic ${base64(PAIR)}`,
			`Authorization: Basic ${REDACTED}`,
		],
		['the token', `token=${TOKEN};`, `token=${REDACTED};`],
		[
			'the token as a Bearer header',
			`Authorization: Bearer ${TOKEN}`,
			`Authorization: Bearer ${REDACTED}`,
		],
		['every occurrence', `${TOKEN}/${TOKEN}`, `${REDACTED}/${REDACTED}`],
		[
			'an unknown Bearer token (renewed by another process)',
			'authorization: bearer Zm9vYmFyYmF6cXV1eDEyMzQ1Njc4OTA',
			`authorization: bearer ${REDACTED}`,
		],
		[
			'English words after "Basic" or "Bearer"',
			'Basic authentication is disabled; send Bearer authentication-headers-only',
			'Basic authentication is disabled; send Bearer authentication-headers-only',
		],
		['text with nothing secret', 'The Name field is required.', 'The Name field is required.'],
		['the key alone (it is not secret)', `key ${KEY}`, `key ${KEY}`],
	])('%s', (_, text, expected) => {
		expect(redactText(text, redaction)).toBe(expected);
	});

	test(`values shorter than ${MIN_REDACTED_LENGTH} characters are not searched for`, () => {
		const short = redactionFor({ clientId: 'k', clientSecret: 'abc', tokens: ['t1'] });
		expect(redactText('abcabc t1 k:abc', short)).toBe('abcabc t1 k:abc');
		expect(short).toEqual([]);
	});
});

describe('redactJson', () => {
	test.each([
		['a string', SECRET, REDACTED],
		['a number', 12345678, 12345678],
		['a boolean and null', [true, null], [true, null]],
		['object keys', { [`Bearer ${TOKEN}`]: 1 }, { [`Bearer ${REDACTED}`]: 1 }],
		[
			'nested values',
			{ headers: { authorization: [`Bearer ${TOKEN}`] }, n: 1, ok: false },
			{ headers: { authorization: [`Bearer ${REDACTED}`] }, n: 1, ok: false },
		],
	])('%s', (_, value, expected) => {
		expect(redactJson(value, redaction)).toEqual(expected);
	});

	test('a value with nothing to redact is returned as it is (same object)', () => {
		const value = { a: [1, 'two', { three: null }] };
		expect(redactJson(value, redaction)).toBe(value);
	});

	test('a cyclic value does not loop', () => {
		const value = { secret: SECRET };
		value.self = value;
		expect(redactJson(value, redaction).secret).toBe(REDACTED);
	});
});

describe('redactBody', () => {
	test.each([
		['JSON', JSON.stringify({ echo: TOKEN }), { echo: REDACTED }],
		[
			'JSON that escapes "/" and "+"',
			`{"echo":"${SECRET.replace('/', '\\/').replace('+', '\\u002B')}"}`,
			{ echo: REDACTED },
		],
		['JSON with a BOM', `\uFEFF{"echo":"${TOKEN}"}`, { echo: REDACTED }],
	])('%s is redacted value by value', (_, text, expected) => {
		expect(JSON.parse(redactBody(Buffer.from(text), redaction).toString())).toEqual(expected);
	});

	test('text is redacted as text', () => {
		const body = Buffer.from(`client_secret=${encodeURIComponent(SECRET)}`);
		expect(redactBody(body, redaction).toString()).toBe(`client_secret=${REDACTED}`);
	});

	test.each([
		['plain JSON', '{ "id" : "66eb" }'],
		['JSON with escapes', '{ "path" : "C:\\\\x\\/y" }'],
		['text', 'Not Found'],
	])('%s without anything to redact keeps its bytes (same Buffer)', (_, text) => {
		const body = Buffer.from(text);
		expect(redactBody(body, redaction)).toBe(body);
	});

	test('bytes that are not UTF-8 text are left alone', () => {
		const body = Buffer.concat([Buffer.from([0xff, 0xfe, 0x00]), Buffer.from(TOKEN)]);
		expect(redactBody(body, redaction)).toBe(body);
	});
});

describe('redactResponse', () => {
	const response = (statusCode, headers, body) => ({
		statusCode,
		headers,
		body: Buffer.from(body),
		url: 'http://x/webapi/v3/x',
	});

	test.each([
		['an error answer', 400, { 'content-type': 'application/octet-stream' }, true],
		['a JSON answer', 200, { 'content-type': 'application/json; charset=utf-8' }, true],
		['a text answer', 200, { 'content-type': 'text/plain' }, true],
		['an answer without content type', 200, {}, true],
		['a file (binary type)', 200, { 'content-type': 'application/zip' }, false],
		[
			'a file (attachment)',
			200,
			{ 'content-type': 'text/csv', 'content-disposition': 'attachment; filename=a.csv' },
			false,
		],
	])('%s: body redacted %s', (_, status, headers, bodyRedacted) => {
		const result = redactResponse(response(status, headers, `echo ${TOKEN}`), redaction);
		expect(result.body.toString()).toBe(bodyRedacted ? `echo ${REDACTED}` : `echo ${TOKEN}`);
	});

	test('headers are always redacted', () => {
		const result = redactResponse(
			response(200, { 'content-type': 'application/zip', 'x-echo': [`Bearer ${TOKEN}`] }, 'PK'),
			redaction,
		);
		expect(result.headers['x-echo']).toEqual([`Bearer ${REDACTED}`]);
	});
});
