'use strict';
// What a situation costs in token requests: a key or secret the server rejects costs exactly
// one (a 4xx from the token endpoint is an answer, not a hiccup), and a caller still holding
// the token the latest exchange replaced gets the new token only within the reuse window
// (60 s, or half the token's lifetime when that is shorter); after it, a fresh exchange.
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

describe('a caller holding the replaced token', () => {
	// Only Date is faked: the HTTP stack and the emulator keep their real timers.
	const ONLY_DATE = {
		doNotFake: [
			'hrtime',
			'nextTick',
			'performance',
			'queueMicrotask',
			'requestAnimationFrame',
			'cancelAnimationFrame',
			'requestIdleCallback',
			'cancelIdleCallback',
			'setImmediate',
			'clearImmediate',
			'setInterval',
			'clearInterval',
			'setTimeout',
			'clearTimeout',
		],
	};
	afterEach(() => jest.useRealTimers());

	const listWorkflows = { parameters: { endpoint: 'v3/workflows' } };

	/**
	 * Two executions share a credential holding token T1. The server forgets T1; the first
	 * execution exchanges it for T2. Returns a function that lets the second execution, still
	 * holding T1, call the server `secondsLater` after that exchange.
	 */
	async function replacedToken() {
		jest.useFakeTimers({ ...ONLY_DATE, now: Date.now() });
		const first = harnessFor(env.emulator);
		expect((await run(first, AlteryxGet, listWorkflows)).error).toBeUndefined();
		const holdingT1 = first.storedCredentials();
		env.emulator.expireAllTokens();
		expect((await run(first, AlteryxGet, listWorkflows)).error).toBeUndefined();
		const t2 = first.storedCredentials().accessToken;
		expect(t2).not.toBe(holdingT1.accessToken);
		const replacedAt = Date.now();
		expect(tokenRequests()).toHaveLength(2);

		return async (secondsLater) => {
			jest.setSystemTime(replacedAt + secondsLater * 1000);
			const second = createHarness(holdingT1);
			const before = tokenRequests().length;
			const { items, error } = await run(second, AlteryxGet, listWorkflows);
			expect(error).toBeUndefined();
			expect(items.length).toBeGreaterThan(3);
			const token = second.storedCredentials().accessToken;
			return { exchanges: tokenRequests().length - before, gotT2: token === t2 };
		};
	}

	test('gets the new token within 60 s, and a fresh exchange after them (token lifetime 1 h)', async () => {
		const callAfter = await replacedToken();
		expect(await callAfter(55)).toEqual({ exchanges: 0, gotT2: true });
		expect(await callAfter(65)).toEqual({ exchanges: 1, gotT2: false });
	});

	test('with a 60 s token the window is half its lifetime: 30 s', async () => {
		env.emulator.configure({ tokenTtlSeconds: 60 });
		const callAfter = await replacedToken();
		expect(await callAfter(25)).toEqual({ exchanges: 0, gotT2: true });
		expect(await callAfter(35)).toEqual({ exchanges: 1, gotT2: false });
	});
});
