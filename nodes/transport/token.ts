import type { IDataObject, IHttpRequestOptions, IN8nHttpFullResponse } from 'n8n-workflow';

import type { TokenFailure } from './authentication';
import { errorChain } from './errorChain';
import { SERVER_TERMS, type ProductTerms } from './productTerms';
import { redactionFor, redactJson, type SensitiveValues } from './redact';
import { decodeJsonBody } from './response';
import { type AlteryxServerCredentials, normalizeWebApiUrl } from './webApi';

export interface AccessToken {
	accessToken: string;
	tokenType: string;
	/** Seconds the server says the token lives (Alteryx: about 3600). */
	expiresIn: number;
	/** When the token was issued, as seen by this process. */
	issuedAt: Date;
}

export type HttpRequester = (options: IHttpRequestOptions) => Promise<unknown>;

/**
 * A token exchange that failed, with a message a user can act on. It never contains the
 * secret: it is built from the status, the server's OAuth error code and the address.
 *
 * Its fields are deliberately not named `httpCode`, `status` or `code`: n8n core wraps this
 * error in a NodeApiError (in the HTTP Request node and the credential Test), and NodeApiError
 * replaces the message with generic text ("Bad request - please check your parameters",
 * "ECONNREFUSED") when it finds a status or error code under those names.
 */
export class TokenExchangeError extends Error implements TokenFailure {
	readonly tokenFailure = true;

	constructor(
		message: string,
		readonly description: string,
		/** The token endpoint's HTTP status, when it answered. */
		readonly endpointStatus?: number,
		/** The network error code when the server was not reached. */
		readonly networkCode?: string,
	) {
		super(message);
		this.name = 'TokenExchangeError';
	}
}

// Alteryx does not document how long a token lives beyond "60 minutes"; assume that when
// a server leaves `expires_in` out or sends something that cannot be a lifetime.
const DEFAULT_EXPIRES_IN_SECONDS = 3600;
const MAX_EXPIRES_IN_SECONDS = 365 * 24 * 3600;

/** The longest a token exchange may take, from connecting to the last byte of the answer. */
export const TOKEN_EXCHANGE_DEADLINE_MS = 60_000;

/** `expires_in` as a lifetime in seconds: anything but a number from 1 s to 1 year is the default. */
export function tokenLifetimeSeconds(expiresIn: unknown): number {
	const seconds =
		typeof expiresIn === 'string' && expiresIn.trim() !== '' ? Number(expiresIn) : expiresIn;
	return typeof seconds === 'number' &&
		Number.isFinite(seconds) &&
		seconds >= 1 &&
		seconds <= MAX_EXPIRES_IN_SECONDS
		? seconds
		: DEFAULT_EXPIRES_IN_SECONDS;
}

export function tokenEndpointUrl(credentials: Pick<AlteryxServerCredentials, 'webApiUrl'>): string {
	return new URL('oauth2/token', normalizeWebApiUrl(credentials.webApiUrl)).href;
}

/**
 * Runs the client-credentials exchange against `{webApiUrl}oauth2/token`. With
 * `authentication: 'header'` the key and secret travel as HTTP Basic (what Alteryx's own
 * macros and Swagger UI do); with 'body' they are form fields (what many scripts do).
 */
export async function requestAccessToken(
	httpRequest: HttpRequester,
	credentials: AlteryxServerCredentials,
	deadlineMs = TOKEN_EXCHANGE_DEADLINE_MS,
	/** The execution's cancel signal, where the caller has one (the Authenticate node reports it). */
	cancelSignal?: AbortSignal,
): Promise<AccessToken> {
	const url = tokenEndpointUrl(credentials);
	const clientId = String(credentials.apiAccessKey ?? '').trim();
	const clientSecret = String(credentials.apiAccessSecret ?? '').trim();
	if (clientId === '' || clientSecret === '') {
		throw new TokenExchangeError(
			'The credential has no API Access Key or Secret',
			'Copy both from Alteryx Server: My Profile → Keys.',
		);
	}

	const form = new URLSearchParams({ grant_type: 'client_credentials' });
	const headers: IDataObject = {
		'Content-Type': 'application/x-www-form-urlencoded',
		Accept: 'application/json',
	};
	if (credentials.authentication === 'body') {
		form.set('client_id', clientId);
		form.set('client_secret', clientSecret);
	} else {
		headers.Authorization = `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`;
	}

	// A deadline, not a socket-idle timeout: a server trickling a byte a second never goes idle.
	const deadline = AbortSignal.timeout(deadlineMs);
	let response: IN8nHttpFullResponse;
	try {
		response = (await httpRequest({
			method: 'POST',
			url,
			headers,
			body: form.toString(),
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			encoding: 'text',
			json: false,
			skipSslCertificateValidation: credentials.ignoreSSLIssues === true,
			disableFollowRedirect: true,
			abortSignal: cancelSignal ? AbortSignal.any([deadline, cancelSignal]) : deadline,
		})) as IN8nHttpFullResponse;
	} catch (error) {
		throw deadline.aborted
			? describeSlowExchange(url, deadlineMs)
			: describeConnectionFailure(error, url);
	}

	const status = response.statusCode;
	const body = parseJsonObject(response.body);
	if (
		status >= 200 &&
		status < 300 &&
		typeof body?.access_token === 'string' &&
		body.access_token
	) {
		return {
			accessToken: body.access_token,
			tokenType: typeof body.token_type === 'string' ? body.token_type : 'bearer',
			expiresIn: tokenLifetimeSeconds(body.expires_in),
			issuedAt: new Date(),
		};
	}
	// A server may echo the request (the secret in a form body or Basic header) in its answer.
	const redactedBody = redactJson(body, redactionFor(sensitiveValuesOf(credentials)));
	throw describeRejectedExchange(status, redactedBody, url, credentials);
}

function describeSlowExchange(url: string, deadlineMs: number): TokenExchangeError {
	const seconds = Number((deadlineMs / 1000).toFixed(3));
	return new TokenExchangeError(
		`Alteryx Server was too slow to issue an access token: no complete answer within ${seconds} s (POST ${new URL(url).pathname})`,
		'The token request changes nothing on the server, so it is tried again like other transient failures. If it keeps happening, check the server load and the network between n8n and the server (proxy, VPN).',
		undefined,
		// Retried like a timeout.
		'ETIMEDOUT',
	);
}

function describeRejectedExchange(
	status: number,
	body: IDataObject | undefined,
	url: string,
	credentials: AlteryxServerCredentials,
): TokenExchangeError {
	const oauthError = typeof body?.error === 'string' ? body.error : undefined;
	const where = `(${status} from ${url})`;
	if (oauthError === 'invalid_client' || status === 401) {
		const other = credentials.authentication === 'body' ? 'header' : 'body';
		return new TokenExchangeError(
			`Alteryx Server rejected the API Access Key or Secret ${where}`,
			`Copy both again from Alteryx Server: My Profile → Keys (the "API Access Key" and "API Access Secret"; the old Private Studio key no longer works since 2022.1). An administrator must also set API Access to Yes for the user. If the key and secret are right, try Client Authentication = "${other}".`,
			status,
		);
	}
	if (oauthError === 'unsupported_grant_type' || oauthError === 'invalid_request') {
		return new TokenExchangeError(
			`Alteryx Server refused the token request: ${oauthError} ${where}`,
			'This server does not accept the OAuth2 client-credentials grant at this address. Check that the Web API Address is the one from System Settings (it ends in /webapi/) and that the server runs Alteryx Server 2021.4 or later.',
			status,
		);
	}
	if (status === 404 || status === 405) {
		return new TokenExchangeError(
			`No OAuth2 token endpoint at this Web API Address ${where}`,
			'The Web API Address usually ends in /webapi/ (Admin → Settings → Configuration → System Settings). Alteryx Server before 2021.4 has no OAuth2 API.',
			status,
		);
	}
	if (status >= 200 && status < 300) {
		return new TokenExchangeError(
			`The server answered, but not with an access token ${where}`,
			'The Web API Address may point at the Gallery web page or a login proxy instead of the Web API. Use the address from System Settings, e.g. https://alteryx.example.com/webapi/',
			status,
		);
	}
	if (status === 429 || status === 408) {
		return new TokenExchangeError(
			`Alteryx Server is too busy to issue an access token ${where}`,
			'The server (or a proxy in front of it) is rate-limiting requests. Try again later, or slow down with the Batching option.',
			status,
		);
	}
	const detail = oauthError ?? (typeof body?.message === 'string' ? body.message : undefined);
	return new TokenExchangeError(
		`Alteryx Server could not issue an access token${detail ? `: ${detail}` : ''} ${where}`,
		status >= 500
			? 'The server had an internal problem. Try again later, or ask the Alteryx administrator to check the server logs.'
			: 'Check the Web API Address, the API Access Key and Secret, and the Client Authentication setting.',
		status,
	);
}

const TLS_ERROR_CODES = new Set([
	'DEPTH_ZERO_SELF_SIGNED_CERT',
	'SELF_SIGNED_CERT_IN_CHAIN',
	'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
	'UNABLE_TO_GET_ISSUER_CERT',
	'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
	'CERT_HAS_EXPIRED',
	'CERT_NOT_YET_VALID',
	'CERT_UNTRUSTED',
	'ERR_TLS_CERT_ALTNAME_INVALID',
	'HOSTNAME_MISMATCH',
]);
const UNREACHABLE_CODES = new Set([
	'ECONNREFUSED',
	'ENOTFOUND',
	'EAI_AGAIN',
	'EHOSTUNREACH',
	'ENETUNREACH',
	'ETIMEDOUT',
	'ECONNRESET',
	'ECONNABORTED',
	'EPIPE',
]);

/** The first error code found along an error's cause chain (axios and n8n nest them). */
export function findErrorCode(error: unknown): string | undefined {
	for (const link of errorChain(error)) {
		const code = (link as { code?: unknown }).code;
		if (typeof code === 'string' && code !== '' && code !== 'ERR_BAD_RESPONSE') return code;
	}
	return undefined;
}

/**
 * Error codes stay out of the message: n8n replaces a message that mentions one (ECONNREFUSED,
 * ETIMEDOUT…) with its own generic sentence, so the code goes into the description.
 */
export function describeConnectionFailure(
	error: unknown,
	url: string,
	terms: Readonly<ProductTerms> = SERVER_TERMS,
): TokenExchangeError {
	const code = findErrorCode(error);
	const origin = new URL(url).origin;
	if (code && TLS_ERROR_CODES.has(code)) {
		return new TokenExchangeError(
			`The TLS certificate of ${origin} was rejected`,
			terms.canIgnoreSslIssues
				? `Node.js reported ${code}: the server presents a certificate this n8n does not trust, typically a self-signed or internal-CA certificate. Add the CA to n8n (NODE_EXTRA_CA_CERTS), or turn on "Ignore SSL Issues (Insecure)" in the credential.`
				: `Node.js reported ${code}: something between n8n and ${terms.product} (typically a proxy that inspects TLS) presents a certificate this n8n does not trust. Add that CA to n8n (NODE_EXTRA_CA_CERTS).`,
			undefined,
			code,
		);
	}
	if (code && UNREACHABLE_CODES.has(code)) {
		return new TokenExchangeError(
			`${terms.product} is unreachable at ${origin}`,
			`The connection failed (${code}). Check ${terms.address} (host and port), that the server is running, and that this n8n can reach it (VPN, firewall, proxy).`,
			undefined,
			code,
		);
	}
	const message = error instanceof Error ? error.message : String(error);
	return new TokenExchangeError(
		`Could not reach ${terms.product} at ${origin}`,
		`${message}. Check ${terms.address} and the network between n8n and the server.`,
		undefined,
		code,
	);
}

/** The token endpoint's answer as an object, whatever shape (or garbage) arrived. */
function parseJsonObject(body: unknown): IDataObject | undefined {
	const value = decodeJsonBody(body);
	return value && typeof value === 'object' && !Array.isArray(value)
		? (value as IDataObject)
		: undefined;
}

/** What an answer must never show of these credentials (tokens are added by the caller). */
export function sensitiveValuesOf(credentials: AlteryxServerCredentials): SensitiveValues {
	return { clientId: credentials.apiAccessKey, clientSecret: credentials.apiAccessSecret };
}

const OAUTH2_FETCH_FAILED = 'Failed to acquire OAuth2 access token';

/**
 * The token exchange that n8n's OAuth2 support ran for the credential, when that is what
 * failed, in Alteryx terms. n8n reports it as "Failed to acquire OAuth2 access token: Client
 * authentication failed (e.g., unknown client …)" on a first fetch, and as a bare error of its
 * OAuth2 client (or of axios, for the token URL) on a renewal after a 401.
 */
export function describeOAuth2Failure(
	error: unknown,
	credentials: AlteryxServerCredentials,
): TokenExchangeError | undefined {
	let url: string;
	try {
		url = tokenEndpointUrl(credentials);
	} catch {
		return undefined;
	}
	const chain = [...errorChain(error)];
	const fetchFailed = chain.some(
		(link) => link instanceof Error && link.message.startsWith(OAUTH2_FETCH_FAILED),
	);
	const atTokenUrl = chain.some((link) => requestUrlOf(link) === url);
	const oauthLink = chain.find((link) => {
		const code = (link as { code?: unknown }).code;
		return (code === 'EAUTH' || code === 'ESTATUS') && 'body' in (link as object);
	}) as { status?: unknown; body?: unknown } | undefined;
	const unsigned = chain.some(
		(link) => link instanceof Error && link.message === 'Unable to sign without access token',
	);
	if (!fetchFailed && !atTokenUrl && !oauthLink && !unsigned) return undefined;

	if (unsigned) return describeRejectedExchange(200, undefined, url, credentials);
	if (oauthLink) {
		const body = parseJsonObject(oauthLink.body);
		const status = typeof oauthLink.status === 'number' ? oauthLink.status : 400;
		return describeRejectedExchange(
			status,
			redactJson(body, redactionFor(sensitiveValuesOf(credentials))),
			url,
			credentials,
		);
	}
	const answered = chain
		.map((link) => (link as { response?: { status?: unknown; data?: unknown } }).response)
		.find((response) => typeof response?.status === 'number');
	if (answered) {
		return describeRejectedExchange(
			answered.status as number,
			redactJson(parseJsonObject(answered.data), redactionFor(sensitiveValuesOf(credentials))),
			url,
			credentials,
		);
	}
	return describeConnectionFailure(error, url);
}

/** The URL of the HTTP request an error (axios') is about. */
function requestUrlOf(link: unknown): string | undefined {
	const config = (link as { config?: { url?: unknown } }).config;
	return typeof config?.url === 'string' ? config.url.split('?')[0] : undefined;
}
