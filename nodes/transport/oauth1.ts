import { createHmac, randomBytes } from 'crypto';
import type { IDataObject, IHttpRequestOptions } from 'n8n-workflow';

/**
 * Two-legged OAuth 1.0a (RFC 5849) as the legacy Gallery API (`/gallery/api/`, Alteryx Server
 * 2021.4 and older) wants it: HMAC-SHA1 with the key `secret&` (there is no token), and the
 * oauth_* parameters in the query string, not in an Authorization header. The signature covers
 * the method, the normalised base URL and every query and form parameter; a JSON body is not
 * signed (RFC 5849 §3.4.1.3.1). Pure apart from the default nonce and clock, so the test vectors
 * of the RFC run against it (test/unit/oauth1.test.js).
 */

export interface OAuth1Keys {
	consumerKey: string;
	consumerSecret: string;
}

/** What makes one signature unique; every attempt (retries too) gets a new one. */
export interface OAuth1Stamp {
	nonce: string;
	/** Unix seconds. */
	timestamp: number;
}

export type Parameter = [name: string, value: string];

/** RFC 3986 §2.3 / RFC 5849 §3.6: everything but unreserved characters, as UTF-8, upper-case hex. */
export function percentEncode(value: string): string {
	return encodeURIComponent(value).replace(
		/[!'()*]/g,
		(character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`,
	);
}

/** A form-encoded component: "+" is a space (RFC 5849 §3.4.1.3.1 reads the query this way). */
function formDecode(value: string): string {
	const spaced = value.replace(/\+/g, ' ');
	try {
		return decodeURIComponent(spaced);
	} catch {
		// A lone "%" is taken literally, as lenient servers do.
		return spaced;
	}
}

/** The name/value pairs of a query string or form body, in order, repeated names kept. */
export function parseFormEncoded(text: string): Parameter[] {
	const pairs: Parameter[] = [];
	for (const part of text.replace(/^\?/, '').split('&')) {
		if (part === '') continue;
		const equals = part.indexOf('=');
		const name = equals === -1 ? part : part.slice(0, equals);
		const value = equals === -1 ? '' : part.slice(equals + 1);
		pairs.push([formDecode(name), formDecode(value)]);
	}
	return pairs;
}

/**
 * RFC 5849 §3.4.1.2: scheme and host in lower case, the port only when it is not the scheme's
 * default, the path as sent, no query or fragment. The WHATWG URL parser already lower-cases and
 * drops :80 for http and :443 for https.
 */
export function baseStringUri(url: URL): string {
	return `${url.protocol}//${url.host}${url.pathname}`;
}

/** RFC 5849 §3.4.1.3.2: encode, sort by name then value, join. */
export function normalizeParameters(parameters: Parameter[]): string {
	return parameters
		.map(([name, value]) => [percentEncode(name), percentEncode(value)])
		.sort(([aName, aValue], [bName, bValue]) =>
			aName < bName ? -1 : aName > bName ? 1 : aValue < bValue ? -1 : aValue > bValue ? 1 : 0,
		)
		.map(([name, value]) => `${name}=${value}`)
		.join('&');
}

/** RFC 5849 §3.4.1.1. `parameters` are the query, form and oauth_* ones (without the signature). */
export function signatureBaseString(method: string, url: URL, parameters: Parameter[]): string {
	return [
		method.toUpperCase(),
		percentEncode(baseStringUri(url)),
		percentEncode(normalizeParameters(parameters)),
	].join('&');
}

/** RFC 5849 §3.4.2; the Gallery's keys have no token, so its token secret is empty. */
export function hmacSha1Signature(
	baseString: string,
	consumerSecret: string,
	tokenSecret = '',
): string {
	const key = `${percentEncode(consumerSecret)}&${percentEncode(tokenSecret)}`;
	return createHmac('sha1', key).update(baseString, 'utf8').digest('base64');
}

export function newStamp(): OAuth1Stamp {
	return { nonce: randomBytes(16).toString('hex'), timestamp: Math.floor(Date.now() / 1000) };
}

/** The URL axios will call: `url` alone when absolute, else joined to `baseURL` as axios joins them. */
export function requestUrl(url: string, baseURL?: string): URL {
	if (/^[a-z][a-z0-9+.-]*:\/\//i.test(url) || !baseURL) return new URL(url);
	return new URL(`${baseURL.replace(/\/+$/, '')}/${url.replace(/^\/+/, '')}`);
}

/** Query values as the transport writes them: arrays repeat the name, objects become JSON. */
function qsParameters(qs: IDataObject | undefined): Parameter[] {
	const pairs: Parameter[] = [];
	for (const [name, value] of Object.entries(qs ?? {})) {
		for (const element of Array.isArray(value) ? value : [value]) {
			if (element === undefined || element === null) continue;
			pairs.push([name, typeof element === 'object' ? JSON.stringify(element) : String(element)]);
		}
	}
	return pairs;
}

function headerOf(headers: IDataObject | undefined, name: string): string | undefined {
	for (const [key, value] of Object.entries(headers ?? {})) {
		if (key.toLowerCase() === name) return String(value);
	}
	return undefined;
}

/** The parameters of a form-encoded body (RFC 5849 §3.4.1.3.1); none for any other body. */
export function formBodyParameters(options: IHttpRequestOptions): Parameter[] {
	const type = headerOf(options.headers, 'content-type') ?? '';
	if (!/^application\/x-www-form-urlencoded\b/i.test(type.trim())) return [];
	const body = options.body as unknown;
	if (typeof body === 'string') return parseFormEncoded(body);
	if (Buffer.isBuffer(body)) return parseFormEncoded(body.toString('utf8'));
	if (body instanceof URLSearchParams) return [...body.entries()];
	if (body && typeof body === 'object') return qsParameters(body as IDataObject);
	return [];
}

/**
 * The request signed for the Gallery: the query (from the URL and `qs`) is written out again
 * with RFC 3986 encoding and the oauth_* parameters, so what is sent is exactly what was signed;
 * `qs` and `baseURL` are folded into `url`. Everything else of the request is kept. n8n's legacy
 * request helper (the HTTP Request node) names the URL `uri` and a form body `form`: read too.
 */
export function signRequest(
	options: IHttpRequestOptions,
	keys: OAuth1Keys,
	stamp: OAuth1Stamp = newStamp(),
): IHttpRequestOptions {
	const legacy = options as IHttpRequestOptions & { uri?: string; form?: IDataObject };
	const urlKey = typeof legacy.url === 'string' ? 'url' : 'uri';
	const url = requestUrl(String(legacy[urlKey] ?? ''), options.baseURL);
	const query = [...parseFormEncoded(url.search), ...qsParameters(options.qs)].filter(
		([name]) => !name.startsWith('oauth_'),
	);
	const oauth: Parameter[] = [
		['oauth_consumer_key', keys.consumerKey],
		['oauth_nonce', stamp.nonce],
		['oauth_signature_method', 'HMAC-SHA1'],
		['oauth_timestamp', String(stamp.timestamp)],
		['oauth_version', '1.0'],
	];
	const method = (options.method ?? 'GET').toUpperCase();
	const form =
		legacy.form && typeof legacy.form === 'object'
			? qsParameters(legacy.form)
			: formBodyParameters(options);
	const baseString = signatureBaseString(method, url, [...query, ...form, ...oauth]);
	const signature = hmacSha1Signature(baseString, keys.consumerSecret);
	const sent = [...query, ...oauth, ['oauth_signature', signature] as Parameter]
		.map(([name, value]) => `${percentEncode(name)}=${percentEncode(value)}`)
		.join('&');
	const signed = { ...legacy, [urlKey]: `${baseStringUri(url)}?${sent}` } as IHttpRequestOptions;
	delete signed.qs;
	delete signed.baseURL;
	return signed;
}
