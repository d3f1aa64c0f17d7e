import type { INodeProperties } from 'n8n-workflow';

/**
 * When Run and Wait asks Alteryx Server about its job again: 1 s apart at first, then a tenth of
 * the time waited so far, never more than the user's Poll Interval (the cap).
 *
 *   delay(elapsed) = min(cap, max(1 s, elapsed / 10))
 *
 * What it guarantees (test/unit/server-node/poll-schedule.test.js checks each with a table):
 *
 * - Lateness. A job that finishes at T (from the start of the wait) is seen at the first poll
 *   after T. The poll before it was at some p < T, and the delay only grows with the time
 *   waited, so that poll comes at most delay(T) <= max(1 s, T / 10) after T (plus the time one
 *   poll takes to answer). With a cap under that, the cap bounds it instead.
 * - Fewest polls for that lateness. A schedule that notices every job within max(1 s, T / 10)
 *   must poll again at most max(1 s, p / 10) after each poll p; this schedule waits exactly that
 *   long each time, so no schedule with that lateness polls less often.
 * - Slow answers only mean fewer polls: the next poll is planned from when the answer came, and
 *   t + delay(t) never decreases, so every poll is at or after its time on the plan.
 *
 * Polls for a job of T seconds (default cap 5 s): about T + 1 up to 10 s, 11 + 24 per tenfold
 * growth of T after that until the delay reaches the cap (at 10 × cap), then one every cap.
 * That is at most T / 2 + 4 polls for jobs up to 5 s and from 48 s on (with a cap above 2 s), and
 * up to 5.3 polls more in between (20 polls for a 21.5 s job, where T / 2 + 4 is 14.75). No
 * schedule can do both there: noticing within 1 s takes a poll every second for the first 10 s,
 * i.e. 11 polls for a 9.5 s job, where T / 2 + 4 allows 8.75.
 */

/** The delay of the first polls, and the least the delay ever is (unless the cap is lower). */
export const FIRST_POLL_DELAY_MS = 1000;

/** The delay grows to this share of the time waited so far. */
export const POLL_DELAY_SHARE = 0.1;

/**
 * The time to wait before the next poll, `elapsedMs` after the wait began (the job was queued),
 * with `capMs` the user's Poll Interval.
 */
export function nextPollDelayMs(elapsedMs: number, capMs: number): number {
	const grown = Math.floor(Math.max(0, elapsedMs) * POLL_DELAY_SHARE);
	return Math.max(0, Math.min(capMs, Math.max(FIRST_POLL_DELAY_MS, grown)));
}

/**
 * The Poll Interval option of every wait built on this schedule (Run and Wait of the Server,
 * Gallery and Cloud nodes): the cap above; `description` says it in the node's words.
 */
export function pollIntervalOption(description: string): INodeProperties {
	return {
		displayName: 'Poll Interval (Seconds)',
		name: 'pollInterval',
		type: 'number',
		default: 5,
		typeOptions: { minValue: 0.1, numberPrecision: 1 },
		description,
	};
}
