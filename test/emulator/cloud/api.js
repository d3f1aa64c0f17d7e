'use strict';

// The v4 host and the API gateway: host selection (a path of the other host answers 404), the
// gateway's API key (x-api-project-id), bearer authentication, routing, quotas and lists.

const { Router } = require('../router');
const { json, exception, notFound, apigeeFault } = require('./responses');

const GATEWAY_PREFIXES = ['/iam/v1/', '/plans/v1/', '/scheduling/v1/', '/svc-workflow/'];

function bearerToken(headers) {
	const match = /^Bearer\s+(\S+)\s*$/i.exec(String(headers.authorization || ''));
	return match ? match[1] : null;
}

function unauthorizedV4(reason) {
	const details =
		reason === 'missing'
			? 'No bearer token in the Authorization header'
			: reason === 'expired'
				? 'The access token has expired'
				: `The access token is not valid (${reason})`;
	return exception(
		401,
		'MissingPersonException',
		'Unable to identify the person making the request',
		details,
		{
			'WWW-Authenticate': 'Bearer',
		},
	);
}

function unauthorizedGateway(reason) {
	if (reason === 'expired') {
		return apigeeFault(401, 'Access Token expired', 'keymanagement.service.access_token_expired');
	}
	return apigeeFault(401, 'Invalid access token', 'oauth.v2.InvalidAccessToken');
}

function authenticate(ctx, emulator) {
	const token = bearerToken(ctx.headers);
	if (!token) return { reason: 'missing' };
	const verified = emulator.tokens.verifyAccessToken(token);
	if (verified.reason) return { reason: verified.reason };
	const person = emulator.state.people.get(verified.record.personId);
	if (!person) return { reason: 'unknown' };
	return { person, payload: verified.payload };
}

function quotaBucket(emulator, key, nowMs) {
	const windowMs = emulator.options.quotas.windowMs;
	let bucket = emulator.quotaBuckets.get(key);
	if (!bucket || nowMs >= bucket.startMs + windowMs) {
		bucket = { startMs: nowMs, used: 0 };
		emulator.quotaBuckets.set(key, bucket);
	}
	return bucket;
}

/**
 * Fixed-window quotas per person and per workspace for a route key ('runJobGroup', 'runFlow'):
 * the x-rate-limit-{user,workspace}-* headers, or a 429 when either is used up.
 * @returns {{ response?: object, headers: object }}
 */
function checkQuota(ctx, emulator, key) {
	const { quotas } = emulator.options;
	const windowMs = quotas.windowMs;
	const scopes = [
		['user', quotas[key], `user:${ctx.person.id}:${key}`],
		[
			'workspace',
			quotas[`workspace${key[0].toUpperCase()}${key.slice(1)}`],
			`workspace:${ctx.person.workspaceId}:${key}`,
		],
	]
		.filter(([, limit]) => limit > 0)
		.map(([scope, limit, bucketKey]) => ({
			scope,
			limit,
			bucket: quotaBucket(emulator, bucketKey, ctx.now),
		}));
	const headers = {};
	const describe = (used) => {
		for (const { scope, limit, bucket } of scopes) {
			headers[`x-rate-limit-${scope}-limit`] = String(limit);
			headers[`x-rate-limit-${scope}-remaining`] = String(Math.max(0, limit - bucket.used - used));
			headers[`x-rate-limit-${scope}-reset`] = String(
				Math.ceil((bucket.startMs + windowMs) / 1000),
			);
		}
	};
	const exhausted = scopes.filter(({ limit, bucket }) => bucket.used >= limit);
	if (exhausted.length) {
		const endMs = Math.max(...exhausted.map(({ bucket }) => bucket.startMs + windowMs));
		const waitSeconds = Math.max(1, Math.ceil((endMs - ctx.now) / 1000));
		emulator.counters.rateLimited++;
		describe(0);
		headers['x-retry-after'] = String(waitSeconds);
		return {
			response: exception(
				429,
				'TooManyRequestsException',
				'Too Many Requests',
				`API quota reached for "${key}". Wait ${waitSeconds} seconds before making another request.`,
				headers,
			),
		};
	}
	for (const { bucket } of scopes) bucket.used++;
	describe(0);
	return { headers };
}

function intParam(value) {
	return /^\d+$/.test(String(value)) ? Number(value) : null;
}

/** limit/offset/includeCount over an array → { data, count? }, or a 400 response. */
function page(ctx, emulator, items) {
	const limitRaw = ctx.query.get('limit');
	const offsetRaw = ctx.query.get('offset');
	const limit = limitRaw === undefined ? emulator.options.defaultLimit : intParam(limitRaw);
	const offset = offsetRaw === undefined ? 0 : intParam(offsetRaw);
	if (limit === null || limit < 1)
		return {
			response: exception(
				400,
				'ValidationFailed',
				'Input validation failed',
				`limit must be a positive integer, got "${limitRaw}"`,
			),
		};
	if (offset === null)
		return {
			response: exception(
				400,
				'ValidationFailed',
				'Input validation failed',
				`offset must be an integer >= 0, got "${offsetRaw}"`,
			),
		};
	const body = { data: items.slice(offset, offset + limit) };
	if (String(ctx.query.get('includeCount')).toLowerCase() === 'true') body.count = items.length;
	return { response: json(200, body) };
}

/** Sorts by `sort` ('field' or '-field'); null values last either way. Null when not allowed. */
function sortBy(items, sort, allowed, fallback) {
	const key = sort || fallback;
	const direction = key.startsWith('-') ? -1 : 1;
	const field = direction < 0 ? key.slice(1) : key;
	if (!allowed.includes(field)) return null;
	return [...items].sort((a, b) => {
		const x = a[field];
		const y = b[field];
		const xMissing = x === null || x === undefined;
		const yMissing = y === null || y === undefined;
		if (xMissing || yMissing)
			return xMissing === yMissing ? direction * (a.id - b.id) : xMissing ? 1 : -1;
		if (x === y) return direction * (a.id - b.id);
		return x < y ? -direction : direction;
	});
}

const RUN_STATUSES = ['Created', 'InProgress', 'Complete', 'Failed', 'Canceled'];

/** An ISO time or epoch milliseconds; NaN when neither. */
function timeParam(value) {
	if (/^\d+$/.test(value)) return Number(value);
	return Date.parse(value);
}

const invalidQuery = (details) => ({
	response: exception(400, 'ValidationFailed', 'Input validation failed', details),
});

/**
 * The run filters of planSnapshotRuns and the job library (the emulator's own, see README):
 * integer `idParams` (query name → view field), `status` (comma list), `finishedAfter`,
 * `updatedAfter` (strictly after), then `sort`.
 * @returns {{ items } | { response }}
 */
function filterRuns(ctx, views, { idParams = {}, defaultSort }) {
	let items = views;
	for (const [param, field] of Object.entries(idParams)) {
		const raw = ctx.query.get(param);
		if (raw === undefined) continue;
		if (intParam(raw) === null) return invalidQuery(`${param} must be an integer, got "${raw}"`);
		items = items.filter((r) => r[field] === Number(raw));
	}
	const status = ctx.query.get('status');
	if (status) {
		const wanted = status.split(',').map((s) => s.trim());
		const unknown = wanted.find((s) => !RUN_STATUSES.includes(s));
		if (unknown !== undefined) {
			return invalidQuery(`status must be among ${RUN_STATUSES.join(', ')}, got "${unknown}"`);
		}
		items = items.filter((r) => wanted.includes(r.status));
	}
	for (const [param, field] of [
		['finishedAfter', 'finishedAt'],
		['updatedAfter', 'updatedAt'],
	]) {
		const raw = ctx.query.get(param);
		if (raw === undefined) continue;
		const after = timeParam(raw);
		if (Number.isNaN(after)) {
			return invalidQuery(`${param} must be an ISO time or epoch milliseconds, got "${raw}"`);
		}
		items = items.filter((r) => r[field] !== null && Date.parse(r[field]) > after);
	}
	const sort = ctx.query.get('sort');
	const sorted = sortBy(items, sort, ['id', 'createdAt', 'updatedAt', 'finishedAt'], defaultSort);
	if (!sorted) return invalidQuery(`Unsupported sort "${sort}"`);
	return { items: sorted };
}

/** `filter`, `filterFields` (default name) and `filterType` over objects; or { response }. */
const FILTER_TYPES = ['fuzzy', 'contains', 'exact', 'exactIgnoreCase'];

/** fuzzy: the letters of the filter appear in order; contains: a substring (both case-insensitive). */
function textMatches(value, filter, type) {
	const text = String(value ?? '');
	if (type === 'exact') return text === filter;
	if (type === 'exactIgnoreCase') return text.toLowerCase() === filter.toLowerCase();
	if (type === 'contains') return text.toLowerCase().includes(filter.toLowerCase());
	let at = 0;
	const lower = text.toLowerCase();
	for (const ch of filter.toLowerCase()) {
		at = lower.indexOf(ch, at);
		if (at < 0) return false;
		at++;
	}
	return true;
}

function filterByText(ctx, items) {
	const filter = ctx.query.get('filter');
	const filterType = ctx.query.get('filterType') || 'fuzzy';
	if (!FILTER_TYPES.includes(filterType)) {
		return invalidQuery(`filterType must be one of ${FILTER_TYPES.join(', ')}`);
	}
	if (!filter) return { items };
	const fields = String(ctx.query.get('filterFields') || 'name')
		.split(',')
		.map((f) => f.trim())
		.filter(Boolean);
	return {
		items: items.filter((item) =>
			fields.some((field) => textMatches(item[field], filter, filterType)),
		),
	};
}

function createApiDispatch(hostName, routes) {
	const router = new Router();
	router.addAll(routes);
	return (ctx, emulator) => {
		const lower = ctx.path.toLowerCase();
		const isGatewayPath = GATEWAY_PREFIXES.some((p) => lower.startsWith(p));
		const isV4Path = lower.startsWith('/v4/');
		if (hostName === 'v4' && !isV4Path) {
			return notFound(
				`No route for ${ctx.method} ${ctx.path}`,
				'This path is not served by the v4 API host',
			);
		}
		if (hostName === 'gateway') {
			if (!isGatewayPath) {
				return apigeeFault(
					404,
					`Unable to identify proxy for host: api and url: ${ctx.path}`,
					'messaging.adaptors.http.flow.ApplicationNotFound',
				);
			}
			if (
				emulator.options.requireProjectId &&
				ctx.headers['x-api-project-id'] !== emulator.options.projectId
			) {
				return apigeeFault(401, 'Invalid ApiKey', 'oauth.v2.InvalidApiKey');
			}
		}
		const auth = authenticate(ctx, emulator);
		if (auth.reason) {
			emulator.counters.unauthorizedByReason[auth.reason] =
				(emulator.counters.unauthorizedByReason[auth.reason] || 0) + 1;
			return hostName === 'v4' ? unauthorizedV4(auth.reason) : unauthorizedGateway(auth.reason);
		}
		ctx.person = auth.person;
		ctx.token = auth.payload;
		if (
			hostName === 'gateway' &&
			!emulator.options.plansAvailable &&
			(lower.startsWith('/plans/') || lower.startsWith('/scheduling/'))
		) {
			return notFound(
				`No route for ${ctx.method} ${ctx.path}`,
				'Plans and scheduling are not available in this workspace',
			);
		}
		const match = router.match(ctx.method, ctx.path);
		if (!match) return notFound(`No route for ${ctx.method} ${ctx.path}`);
		if (match.allowed) {
			return exception(405, 'MethodNotAllowed', `Method ${ctx.method} not allowed`, '', {
				Allow: match.allowed.join(', '),
			});
		}
		ctx.params = match.params;
		return match.route.handler(ctx, emulator);
	};
}

module.exports = {
	createApiDispatch,
	checkQuota,
	page,
	sortBy,
	intParam,
	filterRuns,
	filterByText,
	RUN_STATUSES,
};
