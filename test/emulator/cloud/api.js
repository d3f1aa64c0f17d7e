'use strict';

// The v4 host and the API gateway: host selection (a path of the other host answers 404), the
// gateway's API key (x-api-project-id), bearer authentication, routing, quotas and lists.

const { Router } = require('../router');
const { json, exception, notFound, apigeeFault } = require('./responses');

const GATEWAY_PREFIXES = ['/iam/v1/', '/plans/v1/', '/scheduling/v1/'];

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

/**
 * A fixed-window quota per person and route key.
 * @returns {{ response?: object, headers: object }}
 */
function checkQuota(ctx, emulator, key) {
	const limit = emulator.options.quotas[key];
	if (!limit) return { headers: {} };
	const windowMs = emulator.options.quotas.windowMs;
	const bucketKey = `${ctx.person.id}:${key}`;
	let bucket = emulator.quotaBuckets.get(bucketKey);
	if (!bucket || ctx.now >= bucket.startMs + windowMs) {
		bucket = { startMs: ctx.now, used: 0 };
		emulator.quotaBuckets.set(bucketKey, bucket);
	}
	const resetSeconds = Math.ceil((bucket.startMs + windowMs) / 1000);
	if (bucket.used >= limit) {
		const waitSeconds = Math.max(1, Math.ceil((bucket.startMs + windowMs - ctx.now) / 1000));
		emulator.counters.rateLimited++;
		return {
			response: exception(
				429,
				'TooManyRequestsException',
				'Too Many Requests',
				`API quota reached for "${key}". Wait ${waitSeconds} seconds before making another request.`,
				{
					'x-retry-after': String(waitSeconds),
					'x-rate-limit-user-limit': String(limit),
					'x-rate-limit-user-remaining': '0',
					'x-rate-limit-user-reset': String(resetSeconds),
				},
			),
		};
	}
	bucket.used++;
	return {
		headers: {
			'x-rate-limit-user-limit': String(limit),
			'x-rate-limit-user-remaining': String(limit - bucket.used),
			'x-rate-limit-user-reset': String(resetSeconds),
		},
	};
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

function sortBy(items, sort, allowed, fallback) {
	const key = sort || fallback;
	const descending = key.startsWith('-');
	const field = descending ? key.slice(1) : key;
	if (!allowed.includes(field)) return null;
	const sorted = [...items].sort((a, b) => {
		const x = a[field];
		const y = b[field];
		if (x === y) return a.id - b.id;
		if (x === null || x === undefined) return 1;
		if (y === null || y === undefined) return -1;
		return x < y ? -1 : 1;
	});
	return descending ? sorted.reverse() : sorted;
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
		if (hostName === 'gateway' && !emulator.options.plansAvailable && !lower.startsWith('/iam/')) {
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

module.exports = { createApiDispatch, checkQuota, page, sortBy, intParam };
