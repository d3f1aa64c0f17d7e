'use strict';
// User Group resource of the Alteryx Server node, against the emulator over real HTTP.

const { createHarness } = require('../../harness');
const { useServerNodeEnvironment, byId, AlteryxServer, SEED_IDS } = require('./setup');
const { startRecordingProxy } = require('./recording-proxy');
const { createMethodsRunner } = require('./methods-runner');

const { users, userGroups, credentials } = SEED_IDS;
const UNKNOWN_GROUP = '66ebd18d3d620003000000ff';
const AD_SID = 'S-1-5-21-3623811015-3361044348-30300820-1013';

const env = useServerNodeEnvironment();

/**
 * The API calls the emulator answered, as "METHOD /path". reset() forgets the tokens, so the
 * first call of a test is answered 401 and repeated with a new token; those 401s are left out.
 */
const answeredCalls = () =>
	env.emulator.requests
		.filter((entry) => entry.status !== 401 && !/\/oauth2\/token$/i.test(entry.path))
		.map((entry) => `${entry.method} ${entry.path.replace(/^\/webapi/, '')}`);

const analysts = () => env.emulator.state.userGroups.get(userGroups.analysts);
const run = (parameters, options) => env.runNode({ resource: 'userGroup', ...parameters }, options);

describe('Get and Get Many', () => {
	test('Get Many lists the custom groups (ID, name, role) and applies the limit', async () => {
		await run({ operation: 'create', name: 'Finance', role: 'Viewer' });
		const all = await run({ operation: 'getAll', returnAll: true });
		expect(all.map((item) => item.json.name)).toEqual(['Analysts', 'Finance']);
		expect(all[0].json).toEqual({ id: userGroups.analysts, name: 'Analysts', role: 'Artisan' });
		const one = await run({ operation: 'getAll', returnAll: false, limit: 1 });
		expect(one).toHaveLength(1);
	});

	test('Get returns the group with its members, credentials and connections', async () => {
		const [item] = await run({ operation: 'get', userGroupId: byId(userGroups.analysts) });
		expect(item.json).toMatchObject({
			id: userGroups.analysts,
			name: 'Analysts',
			role: 'Artisan',
			credentialIds: [credentials.svcAlteryx],
			members: [expect.objectContaining({ userId: users.bo })],
		});
	});

	test('an unknown group fails with Alteryx’s 404, or becomes an error item under Continue On Fail', async () => {
		const parameters = { operation: 'get', userGroupId: byId(UNKNOWN_GROUP) };
		await expect(run(parameters)).rejects.toMatchObject({ httpCode: '404' });
		const [item] = await run(parameters, { continueOnFail: true });
		expect(item.json.details.httpCode).toBe('404');
	});

	test('the user group picker searches the groups by name', async () => {
		await run({ operation: 'create', name: 'Data Engineers', role: 'Artisan' });
		const methods = createMethodsRunner(env.harness, AlteryxServer);
		const { results } = await methods.listSearch('searchUserGroups', 'engineers');
		expect(results.map((result) => result.name)).toEqual(['Data Engineers']);
	});
});

describe('Create, Update, Delete', () => {
	test('Create returns the new ID with the name and role', async () => {
		const [item] = await run({ operation: 'create', name: ' Finance ', role: 'Member' });
		expect(item.json).toEqual({
			id: expect.stringMatching(/^[0-9a-f]{24}$/),
			name: 'Finance',
			role: 'Member',
		});
		expect(env.emulator.state.userGroups.get(item.json.id)).toMatchObject({
			name: 'Finance',
			role: 'Member',
			members: [],
		});
	});

	test('Create with a name that is taken fails with the modelState message', async () => {
		const error = await run({ operation: 'create', name: 'analysts', role: 'Viewer' }).catch(
			(caught) => caught,
		);
		expect(error).toMatchObject({ httpCode: '400', message: 'The request is invalid. (HTTP 400)' });
		expect(error.description).toContain('name: A user group with this name already exists.');
		expect(error.context.modelState).toEqual({
			'contract.name': ['A user group with this name already exists.'],
		});
		expect(env.emulator.state.userGroups.size).toBe(1);
	});

	test('Update sends the current name with the new role and returns the group as it is now', async () => {
		const proxy = await startRecordingProxy(env.emulator.webApiUrl);
		try {
			const { clientId, clientSecret } = env.emulator.credentials.curator;
			const harness = createHarness({ webApiUrl: proxy.webApiUrl, clientId, clientSecret });
			const [[item]] = await harness.execute(AlteryxServer, {
				parameters: {
					resource: 'userGroup',
					operation: 'update',
					userGroupId: byId(userGroups.analysts),
					updateFields: { role: 'Viewer' },
				},
			});
			expect(proxy.jsonBodies('PUT', /\/v3\/usergroups\/[0-9a-f]{24}$/)).toEqual([
				{ name: 'Analysts', role: 'Viewer' },
			]);
			expect(item.json).toMatchObject({
				id: userGroups.analysts,
				name: 'Analysts',
				role: 'Viewer',
			});
			expect(item.json.members).toHaveLength(1);
		} finally {
			await proxy.close();
		}
		expect(analysts().role).toBe('Viewer');
	});

	test('Update renames; a name another group has is refused with the modelState message', async () => {
		const [item] = await run({
			operation: 'update',
			userGroupId: byId(userGroups.analysts),
			updateFields: { name: 'Business Analysts' },
		});
		expect(item.json).toMatchObject({ name: 'Business Analysts', role: 'Artisan' });

		await run({ operation: 'create', name: 'Finance', role: 'Viewer' });
		const error = await run({
			operation: 'update',
			userGroupId: byId(userGroups.analysts),
			updateFields: { name: 'Finance' },
		}).catch((caught) => caught);
		expect(error.httpCode).toBe('400');
		expect(error.description).toContain('name: A user group with this name already exists.');
		expect(analysts().name).toBe('Business Analysts');
	});

	test('Update with no field fails without calling the server', async () => {
		await expect(
			run({ operation: 'update', userGroupId: byId(userGroups.analysts), updateFields: {} }),
		).rejects.toThrow(/No field to update/);
		expect(answeredCalls()).toEqual([]);
	});

	test('Delete refuses a group with members unless forced, then cleans up its shares', async () => {
		const parameters = { operation: 'delete', userGroupId: byId(userGroups.analysts) };
		await expect(run({ ...parameters, forceDelete: false })).rejects.toMatchObject({
			httpCode: '400',
			message: expect.stringMatching(/not empty/),
		});
		expect(env.emulator.state.userGroups.has(userGroups.analysts)).toBe(true);

		const [item] = await run({ ...parameters, forceDelete: true });
		expect(item.json).toEqual({ success: true, id: userGroups.analysts });
		expect(env.emulator.state.userGroups.has(userGroups.analysts)).toBe(false);
		expect(env.emulator.state.credentials.get(credentials.svcAlteryx).userGroupIds).toEqual([]);
		expect(env.emulator.state.users.has(users.bo)).toBe(true);
		const request = env.emulator.requests.find(
			(entry) => entry.method === 'DELETE' && entry.status === 200,
		);
		expect(request.query).toEqual({ forceDelete: 'true' });
	});
});

describe('Add User and Remove User', () => {
	test('Add User adds the picked user and the extra IDs in one call', async () => {
		const [item] = await run({
			operation: 'addUser',
			userGroupId: byId(userGroups.analysts),
			userId: byId(users.ada),
			options: { moreUserIds: `["${users.nia}"]` },
		});
		expect(item.json).toEqual({
			userGroupId: userGroups.analysts,
			userIds: [users.ada, users.nia],
			successfullyAddedUserCount: 2,
			totalUsersSubmittedCount: 2,
			failedUserReasons: {},
		});
		expect(analysts().members.map((member) => member.userId)).toEqual([
			users.bo,
			users.ada,
			users.nia,
		]);
	});

	test('adding someone who already is a member is not an error', async () => {
		const [item] = await run({
			operation: 'addUser',
			userGroupId: byId(userGroups.analysts),
			userId: byId(users.bo),
		});
		expect(item.json.successfullyAddedUserCount).toBe(0);
		expect(Object.keys(item.json.failedUserReasons)).toEqual([users.bo]);
	});

	test('a user Alteryx does not add fails the item with the reason, unless told to go on', async () => {
		const parameters = {
			operation: 'addUser',
			userGroupId: byId(userGroups.analysts),
			userId: byId(users.ada),
			options: { moreUserIds: `${users.vi}, ${users.bo}` },
		};
		const error = await run(parameters).catch((caught) => caught);
		expect(error.message).toBe('Alteryx did not add 1 of 3 user(s) to the group');
		expect(error.description).toContain(`${users.vi}: The user is inactive.`);
		expect(error.description).not.toContain(users.bo);

		const [item] = await run({
			...parameters,
			options: { ...parameters.options, failOnRejected: false },
		});
		expect(item.json.failedUserReasons).toMatchObject({ [users.vi]: 'The user is inactive.' });
	});

	test('Add User to an unknown group is a 404', async () => {
		await expect(
			run({ operation: 'addUser', userGroupId: byId(UNKNOWN_GROUP), userId: byId(users.ada) }),
		).rejects.toMatchObject({ httpCode: '404' });
	});

	test('Remove User takes the user out and returns the group as it is now', async () => {
		const [item] = await run({
			operation: 'removeUser',
			userGroupId: byId(userGroups.analysts),
			userId: byId(users.bo),
		});
		expect(item.json).toMatchObject({ id: userGroups.analysts, members: [] });
		expect(analysts().members).toEqual([]);
		expect(answeredCalls()).toEqual([
			`DELETE /v3/usergroups/${userGroups.analysts}/users/${users.bo}`,
		]);
	});
});

describe('Active Directory groups', () => {
	test('Add sends the SID as a JSON string, and Remove takes it out again', async () => {
		const proxy = await startRecordingProxy(env.emulator.webApiUrl);
		try {
			const { clientId, clientSecret } = env.emulator.credentials.curator;
			const harness = createHarness({ webApiUrl: proxy.webApiUrl, clientId, clientSecret });
			const [[item]] = await harness.execute(AlteryxServer, {
				parameters: {
					resource: 'userGroup',
					operation: 'addActiveDirectoryGroup',
					userGroupId: byId(userGroups.analysts),
					// As copied from the swagger's example, with the quotes.
					sid: ` "${AD_SID}" `,
				},
			});
			expect(item.json).toEqual({ success: true, id: userGroups.analysts, sid: AD_SID });
			const [sent] = proxy.recorded.filter((entry) => /activedirectorygroups$/.test(entry.url));
			expect(sent.body.toString('utf8')).toBe(`"${AD_SID}"`);
			expect(sent.headers['content-type']).toMatch(/^application\/json/);
		} finally {
			await proxy.close();
		}
		expect(analysts().activeDirectoryGroups.map((group) => group.sid)).toEqual([AD_SID]);

		const [removed] = await run({
			operation: 'removeActiveDirectoryGroup',
			userGroupId: byId(userGroups.analysts),
			sid: AD_SID,
		});
		expect(removed.json).toEqual({ success: true, id: userGroups.analysts, sid: AD_SID });
		expect(analysts().activeDirectoryGroups).toEqual([]);
	});

	test('an invalid SID fails with the modelState message', async () => {
		const error = await run({
			operation: 'addActiveDirectoryGroup',
			userGroupId: byId(userGroups.analysts),
			sid: 'CORP\\Analysts',
		}).catch((caught) => caught);
		expect(error.httpCode).toBe('400');
		expect(error.description).toContain(
			"sid: 'CORP\\Analysts' is not a valid Active Directory security identifier.",
		);
	});

	test('removing a SID that is not in the group is Alteryx’s 400; an empty SID never leaves n8n', async () => {
		await expect(
			run({
				operation: 'removeActiveDirectoryGroup',
				userGroupId: byId(userGroups.analysts),
				sid: AD_SID,
			}),
		).rejects.toMatchObject({ httpCode: '400', message: expect.stringMatching(/not a member/) });

		env.emulator.requests.length = 0;
		await expect(
			run({
				operation: 'removeActiveDirectoryGroup',
				userGroupId: byId(userGroups.analysts),
				sid: ' "" ',
			}),
		).rejects.toThrow(/No Active Directory group SID/);
		expect(answeredCalls()).toEqual([]);
	});
});
