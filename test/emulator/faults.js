'use strict';

// Fault injection for reliability tests: a matching request gets the injected answer instead of
// the real one. Faults are checked before authentication and routing, so handlers (and their
// counters) never see a faulted request.

const FAULT_KINDS = [
	'status',
	'reset',
	'hang',
	'truncated',
	'slow',
	'trickle',
	'trickleHeaders',
	'stall',
];

function normalizePath(path) {
	return path.toLowerCase().replace(/\/+$/, '');
}

class FaultRegistry {
	constructor() {
		this.faults = [];
	}

	/**
	 * @param {{ method?: string, path?: RegExp|string, times?: number, status?: number,
	 *   headers?: object, body?: string|Buffer|object,
	 *   kind?: 'status'|'reset'|'hang'|'truncated'|'slow'|'trickle'|'trickleHeaders'|'stall',
	 *   delayMs?: number, intervalMs?: number, durationMs?: number, stallAfterBytes?: number }} spec
	 *   `slow` runs the real handler at once (side effects happen) and sends its answer after
	 *   `delayMs` (default 1000), so a client with a shorter timeout gives up on a request that
	 *   was carried out.
	 *   `trickle` / `trickleHeaders` also run the real handler, then send its answer one byte every
	 *   `intervalMs` (default 1000) after the headers / from the status line on, for at most
	 *   `durationMs` (default 60000): a server that is never idle long enough for a socket timeout.
	 *   `stall` sends the status, the headers (with the full Content-Length) and the first
	 *   `stallAfterBytes` of the body (the real answer when no `body` is given), then waits until
	 *   the test calls `fault.resume()` (set on the returned fault once it stalled): what a client
	 *   does with a body that has only partly arrived.
	 *   `path` as a string matches the whole path (case-insensitive, trailing slash ignored), with or
	 *   without the /webapi prefix; a RegExp is tested against the path including /webapi.
	 *   `times` defaults to 1 (Infinity for a permanent fault).
	 *   `body` and `headers` may be functions of the request ({ method, path, headers, rawBody }):
	 *   a server that echoes what it received.
	 */
	add(spec = {}) {
		const kind = spec.kind || 'status';
		if (!FAULT_KINDS.includes(kind)) throw new Error(`Unknown fault kind "${kind}"`);
		const fault = { ...spec, kind, remaining: spec.times === undefined ? 1 : spec.times, hits: 0 };
		if (kind === 'status' && !fault.status) fault.status = 500;
		this.faults.push(fault);
		return fault;
	}

	clear() {
		this.faults = [];
	}

	matches(fault, method, path) {
		if (fault.method && fault.method.toUpperCase() !== method.toUpperCase()) return false;
		if (fault.path instanceof RegExp) {
			fault.path.lastIndex = 0;
			return fault.path.test(path);
		}
		if (typeof fault.path === 'string') {
			const wanted = normalizePath(fault.path);
			const full = normalizePath(path);
			return wanted === full || `/webapi${wanted}` === full;
		}
		return true;
	}

	/** Consumes one use of the first matching fault. */
	take(method, path) {
		const fault = this.faults.find((f) => f.remaining > 0 && this.matches(f, method, path));
		if (!fault) return null;
		fault.remaining--;
		fault.hits++;
		return fault;
	}
}

module.exports = { FaultRegistry, FAULT_KINDS };
