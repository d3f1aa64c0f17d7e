/**
 * Times as Alteryx Server sends them. Its date-times may come without a zone (ASP.NET writes
 * DateTimeKind.Unspecified that way); they are UTC ("UTC-0" in the swagger), so they are read as
 * UTC whatever the zone of the n8n host.
 */

/**
 * How far back each poll looks again before its cursor: a job (or workflow) that the server
 * lists a little after a later one, with an earlier time, is still found. Ids seen in this window
 * are remembered so nothing is emitted twice.
 */
export const OVERLAP_MS = 5 * 60 * 1000;

const DAY_MS = 24 * 60 * 60 * 1000;

const WITHOUT_ZONE = /T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/;

/** Milliseconds since the epoch of an ISO date-time, or undefined. */
export function parseTime(value: unknown): number | undefined {
	if (typeof value !== 'string' || value.trim() === '') return undefined;
	const text = value.trim();
	const ms = Date.parse(WITHOUT_ZONE.test(text) ? `${text}Z` : text);
	return Number.isFinite(ms) ? ms : undefined;
}

/** Milliseconds of a .NET TimeSpan ("[d.]hh:mm:ss[.fffffff]"), or undefined. */
export function parseTimeSpan(value: unknown): number | undefined {
	if (typeof value !== 'string') return undefined;
	const match = /^(?:(\d+)\.)?(\d{1,2}):(\d{2}):(\d{2})(?:\.(\d+))?$/.exec(value.trim());
	if (!match) return undefined;
	const [, days, hours, minutes, seconds, fraction] = match;
	const wholeSeconds =
		((Number(days ?? 0) * 24 + Number(hours)) * 60 + Number(minutes)) * 60 + Number(seconds);
	return wholeSeconds * 1000 + Math.round(Number(`0.${fraction ?? '0'}`) * 1000);
}

/**
 * The `completedAfter` day for jobs that completed at or after `ms`. The parameter takes a
 * yyyy-MM-dd date; some servers leave that day out, and the server's day may start up to 14
 * hours before or after UTC's, so the day sent is two days earlier and the rest is filtered here.
 */
export function completedAfterDay(ms: number): string {
	return new Date(Math.max(0, ms - 2 * DAY_MS)).toISOString().slice(0, 10);
}

export function isoTime(ms: number | undefined): string | null {
	return ms === undefined || !Number.isFinite(ms) ? null : new Date(ms).toISOString();
}
