'use strict';

// OAuth 2.0 client-credentials token endpoint and bearer-token checks.
//
// What the sources say (reference §2): the token endpoint takes a form body with
// grant_type=client_credentials and the API key/secret either in an `Authorization: Basic` header
// or as client_id/client_secret form fields; both are used against real servers, which is why
// `clientAuth` is configurable. The error body is inferred from OWIN/Katana, hence
// `tokenErrorStyle`.
//
// Users without API access: the reference only says an admin has to set API Access = Yes. The
// emulator issues the token (the key/secret pair is valid) and then answers every API call with
// 401 "Authorization has been denied for this request.", the same answer as any role failure.
// Inactive users cannot get a token at all (invalid_client).

const crypto = require('node:crypto');
const { json, unauthorized } = require('./responses');
const { findUserByApiKey } = require('./store');

const CLIENT_AUTH_MODES = ['both', 'header', 'body'];
const TOKEN_ERROR_STYLES = ['katana', 'katana-description', 'rfc6749'];

const ERROR_DESCRIPTIONS = {
	invalid_client: 'The client credentials are invalid.',
	unsupported_grant_type: 'The grant type is not supported; use client_credentials.',
};

class TokenStore {
	constructor() {
		this.tokens = new Map();
	}

	issue(userId, ttlSeconds, now) {
		const token = crypto.randomBytes(48).toString('base64url');
		this.tokens.set(token, { userId, expiresAtMs: now + ttlSeconds * 1000 });
		return token;
	}

	/** @returns {string|null} the user id of a valid, unexpired token */
	lookup(token, now) {
		const entry = this.tokens.get(token);
		if (!entry) return null;
		if (entry.expiresAtMs <= now) {
			this.tokens.delete(token);
			return null;
		}
		return entry.userId;
	}

	expireAll() {
		this.tokens.clear();
	}

	get size() {
		return this.tokens.size;
	}
}

function parseBasic(header) {
	const match = /^Basic\s+(\S+)\s*$/i.exec(header || '');
	if (!match) return null;
	const decoded = Buffer.from(match[1], 'base64').toString('utf8');
	const colon = decoded.indexOf(':');
	if (colon < 0) return { clientId: decoded, clientSecret: '' };
	return { clientId: decoded.slice(0, colon), clientSecret: decoded.slice(colon + 1) };
}

function safeEqual(a, b) {
	const left = Buffer.from(String(a));
	const right = Buffer.from(String(b));
	return left.length === right.length && crypto.timingSafeEqual(left, right);
}

function tokenError(error, style, usedHeader) {
	const body = { error };
	if (style === 'katana-description' || style === 'rfc6749')
		body.error_description = ERROR_DESCRIPTIONS[error];
	const headers = { 'Cache-Control': 'no-cache', Pragma: 'no-cache', Expires: '-1' };
	// RFC 6749 §5.2: invalid_client is a 401 with a challenge when the client used the header.
	if (style === 'rfc6749' && error === 'invalid_client') {
		if (usedHeader) headers['WWW-Authenticate'] = 'Basic realm="webapi"';
		return json(401, body, headers);
	}
	return json(400, body, headers);
}

/** POST /webapi/oauth2/token */
function handleTokenRequest(ctx, emulator) {
	const { options, counters, state } = emulator;
	const contentType = String(ctx.headers['content-type'] || '').toLowerCase();
	// Katana only reads form bodies; anything else is as good as an empty form.
	const form = contentType.startsWith('application/x-www-form-urlencoded')
		? new URLSearchParams(ctx.rawBody.toString('utf8'))
		: new URLSearchParams();

	counters.tokenRequests++;
	const allowHeader = options.clientAuth === 'both' || options.clientAuth === 'header';
	const allowBody = options.clientAuth === 'both' || options.clientAuth === 'body';
	const basic = parseBasic(ctx.headers.authorization);
	let credentials = null;
	let via = null;
	if (basic && allowHeader) {
		credentials = basic;
		via = 'header';
	} else if (form.has('client_id') && allowBody) {
		credentials = {
			clientId: form.get('client_id'),
			clientSecret: form.get('client_secret') || '',
		};
		via = 'body';
	}
	if (via) counters.tokenRequestsByAuth[via]++;

	const fail = (error) => {
		counters.tokenFailures++;
		return tokenError(error, options.tokenErrorStyle, via === 'header');
	};

	// Katana validates the client before it looks at the grant type.
	const user = credentials && findUserByApiKey(state, credentials.clientId);
	if (!user || !safeEqual(user.apiSecret, credentials.clientSecret) || !user.isActive) {
		return fail('invalid_client');
	}
	if (form.get('grant_type') !== 'client_credentials') return fail('unsupported_grant_type');

	const ttl = options.tokenTtlSeconds;
	const accessToken = emulator.tokens.issue(user.id, ttl, ctx.now);
	user.lastLoginDateTime = new Date(ctx.now).toISOString();
	return json(
		200,
		{ access_token: accessToken, token_type: 'bearer', expires_in: ttl },
		{ 'Cache-Control': 'no-cache', Pragma: 'no-cache', Expires: '-1' },
	);
}

const API_ROLES = new Set(['Artisan', 'Curator']);

/**
 * Resolves the bearer token to a user allowed to call a route with the given auth level.
 * @param {'user'|'curator'} level  'user' = Artisan or Curator (V3 workflows/jobs, V1), 'curator'
 *   = the swagger's "Only Curators can use this API endpoint".
 * @returns {{ user: object } | { response: object }}
 */
function authorize(ctx, emulator, level) {
	const match = /^Bearer\s+(\S+)\s*$/i.exec(ctx.headers.authorization || '');
	const userId = match && emulator.tokens.lookup(match[1], ctx.now);
	const user = userId && emulator.state.users.get(userId);
	const allowed =
		user &&
		user.isActive &&
		user.isApiEnabled &&
		API_ROLES.has(user.role) &&
		(level !== 'curator' || user.role === 'Curator');
	if (!allowed) return { response: unauthorized() };
	return { user };
}

module.exports = {
	TokenStore,
	handleTokenRequest,
	authorize,
	parseBasic,
	CLIENT_AUTH_MODES,
	TOKEN_ERROR_STYLES,
};
