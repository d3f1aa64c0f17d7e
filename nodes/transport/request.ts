import { NodeApiError, NodeOperationError, sleep } from 'n8n-workflow';
import type {
	IBinaryData,
	IDataObject,
	IHttpRequestMethods,
	IHttpRequestOptions,
	IN8nHttpFullResponse,
	INode,
	JsonObject,
} from 'n8n-workflow';

import {
	type AlteryxConnection,
	type AlteryxContext,
	type CredentialRead,
	findTokenFailure,
	forgetCredential,
	readCredential,
	type TokenFailure,
} from './authentication';
import {
	CLAIM_KEEPS_TOKEN,
	currentPair,
	renewalClaimOf,
	renewalClaimText,
	jwtClaims as jwtClaimsOf,
	isRefreshTokenRefused,
	isRenewalDue,
	refreshMarginMs,
	RENEW_MARKER,
} from './cloud';
import { errorChain } from './errorChain';
import { alteryxApiError, type ErrorSubject } from './errors';
import type { ProductTerms } from './productTerms';
import { isTextual, redactionFor, redactResponse } from './redact';
import {
	type AlteryxResponse,
	DEFAULT_MAX_RESPONSE_BYTES,
	decodeJsonBody,
	headerValue,
	kindFromHeaders,
	mimeTypeOf,
	type ResponseFormat,
	responseKind,
	toBuffer,
} from './response';
import { DEFAULT_RETRY_POLICY, isRetryable, type RetryPolicy, retryDelayMs } from './retry';
import { type ByteStream, isByteStream, readStream, StreamBody } from './streams';
import { describeConnectionFailure, findErrorCode } from './token';
import { InvalidAddressError, resolveEndpointUrl, resolveRedirectUrl } from './webApi';

export type { AlteryxContext } from './authentication';

export interface AlteryxRequest {
	method: IHttpRequestMethods;
	/** Relative to the Web API address ("v3/workflows"), or an absolute URL on the same origin. */
	endpoint: string;
	qs?: IDataObject;
	headers?: IDataObject;
	/**
	 * Bytes, a string or a JSON value, which n8n re-sends itself after a 401-triggered token
	 * refresh; or a StreamBody (a file from n8n's binary data store), opened again for every send:
	 * n8n does not resend a consumed stream after its refresh, so the transport sends it once more.
	 */
	body?: Buffer | string | IDataObject | IDataObject[] | StreamBody;
	timeout?: number;
	/** Return non-2xx responses instead of throwing (the "Never Error" option). */
	neverError?: boolean;
	/** Retries of transient failures; defaults to DEFAULT_RETRY_POLICY. */
	retry?: RetryPolicy;
	/** The caller asked for text or a file, so an HTML body is what it wants. */
	expectHtml?: boolean;
	/** What the request is about, so a 404 or 403 names it (the verb nodes name the endpoint). */
	subject?: ErrorSubject;
	/**
	 * How the caller reads a 2xx body, and the most bytes it turns into JSON or text (0: no
	 * limit). A larger body is refused before anything parses it; files are never limited.
	 */
	decode?: { format: ResponseFormat; maxBytes: number };
	/**
	 * The caller takes a file answer (by `decode.format` and the headers: an attachment or a
	 * binary type) as a stream from the socket, for n8n's binary data store: what it returns
	 * becomes the response's `file`. JSON, text and error answers are still read into `body`.
	 * Without it, every body is read into memory.
	 */
	saveFile?: (body: ByteStream, response: AlteryxResponse) => Promise<IBinaryData>;
}

export const DEFAULT_TIMEOUT_MS = 300_000;

/**
 * Headers that decide where a signed request or its redirects go: follow-redirects resolves a
 * relative Location against a user-set Host and keeps the token for it; servers behind a proxy
 * build redirects from X-Forwarded-Host or Forwarded. Calling Alteryx Server needs none of them.
 */
const STEERING_HEADERS = new Set(['host', 'x-forwarded-host', 'forwarded']);

/** Redirects within the Web API address that one request follows before giving up. */
const MAX_REDIRECTS = 5;
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

/**
 * The most bytes of a streamed error answer (or redirect) that are read: real ones are a few
 * hundred bytes; this only bounds a runaway one.
 */
const ERROR_BODY_LIMIT = DEFAULT_MAX_RESPONSE_BYTES;

/**
 * The connection closed after the status line but before the whole body arrived: the server
 * got the request (and may have carried it out); only its answer was lost.
 */
class ResponseCutOffError extends Error {
	readonly code = 'ERR_STREAM_PREMATURE_CLOSE';

	constructor(cause: unknown) {
		super('The connection closed before the whole answer arrived', { cause });
		this.name = 'ResponseCutOffError';
	}
}

/**
 * The one way every node talks to Alteryx (Server, Analytics Cloud, the legacy Gallery API). The
 * token is attached by the credential; this function resolves the endpoint inside the
 * credential's address, sends the request, and turns failures into errors a user can act on,
 * in the words of the credential's product (connection.terms).
 */
export async function alteryxApiRequest(
	this: AlteryxContext,
	request: AlteryxRequest,
	itemIndex = 0,
): Promise<AlteryxResponse> {
	const node = this.getNode();
	let credential: CredentialRead;
	let url: URL;
	try {
		credential = await readCredential.call(this, itemIndex);
		url = resolveEndpointUrl(
			credential.connection.baseUrlFor(String(request.endpoint ?? '')).href,
			request.endpoint,
			credential.connection.terms,
		);
	} catch (error) {
		throw asOperationError(node, error, itemIndex);
	}

	// n8n fetches a missing token outside the lease it renews tokens under, so parallel items of
	// a credential's first use would each run a token exchange: the first goes ahead, the others
	// wait until it has a token (then use the one it stored) or gave up on getting one (then fail
	// the same way without an exchange of their own).
	let settleFirstUse: ((failure?: TokenFailure) => void) | undefined;
	while (!credential.connection.hasToken && !settleFirstUse) {
		const { credentialType } = credential.connection;
		const key = `${credentialType}:${node.credentials?.[credentialType]?.id ?? node.name}`;
		const firstUse = firstUses.get(key);
		if (firstUse) {
			const failure = await firstUse;
			credential = await readCredential.call(this, itemIndex);
			if (failure && !credential.connection.hasToken) {
				throw connectionError(
					node,
					credential.connection.terms,
					failure,
					url,
					itemIndex,
					0,
					request.method,
				);
			}
			continue;
		}
		let settle: (failure?: TokenFailure) => void = () => {};
		firstUses.set(
			key,
			new Promise<TokenFailure | undefined>((resolve) => {
				settle = resolve;
			}),
		);
		settleFirstUse = (failure) => {
			firstUses.delete(key);
			settle(failure);
		};
	}
	try {
		return await sendWithRetries.call(this, credential, request, url, itemIndex, (failure) => {
			settleFirstUse?.(failure);
			settleFirstUse = undefined;
		});
	} finally {
		settleFirstUse?.();
	}
}

/**
 * Requests on a credential's first use, while its token exchange runs (key: type and id); what
 * they resolve to is the token failure the first request gave up with, if it did.
 */
const firstUses = new Map<string, Promise<TokenFailure | undefined>>();

async function sendWithRetries(
	this: AlteryxContext,
	credential: CredentialRead,
	request: AlteryxRequest,
	url: URL,
	itemIndex: number,
	/**
	 * Called once the token, if there was none, is stored (an attempt was signed), or with the
	 * token failure the request gives up with.
	 */
	onToken: (failure?: TokenFailure) => void,
): Promise<AlteryxResponse> {
	const node = this.getNode();
	const { connection } = credential;
	const { terms } = connection;
	const steering = Object.keys(request.headers ?? {}).find((name) =>
		STEERING_HEADERS.has(name.trim().toLowerCase()),
	);
	if (steering !== undefined) {
		throw new NodeOperationError(node, `The header "${steering}" cannot be set`, {
			description: `It decides which server the request and its redirects go to, so the access token could reach another server than ${terms.address}. Remove it.`,
			itemIndex,
		});
	}
	const headers: IDataObject = {
		Accept: 'application/json, */*;q=0.5',
		...connection.headersFor(connection.baseUrlFor(url.href)),
		...request.headers,
	};
	let body = request.body;
	let upload: StreamBody | undefined;
	if (body instanceof StreamBody) {
		upload = body;
		body = undefined;
	} else if (body !== undefined && !Buffer.isBuffer(body) && typeof body !== 'string') {
		body = JSON.stringify(body);
		if (!hasHeader(headers, 'content-type')) headers['Content-Type'] = 'application/json';
	}

	appendQuery(url, request.qs);

	const options: IHttpRequestOptions = {
		method: request.method,
		url: url.href,
		headers,
		body,
		// Bytes in, bytes out: the node decides how to read the body (JSON, text, file), and
		// Alteryx's quirks (string-literal ids, BOMs, empty 200s) are handled in one place. A
		// caller that takes files gets a stream, read by sendOnce (receiveBody).
		encoding: request.saveFile ? 'stream' : 'arraybuffer',
		json: false,
		returnFullResponse: true,
		// No `timeout`: axios would only time an idle socket. Timeout is a deadline for the whole
		// exchange, enforced by sendOnce with an abort signal.
		skipSslCertificateValidation: connection.ignoreSSLIssues,
		sendCredentialsOnCrossOriginRedirect: false,
		// Redirects are followed below, and only within the Web API address: n8n's redirect
		// handling (follow-redirects) keeps the Authorization header for a subdomain of the host
		// and resolves relative locations against a user-set Host header.
		disableFollowRedirect: true,
	};

	const timeoutMs = deadlineMs(node, request.timeout, itemIndex);
	const policy = request.retry ?? DEFAULT_RETRY_POLICY;
	let redirects = 0;
	// Redirects followed within the Web API address do not count as retries.
	let retry = 0;
	const waitBeforeRetry = async (headers?: IDataObject) => {
		retry++;
		await sleep(retryDelayMs(retry, policy, headers));
	};
	// What the server answers can echo the request: the token it carried (the stored one or one
	// n8n obtained during this request) never reaches an output or an error.
	const sentTokens: string[] = [];
	const redacted = (response: AlteryxResponse) =>
		redactResponse(
			response,
			redactionFor({
				...connection.sensitiveValues,
				tokens: [...(connection.sensitiveValues.tokens ?? []), ...sentTokens],
			}),
		);
	const receive = request.saveFile
		? {
				saveFile: request.saveFile,
				format: request.decode?.format ?? 'file',
				maxBytes: request.decode?.maxBytes ?? 0,
			}
		: undefined;
	// A stream body is sent again once after a 401: n8n renewed the token but did not resend it.
	// A 401 means the server did not act, so this holds for a POST too.
	let resentAfter401 = false;
	// The Cloud token pair: the transport decides when the pair is renewed (cloudRenewal).
	let renewal: Renewal = 'none';
	let recoveredRotation = false;
	for (;;) {
		if (credential.connection.tokenPair && renewal === 'none') {
			({ credential, renewal } = await cloudRenewal.call(this, credential, itemIndex));
		}
		const triedRefreshToken = credential.connection.tokenPair
			? currentPair(credential.connection.tokenPair).refreshToken
			: undefined;
		const attempt = await sendOnce.call(this, credential, options, {
			url,
			timeoutMs,
			sentTokens,
			upload,
			receive,
			renewal,
		});
		renewal = 'none';
		if (
			credential.connection.tokenPair &&
			attempt.kind === 'failedResponse' &&
			attempt.response.statusCode === 401 &&
			!resentAfter401
		) {
			// Another process may have renewed the pair (then the stored one works), else this
			// request renews it. Either way the 401 means nothing was done: resend, POST too.
			resentAfter401 = true;
			const refused = [currentPair(credential.connection.tokenPair).accessToken, ...sentTokens];
			const renewedElsewhere = (read: CredentialRead) => {
				const stored = currentPair(read.connection.tokenPair ?? {});
				return stored.accessToken !== '' && !refused.includes(stored.accessToken);
			};
			forgetCredential.call(this, credential);
			credential = await readCredential.call(this, itemIndex);
			({ credential, renewal } = renewedElsewhere(credential)
				? { credential, renewal: 'checked' as Renewal }
				: await coordinatedRenewal.call(this, credential, itemIndex, renewedElsewhere));
			continue;
		}
		if (
			attempt.kind === 'error' &&
			triedRefreshToken !== undefined &&
			!recoveredRotation &&
			isRefreshTokenRefused(attempt.error)
		) {
			// Refused because another n8n process (queue mode) used it first: its new pair is, or
			// soon will be, stored. Go on with that one; give up only if none arrives.
			recoveredRotation = true;
			const newer = await storedPairAfter.call(this, credential, triedRefreshToken, itemIndex);
			if (newer) {
				credential = newer;
				renewal = 'checked';
				continue;
			}
		}
		if (sentTokens.length > 0) onToken();
		if (
			attempt.kind === 'failedResponse' &&
			attempt.response.statusCode === 401 &&
			attempt.sentStream &&
			!resentAfter401
		) {
			// n8n renewed the token without resending: the run's read of the credential is stale,
			// and the resend must be signed with the renewed token.
			forgetCredential.call(this, credential);
			credential = await readCredential.call(this, itemIndex);
			resentAfter401 = true;
			continue;
		}
		if (attempt.kind === 'failedResponse' && REDIRECT_STATUSES.has(attempt.response.statusCode)) {
			const location = headerValue(attempt.response.headers, 'location');
			if (location !== undefined && redirects >= MAX_REDIRECTS) {
				if (request.neverError) return redacted(attempt.response);
				throw tooManyRedirects(node, terms, url, attempt.response.statusCode, itemIndex);
			}
			if (location !== undefined) {
				url = followRedirect(
					node,
					connection,
					url,
					location,
					attempt.response.statusCode,
					itemIndex,
				);
				redirects++;
				options.url = url.href;
				const status = attempt.response.statusCode;
				if (status === 303 || ((status === 301 || status === 302) && options.method === 'POST')) {
					options.method = 'GET';
					delete options.body;
					upload = undefined;
				}
				continue;
			}
		}
		if (attempt.kind === 'response') {
			if (request.decode) {
				refuseOversizedBody(node, attempt.response, request.decode, itemIndex, attempt.cutShort);
			}
			const garbled = describeGarbledBody(terms, attempt.response, request.expectHtml === true);
			if (!garbled) return redacted(attempt.response);
			if (retry < policy.maxRetries && isRetryable(request.method, { kind: 'garbled' })) {
				await waitBeforeRetry();
				continue;
			}
			throw new NodeApiError(node, { message: garbled.message } as JsonObject, {
				message: garbled.message,
				description: `${mayHaveRunNote(terms, request.method)}${garbled.description}${triedTimes(retry)}`,
				httpCode: String(attempt.response.statusCode),
				itemIndex,
			});
		}
		if (attempt.kind === 'failedResponse') {
			const outcome = { kind: 'status' as const, ...attempt.response };
			const quotaRefusal =
				attempt.response.statusCode === 429 && connection.quotaRefusalIsSafeToRepeat === true;
			if (retry < policy.maxRetries && (quotaRefusal || isRetryable(request.method, outcome))) {
				await waitBeforeRetry(attempt.response.headers);
				continue;
			}
			if (request.neverError) return redacted(attempt.response);
			const error = alteryxApiError(
				node,
				redacted(attempt.response),
				itemIndex,
				request.subject,
				terms.product,
			);
			if (retry > 0) error.description = `${error.description ?? ''}${triedTimes(retry)}`.trim();
			throw error;
		}
		const tokenError = connection.tokenFailureOf(attempt.error);
		const outcome = tokenError
			? {
					kind: 'token' as const,
					statusCode: tokenError.endpointStatus,
					code: tokenError.networkCode,
				}
			: { kind: 'network' as const, code: findErrorCode(attempt.error) };
		if (retry < policy.maxRetries && isRetryable(request.method, outcome)) {
			await waitBeforeRetry();
			continue;
		}
		if (tokenError) onToken(tokenError);
		throw connectionError(
			node,
			terms,
			tokenError ?? attempt.error,
			url,
			itemIndex,
			retry,
			request.method,
		);
	}
}

/**
 * What the next attempt does about the Cloud token pair: nothing ('none': not decided yet;
 * 'checked': decided, keep it), have n8n set up a newly pasted pair ('setUp'), or renew ('force').
 */
type Renewal = 'none' | 'checked' | 'setUp' | 'force';

/**
 * A random share of the renewal margin that stays the same for this process: n8n processes that
 * share a credential (queue mode) then renew at different moments, and the later ones find the
 * renewed pair stored instead of renewing it again.
 */
const PROCESS_MARGIN_SHARE = Math.random();

/**
 * Before a request with the Cloud token pair: renew the pair when its access token is about to
 * expire, or set up a newly pasted pair. The decision is taken on the stored credential, read
 * again, so that a pair another process renewed is used instead of renewed twice.
 */
async function cloudRenewal(
	this: AlteryxContext,
	credential: CredentialRead,
	itemIndex: number,
): Promise<{ credential: CredentialRead; renewal: Renewal }> {
	const decide = (read: CredentialRead): Renewal | undefined => {
		const data = read.connection.tokenPair ?? {};
		const pair = currentPair(data);
		const inUse = typeof data.sessionAccessToken === 'string' ? data.sessionAccessToken : '';
		const lifetime = lifetimeMs(pair.accessToken);
		const margin = refreshMarginMs(lifetime, () => PROCESS_MARGIN_SHARE);
		if (pair.accessToken !== '' && isRenewalDue(pair, Date.now(), margin)) return 'force';
		if (pair.accessToken === '' || pair.accessToken !== inUse) return 'setUp';
		return undefined;
	};
	if (decide(credential) === undefined) return { credential, renewal: 'checked' };
	forgetCredential.call(this, credential);
	const fresh = await readCredential.call(this, itemIndex);
	const renewal = decide(fresh) ?? 'checked';
	if (renewal !== 'force') return { credential: fresh, renewal };
	const seen = currentPair(fresh.connection.tokenPair ?? {}).refreshToken;
	return await coordinatedRenewal.call(
		this,
		fresh,
		itemIndex,
		(read) => currentPair(read.connection.tokenPair ?? {}).refreshToken !== seen,
	);
}

/** This process, in renewal claims. */
const PROCESS_ID = `${Math.random().toString(36).slice(2, 10)}${Math.random().toString(36).slice(2, 10)}`;

/**
 * Renewal claims: how long a claim stands before others take over (its owner may have stopped),
 * how long a process waits after storing its claim before it looks whether it was the last
 * (longer than a claim takes to be stored), and how often a waiting process looks at the store.
 */
const CLAIM = { standsMs: 15_000, settleMs: 1_000, pollMs: 250 };

/** Coordinations under way in this process, per credential and pair: one claim per process. */
const coordinations = new Map<string, Promise<{ credential: CredentialRead; renewal: Renewal }>>();

/**
 * Renews the token pair at most once across all n8n processes that share the credential (queue
 * mode), without a lock: a process stores a claim in the credential, waits until every claim
 * made at the same moment is stored, and renews only if the stored claim is still its own (the
 * last one written wins); the others wait for the pair it stores. Refresh tokens die when used,
 * and some token endpoints revoke the whole pair when one is presented twice: two processes must
 * never both renew (docs/decisions/0008-cloud-credentials.md).
 */
async function coordinatedRenewal(
	this: AlteryxContext,
	credential: CredentialRead,
	itemIndex: number,
	renewedSince: (read: CredentialRead) => boolean,
): Promise<{ credential: CredentialRead; renewal: Renewal }> {
	const { credentialType } = credential.connection;
	const node = this.getNode();
	const seen = currentPair(credential.connection.tokenPair ?? {}).refreshToken;
	const key = `${credentialType}:${node.credentials?.[credentialType]?.id ?? node.name}:${seen}`;
	// Requests of this process join its claim; they all renew with the same refresh token, which
	// refreshTokenPair turns into one refresh.
	const running = coordinations.get(key);
	if (running) return await running;
	const coordination = (async () => {
		let read = credential;
		const deadline = Date.now() + 2 * CLAIM.standsMs;
		while (Date.now() < deadline) {
			if (renewedSince(read)) return { credential: read, renewal: 'checked' as Renewal };
			const claim = renewalClaimOf(read.connection.tokenPair ?? {});
			if (claim && claim.owner !== PROCESS_ID && Date.now() - claim.at < CLAIM.standsMs) {
				// Another process renews: wait for the pair it stores.
				await sleep(CLAIM.pollMs);
				read = await freshRead.call(this, read, itemIndex);
				continue;
			}
			await storeClaim.call(this, read);
			await sleep(CLAIM.settleMs);
			read = await freshRead.call(this, read, itemIndex);
			if (renewedSince(read)) return { credential: read, renewal: 'checked' as Renewal };
			if (renewalClaimOf(read.connection.tokenPair ?? {})?.owner === PROCESS_ID) {
				return { credential: read, renewal: 'force' as Renewal };
			}
		}
		// The claims never settled (a store that does not keep them): renew rather than fail.
		return { credential: read, renewal: 'force' as Renewal };
	})();
	coordinations.set(key, coordination);
	try {
		return await coordination;
	} finally {
		coordinations.delete(key);
	}
}

async function freshRead(
	this: AlteryxContext,
	read: CredentialRead,
	itemIndex: number,
): Promise<CredentialRead> {
	forgetCredential.call(this, read);
	return await readCredential.call(this, itemIndex);
}

/**
 * Stores this process's renewal claim in the credential. n8n stores what a credential's
 * preAuthentication returns only while it signs a request, so the claim rides on a harmless GET
 * (v4/people/current; its answer is not used).
 */
async function storeClaim(this: AlteryxContext, read: CredentialRead) {
	const { connection } = read;
	const claimed: IDataObject = {
		...read.data,
		sessionAccessToken: '',
		[RENEW_MARKER]: 'claim',
		[CLAIM_KEEPS_TOKEN]: read.data.sessionAccessToken ?? '',
		sessionRenewalClaim: renewalClaimText({ owner: PROCESS_ID, at: Date.now() }),
	};
	const context = Object.create(this, {
		getCredentials: {
			value: async (type: string, ...rest: unknown[]) =>
				type === connection.credentialType
					? claimed
					: await (this.getCredentials as (...args: unknown[]) => Promise<unknown>)(type, ...rest),
		},
	}) as AlteryxContext;
	try {
		await this.helpers.httpRequestWithAuthentication.call(
			context,
			connection.credentialType,
			{
				method: 'GET',
				url: new URL('v4/people/current', connection.baseUrl).href,
				headers: { Accept: 'application/json' },
				returnFullResponse: true,
				ignoreHttpStatusErrors: true,
				timeout: 30_000,
			},
			{ preAuthenticationRetryStatusCode: [] },
		);
	} catch {
		// Stored before the GET was sent, or not at all: the settle read tells which.
	}
}

/** How long the access token lives in all (its JWT's exp - iat), for the renewal margin. */
function lifetimeMs(accessToken: string): number {
	const claims = jwtClaimsOf(accessToken) as { iat?: unknown; exp?: unknown } | undefined;
	const seconds = Number(claims?.exp) - Number(claims?.iat);
	return Number.isFinite(seconds) ? seconds * 1000 : Number.NaN;
}

/** How often, and how long, the stored credential is looked at for a pair another process stored. */
const ROTATION_WAIT = { polls: 8, intervalMs: 400 };

/**
 * After the token endpoint refused a refresh token: the stored credential with a newer pair
 * (another n8n process renewed it and is storing the result), or undefined when none arrives.
 */
async function storedPairAfter(
	this: AlteryxContext,
	credential: CredentialRead,
	refusedRefreshToken: string,
	itemIndex: number,
): Promise<CredentialRead | undefined> {
	let read = credential;
	for (let poll = 0; poll < ROTATION_WAIT.polls; poll++) {
		forgetCredential.call(this, read);
		read = await readCredential.call(this, itemIndex);
		const pair = currentPair(read.connection.tokenPair ?? {});
		if (pair.refreshToken !== '' && pair.refreshToken !== refusedRefreshToken) return read;
		await sleep(ROTATION_WAIT.intervalMs);
	}
	return undefined;
}

// Node's timers fire at once beyond 2^31 - 1 ms (24.8 days), AbortSignal.timeout() included.
const MAX_TIMER_MS = 2 ** 31 - 1;

/** The Timeout in whole milliseconds; an expression may bring text, 0 or 1e13. */
function deadlineMs(node: INode, timeout: unknown, itemIndex: number): number {
	if (timeout === undefined) return DEFAULT_TIMEOUT_MS;
	const ms = typeof timeout === 'string' && timeout.trim() !== '' ? Number(timeout) : timeout;
	if (typeof ms !== 'number' || !Number.isFinite(ms) || ms < 1) {
		throw new NodeOperationError(
			node,
			`Timeout must be a number of milliseconds, at least 1 (got ${JSON.stringify(timeout)})`,
			{ itemIndex },
		);
	}
	return Math.min(Math.ceil(ms), MAX_TIMER_MS);
}

/** The next URL of a redirect, only when it stays inside the credential's address. */
function followRedirect(
	node: INode,
	connection: AlteryxConnection,
	from: URL,
	location: string,
	status: number,
	itemIndex: number,
): URL {
	let target: URL | undefined;
	try {
		target = new URL(location, from);
		return resolveRedirectUrl(connection.baseUrlFor(from.href).href, target, connection.terms);
	} catch {
		const { terms } = connection;
		const where = target ? (target.host ? target.host : target.protocol) : 'an invalid address';
		const message = `${terms.product} redirected the request to ${where}, outside ${terms.address}`;
		throw new NodeApiError(node, { message } as JsonObject, {
			message,
			description: `The redirect was not followed, so the access token stays with the server in the credential. Check ${terms.address} (for example https:// instead of http://, or the host name the server redirects to).`,
			httpCode: String(status),
			itemIndex,
		});
	}
}

function tooManyRedirects(
	node: INode,
	terms: Readonly<ProductTerms>,
	url: URL,
	status: number,
	itemIndex: number,
) {
	const message = `${terms.product} redirected the request more than ${MAX_REDIRECTS} times (last at ${url.pathname})`;
	return new NodeApiError(node, { message } as JsonObject, {
		message,
		description: `The redirects go round in a loop, so they were not followed further. Check ${terms.addressCheck} and the proxy or load balancer in front of the server.`,
		httpCode: String(status),
		itemIndex,
	});
}

type Attempt = (
	| {
			kind: 'response';
			response: AlteryxResponse;
			/** The body was longer than the caller's limit and was not read to its end. */
			cutShort?: boolean;
	  }
	| { kind: 'failedResponse'; response: AlteryxResponse }
	| { kind: 'error'; error: unknown }
) & {
	/** The request body was a stream, which n8n does not send again after a 401. */
	sentStream?: boolean;
};

/** How sendOnce reads a streamed answer (AlteryxRequest.saveFile). */
interface Receive {
	saveFile: NonNullable<AlteryxRequest['saveFile']>;
	format: ResponseFormat;
	maxBytes: number;
}

/** No complete answer (connection, token, headers and body) within the request's Timeout. */
class DeadlineExceededError extends Error {
	// Retried like a timeout: GET, PUT, DELETE yes, POST never.
	readonly code = 'ETIMEDOUT';

	constructor(readonly timeoutMs: number) {
		super(`No complete answer within ${timeoutMs} ms`);
		this.name = 'DeadlineExceededError';
	}
}

class ExecutionCancelledError extends Error {
	constructor() {
		super('The execution was cancelled');
		this.name = 'ExecutionCancelledError';
	}
}

/** The answer arrived whole, but n8n could not keep it in its binary data store. */
class FileNotStoredError extends Error {
	constructor(cause: unknown) {
		super(
			`The downloaded file could not be stored: ${cause instanceof Error ? cause.message : String(cause)}`,
			{ cause },
		);
		this.name = 'FileNotStoredError';
	}
}

/**
 * One attempt, over within `timeoutMs` whatever the server does (a socket-idle timeout never
 * fires on a server that trickles a byte a second). n8n core sets the request's abort signal
 * from `getExecutionCancelSignal()`, overwriting one in the options, so the helper is called on a
 * context whose signal is the execution's cancel signal or the deadline, whichever comes first
 * (docs/decisions/0001-request-deadline.md). The deadline also covers reading a streamed body
 * (a download into n8n's binary data store) and sending a streamed one (an upload).
 */
async function sendOnce(
	this: AlteryxContext,
	credential: CredentialRead,
	options: IHttpRequestOptions,
	attempt: {
		url: URL;
		timeoutMs: number;
		/** Receives every token n8n signs the request with (also one it renewed on a 401). */
		sentTokens: string[];
		/** The body, opened for this send. */
		upload: StreamBody | undefined;
		/** Set when the answer comes as a stream. */
		receive: Receive | undefined;
		/** The Cloud token pair: whether n8n is to have the credential renew or set up the pair. */
		renewal: Renewal;
	},
): Promise<Attempt> {
	const { url, timeoutMs, sentTokens, upload, receive, renewal } = attempt;
	const { connection } = credential;
	const cancelSignal =
		'getExecutionCancelSignal' in this ? this.getExecutionCancelSignal() : undefined;
	const deadline = AbortSignal.timeout(timeoutMs);
	const signal = cancelSignal ? AbortSignal.any([cancelSignal, deadline]) : deadline;
	const helpers = this.helpers;
	// n8n's OAuth2 support signs the request and sends it through `this.helpers.httpRequest` of
	// the context it is called on: seeing it there is how the transport learns a renewed token,
	// and where a streamed error answer (the 401 n8n reacts to) is read before n8n sees it.
	const recordingHelpers = Object.create(helpers, {
		httpRequest: {
			value: async (signed: IHttpRequestOptions) => {
				const authorization = headerValue(signed.headers as IDataObject, 'authorization');
				const token = authorization?.replace(/^bearer\s+/i, '');
				if (token && !sentTokens.includes(token)) sentTokens.push(token);
				// n8n must get axios' own error back: its status is what starts the token refresh.
				return await helpers.httpRequest(signed).catch(async (error: unknown) => {
					await readErrorBody(error);
					throw error;
				});
			},
		},
	}) as typeof helpers;
	const readStored = this.getCredentials.bind(this) as (...args: unknown[]) => Promise<unknown>;
	// What n8n is given of the token pair: with the access token in use emptied, n8n calls the
	// credential's preAuthentication, which sets the pair up or renews it (RENEW_MARKER), and
	// stores the result; n8n then writes it into this copy, where the new token is read back.
	const tokenPairCopy: IDataObject | undefined =
		connection.tokenPair && (renewal === 'force' || renewal === 'setUp')
			? { ...credential.data, sessionAccessToken: '', [RENEW_MARKER]: renewal === 'force' }
			: undefined;
	const withDeadline = Object.create(this, {
		getExecutionCancelSignal: { value: () => signal },
		helpers: { value: recordingHelpers },
		// n8n's OAuth2 support reads the credential for every request it signs: it gets the node
		// run's read instead (a copy: n8n writes a new token into what it is given). A 401 still
		// makes n8n look at the stored token, and renew it under its lease.
		getCredentials: {
			value: async (type: string, ...rest: unknown[]) =>
				type === connection.credentialType
					? (tokenPairCopy ?? { ...credential.data })
					: await readStored(type, ...rest),
		},
	}) as AlteryxContext;
	// A fresh copy each time: n8n's helpers add to the options they are given.
	const sent: IHttpRequestOptions = {
		...options,
		headers: { ...options.headers },
		abortSignal: signal,
	};
	let body: ByteStream | Buffer | undefined;
	if (upload) {
		body = await upload.open();
		sent.body = body;
		if (isByteStream(body) && upload.length !== undefined) {
			(sent.headers as IDataObject)['Content-Length'] = upload.length;
		}
	}
	const sentStream = isByteStream(body);
	let answer: ByteStream | undefined;
	let answerFailed = false;
	const storedToken = connection.tokenPair
		? connection.tokenPair.sessionAccessToken
		: (credential.data.oauthTokenData as IDataObject | undefined)?.access_token;
	// n8n stored a first or a renewed token: the node run reads the credential again.
	const forgetIfStale = () => {
		const renewed = tokenPairCopy?.sessionAccessToken;
		if (typeof renewed === 'string' && renewed !== '' && !sentTokens.includes(renewed)) {
			sentTokens.push(renewed);
		}
		if (sentTokens.some((token) => token !== storedToken)) forgetCredential.call(this, credential);
	};
	try {
		const response = (await untilAborted(
			helpers.httpRequestWithAuthentication.call(
				withDeadline,
				connection.credentialType,
				sent,
				// The token pair is renewed by cloudRenewal, which first looks at the stored pair
				// (another process may have renewed it), not by n8n's 401 reflex.
				connection.tokenPair ? { preAuthenticationRetryStatusCode: [] } : undefined,
			),
			signal,
		)) as IN8nHttpFullResponse;
		forgetIfStale();
		const head: AlteryxResponse = {
			statusCode: response.statusCode,
			headers: (response.headers ?? {}) as IDataObject,
			body: EMPTY,
			url: url.href,
		};
		if (receive && isByteStream(response.body)) {
			answer = response.body;
			// Also keeps a late error of the stream from going unhandled.
			answer.on('error', () => {
				answerFailed = true;
			});
			const received = await untilAborted(receiveBody(answer, head, receive), signal);
			return { kind: 'response', ...received, sentStream };
		}
		return {
			kind: 'response',
			response: { ...head, body: toBuffer(response.body) },
			sentStream,
		};
	} catch (error) {
		forgetIfStale();
		if (cancelSignal?.aborted) {
			return { kind: 'error', error: new ExecutionCancelledError(), sentStream };
		}
		if (deadline.aborted) {
			return { kind: 'error', error: new DeadlineExceededError(timeoutMs), sentStream };
		}
		if (answer) {
			// The body stopped short (the connection closed or broke: the stream failed), or n8n
			// could not store it (the store stopped reading, which destroys the stream without an
			// error).
			const failed = answerFailed || Boolean(answer.errored);
			return {
				kind: 'error',
				error: failed ? new ResponseCutOffError(error) : new FileNotStoredError(error),
				sentStream,
			};
		}
		// The token endpoint's answer is not the API's: a 500 there did not reach the endpoint.
		const tokenFailure = connection.tokenFailureOf(error);
		if (tokenFailure) return { kind: 'error', error: tokenFailure, sentStream };
		await readErrorBody(error);
		const failed = responseOf(error);
		// axios rejects a 2xx whose body stopped short of its Content-Length ("stream has been
		// aborted") with the response attached: not an answer, a dropped connection.
		if (failed && failed.statusCode >= 200 && failed.statusCode < 300) {
			return { kind: 'error', error: new ResponseCutOffError(error), sentStream };
		}
		if (failed) {
			return { kind: 'failedResponse', response: { ...failed, url: url.href }, sentStream };
		}
		return { kind: 'error', error, sentStream };
	} finally {
		if (isByteStream(body)) body.destroy();
		if (answer && !answer.readableEnded) answer.destroy();
	}
}

const EMPTY = Buffer.alloc(0);

/**
 * A streamed 2xx answer: a file (by the caller's Response Format and the headers) goes from
 * the socket to the caller's store; JSON and text are read into memory, no further than the
 * caller's Max Response Size. Text that is not an attachment is read too even as a file, so
 * redactResponse can take a token a server echoes out of it.
 */
async function receiveBody(
	stream: ByteStream,
	head: AlteryxResponse,
	receive: Receive,
): Promise<{ response: AlteryxResponse; cutShort?: boolean }> {
	const kind = kindFromHeaders(head.headers, receive.format);
	if (kind === 'file' && !isTextual(head.headers)) {
		const file = await receive.saveFile(stream, head);
		// Autodetect calls an empty answer empty, whatever its type says.
		if (receive.format === 'autodetect' && file.bytes === 0) return { response: head };
		return { response: { ...head, file } };
	}
	const limit =
		(kind === 'json' || kind === 'text') && receive.maxBytes > 0
			? receive.maxBytes
			: Number.POSITIVE_INFINITY;
	const { body, complete } = await readStream(stream, limit);
	return { response: { ...head, body }, cutShort: !complete };
}

/**
 * An error answer that came as a stream (every answer does for a caller with saveFile), read
 * into a Buffer so it can be shown and redacted: such answers are small, and what is beyond
 * ERROR_BODY_LIMIT is left unread.
 */
async function readErrorBody(error: unknown) {
	for (const link of errorChain(error)) {
		const response = (link as { response?: { data?: unknown } }).response;
		if (!response || !isByteStream(response.data)) continue;
		const stream = response.data;
		try {
			response.data = (await readStream(stream, ERROR_BODY_LIMIT)).body;
		} catch {
			response.data = EMPTY;
			stream.destroy();
		}
	}
}

/**
 * Settles like `work`, or rejects as soon as `signal` aborts: the token exchange that n8n runs
 * inside the request helper does not see the signal, and must not hold the request past it.
 */
async function untilAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
	let onAbort = () => {};
	const aborted = new Promise<never>((_resolve, reject) => {
		onAbort = () => reject(signal.reason);
		if (signal.aborted) onAbort();
		else signal.addEventListener('abort', onAbort, { once: true });
	});
	try {
		return await Promise.race([work, aborted]);
	} finally {
		signal.removeEventListener('abort', onAbort);
	}
}

/**
 * A 2xx that cannot be what the Web API meant: a login or SSO page (HTML) in front of it, or
 * JSON cut off on the way (a proxy dropping the connection).
 */
function describeGarbledBody(
	terms: Readonly<ProductTerms>,
	response: AlteryxResponse,
	expectHtml: boolean,
): { message: string; description: string } | undefined {
	if (response.statusCode < 200 || response.statusCode >= 300) return undefined;
	const mime = mimeTypeOf(response.headers);
	if (mime === 'text/html' && !expectHtml) {
		return {
			message: `${terms.product} answered with a web page instead of data`,
			description: `Something in front of ${terms.api} (a login page, single sign-on or a proxy) answered instead of it. Check ${terms.addressCheck} and that ${terms.api} is reachable without a browser login.`,
		};
	}
	if ((mime === 'application/json' || mime === 'text/json') && response.body.length > 0) {
		const parsed = decodeJsonBody(response.body);
		if (typeof parsed === 'string' && !isJsonStringLiteral(response.body)) {
			return {
				message: `${terms.product} sent incomplete or malformed JSON (${response.body.length} bytes)`,
				description:
					'The response was cut off or corrupted on the way, often by a proxy or an unstable connection. Try again; if it keeps happening, check the network between n8n and the server.',
			};
		}
	}
	return undefined;
}

/**
 * A JSON or text answer too large to become items (a 100 MB list became a million items and
 * 2.7 GB of memory). Refused before it is parsed; a streamed answer is not even read past the
 * limit (`cutShort`), and its size is then the Content-Length it announced.
 */
function refuseOversizedBody(
	node: INode,
	response: AlteryxResponse,
	decode: NonNullable<AlteryxRequest['decode']>,
	itemIndex: number,
	cutShort = false,
) {
	const kind = responseKind(response, decode.format);
	if (decode.maxBytes <= 0 || (kind !== 'json' && kind !== 'text')) return;
	if (!cutShort && response.body.length <= decode.maxBytes) return;
	const announced = Number(headerValue(response.headers, 'content-length'));
	const size = cutShort
		? Number.isSafeInteger(announced) && announced > decode.maxBytes
			? announced
			: undefined
		: response.body.length;
	const mib = (bytes: number) => Number((bytes / 1024 / 1024).toFixed(2));
	const what = kind === 'json' ? 'JSON' : 'text';
	throw new NodeOperationError(
		node,
		`The answer is too large to turn into items: ${size === undefined ? `more than ${mib(decode.maxBytes)} MiB of ${what}` : `${mib(size)} MiB of ${what}`}, more than the limit of ${mib(decode.maxBytes)} MiB`,
		{
			description:
				'Ask for less at a time (the Pagination option or a Limit, or filters in the query), or set Response Format to File in the Alteryx Server GET node to keep the answer as a file. The GET, POST, PUT and DELETE nodes take a higher limit in Options → Max Response Size (0 = no limit), at the cost of memory.',
			itemIndex,
		},
	);
}

function isJsonStringLiteral(body: Buffer): boolean {
	return /^\uFEFF?\s*"/.test(body.toString('utf8'));
}

/**
 * Query values go into the URL here rather than through axios' serializer, so "&" and "#"
 * in a value are always encoded and an array repeats the parameter (what ASP.NET expects).
 */
function appendQuery(url: URL, qs: IDataObject | undefined) {
	for (const [name, value] of Object.entries(qs ?? {})) {
		for (const element of Array.isArray(value) ? value : [value]) {
			if (element === undefined || element === null) continue;
			url.searchParams.append(
				name,
				typeof element === 'object' ? JSON.stringify(element) : String(element),
			);
		}
	}
}

function hasHeader(headers: IDataObject, name: string): boolean {
	return Object.keys(headers).some((key) => key.toLowerCase() === name);
}

/** The HTTP response inside an error thrown by n8n's request helpers, if there was one. */
function responseOf(error: unknown): Omit<AlteryxResponse, 'url'> | undefined {
	for (const link of errorChain(error)) {
		const candidate = (
			link as { response?: { status?: number; headers?: unknown; data?: unknown } }
		).response;
		if (candidate && typeof candidate.status === 'number') {
			return {
				statusCode: candidate.status,
				headers: (candidate.headers ?? {}) as IDataObject,
				body: toBuffer(candidate.data),
			};
		}
	}
	return undefined;
}

/**
 * Said first in the error of a request that changes something and was not repeated: it may
 * have run.
 */
function mayHaveRunNote(terms: Readonly<ProductTerms>, method: IHttpRequestMethods): string {
	return method === 'POST' || method === 'PATCH'
		? `${terms.product} may already have carried out this ${method} (for example queued the job); it was not sent again, so nothing happens twice. Check (for example ${terms.runsListedIn}) before running it again. `
		: '';
}

/** What an error adds when the request was retried before it gave up. */
function triedTimes(retries: number): string {
	return retries > 0 ? ` Tried ${retries + 1} times.` : '';
}

const DROPPED_CODES = new Set(['ECONNRESET', 'EPIPE', 'ERR_STREAM_PREMATURE_CLOSE']);

function connectionError(
	node: INode,
	terms: Readonly<ProductTerms>,
	error: unknown,
	url: URL,
	itemIndex: number,
	retries: number,
	method: IHttpRequestMethods,
) {
	const tried = triedTimes(retries);
	const mayHaveRun = mayHaveRunNote(terms, method);
	if (error instanceof NodeOperationError) return error;
	if (error instanceof InvalidAddressError) return asOperationError(node, error, itemIndex);
	if (error instanceof ExecutionCancelledError) {
		return new NodeOperationError(node, error.message, {
			description: `The ${method} ${url.pathname} was stopped.`,
			itemIndex,
		});
	}
	if (error instanceof FileNotStoredError) {
		return new NodeOperationError(node, error.message, {
			description: `The answer to ${method} ${url.pathname} arrived, but n8n's binary data store did not take it. Check the free space and the binary data settings of n8n (N8N_DEFAULT_BINARY_DATA_MODE).${tried}`,
			itemIndex,
		});
	}
	if (error instanceof DeadlineExceededError) {
		const seconds = Number((error.timeoutMs / 1000).toFixed(3));
		// The error response carries no `code`: n8n would swap the message for a generic one.
		const message = `${terms.product} was too slow: no complete answer within ${seconds} s (${method} ${url.pathname})`;
		return new NodeApiError(node, { message } as JsonObject, {
			message,
			description: `${mayHaveRun}Raise the Timeout option for slow endpoints (large downloads, big lists), or check the server load. The Timeout is the longest the whole exchange may take: connecting, the access token, the headers and the whole body.${tried}`,
			itemIndex,
		});
	}
	const tokenError = findTokenFailure(error);
	if (tokenError) {
		return new NodeApiError(node, { message: tokenError.message } as JsonObject, {
			message: tokenError.message,
			description: `${tokenError.description}${tried}`,
			httpCode: tokenError.endpointStatus ? String(tokenError.endpointStatus) : undefined,
			itemIndex,
		});
	}
	const code = findErrorCode(error);
	if (code === 'ECONNABORTED' || code === 'ETIMEDOUT' || /timeout/i.test(String(error))) {
		// The error response carries no `code`: n8n would swap the message for a generic one.
		const message = `${terms.product} did not answer in time (${url.pathname})`;
		return new NodeApiError(node, { message } as JsonObject, {
			message,
			description: `${mayHaveRun}Raise the Timeout option for slow endpoints (large downloads, big lists), or check the server load.${tried}`,
			itemIndex,
		});
	}
	if (code && DROPPED_CODES.has(code)) {
		const message = `The connection to ${terms.product} dropped before the answer arrived (${url.pathname})`;
		return new NodeApiError(node, { message } as JsonObject, {
			message,
			description: `${mayHaveRun || 'Try again; '}if it keeps happening, check the network between n8n and the server (proxy, load balancer, VPN). Node.js reported ${code}.${tried}`,
			itemIndex,
		});
	}
	const described = describeConnectionFailure(error, url.href, terms);
	return new NodeApiError(node, { message: described.message } as JsonObject, {
		message: described.message,
		description: `${described.description}${tried}`,
		itemIndex,
	});
}

export function asOperationError(node: INode, error: unknown, itemIndex: number) {
	if (error instanceof InvalidAddressError) {
		return new NodeOperationError(node, error.message, { description: error.hint, itemIndex });
	}
	if (error instanceof NodeOperationError) return error;
	return new NodeOperationError(node, error as Error, { itemIndex });
}
