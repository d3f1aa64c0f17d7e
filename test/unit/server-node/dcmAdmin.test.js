'use strict';
// DCM Administration resource of the Alteryx Server node (the Curator-only DCMEAdmin endpoints),
// against the emulator over real HTTP.

const { createHarness } = require('../../harness');
const { useServerNodeEnvironment, byId, AlteryxServer, SEED_IDS } = require('./setup');
const { startRecordingProxy } = require('./recording-proxy');
const { createMethodsRunner } = require('./methods-runner');

const { users, userGroups } = SEED_IDS;
const SNOWFLAKE = SEED_IDS.dcmConnections.snowflake;
const SNOWFLAKE_REFERENCE = 'a1b2c3d4-0001-4e5f-8a9b-0c1d2e3f4a5b';
const SNOWFLAKE_CREDENTIAL = '9c8b7a6f-5e4d-4c3b-2a1f-0e9d8c7b6a51';
const RULE = SEED_IDS.dcmConnectionHandlingRules.legacyToSnowflake;
const LEGACY_REFERENCE = '0f1e2d3c-4b5a-4968-8776-655443322110';
const UNKNOWN = '00000000-0000-4000-8000-0000000000ff';

const env = useServerNodeEnvironment({ configure: { listShape: 'array' } });

const connections = () => env.emulator.state.dcmConnections;
const rules = () => env.emulator.state.dcmConnectionHandlingRules;

// After reset() the emulator has forgotten the harness's token: the first call of a test may be
// a 401 that the transport answers with a new token and a retry. These list what got through.
// `since` skips the requests of a test's own set-up (an index into the request log).
const answered = (since = 0) =>
	env.emulator.requests
		.slice(since)
		.filter((entry) => entry.status !== 401 && !/oauth2/.test(entry.path));
const apiCalls = (since = 0) =>
	answered(since).map((entry) => `${entry.method} ${entry.path.replace(/^\/webapi/, '')}`);

/** A connection owned by Bo, created through the user endpoint as Bo. */
async function createBosConnection() {
	const { clientId, clientSecret } = env.emulator.credentials.artisan;
	const harness = createHarness({ webApiUrl: env.emulator.webApiUrl, clientId, clientSecret });
	const [[item]] = await harness.execute(AlteryxServer, {
		parameters: {
			resource: 'dcmConnection',
			operation: 'upsert',
			connectionId: byId(''),
			name: 'Bo’s Postgres',
			schemaName: 'postgres-odbc-userpass',
			dataSourceName: 'Marketing DB',
			dataSourceSchemaName: 'postgres-odbc',
			credentials: {
				credential: [
					{
						key: 'userpass',
						name: 'bo',
						schemaName: 'username-password',
						valueName: 'password',
						secretValue: 'bo-secret',
					},
				],
			},
		},
	});
	return item.json.id;
}

describe('connections', () => {
	test('Get Many Connections returns every connection; Limit applies', async () => {
		const bos = await createBosConnection();
		const all = await env.runNode({
			resource: 'dcmAdmin',
			operation: 'getManyConnections',
			returnAll: true,
		});
		expect(all.map((item) => item.json.id).sort()).toEqual([SNOWFLAKE, bos].sort());
		const limited = await env.runNode({
			resource: 'dcmAdmin',
			operation: 'getManyConnections',
			returnAll: false,
			limit: 1,
		});
		expect(limited).toHaveLength(1);
	});

	test('the filters travel as connectionId and visibleBy', async () => {
		await createBosConnection();
		const byReference = await env.runNode({
			resource: 'dcmAdmin',
			operation: 'getManyConnections',
			returnAll: true,
			filters: { connectionId: SNOWFLAKE_REFERENCE },
		});
		expect(byReference.map((item) => item.json.id)).toEqual([SNOWFLAKE]);

		// Nia owns nothing and nothing is shared with her; Bo sees his own and Snowflake (shared).
		const nia = await env.runNode({
			resource: 'dcmAdmin',
			operation: 'getManyConnections',
			returnAll: true,
			filters: { visibleBy: users.nia },
		});
		expect(nia).toEqual([]);
		const bo = await env.runNode({
			resource: 'dcmAdmin',
			operation: 'getManyConnections',
			returnAll: true,
			filters: { visibleBy: users.bo },
		});
		expect(bo).toHaveLength(2);
		const queries = answered()
			.filter((entry) => entry.path === '/webapi/v3/dcm/admin/connections')
			.map((entry) => entry.query);
		expect(queries).toEqual([
			{ connectionId: SNOWFLAKE_REFERENCE },
			{ visibleBy: users.nia },
			{ visibleBy: users.bo },
		]);
	});

	test('an unknown visibleBy user fails with Alteryx’s 400 and its modelState', async () => {
		const error = await env
			.runNode({
				resource: 'dcmAdmin',
				operation: 'getManyConnections',
				returnAll: true,
				filters: { visibleBy: '66ebd18d3d620001000000ff' },
			})
			.catch((caught) => caught);
		expect(error).toMatchObject({ httpCode: '400' });
		expect(error.description).toMatch(/visibleBy: The user does not exist\./);
	});

	test('Get Many Connections also handles the single object the swagger declares', async () => {
		env.emulator.configure({ listShape: 'swagger' });
		const output = await env.runNode({
			resource: 'dcmAdmin',
			operation: 'getManyConnections',
			returnAll: true,
		});
		expect(output.map((item) => item.json.id)).toEqual([SNOWFLAKE]);
	});

	test('Get Connection returns anyone’s connection; an unknown one is a 404', async () => {
		const bos = await createBosConnection();
		const [item] = await env.runNode({
			resource: 'dcmAdmin',
			operation: 'getConnection',
			connectionId: byId(bos),
		});
		expect(item.json).toMatchObject({ id: bos, name: 'Bo’s Postgres', owner: { id: users.bo } });
		expect(apiCalls()).toContain(`GET /v3/dcm/admin/connections/${bos}`);
		await expect(
			env.runNode({
				resource: 'dcmAdmin',
				operation: 'getConnection',
				connectionId: byId(UNKNOWN),
			}),
		).rejects.toMatchObject({ httpCode: '404' });
	});

	test('Create or Update Connection creates a connection for another user (201)', async () => {
		const proxy = await startRecordingProxy(env.emulator.webApiUrl);
		try {
			const { clientId, clientSecret } = env.emulator.credentials.curator;
			const harness = createHarness({ webApiUrl: proxy.webApiUrl, clientId, clientSecret });
			const [[item]] = await harness.execute(AlteryxServer, {
				parameters: {
					resource: 'dcmAdmin',
					operation: 'upsertConnection',
					connectionId: byId(''),
					ownerId: byId(users.bo),
					name: 'Bo’s Oracle',
					schemaName: 'oracle-odbc-userpass',
					dataSourceName: 'ERP',
					dataSourceSchemaName: 'oracle-odbc',
					parameters: { parameter: [{ name: 'service', value: 'ERP1' }] },
				},
			});
			expect(proxy.jsonBodies('POST', /\/v3\/dcm\/admin\/connections$/)).toEqual([
				{
					ownerId: users.bo,
					name: 'Bo’s Oracle',
					schemaName: 'oracle-odbc-userpass',
					parameters: { service: 'ERP1' },
					dataSource: { object: { name: 'ERP', schemaName: 'oracle-odbc', parameters: {} } },
					credentials: {},
				},
			]);
			expect(item.json).toMatchObject({ name: 'Bo’s Oracle', owner: { id: users.bo } });
			expect(connections().get(item.json.id).ownerId).toBe(users.bo);
			const post = proxy.recorded.find((entry) => entry.url.endsWith('/v3/dcm/admin/connections'));
			expect(post).toBeDefined();
			expect(
				env.emulator.requests.find(
					(entry) => entry.method === 'POST' && entry.path.endsWith('/v3/dcm/admin/connections'),
				).status,
			).toBe(201);
		} finally {
			await proxy.close();
		}
	});

	test('Create or Update Connection updates and transfers anyone’s connection (200), keeping the rest', async () => {
		const bos = await createBosConnection();
		const since = env.emulator.requests.length;
		const [item] = await env.runNode({
			resource: 'dcmAdmin',
			operation: 'upsertConnection',
			connectionId: byId(bos),
			ownerId: byId(users.ada),
			name: 'Marketing Postgres',
		});
		expect(item.json).toMatchObject({
			id: bos,
			name: 'Marketing Postgres',
			owner: { id: users.ada },
		});
		const stored = connections().get(bos);
		expect(stored).toMatchObject({
			ownerId: users.ada,
			name: 'Marketing Postgres',
			schemaName: 'postgres-odbc-userpass',
		});
		expect(stored.dataSource.name).toBe('Marketing DB');
		expect(stored.credentials.userpass.secrets.password.value).toBe('bo-secret');
		expect(apiCalls(since)).toEqual([
			`GET /v3/dcm/admin/connections/${bos}`,
			'POST /v3/dcm/admin/connections',
		]);
		expect(answered(since)[1].status).toBe(200);
	});

	test('an update without an owner keeps the current owner', async () => {
		const bos = await createBosConnection();
		await env.runNode({
			resource: 'dcmAdmin',
			operation: 'upsertConnection',
			connectionId: byId(bos),
			ownerId: byId(''),
			additionalFields: { allowInSdks: true },
		});
		expect(connections().get(bos)).toMatchObject({ ownerId: users.bo, allowInSdks: true });
	});

	test('creating without an owner is refused; an unknown owner fails with the 400 and modelState', async () => {
		const parameters = {
			resource: 'dcmAdmin',
			operation: 'upsertConnection',
			connectionId: byId(''),
			ownerId: byId(''),
			name: 'Orphan',
			schemaName: 'x',
			dataSourceName: 'y',
			dataSourceSchemaName: 'z',
		};
		await expect(env.runNode(parameters)).rejects.toMatchObject({
			message: 'The DCM connection needs: Owner',
		});
		expect(apiCalls()).toEqual([]);

		const error = await env
			.runNode({ ...parameters, ownerId: byId('66ebd18d3d620001000000ff') })
			.catch((caught) => caught);
		expect(error).toMatchObject({ httpCode: '400' });
		expect(error.description).toMatch(/ownerId: The owner does not exist\./);
		expect(Object.keys(error.context.modelState)).toEqual(['upsertConnectionContract.ownerId']);
	});

	test('Unshare for Execution and for Collaboration clear the sharing of anyone’s connection', async () => {
		const snowflake = connections().get(SNOWFLAKE);
		snowflake.sharing.collaboration = {
			userIds: [users.bo],
			userGroupIds: [userGroups.analysts],
			sharedCredentials: [SNOWFLAKE_CREDENTIAL],
		};
		const [execution] = await env.runNode({
			resource: 'dcmAdmin',
			operation: 'unshareForExecution',
			connectionId: byId(SNOWFLAKE),
		});
		expect(execution.json).toEqual({ success: true, id: SNOWFLAKE });
		expect(snowflake.sharing.execution).toEqual({ userIds: [], userGroupIds: [] });
		expect(snowflake.sharing.collaboration.userIds).toEqual([users.bo]);

		const [collaboration] = await env.runNode({
			resource: 'dcmAdmin',
			operation: 'unshareForCollaboration',
			connectionId: byId(SNOWFLAKE),
		});
		expect(collaboration.json).toEqual({ success: true, id: SNOWFLAKE });
		expect(snowflake.sharing.collaboration).toEqual({
			userIds: [],
			userGroupIds: [],
			sharedCredentials: [],
		});
		expect(apiCalls()).toEqual([
			`DELETE /v3/dcm/admin/connections/${SNOWFLAKE}/sharing/execution`,
			`DELETE /v3/dcm/admin/connections/${SNOWFLAKE}/sharing/collaboration`,
		]);
		await expect(
			env.runNode({
				resource: 'dcmAdmin',
				operation: 'unshareForCollaboration',
				connectionId: byId(UNKNOWN),
			}),
		).rejects.toMatchObject({ httpCode: '404' });
	});

	test('Delete Connection deletes anyone’s connection', async () => {
		const bos = await createBosConnection();
		const [item] = await env.runNode({
			resource: 'dcmAdmin',
			operation: 'deleteConnection',
			connectionId: byId(bos),
		});
		expect(item.json.deletedConnections.map((entry) => entry.id)).toEqual([bos]);
		expect(connections().has(bos)).toBe(false);
		await expect(
			env.runNode({ resource: 'dcmAdmin', operation: 'deleteConnection', connectionId: byId(bos) }),
		).rejects.toMatchObject({ httpCode: '404' });
	});

	test('the admin endpoints are for Curators: an Artisan gets Alteryx’s 401', async () => {
		const { clientId, clientSecret } = env.emulator.credentials.artisan;
		const harness = createHarness({ webApiUrl: env.emulator.webApiUrl, clientId, clientSecret });
		await expect(
			harness.execute(AlteryxServer, {
				parameters: { resource: 'dcmAdmin', operation: 'getManyConnections', returnAll: true },
			}),
		).rejects.toMatchObject({ httpCode: '401' });
	});
});

describe('connection handling rules', () => {
	test('Get Many and Get return the rules', async () => {
		const output = await env.runNode({
			resource: 'dcmAdmin',
			operation: 'getManyRules',
			returnAll: true,
		});
		expect(output.map((item) => item.json)).toEqual([
			expect.objectContaining({
				id: RULE,
				sourceConnectionId: LEGACY_REFERENCE,
				targetConnectionId: SNOWFLAKE_REFERENCE,
				createdBy: { id: users.ada, email: 'ada.admin@example.com' },
			}),
		]);
		const [item] = await env.runNode({
			resource: 'dcmAdmin',
			operation: 'getRule',
			ruleId: byId(RULE),
		});
		expect(item.json).toMatchObject({ id: RULE, sourceConnectionTitle: 'Legacy SQL Server' });
		await expect(
			env.runNode({ resource: 'dcmAdmin', operation: 'getRule', ruleId: byId(UNKNOWN) }),
		).rejects.toMatchObject({ httpCode: '404' });
	});

	test('Get Many also handles the single object the swagger declares, and Limit', async () => {
		env.emulator.configure({ listShape: 'swagger' });
		const output = await env.runNode({
			resource: 'dcmAdmin',
			operation: 'getManyRules',
			returnAll: false,
			limit: 5,
		});
		expect(output.map((item) => item.json.id)).toEqual([RULE]);
	});

	test('Create or Update creates a rule (201) from the picked connections', async () => {
		const proxy = await startRecordingProxy(env.emulator.webApiUrl);
		try {
			const { clientId, clientSecret } = env.emulator.credentials.curator;
			const harness = createHarness({ webApiUrl: proxy.webApiUrl, clientId, clientSecret });
			const [[item]] = await harness.execute(AlteryxServer, {
				parameters: {
					resource: 'dcmAdmin',
					operation: 'upsertRule',
					ruleId: byId(''),
					sourceConnectionId: byId(UNKNOWN),
					targetConnectionId: {
						__rl: true,
						mode: 'list',
						value: SNOWFLAKE_REFERENCE,
						cachedResultName: 'Snowflake Analytics',
					},
					additionalFields: { sourceConnectionTitle: 'Old Oracle' },
				},
			});
			expect(proxy.jsonBodies('POST', /connectionhandlingrules$/)).toEqual([
				{
					sourceConnectionId: UNKNOWN,
					targetConnectionId: SNOWFLAKE_REFERENCE,
					sourceConnectionTitle: 'Old Oracle',
				},
			]);
			expect(item.json).toMatchObject({
				sourceConnectionId: UNKNOWN,
				targetConnectionId: SNOWFLAKE_REFERENCE,
				createdBy: { id: users.ada },
			});
			expect(rules().get(item.json.id)).toMatchObject({ sourceConnectionTitle: 'Old Oracle' });
			expect(rules().size).toBe(2);
		} finally {
			await proxy.close();
		}
	});

	test('Create or Update with a rule updates it (200); fields left empty keep their values', async () => {
		const [item] = await env.runNode({
			resource: 'dcmAdmin',
			operation: 'upsertRule',
			ruleId: byId(RULE),
			sourceConnectionId: byId(''),
			targetConnectionId: byId(''),
			additionalFields: { targetConnectionTitle: 'Snowflake (prod)' },
		});
		expect(item.json).toMatchObject({
			id: RULE,
			sourceConnectionId: LEGACY_REFERENCE,
			sourceConnectionTitle: 'Legacy SQL Server',
			targetConnectionId: SNOWFLAKE_REFERENCE,
			targetConnectionTitle: 'Snowflake (prod)',
		});
		expect(rules().get(RULE).targetConnectionTitle).toBe('Snowflake (prod)');
		expect(rules().size).toBe(1);
		expect(answered().find((entry) => entry.method === 'POST').status).toBe(200);
	});

	test('creating a rule without a source connection is refused before any request', async () => {
		await expect(
			env.runNode({
				resource: 'dcmAdmin',
				operation: 'upsertRule',
				ruleId: byId(''),
				sourceConnectionId: byId(''),
			}),
		).rejects.toThrow(/^The Source Connection is empty$/);
		expect(apiCalls()).toEqual([]);
	});

	test('Delete removes the rule and returns its ID and deletion time', async () => {
		const [item] = await env.runNode({
			resource: 'dcmAdmin',
			operation: 'deleteRule',
			ruleId: byId(RULE),
		});
		expect(item.json).toEqual({ id: RULE, deletedOn: expect.any(String) });
		expect(rules().has(RULE)).toBe(false);
		await expect(
			env.runNode({ resource: 'dcmAdmin', operation: 'deleteRule', ruleId: byId(RULE) }),
		).rejects.toMatchObject({ httpCode: '404' });
	});

	test('the rule picker shows source → target', async () => {
		const methods = createMethodsRunner(env.harness, AlteryxServer);
		expect(
			(await methods.listSearch('searchDcmConnectionHandlingRules', 'legacy')).results,
		).toEqual([{ name: 'Legacy SQL Server → Snowflake Analytics', value: RULE }]);
		expect(
			(await methods.listSearch('searchDcmConnectionHandlingRules', 'nothing')).results,
		).toEqual([]);
	});
});
