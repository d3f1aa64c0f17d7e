'use strict';
// Usage resource of the Alteryx Server node, against the emulator over real HTTP.

const { createHarness } = require('../../harness');
const { useServerNodeEnvironment, AlteryxServer } = require('./setup');
const { startRecordingProxy } = require('./recording-proxy');

const env = useServerNodeEnvironment();

const eventIds = () => env.emulator.state.usageEvents.map((event) => event.eventId);

describe('Download Usage Records', () => {
	test('puts the records file into the binary property', async () => {
		const [item] = await env.runNode({
			resource: 'usage',
			operation: 'download',
			binaryPropertyName: 'usage',
		});
		const bytes = await env.bytesOf(item.binary.usage);
		const expected = env.emulator.state.usageEvents
			.map((event) => JSON.stringify(event))
			.join('\n');
		expect(bytes.toString('utf8')).toBe(`${expected}\n`);
		expect(item.binary.usage.fileName).toBe('usage-records.jsonl');
		expect(item.json).toMatchObject({
			hasRecords: true,
			fileName: 'usage-records.jsonl',
			fileSize: bytes.length,
		});
	});

	test('no records gives an item without a file, or Alteryx’s 404 when asked to fail', async () => {
		env.emulator.state.usageEvents = [];
		const [item] = await env.runNode({
			resource: 'usage',
			operation: 'download',
			binaryPropertyName: 'data',
		});
		expect(item.json).toMatchObject({ hasRecords: false });
		expect(item.binary).toBeUndefined();

		await expect(
			env.runNode({
				resource: 'usage',
				operation: 'download',
				binaryPropertyName: 'data',
				options: { failWhenEmpty: true },
			}),
		).rejects.toMatchObject({ httpCode: '404' });
	});

	test('other failures still fail the item', async () => {
		env.emulator.injectFault({ method: 'GET', path: '/v3/usage', status: 401, times: 10 });
		await expect(
			env.runNode({ resource: 'usage', operation: 'download', binaryPropertyName: 'data' }),
		).rejects.toMatchObject({ httpCode: '401' });
	});
});

describe('Delete Usage Events Up To', () => {
	test('an event ID typed as text becomes the uploaded file (upper case); older events are deleted', async () => {
		const ids = eventIds();
		const proxy = await startRecordingProxy(env.emulator.webApiUrl);
		try {
			const { clientId, clientSecret } = env.emulator.credentials.curator;
			const harness = createHarness({ webApiUrl: proxy.webApiUrl, clientId, clientSecret });
			const [[item]] = await harness.execute(AlteryxServer, {
				parameters: {
					resource: 'usage',
					operation: 'deleteUpTo',
					source: 'eventId',
					eventId: ` ${ids[2].toLowerCase()} `,
				},
			});
			expect(item.json).toEqual({ success: true, deletedUpTo: ids[2] });
			const upload = proxy.recorded.find(
				(entry) => entry.method === 'POST' && /\/v3\/usage$/.test(entry.url),
			);
			expect(upload.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
			expect(upload.body.toString('utf8')).toMatch(
				new RegExp(
					`name="file"; filename="usage-cleanup.txt"\\r\\nContent-Type: text/plain\\r\\n\\r\\n${ids[2]}\\r\\n`,
				),
			);
		} finally {
			await proxy.close();
		}
		expect(eventIds()).toEqual(ids.slice(3));
	});

	test('a binary file with the ULID (e.g. the AAC response file) is uploaded as is', async () => {
		const ids = eventIds();
		const [item] = await env.runNode(
			{
				resource: 'usage',
				operation: 'deleteUpTo',
				source: 'binary',
				binaryPropertyName: 'aac',
			},
			{
				items: [
					{
						json: {},
						binary: {
							aac: {
								data: Buffer.from(`${ids[4]}\n`).toString('base64'),
								fileName: 'aac-response.txt',
								mimeType: 'text/plain',
							},
						},
					},
				],
			},
		);
		expect(item.json.deletedUpTo).toBe(ids[4]);
		expect(eventIds()).toEqual([]);
	});

	test('a value that is not a ULID is refused before any request', async () => {
		await expect(
			env.runNode({
				resource: 'usage',
				operation: 'deleteUpTo',
				source: 'eventId',
				eventId: 'not-a-ulid',
			}),
		).rejects.toThrow(/not a ULID/);
		expect(env.apiCalls()).toEqual([]);
		expect(eventIds()).toHaveLength(5);
	});

	test('an input item without the binary property fails with a clear message', async () => {
		await expect(
			env.runNode(
				{ resource: 'usage', operation: 'deleteUpTo', source: 'binary', binaryPropertyName: 'aac' },
				{ items: [{ json: {} }] },
			),
		).rejects.toThrow(/binary/i);
		expect(env.apiCalls()).toEqual([]);
	});
});
