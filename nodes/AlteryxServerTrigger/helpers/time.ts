/**
 * Times as Alteryx Server sends them. Its date-times may come without a zone (ASP.NET writes
 * DateTimeKind.Unspecified that way); they are UTC ("UTC-0" in the swagger), so they are read as
 * UTC whatever the zone of the n8n host.
 */

export { isoTime, OVERLAP_MS, parseTime } from '../../pollingTrigger/time';

const DAY_MS = 24 * 60 * 60 * 1000;

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
