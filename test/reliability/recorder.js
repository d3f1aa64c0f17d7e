'use strict';
// What the reliability suites tried and found, counted for scripts/reliability-report.js.
// Each suite keeps one tally and, when RELIABILITY_RECORD_DIR is set, writes it there as JSON
// in afterAll; without the variable (a plain `jest` run) nothing is written.
const fs = require('node:fs');
const path = require('node:path');

const RECORD_DIR_VARIABLE = 'RELIABILITY_RECORD_DIR';

function emptyTally(suite) {
	return {
		suite,
		/** scenario label → { scenarios, injected } (injected: requests that got the fault) */
		faults: {},
		/** requests that reached a server the suite controls (emulator, redirect targets) */
		requests: 0,
		items: { expected: 0, delivered: 0, lost: 0, duplicated: 0, misPaired: 0 },
		enqueues: { scenarios: 0, expected: 0, actual: 0, duplicates: 0 },
		/** category → { tried, refused, encoded, unsafe } */
		hostile: {},
		property: { runs: 0, refused: 0, sent: 0, crashes: 0, offOrigin: 0 },
		leaks: { checks: 0, places: 0, found: [] },
		tls: { scenarios: 0, globalChanges: 0 },
	};
}

function createRecorder(suite) {
	const tally = emptyTally(suite);
	const bump = (object, key, by = 1) => {
		object[key] = (object[key] ?? 0) + by;
	};

	return {
		tally,

		/** One fault scenario; `injected` = how many requests got the fault. */
		fault(label, injected) {
			const entry = (tally.faults[label] ??= { scenarios: 0, injected: 0 });
			entry.scenarios++;
			entry.injected += injected;
		},

		/** Adds the emulator's request log to the count and empties it (call before reset()). */
		absorb(emulator) {
			tally.requests += emulator.requests.length;
			emulator.requests.length = 0;
		},

		requests(count) {
			tally.requests += count;
		},

		/** Items that went in and what came out for them. */
		items({ expected, delivered, lost = 0, duplicated = 0, misPaired = 0 }) {
			bump(tally.items, 'expected', expected);
			bump(tally.items, 'delivered', delivered);
			bump(tally.items, 'lost', lost);
			bump(tally.items, 'duplicated', duplicated);
			bump(tally.items, 'misPaired', misPaired);
		},

		/** Jobs that should have been queued against what the emulator counted. */
		enqueues({ expected, actual }) {
			tally.enqueues.scenarios++;
			tally.enqueues.expected += expected;
			tally.enqueues.actual += actual;
			tally.enqueues.duplicates += Math.max(0, actual - expected);
		},

		/** A hostile input and what became of it: 'refused', 'encoded' (sent, but safely) or 'unsafe'. */
		hostile(category, outcome) {
			const entry = (tally.hostile[category] ??= { tried: 0, refused: 0, encoded: 0, unsafe: 0 });
			entry.tried++;
			bump(entry, outcome);
		},

		property(result) {
			for (const [key, value] of Object.entries(result)) bump(tally.property, key, value);
		},

		/** `places`: how many strings were searched; `found`: [{ secret, where }] */
		leakCheck(places, found) {
			tally.leaks.checks++;
			tally.leaks.places += places;
			tally.leaks.found.push(...found);
		},

		tls({ globalChange = false } = {}) {
			tally.tls.scenarios++;
			if (globalChange) tally.tls.globalChanges++;
		},

		save() {
			const directory = process.env[RECORD_DIR_VARIABLE];
			if (!directory) return;
			fs.mkdirSync(directory, { recursive: true });
			const file = path.join(directory, `${suite}-${process.pid}-${Date.now()}.json`);
			fs.writeFileSync(file, JSON.stringify(tally, null, 2));
		},
	};
}

module.exports = { createRecorder, emptyTally, RECORD_DIR_VARIABLE };
