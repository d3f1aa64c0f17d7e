'use strict';
// DCM Connection resource of the Alteryx Server node (the DCME and DCMEConnect endpoints),
// against the emulator over real HTTP, as the seeded Curator Ada (owner of Snowflake Analytics).

const { NodeHelpers } = require('n8n-workflow');

const { createHarness } = require('../../harness');
const { useServerNodeEnvironment, byId, AlteryxServer, SEED_IDS } = require('./setup');
const { startRecordingProxy } = require('./recording-proxy');
const { createMethodsRunner } = require('./methods-runner');

const { users, userGroups } = SEED_IDS;
const SNOWFLAKE = SEED_IDS.dcmConnections.snowflake;
const SNOWFLAKE_REFERENCE = 'a1b2c3d4-0001-4e5f-8a9b-0c1d2e3f4a5b';
const SNOWFLAKE_CREDENTIAL = '9c8b7a6f-5e4d-4c3b-2a1f-0e9d8c7b6a51';
const SNOWFLAKE_DATA_SOURCE = '3e1f5a7c-2b4d-4f6a-8c0e-9a1b3c5d7e90';
const UNKNOWN = '00000000-0000-4000-8000-0000000000ff';

const env = useServerNodeEnvironment();

const stored = (id) => env.emulator.state.dcmConnections.get(id);

// After reset() the emulator has forgotten the harness's token: the first call of a test may be
// a 401 that the transport answers with a new token and a retry. These list what got through.
const answered = () =>
	env.emulator.requests.filter((entry) => entry.status !== 401 && !/oauth2/.test(entry.path));
const apiCalls = () =>
	answered().map((entry) => `${entry.method} ${entry.path.replace(/^\/webapi/, '')}`);

/** Runs the node through the recording proxy and returns its output and the JSON bodies sent. */
async function runRecorded(parameters, method, pathPattern) {
	const proxy = await startRecordingProxy(env.emulator.webApiUrl);
	try {
		const { clientId, clientSecret } = env.emulator.credentials.curator;
		const harness = createHarness({ webApiUrl: proxy.webApiUrl, clientId, clientSecret });
		const [output] = await harness.execute(AlteryxServer, { parameters });
		return { output, bodies: proxy.jsonBodies(method, pathPattern) };
	} finally {
		await proxy.close();
	}
}

const createParameters = (overrides = {}) => ({
	resource: 'dcmConnection',
	operation: 'upsert',
	connectionId: byId(''),
	name: 'Postgres Finance',
	schemaName: 'postgres-odbc-userpass',
	dataSourceName: 'Finance DB',
	dataSourceSchemaName: 'postgres-odbc',
	parameters: { parameter: [{ name: 'database', value: 'finance' }] },
	credentials: {
		credential: [
			{
				key: 'userpass',
				name: 'svc_finance',
				schemaName: 'username-password',
				userName: 'SVC_FINANCE',
				valueName: 'password',
				secretValue: 'first-secret',
			},
		],
	},
	additionalFields: {
		allowInSdks: true,
		dataSourceHost: 'db.example.com',
		dataSourceDriverName: 'PostgreSQL Unicode',
		dataSourceParametersJson: '{"port": "5432"}',
	},
	...overrides,
});

describe('Get, Look Up and Get for Connect', () => {
	test('Get returns the connection with its data source, credentials (no secrets) and sharing', async () => {
		const [item] = await env.runNode({
			resource: 'dcmConnection',
			operation: 'get',
			connectionId: byId(SNOWFLAKE),
		});
		expect(item.json).toMatchObject({
			id: SNOWFLAKE,
			name: 'Snowflake Analytics',
			schemaName: 'snowflake-odbc-userpass',
			parameters: { warehouse: 'ANALYTICS_WH', database: 'SALES' },
			dataSource: { id: SNOWFLAKE_DATA_SOURCE, host: 'acme.snowflakecomputing.com' },
			owner: { id: users.ada },
		});
		expect(item.json.credentials.userpass.id).toBe(SNOWFLAKE_CREDENTIAL);
		expect(JSON.stringify(item.json)).not.toContain('not-a-real-password');
		expect(item.json.sharing.execution.users.map((user) => user.id)).toEqual([users.bo]);
		expect(apiCalls()).toEqual([`GET /v3/dcm/connections/${SNOWFLAKE}`]);
	});

	test('an unknown connection fails with the 404, or becomes an error item under Continue On Fail', async () => {
		const parameters = { resource: 'dcmConnection', operation: 'get', connectionId: byId(UNKNOWN) };
		await expect(env.runNode(parameters)).rejects.toMatchObject({ httpCode: '404' });
		const [item] = await env.runNode(parameters, { continueOnFail: true });
		expect(item.json.details.httpCode).toBe('404');
		expect(item.pairedItem).toEqual({ item: 0 });
	});

	test('Look Up finds the connection by the connection ID workflows reference', async () => {
		const [item] = await env.runNode({
			resource: 'dcmConnection',
			operation: 'lookup',
			lookupConnectionId: ` ${SNOWFLAKE_REFERENCE} `,
		});
		expect(item.json).toMatchObject({ id: SNOWFLAKE, name: 'Snowflake Analytics' });
		const request = answered().find((entry) => entry.path.endsWith('/v3/dcm/connections/lookup'));
		expect(request.query).toEqual({ connectionId: SNOWFLAKE_REFERENCE });
	});

	test('Look Up without an ID is refused before any request', async () => {
		await expect(
			env.runNode({ resource: 'dcmConnection', operation: 'lookup', lookupConnectionId: '  ' }),
		).rejects.toThrow(/No connection ID was given/);
		expect(apiCalls()).toEqual([]);
	});

	test('Get for Connect returns the Connect view (object ID, name, data source)', async () => {
		const [item] = await env.runNode({
			resource: 'dcmConnection',
			operation: 'getForConnect',
			connectionId: byId(SNOWFLAKE),
		});
		expect(item.json).toEqual({
			objectId: SNOWFLAKE,
			name: 'Snowflake Analytics',
			dataSource: {
				name: 'Snowflake DWH',
				schemaName: 'snowflake-odbc',
				drvName: 'SnowflakeDSIIDriver',
				host: 'acme.snowflakecomputing.com',
				parameters: { port: '443' },
			},
		});
		expect(apiCalls()).toEqual([`GET /v3/DCMEConnections/${SNOWFLAKE}`]);
	});
});

describe('Create or Update (upsert)', () => {
	test('without a connection it creates one (201) from the fields, key-value pairs and JSON', async () => {
		const { output, bodies } = await runRecorded(
			createParameters(),
			'POST',
			/\/v3\/dcm\/connections$/,
		);
		expect(bodies).toEqual([
			{
				name: 'Postgres Finance',
				schemaName: 'postgres-odbc-userpass',
				allowInSdks: true,
				parameters: { database: 'finance' },
				dataSource: {
					object: {
						name: 'Finance DB',
						schemaName: 'postgres-odbc',
						drvName: 'PostgreSQL Unicode',
						host: 'db.example.com',
						parameters: { port: '5432' },
					},
				},
				credentials: {
					userpass: {
						object: {
							name: 'svc_finance',
							schemaName: 'username-password',
							userName: 'SVC_FINANCE',
							parameters: {},
							secrets: { password: { parameters: {}, value: { text: 'first-secret' } } },
						},
					},
				},
			},
		]);
		const [item] = output;
		expect(item.json).toMatchObject({ name: 'Postgres Finance', owner: { id: users.ada } });
		const created = stored(item.json.id);
		expect(created.ownerId).toBe(users.ada);
		expect(created.dataSource).toMatchObject({
			host: 'db.example.com',
			parameters: { port: '5432' },
		});
		expect(created.credentials.userpass.secrets.password.value).toBe('first-secret');
		const request = answered().find((entry) => entry.method === 'POST');
		expect(request.status).toBe(201);
	});

	test('with a connection it updates it (200): fields left empty keep their values, a new password changes only the secret', async () => {
		const before = JSON.parse(JSON.stringify(stored(SNOWFLAKE)));
		const { output, bodies } = await runRecorded(
			{
				resource: 'dcmConnection',
				operation: 'upsert',
				connectionId: byId(SNOWFLAKE),
				name: 'Snowflake Analytics (prod)',
				credentials: {
					credential: [{ key: 'userpass', valueName: 'password', secretValue: 'rotated' }],
				},
			},
			'POST',
			/\/v3\/dcm\/connections$/,
		);
		expect(bodies[0]).toMatchObject({
			id: SNOWFLAKE,
			name: 'Snowflake Analytics (prod)',
			schemaName: before.schemaName,
			parameters: before.parameters,
			dataSource: { object: { id: SNOWFLAKE_DATA_SOURCE, name: 'Snowflake DWH' } },
			credentials: {
				userpass: {
					object: {
						id: SNOWFLAKE_CREDENTIAL,
						name: 'svc_snowflake',
						userName: 'SVC_SNOWFLAKE',
						secrets: { password: { value: { text: 'rotated' } } },
					},
				},
			},
		});
		expect(output[0].json).toMatchObject({ id: SNOWFLAKE, name: 'Snowflake Analytics (prod)' });
		const after = stored(SNOWFLAKE);
		expect(after.name).toBe('Snowflake Analytics (prod)');
		expect(after.parameters).toEqual(before.parameters);
		expect(after.dataSource).toEqual(before.dataSource);
		expect(after.credentials.userpass.id).toBe(SNOWFLAKE_CREDENTIAL);
		expect(after.credentials.userpass.secrets.password.value).toBe('rotated');
		const post = answered().find((entry) => entry.method === 'POST');
		expect(post.status).toBe(200);
		// The node read the connection first, so nothing it did not change was lost.
		expect(apiCalls().slice(0, 1)).toEqual([`GET /v3/dcm/connections/${SNOWFLAKE}`]);
	});

	test('an update without credentials keeps the stored credentials and secrets', async () => {
		await env.runNode({
			resource: 'dcmConnection',
			operation: 'upsert',
			connectionId: byId(SNOWFLAKE),
			additionalFields: { parametersJson: '{"warehouse": "BIG_WH", "role": "ANALYST"}' },
		});
		const after = stored(SNOWFLAKE);
		expect(after.parameters).toEqual({ warehouse: 'BIG_WH', role: 'ANALYST' });
		expect(after.credentials.userpass.secrets.password.value).toBe('not-a-real-password');
	});

	test('Credentials (JSON) accepts the credentials of a Get output and plain secret values', async () => {
		const [created] = await env.runNode(
			createParameters({
				credentials: {},
				additionalFields: {
					credentialsJson: JSON.stringify({
						oauthTokens: {
							name: 'Tokens',
							schemaName: 'oauth-tokens',
							secrets: { accessToken: 'a-token', refreshToken: { value: 'r-token' } },
						},
					}),
				},
			}),
		);
		const credential = stored(created.json.id).credentials.oauthTokens;
		expect(credential).toMatchObject({ name: 'Tokens', schemaName: 'oauth-tokens' });
		expect(credential.secrets.accessToken.value).toBe('a-token');
		expect(credential.secrets.refreshToken.value).toBe('r-token');

		// A Get output's credentials map goes back as it is: IDs link, secrets stay stored.
		const [current] = await env.runNode({
			resource: 'dcmConnection',
			operation: 'get',
			connectionId: byId(SNOWFLAKE),
		});
		const credentials = current.json.credentials;
		credentials.userpass.userName = 'SVC_RENAMED';
		await env.runNode({
			resource: 'dcmConnection',
			operation: 'upsert',
			connectionId: byId(SNOWFLAKE),
			additionalFields: { credentialsJson: JSON.stringify(credentials) },
		});
		expect(stored(SNOWFLAKE).credentials.userpass).toMatchObject({
			id: SNOWFLAKE_CREDENTIAL,
			userName: 'SVC_RENAMED',
			secrets: { password: { value: 'not-a-real-password' } },
		});
	});

	test('creating without the required names is refused before any request', async () => {
		await expect(
			env.runNode(createParameters({ name: '', dataSourceSchemaName: ' ' })),
		).rejects.toMatchObject({
			message: 'The DCM connection needs: Name, Data Source Schema Name',
		});
		expect(apiCalls()).toEqual([]);
	});

	test('malformed JSON in a map is a configuration error', async () => {
		await expect(
			env.runNode(createParameters({ additionalFields: { parametersJson: '{"a": ' } })),
		).rejects.toThrow(/Parameters \(JSON\) is not valid JSON/);
		await expect(
			env.runNode(createParameters({ additionalFields: { parametersJson: '[1]' } })),
		).rejects.toThrow(/must be a JSON object/);
	});

	test('updating a connection that does not exist fails with the 404', async () => {
		await expect(
			env.runNode({
				resource: 'dcmConnection',
				operation: 'upsert',
				connectionId: byId(UNKNOWN),
				name: 'x',
			}),
		).rejects.toMatchObject({ httpCode: '404' });
	});
});

describe('Sharing', () => {
	test('Share for Execution replaces the users and groups', async () => {
		const [item] = await env.runNode({
			resource: 'dcmConnection',
			operation: 'shareForExecution',
			connectionId: byId(SNOWFLAKE),
			userIds: [users.nia],
			userGroupIds: [userGroups.analysts],
		});
		expect(item.json).toEqual({
			success: true,
			id: SNOWFLAKE,
			userIds: [users.nia],
			userGroupIds: [userGroups.analysts],
		});
		expect(stored(SNOWFLAKE).sharing.execution).toEqual({
			userIds: [users.nia],
			userGroupIds: [userGroups.analysts],
		});
	});

	test('Share for Execution with Keep Current Shares adds to the current users (IDs as text)', async () => {
		await env.runNode({
			resource: 'dcmConnection',
			operation: 'shareForExecution',
			connectionId: byId(SNOWFLAKE),
			userIds: `${users.nia}, ${users.bo}`,
			userGroupIds: [],
			options: { keepCurrent: true },
		});
		expect(stored(SNOWFLAKE).sharing.execution.userIds).toEqual([users.bo, users.nia]);
	});

	test('sharing with an unknown user fails with Alteryx’s 400 and its modelState', async () => {
		const error = await env
			.runNode({
				resource: 'dcmConnection',
				operation: 'shareForExecution',
				connectionId: byId(SNOWFLAKE),
				userIds: ['66ebd18d3d620001000000ff'],
				userGroupIds: [],
			})
			.catch((caught) => caught);
		expect(error).toMatchObject({ httpCode: '400' });
		expect(error.description).toMatch(/userIds: Unknown user ids: 66ebd18d3d620001000000ff/);
		expect(Object.keys(error.context.modelState)).toEqual(['sharingContract.userIds']);
		expect(stored(SNOWFLAKE).sharing.execution.userIds).toEqual([users.bo]);
	});

	test('Unshare for Execution removes every user and group', async () => {
		const [item] = await env.runNode({
			resource: 'dcmConnection',
			operation: 'unshareForExecution',
			connectionId: byId(SNOWFLAKE),
		});
		expect(item.json).toEqual({ success: true, id: SNOWFLAKE });
		expect(stored(SNOWFLAKE).sharing.execution).toEqual({ userIds: [], userGroupIds: [] });
		expect(apiCalls()).toEqual([`DELETE /v3/dcm/connections/${SNOWFLAKE}/sharing/execution`]);
	});

	test('Share for Collaboration shares users, groups and credentials and returns the sharing', async () => {
		const [item] = await env.runNode({
			resource: 'dcmConnection',
			operation: 'shareForCollaboration',
			connectionId: byId(SNOWFLAKE),
			userIds: [users.bo],
			userGroupIds: [userGroups.analysts],
			sharedCredentials: [SNOWFLAKE_CREDENTIAL],
		});
		expect(item.json).toMatchObject({
			sharedCredentials: [SNOWFLAKE_CREDENTIAL],
			users: [{ id: users.bo, email: 'bo.builder@example.com' }],
			userGroups: [{ id: userGroups.analysts, name: 'Analysts' }],
		});
		expect(stored(SNOWFLAKE).sharing.collaboration).toEqual({
			userIds: [users.bo],
			userGroupIds: [userGroups.analysts],
			sharedCredentials: [SNOWFLAKE_CREDENTIAL],
		});

		await env.runNode({
			resource: 'dcmConnection',
			operation: 'shareForCollaboration',
			connectionId: byId(SNOWFLAKE),
			userIds: [users.nia],
			userGroupIds: [],
			sharedCredentials: [],
			options: { keepCurrent: true },
		});
		expect(stored(SNOWFLAKE).sharing.collaboration).toEqual({
			userIds: [users.bo, users.nia],
			userGroupIds: [userGroups.analysts],
			sharedCredentials: [SNOWFLAKE_CREDENTIAL],
		});
	});

	test('Share for Collaboration with a credential of another connection fails with the 400', async () => {
		await expect(
			env.runNode({
				resource: 'dcmConnection',
				operation: 'shareForCollaboration',
				connectionId: byId(SNOWFLAKE),
				userIds: [],
				userGroupIds: [],
				sharedCredentials: [UNKNOWN],
			}),
		).rejects.toMatchObject({
			httpCode: '400',
			description: expect.stringMatching(/sharedCredentials: Unknown credential ids/),
		});
	});
});

describe('Delete', () => {
	test('deletes the connection and returns what was deleted; a second delete is a 404', async () => {
		const [item] = await env.runNode({
			resource: 'dcmConnection',
			operation: 'delete',
			connectionId: byId(SNOWFLAKE),
		});
		expect(item.json.deletedConnections).toEqual([
			{ id: SNOWFLAKE, deletedOn: expect.any(String) },
		]);
		expect(item.json.deletedCredentials.map((entry) => entry.id)).toEqual([SNOWFLAKE_CREDENTIAL]);
		expect(env.emulator.state.dcmConnections.has(SNOWFLAKE)).toBe(false);
		await expect(
			env.runNode({
				resource: 'dcmConnection',
				operation: 'delete',
				connectionId: byId(SNOWFLAKE),
			}),
		).rejects.toMatchObject({ httpCode: '404' });
	});

	test('an Artisan cannot delete a connection shared with them (404 from Alteryx)', async () => {
		const { clientId, clientSecret } = env.emulator.credentials.artisan;
		const harness = createHarness({ webApiUrl: env.emulator.webApiUrl, clientId, clientSecret });
		const get = await harness.execute(AlteryxServer, {
			parameters: { resource: 'dcmConnection', operation: 'get', connectionId: byId(SNOWFLAKE) },
		});
		expect(get[0][0].json.sharedBy).toEqual({ id: users.ada, email: 'ada.admin@example.com' });
		await expect(
			harness.execute(AlteryxServer, {
				parameters: {
					resource: 'dcmConnection',
					operation: 'delete',
					connectionId: byId(SNOWFLAKE),
				},
			}),
		).rejects.toMatchObject({ httpCode: '404' });
		expect(env.emulator.state.dcmConnections.has(SNOWFLAKE)).toBe(true);
	});
});

describe('pickers', () => {
	test('the By ID mode accepts GUIDs (and empty), and flags other IDs in the editor', () => {
		const properties = new AlteryxServer().description.properties;
		const issuesFor = (operation, value) => {
			const values = { resource: 'dcmConnection', operation, connectionId: byId(value) };
			const property = properties.find(
				(candidate) =>
					candidate.name === 'connectionId' &&
					candidate.displayOptions.show.resource.includes('dcmConnection') &&
					candidate.displayOptions.show.operation.includes(operation),
			);
			const node = { name: 'n', type: 'alteryxServer', typeVersion: 1, parameters: values };
			return NodeHelpers.getParameterIssues(property, values, '', node).parameters;
		};
		expect(issuesFor('get', SNOWFLAKE)).toBeUndefined();
		expect(issuesFor('get', ` ${SNOWFLAKE} `)).toBeUndefined();
		expect(issuesFor('get', '66ebd18d3d62000900000001').connectionId).toEqual([
			expect.stringMatching(/GUID/),
		]);
		expect(issuesFor('upsert', '')).toBeUndefined();
	});

	test('connections, users, user groups and the connection’s credentials', async () => {
		const methods = createMethodsRunner(env.harness, AlteryxServer);
		expect((await methods.listSearch('searchDcmConnections', 'snow')).results).toEqual([
			{
				name: 'Snowflake Analytics (snowflake-odbc-userpass, ada.admin@example.com)',
				value: SNOWFLAKE,
			},
		]);
		expect((await methods.listSearch('searchDcmConnectionReferences')).results).toEqual([
			{
				name: 'Snowflake Analytics (snowflake-odbc-userpass, ada.admin@example.com)',
				value: SNOWFLAKE_REFERENCE,
			},
		]);
		const usersList = await methods.loadOptions('getDcmUsers');
		expect(usersList).toContainEqual({
			name: 'Bo Builder (bo.builder@example.com)',
			value: users.bo,
		});
		expect(await methods.loadOptions('getDcmUserGroups')).toEqual([
			{ name: 'Analysts', value: userGroups.analysts },
		]);
		expect(
			await methods.loadOptions('getDcmConnectionCredentials', {
				connectionId: { __rl: true, mode: 'list', value: SNOWFLAKE },
			}),
		).toEqual([
			{
				name: 'svc_snowflake (userpass)',
				value: SNOWFLAKE_CREDENTIAL,
				description: 'username-password · SVC_SNOWFLAKE',
			},
		]);
		expect(await methods.loadOptions('getDcmConnectionCredentials', {})).toEqual([]);
	});
});
