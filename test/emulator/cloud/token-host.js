'use strict';

// The Ping-like token host: POST {issuer}/token with grant_type=refresh_token (the public client
// of the OAuth 2.0 API Tokens page) or grant_type=client_credentials (the service principal).

const { json, oauthError } = require('./responses');
const { formBody } = require('./server');

function tokenResponse(emulator, { accessToken, refreshToken, ttlSeconds }) {
	const body = { access_token: accessToken };
	if (refreshToken) body.refresh_token = refreshToken;
	if (emulator.options.tokenTypeField) body.token_type = 'Bearer';
	if (emulator.options.expiresInField) body.expires_in = ttlSeconds;
	return json(200, body, { 'Cache-Control': 'no-store', Pragma: 'no-cache' });
}

function basicCredentials(header) {
	const match = /^Basic\s+(\S+)$/i.exec(String(header || ''));
	if (!match) return null;
	const decoded = Buffer.from(match[1], 'base64').toString('utf8');
	const colon = decoded.indexOf(':');
	if (colon < 0) return null;
	return {
		clientId: decodeURIComponent(decoded.slice(0, colon)),
		clientSecret: decodeURIComponent(decoded.slice(colon + 1)),
	};
}

function refreshGrant(form, emulator) {
	const { counters, tokens, options } = emulator;
	counters.refreshes++;
	const reject = (reason, response) => {
		counters.rejectedRefreshes[reason]++;
		return response;
	};
	if (!form.client_id) {
		return reject('invalidClient', oauthError(400, 'invalid_request', 'client_id is required'));
	}
	if (form.client_id !== options.clientId) {
		return reject(
			'invalidClient',
			oauthError(400, 'invalid_request', 'Invalid client or client credentials'),
		);
	}
	if (!form.refresh_token) {
		return reject('other', oauthError(400, 'invalid_request', 'refresh_token is required'));
	}
	const result = tokens.consumeRefreshToken(form.refresh_token, options.reuseGraceSeconds);
	if (result.reason) {
		if (result.reason === 'reused' && options.refreshReuse === 'revoke-family') {
			if (tokens.revokeFamily(result.family.id)) counters.revokedFamilies++;
		}
		const description = {
			unknown: 'unknown or invalid refresh token',
			expired: 'refresh token expired',
			revoked: 'refresh token revoked',
			reused: 'refresh token already used',
		}[result.reason];
		return reject(result.reason, oauthError(400, 'invalid_grant', description));
	}
	counters.successfulRefreshes++;
	if (result.withinGrace) counters.refreshesWithinGrace++;
	const { family } = result;
	const ttlSeconds = options.accessTokenTtlSeconds;
	const accessToken = tokens.issueAccessToken({
		familyId: family.id,
		sub: family.sub,
		clientId: family.clientId,
		personId: family.personId,
		workspaceId: family.workspaceId,
		ttlSeconds,
	});
	// 'sliding': each new refresh token lives the full lifetime from now; 'fixed': the pair's
	// lifetime chosen at Generate ends on the same day however often it rotates.
	const ttlMs = (family.refreshTtlSeconds ?? options.refreshTokenTtlSeconds) * 1000;
	const refreshToken = tokens.issueRefreshToken(
		family.id,
		options.refreshExpiry === 'fixed' ? family.refreshExpiresAtMs : emulator.now() + ttlMs,
	);
	return tokenResponse(emulator, { accessToken, refreshToken, ttlSeconds });
}

function clientCredentialsGrant(ctx, form, emulator) {
	const { counters, options, tokens } = emulator;
	counters.clientCredentials++;
	const fromHeader = basicCredentials(ctx.headers.authorization);
	const given = fromHeader || { clientId: form.client_id, clientSecret: form.client_secret };
	const principal = options.servicePrincipal;
	if (given.clientId !== principal.clientId || given.clientSecret !== principal.clientSecret) {
		counters.clientCredentialsRejected++;
		return oauthError(401, 'invalid_client', 'Invalid client or client credentials');
	}
	const ttlSeconds = options.accessTokenTtlSeconds;
	const accessToken = tokens.issueAccessToken({
		familyId: null,
		sub: principal.clientId,
		clientId: principal.clientId,
		personId: 8,
		workspaceId: 1,
		ttlSeconds,
	});
	return tokenResponse(emulator, { accessToken, ttlSeconds });
}

function dispatchToken(ctx, emulator) {
	if (!/^\/as\/token\/?$/.test(ctx.path)) return json(404, { error: 'not_found' });
	if (ctx.method !== 'POST')
		return json(
			405,
			{ error: 'invalid_request', error_description: 'POST only' },
			{ Allow: 'POST' },
		);
	emulator.counters.tokenRequests++;
	const form = formBody(ctx);
	if (!form) {
		return oauthError(
			400,
			'invalid_request',
			`Content-Type must be application/x-www-form-urlencoded, got ${ctx.headers['content-type'] || 'none'}`,
		);
	}
	if (form.grant_type === 'refresh_token') return refreshGrant(form, emulator);
	if (form.grant_type === 'client_credentials') return clientCredentialsGrant(ctx, form, emulator);
	return oauthError(
		400,
		'unsupported_grant_type',
		`grant_type ${form.grant_type || '(none)'} is not supported`,
	);
}

module.exports = { dispatchToken };
