'use strict';

// Fault injection on the Cloud emulator's three hosts, checked before authentication and
// routing (a faulted request never reaches a handler, except `slow`, which runs it).

const FAULT_KINDS = ['status', 'reset', 'hang', 'slow'];
const HOSTS = ['v4', 'gateway', 'token'];

function normalizePath(path) {
	return path.toLowerCase().replace(/\/+$/, '');
}

class CloudFaultRegistry {
	constructor() {
		this.faults = [];
	}

	/**
	 * @param {{ host?: 'v4'|'gateway'|'token', method?: string, path?: string|RegExp, times?: number,
	 *   kind?: 'status'|'reset'|'hang'|'slow', status?: number, body?: object|string|Buffer|Function,
	 *   headers?: object, delayMs?: number }} spec  `times` defaults to 1 (Infinity: permanent);
	 *   a string `path` matches the whole path (case-insensitive, trailing slash ignored).
	 */
	add(spec = {}) {
		const kind = spec.kind || 'status';
		if (!FAULT_KINDS.includes(kind)) throw new Error(`Unknown fault kind "${kind}"`);
		if (spec.host !== undefined && !HOSTS.includes(spec.host)) {
			throw new Error(`fault host must be one of ${HOSTS.join(', ')}`);
		}
		const fault = { ...spec, kind, remaining: spec.times === undefined ? 1 : spec.times, hits: 0 };
		if (kind === 'status' && !fault.status) fault.status = 500;
		this.faults.push(fault);
		return fault;
	}

	clear() {
		this.faults = [];
	}

	matches(fault, host, method, path) {
		if (fault.host && fault.host !== host) return false;
		if (fault.method && fault.method.toUpperCase() !== method.toUpperCase()) return false;
		if (fault.path instanceof RegExp) {
			fault.path.lastIndex = 0;
			return fault.path.test(path);
		}
		if (typeof fault.path === 'string') return normalizePath(fault.path) === normalizePath(path);
		return true;
	}

	/** Consumes one use of the first matching fault. */
	take(host, method, path) {
		const fault = this.faults.find((f) => f.remaining > 0 && this.matches(f, host, method, path));
		if (!fault) return null;
		fault.remaining--;
		fault.hits++;
		return fault;
	}
}

module.exports = { CloudFaultRegistry, FAULT_KINDS, HOSTS };
