'use strict';
// Workspace and User of the Alteryx Analytics Cloud node: what the token belongs to.

const { CLOUD_SEED, requestsTo, runNode, useCloud } = require('./setup');

const env = useCloud();

test('Workspace → Get Current: through the API gateway', async () => {
	const { items } = await runNode(env, { resource: 'workspace', operation: 'getCurrent' });
	expect(items).toEqual([
		{
			json: expect.objectContaining({ id: CLOUD_SEED.workspaceId, name: 'Emulator Workspace' }),
			pairedItem: { item: 0 },
		},
	]);
	expect(requestsTo(env.cloud, 'GET', '/iam/v1/workspaces/current')[0].host).toBe('gateway');
});

test('User → Get Current: through the v4 host, one item per input item', async () => {
	const { items } = await runNode(
		env,
		{ resource: 'user', operation: 'getCurrent' },
		{ items: [{}, {}] },
	);
	expect(items.map((item) => [item.json.email, item.pairedItem.item])).toEqual([
		['ada@example.com', 0],
		['ada@example.com', 1],
	]);
	expect(requestsTo(env.cloud, 'GET', '/v4/people/current')[0].host).toBe('v4');
});
