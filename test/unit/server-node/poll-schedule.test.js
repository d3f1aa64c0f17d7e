'use strict';
// Run and Wait's poll schedule as a pure function (issue 10): the delays it gives, the polls a
// job of 1 s … 2 h costs, and the lateness bound. No clock: the plan is computed.

const fc = require('fast-check');
const {
	nextPollDelayMs,
	FIRST_POLL_DELAY_MS,
} = require('../../../nodes/AlteryxServer/helpers/pollSchedule');
const { plan } = require('./poll-plan');

const SECOND = 1000;
const DEFAULT_CAP = 5 * SECOND;

const pollsFor = (jobMs, capMs = DEFAULT_CAP) => plan(jobMs, capMs).length;
const latenessOf = (jobMs, capMs = DEFAULT_CAP) => plan(jobMs, capMs).at(-1) - jobMs;
/** The goals for a job of `jobMs`. */
const latenessGoalMs = (jobMs) => Math.max(SECOND, jobMs / 10);
const pollGoal = (jobMs) => jobMs / SECOND / 2 + 4;

describe('the delay before the next poll', () => {
	test.each([
		// elapsed, cap, delay
		[0, DEFAULT_CAP, 1000],
		[500, DEFAULT_CAP, 1000],
		[9999, DEFAULT_CAP, 1000],
		[10000, DEFAULT_CAP, 1000],
		[10010, DEFAULT_CAP, 1001],
		[15000, DEFAULT_CAP, 1500],
		[30000, DEFAULT_CAP, 3000],
		[49999, DEFAULT_CAP, 4999],
		[50000, DEFAULT_CAP, 5000],
		[7200000, DEFAULT_CAP, 5000],
		// A cap under 1 s is the delay from the start (Poll Interval may be 0.1 s).
		[0, 100, 100],
		[60000, 100, 100],
		[0, 2500, 1000],
		[40000, 2500, 2500],
		[300000, 60000, 30000],
		[900000, 60000, 60000],
		// A clock that stepped back counts as no time waited.
		[-5000, DEFAULT_CAP, 1000],
	])('%i ms waited, cap %i ms: %i ms', (elapsed, cap, delay) => {
		expect(nextPollDelayMs(elapsed, cap)).toBe(delay);
	});

	test('never shrinks as the wait goes on, and t + delay(t) never goes back', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: 0, max: 7200000 }),
				fc.integer({ min: 0, max: 600000 }),
				fc.integer({ min: 100, max: 3600000 }),
				(t, step, cap) => {
					const later = t + step;
					expect(nextPollDelayMs(later, cap)).toBeGreaterThanOrEqual(nextPollDelayMs(t, cap));
					expect(later + nextPollDelayMs(later, cap)).toBeGreaterThanOrEqual(
						t + nextPollDelayMs(t, cap),
					);
				},
			),
		);
	});
});

describe('polls and lateness for jobs of 1 s … 2 h (Poll Interval 5 s)', () => {
	// polls: status polls up to the one that sees the job finished (the final read with the
	// messages comes on top); late: how long after the job finished that poll came.
	test.each([
		// job s, polls, late ms
		[1, 2, 0],
		[2.5, 4, 500],
		[6, 7, 0],
		[9.5, 11, 500],
		[21.4, 19, 34],
		[21.5, 20, 2077],
		[30, 23, 1379],
		[61, 31, 4532],
		[300, 78, 532],
		[3600, 738, 532],
		[7200, 1458, 532],
	])('a %f s job: %i polls, seen %i ms late', (seconds, polls, late) => {
		const jobMs = seconds * SECOND;
		expect(pollsFor(jobMs)).toBe(polls);
		expect(latenessOf(jobMs)).toBe(late);
	});

	test('a fixed 5 s interval (before issue 10) for comparison: the 6 s job is seen 4 s late', () => {
		const fixed = (jobMs) => Math.ceil(jobMs / DEFAULT_CAP) * DEFAULT_CAP - jobMs;
		expect(fixed(6 * SECOND)).toBe(4000);
		expect(latenessOf(6 * SECOND)).toBe(0);
		expect(fixed(61 * SECOND)).toBe(4000);
	});
});

describe('the goals of issue 10', () => {
	// Job lengths from 1 ms to 2 h: every 10 ms up to 2 min, every second after that.
	const jobLengths = [];
	for (let ms = 1; ms <= 120000; ms += 10) jobLengths.push(ms);
	for (let ms = 121000; ms <= 7200000; ms += 1000) jobLengths.push(ms);

	/** [polls, lateness] for each of `jobLengths` (ascending), from one plan up to the longest. */
	function sweep(capMs) {
		const times = plan(jobLengths.at(-1), capMs);
		let next = 0;
		return jobLengths.map((jobMs) => {
			while (times[next] < jobMs) next++;
			return [next + 1, times[next] - jobMs];
		});
	}

	test('every job is seen within max(1 s, 10 % of its run time), whatever the cap', () => {
		for (const cap of [100, 1000, 2500, DEFAULT_CAP, 60000]) {
			for (const [index, [, late]] of sweep(cap).entries()) {
				const jobMs = jobLengths[index];
				if (late > latenessGoalMs(jobMs) || late > nextPollDelayMs(jobMs, cap))
					throw new Error(`cap ${cap} ms, job ${jobMs} ms: seen ${late} ms late`);
			}
		}
		fc.assert(
			fc.property(
				fc.integer({ min: 1, max: 7200000 }),
				fc.integer({ min: 1000, max: 3600000 }),
				(jobMs, cap) => {
					expect(latenessOf(jobMs, cap)).toBeLessThanOrEqual(latenessGoalMs(jobMs));
				},
			),
		);
	});

	test('at most T/2 + 4 polls for jobs up to 5 s and from 48 s on; at most 5.3 more in between', () => {
		const excess = sweep(DEFAULT_CAP).map(([polls], index) => polls - pollGoal(jobLengths[index]));
		const over = jobLengths.filter((jobMs, index) => excess[index] > 0);
		expect(over[0]).toBeGreaterThan(5000);
		expect(over.at(-1)).toBeLessThan(48000);
		const worst = Math.max(...excess);
		expect(worst).toBeGreaterThan(5.2);
		expect(worst).toBeLessThan(5.3);
	});

	test('no schedule can meet both goals for a 9.5 s job: seeing it within 1 s takes 11 polls', () => {
		// Within 1 s for every job under 10 s means a poll at least every second until then; the
		// plan polls exactly that often, so it has the fewest polls any such schedule can have.
		const times = plan(9500, DEFAULT_CAP);
		expect(times.slice(0, 11)).toEqual([
			0, 1000, 2000, 3000, 4000, 5000, 6000, 7000, 8000, 9000, 10000,
		]);
		expect(times).toHaveLength(11);
		expect(pollGoal(9500)).toBe(8.75);
		for (const [index, time] of times.entries()) {
			if (index === 0) continue;
			const previous = times[index - 1];
			expect(time - previous).toBe(Math.max(FIRST_POLL_DELAY_MS, Math.floor(previous / 10)));
		}
	});

	test('the bound on polls holds for long jobs only with a Poll Interval above 2 s', () => {
		expect(pollsFor(7200 * SECOND, 2500)).toBeLessThanOrEqual(pollGoal(7200 * SECOND));
		expect(pollsFor(7200 * SECOND, 2000)).toBeGreaterThan(pollGoal(7200 * SECOND));
		expect(pollsFor(7200 * SECOND, 60000)).toBe(164);
	});

	test('slow answers only mean fewer polls: each poll comes at or after its planned time', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: 1, max: 600000 }),
				fc.integer({ min: 100, max: 60000 }),
				fc.array(fc.integer({ min: 0, max: 3000 }), { minLength: 1, maxLength: 50 }),
				(jobMs, cap, latencies) => {
					const planned = plan(jobMs, cap);
					const slow = plan(jobMs, cap, (k) => latencies[k % latencies.length]);
					expect(slow.length).toBeLessThanOrEqual(planned.length);
					for (const [index, time] of slow.entries())
						expect(time).toBeGreaterThanOrEqual(planned[index]);
				},
			),
		);
	});
});
