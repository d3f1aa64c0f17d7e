'use strict';

// The emulator's own OAuth 1.0a verification (RFC 5849), written apart from the pack's signer
// (nodes/transport/oauth1.ts) so that a shared mistake cannot pass unseen. It reads the request
// as a server does: the raw query and form body, the scheme it serves and the Host header.

const crypto = require('node:crypto');

/** RFC 3986 unreserved characters stay; everything else is %XX of its UTF-8 bytes. */
function rfc3986(value) {
	const bytes = Buffer.from(String(value), 'utf8');
	let out = '';
	for (const byte of bytes) {
		const c = String.fromCharCode(byte);
		out += /[A-Za-z0-9\-._~]/.test(c) ? c : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
	}
	return out;
}

/** application/x-www-form-urlencoded decoding: "+" is a space. */
function decodeComponent(text) {
	const spaced = text.replace(/\+/g, ' ');
	try {
		return decodeURIComponent(spaced);
	} catch {
		return spaced;
	}
}

function parsePairs(text) {
	if (!text) return [];
	return text
		.split('&')
		.filter((part) => part !== '')
		.map((part) => {
			const i = part.indexOf('=');
			return i === -1
				? [decodeComponent(part), '']
				: [decodeComponent(part.slice(0, i)), decodeComponent(part.slice(i + 1))];
		});
}

function baseString(method, baseUri, pairs) {
	const normalized = pairs
		.map(([k, v]) => [rfc3986(k), rfc3986(v)])
		.sort((a, b) =>
			a[0] === b[0] ? (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0) : a[0] < b[0] ? -1 : 1,
		)
		.map(([k, v]) => `${k}=${v}`)
		.join('&');
	return `${method.toUpperCase()}&${rfc3986(baseUri)}&${rfc3986(normalized)}`;
}

function hmac(secret, text) {
	return crypto
		.createHmac('sha1', `${rfc3986(secret)}&`)
		.update(text, 'utf8')
		.digest('base64');
}

const DEFAULT_PORTS = { http: '80', https: '443' };

/**
 * The base string URIs the server accepts for a request. Strict (RFC 5849 §3.4.1.2): its own
 * scheme, the Host header in lower case, the default port left out. Lenient also accepts the
 * variants clients produce by hand (reference §7): the default port written out, and the other
 * scheme (https signed by the client while an SSL-offloading proxy hands the server http).
 */
function candidateBaseUris({ scheme, host, path, mode }) {
	const lower = String(host || '').toLowerCase();
	const match = /^(\[[^\]]*\]|[^:]*)(?::(\d+))?$/.exec(lower);
	const hostname = match ? match[1] : lower;
	const port = match && match[2];
	const authority = (forScheme, withDefaultPort) => {
		if (port && port !== DEFAULT_PORTS[forScheme]) return `${hostname}:${port}`;
		return withDefaultPort ? `${hostname}:${DEFAULT_PORTS[forScheme]}` : hostname;
	};
	const strict = `${scheme}://${authority(scheme, false)}${path}`;
	if (mode !== 'lenient') return [strict];
	const other = scheme === 'https' ? 'http' : 'https';
	return [
		...new Set([
			strict,
			`${scheme}://${authority(scheme, true)}${path}`,
			`${other}://${authority(other, false)}${path}`,
			`${other}://${authority(other, true)}${path}`,
		]),
	];
}

/**
 * Checks a request's signature.
 * @param {{ method: string, rawUrl: string, scheme: 'http'|'https', host: string,
 *   contentType?: string, rawBody?: Buffer, mode: 'strict'|'lenient',
 *   secretFor: (consumerKey: string) => string|undefined }} request
 * @returns {{ ok: true, consumerKey: string, nonce: string, timestamp: number } |
 *   { ok: false, reason: string, consumerKey?: string }}
 */
function verifySignature(request) {
	const questionMark = request.rawUrl.indexOf('?');
	const path = questionMark === -1 ? request.rawUrl : request.rawUrl.slice(0, questionMark);
	const query = parsePairs(questionMark === -1 ? '' : request.rawUrl.slice(questionMark + 1));
	const form = /^application\/x-www-form-urlencoded/i.test(request.contentType || '')
		? parsePairs((request.rawBody || Buffer.alloc(0)).toString('utf8'))
		: [];
	const oauth = Object.fromEntries(query.filter(([k]) => k.startsWith('oauth_')));
	for (const name of [
		'oauth_consumer_key',
		'oauth_nonce',
		'oauth_signature',
		'oauth_signature_method',
		'oauth_timestamp',
	]) {
		if (!oauth[name]) return { ok: false, reason: `missing ${name}` };
	}
	if (oauth.oauth_signature_method !== 'HMAC-SHA1')
		return { ok: false, reason: 'unsupported signature method' };
	if (oauth.oauth_version !== undefined && oauth.oauth_version !== '1.0')
		return { ok: false, reason: 'unsupported oauth_version' };
	const consumerKey = oauth.oauth_consumer_key;
	const secret = request.secretFor(consumerKey);
	if (secret === undefined) return { ok: false, reason: 'unknown consumer key', consumerKey };
	const signed = [...query.filter(([k]) => k !== 'oauth_signature'), ...form];
	const valid = candidateBaseUris({
		scheme: request.scheme,
		host: request.host,
		path,
		mode: request.mode,
	}).some((uri) => {
		const expected = hmac(secret, baseString(request.method, uri, signed));
		const given = oauth.oauth_signature;
		return (
			expected.length === given.length &&
			crypto.timingSafeEqual(Buffer.from(expected), Buffer.from(given))
		);
	});
	if (!valid) return { ok: false, reason: 'signature mismatch', consumerKey };
	return {
		ok: true,
		consumerKey,
		nonce: oauth.oauth_nonce,
		timestamp: Number(oauth.oauth_timestamp),
	};
}

module.exports = { verifySignature, candidateBaseUris, baseString, rfc3986, parsePairs };
