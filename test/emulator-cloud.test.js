'use strict';

// The Alteryx Analytics Cloud emulator over real HTTP: token rotation and reuse, hosts, runs that
// finish on the emulator's clock, idempotent runs, quotas, error shapes and faults.

const {
	startCloudEmulator,
	CLOUD_SEED,
	DEFAULT_OPTIONS,
	decodeToken,
} = require('./emulator/cloud');

let cloud;
// Runs take minutes of the emulator's clock, so only advanceTime() moves them on.
const LONG_RUNS = { createdMs: 60_000, inProgressMs: 300_000 };

beforeAll(async () => {
	cloud = await startCloudEmulator({ runTimings: LONG_RUNS });
});

afterAll(async () => {
	await cloud.close();
});

beforeEach(() => {
	cloud.reset();
	// Each test starts from the defaults, but with long runs.
	const { host, ports, ...defaults } = DEFAULT_OPTIONS;
	cloud.setOptions({ ...defaults, runTimings: LONG_RUNS });
});

async function call(base, path, { method = 'GET', token, headers = {}, body } = {}) {
	const response = await fetch(base + path, {
		method,
		headers: {
			...(token ? { Authorization: `Bearer ${token}` } : {}),
			...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
			...headers,
		},
		body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
	});
	const text = await response.text();
	let json;
	try {
		json = text ? JSON.parse(text) : undefined;
	} catch {
		json = undefined;
	}
	return { status: response.status, headers: response.headers, json, text };
}

const v4 = (path, options) => call(cloud.v4Url, path, options);
const gateway = (path, options) => call(cloud.gatewayUrl, path, options);

async function refresh(refreshToken, clientId = cloud.clientId) {
	const response = await fetch(cloud.tokenUrl, {
		method: 'POST',
		body: new URLSearchParams({
			grant_type: 'refresh_token',
			refresh_token: refreshToken,
			client_id: clientId,
		}),
	});
	return { status: response.status, json: await response.json() };
}

describe('tokens', () => {
	test('an issued pair is a JWT with iss, client_id, sub, iat and exp, and works on both API hosts', async () => {
		const pair = cloud.issuePair();
		const payload = decodeToken(pair.accessToken);
		expect(payload).toMatchObject({
			iss: cloud.issuer,
			client_id: cloud.clientId,
			sub: 'ada@example.com',
		});
		expect(payload.exp - payload.iat).toBe(300);
		expect(pair.accessToken.split('.')).toHaveLength(3);
		expect(cloud.tokenUrl).toBe(`${payload.iss}/token`);
		expect((await v4('v4/people/current', { token: pair.accessToken })).json).toMatchObject({
			id: CLOUD_SEED.personId,
		});
		expect(
			(await gateway('iam/v1/workspaces/current', { token: pair.accessToken })).json,
		).toMatchObject({ id: CLOUD_SEED.workspaceId, name: 'Emulator Workspace' });
	});

	test('credentialData is a fresh pair with both API hosts', async () => {
		const data = cloud.credentialData({ region: 'custom' });
		expect(data).toEqual({
			region: 'custom',
			v4Url: cloud.v4Url,
			gatewayUrl: cloud.gatewayUrl,
			accessToken: expect.any(String),
			refreshToken: expect.any(String),
		});
		expect((await refresh(data.refreshToken)).status).toBe(200);
	});

	test('a refresh rotates: new pair, the old refresh token is dead at once, the new one works', async () => {
		const pair = cloud.issuePair();
		const first = await refresh(pair.refreshToken);
		expect(first.status).toBe(200);
		expect(first.json).toEqual({
			access_token: expect.any(String),
			refresh_token: expect.any(String),
			token_type: 'Bearer',
			expires_in: 300,
		});
		expect(first.json.refresh_token).not.toBe(pair.refreshToken);
		expect((await v4('v4/flows', { token: first.json.access_token })).status).toBe(200);

		const reused = await refresh(pair.refreshToken);
		expect(reused.status).toBe(400);
		expect(reused.json).toEqual({ error: 'invalid_grant', error_description: expect.any(String) });

		// 'reject': only that request failed; the family lives on.
		const second = await refresh(first.json.refresh_token);
		expect(second.status).toBe(200);
		expect((await v4('v4/flows', { token: first.json.access_token })).status).toBe(200);
		expect(cloud.stats()).toMatchObject({
			refreshes: 3,
			successfulRefreshes: 2,
			rejectedRefreshes: { reused: 1 },
			revokedFamilies: 0,
		});
	});

	test("refreshReuse 'revoke-family': a reused refresh token kills the family's refresh and access tokens", async () => {
		cloud.setOptions({ refreshReuse: 'revoke-family' });
		const pair = cloud.issuePair();
		const rotated = await refresh(pair.refreshToken);
		expect(rotated.status).toBe(200);
		expect((await refresh(pair.refreshToken)).json.error).toBe('invalid_grant');
		const afterRevocation = await refresh(rotated.json.refresh_token);
		expect(afterRevocation).toEqual({
			status: 400,
			json: { error: 'invalid_grant', error_description: expect.any(String) },
		});
		const api = await v4('v4/flows', { token: rotated.json.access_token });
		expect(api.status).toBe(401);
		expect(api.json.exception.name).toBe('MissingPersonException');
		expect(cloud.stats()).toMatchObject({
			revokedFamilies: 1,
			rejectedRefreshes: { reused: 1, revoked: 1 },
		});
		// Another family is untouched.
		expect((await refresh(cloud.issuePair().refreshToken)).status).toBe(200);
	});

	test('an empty or wrong client_id is 400 invalid_request and does not use up the refresh token', async () => {
		const pair = cloud.issuePair();
		for (const clientId of ['', 'someone-else']) {
			const answer = await refresh(pair.refreshToken, clientId);
			expect(answer.status).toBe(400);
			expect(answer.json.error).toBe('invalid_request');
		}
		expect((await refresh(pair.refreshToken)).status).toBe(200);
		expect(cloud.stats().rejectedRefreshes.invalidClient).toBe(2);
	});

	test('unknown, expired and disabled refresh tokens are invalid_grant', async () => {
		expect((await refresh('not-a-token')).json.error).toBe('invalid_grant');
		const shortLived = cloud.issuePair({ refreshTtlSeconds: 10 });
		const disabled = cloud.issuePair();
		expect(cloud.disablePair(disabled.refreshToken)).toBe(true);
		cloud.advanceTime(11_000);
		expect((await refresh(shortLived.refreshToken)).json.error).toBe('invalid_grant');
		expect((await refresh(disabled.refreshToken)).json.error).toBe('invalid_grant');
		expect((await v4('v4/flows', { token: disabled.accessToken })).status).toBe(401);
		expect(cloud.stats().rejectedRefreshes).toMatchObject({ unknown: 1, expired: 1, revoked: 1 });
	});

	test('an expired access token is 401 (v4 exception, gateway Apigee fault) until refreshed', async () => {
		const pair = cloud.issuePair({ accessTtlSeconds: 60 });
		cloud.advanceTime(60_000);
		const onV4 = await v4('v4/people/current', { token: pair.accessToken });
		expect(onV4.status).toBe(401);
		expect(onV4.json).toEqual({
			exception: {
				name: 'MissingPersonException',
				message: expect.any(String),
				details: expect.any(String),
			},
		});
		const onGateway = await gateway('plans/v1/plans', { token: pair.accessToken });
		expect(onGateway.status).toBe(401);
		expect(onGateway.json.fault.detail.errorcode).toBe(
			'keymanagement.service.access_token_expired',
		);
		const rotated = await refresh(pair.refreshToken);
		expect((await gateway('plans/v1/plans', { token: rotated.json.access_token })).status).toBe(
			200,
		);
		expect((await v4('v4/people/current')).status).toBe(401);
		expect((await v4('v4/people/current', { token: `${rotated.json.access_token}x` })).status).toBe(
			401,
		);
		expect(cloud.stats().unauthorized).toBe(4);
	});

	test('reuseGraceSeconds: a used refresh token still rotates within the grace period, not after', async () => {
		cloud.setOptions({ reuseGraceSeconds: 10, refreshReuse: 'revoke-family' });
		const pair = cloud.issuePair();
		const first = await refresh(pair.refreshToken);
		const racing = await refresh(pair.refreshToken);
		expect([first.status, racing.status]).toEqual([200, 200]);
		expect(racing.json.refresh_token).not.toBe(first.json.refresh_token);
		cloud.advanceTime(10_000);
		expect((await refresh(pair.refreshToken)).json.error).toBe('invalid_grant');
		expect(cloud.stats()).toMatchObject({ refreshesWithinGrace: 1, revokedFamilies: 1 });
	});

	test('the token endpoint reads only form bodies: JSON is 400 invalid_request, other grants unsupported', async () => {
		const pair = cloud.issuePair();
		const asJson = await fetch(cloud.tokenUrl, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify({
				grant_type: 'refresh_token',
				refresh_token: pair.refreshToken,
				client_id: cloud.clientId,
			}),
		});
		expect(asJson.status).toBe(400);
		expect((await asJson.json()).error).toBe('invalid_request');
		const password = await fetch(cloud.tokenUrl, {
			method: 'POST',
			body: new URLSearchParams({ grant_type: 'password' }),
		});
		expect((await password.json()).error).toBe('unsupported_grant_type');
		expect((await refresh(pair.refreshToken)).status).toBe(200);
	});

	test("refreshExpiry: 'sliding' renews a rotated refresh token's lifetime, 'fixed' keeps the pair's end", async () => {
		const rotateAfter = async (pair) => {
			cloud.advanceTime(6_000);
			const rotated = await refresh(pair.refreshToken);
			cloud.advanceTime(6_000);
			return refresh(rotated.json.refresh_token);
		};
		expect((await rotateAfter(cloud.issuePair({ refreshTtlSeconds: 10 }))).status).toBe(200);
		cloud.setOptions({ refreshExpiry: 'fixed' });
		const fixed = await rotateAfter(cloud.issuePair({ refreshTtlSeconds: 10 }));
		expect(fixed).toEqual({
			status: 400,
			json: { error: 'invalid_grant', error_description: 'refresh token expired' },
		});
	});

	test('expiresInField false leaves expires_in out of the token response', async () => {
		cloud.setOptions({ expiresInField: false });
		const answer = await refresh(cloud.issuePair().refreshToken);
		expect(answer.json).not.toHaveProperty('expires_in');
		expect(decodeToken(answer.json.access_token).exp).toBeGreaterThan(0);
	});

	test('client credentials: the service principal gets an access token (no refresh token), header or body', async () => {
		const { clientId, clientSecret } = cloud.servicePrincipal;
		const viaHeader = await fetch(cloud.tokenUrl, {
			method: 'POST',
			headers: {
				Authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`,
			},
			body: new URLSearchParams({ grant_type: 'client_credentials' }),
		});
		const headerJson = await viaHeader.json();
		expect(viaHeader.status).toBe(200);
		expect(headerJson).not.toHaveProperty('refresh_token');
		expect(decodeToken(headerJson.access_token)).toMatchObject({
			iss: cloud.issuer,
			client_id: clientId,
		});
		expect((await gateway('plans/v1/plans', { token: headerJson.access_token })).status).toBe(200);

		const viaBody = await fetch(cloud.tokenUrl, {
			method: 'POST',
			body: new URLSearchParams({
				grant_type: 'client_credentials',
				client_id: clientId,
				client_secret: clientSecret,
			}),
		});
		expect(viaBody.status).toBe(200);
		const wrong = await fetch(cloud.tokenUrl, {
			method: 'POST',
			body: new URLSearchParams({
				grant_type: 'client_credentials',
				client_id: clientId,
				client_secret: 'nope',
			}),
		});
		expect(wrong.status).toBe(401);
		expect((await wrong.json()).error).toBe('invalid_client');
	});
});

describe('hosts', () => {
	test('a path on the wrong host is 404', async () => {
		const { accessToken } = cloud.issuePair();
		const v4OnGateway = await gateway('v4/people/current', { token: accessToken });
		expect(v4OnGateway.status).toBe(404);
		expect(v4OnGateway.json.fault.faultstring).toMatch(/Unable to identify proxy/);
		const plansOnV4 = await v4('plans/v1/plans', { token: accessToken });
		expect(plansOnV4.status).toBe(404);
		expect(plansOnV4.json.exception.name).toBe('NotFoundException');
		expect(
			(await call(cloud.issuer.replace(/as$/, ''), 'v4/people/current', { token: accessToken }))
				.status,
		).toBe(404);
		expect((await call(cloud.v4Url, 'as/token', { method: 'POST' })).status).toBe(404);
		expect((await gateway('svc-workflow/api/v1/workflows', { token: accessToken })).status).toBe(
			200,
		);
		expect((await v4('svc-workflow/api/v1/workflows', { token: accessToken })).status).toBe(404);
	});

	test('requireProjectId: the gateway wants x-api-project-id (Apigee Invalid ApiKey), the v4 host does not', async () => {
		cloud.setOptions({ requireProjectId: true });
		const { accessToken } = cloud.issuePair();
		const missing = await gateway('iam/v1/workspaces/current', { token: accessToken });
		expect(missing.status).toBe(401);
		expect(missing.json).toEqual({
			fault: { faultstring: 'Invalid ApiKey', detail: { errorcode: 'oauth.v2.InvalidApiKey' } },
		});
		expect(
			(
				await gateway('iam/v1/workspaces/current', {
					token: accessToken,
					headers: { 'x-api-project-id': 'wrong' },
				})
			).status,
		).toBe(401);
		expect(
			(
				await gateway('iam/v1/workspaces/current', {
					token: accessToken,
					headers: { 'x-api-project-id': cloud.projectId },
				})
			).status,
		).toBe(200);
		expect((await v4('v4/workspaces/current', { token: accessToken })).status).toBe(200);
	});

	test('every v4 and gateway answer carries its own x-trifacta-request-id', async () => {
		const { accessToken } = cloud.issuePair();
		const answers = [
			await v4('v4/flows', { token: accessToken }),
			await v4('v4/flows'),
			await gateway('plans/v1/plans/999', { token: accessToken }),
			await gateway('nowhere', { token: accessToken }),
		];
		const ids = answers.map((a) => a.headers.get('x-trifacta-request-id'));
		expect(ids.every((id) => /^[0-9a-f-]{36}$/.test(id))).toBe(true);
		expect(new Set(ids).size).toBe(4);
	});
});

describe('errors', () => {
	test('404 names the object, 410 for a deleted flow, 400 for a bad body, all in the exception shape', async () => {
		const { accessToken } = cloud.issuePair();
		const plan = await gateway('plans/v1/plans/999', { token: accessToken });
		expect(plan.status).toBe(404);
		expect(plan.json).toEqual({
			exception: {
				name: 'NotFoundException',
				message: 'Plan with id 999 not found',
				details: expect.any(String),
			},
		});
		const deleted = await v4(`v4/flows/${CLOUD_SEED.flows.deleted}`, { token: accessToken });
		expect(deleted.status).toBe(410);
		expect(deleted.json.exception.name).toBe('GoneException');
		const bad = await v4('v4/jobGroups', {
			method: 'POST',
			token: accessToken,
			body: '{"wrangledDataset":',
		});
		expect(bad.status).toBe(400);
		expect(bad.json.exception.name).toBe('ValidationFailed');
		const notJson = await v4('v4/jobGroups', {
			method: 'POST',
			token: accessToken,
			headers: { 'Content-Type': 'text/plain' },
			body: '{"wrangledDataset":{"id":201}}',
		});
		expect(notJson.status).toBe(415);
		expect(notJson.json.exception.name).toBe('UnsupportedMediaType');
		const noDataset = await v4('v4/jobGroups', { method: 'POST', token: accessToken, body: {} });
		expect(noDataset.status).toBe(400);
		expect((await v4('v4/flows?limit=0', { token: accessToken })).status).toBe(400);
	});

	test('a fault answers the next N calls of a route, then the real answer comes back', async () => {
		const { accessToken } = cloud.issuePair();
		cloud.faults.add({
			host: 'gateway',
			method: 'GET',
			path: '/plans/v1/plans',
			times: 2,
			status: 503,
			body: { message: 'busy' },
		});
		expect((await gateway('plans/v1/plans', { token: accessToken })).status).toBe(503);
		expect((await gateway('plans/v1/plans', { token: accessToken })).status).toBe(503);
		expect((await gateway('plans/v1/plans', { token: accessToken })).status).toBe(200);
		cloud.faults.add({ host: 'token', kind: 'reset' });
		await expect(refresh(cloud.issuePair().refreshToken)).rejects.toThrow();
		expect(cloud.stats().faultsInjected).toBe(3);
	});
});

describe('runs', () => {
	test("a 'slow' fault still starts the run (the answer only comes late)", async () => {
		const { accessToken } = cloud.issuePair({ accessTtlSeconds: 86_400 });
		cloud.faults.add({
			host: 'gateway',
			method: 'POST',
			path: /\/run$/,
			kind: 'slow',
			delayMs: 20,
		});
		const started = await gateway(`plans/v1/plans/${CLOUD_SEED.plans.nightlyRevenue}/run`, {
			method: 'POST',
			token: accessToken,
			body: {},
		});
		expect(started.status).toBe(201);
		expect(cloud.stats()).toMatchObject({ faultsInjected: 1, runsStarted: { plans: 1 } });
	});

	test('runTimings 0/0: a run is finished at its first poll', async () => {
		cloud.setOptions({ runTimings: { createdMs: 0, inProgressMs: 0 } });
		const { accessToken } = cloud.issuePair();
		const started = await v4('v4/jobGroups', {
			method: 'POST',
			token: accessToken,
			body: { wrangledDataset: { id: CLOUD_SEED.wrangledDatasets.customers } },
		});
		expect((await v4(`v4/jobGroups/${started.json.id}/status`, { token: accessToken })).json).toBe(
			'Canceled',
		);
	});

	test('a plan run goes Created → InProgress → Complete on the emulator clock', async () => {
		const { accessToken } = cloud.issuePair({ accessTtlSeconds: 86_400 });
		const started = await gateway(`plans/v1/plans/${CLOUD_SEED.plans.nightlyRevenue}/run`, {
			method: 'POST',
			token: accessToken,
			body: {},
		});
		expect(started.status).toBe(201);
		expect(started.json).toEqual({
			validationStatus: 'Valid',
			planSnapshotRunId: expect.any(Number),
		});
		const path = `plans/v1/planSnapshotRuns/${started.json.planSnapshotRunId}`;
		expect((await gateway(path, { token: accessToken })).json).toMatchObject({
			status: 'Created',
			startedAt: null,
			finishedAt: null,
			submittedAt: expect.any(String),
		});
		cloud.advanceTime(60_000);
		expect((await gateway(path, { token: accessToken })).json).toMatchObject({
			status: 'InProgress',
			startedAt: expect.any(String),
			finishedAt: null,
		});
		cloud.advanceTime(300_000);
		expect((await gateway(path, { token: accessToken })).json).toMatchObject({
			status: 'Complete',
			finishedAt: expect.any(String),
		});
	});

	test('the plan name or an EmulatorOutcome override decides the end; cancel ends a running one', async () => {
		const { accessToken } = cloud.issuePair({ accessTtlSeconds: 86_400 });
		const run = async (planId, body = {}) =>
			(await gateway(`plans/v1/plans/${planId}/run`, { method: 'POST', token: accessToken, body }))
				.json.planSnapshotRunId;
		const failed = await run(CLOUD_SEED.plans.warehouseLoad);
		const canceled = await run(CLOUD_SEED.plans.quarterlyArchive);
		const forced = await run(CLOUD_SEED.plans.nightlyRevenue, {
			planNodeOverrides: [
				{ handle: 'node-501-1', overrideKey: 'EmulatorOutcome', value: 'Failed' },
			],
		});
		const cancelMe = await run(CLOUD_SEED.plans.nightlyRevenue);
		cloud.advanceTime(120_000);
		const cancel = await gateway(`plans/v1/planSnapshotRuns/${cancelMe}/cancel`, {
			method: 'POST',
			token: accessToken,
		});
		expect(cancel.json.status).toBe('Canceled');
		cloud.advanceTime(600_000);
		const status = async (id) =>
			(await gateway(`plans/v1/planSnapshotRuns/${id}`, { token: accessToken })).json.status;
		expect([
			await status(failed),
			await status(canceled),
			await status(forced),
			await status(cancelMe),
		]).toEqual(['Failed', 'Canceled', 'Failed', 'Canceled']);
		expect(
			(
				await gateway(`plans/v1/planSnapshotRuns/${failed}/cancel`, {
					method: 'POST',
					token: accessToken,
				})
			).status,
		).toBe(400);
	});

	test('x-execution-id: a repeated id answers 304 and starts nothing', async () => {
		const { accessToken } = cloud.issuePair({ accessTtlSeconds: 86_400 });
		const path = `plans/v1/plans/${CLOUD_SEED.plans.nightlyRevenue}/run`;
		const headers = { 'x-execution-id': 'exec-1' };
		const before = (await gateway('plans/v1/planSnapshotRuns/count', { token: accessToken })).json
			.count;
		expect(
			(await gateway(path, { method: 'POST', token: accessToken, headers, body: {} })).status,
		).toBe(201);
		const again = await gateway(path, { method: 'POST', token: accessToken, headers, body: {} });
		expect(again.status).toBe(304);
		expect(
			(await gateway('plans/v1/planSnapshotRuns/count', { token: accessToken })).json.count,
		).toBe(before + 1);
		expect(
			(
				await v4(`v4/flows/${CLOUD_SEED.flows.salesCleanup}/run`, {
					method: 'POST',
					token: accessToken,
					headers,
				})
			).status,
		).toBe(201);
		expect(
			(
				await v4(`v4/flows/${CLOUD_SEED.flows.salesCleanup}/run`, {
					method: 'POST',
					token: accessToken,
					headers,
				})
			).status,
		).toBe(304);
		expect(cloud.stats().runsStarted).toEqual({ plans: 1, flows: 1, jobGroups: 2 });
	});

	test('planSnapshotRuns finishedAfter/status/sort finds the runs finished since a time', async () => {
		const { accessToken } = cloud.issuePair({ accessTtlSeconds: 86_400 });
		const since = new Date(cloud.now() - 90 * 60_000).toISOString();
		const newer = cloud.addPlanRun({ planId: CLOUD_SEED.plans.warehouseLoad, status: 'Failed' });
		const list = await gateway(
			`plans/v1/planSnapshotRuns?status=Complete,Failed,Canceled&finishedAfter=${encodeURIComponent(since)}&sort=-finishedAt&includeCount=true`,
			{ token: accessToken },
		);
		expect(list.json.count).toBe(2);
		expect(list.json.data.map((r) => [r.id, r.status])).toEqual([
			[newer, 'Failed'],
			[CLOUD_SEED.planRuns.revenueDoneLater, 'Complete'],
		]);
		expect(
			(await gateway('plans/v1/planSnapshotRuns?finishedAfter=yesterday', { token: accessToken }))
				.status,
		).toBe(400);
	});

	test('a flow run makes job groups whose status, jobs and outputs follow the clock; the job library lists newest first', async () => {
		const { accessToken } = cloud.issuePair({ accessTtlSeconds: 86_400 });
		const started = await v4(`v4/flows/${CLOUD_SEED.flows.salesCleanup}/run`, {
			method: 'POST',
			token: accessToken,
		});
		expect(started.status).toBe(201);
		expect(started.json.flowRunId).toEqual(expect.any(Number));
		expect(started.json.data).toHaveLength(2);
		expect(started.json.data[0]).toMatchObject({
			reason: 'JobStarted',
			jobs: { data: [{ id: expect.any(Number) }, { id: expect.any(Number) }] },
		});
		const id = started.json.data[0].id;
		expect((await v4(`v4/jobGroups/${id}/status`, { token: accessToken })).text).toBe('"Created"');
		expect((await v4(`v4/jobGroups/${id}/outputs`, { token: accessToken })).json).toEqual({
			files: [],
			tables: [],
		});
		cloud.advanceTime(360_000);
		expect((await v4(`v4/jobGroups/${id}/status`, { token: accessToken })).json).toBe('Complete');
		const outputs = (await v4(`v4/jobGroups/${id}/outputs`, { token: accessToken })).json;
		expect(outputs.files[0]).toEqual({
			uri: expect.stringMatching(/^s3:\/\//),
			fileType: 'csv',
			isPrimaryOutput: true,
		});
		const group = (
			await v4(`v4/jobGroups/${id}?embed=jobs,wrangledDataset`, { token: accessToken })
		).json;
		expect(group).toMatchObject({
			id,
			status: 'Complete',
			flowRun: { id: started.json.flowRunId },
			flow: { id: CLOUD_SEED.flows.salesCleanup },
			wrangledDataset: { name: 'Sales 2026' },
		});
		expect(group.jobs.data.map((j) => j.status)).toEqual(['Complete', 'Complete']);
		const library = (await v4('v4/jobLibrary?limit=3', { token: accessToken })).json.data;
		expect(
			library
				.map((g) => g.id)
				.slice(0, 2)
				.sort(),
		).toEqual(started.json.data.map((g) => g.id).sort());
		expect(library[2].id).toBe(CLOUD_SEED.jobGroups.salesDoneLater);
	});

	test('a recipe job group can be cancelled while it runs; a failing flow fails', async () => {
		const { accessToken } = cloud.issuePair({ accessTtlSeconds: 86_400 });
		const run = async (wrangledDatasetId) =>
			(
				await v4('v4/jobGroups', {
					method: 'POST',
					token: accessToken,
					body: { wrangledDataset: { id: wrangledDatasetId } },
				})
			).json.id;
		const cancelled = await run(CLOUD_SEED.wrangledDatasets.sales2026);
		const failing = await run(CLOUD_SEED.wrangledDatasets.inventory);
		cloud.advanceTime(120_000);
		expect(
			(await v4(`v4/jobGroups/${cancelled}/cancel`, { method: 'POST', token: accessToken })).status,
		).toBe(200);
		cloud.advanceTime(600_000);
		expect((await v4(`v4/jobGroups/${cancelled}/status`, { token: accessToken })).json).toBe(
			'Canceled',
		);
		expect((await v4(`v4/jobGroups/${failing}/status`, { token: accessToken })).json).toBe(
			'Failed',
		);
		expect((await v4('v4/jobGroups/424242/status', { token: accessToken })).status).toBe(404);
	});
});

describe('quotas', () => {
	test('the workspace quota counts every person of the workspace', async () => {
		cloud.setOptions({ quotas: { runJobGroup: 0, workspaceRunJobGroup: 1 } });
		const ada = cloud.issuePair();
		const sp = cloud.issuePair({ personId: CLOUD_SEED.servicePrincipalPersonId });
		const body = { wrangledDataset: { id: CLOUD_SEED.wrangledDatasets.sales2026 } };
		const first = await v4('v4/jobGroups', { method: 'POST', token: ada.accessToken, body });
		expect(first.status).toBe(201);
		expect(first.headers.get('x-rate-limit-user-limit')).toBeNull();
		const second = await v4('v4/jobGroups', { method: 'POST', token: sp.accessToken, body });
		expect(second.status).toBe(429);
		expect(second.headers.get('x-rate-limit-workspace-remaining')).toBe('0');
	});

	test('over the quota: 429 TooManyRequestsException with x-retry-after and x-rate-limit-user-* headers, until the window ends', async () => {
		cloud.setOptions({ quotas: { runFlow: 2 } });
		const { accessToken } = cloud.issuePair();
		const path = `v4/flows/${CLOUD_SEED.flows.salesCleanup}/run`;
		const first = await v4(path, { method: 'POST', token: accessToken });
		expect(first.headers.get('x-rate-limit-user-remaining')).toBe('1');
		expect((await v4(path, { method: 'POST', token: accessToken })).status).toBe(201);
		const limited = await v4(path, { method: 'POST', token: accessToken });
		expect(limited.status).toBe(429);
		expect(limited.json.exception).toMatchObject({
			name: 'TooManyRequestsException',
			message: 'Too Many Requests',
			details: expect.stringContaining('runFlow'),
		});
		expect(Number(limited.headers.get('x-retry-after'))).toBeGreaterThan(0);
		expect(Number(limited.headers.get('x-retry-after'))).toBeLessThanOrEqual(60);
		expect(limited.headers.get('x-rate-limit-user-limit')).toBe('2');
		expect(limited.headers.get('x-rate-limit-user-remaining')).toBe('0');
		expect(Number(limited.headers.get('x-rate-limit-user-reset'))).toBeGreaterThan(
			cloud.now() / 1000,
		);
		expect(limited.headers.get('x-rate-limit-workspace-limit')).toBe('40');
		expect(limited.headers.get('x-rate-limit-workspace-remaining')).toBe('38');
		cloud.advanceTime(60_000);
		expect((await v4(path, { method: 'POST', token: accessToken })).status).toBe(201);
		expect(cloud.stats()).toMatchObject({ rateLimited: 1, runsStarted: { flows: 3 } });
	});
});

describe('lists', () => {
	test('plans: filter, filterType, ownershipFilter, sort, limit/offset and includeCount', async () => {
		const { accessToken } = cloud.issuePair();
		const names = async (qs) =>
			(await gateway(`plans/v1/plans?${qs}`, { token: accessToken })).json;
		expect(
			(await names('sort=name&includeCount=true&limit=2&offset=1')).data.map((p) => p.id),
		).toEqual([CLOUD_SEED.plans.quarterlyArchive, CLOUD_SEED.plans.sharedPartnerFeed]);
		expect((await names('includeCount=true')).count).toBe(4);
		expect((await names('filter=fails&filterType=contains')).data.map((p) => p.id)).toEqual([
			CLOUD_SEED.plans.warehouseLoad,
		]);
		expect(
			(await names('filter=nightly%20revenue&filterType=exactIgnoreCase')).data.map((p) => p.id),
		).toEqual([CLOUD_SEED.plans.nightlyRevenue]);
		expect((await names('ownershipFilter=shared')).data.map((p) => p.id)).toEqual([
			CLOUD_SEED.plans.sharedPartnerFeed,
		]);
		expect((await gateway('plans/v1/plans?filterType=regex', { token: accessToken })).status).toBe(
			400,
		);
	});

	test('job library: status, flowId, finishedAfter and sort find the job groups finished since a time', async () => {
		const { accessToken } = cloud.issuePair();
		const since = new Date(cloud.now() - 150 * 60_000).toISOString();
		const added = cloud.addJobGroup({ flowId: CLOUD_SEED.flows.inventoryJoin });
		const running = (
			await v4(`v4/flows/${CLOUD_SEED.flows.customerMerge}/run`, {
				method: 'POST',
				token: accessToken,
			})
		).json.data[0].id;
		const ids = async (qs) =>
			(await v4(`v4/jobLibrary?${qs}`, { token: accessToken })).json.data.map((g) => [
				g.id,
				g.status,
			]);
		expect(
			await ids(
				`status=Complete,Failed,Canceled&finishedAfter=${encodeURIComponent(since)}&sort=-finishedAt`,
			),
		).toEqual([
			[added, 'Failed'],
			[CLOUD_SEED.jobGroups.salesDoneLater, 'Complete'],
			[CLOUD_SEED.jobGroups.inventoryFailed, 'Failed'],
		]);
		expect(await ids(`flowId=${CLOUD_SEED.flows.inventoryJoin}&sort=id`)).toEqual([
			[CLOUD_SEED.jobGroups.inventoryFailed, 'Failed'],
			[added, 'Failed'],
		]);
		expect((await ids('status=Created'))[0]).toEqual([running, 'Created']);
		expect((await v4('v4/jobLibrary?status=Done', { token: accessToken })).status).toBe(400);
	});

	test('flows and schedules take filter/filterType like plans (for pickers)', async () => {
		const { accessToken } = cloud.issuePair();
		const flows = (await v4('v4/flows?filter=join&filterType=contains', { token: accessToken }))
			.json.data;
		expect(flows.map((f) => f.id)).toEqual([CLOUD_SEED.flows.inventoryJoin]);
		const schedules = (
			await gateway('scheduling/v1/schedules?filter=weekly', { token: accessToken })
		).json.data;
		expect(schedules.map((s) => s.id)).toEqual([CLOUD_SEED.schedules.weeklySales]);
	});

	test('schedules: list, count, enable and disable', async () => {
		const { accessToken } = cloud.issuePair();
		const list = (await gateway('scheduling/v1/schedules', { token: accessToken })).json.data;
		expect(list.map((s) => [s.id, s.enabled])).toEqual([
			[CLOUD_SEED.schedules.nightlyRevenue, true],
			[CLOUD_SEED.schedules.weeklySales, false],
		]);
		expect((await gateway('scheduling/v1/schedules/count', { token: accessToken })).json).toEqual({
			count: 2,
		});
		expect(
			(
				await gateway(`scheduling/v1/schedules/${CLOUD_SEED.schedules.weeklySales}/enable`, {
					method: 'POST',
					token: accessToken,
				})
			).json.enabled,
		).toBe(true);
		expect(
			(
				await gateway(`scheduling/v1/schedules/${CLOUD_SEED.schedules.nightlyRevenue}/disable`, {
					method: 'POST',
					token: accessToken,
				})
			).json.enabled,
		).toBe(false);
		expect((await gateway('scheduling/v1/schedules/1', { token: accessToken })).status).toBe(404);
		const notOwner = cloud.issuePair({ personId: CLOUD_SEED.servicePrincipalPersonId });
		const denied = await gateway(
			`scheduling/v1/schedules/${CLOUD_SEED.schedules.weeklySales}/disable`,
			{
				method: 'POST',
				token: notOwner.accessToken,
			},
		);
		expect(denied.status).toBe(403);
		expect(denied.json.exception.name).toBe('ForbiddenException');
	});

	test('plansAvailable false: plans and scheduling are 404 (a lower-tier workspace), IAM still answers', async () => {
		cloud.setOptions({ plansAvailable: false });
		const { accessToken } = cloud.issuePair();
		expect((await gateway('plans/v1/plans', { token: accessToken })).status).toBe(404);
		expect((await gateway('scheduling/v1/schedules', { token: accessToken })).status).toBe(404);
		expect((await gateway('iam/v1/workspaces/current', { token: accessToken })).status).toBe(200);
	});
});
