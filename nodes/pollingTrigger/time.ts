/**
 * How far back each poll looks again before its cursor: a record that the API lists a little
 * after a later one, with an earlier time, is still found. Ids seen in this window are
 * remembered so nothing is emitted twice.
 */
export const OVERLAP_MS = 5 * 60 * 1000;

/** A date-time without a zone (as ASP.NET writes DateTimeKind.Unspecified) is read as UTC. */
const WITHOUT_ZONE = /T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/;

/** Milliseconds since the epoch of an ISO date-time (no zone = UTC), or undefined. */
export function parseTime(value: unknown): number | undefined {
	if (typeof value !== 'string' || value.trim() === '') return undefined;
	const text = value.trim();
	const ms = Date.parse(WITHOUT_ZONE.test(text) ? `${text}Z` : text);
	return Number.isFinite(ms) ? ms : undefined;
}

export function isoTime(ms: number | undefined): string | null {
	return ms === undefined || !Number.isFinite(ms) ? null : new Date(ms).toISOString();
}
