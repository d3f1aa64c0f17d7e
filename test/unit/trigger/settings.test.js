'use strict';
const { useTriggerEnvironment } = require('./setup');

const env = useTriggerEnvironment();

test.each([
	[
		'Selected Workflows with none selected',
		{ event: 'jobFinished', results: ['Error'], watch: 'selected', workflowIds: [] },
		'Pick at least one workflow to watch',
	],
	['no job result', { event: 'jobFinished', results: [] }, 'Pick at least one job result'],
	[
		'Max Events per Poll of 0',
		{ event: 'workflowPublished', options: { maxEventsPerPoll: 0 } },
		'Max Events per Poll must be a whole number, at least 1',
	],
	[
		'an Include Events Since that is not a date',
		{ event: 'workflowPublished', options: { includeEventsSince: 'yesterday-ish' } },
		'Include Events Since is not a date: yesterday-ish',
	],
])('%s is refused before anything is sent', async (_name, parameters, message) => {
	const trigger = env.trigger(parameters);
	const from = env.emulator.requests.length;
	await expect(trigger.poll()).rejects.toMatchObject({ message });
	expect(env.callsSince(from)).toEqual([]);
	expect(trigger.liveState()).toBeUndefined();
});

describe('Workflows to Watch given as Gallery addresses (by an expression)', () => {
	const id = '66ebd18d3d62000400000002';

	test('are watched by the id in them (no request names the address)', async () => {
		const trigger = env.trigger({
			event: 'jobFinished',
			results: ['Error'],
			watch: 'selected',
			workflowIds: [
				`${env.emulator.url}/gallery/app/Daily-Sales-ETL/${id}`,
				`http://alteryx.example.com/gallery/#!app/Daily-Sales-ETL/${id}`,
				id,
			],
			options: { jobSource: 'workflows' },
		});
		const from = env.emulator.requests.length;
		await trigger.poll();
		const listed = env
			.callsSince(from)
			.filter((call) => /^GET \/v3\/workflows\/.*\/jobs/.test(call));
		expect(listed.length).toBeGreaterThan(0);
		expect(listed.every((call) => call.startsWith(`GET /v3/workflows/${id}/jobs`))).toBe(true);
	});

	test('an address without an id is refused before anything is sent', async () => {
		const trigger = env.trigger({
			event: 'jobFinished',
			results: ['Error'],
			watch: 'selected',
			workflowIds: ['https://alteryx.example.com/gallery/'],
		});
		const from = env.emulator.requests.length;
		await expect(trigger.poll()).rejects.toMatchObject({
			message: 'The workflow URL "https://alteryx.example.com/gallery/" has no ID in it',
			description: expect.stringContaining('/gallery/app/'),
		});
		expect(env.callsSince(from)).toEqual([]);
	});
});

test('a Curator-only job list refused to a forced choice is explained in Alteryx terms', async () => {
	const trigger = env.trigger(
		{
			event: 'jobFinished',
			results: ['Error'],
			watch: 'selected',
			workflowIds: ['66ebd18d3d62000400000006'],
			options: { jobSource: 'queue' },
		},
		'artisan',
	);
	await expect(trigger.poll()).rejects.toMatchObject({
		message: 'Alteryx Server refused to list all jobs (GET v3/jobs)',
		description: expect.stringContaining('Only Curators may list the jobs of all workflows'),
	});
});

test('the node is registered in package.json and polls with n8n’s Poll Times', () => {
	const pkg = require('../../../package.json');
	expect(pkg.n8n.nodes).toContain('dist/nodes/AlteryxServerTrigger/AlteryxServerTrigger.node.js');
	const {
		AlteryxServerTrigger,
	} = require('../../../nodes/AlteryxServerTrigger/AlteryxServerTrigger.node.ts');
	const { description } = new AlteryxServerTrigger();
	expect(description).toMatchObject({
		name: 'alteryxServerTrigger',
		displayName: 'Alteryx Server Trigger',
		polling: true,
		inputs: [],
		group: ['trigger'],
	});
	expect(description.credentials.map((credential) => credential.name)).toEqual([
		'alteryxServerOAuth2Api',
	]);
	expect(description.properties[0].name).toBe('authentication');
});
