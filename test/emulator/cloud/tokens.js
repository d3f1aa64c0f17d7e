'use strict';

// The Ping-like token host: JWT access tokens, rotating refresh tokens grouped in families (one
// family per "Generate" on the OAuth 2.0 API Tokens page), and the service principal's client
// credentials grant.

const crypto = require('node:crypto');

function base64url(value) {
	return Buffer.from(value).toString('base64url');
}

function opaqueToken() {
	return crypto.randomBytes(32).toString('base64url');
}

/** The payload of a JWT without checking it (what a client does to read `iss`, `exp`). */
function decodeToken(jwt) {
	const parts = String(jwt).split('.');
	if (parts.length !== 3) return null;
	try {
		return JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
	} catch {
		return null;
	}
}

class TokenStore {
	/** @param {{ now: () => number, issuer: () => string }} clock */
	constructor({ now, issuer }) {
		this.now = now;
		this.issuer = issuer;
		this.secret = crypto.randomBytes(32);
		this.clear();
	}

	clear() {
		// familyId -> { id, revoked, sub, personId, clientId }
		this.families = new Map();
		// refresh token -> { familyId, expiresAtMs, usedAtMs }
		this.refreshTokens = new Map();
		// jti -> { familyId|null, expiresAtMs, revoked }
		this.accessTokens = new Map();
		this.nextFamily = 1;
	}

	sign(payload) {
		const header = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT', kid: 'emulator' }));
		const body = base64url(JSON.stringify(payload));
		const signature = crypto
			.createHmac('sha256', this.secret)
			.update(`${header}.${body}`)
			.digest('base64url');
		return `${header}.${body}.${signature}`;
	}

	/** An access token (JWT) for a family (or for a client-credentials client when familyId is null). */
	issueAccessToken({ familyId, sub, clientId, personId, workspaceId, ttlSeconds }) {
		const nowMs = this.now();
		const iat = Math.floor(nowMs / 1000);
		const jti = crypto.randomUUID();
		const expiresAtMs = nowMs + ttlSeconds * 1000;
		const payload = {
			iss: this.issuer(),
			sub,
			client_id: clientId,
			iat,
			exp: iat + ttlSeconds,
			jti,
			workspaceId,
		};
		if (familyId !== null) payload.fam = familyId;
		this.accessTokens.set(jti, { familyId, expiresAtMs, revoked: false, personId });
		return this.sign(payload);
	}

	issueRefreshToken(familyId, expiresAtMs) {
		const token = opaqueToken();
		this.refreshTokens.set(token, {
			familyId,
			expiresAtMs,
			usedAtMs: null,
		});
		return token;
	}

	newFamily({ sub, personId, clientId, workspaceId }) {
		const family = {
			id: this.nextFamily++,
			revoked: false,
			sub,
			personId,
			clientId,
			workspaceId,
		};
		this.families.set(family.id, family);
		return family;
	}

	/**
	 * Checks a refresh token and, when good, rotates it: the old one is used up.
	 * @returns {{ family } | { reason: 'unknown'|'expired'|'revoked'|'reused' }}
	 */
	consumeRefreshToken(token, graceSeconds = 0) {
		const record = this.refreshTokens.get(token);
		if (!record) return { reason: 'unknown' };
		const family = this.families.get(record.familyId);
		if (!family || family.revoked) return { reason: 'revoked', family };
		if (record.usedAtMs !== null) {
			// Within a grace period (PingFederate's "rolling grace period") a used refresh token
			// still answers with a new pair of the same family.
			if (this.now() - record.usedAtMs < graceSeconds * 1000) return { family, withinGrace: true };
			return { reason: 'reused', family };
		}
		if (this.now() >= record.expiresAtMs) return { reason: 'expired', family };
		record.usedAtMs = this.now();
		return { family };
	}

	revokeFamily(familyId) {
		const family = this.families.get(familyId);
		if (!family || family.revoked) return false;
		family.revoked = true;
		for (const access of this.accessTokens.values()) {
			if (access.familyId === familyId) access.revoked = true;
		}
		return true;
	}

	/** The family of a refresh token or of an access token (JWT `fam`). */
	familyOf(token) {
		const record = this.refreshTokens.get(token);
		if (record) return record.familyId;
		const access = this.verifyAccessToken(token, { ignoreState: true });
		return access.payload && access.payload.fam !== undefined ? access.payload.fam : null;
	}

	expireAccessTokens() {
		const nowMs = this.now();
		for (const access of this.accessTokens.values())
			access.expiresAtMs = Math.min(access.expiresAtMs, nowMs);
	}

	/**
	 * @returns {{ payload, record } | { reason: 'malformed'|'signature'|'issuer'|'unknown'|'expired'|'revoked', payload? }}
	 */
	verifyAccessToken(jwt, { ignoreState = false } = {}) {
		const parts = String(jwt).split('.');
		if (parts.length !== 3) return { reason: 'malformed' };
		const expected = crypto
			.createHmac('sha256', this.secret)
			.update(`${parts[0]}.${parts[1]}`)
			.digest();
		const given = Buffer.from(parts[2], 'base64url');
		if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) {
			return { reason: 'signature' };
		}
		const payload = decodeToken(jwt);
		if (!payload) return { reason: 'malformed' };
		if (ignoreState) return { payload };
		if (payload.iss !== this.issuer()) return { reason: 'issuer', payload };
		const record = this.accessTokens.get(payload.jti);
		if (!record) return { reason: 'unknown', payload };
		if (record.revoked) return { reason: 'revoked', payload };
		if (this.now() >= record.expiresAtMs) return { reason: 'expired', payload };
		return { payload, record };
	}
}

module.exports = { TokenStore, decodeToken, opaqueToken };
