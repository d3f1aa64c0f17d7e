'use strict';
// Server Data Connection resource of the Alteryx Server node, against the emulator over real HTTP.

const { useServerNodeEnvironment, byId, AlteryxServer, SEED_IDS } = require('./setup');
const { createMethodsRunner } = require('./methods-runner');

const { users, userGroups, serverDataConnections } = SEED_IDS;
const SALES_DWH = serverDataConnections.salesDwh;
const UNKNOWN_ID = '66ebd18d3d620009000000ff';

const env = useServerNodeEnvironment();

const run = (operation, parameters = {}) =>
	env.runNode({
		resource: 'serverDataConnection',
		operation,
		dataConnectionId: byId(SALES_DWH),
		...parameters,
	});

/** The API calls that got through (a reset emulator first answers 401 to the old token). */
const answeredCalls = () =>
	env.emulator.requests
		.filter((entry) => entry.status !== 401 && !/\/oauth2\/token$/.test(entry.path))
		.map((entry) => `${entry.method} ${entry.path.replace(/^\/webapi/, '')}`);

const stored = () => env.emulator.state.serverDataConnections.get(SALES_DWH);

describe('Get and Get Many', () => {
	test('Get Many returns the reduced views; Full adds sharing; the view travels as a query parameter', async () => {
		const [reduced] = await run('getAll', { returnAll: true });
		expect(reduced.json).toEqual({
			id: SALES_DWH,
			name: 'Sales DWH',
			connectionString: expect.stringMatching(/^odbc:/),
			connectionType: 'ODBC',
		});
		const [full] = await run('getAll', { returnAll: false, limit: 1, options: { view: 'Full' } });
		expect(full.json).toMatchObject({ userIds: [users.bo], userGroupIds: [userGroups.analysts] });
		const requests = env.emulator.requests.filter(
			(entry) => entry.path === '/webapi/v3/serverDataConnections' && entry.status === 200,
		);
		expect(requests.map((entry) => entry.query)).toEqual([{}, { view: 'Full' }]);
	});

	test('Get Many applies the limit to the whole list', async () => {
		const copy = { ...stored(), id: '66ebd18d3d62000900000002', name: 'Finance DWH' };
		env.emulator.state.serverDataConnections.set(copy.id, copy);
		const output = await run('getAll', { returnAll: false, limit: 1 });
		expect(output).toHaveLength(1);
		expect(await run('getAll', { returnAll: true })).toHaveLength(2);
	});

	test('Get returns the ServerConnectionView; an unknown ID is a 404', async () => {
		const [item] = await run('get');
		expect(item.json).toMatchObject({ id: SALES_DWH, name: 'Sales DWH', userIds: [users.bo] });
		await expect(run('get', { dataConnectionId: byId(UNKNOWN_ID) })).rejects.toMatchObject({
			httpCode: '404',
		});
	});
});

describe('Rename and Delete', () => {
	test('Rename changes the name and returns the connection', async () => {
		const [item] = await run('rename', { name: '  Sales Data Warehouse ' });
		expect(item.json).toMatchObject({ id: SALES_DWH, name: 'Sales Data Warehouse' });
		expect(stored().name).toBe('Sales Data Warehouse');
	});

	test('Rename with an empty name is refused before any request', async () => {
		await expect(run('rename', { name: '   ' })).rejects.toThrow(/New Name is empty/);
		expect(env.apiCalls()).toEqual([]);
	});

	test('Rename with a name over 255 characters fails with Alteryx’s 400 and its modelState', async () => {
		await expect(run('rename', { name: 'x'.repeat(256) })).rejects.toMatchObject({
			httpCode: '400',
			description: expect.stringMatching(/name: The field Name must be a string/),
		});
		expect(stored().name).toBe('Sales DWH');
	});

	test('Delete removes the connection; deleting it again is a 404', async () => {
		const [item] = await run('delete');
		expect(item.json).toEqual({ success: true, id: SALES_DWH });
		expect(env.emulator.state.serverDataConnections.has(SALES_DWH)).toBe(false);
		await expect(run('delete')).rejects.toMatchObject({ httpCode: '404' });
	});
});

describe('Sharing with users and user groups', () => {
	test('Add User shares the connection with a user', async () => {
		const [item] = await run('addUser', { userId: byId(users.ada) });
		expect(item.json.userIds).toEqual([users.bo, users.ada]);
		expect(stored().userIds).toEqual([users.bo, users.ada]);
		expect(answeredCalls()).toEqual([`POST /v3/serverDataConnections/${SALES_DWH}/users`]);
	});

	test('Add User with an unknown user fails with Alteryx’s 400 and its modelState', async () => {
		await expect(
			run('addUser', { userId: byId('66ebd18d3d620001000000ff') }),
		).rejects.toMatchObject({
			httpCode: '400',
			description: expect.stringContaining('userId: The user does not exist.'),
		});
	});

	test('Add User Group, then Remove User Group', async () => {
		env.emulator.state.serverDataConnections.get(SALES_DWH).userGroupIds = [];
		const [added] = await run('addUserGroup', { userGroupId: byId(userGroups.analysts) });
		expect(added.json.userGroupIds).toEqual([userGroups.analysts]);
		const [removed] = await run('removeUserGroup', { userGroupId: byId(userGroups.analysts) });
		expect(removed.json.userGroupIds).toEqual([]);
		expect(stored().userGroupIds).toEqual([]);
	});

	test('Remove User takes the permission away; a user it is not shared with is a 404', async () => {
		const [item] = await run('removeUser', { userId: byId(users.bo) });
		expect(item.json.userIds).toEqual([]);
		expect(stored().userIds).toEqual([]);
		expect(answeredCalls()).toEqual([
			`DELETE /v3/serverDataConnections/${SALES_DWH}/users/${users.bo}`,
		]);
		await expect(run('removeUser', { userId: byId(users.bo) })).rejects.toMatchObject({
			httpCode: '404',
		});
	});

	test('an empty user ID is refused before any request', async () => {
		await expect(run('removeUser', { userId: byId(' ') })).rejects.toThrow(/^The User is empty$/);
		expect(env.apiCalls()).toEqual([]);
	});
});

describe('Server data connection picker', () => {
	test('lists connections by name with their type, filtered by the typed text or ID', async () => {
		const methods = createMethodsRunner(env.harness, AlteryxServer);
		expect((await methods.listSearch('searchServerDataConnections')).results).toEqual([
			{ name: 'Sales DWH (ODBC)', value: SALES_DWH },
		]);
		expect((await methods.listSearch('searchServerDataConnections', 'dwh')).results).toHaveLength(
			1,
		);
		expect(
			(await methods.listSearch('searchServerDataConnections', SALES_DWH)).results,
		).toHaveLength(1);
		expect((await methods.listSearch('searchServerDataConnections', 'nothing')).results).toEqual(
			[],
		);
	});
});
