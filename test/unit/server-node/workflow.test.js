'use strict';
// Workflow resource of the Alteryx Server node, against the emulator over real HTTP.

const { createHarness } = require('../../harness');
const { buildPackage } = require('../../emulator/packages');
const { useServerNodeEnvironment, byId, AlteryxServer, SEED_IDS } = require('./setup');
const { startRecordingProxy } = require('./recording-proxy');

const { workflows, users, schedules } = SEED_IDS;

const env = useServerNodeEnvironment();

/** An input item carrying a workflow package in the binary property `data`. */
function packageItem(bytes, fileName = 'Quarterly Report.yxzp') {
	return {
		json: {},
		binary: {
			data: {
				data: bytes.toString('base64'),
				fileName,
				mimeType: 'application/zip',
			},
		},
	};
}

const uploadParameters = (overrides = {}) => ({
	resource: 'workflow',
	operation: 'upload',
	binaryPropertyName: 'data',
	name: 'Quarterly Report',
	ownerId: byId(users.ada),
	executionMode: 'Standard',
	workflowCredentialType: 'Default',
	isPublic: false,
	isReadyForMigration: false,
	othersMayDownload: true,
	othersCanExecute: true,
	...overrides,
});

describe('Get Many', () => {
	test('returns every visible workflow, one item each, paired with the input item', async () => {
		const output = await env.runNode({
			resource: 'workflow',
			operation: 'getAll',
			returnAll: true,
		});
		expect(output.map((item) => item.json.name).sort()).toEqual(
			[
				'Customer Cleanse',
				'Daily Sales ETL',
				'Inventory Sync',
				'Marketing Mix',
				'Restricted Report',
				'Sales Forecast',
			].sort(),
		);
		expect(output.every((item) => item.pairedItem.item === 0)).toBe(true);
	});

	test('passes the filters as query parameters and applies the limit', async () => {
		const output = await env.runNode({
			resource: 'workflow',
			operation: 'getAll',
			returnAll: false,
			limit: 1,
			filters: { name: 'sales', ownerId: users.ada, createdAfter: '2024-09-01T00:00:00Z' },
			options: { view: 'Full' },
		});
		expect(output).toHaveLength(1);
		expect(output[0].json.versions).toBeDefined();
		const request = env.emulator.requests.find((entry) => entry.path === '/webapi/v3/workflows');
		expect(request.query).toEqual({
			view: 'Full',
			name: 'sales',
			ownerId: users.ada,
			createdAfter: '2024-09-01T00:00:00.000Z',
		});
	});

	test('createdBefore excludes later workflows', async () => {
		const output = await env.runNode({
			resource: 'workflow',
			operation: 'getAll',
			returnAll: true,
			filters: { createdBefore: '2024-09-20T00:00:00Z' },
		});
		expect(output.map((item) => item.json.name)).not.toContain('Marketing Mix');
		expect(output.length).toBe(5);
	});
});

describe('Get and Get Questions', () => {
	test('Get returns the WorkflowView', async () => {
		const [item] = await env.runNode({
			resource: 'workflow',
			operation: 'get',
			workflowId: byId(workflows.salesForecast),
		});
		expect(item.json).toMatchObject({ id: workflows.salesForecast, name: 'Sales Forecast' });
		expect(item.json.versions[0].packageWorkflowType).toBe('App');
	});

	test('Get accepts the list mode of the workflow picker', async () => {
		const [item] = await env.runNode({
			resource: 'workflow',
			operation: 'get',
			workflowId: {
				__rl: true,
				mode: 'list',
				value: workflows.dailySalesEtl,
				cachedResultName: 'Daily Sales ETL',
			},
		});
		expect(item.json.name).toBe('Daily Sales ETL');
	});

	test('Get Questions returns one item per question', async () => {
		const output = await env.runNode({
			resource: 'workflow',
			operation: 'getQuestions',
			workflowId: byId(workflows.salesForecast),
		});
		expect(output.map((item) => item.json.name)).toEqual(['Region', 'Year']);
		expect(output[0].json.items.map((entry) => entry.value)).toContain('West');
	});

	test('an unknown workflow fails with Alteryx’s 404, or becomes an error item under Continue On Fail', async () => {
		const parameters = {
			resource: 'workflow',
			operation: 'get',
			workflowId: byId('66ebd18d3d620004000000ff'),
		};
		await expect(env.runNode(parameters)).rejects.toMatchObject({ httpCode: '404' });
		const [item] = await env.runNode(parameters, { continueOnFail: true });
		expect(item.json.details.httpCode).toBe('404');
		expect(item.pairedItem).toEqual({ item: 0 });
	});

	test('an empty workflow ID is refused before any request', async () => {
		await expect(
			env.runNode({ resource: 'workflow', operation: 'get', workflowId: byId('  ') }),
		).rejects.toThrow(/^The Workflow is empty$/);
		expect(env.apiCalls()).toEqual([]);
	});
});

describe('Upload and Download Package', () => {
	test('upload then download returns the same bytes, with a file name and MIME type', async () => {
		const bytes = buildPackage({ name: 'Quarterly Report', type: 'Module', author: 'Test' });
		const [uploaded] = await env.runNode(uploadParameters(), { items: [packageItem(bytes)] });
		expect(uploaded.json.id).toMatch(/^[0-9a-f]{24}$/);

		const stored = env.emulator.state.workflows.get(uploaded.json.id);
		expect(stored).toMatchObject({
			name: 'Quarterly Report',
			ownerId: users.ada,
			isPublic: false,
			othersMayDownload: true,
			executionMode: 'Standard',
		});

		const [downloaded] = await env.runNode({
			resource: 'workflow',
			operation: 'downloadPackage',
			workflowId: byId(uploaded.json.id),
			binaryPropertyName: 'package',
		});
		const binary = downloaded.binary.package;
		expect((await env.bytesOf(binary)).equals(bytes)).toBe(true);
		expect(binary.fileName).toBe('Quarterly Report.yxzp');
		expect(binary.mimeType).toBe('application/zip');
		expect(downloaded.json).toMatchObject({ workflowId: uploaded.json.id, fileSize: bytes.length });
	});

	test('upload sends booleans as "true"/"false" and id lists as JSON arrays', async () => {
		const proxy = await startRecordingProxy(env.emulator.webApiUrl);
		try {
			const { clientId, clientSecret } = env.emulator.credentials.curator;
			const harness = createHarness({ webApiUrl: proxy.webApiUrl, clientId, clientSecret });
			const bytes = buildPackage({ name: 'Tagged', type: 'Module' });
			await harness.execute(AlteryxServer, {
				parameters: uploadParameters({
					name: '',
					isPublic: true,
					additionalFields: {
						districtTags: 'd1, d2',
						collectionIds: `["${SEED_IDS.collections.financeReports}"]`,
						bypassWorkflowVersionCheck: true,
					},
				}),
				items: [packageItem(bytes, 'Tagged.yxzp')],
			});
			const upload = proxy.recorded.find(
				(entry) => entry.method === 'POST' && /\/v3\/workflows$/.test(entry.url),
			);
			const form = upload.body.toString('latin1');
			const field = (name) =>
				new RegExp(`name="${name}"\\r\\n\\r\\n([^\\r]*)\\r\\n`).exec(form)?.[1];
			expect(field('name')).toBe('Tagged');
			expect(field('isPublic')).toBe('true');
			expect(field('isReadyForMigration')).toBe('false');
			expect(field('districtTags')).toBe('["d1","d2"]');
			expect(field('collectionIds')).toBe(`["${SEED_IDS.collections.financeReports}"]`);
			expect(field('bypassWorkflowVersionCheck')).toBe('true');
			expect(form).toMatch(
				/name="file"; filename="Tagged.yxzp"\r\nContent-Type: application\/yxzp/,
			);
		} finally {
			await proxy.close();
		}
	});

	test('upload without the binary property fails the item with a clear message', async () => {
		await expect(env.runNode(uploadParameters(), { items: [{ json: {} }] })).rejects.toThrow(
			/binary/i,
		);
	});

	test('Specific credential type without a Credential ID is refused', async () => {
		const bytes = buildPackage({ name: 'X', type: 'Module' });
		await expect(
			env.runNode(uploadParameters({ workflowCredentialType: 'Specific' }), {
				items: [packageItem(bytes)],
			}),
		).rejects.toThrow(/Credential ID/);
	});

	test('Upload Version fills required fields from the current workflow and publishes', async () => {
		const bytes = buildPackage({ name: 'Sales Forecast v2', type: 'App' });
		const [item] = await env.runNode(
			{
				resource: 'workflow',
				operation: 'uploadVersion',
				workflowId: byId(workflows.salesForecast),
				binaryPropertyName: 'data',
				makePublished: true,
				additionalFields: { comments: 'Second version' },
			},
			{ items: [packageItem(bytes, 'Sales Forecast.yxzp')] },
		);
		expect(item.json.versions).toHaveLength(2);
		expect(item.json.name).toBe('Sales Forecast');
		expect(item.json.ownerId).toBe(users.ada);
		const published = item.json.versions.find((version) => version.published);
		expect(published.versionNumber).toBe(2);
		expect(published.comments).toBe('Second version');

		const [download] = await env.runNode({
			resource: 'workflow',
			operation: 'downloadPackage',
			workflowId: byId(workflows.salesForecast),
			binaryPropertyName: 'data',
		});
		expect((await env.bytesOf(download.binary.data)).equals(bytes)).toBe(true);

		const [first] = await env.runNode({
			resource: 'workflow',
			operation: 'downloadPackage',
			workflowId: byId(workflows.salesForecast),
			binaryPropertyName: 'data',
			options: { versionId: item.json.versions[0].versionId },
		});
		expect((await env.bytesOf(first.binary.data)).equals(bytes)).toBe(false);
	});
});

describe('Update (GET → merge → PUT)', () => {
	test('sends the current values with only the changed fields replaced', async () => {
		const proxy = await startRecordingProxy(env.emulator.webApiUrl);
		try {
			const { clientId, clientSecret } = env.emulator.credentials.curator;
			const harness = createHarness({ webApiUrl: proxy.webApiUrl, clientId, clientSecret });
			const before = env.emulator.state.workflows.get(workflows.dailySalesEtl);
			const snapshot = JSON.parse(
				JSON.stringify({ ...before, versions: undefined, simulation: undefined }),
			);

			const [[item]] = await harness.execute(AlteryxServer, {
				parameters: {
					resource: 'workflow',
					operation: 'update',
					workflowId: byId(workflows.dailySalesEtl),
					updateFields: {
						comments: 'Now loads hourly',
						isPublic: true,
						districtTags: 'north,south',
					},
				},
			});

			const [sent] = proxy.jsonBodies('PUT', /\/v3\/workflows\/[0-9a-f]{24}$/);
			expect(sent).toEqual({
				name: snapshot.name,
				versionId: snapshot.publishedVersionId,
				makePublished: true,
				ownerId: snapshot.ownerId,
				workerTag: snapshot.workerTag,
				districtTags: ['north', 'south'],
				comments: 'Now loads hourly',
				isPublic: true,
				isReadyForMigration: snapshot.isReadyForMigration,
				othersMayDownload: snapshot.othersMayDownload,
				othersCanExecute: snapshot.othersCanExecute,
				othersCanViewHistory: snapshot.othersCanViewHistory,
				executionMode: snapshot.executionMode,
				workflowCredentialType: 'Default',
				credentialId: '',
				hasPrivateDataExemption: snapshot.hasPrivateDataExemption,
			});
			expect(
				proxy.recorded.map((entry) => entry.method).filter((method) => method !== 'POST'),
			).toEqual(['GET', 'PUT']);
			expect(item.json).toMatchObject({
				comments: 'Now loads hourly',
				isPublic: true,
				name: 'Daily Sales ETL',
			});
		} finally {
			await proxy.close();
		}
	});

	/** What the update contract can change, as the server stores it. */
	function settingsOf(workflow) {
		const version = workflow.versions.find((v) => v.versionId === workflow.publishedVersionId);
		return JSON.parse(
			JSON.stringify({
				...Object.fromEntries(
					[
						'name',
						'ownerId',
						'workerTag',
						'districtTags',
						'comments',
						'isPublic',
						'isReadyForMigration',
						'othersMayDownload',
						'othersCanExecute',
						'othersCanViewHistory',
						'executionMode',
						'hasPrivateDataExemption',
						'publishedVersionId',
					].map((field) => [field, workflow[field]]),
				),
				version: {
					executionMode: version.executionMode,
					workflowCredentialType: version.workflowCredentialType,
					credentialId: version.credentialId,
					othersMayDownload: version.othersMayDownload,
					othersCanViewHistory: version.othersCanViewHistory,
				},
			}),
		);
	}

	test.each([
		['name', 'Daily Sales ETL (hourly)'],
		['comments', 'Now loads hourly'],
		['workerTag', 'fast-workers'],
	])(
		'changing only %s keeps every other setting on the server, none reset to a default',
		async (field, value) => {
			// Every setting away from its default, so a field the PUT leaves out shows as lost.
			const workflow = env.emulator.state.workflows.get(workflows.dailySalesEtl);
			Object.assign(workflow, {
				comments: 'Loads the daily extract; owned by Finance',
				workerTag: 'etl-workers',
				districtTags: ['district-north'],
				isPublic: true,
				isReadyForMigration: true,
				othersMayDownload: false,
				othersCanExecute: false,
				othersCanViewHistory: false,
				executionMode: 'SemiSafe',
				hasPrivateDataExemption: true,
			});
			Object.assign(workflow.versions[0], {
				executionMode: 'SemiSafe',
				workflowCredentialType: 'Specific',
				credentialId: SEED_IDS.credentials.svcAlteryx,
				othersMayDownload: false,
				othersCanViewHistory: false,
			});
			const before = settingsOf(workflow);

			const [item] = await env.runNode({
				resource: 'workflow',
				operation: 'update',
				workflowId: byId(workflows.dailySalesEtl),
				updateFields: { [field]: value },
			});

			const after = settingsOf(env.emulator.state.workflows.get(workflows.dailySalesEtl));
			expect(after).toEqual({ ...before, [field]: value });
			expect(item.json[field]).toBe(value);
		},
	);

	test('with no field to update the item fails without calling the server', async () => {
		await expect(
			env.runNode({
				resource: 'workflow',
				operation: 'update',
				workflowId: byId(workflows.dailySalesEtl),
				updateFields: {},
			}),
		).rejects.toThrow(/No field to update/);
		expect(env.apiCalls()).toEqual([]);
	});
});

describe('Delete and Transfer', () => {
	test('Delete refuses a scheduled workflow unless its schedules are deleted too', async () => {
		const parameters = {
			resource: 'workflow',
			operation: 'delete',
			workflowId: byId(workflows.dailySalesEtl),
			force: false,
		};
		await expect(env.runNode(parameters)).rejects.toMatchObject({ httpCode: '400' });
		const [item] = await env.runNode({ ...parameters, force: true });
		expect(item.json).toEqual({ success: true, id: workflows.dailySalesEtl });
		expect(env.emulator.state.workflows.has(workflows.dailySalesEtl)).toBe(false);
		expect(env.emulator.state.schedules.has(schedules.nightlyEtl)).toBe(false);
	});

	test('Transfer gives the workflow and its schedules a new owner', async () => {
		const [item] = await env.runNode({
			resource: 'workflow',
			operation: 'transfer',
			workflowId: byId(workflows.dailySalesEtl),
			ownerId: byId(users.bo),
			transferSchedules: true,
		});
		expect(item.json).toMatchObject({ success: true, ownerId: users.bo });
		expect(env.emulator.state.workflows.get(workflows.dailySalesEtl).ownerId).toBe(users.bo);
		expect(env.emulator.state.schedules.get(schedules.nightlyEtl).ownerId).toBe(users.bo);
	});
});

describe('Get Jobs (offset/limit paging)', () => {
	/** Adds copies of the seeded Daily Sales ETL jobs so the history spans several pages. */
	function addJobHistory(copies) {
		const seeded = [...env.emulator.state.jobs.values()].filter(
			(job) => job.workflowId === workflows.dailySalesEtl,
		);
		for (let copy = 1; copy <= copies; copy++) {
			for (const job of seeded) {
				const id = `${job.id.slice(0, 20)}${copy.toString(16).padStart(2, '0')}${job.id.slice(22)}`;
				env.emulator.state.jobs.set(id, { ...job, id, createdAtMs: job.createdAtMs + copy * 1000 });
			}
		}
		return seeded.length * (copies + 1);
	}

	test('Return All pages through the whole history without duplicates', async () => {
		const total = addJobHistory(5);
		expect(total).toBe(150);
		const output = await env.runNode({
			resource: 'workflow',
			operation: 'getJobs',
			workflowId: byId(workflows.dailySalesEtl),
			returnAll: true,
		});
		expect(output).toHaveLength(150);
		expect(new Set(output.map((item) => item.json.id)).size).toBe(150);
		const pages = env.emulator.requests.filter(
			(entry) => /\/jobs$/.test(entry.path) && entry.status === 200,
		);
		expect(pages.map((entry) => [entry.query.offset, entry.query.limit])).toEqual([
			['0', '100'],
			['100', '100'],
		]);
	});

	test('Limit stops after the wanted number, asking only for what is missing', async () => {
		addJobHistory(5);
		const output = await env.runNode({
			resource: 'workflow',
			operation: 'getJobs',
			workflowId: byId(workflows.dailySalesEtl),
			returnAll: false,
			limit: 120,
		});
		expect(output).toHaveLength(120);
		const pages = env.emulator.requests.filter(
			(entry) => /\/jobs$/.test(entry.path) && entry.status === 200,
		);
		expect(pages.map((entry) => [entry.query.offset, entry.query.limit])).toEqual([
			['0', '100'],
			['100', '20'],
		]);
	});

	test('filters by result and sorts', async () => {
		const output = await env.runNode({
			resource: 'workflow',
			operation: 'getJobs',
			workflowId: byId(workflows.dailySalesEtl),
			returnAll: true,
			filters: { resultCode: 'Error' },
			options: { sortField: 'createDate', direction: 'asc' },
		});
		// Seeded: every 7th of 25 runs ended in Error.
		expect(output).toHaveLength(3);
		const dates = output.map((item) => item.json.createDate);
		expect([...dates].sort()).toEqual(dates);
	});
});
