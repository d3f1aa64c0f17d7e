import type { IDataObject, IHttpRequestOptions } from 'n8n-workflow';

import type { TokenFailure } from './authentication';
import { errorChain } from './errorChain';
import { decodeJsonBody } from './response';
import { findErrorCode } from './token';
import { InvalidAddressError, parseAddress } from './webApi';

/**
 * Alteryx Analytics Cloud (Alteryx One): where a path goes, and the token pair's rotation.
 * Why the pair is kept the way it is: docs/decisions/0008-cloud-credentials.md.
 */

export const CLOUD_PAIR_CREDENTIAL_TYPE = 'alteryxCloudOAuth2Api';
export const CLOUD_SERVICE_PRINCIPAL_TYPE = 'alteryxCloudServicePrincipalOAuth2Api';

/**
 * Set by the transport on its copy of the token pair credential, with the access token in use
 * emptied: true has the credential's preAuthentication renew the pair; 'claim' has it store the
 * copy's sessionRenewalClaim (and nothing else new). Never stored itself.
 */
export const RENEW_MARKER = 'sessionRenew';

/** With RENEW_MARKER 'claim': the access token in use, which the claim stores unchanged. */
export const CLAIM_KEEPS_TOKEN = 'sessionClaimKeeps';

export const CLOUD_REGIONS = ['us1', 'eu1', 'au1'] as const;

/** What both Cloud credentials store about where the Cloud is. */
export interface CloudAddress {
	region?: string;
	/** Custom region: the host of the v4 API (and the UI), e.g. https://us1.alteryxcloud.com/ */
	v4Url?: string;
	/** Custom region: the API gateway, e.g. https://api.us1.alteryxcloud.com/ */
	gatewayUrl?: string;
	/** Sent as x-api-project-id to the gateway when set. */
	apiProjectId?: string;
}

/** The token pair credential as stored: what the user pasted and the pair in use. */
export interface CloudTokenPairCredentials extends CloudAddress {
	accessToken?: string;
	refreshToken?: string;
	/** Optional: `{iss}/token` of the access token when empty. */
	tokenUrl?: string;
	/** Optional: the access token's `client_id` claim when empty. */
	clientId?: string;
	/** The access token in use (n8n's expirable field: empty until the first use). */
	sessionAccessToken?: string;
	sessionRefreshToken?: string;
	/** When the access token in use expires (ms since the epoch, as text). */
	sessionExpiresAt?: string;
	/** `{process}@{ms}`: the n8n process that announced it renews the pair (RenewalClaim). */
	sessionRenewalClaim?: string;
	/** The pasted refresh token the session started from: a newly pasted pair replaces it. */
	sessionSeedRefreshToken?: string;
}

/** Paths of the API gateway; everything else (v4/…) goes to the v4 host. */
const GATEWAY_PATH = /^\/*(iam|plans|scheduling|svc-workflow|billing|connections)\//i;

export function isGatewayPath(endpoint: string): boolean {
	return GATEWAY_PATH.test(endpoint);
}

/** The v4 host and the gateway of a Cloud credential, normalised to end with "/". */
export function cloudBaseUrls(address: CloudAddress): { v4: URL; gateway: URL } {
	const region = (address.region ?? 'us1').trim();
	if (region === 'custom') {
		return {
			v4: cloudUrl(address.v4Url, 'Alteryx One Address', 'https://us1.alteryxcloud.com/'),
			gateway: cloudUrl(
				address.gatewayUrl,
				'API Gateway Address',
				'https://api.us1.alteryxcloud.com/',
			),
		};
	}
	if (!(CLOUD_REGIONS as readonly string[]).includes(region)) {
		throw new InvalidAddressError(
			`The region "${region}" is not one of ${CLOUD_REGIONS.join(', ')}`,
			'Choose the region of your Alteryx One workspace, or Custom to enter its addresses.',
		);
	}
	return {
		v4: new URL(`https://${region}.alteryxcloud.com/`),
		gateway: new URL(`https://api.${region}.alteryxcloud.com/`),
	};
}

function cloudUrl(raw: unknown, field: string, example: string): URL {
	const text = typeof raw === 'string' ? raw.trim() : '';
	if (text === '') {
		throw new InvalidAddressError(`The credential has no ${field}`, `It looks like ${example}`);
	}
	if (!URL.canParse(text) || !/^https?:$/.test(new URL(text).protocol)) {
		throw new InvalidAddressError(
			`The ${field} "${text}" is not an http(s) address`,
			`It looks like ${example}`,
		);
	}
	return parseAddress(text, field, example);
}

/** The claims of a JWT's payload, or undefined when the text is not a JWT. */
export function jwtClaims(token: unknown): IDataObject | undefined {
	if (typeof token !== 'string') return undefined;
	const parts = token.trim().split('.');
	if (parts.length !== 3 || parts[1] === '') return undefined;
	try {
		const json = Buffer.from(parts[1].replace(/-/g, '+').replace(/_/g, '/'), 'base64').toString(
			'utf8',
		);
		const claims = JSON.parse(json) as unknown;
		return claims && typeof claims === 'object' && !Array.isArray(claims)
			? (claims as IDataObject)
			: undefined;
	} catch {
		return undefined;
	}
}

/** When a JWT expires (ms since the epoch), from its `exp` claim. */
export function jwtExpiresAt(token: unknown): number | undefined {
	const exp = jwtClaims(token)?.exp;
	return typeof exp === 'number' && Number.isFinite(exp) ? exp * 1000 : undefined;
}

/** The pair a request should use now: the session, or the pasted pair when it is newer. */
export interface TokenPair {
	accessToken: string;
	refreshToken: string;
	/** Ms since the epoch; NaN when unknown (then only a 401 says it expired). */
	expiresAt: number;
	/** The pasted refresh token this pair descends from. */
	seed: string;
}

export function currentPair(credentials: CloudTokenPairCredentials): TokenPair {
	const pastedRefresh = trimmed(credentials.refreshToken);
	const sessionRefresh = trimmed(credentials.sessionRefreshToken);
	if (sessionRefresh !== '' && trimmed(credentials.sessionSeedRefreshToken) === pastedRefresh) {
		return {
			accessToken: trimmed(credentials.sessionAccessToken),
			refreshToken: sessionRefresh,
			expiresAt: Number(credentials.sessionExpiresAt),
			seed: pastedRefresh,
		};
	}
	const pastedAccess = trimmed(credentials.accessToken);
	return {
		accessToken: pastedAccess,
		refreshToken: pastedRefresh,
		expiresAt: jwtExpiresAt(pastedAccess) ?? Number.NaN,
		seed: pastedRefresh,
	};
}

/**
 * How long before its expiry an access token is renewed: a minute, or a quarter of its life for
 * short-lived tokens, plus up to as much again at random, so that n8n processes sharing the
 * credential (queue mode) do not all decide to renew it in the same instant.
 */
export function refreshMarginMs(lifetimeMs: number, random = Math.random): number {
	const base =
		Number.isFinite(lifetimeMs) && lifetimeMs > 0 ? Math.min(60_000, lifetimeMs / 4) : 60_000;
	return base + random() * base;
}

/** Whether the pair's access token is missing, expired or about to expire. */
export function isRenewalDue(pair: TokenPair, now: number, marginMs: number): boolean {
	if (pair.accessToken === '') return true;
	return Number.isFinite(pair.expiresAt) && pair.expiresAt - marginMs <= now;
}

function trimmed(value: unknown): string {
	return typeof value === 'string' ? value.trim() : '';
}

/** The token endpoint and client id of a pair: the credential's, or the access token's claims. */
export function tokenEndpointOf(
	credentials: CloudTokenPairCredentials,
	accessToken: string,
): { tokenUrl: string; clientId: string } {
	const claims = jwtClaims(accessToken) ?? jwtClaims(credentials.accessToken) ?? {};
	let tokenUrl = trimmed(credentials.tokenUrl);
	if (tokenUrl === '' && typeof claims.iss === 'string' && claims.iss.trim() !== '') {
		tokenUrl = `${claims.iss.trim().replace(/\/+$/, '')}/token`;
	} else if (tokenUrl !== '' && !/\/token\/?$/.test(tokenUrl)) {
		// The OAuth 2.0 API Tokens page shows the endpoint without "/token" ("append /token").
		tokenUrl = `${tokenUrl.replace(/\/+$/, '')}/token`;
	}
	const clientId =
		trimmed(credentials.clientId) ||
		(typeof claims.client_id === 'string' ? claims.client_id.trim() : '');
	if (tokenUrl === '') {
		throw new TokenRefreshError(
			'The token endpoint of the Alteryx One token pair is unknown',
			'The access token does not name its issuer. Enter the Token Endpoint URL shown on Alteryx One’s OAuth 2.0 API Tokens page.',
		);
	}
	if (clientId === '') {
		throw new TokenRefreshError(
			'The client ID of the Alteryx One token pair is unknown',
			'The access token does not name its client. Enter the Client ID shown on Alteryx One’s OAuth 2.0 API Tokens page.',
		);
	}
	return { tokenUrl, clientId };
}

const NEW_PAIR_HINT =
	'Generate a new token pair in Alteryx One under Profile → User Preferences → OAuth 2.0 API Tokens and paste both tokens into the credential.';

/** A refresh of the token pair that failed; recognised by the transport as a TokenFailure. */
export class TokenRefreshError extends Error implements TokenFailure {
	readonly tokenFailure = true;

	constructor(
		message: string,
		readonly description: string,
		readonly endpointStatus?: number,
		readonly networkCode?: string,
		/** The token endpoint refused the refresh token (used, expired, revoked or disabled). */
		readonly refreshTokenRefused = false,
	) {
		super(message);
		this.name = 'TokenRefreshError';
	}
}

export function isRefreshTokenRefused(error: unknown): boolean {
	return [...errorChain(error)].some(
		(link) => (link as { refreshTokenRefused?: unknown }).refreshTokenRefused === true,
	);
}

/** What a refresh stores in the credential (n8n persists it: docs/decisions/0008). */
export interface SessionFields {
	sessionAccessToken: string;
	sessionRefreshToken: string;
	sessionExpiresAt: string;
	sessionSeedRefreshToken: string;
}

export function sessionFieldsOf(pair: TokenPair): SessionFields {
	return {
		sessionAccessToken: pair.accessToken,
		sessionRefreshToken: pair.refreshToken,
		sessionExpiresAt: Number.isFinite(pair.expiresAt) ? String(pair.expiresAt) : '',
		sessionSeedRefreshToken: pair.seed,
	};
}

type HttpRequest = (options: IHttpRequestOptions) => Promise<unknown>;

/**
 * Refreshes in flight in this process, by the refresh token they present: a second caller with
 * the same token waits for the first instead of presenting it again (the endpoint would refuse
 * a used refresh token, or revoke the whole pair).
 */
const refreshesInFlight = new Map<string, Promise<TokenPair>>();

/**
 * Pairs this process obtained, by the refresh token they replaced: a caller that still holds
 * the old pair (read before the refresh was stored) gets the new one instead of presenting a
 * used refresh token. Kept for ROTATED_KEEP_MS.
 */
const rotatedPairs = new Map<string, { pair: TokenPair; at: number }>();
const ROTATED_KEEP_MS = 15 * 60_000;

/**
 * Exchanges the pair's refresh token for a new pair: `POST {iss}/token` with
 * `grant_type=refresh_token&refresh_token=…&client_id=…` (a public client: no secret). The old
 * refresh token dies at once, so the new pair must be stored: n8n does that with what the
 * credential's preAuthentication returns.
 */
export async function refreshTokenPair(
	httpRequest: HttpRequest,
	credentials: CloudTokenPairCredentials,
	pair: TokenPair,
	now = Date.now(),
): Promise<TokenPair> {
	for (const [old, entry] of rotatedPairs) {
		if (now - entry.at > ROTATED_KEEP_MS) rotatedPairs.delete(old);
	}
	const known = rotatedPairs.get(pair.refreshToken);
	if (known) return known.pair;
	if (pair.refreshToken === '') {
		throw new TokenRefreshError(
			'The Alteryx One credential has no refresh token',
			`The access token has expired and cannot be renewed without one. ${NEW_PAIR_HINT}`,
		);
	}
	const running = refreshesInFlight.get(pair.refreshToken);
	if (running) return await running;
	const refresh = exchange(httpRequest, credentials, pair);
	refreshesInFlight.set(pair.refreshToken, refresh);
	try {
		const renewed = await refresh;
		rotatedPairs.set(pair.refreshToken, { pair: renewed, at: Date.now() });
		return renewed;
	} finally {
		refreshesInFlight.delete(pair.refreshToken);
	}
}

async function exchange(
	httpRequest: HttpRequest,
	credentials: CloudTokenPairCredentials,
	pair: TokenPair,
): Promise<TokenPair> {
	const { tokenUrl, clientId } = tokenEndpointOf(credentials, pair.accessToken);
	let body: unknown;
	try {
		const response = (await httpRequest({
			method: 'POST',
			url: tokenUrl,
			headers: {
				Accept: 'application/json',
				'Content-Type': 'application/x-www-form-urlencoded',
			},
			body: new URLSearchParams({
				grant_type: 'refresh_token',
				refresh_token: pair.refreshToken,
				client_id: clientId,
			}).toString(),
			json: false,
			encoding: 'arraybuffer',
			timeout: 60_000,
		})) as unknown;
		body = decodeJsonBody(response);
	} catch (error) {
		throw refreshFailure(error, tokenUrl);
	}
	const answer = (body && typeof body === 'object' ? body : {}) as IDataObject;
	const accessToken = typeof answer.access_token === 'string' ? answer.access_token : '';
	const refreshToken = typeof answer.refresh_token === 'string' ? answer.refresh_token : '';
	if (accessToken === '' || refreshToken === '') {
		// The old refresh token may be spent already: nothing can be retried with it.
		throw new TokenRefreshError(
			`The token endpoint ${new URL(tokenUrl).host} answered without ${accessToken === '' ? 'an access token' : 'a new refresh token'}`,
			`The Token Endpoint URL may not be Alteryx One’s. ${NEW_PAIR_HINT}`,
		);
	}
	const expiresIn = Number(answer.expires_in);
	const expiresAt =
		jwtExpiresAt(accessToken) ??
		(Number.isFinite(expiresIn) && expiresIn > 0 ? Date.now() + expiresIn * 1000 : Number.NaN);
	return { accessToken, refreshToken, expiresAt, seed: pair.seed };
}

/** Connection errors that mean the refresh request never left: retrying it is harmless. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH']);

function refreshFailure(error: unknown, tokenUrl: string): TokenRefreshError {
	const host = new URL(tokenUrl).host;
	const response = [...errorChain(error)]
		.map((link) => (link as { response?: { status?: unknown; data?: unknown } }).response)
		.find((candidate) => typeof candidate?.status === 'number');
	if (response) {
		const status = response.status as number;
		const body = decodeJsonBody(response.data);
		const oauthError =
			body && typeof body === 'object' ? String((body as IDataObject).error ?? '') : '';
		if (status === 400 || status === 401) {
			const refused = oauthError === 'invalid_grant' || oauthError === '';
			if (refused) {
				return new TokenRefreshError(
					'Alteryx One refused the refresh token',
					`It has expired, was disabled, or was already used (each refresh token works once). ${NEW_PAIR_HINT}`,
					status,
					undefined,
					true,
				);
			}
			return new TokenRefreshError(
				`The token endpoint ${host} refused the refresh (${oauthError}, HTTP ${status})`,
				`Check the Client ID and the Token Endpoint URL in the credential (both are shown on Alteryx One’s OAuth 2.0 API Tokens page), or leave them empty to take them from the access token. ${NEW_PAIR_HINT}`,
				status,
			);
		}
		// The endpoint may have rotated the pair before it failed: never present the token again.
		return new TokenRefreshError(
			`The token endpoint ${host} answered HTTP ${status} to the refresh`,
			'Alteryx One’s sign-in service had a problem. The next run tries again with the stored pair.',
		);
	}
	const code = findErrorCode(error);
	return new TokenRefreshError(
		`The token endpoint ${host} could not be reached${code ? ` (${code})` : ''}`,
		`Check that n8n can reach ${host} (proxy, firewall, DNS), and that it is allowed in the credential’s Allowed Domains.`,
		undefined,
		code !== undefined && NOT_SENT_CODES.has(code) ? code : undefined,
	);
}

/**
 * The newest pair this process knows descends from a pair: one whose refresh token it already
 * rotated (once or more) gives the pair that replaced it. A caller that holds an outdated copy
 * of the credential (a test with the editor's data, a read from before a renewal) then never
 * sets up, or stores, a pair whose refresh token is spent.
 */
export function latestKnownPair(pair: TokenPair): TokenPair {
	let latest = pair;
	for (let hops = 0; hops < 100; hops++) {
		const next = rotatedPairs.get(latest.refreshToken);
		if (!next) break;
		latest = next.pair;
	}
	return latest;
}

/** For tests: forget what this process refreshed. */
export function forgetRotations(): void {
	rotatedPairs.clear();
	refreshesInFlight.clear();
}

/** A process's announcement that it renews the pair. */
export interface RenewalClaim {
	owner: string;
	at: number;
}

export function renewalClaimOf(credentials: CloudTokenPairCredentials): RenewalClaim | undefined {
	const text =
		typeof credentials.sessionRenewalClaim === 'string' ? credentials.sessionRenewalClaim : '';
	const at = text.lastIndexOf('@');
	if (at <= 0) return undefined;
	const time = Number(text.slice(at + 1));
	return Number.isFinite(time) ? { owner: text.slice(0, at), at: time } : undefined;
}

export function renewalClaimText(claim: RenewalClaim): string {
	return `${claim.owner}@${claim.at}`;
}
