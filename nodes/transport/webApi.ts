/**
 * Where requests may go. Every node turns the user's `endpoint` into a URL here, and the
 * credential checks the same origin before it attaches the bearer token, so a token can only
 * ever travel to the Web API address the user configured.
 */

import { SERVER_TERMS, type ProductTerms } from './productTerms';

/** The Alteryx Server credential (API key and secret, OAuth2 client credentials). */
export const SERVER_CREDENTIAL_TYPE = 'alteryxServerOAuth2Api';

export interface AlteryxServerCredentials {
	webApiUrl: string;
	apiAccessKey: string;
	apiAccessSecret: string;
	authentication?: 'header' | 'body';
	ignoreSSLIssues?: boolean;
	/** The token n8n obtained and stores (its OAuth2 support). */
	oauthTokenData?: { access_token?: unknown };
}

/** A mistake in what the user typed (endpoint, Web API address): never an API failure. */
export class InvalidAddressError extends Error {
	constructor(
		message: string,
		readonly hint?: string,
	) {
		super(message);
		this.name = 'InvalidAddressError';
	}
}

// Control characters (CR/LF among them) would let a value split an HTTP request line.
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/;
const HAS_SCHEME = /^[a-z][a-z0-9+.-]*:/i;

/**
 * "https://host/webapi" and "https://host/webapi/" are the same Web API address; the
 * normalised form always ends with a slash so relative endpoints resolve beneath it.
 */
export function normalizeWebApiUrl(raw: unknown): URL {
	const text = typeof raw === 'string' ? raw.trim() : '';
	if (text === '') {
		throw new InvalidAddressError(
			'The credential has no Web API Address',
			'Enter the "Web API Address" shown in Alteryx Server under Admin → Settings → Configuration → System Settings, e.g. https://alteryx.example.com/webapi/',
		);
	}
	return parseAddress(text, 'Web API Address', 'https://alteryx.example.com/webapi/');
}

/**
 * A credential's address (the Web API Address, the Gallery API Address, a Cloud address) as a
 * base URL ending in "/"; `field` and `example` say in the error which field and how it looks.
 */
export function parseAddress(text: string, field: string, example: string): URL {
	const url = parseUrl(text);
	if (!url) {
		throw new InvalidAddressError(
			`The ${field} "${text}" is not a URL`,
			`It looks like ${example}`,
		);
	}
	if (url.protocol !== 'https:' && url.protocol !== 'http:') {
		throw new InvalidAddressError(`The ${field} must start with https:// or http://`);
	}
	if (url.username || url.password) {
		throw new InvalidAddressError(
			`The ${field} must not contain a user name or password`,
			'Leave them out: the credential signs in with its own fields.',
		);
	}
	url.search = '';
	url.hash = '';
	if (!url.pathname.endsWith('/')) url.pathname += '/';
	return url;
}

export function webApiBaseUrl(credentials: Pick<AlteryxServerCredentials, 'webApiUrl'>): string {
	return normalizeWebApiUrl(credentials.webApiUrl).href;
}

/**
 * Resolves an endpoint ("v3/workflows", "/v3/jobs/1", "admin/v1/…", or an absolute URL on the
 * same server) against the Web API address. Anything that would leave the configured origin,
 * or climb above the Web API path, is refused rather than sent; so is a path with a "." or ".."
 * step or an empty segment, which would address another endpoint than the one written.
 */
export function resolveEndpointUrl(
	webApiUrl: string,
	endpoint: unknown,
	terms: Readonly<ProductTerms> = SERVER_TERMS,
): URL {
	const { base, text, resolved } = resolveInsideWebApi(webApiUrl, endpoint, terms);
	refuseAmbiguousSegments(text, base, terms);
	return resolved;
}

/**
 * Where a redirect of the server leads, when it stays inside the Web API address. The URL
 * parser has already resolved its dot segments, and its empty segments are the server's choice.
 */
export function resolveRedirectUrl(
	webApiUrl: string,
	target: URL,
	terms: Readonly<ProductTerms> = SERVER_TERMS,
): URL {
	return resolveInsideWebApi(webApiUrl, target.href, terms).resolved;
}

function resolveInsideWebApi(
	webApiUrl: string,
	endpoint: unknown,
	terms: Readonly<ProductTerms>,
): { base: URL; text: string; resolved: URL } {
	const base = normalizeWebApiUrl(webApiUrl);
	const text = typeof endpoint === 'string' ? endpoint.trim() : String(endpoint ?? '').trim();
	if (text === '') {
		throw new InvalidAddressError(
			'The endpoint is empty',
			`Enter a path relative to ${terms.address}, for example ${terms.examplePath}`,
		);
	}
	if (CONTROL_CHARACTERS.test(text)) {
		throw new InvalidAddressError('The endpoint contains a line break or control character');
	}
	// Browsers and the WHATWG URL parser read "\" as "/", so "\\evil.com" would become a
	// protocol-relative URL to another host.
	if (text.includes('\\')) {
		throw new InvalidAddressError(
			'The endpoint contains a backslash',
			'Use forward slashes, for example v3/workflows/{id}/jobs',
		);
	}

	let resolved: URL;
	if (HAS_SCHEME.test(text)) {
		const absolute = parseUrl(text);
		if (!absolute) throw new InvalidAddressError(`The endpoint "${text}" is not a valid URL`);
		resolved = absolute;
		if (resolved.username || resolved.password) {
			throw new InvalidAddressError(
				'The endpoint contains a user name or password (the part before "@")',
				`Leave them out: the token from the credential is added for you. Use a path such as ${terms.examplePath}.`,
			);
		}
		if (resolved.origin !== base.origin) {
			throw new InvalidAddressError(
				`The endpoint points to ${describeOrigin(resolved)}, not to the ${terms.product} in the credential (${base.origin})`,
				`The access token is only ever sent to ${terms.address}. Use a path such as ${terms.examplePath} instead of a full URL.`,
			);
		}
	} else {
		if (text.startsWith('//')) {
			throw new InvalidAddressError(
				'The endpoint starts with "//", which would address another host',
				`Use a path relative to ${terms.address}, for example ${terms.examplePath}`,
			);
		}
		let relative = text;
		// People paste paths copied from Swagger or docs that repeat the Web API path
		// ("/webapi/v3/workflows"); the base already contains it.
		if (relative.startsWith(base.pathname)) relative = relative.slice(base.pathname.length);
		relative = relative.replace(/^\/+/, '');
		resolved = new URL(relative, base);
	}

	if (resolved.origin !== base.origin) {
		throw new InvalidAddressError(
			`The endpoint resolves to ${describeOrigin(resolved)}, outside the ${terms.product} in the credential`,
		);
	}
	if (!resolved.pathname.startsWith(base.pathname)) {
		throw new InvalidAddressError(
			`The endpoint resolves to ${resolved.pathname}, above ${terms.address} ${base.pathname}`,
			'Remove ".." segments from the endpoint.',
		);
	}
	resolved.hash = '';
	return { base, text, resolved };
}

/**
 * Ids are often mapped into an endpoint (`v3/collections/{{ $json.id }}/workflows/…`): an id of
 * ".." climbs to another endpoint that still lies under the Web API address, and an empty id
 * leaves "//", which Alteryx Server ignores, so the request reaches another route
 * (DELETE v3/collections/../workflows/1 deletes the workflow itself). One trailing "/" stays
 * allowed outside V3: the V1, admin and Gallery paths are documented with it
 * (v1/workflows/subscription/), while no V3 route ends in "/", so there it means an empty id
 * (GET v3/collections/{{ $json.id }} would list every collection).
 */
function refuseAmbiguousSegments(text: string, base: URL, terms: Readonly<ProductTerms>): void {
	let path = text.replace(/[?#].*$/s, '');
	if (HAS_SCHEME.test(path)) path = path.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/]*/i, '');
	if (path.startsWith(base.pathname)) path = path.slice(base.pathname.length);
	path = path.replace(/^\/+/, '');
	if (path === '') return;
	const segments = (path.startsWith('v3/') ? path : path.replace(/\/$/, '')).split('/');
	const hint =
		'When an ID is mapped into the endpoint with an expression, check that it is neither empty nor "." or "..".';
	segments.forEach((segment, index) => {
		const before = segments.slice(0, index).join('/');
		if (segment === '') {
			throw new InvalidAddressError(
				`The endpoint "${path}" has an empty segment after "${before}/"`,
				`${terms.product} ignores empty segments, so the request would reach another endpoint. Remove the extra "/". ${hint}`,
			);
		}
		if (hasDotSegment(segment)) {
			throw new InvalidAddressError(
				`The endpoint "${path}" contains the path step "${segment}"`,
				`"." and ".." (also written %2e) would send the request to another endpoint than the one written. Write the path without them. ${hint}`,
			);
		}
	});
}

const ENCODED_DOT_OR_SLASH = /%(2e|2f|5c|25)/gi;

/**
 * True when the text, percent-decoded as often as a server might decode it, has a "." or ".."
 * step, on its own or between "/" or "\\" (which IIS reads as "/"): "..", "%2E%2e", "..%2fx".
 */
export function hasDotSegment(text: string): boolean {
	let current = text;
	for (;;) {
		if (current.split(/[/\\]/).some((step) => step === '.' || step === '..')) return true;
		// Only the escapes that can make a dot or a separator; each pass shortens the text.
		const decoded = current.replace(ENCODED_DOT_OR_SLASH, (escape) => decodeURIComponent(escape));
		if (decoded === current) return false;
		current = decoded;
	}
}

function parseUrl(text: string): URL | undefined {
	try {
		return new URL(text);
	} catch {
		return undefined;
	}
}

function describeOrigin(url: URL): string {
	return url.host ? url.host : url.protocol;
}

/** True when a request URL (as n8n core or the HTTP Request node builds it) is on the credential's origin. */
export function isOnWebApiOrigin(webApiUrl: string, requestUrl: string, baseURL?: string): boolean {
	try {
		const base = normalizeWebApiUrl(webApiUrl);
		const target = baseURL ? new URL(requestUrl, baseURL) : new URL(requestUrl, base);
		return target.origin === base.origin;
	} catch {
		return false;
	}
}
