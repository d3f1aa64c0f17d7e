'use strict';

// Route table with ASP.NET Web API matching rules: literal segments are case-insensitive, a
// trailing slash is optional, and a path that exists under another verb answers 405.

function compile(template) {
	const segments = template
		.split('/')
		.filter(Boolean)
		.map((segment) => {
			const param = /^\{(\w+)\}$/.exec(segment);
			return param ? { param: param[1] } : { literal: segment.toLowerCase() };
		});
	return { segments, literalCount: segments.filter((s) => s.literal).length };
}

function splitPath(path) {
	return path.split('/').filter(Boolean);
}

function matchSegments(compiled, parts) {
	if (compiled.segments.length !== parts.length) return null;
	const params = {};
	for (let i = 0; i < parts.length; i++) {
		const segment = compiled.segments[i];
		if (segment.literal !== undefined) {
			if (segment.literal !== parts[i].toLowerCase()) return null;
		} else {
			try {
				params[segment.param] = decodeURIComponent(parts[i]);
			} catch {
				return null;
			}
		}
	}
	return params;
}

class Router {
	constructor() {
		this.routes = [];
	}

	/**
	 * @param {{ method: string, path: string, auth?: 'none'|'user'|'curator', operationId?: string,
	 *   handler: Function }} route  path is relative to /webapi, e.g. '/v3/workflows/{workflowId}'
	 */
	add(route) {
		this.routes.push({
			auth: 'user',
			...route,
			method: route.method.toUpperCase(),
			compiled: compile(route.path),
		});
	}

	addAll(routes) {
		for (const route of routes) this.add(route);
	}

	/** @returns {{ route, params } | { allowed: string[] } | null} */
	match(method, path) {
		const parts = splitPath(path);
		let best = null;
		const allowed = new Set();
		for (const route of this.routes) {
			const params = matchSegments(route.compiled, parts);
			if (!params) continue;
			if (route.method !== method.toUpperCase()) {
				allowed.add(route.method);
				continue;
			}
			// '/v3/dcm/connections/lookup' must beat '/v3/dcm/connections/{Id}'.
			if (!best || route.compiled.literalCount > best.route.compiled.literalCount) {
				best = { route, params };
			}
		}
		if (best) return best;
		if (allowed.size) return { allowed: [...allowed] };
		return null;
	}

	list() {
		return this.routes.map(({ method, path, auth, operationId }) => ({
			method,
			path,
			auth,
			operationId,
		}));
	}
}

module.exports = { Router };
