'use strict';
// User resource of the Alteryx Server node, against the emulator over real HTTP.

const { createHarness } = require('../../harness');
const { useServerNodeEnvironment, byId, AlteryxServer, SEED_IDS } = require('./setup');
const { startRecordingProxy } = require('./recording-proxy');
const { createMethodsRunner } = require('./methods-runner');

const { users, userGroups, workflows, schedules, collections, credentials } = SEED_IDS;
const UNKNOWN_USER = '66ebd18d3d620001000000ff';

const env = useServerNodeEnvironment();

/**
 * The API calls the emulator answered, as "METHOD /path". reset() forgets the tokens, so the
 * first call of a test is answered 401 and repeated with a new token; those 401s are left out.
 */
const answeredCalls = () =>
	env.emulator.requests
		.filter((entry) => entry.status !== 401 && !/\/oauth2\/token$/i.test(entry.path))
		.map((entry) => `${entry.method} ${entry.path.replace(/^\/webapi/, '')}`);

/** Runs the node through a recording proxy, to assert on the exact request bodies. */
async function withRecordingProxy(run) {
	const proxy = await startRecordingProxy(env.emulator.webApiUrl);
	try {
		const { clientId, clientSecret } = env.emulator.credentials.curator;
		const harness = createHarness({ webApiUrl: proxy.webApiUrl, clientId, clientSecret });
		const runNode = async (parameters) => (await harness.execute(AlteryxServer, { parameters }))[0];
		return await run(runNode, proxy);
	} finally {
		await proxy.close();
	}
}

describe('Get and Get Many', () => {
	test('Get returns the full UserView', async () => {
		const [item] = await env.runNode({
			resource: 'user',
			operation: 'get',
			userId: byId(users.bo),
		});
		expect(item.json).toMatchObject({
			id: users.bo,
			firstName: 'Bo',
			lastName: 'Builder',
			email: 'bo.builder@example.com',
			role: 'Artisan',
			canScheduleJobs: true,
			isApiEnabled: true,
			sharedCredentialIds: [credentials.svcAlteryx],
		});
		expect(answeredCalls()).toEqual([`GET /v3/users/${users.bo}`]);
	});

	test('an unknown user fails with Alteryx’s 404, or becomes an error item under Continue On Fail', async () => {
		const parameters = { resource: 'user', operation: 'get', userId: byId(UNKNOWN_USER) };
		await expect(env.runNode(parameters)).rejects.toMatchObject({ httpCode: '404' });
		const [item] = await env.runNode(parameters, { continueOnFail: true });
		expect(item.json.details.httpCode).toBe('404');
		expect(item.pairedItem).toEqual({ item: 0 });
	});

	test('Get Many returns the reduced view of every user, one item each', async () => {
		const output = await env.runNode({ resource: 'user', operation: 'getAll', returnAll: true });
		expect(output.map((item) => item.json.email).sort()).toEqual([
			'ada.admin@example.com',
			'bo.builder@example.com',
			'nia.noapi@example.com',
			'vi.viewer@example.com',
		]);
		expect(Object.keys(output[0].json).sort()).toEqual(
			['dateCreated', 'email', 'firstName', 'id', 'isActive', 'lastName', 'role'].sort(),
		);
	});

	test('Get Many sends the filters as the swagger’s query parameters and applies the limit', async () => {
		const output = await env.runNode({
			resource: 'user',
			operation: 'getAll',
			returnAll: false,
			limit: 1,
			filters: { role: 'Artisan', active: true, createdAfter: '2024-01-20T00:00:00Z' },
			options: { view: 'Full' },
		});
		expect(output).toHaveLength(1);
		expect(output[0].json).toMatchObject({ role: 'Artisan', isActive: true });
		expect(output[0].json.canScheduleJobs).toBeDefined();
		const request = env.emulator.requests.find((entry) => entry.path === '/webapi/v3/users');
		expect(request.query).toEqual({
			view: 'Full',
			active: 'true',
			role: 'Artisan',
			createdAfter: '2024-01-20T00:00:00.000Z',
		});
	});

	test('Get Many finds inactive users and users by email', async () => {
		const inactive = await env.runNode({
			resource: 'user',
			operation: 'getAll',
			returnAll: true,
			filters: { active: false },
		});
		expect(inactive.map((item) => item.json.id)).toEqual([users.vi]);
		const byEmail = await env.runNode({
			resource: 'user',
			operation: 'getAll',
			returnAll: true,
			filters: { email: ' BO.Builder@example.com ', lastName: '' },
		});
		expect(byEmail.map((item) => item.json.id)).toEqual([users.bo]);
	});

	test('an invalid date filter is refused before any request', async () => {
		await expect(
			env.runNode({
				resource: 'user',
				operation: 'getAll',
				returnAll: true,
				filters: { createdBefore: 'yesterday-ish' },
			}),
		).rejects.toThrow(/Created Before is not a valid date/);
		expect(env.apiCalls()).toEqual([]);
	});

	test('the user picker lists users by name and email', async () => {
		const methods = createMethodsRunner(env.harness, AlteryxServer);
		const { results } = await methods.listSearch('searchUsers', 'ada');
		expect(results).toEqual([{ name: 'Ada Admin (ada.admin@example.com)', value: users.ada }]);
	});
});

describe('Create', () => {
	test('creates the user with the additional fields and returns the new UserView', async () => {
		const [item] = await env.runNode({
			resource: 'user',
			operation: 'create',
			email: ' cy.coder@example.com ',
			firstName: 'Cy',
			lastName: 'Coder',
			additionalFields: {
				role: 'Artisan',
				canScheduleJobs: true,
				isApiEnabled: true,
				defaultWorkerTag: 'gpu',
				defaultCredentialId: byId(credentials.svcAlteryx),
				timeZone: 'Europe/Berlin',
			},
		});
		expect(item.json).toMatchObject({
			firstName: 'Cy',
			lastName: 'Coder',
			email: 'cy.coder@example.com',
			role: 'Artisan',
			canScheduleJobs: true,
			canPrioritizeJobs: false,
			isApiEnabled: true,
			isActive: true,
			defaultWorkerTag: 'gpu',
			defaultCredentialId: credentials.svcAlteryx,
			timeZone: 'Europe/Berlin',
		});
		expect(item.json.id).toMatch(/^[0-9a-f]{24}$/);
		const stored = env.emulator.state.users.get(item.json.id);
		expect(stored).toMatchObject({ email: 'cy.coder@example.com', role: 'Artisan' });
	});

	test('sends only what was set: no role means Alteryx’s Evaluated, an empty credential is left out', async () => {
		await withRecordingProxy(async (runNode, proxy) => {
			const [item] = await runNode({
				resource: 'user',
				operation: 'create',
				email: 'dee@example.com',
				firstName: 'Dee',
				lastName: 'Data',
				additionalFields: { defaultCredentialId: { __rl: true, mode: 'list', value: '' } },
			});
			expect(item.json.role).toBe('Evaluated');
			expect(proxy.jsonBodies('POST', /\/v3\/users$/)).toEqual([
				{ firstName: 'Dee', lastName: 'Data', email: 'dee@example.com' },
			]);
		});
		const created = [...env.emulator.state.users.values()].find(
			(u) => u.email === 'dee@example.com',
		);
		expect(created.defaultCredentialId).toBeNull();
	});

	test('the exact body: names, email and the additional fields, nothing else', async () => {
		await withRecordingProxy(async (runNode, proxy) => {
			await runNode({
				resource: 'user',
				operation: 'create',
				email: 'eve@example.com',
				firstName: 'Eve',
				lastName: 'Extract',
				additionalFields: { role: 'Viewer', isActive: false },
			});
			expect(proxy.jsonBodies('POST', /\/v3\/users$/)).toEqual([
				{
					firstName: 'Eve',
					lastName: 'Extract',
					email: 'eve@example.com',
					role: 'Viewer',
					isActive: false,
				},
			]);
		});
	});

	test('an invalid email fails with Alteryx’s 400 and the field message from modelState', async () => {
		const error = await env
			.runNode({
				resource: 'user',
				operation: 'create',
				email: 'not-an-email',
				firstName: 'No',
				lastName: 'Mail',
			})
			.catch((caught) => caught);
		expect(error).toMatchObject({ httpCode: '400', message: expect.stringMatching(/invalid/) });
		expect(error.description).toContain('email: The Email field is not a valid e-mail address.');
		expect(error.context.modelState).toEqual({
			'userContract.email': ['The Email field is not a valid e-mail address.'],
		});
		expect(env.emulator.state.users.size).toBe(4);
	});

	test('an empty first name is refused by Alteryx, naming the field', async () => {
		const error = await env
			.runNode({
				resource: 'user',
				operation: 'create',
				email: 'twin@example.com',
				firstName: '  ',
				lastName: 'Twin',
			})
			.catch((caught) => caught);
		expect(error.httpCode).toBe('400');
		expect(error.description).toMatch(/^firstName: /m);
		expect(error.context.modelState).toHaveProperty(['userContract.firstName']);
	});
});

describe('Update (GET → merge → PUT)', () => {
	test('sends the complete contract with only the changed fields replaced', async () => {
		const before = { ...env.emulator.state.users.get(users.bo) };
		await withRecordingProxy(async (runNode, proxy) => {
			const [item] = await runNode({
				resource: 'user',
				operation: 'update',
				userId: byId(users.bo),
				updateFields: {
					role: 'Curator',
					canPrioritizeJobs: true,
					language: 'fr-fr',
					defaultCredentialId: byId(credentials.svcAlteryx),
				},
			});
			const [sent] = proxy.jsonBodies('PUT', new RegExp(`/v3/users/${users.bo}$`));
			expect(sent).toEqual({
				firstName: before.firstName,
				lastName: before.lastName,
				email: before.email,
				role: 'Curator',
				defaultWorkerTag: before.defaultWorkerTag,
				canScheduleJobs: before.canScheduleJobs,
				canPrioritizeJobs: true,
				canAssignJobs: before.canAssignJobs,
				canCreateCollections: before.canCreateCollections,
				isApiEnabled: before.isApiEnabled,
				defaultCredentialId: credentials.svcAlteryx,
				isAccountLocked: before.isAccountLocked,
				isActive: before.isActive,
				isValidated: before.isValidated,
				timeZone: before.timeZone,
				language: 'fr-fr',
				canCreateAndUpdateDcm: before.canCreateAndUpdateDcm,
				canShareForExecutionDcm: before.canShareForExecutionDcm,
				canShareForCollaborationDcm: before.canShareForCollaborationDcm,
				canManageGenericVaultsDcm: before.canManageGenericVaultsDcm,
			});
			expect(
				proxy.recorded.map((entry) => entry.method).filter((method) => method !== 'POST'),
			).toEqual(['GET', 'PUT']);
			expect(item.json).toMatchObject({ id: users.bo, role: 'Curator', language: 'fr-fr' });
		});
		expect(env.emulator.state.users.get(users.bo)).toMatchObject({
			role: 'Curator',
			canPrioritizeJobs: true,
			defaultCredentialId: credentials.svcAlteryx,
			firstName: 'Bo',
			email: 'bo.builder@example.com',
		});
	});

	test('an empty Default Credential clears it; names and email are trimmed', async () => {
		env.emulator.state.users.get(users.bo).defaultCredentialId = credentials.svcAlteryx;
		const [item] = await env.runNode({
			resource: 'user',
			operation: 'update',
			userId: byId(users.bo),
			updateFields: {
				defaultCredentialId: byId(''),
				firstName: ' Bob ',
				email: ' bob.builder@example.com',
			},
		});
		expect(item.json).toMatchObject({ firstName: 'Bob', email: 'bob.builder@example.com' });
		expect(env.emulator.state.users.get(users.bo).defaultCredentialId).toBeNull();
	});

	test('an email another user has fails with the modelState message; nothing changes', async () => {
		const error = await env
			.runNode({
				resource: 'user',
				operation: 'update',
				userId: byId(users.bo),
				updateFields: { email: 'ada.admin@example.com' },
			})
			.catch((caught) => caught);
		expect(error.httpCode).toBe('400');
		expect(error.description).toContain('email: A user with this email already exists.');
		expect(env.emulator.state.users.get(users.bo).email).toBe('bo.builder@example.com');
	});

	test('with no field to update the item fails without calling the server', async () => {
		await expect(
			env.runNode({
				resource: 'user',
				operation: 'update',
				userId: byId(users.bo),
				updateFields: {},
			}),
		).rejects.toThrow(/No field to update/);
		expect(env.apiCalls()).toEqual([]);
	});

	test('an unknown user fails with the 404 of the GET, before any PUT', async () => {
		await expect(
			env.runNode({
				resource: 'user',
				operation: 'update',
				userId: byId(UNKNOWN_USER),
				updateFields: { role: 'Viewer' },
			}),
		).rejects.toMatchObject({ httpCode: '404' });
		expect(answeredCalls()).toEqual([`GET /v3/users/${UNKNOWN_USER}`]);
	});
});

describe('Deactivate, Reset Password, Delete', () => {
	test('Deactivate marks the user inactive and lists the groups they left', async () => {
		const [item] = await env.runNode({
			resource: 'user',
			operation: 'deactivate',
			userId: byId(users.bo),
		});
		expect(item.json).toEqual({
			success: true,
			id: users.bo,
			removedFromUserGroupIds: [userGroups.analysts],
		});
		expect(env.emulator.state.users.get(users.bo).isActive).toBe(false);
		expect(env.emulator.state.userGroups.get(userGroups.analysts).members).toEqual([]);
	});

	test('Reset Password asks the server to send the email', async () => {
		const [item] = await env.runNode({
			resource: 'user',
			operation: 'resetPassword',
			userId: byId(users.bo),
		});
		expect(item.json).toEqual({ success: true, id: users.bo });
		expect(env.emulator.state.users.get(users.bo).passwordResetRequestedAt).toEqual(
			expect.any(String),
		);
		expect(answeredCalls()).toEqual([`POST /v3/users/${users.bo}/passwordReset`]);
	});

	test('Reset Password for an unknown user is a 404', async () => {
		await expect(
			env.runNode({ resource: 'user', operation: 'resetPassword', userId: byId(UNKNOWN_USER) }),
		).rejects.toMatchObject({ httpCode: '404' });
	});

	test('Delete refuses a user who owns assets (409), and deletes one who does not', async () => {
		await expect(
			env.runNode({ resource: 'user', operation: 'delete', userId: byId(users.ada) }),
		).rejects.toMatchObject({
			httpCode: '409',
			message: expect.stringMatching(/owns assets/),
		});
		expect(env.emulator.state.users.has(users.ada)).toBe(true);

		const [item] = await env.runNode({
			resource: 'user',
			operation: 'delete',
			userId: byId(users.nia),
		});
		expect(item.json).toEqual({ success: true, id: users.nia });
		expect(env.emulator.state.users.has(users.nia)).toBe(false);
	});
});

describe('Get Assets and Transfer Assets', () => {
	test('Get Assets lists what the user owns, one item with the three lists', async () => {
		const [item] = await env.runNode({
			resource: 'user',
			operation: 'getAssets',
			userId: byId(users.bo),
		});
		expect(item.json).toEqual({
			userId: users.bo,
			workflows: [{ name: 'Marketing Mix', id: workflows.marketingMix }],
			schedules: [{ name: 'Weekly Forecast (West)', id: schedules.weeklyForecast }],
			collections: [],
		});
	});

	test('Get Assets with an asset type asks only for that kind', async () => {
		const [item] = await env.runNode({
			resource: 'user',
			operation: 'getAssets',
			userId: byId(users.ada),
			assetType: 'Collections',
		});
		expect(item.json.collections).toEqual([
			{ name: 'Finance Reports', id: collections.financeReports },
		]);
		expect(item.json.workflows).toEqual([]);
		const request = env.emulator.requests.find((entry) => /\/assets$/.test(entry.path));
		expect(request.query).toEqual({ assetType: 'Collections' });
	});

	test('Transfer Assets moves the chosen kinds and reports the schedules left behind', async () => {
		const [item] = await env.runNode({
			resource: 'user',
			operation: 'transferAssets',
			userId: byId(users.ada),
			ownerId: byId(users.bo),
			transferWorkflows: true,
			transferSchedules: false,
			transferCollections: true,
		});
		expect(item.json).toEqual({
			success: true,
			id: users.ada,
			ownerId: users.bo,
			transferWorkflows: true,
			transferSchedules: false,
			transferCollections: true,
			affectedScheduleIds: [schedules.nightlyEtl],
		});
		const { state } = env.emulator;
		expect(state.workflows.get(workflows.dailySalesEtl).ownerId).toBe(users.bo);
		expect(state.collections.get(collections.financeReports).ownerId).toBe(users.bo);
		expect(state.schedules.get(schedules.nightlyEtl).ownerId).toBe(users.ada);
	});

	test('Transfer Assets to the same user fails with Alteryx’s 400 text', async () => {
		await expect(
			env.runNode({
				resource: 'user',
				operation: 'transferAssets',
				userId: byId(users.ada),
				ownerId: byId(users.ada),
			}),
		).rejects.toMatchObject({
			httpCode: '400',
			message: 'Assets cannot be transferred to the same user. (HTTP 400)',
		});
	});

	test('Transfer Assets with nothing chosen is refused before any request', async () => {
		await expect(
			env.runNode({
				resource: 'user',
				operation: 'transferAssets',
				userId: byId(users.ada),
				ownerId: byId(users.bo),
				transferWorkflows: false,
				transferSchedules: false,
				transferCollections: false,
			}),
		).rejects.toThrow(/Nothing to transfer/);
		expect(env.apiCalls()).toEqual([]);
	});

	test('offboarding: transfer everything, leave the groups, then delete', async () => {
		const run = (parameters) => env.runNode({ resource: 'user', ...parameters });
		await expect(run({ operation: 'delete', userId: byId(users.bo) })).rejects.toMatchObject({
			httpCode: '409',
		});
		const [transfer] = await run({
			operation: 'transferAssets',
			userId: byId(users.bo),
			ownerId: byId(users.ada),
		});
		expect(transfer.json.affectedScheduleIds).toEqual([]);
		await run({ operation: 'deactivate', userId: byId(users.bo) });
		const [deleted] = await run({ operation: 'delete', userId: byId(users.bo) });
		expect(deleted.json.success).toBe(true);
		expect(env.emulator.state.users.has(users.bo)).toBe(false);
		expect(env.emulator.state.workflows.get(workflows.marketingMix).ownerId).toBe(users.ada);
	});
});
