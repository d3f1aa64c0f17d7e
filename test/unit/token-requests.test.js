'use strict';
// What a situation costs in token requests: a key or secret the server rejects costs exactly
// one (a 4xx from the token endpoint is an answer, not a hiccup). Renewals are n8n's
// (credential.test.js and the queue-mode e2e test count them).
const { AlteryxGet } = require('../../nodes/AlteryxGet/AlteryxGet.node');
const { AlteryxPost } = require('../../nodes/AlteryxPost/AlteryxPost.node');
const { AlteryxServer } = require('../../nodes/AlteryxServer/AlteryxServer.node');
const { createHarness } = require('../harness');
const { harnessFor, requestsTo, run, useServerAndHarness } = require('./helpers');

const TOKEN_PATH = '/webapi/oauth2/token';
const SALES_FORECAST = '66ebd18d3d62000400000001';

const env = useServerAndHarness();
beforeEach(() => env.emulator.configure({ tokenErrorStyle: 'katana', tokenTtlSeconds: 3600 }));

const tokenRequests = () => requestsTo(env.emulator, 'POST', TOKEN_PATH);
const apiRequests = () => env.emulator.requests.filter((entry) => entry.path !== TOKEN_PATH);

describe('a rejected key or secret costs exactly one token request', () => {
	const NODES = [
		['GET node', AlteryxGet, { endpoint: `v3/workflows/${SALES_FORECAST}` }],
		[
			'POST node',
			AlteryxPost,
			{ endpoint: `v3/workflows/${SALES_FORECAST}/jobs`, sendBody: true, jsonBody: '{}' },
		],
		['Alteryx Server node', AlteryxServer, { resource: 'workflow', operation: 'getAll' }],
	];

	test.each([
		['katana', '400'],
		['rfc6749', '401'],
	])('wrong secret, the server answering %s style (%s)', async (style, status) => {
		for (const [label, NodeClass, parameters] of NODES) {
			env.emulator.reset();
			env.emulator.configure({ tokenErrorStyle: style });
			const { error } = await run(
				harnessFor(env.emulator, { clientSecret: 'not-the-secret-1234' }),
				NodeClass,
				{
					parameters,
				},
			);
			expect({ label, tokenRequests: tokenRequests().length }).toEqual({
				label,
				tokenRequests: 1,
			});
			expect(tokenRequests()[0].status).toBe(Number(status));
			expect(apiRequests()).toEqual([]);
			expect(error.message).toMatch(/rejected the API Access Key or Secret/);
			expect(error.description).not.toMatch(/Tried \d+ times/);
		}
	});

	test('a key the server does not know (GET node with five retries allowed): one token request', async () => {
		const { error } = await run(harnessFor(env.emulator, { clientId: 'no-such-key' }), AlteryxGet, {
			parameters: {
				endpoint: 'v3/workflows',
				options: { maxRetries: 5, maxRetryWait: 0.01 },
			},
		});
		expect(tokenRequests()).toHaveLength(1);
		expect(error.message).toMatch(/rejected the API Access Key or Secret/);
	});

	test.each([
		[400, { error: 'unsupported_grant_type' }, /unsupported_grant_type/],
		[404, { message: 'Not found' }, /No OAuth2 token endpoint/],
		[405, { message: 'Method not allowed' }, /No OAuth2 token endpoint/],
		[403, { message: 'Forbidden' }, /could not issue an access token/],
	])('a token endpoint answering %i is not asked again', async (status, body, message) => {
		env.emulator.injectFault({ path: TOKEN_PATH, status, body, times: Infinity });
		const { error } = await run(harnessFor(env.emulator), AlteryxGet, {
			parameters: {
				endpoint: 'v3/workflows',
				options: { maxRetries: 3, maxRetryWait: 0.01 },
			},
		});
		expect(tokenRequests()).toHaveLength(1);
		expect(apiRequests()).toEqual([]);
		expect(error.message).toMatch(message);
	});
});
