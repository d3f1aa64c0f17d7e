'use strict';
// Studio (Subscription) resource of the Alteryx Server node, against the emulator over real HTTP.

const { createHarness } = require('../../harness');
const { useServerNodeEnvironment, byId, AlteryxServer, SEED_IDS } = require('./setup');
const { startRecordingProxy } = require('./recording-proxy');
const { createMethodsRunner } = require('./methods-runner');

const { users, credentials } = SEED_IDS;
const DEFAULT_STUDIO = SEED_IDS.subscriptions.defaultStudio;
const UNKNOWN_ID = '66ebd18d3d620002000000ff';

const env = useServerNodeEnvironment();

const run = (operation, parameters = {}) =>
	env.runNode({ resource: 'subscription', operation, ...parameters });

const studio = (id) => env.emulator.state.subscriptions.get(id);

/** Creates an empty studio and returns its ID. */
async function createStudio(name = 'Finance Studio') {
	const [item] = await run('create', { name });
	return item.json.id;
}

describe('Create', () => {
	test('creates a studio with schedule sharing and a default credential', async () => {
		const [item] = await run('create', {
			name: ' Finance Studio ',
			additionalFields: {
				canShareSchedule: true,
				credentialId: byId(credentials.svcAlteryx),
			},
		});
		expect(item.json).toMatchObject({
			id: expect.stringMatching(/^[0-9a-f]{24}$/),
			name: 'Finance Studio',
			canShareSchedules: true,
			credentialId: credentials.svcAlteryx,
			apiKey: expect.any(String),
		});
		expect(studio(item.json.id)).toMatchObject({
			name: 'Finance Studio',
			canShareSchedules: true,
			credentialId: credentials.svcAlteryx,
		});
	});

	test('an unknown credential fails with Alteryx’s 400 and its modelState', async () => {
		await expect(
			run('create', {
				name: 'Finance Studio',
				additionalFields: { credentialId: byId('66ebd18d3d620008000000ff') },
			}),
		).rejects.toMatchObject({
			httpCode: '400',
			description: expect.stringContaining('credentialId: The credential does not exist.'),
		});
		expect(env.emulator.state.subscriptions.size).toBe(1);
	});

	test('an empty name is refused before any request', async () => {
		await expect(run('create', { name: '  ' })).rejects.toThrow(/Name is empty/);
		expect(env.apiCalls()).toEqual([]);
	});
});

describe('Get and Get Many', () => {
	test('Get returns the studio with its users and workflows; an unknown ID is a 404', async () => {
		const [item] = await run('get', { subscriptionId: byId(DEFAULT_STUDIO) });
		expect(item.json).toMatchObject({ id: DEFAULT_STUDIO, name: 'Default Studio' });
		expect(item.json.users.map((user) => user.id)).toContain(users.bo);
		expect(item.json.workflows.length).toBeGreaterThan(0);
		await expect(run('get', { subscriptionId: byId(UNKNOWN_ID) })).rejects.toMatchObject({
			httpCode: '404',
		});
	});

	test('Get Many returns the studios with their counts; filters travel as query parameters', async () => {
		await createStudio('Finance Studio');
		const all = await run('getAll', { returnAll: true });
		expect(all.map((item) => item.json.name).sort()).toEqual(['Default Studio', 'Finance Studio']);
		expect(all.find((item) => item.json.id === DEFAULT_STUDIO).json.userCount).toBe(4);

		const filtered = await run('getAll', {
			returnAll: true,
			filters: {
				name: 'studio',
				canShareSchedule: true,
				userCountGreaterThanEquals: 1,
				workflowCountLessThanEquals: 100,
			},
		});
		expect(filtered.map((item) => item.json.id)).toEqual([DEFAULT_STUDIO]);
		const request = env.emulator.requests
			.filter((entry) => entry.path === '/webapi/v3/subscriptions' && entry.method === 'GET')
			.pop();
		expect(request.query).toEqual({
			name: 'studio',
			canShareSchedule: 'true',
			userCountGreaterThanEquals: '1',
			workflowCountLessThanEquals: '100',
		});

		const limited = await run('getAll', { returnAll: false, limit: 1 });
		expect(limited).toHaveLength(1);
	});

	test('the default workflow credential filter takes a credential from the picker', async () => {
		studio(DEFAULT_STUDIO).credentialId = credentials.svcAlteryx;
		await createStudio();
		const output = await run('getAll', {
			returnAll: true,
			filters: { defaultWorkflowCredentialId: byId(credentials.svcAlteryx) },
		});
		expect(output.map((item) => item.json.id)).toEqual([DEFAULT_STUDIO]);
	});
});

describe('Update (GET → merge → PUT)', () => {
	test('changes only the given fields and sends the complete contract', async () => {
		studio(DEFAULT_STUDIO).credentialId = credentials.svcAlteryx;
		const proxy = await startRecordingProxy(env.emulator.webApiUrl);
		try {
			const { clientId, clientSecret } = env.emulator.credentials.curator;
			const harness = createHarness({ webApiUrl: proxy.webApiUrl, clientId, clientSecret });
			const [[item]] = await harness.execute(AlteryxServer, {
				parameters: {
					resource: 'subscription',
					operation: 'update',
					subscriptionId: byId(DEFAULT_STUDIO),
					updateFields: { name: 'Main Studio' },
				},
			});
			expect(item.json).toEqual({
				id: DEFAULT_STUDIO,
				name: 'Main Studio',
				credentialId: credentials.svcAlteryx,
				canShareSchedules: true,
			});
			expect(proxy.jsonBodies('PUT', /\/v3\/subscriptions\//)).toEqual([
				{ name: 'Main Studio', credentialId: credentials.svcAlteryx, canShareSchedules: true },
			]);
		} finally {
			await proxy.close();
		}
		expect(studio(DEFAULT_STUDIO)).toMatchObject({
			name: 'Main Studio',
			credentialId: credentials.svcAlteryx,
			canShareSchedules: true,
		});
	});

	test('an empty credential removes it; schedule sharing can be turned off', async () => {
		studio(DEFAULT_STUDIO).credentialId = credentials.svcAlteryx;
		await run('update', {
			subscriptionId: byId(DEFAULT_STUDIO),
			updateFields: { credentialId: byId(''), canShareSchedules: false },
		});
		expect(studio(DEFAULT_STUDIO)).toMatchObject({
			name: 'Default Studio',
			credentialId: '',
			canShareSchedules: false,
		});
	});

	test('no fields is refused; an unknown studio is a 404', async () => {
		await expect(
			run('update', { subscriptionId: byId(DEFAULT_STUDIO), updateFields: {} }),
		).rejects.toThrow(/No field to update/);
		await expect(
			run('update', { subscriptionId: byId(UNKNOWN_ID), updateFields: { name: 'X' } }),
		).rejects.toMatchObject({ httpCode: '404' });
	});
});

describe('Move Users and Delete', () => {
	test('Move Users makes the users members of the studio', async () => {
		const id = await createStudio();
		const [item] = await run('moveUsers', {
			subscriptionId: byId(id),
			userIds: [users.bo, users.bo],
		});
		expect(item.json).toEqual({ success: true, subscriptionId: id, userIds: [users.bo] });
		expect(env.emulator.state.users.get(users.bo).subscriptionId).toBe(id);
		const [details] = await run('get', { subscriptionId: byId(id) });
		expect(details.json.users.map((user) => user.id)).toEqual([users.bo]);
	});

	test('Move Users accepts IDs mapped as comma-separated text', async () => {
		const id = await createStudio();
		await run('moveUsers', { subscriptionId: byId(id), userIds: `${users.bo}, ${users.ada}` });
		expect(env.emulator.state.users.get(users.ada).subscriptionId).toBe(id);
	});

	test('Move Users with an unknown user fails with Alteryx’s 400; no users is refused', async () => {
		const id = await createStudio();
		await expect(
			run('moveUsers', { subscriptionId: byId(id), userIds: ['66ebd18d3d620001000000ff'] }),
		).rejects.toMatchObject({
			httpCode: '400',
			description: expect.stringContaining('userIds: Unknown user ids'),
		});
		await expect(run('moveUsers', { subscriptionId: byId(id), userIds: [] })).rejects.toThrow(
			/No users to move/,
		);
	});

	test('Delete removes an empty studio, with the ID in the query string', async () => {
		const id = await createStudio();
		const [item] = await run('delete', { subscriptionId: byId(id) });
		expect(item.json).toEqual({ success: true, id });
		expect(env.emulator.state.subscriptions.has(id)).toBe(false);
		const request = env.emulator.requests.find(
			(entry) => entry.method === 'DELETE' && entry.status === 200,
		);
		expect(request.path).toBe('/webapi/v3/subscriptions');
		expect(request.query).toEqual({ subscriptionId: id });
	});

	test('Delete of a studio that still has users fails with Alteryx’s 400', async () => {
		await expect(run('delete', { subscriptionId: byId(DEFAULT_STUDIO) })).rejects.toMatchObject({
			httpCode: '400',
			message: expect.stringMatching(/no workflows or users/),
		});
		expect(env.emulator.state.subscriptions.has(DEFAULT_STUDIO)).toBe(true);
	});

	test('Delete without a studio is refused before any request', async () => {
		await expect(run('delete', { subscriptionId: byId('') })).rejects.toThrow(
			/^The Studio is empty$/,
		);
		expect(env.apiCalls()).toEqual([]);
	});
});

describe('Pickers', () => {
	test('the studio picker lists studios by name', async () => {
		const id = await createStudio('Finance Studio');
		const methods = createMethodsRunner(env.harness, AlteryxServer);
		expect((await methods.listSearch('searchSubscriptions')).results).toEqual([
			{ name: 'Default Studio', value: DEFAULT_STUDIO },
			{ name: 'Finance Studio', value: id },
		]);
		expect((await methods.listSearch('searchSubscriptions', 'finance')).results).toEqual([
			{ name: 'Finance Studio', value: id },
		]);
	});

	test('Move Users offers every user by name and email', async () => {
		const methods = createMethodsRunner(env.harness, AlteryxServer);
		const options = await methods.loadOptions('getStudioUserOptions', {
			resource: 'subscription',
			operation: 'moveUsers',
		});
		expect(options.map((option) => option.value)).toEqual(
			expect.arrayContaining([users.ada, users.bo]),
		);
		expect(options.find((option) => option.value === users.bo).name).toBe(
			'Bo Builder (bo.builder@example.com)',
		);
	});
});
