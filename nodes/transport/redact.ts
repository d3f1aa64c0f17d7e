import type { IDataObject } from 'n8n-workflow';

import { type AlteryxResponse, headerValue, mimeTypeOf } from './response';

export const REDACTED = '[redacted]';

/**
 * Values shorter than this are not searched for: a 3-character secret would turn every
 * matching syllable of every answer into "[redacted]". Alteryx issues 64-character secrets and
 * tokens of about 60 characters, so a real credential is always far longer.
 */
export const MIN_REDACTED_LENGTH = 8;

/** What a server may echo back of a credential: the secret, the key:secret pair, tokens. */
export interface SensitiveValues {
	clientId?: string;
	clientSecret?: string;
	/** Access tokens in use (the stored one and those this process just obtained). */
	tokens?: Array<string | undefined>;
}

/** The strings to replace, longest first (so "key:secret" goes as a whole, not around "secret"). */
export type Redaction = readonly string[];

// "Bearer <token>" and "Basic <base64>" as they travel in the Authorization header (RFC 7235
// token68): redacted whatever the value, so a token renewed by another n8n process is covered
// too. A credential has a digit somewhere; "Basic authentication" is left alone.
const AUTHORIZATION_VALUE = /\b(Bearer|Basic)(\s+)([A-Za-z0-9\-._~+/]{16,}=*)/gi;

/** The forms of one value an echo can carry: as is, percent-encoded, form-encoded and base64. */
function encodingsOf(value: string): string[] {
	const percent = encodeURIComponent(value);
	return [
		value,
		percent,
		percent.replace(/%[0-9A-F]{2}/g, (escape) => escape.toLowerCase()),
		new URLSearchParams({ v: value }).toString().slice(2),
		Buffer.from(value, 'utf8').toString('base64'),
	];
}

export function redactionFor(values: SensitiveValues): Redaction {
	const clientId = String(values.clientId ?? '').trim();
	const clientSecret = String(values.clientSecret ?? '').trim();
	const sensitive = [...(values.tokens ?? [])];
	if (clientSecret !== '') {
		sensitive.push(clientSecret);
		if (clientId !== '') sensitive.push(`${clientId}:${clientSecret}`);
	}
	const needles = new Set<string>();
	for (const value of sensitive) {
		if (typeof value !== 'string' || value.length < MIN_REDACTED_LENGTH) continue;
		for (const form of encodingsOf(value)) {
			if (form.length >= MIN_REDACTED_LENGTH) needles.add(form);
		}
	}
	return [...needles].sort((a, b) => b.length - a.length);
}

export function redactText(text: string, redaction: Redaction): string {
	let result = text;
	for (const needle of redaction) {
		if (result.includes(needle)) result = result.split(needle).join(REDACTED);
	}
	return result.replace(
		AUTHORIZATION_VALUE,
		(match, scheme: string, space: string, value: string) =>
			/[0-9]/.test(value) ? `${scheme}${space}${REDACTED}` : match,
	);
}

/**
 * The same JSON value with every string (object keys included) redacted. Numbers, booleans
 * and null stay as they are; so does a value that contains nothing to redact (same object).
 */
export function redactJson<T>(value: T, redaction: Redaction): T {
	return redactValue(value, redaction, new WeakSet()) as T;
}

function redactValue(value: unknown, redaction: Redaction, seen: WeakSet<object>): unknown {
	if (typeof value === 'string') return redactText(value, redaction);
	if (value === null || typeof value !== 'object') return value;
	if (Buffer.isBuffer(value) || ArrayBuffer.isView(value) || seen.has(value)) return value;
	seen.add(value);
	if (Array.isArray(value)) {
		const redacted = value.map((entry) => redactValue(entry, redaction, seen));
		return redacted.some((entry, index) => entry !== value[index]) ? redacted : value;
	}
	let changed = false;
	const redacted: Record<string, unknown> = {};
	for (const [key, entry] of Object.entries(value)) {
		const redactedKey = redactText(key, redaction);
		const redactedEntry = redactValue(entry, redaction, seen);
		if (redactedKey !== key || redactedEntry !== entry) changed = true;
		redacted[redactedKey] = redactedEntry;
	}
	return changed ? redacted : value;
}

const BOM = /^\uFEFF/;
// JSON escapes that could spell a secret's characters differently ("\/", "\u002B").
const JSON_ESCAPE = /\\[u/]/;

/**
 * A body with every sensitive value replaced. JSON is redacted value by value (a server may
 * escape "/" or "+" inside strings) and serialised again only when something was replaced; any
 * other text is redacted as text. Bytes that are not text are returned unchanged.
 */
export function redactBody(body: Buffer, redaction: Redaction): Buffer {
	if (body.length === 0) return body;
	const text = body.toString('utf8');
	if (text.includes('\uFFFD') && !body.includes('\uFFFD')) return body;
	// Most answers hold nothing to redact: decided on the text, without parsing it.
	if (!JSON_ESCAPE.test(text) && redactText(text, redaction) === text) return body;
	const json = parseJson(text.replace(BOM, ''));
	if (json.ok) {
		const redacted = redactJson(json.value, redaction);
		return redacted === json.value ? body : Buffer.from(JSON.stringify(redacted), 'utf8');
	}
	const redacted = redactText(text, redaction);
	return redacted === text ? body : Buffer.from(redacted, 'utf8');
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
	try {
		return { ok: true, value: JSON.parse(text) };
	} catch {
		return { ok: false };
	}
}

/**
 * A response whose headers and text are safe to show: every error answer, and a successful
 * one unless it is a file (an attachment or a binary type), whose bytes are the user's data.
 */
export function redactResponse(response: AlteryxResponse, redaction: Redaction): AlteryxResponse {
	const headers = redactJson(response.headers, redaction) as IDataObject;
	const isFile = response.statusCode < 400 && !isTextual(response.headers);
	const body = isFile ? response.body : redactBody(response.body, redaction);
	return headers === response.headers && body === response.body
		? response
		: { ...response, headers, body };
}

/** Whether a body is text that redactResponse reads (not an attachment, not a binary type). */
export function isTextual(headers: IDataObject): boolean {
	if (/attachment/i.test(headerValue(headers, 'content-disposition') ?? '')) return false;
	const mime = mimeTypeOf(headers);
	return (
		mime === '' ||
		mime.startsWith('text/') ||
		mime.endsWith('json') ||
		mime.endsWith('xml') ||
		mime === 'application/javascript' ||
		mime === 'application/x-www-form-urlencoded'
	);
}
