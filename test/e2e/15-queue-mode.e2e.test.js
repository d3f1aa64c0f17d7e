'use strict';
// Issue 9, queue mode: the product credential (alteryxServerOAuth2Api, n8n's OAuth2 client-credentials
// flow) shared by one n8n main and two `n8n worker` processes on Redis and Postgres, each started on
// a free loopback port in a temporary folder (scripts/lib/queue-mode.js). Two webhook workflows, so
// the workers run the executions: the core HTTP Request node (predefined credential type, GET
// v3/workflows) and the pack's Alteryx Server node (Workflow → Get Many), each with a credential and
// an emulator of its own issuing 10 s tokens. Load: one warm-up call, 2 concurrent calls per second
// per workflow for 4 token lifetimes, then 2 bursts (every token expired on the emulator, 6
// concurrent calls per workflow). Token exchanges are counted by the emulators; every write of a
// credential row is recorded by a Postgres trigger and decrypted with the instance key.
//
// Needs Debian's redis-server and postgresql: .ci/run installs them (`node scripts/ci.js services`,
// apt-get; quick when they are there). Run alone:
//   npx jest -c jest.e2e.config.js test/e2e/15-queue-mode.e2e.test.js      (about 2.5–3 min)
// Switches: E2E_QUEUE_MODE=false leaves this file out (a machine without Redis/Postgres);
// E2E_KEEP=true keeps the user folders and the main's and workers' logs in .n8n-e2e/instances/.
// The counts are printed and written to .n8n-e2e/queue-mode.json; scripts/measure-queue-mode.js runs
// the same scenario longer, without assertions. No ordering with other files is needed.
const fs = require('fs');
const path = require('path');
const h = require('./helpers');
const { workRoot } = require('./paths');
const { runQueueScenario, ROUTES } = require('../../scripts/lib/queue-mode');
const { startEmulator } = require('../emulator');

const WORKERS = 2;
const SCENARIO = {
	ttl: 10,
	lifetimes: 4,
	callsPerSecond: 2,
	bursts: 2,
	burstSize: 6,
	firstFetchCalls: 4,
	workers: WORKERS,
	concurrency: 5,
};

let results;
let workDir;
beforeAll(
	async () => {
		const state = h.loadState();
		const base = path.join(workRoot, 'instances');
		fs.mkdirSync(base, { recursive: true });
		workDir = fs.mkdtempSync(path.join(base, 'queue-mode-'));
		results = await runQueueScenario({
			...SCENARIO,
			n8n: state.n8nInstall,
			packageDir: state.packageDir,
			workDir,
			startEmulator,
			log: (message) => process.stderr.write(`[queue-mode] ${message}\n`),
		});
		fs.writeFileSync(path.join(workRoot, 'queue-mode.json'), JSON.stringify(results, null, 2));
		const summary = Object.entries(results.routes).map(([route, r]) => ({
			route,
			firstFetch:
				r.firstFetch &&
				`${r.firstFetch.exchanges} exchanges for ${r.firstFetch.calls} concurrent first calls`,
			steady: `${r.steady.exchanges} exchanges in ${r.steady.lifetimes} lifetimes (${r.steady.calls} calls, ${r.steady.api401} × 401), ${r.steady.whilePreviousValidSinceWarmUp} while the previous token was valid`,
			bursts: r.bursts.map((b) => `${b.exchanges} exchange(s), ${b.api401} × 401`).join('; '),
			writes: r.writes.indices.join(' '),
		}));
		process.stderr.write(
			`[queue-mode] ${JSON.stringify({ phases: results.phases, workerExecutions: results.workerExecutions, calls: results.calls.sent, executions: results.executions, longestExecutions: results.longestExecutions, slowest: results.calls.slowest.map((c) => `${c.ms} ms ${c.route} ${c.phase} at ${c.at}${c.ok ? '' : ` (${c.body})`}`), routes: summary }, null, 1)}\n`,
		);
	},
	8 * 60 * 1000,
);

const mark = h.failureMark();
afterAll(() => {
	// Keep the logs when something failed (or when asked to).
	if (workDir && results && !mark.failed && process.env.E2E_KEEP !== 'true')
		fs.rmSync(workDir, { recursive: true, force: true });
});

test(
	'every webhook call answered with an Alteryx workflow, every execution succeeded, and both workers ran executions in every phase',
	mark.check(() => {
		expect(results.calls.failures).toEqual([]);
		expect(results.calls.sent).toBeGreaterThan(100);
		expect(results.executions).toEqual({ success: results.calls.sent });
		expect(results.workerExecutions).toHaveLength(WORKERS);
		for (const perPhase of results.workerExecutions) {
			expect(perPhase.steady).toBeGreaterThan(0);
			for (let b = 1; b <= SCENARIO.bursts; b++) expect(perPhase[`burst${b}`]).toBeGreaterThan(0);
		}
		expect(results.mainExited).toBeNull();
	}),
);

describe.each(Object.keys(ROUTES))('through the %s', (route) => {
	const r = () => results.routes[route];

	// The warm-up is ONE execution, so one token is stored before the concurrent load: n8n fetches
	// a missing token outside its lease (two workers starting together may both exchange; that
	// first fetch is measured separately, with a credential of its own, and only reported).
	test(
		'steady load over several lifetimes: at most one token exchange per lifetime across all processes',
		mark.check(() => {
			expect(r().warmUp.exchanges).toBe(1);
			const steady = r().steady;
			// No exchange while the token issued before it was still valid (on the emulator's
			// clock): the property "at most one per lifetime" in a form that does not depend on
			// how fast the machine is.
			expect(steady.whilePreviousValidSinceWarmUp).toBe(0);
			// The load did span lifetimes: the tokens expired and were renewed, each after a 401.
			expect(steady.exchanges).toBeGreaterThanOrEqual(2);
			expect(steady.exchanges).toBeLessThanOrEqual(Math.ceil(steady.lifetimes));
			expect(steady.api401).toBeGreaterThanOrEqual(steady.exchanges);
		}),
	);

	test(
		'the stored token never goes back to an older one (every write, in issue order)',
		mark.check(() => {
			const writes = r().writes;
			expect(writes.unknown).toBe(0);
			expect(writes.wentBack).toBe(0);
			expect(writes.indices).toEqual([...writes.indices].sort((a, b) => a - b));
			// The trigger saw every token that was issued (so an empty list cannot pass).
			expect(writes.neverWritten).toEqual([]);
			expect(r().tokensIssued).toBeGreaterThanOrEqual(3);
		}),
	);

	test(
		'all tokens expired, then concurrent executions on both workers: at most one exchange per worker',
		mark.check(() => {
			expect(r().bursts).toHaveLength(SCENARIO.bursts);
			for (const burst of r().bursts) {
				expect(burst.calls).toBe(SCENARIO.burstSize);
				expect(burst.api401).toBeGreaterThanOrEqual(1);
				expect(burst.exchanges).toBeGreaterThanOrEqual(1);
				expect(burst.exchanges).toBeLessThanOrEqual(WORKERS);
			}
		}),
	);
});

test(
	'the API secret appears nowhere in the main or worker logs or in the executions stored in Postgres',
	mark.check(() => {
		expect(results.secretLeaks).toEqual([]);
		expect(results.stopErrors).toEqual([]);
	}),
);
