'use strict';
// The legacy Gallery's OAuth 1.0a signing (nodes/transport/oauth1.ts) against the worked examples
// of RFC 5849 and the OAuth 1.0 spec, against a second implementation (the oauth-1.0a package
// n8n-core uses for its own OAuth1 credentials), and the cases users got wrong: ports, schemes,
// spaces, "+", "%", unicode, repeated names, form bodies, trailing slashes.
const crypto = require('node:crypto');
const OAuth = require('oauth-1.0a');

const {
	baseStringUri,
	hmacSha1Signature,
	newStamp,
	normalizeParameters,
	parseFormEncoded,
	percentEncode,
	signatureBaseString,
	signRequest,
} = require('../../nodes/transport/oauth1');

const KEYS = { consumerKey: 'gallery-key', consumerSecret: 'gallery-secret' };
const STAMP = { nonce: 'n0nce', timestamp: 1700000000 };

/** The oauth_* and other parameters of a signed URL, as the server reads them. */
function sentParameters(url) {
	return parseFormEncoded(new URL(url).search);
}

/** Verifies a signed URL the way the emulator and the RFC do, with a given secret. */
function verify(method, url, secret, formParameters = []) {
	const target = new URL(url);
	const parameters = sentParameters(url);
	const signature = parameters.find(([name]) => name === 'oauth_signature')[1];
	const rest = parameters.filter(([name]) => name !== 'oauth_signature');
	const base = signatureBaseString(method, target, [...rest, ...formParameters]);
	return { base, valid: hmacSha1Signature(base, secret) === signature };
}

describe('RFC 5849 and OAuth 1.0 worked examples', () => {
	test('§3.4.1.1: the signature base string of the example request', () => {
		// POST /request?b5=%3D%253D&a3=a&c%40=&a2=r%20b, body c2&a3=2+q, Host example.com
		const url = new URL('http://example.com/request?b5=%3D%253D&a3=a&c%40=&a2=r%20b');
		const parameters = [
			...parseFormEncoded(url.search),
			...parseFormEncoded('c2&a3=2+q'),
			['oauth_consumer_key', '9djdj82h48djs9d2'],
			['oauth_token', 'kkk9d7dh3k39sjv7'],
			['oauth_signature_method', 'HMAC-SHA1'],
			['oauth_timestamp', '137131201'],
			['oauth_nonce', '7d8f3e4a'],
		];
		expect(signatureBaseString('post', url, parameters)).toBe(
			'POST&http%3A%2F%2Fexample.com%2Frequest&a2%3Dr%2520b%26a3%3D2%2520q%26a3%3Da%26b5%3D%253D%25253D%26c%2540%3D%26c2%3D%26oauth_consumer_key%3D9djdj82h48djs9d2%26oauth_nonce%3D7d8f3e4a%26oauth_signature_method%3DHMAC-SHA1%26oauth_timestamp%3D137131201%26oauth_token%3Dkkk9d7dh3k39sjv7',
		);
	});

	test('§3.4.1.3.2: the normalised parameters of the example', () => {
		expect(
			normalizeParameters([
				['b5', '=%3D'],
				['a3', 'a'],
				['c@', ''],
				['a2', 'r b'],
				['oauth_consumer_key', '9djdj82h48djs9d2'],
				['oauth_token', 'kkk9d7dh3k39sjv7'],
				['oauth_signature_method', 'HMAC-SHA1'],
				['oauth_timestamp', '137131201'],
				['oauth_nonce', '7d8f3e4a'],
				['c2', ''],
				['a3', '2 q'],
			]),
		).toBe(
			'a2=r%20b&a3=2%20q&a3=a&b5=%3D%253D&c%40=&c2=&oauth_consumer_key=9djdj82h48djs9d2&oauth_nonce=7d8f3e4a&oauth_signature_method=HMAC-SHA1&oauth_timestamp=137131201&oauth_token=kkk9d7dh3k39sjv7',
		);
	});

	const photos = (nonce, timestamp, version) => {
		const url = new URL('http://photos.example.net/photos?file=vacation.jpg&size=original');
		return signatureBaseString('GET', url, [
			...parseFormEncoded(url.search),
			['oauth_consumer_key', 'dpf43f3p2l4k3l03'],
			['oauth_token', 'nnch734d00sl2jdk'],
			['oauth_signature_method', 'HMAC-SHA1'],
			['oauth_timestamp', timestamp],
			['oauth_nonce', nonce],
			...(version ? [['oauth_version', '1.0']] : []),
		]);
	};

	// The RFC prints MdpQcU8iPSUjWoN5UDK7qAp3bGs=, which is not the HMAC-SHA1 of its own base
	// string and key (node:crypto and oauth-1.0a agree on the value below): only the first 15
	// characters match. The OAuth Core 1.0 vector below, with the same key, matches exactly.
	test('RFC 5849 §1.2: the photos request (its base string exactly; the HMAC of it)', () => {
		const base = photos('chapoH', '137131202', false);
		expect(base).toBe(
			'GET&http%3A%2F%2Fphotos.example.net%2Fphotos&file%3Dvacation.jpg%26oauth_consumer_key%3Ddpf43f3p2l4k3l03%26oauth_nonce%3DchapoH%26oauth_signature_method%3DHMAC-SHA1%26oauth_timestamp%3D137131202%26oauth_token%3Dnnch734d00sl2jdk%26size%3Doriginal',
		);
		expect(hmacSha1Signature(base, 'kd94hf93k423kf44', 'pfkkdhi9sl3r4s00')).toBe(
			'MdpQcU8iPSUjWoN/UDMsK2sui9I=',
		);
	});

	test('OAuth Core 1.0 Appendix A.5: the photos request with oauth_version signs to tR3+Ty81lMeYAr/Fid0kMTYa/WM=', () => {
		const base = photos('kllo9940pd9333jh', '1191242096', true);
		expect(hmacSha1Signature(base, 'kd94hf93k423kf44', 'pfkkdhi9sl3r4s00')).toBe(
			'tR3+Ty81lMeYAr/Fid0kMTYa/WM=',
		);
	});

	test('the two-legged key is "secret&": the same HMAC as node:crypto with that key', () => {
		const base = 'GET&http%3A%2F%2Fh%2F&a%3Db';
		expect(hmacSha1Signature(base, 'se cr+et')).toBe(
			crypto.createHmac('sha1', 'se%20cr%2Bet&').update(base).digest('base64'),
		);
	});
});

describe('percent-encoding (RFC 3986 unreserved only)', () => {
	test.each([
		['abcXYZ019-._~', 'abcXYZ019-._~'],
		['a b', 'a%20b'],
		['a+b', 'a%2Bb'],
		['100%', '100%25'],
		["!*'()", '%21%2A%27%28%29'],
		['/?#[]@&=;:,$', '%2F%3F%23%5B%5D%40%26%3D%3B%3A%2C%24'],
		['Zürich €', 'Z%C3%BCrich%20%E2%82%AC'],
		['😀', '%F0%9F%98%80'],
	])('%p → %p', (raw, encoded) => expect(percentEncode(raw)).toBe(encoded));
});

describe('the base string URI (RFC 5849 §3.4.1.2)', () => {
	test.each([
		['HTTPS://Gallery.Example.COM/gallery/api/v1/', 'https://gallery.example.com/gallery/api/v1/'],
		['https://gallery.example.com:443/gallery/api/', 'https://gallery.example.com/gallery/api/'],
		['http://gallery.example.com:80/gallery/api/', 'http://gallery.example.com/gallery/api/'],
		[
			'https://gallery.example.com:8443/gallery/api/',
			'https://gallery.example.com:8443/gallery/api/',
		],
		['http://gallery.example.com:443/gallery/api/', 'http://gallery.example.com:443/gallery/api/'],
		[
			'https://h/gallery/api/v1/workflows/subscription/?limit=1#x',
			'https://h/gallery/api/v1/workflows/subscription/',
		],
		[
			'https://h/gallery/api/v1/workflows/subscription?limit=1',
			'https://h/gallery/api/v1/workflows/subscription',
		],
		['http://[::1]:8080/gallery/api/', 'http://[::1]:8080/gallery/api/'],
	])('%s → %s', (raw, expected) => expect(baseStringUri(new URL(raw))).toBe(expected));
});

describe('signRequest', () => {
	test('oauth_* go into the query, the signature verifies with the secret and not with another', () => {
		const signed = signRequest(
			{ method: 'GET', url: 'https://h.example/gallery/api/v1/workflows/subscription/?limit=1' },
			KEYS,
			STAMP,
		);
		const sent = Object.fromEntries(sentParameters(signed.url));
		expect(sent).toEqual({
			limit: '1',
			oauth_consumer_key: 'gallery-key',
			oauth_nonce: 'n0nce',
			oauth_signature_method: 'HMAC-SHA1',
			oauth_timestamp: '1700000000',
			oauth_version: '1.0',
			oauth_signature: expect.any(String),
		});
		expect(signed.headers?.Authorization).toBeUndefined();
		expect(verify('GET', signed.url, 'gallery-secret').valid).toBe(true);
		expect(verify('GET', signed.url, 'gallery-secret ').valid).toBe(false);
		expect(verify('POST', signed.url, 'gallery-secret').valid).toBe(false);
	});

	test('agrees with the oauth-1.0a package (n8n-core’s OAuth1 signer) on a two-legged request', () => {
		const url =
			'https://Gallery.Example:443/gallery/api/v1/workflows/subscription/?search=a b&limit=10';
		const oauth = OAuth({
			consumer: { key: KEYS.consumerKey, secret: KEYS.consumerSecret },
			signature_method: 'HMAC-SHA1',
			hash_function: (base, key) => crypto.createHmac('sha1', key).update(base).digest('base64'),
		});
		oauth.getNonce = () => STAMP.nonce;
		oauth.getTimeStamp = () => STAMP.timestamp;
		const theirs = oauth.authorize({
			url: 'https://gallery.example/gallery/api/v1/workflows/subscription/',
			method: 'GET',
			data: { search: 'a b', limit: '10' },
		});
		const ours = Object.fromEntries(
			sentParameters(signRequest({ method: 'GET', url }, KEYS, STAMP).url),
		);
		expect(ours.oauth_signature).toBe(theirs.oauth_signature);
	});

	test.each([
		['a space', { search: 'a b' }, 'search=a%20b'],
		['a plus', { search: 'a+b' }, 'search=a%2Bb'],
		['a percent sign', { search: '100%' }, 'search=100%25'],
		['unicode', { search: 'Zürich 😀' }, 'search=Z%C3%BCrich%20%F0%9F%98%80'],
		[
			'reserved characters',
			{ search: "a&b=c/d?e#f!*'()" },
			'search=a%26b%3Dc%2Fd%3Fe%23f%21%2A%27%28%29',
		],
		['repeated names', { appIds: ['b', 'a'] }, 'appIds=b&appIds=a'],
	])('qs with %s is sent exactly as signed (%p)', (_, qs, expectedQuery) => {
		const signed = signRequest(
			{ method: 'GET', url: 'https://h.example/gallery/api/admin/v1/workflows/', qs },
			KEYS,
			STAMP,
		);
		expect(signed.qs).toBeUndefined();
		expect(new URL(signed.url).search.slice(1).split('&oauth_')[0]).toBe(expectedQuery);
		const { base, valid } = verify('GET', signed.url, KEYS.consumerSecret);
		expect(valid).toBe(true);
		// The base string holds the parameter encoded twice, once more than on the wire.
		expect(base).toContain(percentEncode(expectedQuery.split('&')[0]));
	});

	test('a query already in the URL: "+" is a space, %2B a plus, repeated keys sorted by value', () => {
		const signed = signRequest(
			{ method: 'GET', url: 'https://h/gallery/api/v1/x/?b=2&a=y+z&b=1&c=%2B' },
			KEYS,
			STAMP,
		);
		expect(new URL(signed.url).search).toMatch(/^\?b=2&a=y%20z&b=1&c=%2B&oauth_/);
		const { base, valid } = verify('GET', signed.url, KEYS.consumerSecret);
		expect(valid).toBe(true);
		expect(base).toContain('a%3Dy%2520z%26b%3D1%26b%3D2%26c%3D%252B%26oauth_consumer_key');
	});

	test('a port other than the default is signed; the default port is not', () => {
		const withPort = signRequest(
			{ method: 'GET', url: 'https://h:8443/gallery/api/v1/' },
			KEYS,
			STAMP,
		);
		const defaultPort = signRequest(
			{ method: 'GET', url: 'https://h:443/gallery/api/v1/' },
			KEYS,
			STAMP,
		);
		const noPort = signRequest({ method: 'GET', url: 'https://h/gallery/api/v1/' }, KEYS, STAMP);
		expect(verify('GET', withPort.url, KEYS.consumerSecret).base).toContain(
			'https%3A%2F%2Fh%3A8443%2F',
		);
		expect(defaultPort.url).toBe(noPort.url);
		expect(verify('GET', noPort.url, KEYS.consumerSecret).base).toContain(
			'https%3A%2F%2Fh%2Fgallery',
		);
	});

	test('a trailing slash is part of the signature', () => {
		const a = signRequest({ method: 'GET', url: 'https://h/gallery/api/v1/jobs/1/' }, KEYS, STAMP);
		const b = signRequest({ method: 'GET', url: 'https://h/gallery/api/v1/jobs/1' }, KEYS, STAMP);
		expect(Object.fromEntries(sentParameters(a.url)).oauth_signature).not.toBe(
			Object.fromEntries(sentParameters(b.url)).oauth_signature,
		);
		expect(new URL(a.url).pathname).toBe('/gallery/api/v1/jobs/1/');
	});

	test('baseURL and a relative url are joined as axios joins them (declarative credential test)', () => {
		const signed = signRequest(
			{
				method: 'GET',
				baseURL: 'https://h/gallery/api',
				url: 'v1/workflows/subscription/',
				qs: { limit: 1 },
			},
			KEYS,
			STAMP,
		);
		expect(signed.baseURL).toBeUndefined();
		expect(signed.url).toMatch(
			/^https:\/\/h\/gallery\/api\/v1\/workflows\/subscription\/\?limit=1&oauth_/,
		);
	});

	test('form bodies are signed (string, object, Buffer), JSON bodies are not', () => {
		const form = { 'Content-Type': 'application/x-www-form-urlencoded' };
		const url = 'https://h/gallery/api/v1/x/';
		const formParameters = [
			['name', 'a b'],
			['name', 'c+d'],
		];
		for (const body of [
			'name=a+b&name=c%2Bd',
			Buffer.from('name=a%20b&name=c%2Bd'),
			{ name: ['a b', 'c+d'] },
		]) {
			const signed = signRequest({ method: 'POST', url, headers: form, body }, KEYS, STAMP);
			expect(signed.body).toBe(body);
			expect(verify('POST', signed.url, KEYS.consumerSecret, formParameters).valid).toBe(true);
			expect(verify('POST', signed.url, KEYS.consumerSecret).valid).toBe(false);
		}
		const json = signRequest(
			{
				method: 'POST',
				url,
				headers: { 'content-type': 'application/json' },
				body: '{"questions":[]}',
			},
			KEYS,
			STAMP,
		);
		expect(verify('POST', json.url, KEYS.consumerSecret).valid).toBe(true);
	});

	test('n8n’s legacy request options (uri, form) as the HTTP Request node sends them', () => {
		const signed = signRequest(
			{ method: 'POST', uri: 'https://h/gallery/api/v1/x/', qs: { a: 'b c' }, form: { f: '1+1' } },
			KEYS,
			STAMP,
		);
		expect(signed.url).toBeUndefined();
		expect(signed.qs).toBeUndefined();
		expect(signed.form).toEqual({ f: '1+1' });
		expect(signed.uri).toMatch(/^https:\/\/h\/gallery\/api\/v1\/x\/\?a=b%20c&oauth_/);
		expect(verify('POST', signed.uri, KEYS.consumerSecret, [['f', '1+1']]).valid).toBe(true);
		expect(verify('POST', signed.uri, KEYS.consumerSecret).valid).toBe(false);
	});

	test('oauth_* parameters already in the URL are replaced, not signed twice', () => {
		const signed = signRequest(
			{ method: 'GET', url: 'https://h/gallery/api/v1/?oauth_nonce=old&oauth_signature=old&x=1' },
			KEYS,
			STAMP,
		);
		const names = sentParameters(signed.url).map(([name]) => name);
		expect(names.filter((name) => name === 'oauth_nonce')).toHaveLength(1);
		expect(names.filter((name) => name === 'oauth_signature')).toHaveLength(1);
		expect(verify('GET', signed.url, KEYS.consumerSecret).valid).toBe(true);
	});

	test('every signature gets its own nonce and the current time', () => {
		const before = Math.floor(Date.now() / 1000);
		const stamps = Array.from({ length: 50 }, () => newStamp());
		expect(new Set(stamps.map((stamp) => stamp.nonce)).size).toBe(50);
		for (const stamp of stamps) {
			expect(stamp.nonce).toMatch(/^[0-9a-f]{32}$/);
			expect(stamp.timestamp).toBeGreaterThanOrEqual(before);
			expect(stamp.timestamp).toBeLessThanOrEqual(Math.floor(Date.now() / 1000));
		}
		const first = signRequest({ method: 'GET', url: 'https://h/gallery/api/v1/' }, KEYS);
		const second = signRequest({ method: 'GET', url: 'https://h/gallery/api/v1/' }, KEYS);
		expect(first.url).not.toBe(second.url);
	});
});
