'use strict';
// How many polls and requests the Alteryx Server Trigger needs when 10,000 jobs finish between
// two polls (n8n was down for a day, say), on a server with 10,000 older jobs: the trigger's real
// poll() through n8n-core's PollContext against the emulator. Prints counts, not timings.
//
//   node bench/trigger-10000-jobs.js [maxEventsPerPoll=100]
const fs = require('node:fs');
const ts = require('typescript');

// The nodes' TypeScript source, as the unit tests load it (ts-jest does the same).
require.extensions['.ts'] = (module, fileName) => {
	const { outputText } = ts.transpileModule(fs.readFileSync(fileName, 'utf8'), {
		compilerOptions: {
			module: ts.ModuleKind.CommonJS,
			target: ts.ScriptTarget.ES2021,
			esModuleInterop: true,
		},
		fileName,
	});
	module._compile(outputText, fileName);
};

const { startEmulator, SEED_IDS } = require('../test/emulator');
const { createHarness } = require('../test/harness');
const { createPollRunner } = require('../test/unit/trigger/poll-runner');

async function main() {
	const maxEventsPerPoll = Number(process.argv[2] ?? 100);
	const emulator = await startEmulator();
	try {
		const { dailySalesEtl, inventorySync, customerCleanse } = SEED_IDS.workflows;
		emulator.addJobs(10_000, {
			workflowIds: [dailySalesEtl, inventorySync, customerCleanse],
			spacingMs: 8_000,
			lastFinishedAtMs: emulator.now() - 25 * 60 * 60 * 1000,
		});
		const trigger = createPollRunner(createHarness(emulator.credentialData()), {
			event: 'jobFinished',
			results: ['Success', 'Warning', 'Error'],
			options: { maxEventsPerPoll },
		});
		const apiCalls = () => emulator.requests.filter((r) => !/oauth2\/token$/.test(r.path)).length;
		let before = apiCalls();
		await trigger.poll();
		const firstPoll = apiCalls() - before;
		// A day of jobs: 10,000 finishing 8.6 s apart, all after the first poll.
		const burst = emulator.addJobs(10_000, {
			workflowIds: [dailySalesEtl, inventorySync],
			spacingMs: 8_640,
			disposition: (i) => (i % 10 === 0 ? 'Error' : i % 7 === 0 ? 'Warning' : 'Success'),
		});
		const perPoll = [];
		const emitted = new Map();
		let largestState = 0;
		for (;;) {
			before = apiCalls();
			const items = await trigger.poll();
			if (items.length === 0) break;
			perPoll.push(apiCalls() - before);
			for (const item of items) emitted.set(item.json.id, (emitted.get(item.json.id) ?? 0) + 1);
			largestState = Math.max(largestState, JSON.stringify(trigger.savedState()).length);
			if (perPoll.length % 10 === 0) process.stderr.write(`${perPoll.length} polls\n`);
		}
		before = apiCalls();
		await trigger.poll();
		const quietPoll = apiCalls() - before;
		const listRequests = emulator.requests.filter((r) => r.path === '/webapi/v3/jobs').length;
		const sorted = [...perPoll].sort((a, b) => a - b);
		console.log(
			JSON.stringify(
				{
					maxEventsPerPoll,
					firstPollRequests: firstPoll,
					quietPollRequests: quietPoll,
					burstJobs: burst.length,
					pollsToDrain: perPoll.length,
					requestsPerPoll: {
						min: sorted[0],
						median: sorted[Math.floor(sorted.length / 2)],
						max: sorted[sorted.length - 1],
						mean: Number((perPoll.reduce((a, b) => a + b, 0) / perPoll.length).toFixed(1)),
					},
					jobListRequests: listRequests,
					emitted: emitted.size,
					duplicated: [...emitted.values()].filter((count) => count > 1).length,
					lost: burst.filter((id) => !emitted.has(id)).length,
					largestStateBytes: largestState,
				},
				null,
				1,
			),
		);
	} finally {
		await emulator.close();
	}
}

main().catch((error) => {
	console.error(error);
	process.exitCode = 1;
});
