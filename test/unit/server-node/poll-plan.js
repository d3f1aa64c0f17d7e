'use strict';
// Run and Wait's poll plan, computed from the pure schedule (no clock): shared by the schedule's
// table tests and the emulator tests that count polls.

const { nextPollDelayMs } = require('../../../nodes/AlteryxServer/helpers/pollSchedule');

/**
 * The poll times (ms from the start of the wait) for a job that finishes at `jobMs`, up to the
 * poll that sees it finished (the first at or after `jobMs`). `latencyMs(k)` delays the answer of
 * poll k; the node plans the next delay from when the answer came.
 * @param {number} jobMs
 * @param {number} capMs the Poll Interval
 * @param {(k: number) => number} [latencyMs]
 */
function plan(jobMs, capMs, latencyMs = () => 0) {
	const times = [0];
	for (;;) {
		const last = times[times.length - 1];
		if (last >= jobMs) return times;
		const answered = last + latencyMs(times.length - 1);
		times.push(answered + nextPollDelayMs(answered, capMs));
	}
}

module.exports = { plan };
