'use strict';
// Collection resource of the Alteryx Server node, against the emulator over real HTTP.

const { createHarness } = require('../../harness');
const { useServerNodeEnvironment, byId, AlteryxServer, SEED_IDS } = require('./setup');
const { startRecordingProxy } = require('./recording-proxy');
const { createMethodsRunner } = require('./methods-runner');

const { collections, users, userGroups, workflows, schedules } = SEED_IDS;
const FINANCE = collections.financeReports;
const UNKNOWN_COLLECTION = '66ebd18d3d620006000000ff';
const NO_PERMISSIONS = {
	isAdmin: false,
	canAddAssets: false,
	canRemoveAssets: false,
	canUpdateAssets: false,
	canAddUsers: false,
	canRemoveUsers: false,
};

const env = useServerNodeEnvironment();

const stored = (id = FINANCE) => env.emulator.state.collections.get(id);

/** Runs the node through a recording proxy and returns its output and what it sent. */
async function runRecorded(parameters) {
	const proxy = await startRecordingProxy(env.emulator.webApiUrl);
	try {
		const { clientId, clientSecret } = env.emulator.credentials.curator;
		const harness = createHarness({ webApiUrl: proxy.webApiUrl, clientId, clientSecret });
		const [output] = await harness.execute(AlteryxServer, { parameters });
		return { output, proxy };
	} finally {
		await proxy.close();
	}
}

describe('Get Many and Get', () => {
	test('Get Many returns the reduced views; the Full view adds the asset IDs', async () => {
		const [reduced] = await env.runNode({
			resource: 'collection',
			operation: 'getAll',
			returnAll: true,
		});
		expect(reduced.json).toEqual({
			id: FINANCE,
			name: 'Finance Reports',
			ownerId: users.ada,
			dateAdded: '2024-09-21T09:00:00.000Z',
		});

		const [full] = await env.runNode({
			resource: 'collection',
			operation: 'getAll',
			returnAll: true,
			options: { view: 'Full' },
		});
		expect(full.json.workflowIds).toEqual([workflows.salesForecast]);
		const request = env.emulator.requests.filter(
			(entry) => entry.path === '/webapi/v3/collections',
		);
		expect(request.map((entry) => entry.query)).toEqual([{}, { view: 'Full' }]);
	});

	test('Get Many applies the limit to the whole list the endpoint returns', async () => {
		for (const name of ['A', 'B']) {
			await env.runNode({ resource: 'collection', operation: 'create', name });
		}
		const output = await env.runNode({
			resource: 'collection',
			operation: 'getAll',
			returnAll: false,
			limit: 2,
		});
		expect(output).toHaveLength(2);
		expect(env.emulator.state.collections.size).toBe(3);
	});

	test('Get returns the CollectionView with its members and assets', async () => {
		const [item] = await env.runNode({
			resource: 'collection',
			operation: 'get',
			collectionId: { __rl: true, mode: 'list', value: FINANCE, cachedResultName: 'Finance' },
		});
		expect(item.json).toMatchObject({
			id: FINANCE,
			name: 'Finance Reports',
			workflowIds: [workflows.salesForecast],
			scheduleIds: [schedules.weeklyForecast],
			userGroupIds: [userGroups.analysts],
			users: [{ userId: users.bo }],
		});
	});

	test('an unknown collection fails with the 404, or becomes an error item under Continue On Fail', async () => {
		const parameters = {
			resource: 'collection',
			operation: 'get',
			collectionId: byId(UNKNOWN_COLLECTION),
		};
		await expect(env.runNode(parameters)).rejects.toMatchObject({ httpCode: '404' });
		const [item] = await env.runNode(parameters, { continueOnFail: true });
		expect(item.json.details.httpCode).toBe('404');
		expect(item.pairedItem).toEqual({ item: 0 });
	});
});

describe('Create, Update and Delete', () => {
	test('Create returns the new ID; the API user owns the empty collection', async () => {
		const [item] = await env.runNode({
			resource: 'collection',
			operation: 'create',
			name: '  Quarter Close  ',
		});
		expect(item.json).toEqual({
			id: expect.stringMatching(/^[0-9a-f]{24}$/),
			name: 'Quarter Close',
		});
		expect(stored(item.json.id)).toMatchObject({
			name: 'Quarter Close',
			ownerId: users.ada,
			workflowIds: [],
			users: [],
		});
	});

	test('Create without the Create Collections permission explains the 401', async () => {
		env.emulator.state.users.get(users.ada).canCreateCollections = false;
		const error = await env
			.runNode({ resource: 'collection', operation: 'create', name: 'Nope' })
			.catch((failure) => failure);
		expect(error).toMatchObject({ httpCode: '401' });
		expect(error.description).toMatch(/Create Collections/);
		expect(env.emulator.state.collections.size).toBe(1);
	});

	test('Create with an empty name fails before any request', async () => {
		await expect(
			env.runNode({ resource: 'collection', operation: 'create', name: '   ' }),
		).rejects.toThrow(/needs a name/);
		expect(env.apiCalls()).toEqual([]);
	});

	test('Update with only a new name reads the collection and keeps its owner', async () => {
		const { output, proxy } = await runRecorded({
			resource: 'collection',
			operation: 'update',
			collectionId: byId(FINANCE),
			updateFields: { name: 'Finance Reports 2025' },
		});
		expect(proxy.jsonBodies('PUT', /\/v3\/collections\/[0-9a-f]{24}$/)).toEqual([
			{ name: 'Finance Reports 2025', ownerId: users.ada },
		]);
		expect(
			proxy.recorded.map((entry) => entry.method).filter((method) => method !== 'POST'),
		).toEqual(['GET', 'PUT']);
		expect(output[0].json).toMatchObject({ id: FINANCE, name: 'Finance Reports 2025' });
		expect(stored()).toMatchObject({ name: 'Finance Reports 2025', ownerId: users.ada });
	});

	test('Update gives the collection a new owner picked with the user locator', async () => {
		const [item] = await env.runNode({
			resource: 'collection',
			operation: 'update',
			collectionId: byId(FINANCE),
			updateFields: { ownerId: { __rl: true, mode: 'list', value: users.bo } },
		});
		expect(item.json).toMatchObject({ name: 'Finance Reports', ownerId: users.bo });
		expect(stored().ownerId).toBe(users.bo);
	});

	test('Update with an unknown owner surfaces Alteryx’s field message (400 modelState)', async () => {
		const parameters = {
			resource: 'collection',
			operation: 'update',
			collectionId: byId(FINANCE),
			updateFields: { ownerId: byId('66ebd18d3d620001000000ff') },
		};
		const error = await env.runNode(parameters).catch((failure) => failure);
		expect(error).toMatchObject({ httpCode: '400' });
		expect(error.description).toContain('ownerId: The owner does not exist.');

		const [item] = await env.runNode(parameters, { continueOnFail: true });
		expect(item.json.details.modelState).toEqual({
			'updateCollectionContract.ownerId': ['The owner does not exist.'],
		});
		expect(stored().ownerId).toBe(users.ada);
	});

	test('Update with a name longer than 255 characters is refused by the contract', async () => {
		const error = await env
			.runNode({
				resource: 'collection',
				operation: 'update',
				collectionId: byId(FINANCE),
				updateFields: { name: 'x'.repeat(256) },
			})
			.catch((failure) => failure);
		expect(error).toMatchObject({ httpCode: '400' });
		expect(error.description).toMatch(/^name: The field Name must be a string/m);
	});

	test('Update with no field to update fails without calling the server', async () => {
		await expect(
			env.runNode({
				resource: 'collection',
				operation: 'update',
				collectionId: byId(FINANCE),
				updateFields: { name: ' ', ownerId: byId('') },
			}),
		).rejects.toThrow(/No field to update/);
		expect(env.apiCalls()).toEqual([]);
	});

	test('Delete refuses a collection that is not empty unless forced', async () => {
		const parameters = {
			resource: 'collection',
			operation: 'delete',
			collectionId: byId(FINANCE),
			forceDelete: false,
		};
		await expect(env.runNode(parameters)).rejects.toMatchObject({
			httpCode: '400',
			message: expect.stringMatching(/not empty/),
		});
		expect(stored()).toBeDefined();

		const [item] = await env.runNode({ ...parameters, forceDelete: true });
		expect(item.json).toEqual({ success: true, id: FINANCE });
		expect(stored()).toBeUndefined();
		expect(env.emulator.state.workflows.has(workflows.salesForecast)).toBe(true);
		const deleteCall = env.emulator.requests.find((entry) => entry.method === 'DELETE');
		expect(deleteCall.query).toEqual({ forceDelete: 'false' });
	});
});

describe('Users', () => {
	test('Add User sends every permission (false unless chosen) and the expiry date', async () => {
		const { output, proxy } = await runRecorded({
			resource: 'collection',
			operation: 'addUser',
			collectionId: byId(FINANCE),
			userId: byId(users.vi),
			permissions: ['canAddAssets', 'isAdmin'],
			additionalFields: { expirationDate: '2030-01-31T17:00:00Z' },
		});
		const expected = {
			userId: users.vi,
			expirationDate: '2030-01-31T17:00:00.000Z',
			collectionsPermissions: { ...NO_PERMISSIONS, canAddAssets: true, isAdmin: true },
		};
		expect(proxy.jsonBodies('POST', /\/users$/)).toEqual([expected]);
		expect(output[0].json.users.map((user) => user.userId)).toEqual([users.bo, users.vi]);
		expect(stored().users.find((user) => user.userId === users.vi)).toEqual(expected);
	});

	test('Add User accepts permission names from an expression, and refuses unknown ones', async () => {
		await env.runNode({
			resource: 'collection',
			operation: 'addUser',
			collectionId: byId(FINANCE),
			userId: byId(users.vi),
			permissions: 'Remove Users, canupdateassets',
		});
		const member = stored().users.find((user) => user.userId === users.vi);
		expect(member).toEqual({
			userId: users.vi,
			expirationDate: null,
			collectionsPermissions: { ...NO_PERMISSIONS, canRemoveUsers: true, canUpdateAssets: true },
		});

		env.emulator.reset();
		await expect(
			env.runNode({
				resource: 'collection',
				operation: 'addUser',
				collectionId: byId(FINANCE),
				userId: byId(users.vi),
				permissions: ['canDelete'],
			}),
		).rejects.toThrow(/Unknown collection permission "canDelete"/);
		expect(env.apiCalls()).toEqual([]);
	});

	test('Add User with an unknown user surfaces the field message', async () => {
		const error = await env
			.runNode({
				resource: 'collection',
				operation: 'addUser',
				collectionId: byId(FINANCE),
				userId: byId('66ebd18d3d620001000000ff'),
				permissions: [],
			})
			.catch((failure) => failure);
		expect(error).toMatchObject({ httpCode: '400' });
		expect(error.description).toContain('userId: The user does not exist.');
		expect(error.context.modelState).toEqual({
			'addUsersContract.userId': ['The user does not exist.'],
		});
	});

	test('Update User Permissions replaces the member’s permissions', async () => {
		const [item] = await env.runNode({
			resource: 'collection',
			operation: 'updateUserPermissions',
			collectionId: byId(FINANCE),
			userId: byId(users.bo),
			permissions: ['canRemoveUsers'],
			additionalFields: { expirationDate: '2031-06-30T00:00:00Z' },
		});
		expect(item.json.id).toBe(FINANCE);
		expect(stored().users).toEqual([
			{
				userId: users.bo,
				expirationDate: '2031-06-30T00:00:00.000Z',
				collectionsPermissions: { ...NO_PERMISSIONS, canRemoveUsers: true },
			},
		]);
	});

	test('Update User Permissions of a user who is not a member is a 404', async () => {
		await expect(
			env.runNode({
				resource: 'collection',
				operation: 'updateUserPermissions',
				collectionId: byId(FINANCE),
				userId: byId(users.vi),
				permissions: [],
			}),
		).rejects.toMatchObject({ httpCode: '404' });
	});

	test('Remove User takes the member out; removing them again is a 404', async () => {
		const parameters = {
			resource: 'collection',
			operation: 'removeUser',
			collectionId: byId(FINANCE),
			userId: byId(users.bo),
		};
		const [item] = await env.runNode(parameters);
		expect(item.json.users).toEqual([]);
		expect(stored().users).toEqual([]);
		await expect(env.runNode(parameters)).rejects.toMatchObject({ httpCode: '404' });
	});
});

describe('User groups', () => {
	test('Remove, Add and Update User Group Permissions', async () => {
		const group = byId(userGroups.analysts);
		const [removed] = await env.runNode({
			resource: 'collection',
			operation: 'removeUserGroup',
			collectionId: byId(FINANCE),
			userGroupId: group,
		});
		expect(removed.json.userGroupIds).toEqual([]);
		expect(stored().userGroups).toEqual([]);

		const [added] = await env.runNode({
			resource: 'collection',
			operation: 'addUserGroup',
			collectionId: byId(FINANCE),
			userGroupId: { __rl: true, mode: 'list', value: userGroups.analysts },
			permissions: ['canAddAssets', 'canRemoveAssets'],
		});
		expect(added.json.userGroupIds).toEqual([userGroups.analysts]);
		expect(stored().userGroups).toEqual([
			{
				userGroupId: userGroups.analysts,
				expirationDate: null,
				collectionsPermissions: { ...NO_PERMISSIONS, canAddAssets: true, canRemoveAssets: true },
			},
		]);

		await env.runNode({
			resource: 'collection',
			operation: 'updateUserGroupPermissions',
			collectionId: byId(FINANCE),
			userGroupId: group,
			permissions: ['isAdmin'],
			additionalFields: { expirationDate: '2030-12-31T23:00:00Z' },
		});
		expect(stored().userGroups[0]).toEqual({
			userGroupId: userGroups.analysts,
			expirationDate: '2030-12-31T23:00:00.000Z',
			collectionsPermissions: { ...NO_PERMISSIONS, isAdmin: true },
		});
	});

	test('Add User Group with an unknown group surfaces the field message', async () => {
		const [item] = await env.runNode(
			{
				resource: 'collection',
				operation: 'addUserGroup',
				collectionId: byId(FINANCE),
				userGroupId: byId('66ebd18d3d620003000000ff'),
				permissions: [],
			},
			{ continueOnFail: true },
		);
		expect(item.json.details).toMatchObject({
			httpCode: '400',
			modelState: { 'addUserGroupsContract.userGroupId': ['The user group does not exist.'] },
		});
		expect(item.json.details.description).toContain('userGroupId: The user group does not exist.');
	});

	test('Update User Group Permissions of a group that is no longer a member is a 404', async () => {
		await env.runNode({
			resource: 'collection',
			operation: 'removeUserGroup',
			collectionId: byId(FINANCE),
			userGroupId: byId(userGroups.analysts),
		});
		await expect(
			env.runNode({
				resource: 'collection',
				operation: 'updateUserGroupPermissions',
				collectionId: byId(FINANCE),
				userGroupId: byId(userGroups.analysts),
				permissions: [],
			}),
		).rejects.toMatchObject({ httpCode: '404' });
	});
});

describe('Workflows and schedules', () => {
	test('Add Workflow and Remove Workflow change the collection’s workflows', async () => {
		const [added] = await env.runNode({
			resource: 'collection',
			operation: 'addWorkflow',
			collectionId: byId(FINANCE),
			workflowId: byId(workflows.dailySalesEtl),
		});
		expect(added.json.workflowIds).toEqual([workflows.salesForecast, workflows.dailySalesEtl]);
		expect(stored().workflowIds).toEqual([workflows.salesForecast, workflows.dailySalesEtl]);

		const [removed] = await env.runNode({
			resource: 'collection',
			operation: 'removeWorkflow',
			collectionId: byId(FINANCE),
			workflowId: byId(workflows.salesForecast),
		});
		expect(removed.json.workflowIds).toEqual([workflows.dailySalesEtl]);
		expect(env.emulator.state.workflows.has(workflows.salesForecast)).toBe(true);
	});

	test('Add Workflow with an unknown workflow is a 400 with the field message', async () => {
		const error = await env
			.runNode({
				resource: 'collection',
				operation: 'addWorkflow',
				collectionId: byId(FINANCE),
				workflowId: byId('66ebd18d3d620004000000ff'),
			})
			.catch((failure) => failure);
		expect(error).toMatchObject({ httpCode: '400' });
		expect(error.description).toContain('workflowId: The workflow does not exist.');
	});

	test('Remove Workflow of a workflow not in the collection is a 404', async () => {
		await expect(
			env.runNode({
				resource: 'collection',
				operation: 'removeWorkflow',
				collectionId: byId(FINANCE),
				workflowId: byId(workflows.inventorySync),
			}),
		).rejects.toMatchObject({ httpCode: '404' });
	});

	test('Add Schedule and Remove Schedule change the collection’s schedules', async () => {
		const { proxy } = await runRecorded({
			resource: 'collection',
			operation: 'addSchedule',
			collectionId: byId(FINANCE),
			scheduleId: byId(schedules.nightlyEtl),
		});
		expect(proxy.jsonBodies('POST', /\/schedules$/)).toEqual([
			{ scheduleId: schedules.nightlyEtl },
		]);
		expect(stored().scheduleIds).toEqual([schedules.weeklyForecast, schedules.nightlyEtl]);

		const [removed] = await env.runNode({
			resource: 'collection',
			operation: 'removeSchedule',
			collectionId: byId(FINANCE),
			scheduleId: byId(schedules.weeklyForecast),
		});
		expect(removed.json.scheduleIds).toEqual([schedules.nightlyEtl]);
		expect(stored().scheduleIds).toEqual([schedules.nightlyEtl]);
		expect(env.emulator.state.schedules.has(schedules.weeklyForecast)).toBe(true);
	});

	test('Add Schedule with an unknown schedule is a 400; in an unknown collection a 404', async () => {
		await expect(
			env.runNode({
				resource: 'collection',
				operation: 'addSchedule',
				collectionId: byId(FINANCE),
				scheduleId: byId('66ebd18d3d620007000000ff'),
			}),
		).rejects.toMatchObject({
			httpCode: '400',
			description: expect.stringContaining('scheduleId: The schedule does not exist.'),
		});
		await expect(
			env.runNode({
				resource: 'collection',
				operation: 'removeSchedule',
				collectionId: byId(UNKNOWN_COLLECTION),
				scheduleId: byId(schedules.weeklyForecast),
			}),
		).rejects.toMatchObject({ httpCode: '404' });
	});

	test('an empty collection ID is refused before any request', async () => {
		await expect(
			env.runNode({
				resource: 'collection',
				operation: 'addWorkflow',
				collectionId: byId(' '),
				workflowId: byId(workflows.dailySalesEtl),
			}),
		).rejects.toThrow(/^The Collection is empty$/);
		expect(env.apiCalls()).toEqual([]);
	});
});

describe('Collection picker', () => {
	test('lists a collection created by the node, found by name or ID', async () => {
		const [created] = await env.runNode({
			resource: 'collection',
			operation: 'create',
			name: 'Quarter Close',
		});
		const methods = createMethodsRunner(env.harness, AlteryxServer);
		expect((await methods.listSearch('searchCollections')).results).toEqual([
			{ name: 'Finance Reports', value: FINANCE },
			{ name: 'Quarter Close', value: created.json.id },
		]);
		expect((await methods.listSearch('searchCollections', 'quarter')).results).toEqual([
			{ name: 'Quarter Close', value: created.json.id },
		]);
		expect((await methods.listSearch('searchCollections', created.json.id)).results).toHaveLength(
			1,
		);
	});
});
