'use strict';
// The authentication seam: which credential a node uses (its Authentication parameter, with the
// default for saved workflows that predate it), the connection the transport gets from the
// credential registry, and token failures recognised by their shape, whatever credential threw.
const { NodeApiError, NodeHelpers } = require('n8n-workflow');

const { AlteryxServerOAuth2Api } = require('../../credentials/AlteryxServerOAuth2Api.credentials');
const { AlteryxDelete } = require('../../nodes/AlteryxDelete/AlteryxDelete.node');
const { AlteryxGet } = require('../../nodes/AlteryxGet/AlteryxGet.node');
const { AlteryxPost } = require('../../nodes/AlteryxPost/AlteryxPost.node');
const { AlteryxPut } = require('../../nodes/AlteryxPut/AlteryxPut.node');
const { AlteryxServer } = require('../../nodes/AlteryxServer/AlteryxServer.node');
const {
	alteryxCredentials,
	authenticationProperty,
	cloudAuthenticationProperty,
	cloudCredentials,
	requestAuthenticationProperty,
	requestCredentials,
	connectionFor,
	credentialDescriptions,
	CREDENTIAL_KINDS,
	DEFAULT_CREDENTIAL_TYPE,
	findTokenFailure,
	isTokenFailure,
} = require('../../nodes/transport/authentication');
const { TokenExchangeError } = require('../../nodes/transport/token');
const { InvalidAddressError } = require('../../nodes/transport/webApi');
const { createHarness } = require('../harness');
const { requestsTo, run, startServerAndHarness } = require('./helpers');
const { createMethodsRunner } = require('./server-node/methods-runner');

const SERVER = 'alteryxServerOAuth2Api';

describe('connectionFor', () => {
	const server = (data) =>
		connectionFor(SERVER, { apiAccessKey: 'key', apiAccessSecret: 's', ...data });

	test.each([
		[
			'an address without a trailing slash',
			'https://a.example/webapi',
			'https://a.example/webapi/',
		],
		[
			'an address with spaces around it',
			'  https://a.example/webapi/  ',
			'https://a.example/webapi/',
		],
		[
			'an address with a query and fragment',
			'http://a.example:81/x?y=1#z',
			'http://a.example:81/x/',
		],
	])('the Server credential: %s (%p) becomes the base URL %p', (_, webApiUrl, expected) => {
		const connection = server({ webApiUrl });
		expect(connection.credentialType).toBe(SERVER);
		expect(connection.baseUrl).toBeInstanceOf(URL);
		expect(connection.baseUrl.href).toBe(expected);
	});

	test.each([
		[true, true],
		[false, false],
		[undefined, false],
		['true', false],
	])('the Server credential: Ignore SSL Issues %p means ignoreSSLIssues %p', (stored, expected) => {
		expect(
			server({ webApiUrl: 'https://a.example/', ignoreSSLIssues: stored }).ignoreSSLIssues,
		).toBe(expected);
	});

	test('the Server credential: the key, the secret and the stored token are what answers must not show', () => {
		const connection = server({
			webApiUrl: 'https://a.example/',
			oauthTokenData: { access_token: 'stored-token-123', token_type: 'bearer' },
		});
		expect(connection.hasToken).toBe(true);
		expect(connection.sensitiveValues).toEqual({
			clientId: 'key',
			clientSecret: 's',
			tokens: ['stored-token-123'],
		});
	});

	test.each([
		['no address', undefined],
		['an empty address', ''],
		['not a URL', 'alteryx.example'],
		['an ftp address', 'ftp://a.example/'],
	])('the Server credential with %s is an address mistake', (_, webApiUrl) => {
		expect(() => server({ webApiUrl })).toThrow(InvalidAddressError);
	});

	test.each(['alteryxGalleryOAuth1Api', '', 'toString', '__proto__'])(
		'an unknown credential type %p is refused',
		(type) => {
			expect(() => connectionFor(type, {})).toThrow(/No Alteryx credential type/);
		},
	);
});

describe('the Authentication parameter and the credentials of the nodes', () => {
	test('one option per registered credential type, the Server credential the default', () => {
		expect(DEFAULT_CREDENTIAL_TYPE).toBe(SERVER);
		expect(authenticationProperty).toMatchObject({
			name: 'authentication',
			type: 'options',
			default: SERVER,
		});
		// The Server nodes offer the Server credential; the verb nodes every type; the Cloud
		// nodes the Cloud ones, the token pair the default.
		expect(authenticationProperty.options.map((option) => option.value)).toEqual([SERVER]);
		expect(alteryxCredentials).toEqual([{ name: SERVER, required: true }]);
		expect(requestAuthenticationProperty.options.map((option) => option.value)).toEqual(
			Object.keys(CREDENTIAL_KINDS),
		);
		expect(requestAuthenticationProperty.default).toBe(SERVER);
		expect(requestCredentials).toEqual(credentialDescriptions(Object.keys(CREDENTIAL_KINDS)));
		expect(cloudAuthenticationProperty).toMatchObject({
			default: 'alteryxCloudOAuth2Api',
			options: [
				{ value: 'alteryxCloudOAuth2Api' },
				{ value: 'alteryxCloudServicePrincipalOAuth2Api' },
			],
		});
		expect(cloudCredentials.map((credential) => credential.name)).toEqual([
			'alteryxCloudOAuth2Api',
			'alteryxCloudServicePrincipalOAuth2Api',
		]);
	});

	// What n8n offers and checks: NodeHelpers.displayParameter is what n8n-core's getCredentials
	// and the editor apply to a node's credentials, against the parameters a caller sent.
	const shown = (descriptions, parameters) =>
		descriptions
			.filter((credential) => NodeHelpers.displayParameter(parameters, credential, null, null))
			.map((credential) => credential.name);
	const withCloud = credentialDescriptions([
		SERVER,
		'alteryxCloudOAuth2Api',
		'alteryxGalleryOAuth1Api',
	]);

	test.each([
		['only the Server credential, no Authentication sent', [SERVER], {}, [SERVER]],
		['three types, no Authentication sent (a saved node, a load-options call)', null, {}, [SERVER]],
		['three types, the Server credential chosen', null, { authentication: SERVER }, [SERVER]],
		[
			'three types, Cloud chosen',
			null,
			{ authentication: 'alteryxCloudOAuth2Api' },
			['alteryxCloudOAuth2Api'],
		],
		[
			'three types, Gallery chosen',
			null,
			{ authentication: 'alteryxGalleryOAuth1Api' },
			['alteryxGalleryOAuth1Api'],
		],
	])('credentials shown: %s', (_, types, parameters, expected) => {
		const descriptions = types ? credentialDescriptions(types) : withCloud;
		expect(shown(descriptions, parameters)).toEqual(expected);
	});

	test.each([
		[AlteryxGet, requestAuthenticationProperty, requestCredentials],
		[AlteryxPost, requestAuthenticationProperty, requestCredentials],
		[AlteryxPut, requestAuthenticationProperty, requestCredentials],
		[AlteryxDelete, requestAuthenticationProperty, requestCredentials],
		[AlteryxServer, authenticationProperty, alteryxCredentials],
	])(
		'%p lists Authentication first and shows each credential for its choice',
		(NodeClass, property, credentials) => {
			const { description } = new NodeClass();
			expect(description.properties[0]).toBe(property);
			expect(description.credentials).toEqual(credentials);
		},
	);
});

describe('isTokenFailure and findTokenFailure', () => {
	const shaped = { tokenFailure: true, message: 'Cloud refused the token', description: 'd' };

	test.each([
		['the Server credential’s TokenExchangeError', new TokenExchangeError('m', 'd', 401), true],
		[
			'any error carrying the tokenFailure shape',
			Object.assign(new Error('m'), { tokenFailure: true }),
			true,
		],
		['a plain object with the shape', shaped, true],
		['an ordinary Error', new Error('m'), false],
		['tokenFailure that is not true', { ...shaped, tokenFailure: 'yes' }, false],
		['the shape without a message', { tokenFailure: true }, false],
		['null', null, false],
		['a string', 'tokenFailure', false],
	])('%s: %p', (_, value, expected) => {
		expect(isTokenFailure(value)).toBe(expected);
	});

	test.each([
		['as the error itself', shaped],
		['in `cause` (axios)', Object.assign(new Error('outer'), { cause: shaped })],
		['in `errorResponse` (n8n’s NodeApiError)', { message: 'wrapped', errorResponse: shaped }],
		[
			'two levels down',
			Object.assign(new Error('outer'), { cause: { message: 'mid', errorResponse: shaped } }),
		],
	])('is found %s', (_, error) => {
		expect(findTokenFailure(error)).toBe(shaped);
	});

	test('is not found in an error chain without one', () => {
		expect(findTokenFailure(Object.assign(new Error('a'), { cause: new Error('b') }))).toBe(
			undefined,
		);
	});
});

describe('nodes run with the Authentication parameter', () => {
	let emulator;
	let harness;
	beforeAll(async () => {
		({ emulator, harness } = await startServerAndHarness());
	});
	afterAll(async () => {
		await emulator.close();
	});
	beforeEach(() => emulator.reset());

	test('a saved GET node without the parameter (made before it existed) uses the Server credential', async () => {
		const { items, error } = await run(harness, AlteryxGet, {
			parameters: { endpoint: 'v3/workflows' },
		});
		expect(error).toBeUndefined();
		expect(items.length).toBeGreaterThan(0);
		expect(requestsTo(emulator, 'GET', '/webapi/v3/workflows').at(-1).status).toBe(200);
	});

	test('a saved Alteryx Server node without the parameter uses the Server credential', async () => {
		const { items, error } = await run(harness, AlteryxServer, {
			parameters: { resource: 'workflow', operation: 'getAll', returnAll: true },
		});
		expect(error).toBeUndefined();
		expect(items.length).toBeGreaterThan(0);
	});

	test('a picker of a saved node without the parameter (the editor sends no defaults) lists from the Server credential', async () => {
		const methods = createMethodsRunner(harness, AlteryxServer);
		const { results } = await methods.listSearch('searchWorkflows', 'sales', {
			resource: 'workflow',
			operation: 'run',
		});
		expect(results.map((result) => result.name)).toEqual(['Daily Sales ETL', 'Sales Forecast']);
	});

	test('the Server credential chosen explicitly works the same', async () => {
		const explicit = createHarness({ ...harnessCredentials(emulator) }, { credentialType: SERVER });
		const { items, error } = await run(explicit, AlteryxGet, {
			parameters: { authentication: SERVER, endpoint: 'v3/workflows' },
		});
		expect(error).toBeUndefined();
		expect(items.length).toBeGreaterThan(0);
	});

	test('an Authentication the nodes do not know is a configuration error naming it, and nothing is sent', async () => {
		class GalleryKeys {
			name = 'alteryxGalleryOAuth1Api';
			displayName = 'Gallery keys';
			properties = [];
		}
		const other = createHarness(
			{ apiKey: 'k', apiSecret: 's' },
			{ credentialType: 'alteryxGalleryOAuth1Api', credentialClass: GalleryKeys },
		);
		const { error } = await run(other, AlteryxGet, { parameters: { endpoint: 'v3/workflows' } });
		expect(error?.name).toBe('NodeOperationError');
		expect(error.message).toBe(
			'Authentication "alteryxGalleryOAuth1Api" is not one this node supports',
		);
		expect(error.description).toContain('Alteryx Server (OAuth2 API Key)');
		expect(emulator.requests).toEqual([]);
	});

	// A future credential's token exchange throws its own error class; the transport must report
	// it (and retry a transient one) as it does the Server credential's TokenExchangeError.
	test.each([
		[401, 1],
		[503, 3],
	])(
		'a token failure of another shape-carrying class (endpoint %p) is reported as such, tried %p times',
		async (endpointStatus, attempts) => {
			let exchanges = 0;
			class OtherTokenFailure extends Error {
				tokenFailure = true;
				description = 'The other credential was refused.';
				endpointStatus = endpointStatus;
			}
			class RefusingCredential extends AlteryxServerOAuth2Api {
				async preAuthentication() {
					exchanges++;
					throw new OtherTokenFailure('The other token endpoint refused the key');
				}
			}
			const refusing = createHarness(harnessCredentials(emulator), {
				credentialClass: RefusingCredential,
			});
			const { error } = await run(refusing, AlteryxGet, {
				parameters: {
					endpoint: 'v3/workflows',
					options: { maxRetries: 2, maxRetryWait: 0.01 },
				},
			});
			expect(error).toBeInstanceOf(NodeApiError);
			expect(error.message).toBe('The other token endpoint refused the key');
			expect(error.description).toContain('The other credential was refused.');
			expect(error.httpCode).toBe(String(endpointStatus));
			expect(exchanges).toBe(attempts);
		},
	);
});

function harnessCredentials(emulator) {
	return emulator.credentialData();
}
