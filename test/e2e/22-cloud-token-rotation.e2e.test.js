'use strict';
// Issue 13, queue mode: the Alteryx Analytics Cloud token pair (alteryxCloudOAuth2Api) shared by
// one n8n main and two `n8n worker` processes on Redis and Postgres (scripts/lib/queue-mode.js).
// Access tokens live a few seconds; every refresh rotates the refresh token and the old one dies.
// Two credentials, each with a Cloud emulator of its own, loaded at the same time:
//   - "reject": a used refresh token presented again is refused (that request only);
//   - "revoke-family": presenting a used refresh token also kills the pair it was replaced by, so
//     one refresh made with a stale pair would break the credential for good.
// Each webhook execution runs the pack's GET (v4/people/current) and POST (plans/v1/plans/501/run)
// nodes on the workers. Load: 2 calls per second per credential for LOAD_SECONDS, then bursts with
// every access token refused, then one more call after the load to show the stored pair is alive.
// Counted: failed executions (must be 0), refreshes, refused refreshes, revoked pairs, plan runs
// started (exactly one per call: no POST sent twice), and every write of the credential rows.
//
// Needs Debian's redis-server and postgresql, like e2e 15 (.ci/run installs them).
// E2E_QUEUE_MODE=false leaves this file out; E2E_KEEP=true keeps the logs in .n8n-e2e/instances/.
const fs = require('fs');
const path = require('path');
const h = require('./helpers');
const { workRoot } = require('./paths');
const n8nLib = require('../../scripts/lib/n8n');
const {
	startQueueCluster,
	workerExecutions,
	secretLeaks,
	WEBHOOK_ANSWER_TIMEOUT_MS,
} = require('../../scripts/lib/queue-mode');
const { startCloudEmulator } = require('../emulator/cloud');

const TYPE = 'alteryxCloudOAuth2Api';
const ACCESS_TTL_SECONDS = 8;
const LOAD_SECONDS = Number(process.env.E2E_CLOUD_ROTATION_SECONDS || 60);
const CALLS_PER_SECOND = 2;
const BURSTS = 2;
const BURST_SIZE = 6;
const MODES = ['reject', 'revoke-family'];
const PLAN_ID = 501;

/** Webhook → GET v4/people/current → POST plans/v1/plans/501/run, answering with the run. */
function rotationWorkflow(id, hookPath, cred) {
	const credentials = { [TYPE]: { id: cred.id, name: cred.name } };
	const node = (name, x, parameters) => ({
		id: `${id}-${name}`.replace(/\W/g, '-'),
		name,
		type: `n8n-nodes-alteryx.${parameters.type}`,
		typeVersion: 1,
		position: [x, 0],
		parameters: { authentication: TYPE, ...parameters.values },
		credentials,
	});
	return {
		id,
		name: id,
		active: false,
		settings: { executionOrder: 'v1' },
		pinData: {},
		nodes: [
			{
				id: `${id}-hook`,
				name: 'Webhook',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				webhookId: `${id}-hook`,
				position: [0, 0],
				parameters: { path: hookPath, httpMethod: 'POST', responseMode: 'lastNode', options: {} },
			},
			node('Who am I', 220, { type: 'alteryxGet', values: { endpoint: 'v4/people/current' } }),
			node('Run the plan', 440, {
				type: 'alteryxPost',
				values: { endpoint: `plans/v1/plans/${PLAN_ID}/run`, sendBody: false },
			}),
		],
		connections: {
			Webhook: { main: [[{ node: 'Who am I', type: 'main', index: 0 }]] },
			'Who am I': { main: [[{ node: 'Run the plan', type: 'main', index: 0 }]] },
		},
	};
}

let cluster;
let workDir;
const mark = h.failureMark();
const clouds = {};
const pairs = {};
const results = {};

beforeAll(
	async () => {
		const state = h.loadState();
		const base = path.join(workRoot, 'instances');
		fs.mkdirSync(base, { recursive: true });
		workDir = fs.mkdtempSync(path.join(base, 'cloud-rotation-'));
		const credentials = [];
		const workflows = [];
		for (const mode of MODES) {
			clouds[mode] = await startCloudEmulator({
				accessTokenTtlSeconds: ACCESS_TTL_SECONDS,
				refreshReuse: mode,
				runTimings: { createdMs: 0, inProgressMs: 0 },
				quotas: { runJobGroup: 0, runFlow: 0, workspaceRunJobGroup: 0, workspaceRunFlow: 0 },
			});
			pairs[mode] = clouds[mode].issuePair({ accessTtlSeconds: ACCESS_TTL_SECONDS });
			const cred = { id: `cloudRotation${mode.replace(/\W/g, '')}`, name: `Alteryx One (${mode})` };
			credentials.push({
				...cred,
				type: TYPE,
				data: {
					region: 'custom',
					v4Url: clouds[mode].v4Url,
					gatewayUrl: clouds[mode].gatewayUrl,
					accessToken: pairs[mode].accessToken,
					refreshToken: pairs[mode].refreshToken,
				},
			});
			workflows.push(
				rotationWorkflow(`cloudRotation${mode.replace(/\W/g, '')}Wf`, `cloud-${mode}`, cred),
			);
		}
		cluster = await startQueueCluster({
			n8n: state.n8nInstall,
			packageDir: state.packageDir,
			workDir,
			workers: 2,
			concurrency: 5,
			credentials,
			workflows,
			log: (message) => process.stderr.write(`[cloud-rotation] ${message}\n`),
		});

		const call = async (mode) => {
			try {
				const response = await n8nLib.httpRequest(
					'POST',
					cluster.webhookUrl(`cloud-${mode}`),
					{},
					undefined,
					{ timeoutMs: WEBHOOK_ANSWER_TIMEOUT_MS },
				);
				const body = JSON.parse(response.body || '{}');
				const ok = response.status === 200 && body.planSnapshotRunId !== undefined;
				if (!ok)
					results[mode].failures.push(`${response.status} ${String(response.body).slice(0, 300)}`);
			} catch (error) {
				results[mode].failures.push(String(error.message || error));
			} finally {
				results[mode].calls++;
			}
		};
		for (const mode of MODES) {
			results[mode] = { calls: 0, failures: [] };
			clouds[mode].resetStats();
		}

		// Steady load: every access token lives ACCESS_TTL_SECONDS, so the load spans many.
		const started = Date.now();
		const inFlight = [];
		while (Date.now() - started < LOAD_SECONDS * 1000) {
			for (const mode of MODES) inFlight.push(call(mode));
			await new Promise((resolve) => setTimeout(resolve, 1000 / CALLS_PER_SECOND));
		}
		await Promise.all(inFlight);
		for (const mode of MODES) results[mode].steady = clouds[mode].stats();

		// Bursts: every access token refused at once, then concurrent executions on both workers.
		for (let burst = 0; burst < BURSTS; burst++) {
			for (const mode of MODES) clouds[mode].expireAccessTokens();
			await Promise.all(
				MODES.flatMap((mode) => Array.from({ length: BURST_SIZE }, () => call(mode))),
			);
		}
		// After the load: the stored pair still works (the access token refused, so only a stored
		// refresh token that is still alive can serve this call).
		for (const mode of MODES) {
			clouds[mode].expireAccessTokens();
			const before = results[mode].failures.length;
			await call(mode);
			results[mode].aliveAfterLoad = results[mode].failures.length === before;
			results[mode].stats = clouds[mode].stats();
		}
		results.elapsedSeconds = Math.round((Date.now() - started) / 1000);
		results.workerExecutions = cluster.workers.map((worker) => workerExecutions(worker).length);
		results.leaks = await secretLeaks(
			workDir,
			cluster.pg,
			MODES.map((mode) => ({ clientId: 'unused', clientSecret: pairs[mode].refreshToken })),
		);
		const summary = Object.fromEntries(
			MODES.map((mode) => {
				const s = results[mode].stats;
				return [
					mode,
					{
						calls: results[mode].calls,
						failed: results[mode].failures.length,
						refreshes: s.successfulRefreshes,
						refused: s.rejectedRefreshes,
						revokedFamilies: s.revokedFamilies,
						unauthorized: s.unauthorized,
						plansStarted: s.runsStarted.plans,
						aliveAfterLoad: results[mode].aliveAfterLoad,
					},
				];
			}),
		);
		process.stderr.write(
			`[cloud-rotation] ${JSON.stringify({ elapsedSeconds: results.elapsedSeconds, workerExecutions: results.workerExecutions, ...summary }, null, 1)}\n`,
		);
		fs.writeFileSync(
			path.join(workRoot, 'cloud-rotation.json'),
			JSON.stringify(
				{ summary, failures: MODES.map((m) => results[m].failures.slice(0, 5)) },
				null,
				2,
			),
		);
	},
	(LOAD_SECONDS + 8 * 60) * 1000,
);

afterAll(async () => {
	if (cluster) await cluster.stop();
	for (const cloud of Object.values(clouds)) await cloud.close();
	if (workDir && !mark.failed && process.env.E2E_KEEP !== 'true')
		fs.rmSync(workDir, { recursive: true, force: true });
});

describe.each(MODES)('a used refresh token presented again: %s', (mode) => {
	test(
		'every execution succeeded, across many access-token lifetimes, on both workers',
		mark.check(() => {
			const r = results[mode];
			expect(r.failures).toEqual([]);
			expect(r.calls).toBeGreaterThan(LOAD_SECONDS * CALLS_PER_SECOND * 0.8);
			// The load spanned many lifetimes: the pair was renewed again and again.
			expect(r.stats.successfulRefreshes).toBeGreaterThanOrEqual(
				Math.floor(LOAD_SECONDS / ACCESS_TTL_SECONDS / 2),
			);
		}),
	);

	test(
		'no refresh token was presented twice; the pair was never revoked',
		mark.check(() => {
			const s = results[mode].stats;
			expect(s.rejectedRefreshes.reused).toBe(0);
			expect(s.revokedFamilies).toBe(0);
		}),
	);

	test(
		'the stored pair is alive after the load: a call with every access token refused succeeds',
		mark.check(() => {
			expect(results[mode].aliveAfterLoad).toBe(true);
		}),
	);

	test(
		'each call started exactly one plan run: no POST was sent twice',
		mark.check(() => {
			expect(results[mode].stats.runsStarted.plans).toBe(results[mode].calls);
		}),
	);
});

test(
	'both workers ran executions; no refresh token in any log or stored execution',
	mark.check(() => {
		expect(results.workerExecutions).toHaveLength(2);
		for (const count of results.workerExecutions) expect(count).toBeGreaterThan(0);
		expect(results.leaks).toEqual([]);
	}),
);
