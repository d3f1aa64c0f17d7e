'use strict';
// Issue 9 (seam for more credential types) in a real n8n: the Authentication parameter the nodes
// gained is optional. Workflows saved before it existed run, the editor's node types show it with
// its default, and the editor's pickers work when the parameters they send leave it out.
const h = require('./helpers');
const { httpRequest } = require('../../scripts/lib/n8n');

const SERVER = 'alteryxServerOAuth2Api';

let suite;
beforeAll(async () => {
	suite = await h.startSuite('authentication-parameter');
});
afterAll(async () => {
	if (suite) await suite.teardown();
});

test('a workflow saved without Authentication and one that sets it both run on the Server credential', async () => {
	const cred = suite.credentials[0];
	const wf = h.chain('e2eAuthParameter', 'e2e: Authentication parameter, old and new', [
		h.alteryx('get', 'Old GET', { endpoint: 'v3/workflows', options: {} }, cred),
		h.alteryx(
			'server',
			'Old Server node',
			{ resource: 'workflow', operation: 'getAll', returnAll: true },
			cred,
			{ executeOnce: true },
		),
		h.alteryx(
			'get',
			'New GET',
			{ authentication: SERVER, endpoint: 'v3/workflows', options: {} },
			cred,
			{ executeOnce: true },
		),
	]);
	for (const node of wf.nodes)
		expect(node.parameters.authentication).toBe(node.name === 'New GET' ? SERVER : undefined);
	const res = h.expectOk(await suite.run(wf));
	const seeded = [...suite.emulator.state.workflows.values()].map((w) => w.name).sort();
	expect(
		res
			.json('Old GET')
			.map((w) => w.name)
			.sort(),
	).toEqual(seeded);
	expect(
		res
			.json('Old Server node')
			.map((w) => w.name)
			.sort(),
	).toEqual(seeded);
	expect(
		res
			.json('New GET')
			.map((w) => w.name)
			.sort(),
	).toEqual(seeded);
});

test("the editor's node types show Authentication first, optional, defaulting to the Server credential; pickers work without it", async () => {
	const cred = suite.credentials[0];
	const started = await suite.n8n.start();
	try {
		const cookie = await h.ownerCookie(started, 'Auth');
		const types = await httpRequest('GET', `${started.url}/types/nodes.json`, undefined, {
			cookie,
		});
		expect(types.status).toBe(200);
		const typeNamed = (name) => types.json.find((type) => type.name === `${h.NODE_PREFIX}${name}`);

		// The V3 nodes offer only the Server credential; the Gallery (V1) node also the legacy keys
		// (issue 14).
		const LEGACY = 'alteryxGalleryOAuth1Api';
		const serverOnly = {
			options: [{ name: 'Alteryx Server (OAuth2 API Key)', value: SERVER }],
			credentials: [{ name: SERVER, required: true }],
		};
		const withLegacy = {
			options: [
				{ name: 'Alteryx Server (OAuth2 API Key)', value: SERVER },
				{ name: 'Alteryx Gallery API (Legacy OAuth1)', value: LEGACY },
			],
			credentials: [
				{ name: SERVER, required: true, displayOptions: { hide: { authentication: [LEGACY] } } },
				{ name: LEGACY, required: true, displayOptions: { show: { authentication: [LEGACY] } } },
			],
		};
		// The verb nodes offer every type: the Server's, the Cloud's (issue 13) and the legacy keys.
		const PAIR = 'alteryxCloudOAuth2Api';
		const PRINCIPAL = 'alteryxCloudServicePrincipalOAuth2Api';
		const everyType = {
			options: [
				{ name: 'Alteryx Server (OAuth2 API Key)', value: SERVER },
				{ name: 'Alteryx Analytics Cloud (Token Pair)', value: PAIR },
				{ name: 'Alteryx Analytics Cloud (Service Principal)', value: PRINCIPAL },
				{ name: 'Alteryx Gallery API (Legacy OAuth1)', value: LEGACY },
			],
			credentials: [
				{
					name: SERVER,
					required: true,
					displayOptions: { hide: { authentication: [PAIR, PRINCIPAL, LEGACY] } },
				},
				...[PAIR, PRINCIPAL, LEGACY].map((type) => ({
					name: type,
					required: true,
					displayOptions: { show: { authentication: [type] } },
				})),
			],
		};
		// The Cloud nodes: the Cloud's two, the token pair the default.
		const cloudOnly = {
			options: [
				{ name: 'Alteryx Analytics Cloud (Token Pair)', value: PAIR },
				{ name: 'Alteryx Analytics Cloud (Service Principal)', value: PRINCIPAL },
			],
			credentials: [
				{ name: PAIR, required: true, displayOptions: { hide: { authentication: [PRINCIPAL] } } },
				{
					name: PRINCIPAL,
					required: true,
					displayOptions: { show: { authentication: [PRINCIPAL] } },
				},
			],
		};
		for (const [name, expected] of [
			['alteryxGet', everyType],
			['alteryxPost', everyType],
			['alteryxPut', everyType],
			['alteryxDelete', everyType],
			['alteryxServer', serverOnly],
			['alteryxGetTool', everyType],
			['alteryxServerTool', serverOnly],
			['alteryxServerTrigger', serverOnly],
			['alteryxGallery', withLegacy],
			['alteryxCloud', cloudOnly],
			['alteryxCloudTrigger', cloudOnly],
		]) {
			const type = typeNamed(name);
			const authentication = type.properties.find((p) => p.name === 'authentication');
			expect({ name, authentication }).toEqual({
				name,
				authentication: expect.objectContaining({
					displayName: 'Authentication',
					type: 'options',
					default: expected.options[0].value,
					options: expected.options,
				}),
			});
			expect(authentication.required).not.toBe(true);
			expect({ name, credentials: type.credentials }).toEqual({
				name,
				credentials: expected.credentials,
			});
		}
		for (const name of ['alteryxGet', 'alteryxServer']) {
			expect(typeNamed(name).properties[0].name).toBe('authentication');
		}
		// Authenticate exchanges the Server credential's key itself: no choice to make.
		expect(
			typeNamed('alteryxAuthenticate').properties.some((p) => p.name === 'authentication'),
		).toBe(false);

		// The resource-locator search of a node whose parameters have no Authentication (as a
		// saved node's may), and of one that names it.
		const locate = (currentNodeParameters) =>
			h.locatorResults(started, cookie, {
				path: 'workflowId',
				methodName: 'searchWorkflows',
				filter: 'sales',
				nodeTypeAndVersion: { name: `${h.NODE_PREFIX}alteryxServer`, version: 1 },
				currentNodeParameters,
				credentials: { [SERVER]: { id: cred.id, name: cred.name } },
			});
		const runParameters = {
			resource: 'workflow',
			operation: 'run',
			workflowId: { __rl: true, mode: 'list', value: '' },
		};
		for (const parameters of [runParameters, { authentication: SERVER, ...runParameters }]) {
			const found = await locate(parameters);
			expect(found.map((r) => r.name)).toEqual(['Daily Sales ETL', 'Sales Forecast']);
		}
	} catch (error) {
		suite.failed = true;
		throw error;
	} finally {
		await suite.n8n.stop();
	}
});

h.secretTest(() => suite);
