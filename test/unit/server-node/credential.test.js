'use strict';
// Credential resource of the Alteryx Server node (the Windows accounts Alteryx Server runs
// workflows as, not n8n credentials), against the emulator over real HTTP.

const { createHarness } = require('../../harness');
const { useServerNodeEnvironment, byId, AlteryxServer, SEED_IDS } = require('./setup');
const { startRecordingProxy } = require('./recording-proxy');
const { createMethodsRunner } = require('./methods-runner');

const { credentials, users, userGroups } = SEED_IDS;
const SVC = credentials.svcAlteryx;
const UNKNOWN_CREDENTIAL = '66ebd18d3d620008000000ff';
const SECRET = 'S3cret-Pa55word!';

const env = useServerNodeEnvironment();

const stored = (id = SVC) => env.emulator.state.credentials.get(id);

/** Adds a credential shared with nobody, straight into the emulator's state. */
function addUnsharedCredential(id = '66ebd18d3d62000800000002') {
	env.emulator.state.credentials.set(id, {
		id,
		userName: 'CORP\\svc_reports',
		password: 'old',
		userIds: [],
		userGroupIds: [],
		createdBy: users.ada,
		lastUpdatedDate: '2024-05-02T09:00:00.000Z',
		status: 'Active',
	});
	return id;
}

describe('Get Many and Get', () => {
	test('Get Many returns ID and user name of each credential', async () => {
		const output = await env.runNode({
			resource: 'credential',
			operation: 'getAll',
			returnAll: true,
		});
		expect(output.map((item) => item.json)).toEqual([{ id: SVC, userName: 'CORP\\svc_alteryx' }]);
	});

	test('Get Many filters by the user and user group picked, with the Full view', async () => {
		addUnsharedCredential();
		const output = await env.runNode({
			resource: 'credential',
			operation: 'getAll',
			returnAll: true,
			filters: {
				userId: { __rl: true, mode: 'list', value: users.bo },
				userGroupId: byId(userGroups.analysts),
			},
			options: { view: 'Full' },
		});
		expect(output.map((item) => item.json)).toEqual([
			{
				id: SVC,
				userName: 'CORP\\svc_alteryx',
				userIds: [users.bo],
				userGroupIds: [userGroups.analysts],
			},
		]);
		const request = env.emulator.requests.find((entry) => entry.path === '/webapi/v3/credentials');
		expect(request.query).toEqual({
			view: 'Full',
			userId: users.bo,
			userGroupId: userGroups.analysts,
		});

		const none = await env.runNode({
			resource: 'credential',
			operation: 'getAll',
			returnAll: true,
			filters: { userId: byId(users.vi) },
		});
		expect(none).toEqual([]);
	});

	test('Get Many applies the limit', async () => {
		addUnsharedCredential();
		const output = await env.runNode({
			resource: 'credential',
			operation: 'getAll',
			returnAll: false,
			limit: 1,
		});
		expect(output).toHaveLength(1);
	});

	test('Get returns the credential with its shares', async () => {
		const [item] = await env.runNode({
			resource: 'credential',
			operation: 'get',
			credentialId: { __rl: true, mode: 'list', value: SVC },
		});
		expect(item.json).toEqual({
			id: SVC,
			userName: 'CORP\\svc_alteryx',
			userIds: [users.bo],
			userGroupIds: [userGroups.analysts],
		});
	});

	test('an unknown credential fails with the 404, or becomes an error item under Continue On Fail', async () => {
		const parameters = {
			resource: 'credential',
			operation: 'get',
			credentialId: byId(UNKNOWN_CREDENTIAL),
		};
		await expect(env.runNode(parameters)).rejects.toMatchObject({ httpCode: '404' });
		const [item] = await env.runNode(parameters, { continueOnFail: true });
		expect(item.json.details.httpCode).toBe('404');
		expect(item.pairedItem).toEqual({ item: 0 });
	});
});

describe('Create and Update (passwords)', () => {
	test('Create stores the account and never puts the password in the output', async () => {
		const proxy = await startRecordingProxy(env.emulator.webApiUrl);
		let output;
		try {
			const { clientId, clientSecret } = env.emulator.credentials.curator;
			const harness = createHarness({ webApiUrl: proxy.webApiUrl, clientId, clientSecret });
			[output] = await harness.execute(AlteryxServer, {
				parameters: {
					resource: 'credential',
					operation: 'create',
					username: ' CORP\\svc_finance ',
					password: SECRET,
				},
			});
			expect(proxy.jsonBodies('POST', /\/v3\/credentials$/)).toEqual([
				{ username: 'CORP\\svc_finance', password: SECRET },
			]);
		} finally {
			await proxy.close();
		}
		const [item] = output;
		expect(item.json).toMatchObject({
			id: expect.stringMatching(/^[0-9a-f]{24}$/),
			username: 'CORP\\svc_finance',
			userIds: [],
			userGroupIds: [],
		});
		expect(item.json.credentialId).toBe(item.json.id);
		expect(JSON.stringify(output)).not.toContain(SECRET);
		expect(stored(item.json.id)).toMatchObject({
			userName: 'CORP\\svc_finance',
			password: SECRET,
		});
	});

	test('Create without a password fails before any request', async () => {
		await expect(
			env.runNode({
				resource: 'credential',
				operation: 'create',
				username: 'CORP\\svc_finance',
				password: '',
			}),
		).rejects.toThrow(/needs a password/);
		expect(env.apiCalls()).toEqual([]);
		expect(env.emulator.state.credentials.size).toBe(1);
	});

	test('Update changes the stored password and returns the credential without it', async () => {
		const [item] = await env.runNode({
			resource: 'credential',
			operation: 'update',
			credentialId: byId(SVC),
			newPassword: SECRET,
		});
		expect(item.json).toMatchObject({
			id: SVC,
			credentialId: SVC,
			username: 'CORP\\svc_alteryx',
			userIds: [users.bo],
		});
		expect(JSON.stringify(item)).not.toContain(SECRET);
		expect(stored().password).toBe(SECRET);
		expect(stored().lastUpdatedDate).not.toBe('2024-05-02T09:00:00.000Z');
	});

	test('Update of an unknown credential is a 404 whose error item holds no password', async () => {
		const [item] = await env.runNode(
			{
				resource: 'credential',
				operation: 'update',
				credentialId: byId(UNKNOWN_CREDENTIAL),
				newPassword: SECRET,
			},
			{ continueOnFail: true },
		);
		expect(item.json.details.httpCode).toBe('404');
		expect(JSON.stringify(item)).not.toContain(SECRET);
		expect(stored().password).toBe('not-a-real-password');
	});

	test('Update without a new password fails before any request', async () => {
		await expect(
			env.runNode({
				resource: 'credential',
				operation: 'update',
				credentialId: byId(SVC),
				newPassword: '',
			}),
		).rejects.toThrow(/No new password/);
		expect(env.apiCalls()).toEqual([]);
	});
});

describe('Delete', () => {
	test('Delete refuses a shared credential unless its shares are removed too', async () => {
		const parameters = {
			resource: 'credential',
			operation: 'delete',
			credentialId: byId(SVC),
			force: false,
		};
		await expect(env.runNode(parameters)).rejects.toMatchObject({
			httpCode: '400',
			message: expect.stringMatching(/shared or in use/),
		});
		expect(stored()).toBeDefined();

		const [item] = await env.runNode({ ...parameters, force: true });
		expect(item.json).toEqual({ success: true, id: SVC });
		expect(stored()).toBeUndefined();
	});

	test('Delete of an unshared credential needs no force', async () => {
		const id = addUnsharedCredential();
		const [item] = await env.runNode({
			resource: 'credential',
			operation: 'delete',
			credentialId: byId(id),
		});
		expect(item.json).toEqual({ success: true, id });
		expect(stored(id)).toBeUndefined();
		const request = env.emulator.requests.find((entry) => entry.method === 'DELETE');
		expect(request.query).toEqual({ force: 'false' });
	});
});

describe('Sharing', () => {
	test('Share With User adds the user; Remove User takes them away again', async () => {
		const [shared] = await env.runNode({
			resource: 'credential',
			operation: 'shareWithUser',
			credentialId: byId(SVC),
			userId: { __rl: true, mode: 'list', value: users.vi },
		});
		expect(shared.json.userIds).toEqual([users.bo, users.vi]);
		expect(stored().userIds).toEqual([users.bo, users.vi]);

		const parameters = {
			resource: 'credential',
			operation: 'removeUser',
			credentialId: byId(SVC),
			userId: byId(users.bo),
		};
		const [removed] = await env.runNode(parameters);
		expect(removed.json).toMatchObject({ id: SVC, userIds: [users.vi] });
		expect(stored().userIds).toEqual([users.vi]);
		await expect(env.runNode(parameters)).rejects.toMatchObject({ httpCode: '404' });
	});

	test('Share With User with an unknown user surfaces the field message (400 modelState)', async () => {
		const parameters = {
			resource: 'credential',
			operation: 'shareWithUser',
			credentialId: byId(SVC),
			userId: byId('66ebd18d3d620001000000ff'),
		};
		const error = await env.runNode(parameters).catch((failure) => failure);
		expect(error).toMatchObject({ httpCode: '400' });
		expect(error.description).toContain('userId: The user does not exist.');
		const [item] = await env.runNode(parameters, { continueOnFail: true });
		expect(item.json.details.modelState).toEqual({
			'contract.userId': ['The user does not exist.'],
		});
	});

	test('Share With User Group and Remove User Group', async () => {
		const id = addUnsharedCredential();
		const [shared] = await env.runNode({
			resource: 'credential',
			operation: 'shareWithUserGroup',
			credentialId: byId(id),
			userGroupId: byId(userGroups.analysts),
		});
		expect(shared.json).toEqual({
			id,
			userName: 'CORP\\svc_reports',
			userIds: [],
			userGroupIds: [userGroups.analysts],
		});
		expect(stored(id).userGroupIds).toEqual([userGroups.analysts]);

		const [removed] = await env.runNode({
			resource: 'credential',
			operation: 'removeUserGroup',
			credentialId: byId(id),
			userGroupId: { __rl: true, mode: 'list', value: userGroups.analysts },
		});
		expect(removed.json.userGroupIds).toEqual([]);
		expect(stored(id).userGroupIds).toEqual([]);
	});

	test('Share With User Group with an unknown group is a 400; Remove User Group of a non-member a 404', async () => {
		await expect(
			env.runNode({
				resource: 'credential',
				operation: 'shareWithUserGroup',
				credentialId: byId(SVC),
				userGroupId: byId('66ebd18d3d620003000000ff'),
			}),
		).rejects.toMatchObject({
			httpCode: '400',
			description: expect.stringContaining('userGroupId: The user group does not exist.'),
		});
		const id = addUnsharedCredential();
		await expect(
			env.runNode({
				resource: 'credential',
				operation: 'removeUserGroup',
				credentialId: byId(id),
				userGroupId: byId(userGroups.analysts),
			}),
		).rejects.toMatchObject({ httpCode: '404' });
	});

	test('an empty credential ID is refused before any request', async () => {
		await expect(
			env.runNode({
				resource: 'credential',
				operation: 'shareWithUser',
				credentialId: byId(''),
				userId: byId(users.bo),
			}),
		).rejects.toThrow(/^The Credential is empty$/);
		expect(env.apiCalls()).toEqual([]);
	});
});

describe('Credential picker', () => {
	test('lists a credential created by the node, by user name', async () => {
		const [created] = await env.runNode({
			resource: 'credential',
			operation: 'create',
			username: 'CORP\\svc_finance',
			password: SECRET,
		});
		const methods = createMethodsRunner(env.harness, AlteryxServer);
		expect((await methods.listSearch('searchCredentials')).results).toEqual([
			{ name: 'CORP\\svc_alteryx', value: SVC },
			{ name: 'CORP\\svc_finance', value: created.json.id },
		]);
		expect((await methods.listSearch('searchCredentials', 'finance')).results).toEqual([
			{ name: 'CORP\\svc_finance', value: created.json.id },
		]);
	});
});
