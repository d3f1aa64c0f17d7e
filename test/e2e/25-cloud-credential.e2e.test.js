'use strict';
// Issue 13 in one n8n (SQLite): the Alteryx Analytics Cloud token pair across separate
// `n8n execute` runs, each a new process, so only what n8n stored carries a rotation from one run
// to the next. Access tokens are refused between runs (the emulator's expireAccessTokens), so
// every run must renew the pair with the refresh token the previous run stored (the pasted one is
// dead after the first renewal). Also: the core HTTP Request node with the same credential
// (Predefined Credential Type) renews through n8n's own 401 handling and stores the new pair,
// which the pack's nodes then go on with; and the Alteryx Analytics Cloud node runs a plan and
// waits for it.
const fs = require('fs');
const path = require('path');
const h = require('./helpers');
const { workRoot } = require('./paths');
const n8nLib = require('../../scripts/lib/n8n');
const { startCloudEmulator } = require('../emulator/cloud');

const TYPE = 'alteryxCloudOAuth2Api';
const CRED = { id: 'e2eCloudPair', name: 'Alteryx One (token pair)' };

let cloud;
let instance;
let userFolder;
let pair;
const mark = h.failureMark();

beforeAll(async () => {
	const state = h.loadState();
	cloud = await startCloudEmulator({
		accessTokenTtlSeconds: 300,
		runTimings: { createdMs: 300, inProgressMs: 1200 },
	});
	pair = cloud.issuePair();
	const base = path.join(workRoot, 'instances');
	fs.mkdirSync(base, { recursive: true });
	userFolder = fs.mkdtempSync(path.join(base, 'cloud-credential-'));
	instance = await n8nLib.createInstance({
		n8n: state.n8nInstall,
		packageDir: state.packageDir,
		userFolder,
	});
	await instance.importCredentials([
		{
			...CRED,
			type: TYPE,
			data: {
				region: 'custom',
				v4Url: cloud.v4Url,
				gatewayUrl: cloud.gatewayUrl,
				accessToken: pair.accessToken,
				refreshToken: pair.refreshToken,
			},
		},
	]);
});

afterAll(async () => {
	if (instance) await instance.stop();
	if (cloud) await cloud.close();
	if (userFolder && !mark.failed && process.env.E2E_KEEP !== 'true')
		fs.rmSync(userFolder, { recursive: true, force: true });
});

// A failed step keeps the user folder.
const step = mark.test;

const credentials = { [TYPE]: { id: CRED.id, name: CRED.name } };

function whoAmI(id) {
	return h.chain(id, `e2e: ${id}`, [
		{
			...h.alteryx(
				'get',
				'Who am I',
				{ authentication: TYPE, endpoint: 'v4/people/current' },
				CRED,
			),
			credentials,
		},
	]);
}

async function run(workflow) {
	await instance.importWorkflow(workflow);
	return await instance.execute(workflow.id);
}

step(
	'three runs, each after the access token was refused: each renews with the pair the previous run stored',
	async () => {
		const workflow = whoAmI('e2eCloudRotation');
		let refreshes = cloud.stats().successfulRefreshes;
		for (let runIndex = 0; runIndex < 3; runIndex++) {
			if (runIndex > 0) cloud.expireAccessTokens();
			const res = h.expectOk(await run(workflow));
			expect(res.json('Who am I')[0].id).toBeDefined();
			const now = cloud.stats().successfulRefreshes;
			// The first run uses the pasted pair as it is; each later one renews exactly once.
			expect(now - refreshes).toBe(runIndex === 0 ? 0 : 1);
			refreshes = now;
		}
		const stats = cloud.stats();
		expect(stats.rejectedRefreshes.reused).toBe(0);
		expect(stats.revokedFamilies).toBe(0);
		// The pasted refresh token was spent by the first renewal: the runs after it worked only with
		// pairs n8n stored.
		expect(stats.successfulRefreshes).toBe(2);
	},
);

step(
	'the core HTTP Request node with the same credential renews after a 401 and stores the pair; the pack goes on with it',
	async () => {
		cloud.expireAccessTokens();
		const before = cloud.stats().successfulRefreshes;
		const httpWorkflow = h.chain('e2eCloudHttpRequest', 'e2e: Cloud in the HTTP Request node', [
			h.core(
				'httpRequest',
				4.2,
				'Workspace',
				{
					url: `${cloud.v4Url}v4/workspaces/current`,
					authentication: 'predefinedCredentialType',
					nodeCredentialType: TYPE,
					options: {},
				},
				{ credentials },
			),
		]);
		const res = h.expectOk(await run(httpWorkflow));
		expect(res.json('Workspace')[0].id).toBeDefined();
		expect(cloud.stats().successfulRefreshes - before).toBe(1);
		// The pack's node uses the pair the HTTP Request node stored: no renewal, no refused token.
		const after = h.expectOk(await run(whoAmI('e2eCloudAfterHttp')));
		expect(after.json('Who am I')[0].id).toBeDefined();
		expect(cloud.stats().successfulRefreshes - before).toBe(1);
		expect(cloud.stats().rejectedRefreshes.reused).toBe(0);
	},
);

step(
	'the Alteryx Analytics Cloud node runs a plan and waits for it; a failing plan fails the item with its status',
	async () => {
		const planNode = (name, planId) => ({
			id: `cloudPlan${planId}`,
			name,
			type: 'n8n-nodes-alteryx.alteryxCloud',
			typeVersion: 1,
			parameters: {
				authentication: TYPE,
				resource: 'plan',
				operation: 'runAndWait',
				planId: { __rl: true, mode: 'id', value: String(planId) },
				options: { pollInterval: 1 },
			},
			credentials,
		});
		const before = cloud.stats().runsStarted.plans;
		const ok = h.expectOk(
			await run(
				h.chain('e2eCloudPlanRunWait', 'e2e: plan run and wait', [
					planNode('Nightly Revenue', 501),
				]),
			),
		);
		const [finished] = ok.json('Nightly Revenue');
		expect(finished.status).toBe('Complete');
		expect(finished.planSnapshotRunId).toBeDefined();
		expect(finished.executionId).toEqual(expect.any(String));
		expect(cloud.stats().runsStarted.plans - before).toBe(1);
		const failing = await run(
			h.chain('e2eCloudPlanRunFails', 'e2e: plan run fails', [planNode('Warehouse Load', 502)]),
		);
		expect(failing.code).not.toBe(0);
		expect(JSON.stringify(failing.error ?? '')).toMatch(/ended with status Failed/);
		expect(cloud.stats().runsStarted.plans - before).toBe(2);
	},
);

step(
	"the credential's Test (n8n's credential test endpoint, with the data the editor holds): a working token spends no refresh token; a refused one is renewed once and the new pair stored",
	async () => {
		const server = await instance.start();
		try {
			const cookie = await h.ownerCookie(server, 'Cloud');
			const storedData = async () => {
				const stored = await n8nLib.httpRequest(
					'GET',
					`${server.url}/rest/credentials/${CRED.id}?includeData=true`,
					undefined,
					{ cookie },
				);
				expect(stored.status).toBe(200);
				return stored.json.data.data;
			};
			const testWith = async (data) =>
				await n8nLib.httpRequest(
					'POST',
					`${server.url}/rest/credentials/test`,
					{ credentials: { id: CRED.id, name: CRED.name, type: TYPE, data } },
					{ cookie },
				);
			const before = cloud.stats().refreshes;
			const ok = await testWith(await storedData());
			expect(ok.json.data).toEqual(expect.objectContaining({ status: 'OK' }));
			expect(cloud.stats().refreshes - before).toBe(0);
			cloud.expireAccessTokens();
			const renewed = await testWith(await storedData());
			expect(renewed.json.data).toEqual(expect.objectContaining({ status: 'OK' }));
			expect(cloud.stats().successfulRefreshes - before).toBe(1);
			expect(JSON.stringify(renewed.json)).not.toContain(pair.refreshToken);
		} finally {
			await instance.stop();
		}
		// The pair the test renewed was stored: the next run needs no refresh and presents no used token.
		const refreshes = cloud.stats().refreshes;
		const res = h.expectOk(await run(whoAmI('e2eCloudAfterTest')));
		expect(res.json('Who am I')[0].id).toBeDefined();
		expect(cloud.stats().refreshes).toBe(refreshes);
		expect(cloud.stats().rejectedRefreshes.reused).toBe(0);
	},
);

step(
	'a service principal (client credentials through n8n’s OAuth2 support) in the Alteryx Analytics Cloud node',
	async () => {
		const PRINCIPAL = 'alteryxCloudServicePrincipalOAuth2Api';
		const principal = { id: 'e2eCloudPrincipal', name: 'Alteryx One (service principal)' };
		await instance.importCredentials([
			{
				...principal,
				type: PRINCIPAL,
				data: {
					region: 'custom',
					v4Url: cloud.v4Url,
					gatewayUrl: cloud.gatewayUrl,
					servicePrincipalTokenUrl: cloud.tokenUrl,
					servicePrincipalClientId: cloud.servicePrincipal.clientId,
					servicePrincipalClientSecret: cloud.servicePrincipal.clientSecret,
					authentication: 'header',
				},
			},
		]);
		const before = cloud.stats().clientCredentials;
		const workflow = h.chain('e2eCloudPrincipal', 'e2e: service principal', [
			{
				id: 'cloudPrincipalWorkspace',
				name: 'Workspace',
				type: 'n8n-nodes-alteryx.alteryxCloud',
				typeVersion: 1,
				parameters: { authentication: PRINCIPAL, resource: 'workspace', operation: 'getCurrent' },
				credentials: { [PRINCIPAL]: { id: principal.id, name: principal.name } },
			},
		]);
		const res = h.expectOk(await run(workflow));
		expect(res.json('Workspace')[0].id).toBeDefined();
		expect(cloud.stats().clientCredentials - before).toBe(1);
		expect(JSON.stringify(res.json('Workspace'))).not.toContain(
			cloud.servicePrincipal.clientSecret,
		);
	},
);

step('a dead pair: the run fails with what to do, and no token in the error', async () => {
	const stored = cloud.issuePair();
	cloud.disablePair(stored.refreshToken);
	await instance.importCredentials([
		{
			id: 'e2eCloudDeadPair',
			name: 'Alteryx One (deleted pair)',
			type: TYPE,
			data: {
				region: 'custom',
				v4Url: cloud.v4Url,
				gatewayUrl: cloud.gatewayUrl,
				accessToken: stored.accessToken,
				refreshToken: stored.refreshToken,
			},
		},
	]);
	const workflow = h.chain('e2eCloudDead', 'e2e: dead pair', [
		{
			...h.alteryx(
				'get',
				'Who am I',
				{ authentication: TYPE, endpoint: 'v4/people/current' },
				CRED,
			),
			credentials: { [TYPE]: { id: 'e2eCloudDeadPair', name: 'Alteryx One (deleted pair)' } },
		},
	]);
	const res = await run(workflow);
	expect(res.code).not.toBe(0);
	const text = JSON.stringify(res.error ?? res.stdout ?? '');
	expect(text).toMatch(/refused the refresh token/);
	expect(text).toMatch(/OAuth 2\.0 API Tokens/);
	expect(text).not.toContain(stored.refreshToken);
	expect(text).not.toContain(stored.accessToken);
});
