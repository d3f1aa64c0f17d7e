import type { IBinaryData, IDataObject } from 'n8n-workflow';

/** A response as every node receives it: the body is the raw bytes, or a file already stored. */
export interface AlteryxResponse {
	statusCode: number;
	headers: IDataObject;
	/** Empty when the body went to `file`. */
	body: Buffer;
	/** The URL that was requested (without the token, which travels in a header). */
	url: string;
	/**
	 * The body, streamed into n8n's binary data store: a file answer of a request that asked for
	 * it (AlteryxRequest.saveFile).
	 */
	file?: IBinaryData;
}

export type ResponseFormat = 'autodetect' | 'json' | 'text' | 'file';

export type DecodedBody =
	| { kind: 'empty' }
	| { kind: 'json'; value: unknown }
	| { kind: 'text'; value: string }
	| { kind: 'file'; data: Buffer; fileName: string | undefined; mimeType: string };

const BOM = /^\uFEFF/;

export function toBuffer(body: unknown): Buffer {
	if (Buffer.isBuffer(body)) return body;
	if (body instanceof ArrayBuffer) return Buffer.from(body);
	if (ArrayBuffer.isView(body)) return Buffer.from(body.buffer, body.byteOffset, body.byteLength);
	if (body === undefined || body === null) return Buffer.alloc(0);
	if (typeof body === 'string') return Buffer.from(body, 'utf8');
	return Buffer.from(JSON.stringify(body), 'utf8');
}

/** Parses JSON if the body is JSON (a UTF-8 BOM is tolerated); otherwise returns the text. */
export function decodeJsonBody(body: unknown): unknown {
	if (body === undefined || body === null) return undefined;
	if (typeof body === 'object' && !Buffer.isBuffer(body) && !ArrayBuffer.isView(body)) return body;
	const text = toBuffer(body).toString('utf8').replace(BOM, '');
	if (text.trim() === '') return undefined;
	const parsed = parseJson(text);
	return parsed.ok ? parsed.value : text;
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
	try {
		return { ok: true, value: JSON.parse(text) };
	} catch {
		return { ok: false };
	}
}

export function headerValue(headers: IDataObject, name: string): string | undefined {
	const wanted = name.toLowerCase();
	for (const [key, value] of Object.entries(headers ?? {})) {
		if (key.toLowerCase() === wanted) {
			return Array.isArray(value)
				? String(value[0])
				: value === undefined
					? undefined
					: String(value);
		}
	}
	return undefined;
}

export function mimeTypeOf(headers: IDataObject): string {
	return (headerValue(headers, 'content-type') ?? '').split(';')[0].trim().toLowerCase();
}

function isJsonMime(mime: string): boolean {
	return mime === 'application/json' || mime === 'text/json' || mime.endsWith('+json');
}

function isTextMime(mime: string): boolean {
	return (
		mime.startsWith('text/') ||
		mime === 'application/xml' ||
		mime.endsWith('+xml') ||
		mime === 'application/javascript'
	);
}

/**
 * `Content-Disposition: attachment; filename="Out.csv"; filename*=UTF-8''Out%20%C3%A9.csv`
 * (RFC 6266: the extended form wins), else the last path segment of the URL when it looks
 * like a file name.
 */
export function fileNameFromResponse(response: AlteryxResponse): string | undefined {
	const disposition = headerValue(response.headers, 'content-disposition') ?? '';
	const extended = /filename\*\s*=\s*([^']*)'[^']*'([^;]+)/i.exec(disposition);
	if (extended) {
		try {
			return sanitizeFileName(decodeURIComponent(extended[2].trim()));
		} catch {
			// A malformed percent-encoding falls through to the plain parameter.
		}
	}
	const plain = /filename\s*=\s*("([^"]*)"|[^;]+)/i.exec(disposition);
	if (plain) return sanitizeFileName((plain[2] ?? plain[1]).trim());
	try {
		const segment = decodeURIComponent(new URL(response.url).pathname.split('/').pop() ?? '');
		if (/\.[a-z0-9]{1,8}$/i.test(segment)) return sanitizeFileName(segment);
	} catch {
		// No usable name in the URL.
	}
	return undefined;
}

function sanitizeFileName(name: string): string | undefined {
	const base = name.split(/[\\/]/).pop()?.trim();
	return base ? base : undefined;
}

/** The default limit for a JSON or text body that becomes items (files are not limited). */
export const DEFAULT_MAX_RESPONSE_BYTES = 64 * 1024 * 1024;

/**
 * What decodeResponse makes of a response, from its headers and length alone (nothing is
 * parsed), so an oversized body can be refused before it is decoded. Autodetect: JSON by
 * content type (or by shape when the server sends none), text for text types, a file for
 * everything else (packages, job outputs, usage exports).
 */
export function responseKind(
	response: AlteryxResponse,
	format: ResponseFormat,
): DecodedBody['kind'] {
	if (format === 'file' || response.file) return 'file';
	if (response.body.length === 0) return 'empty';
	return kindFromHeaders(response.headers, format);
}

/** What a non-empty body is, by the headers alone (known before the body is read). */
export function kindFromHeaders(
	headers: IDataObject,
	format: ResponseFormat,
): Exclude<DecodedBody['kind'], 'empty'> {
	if (format === 'file' || format === 'text' || format === 'json') return format;
	const mime = mimeTypeOf(headers);
	const disposition = headerValue(headers, 'content-disposition') ?? '';
	if (!/attachment/i.test(disposition)) {
		if (isJsonMime(mime) || mime === '') return 'json';
		if (isTextMime(mime)) return 'text';
	}
	return 'file';
}

export function decodeResponse(response: AlteryxResponse, format: ResponseFormat): DecodedBody {
	const body = response.body;
	switch (responseKind(response, format)) {
		case 'file': {
			const mime = mimeTypeOf(response.headers);
			return {
				kind: 'file',
				data: body,
				fileName: fileNameFromResponse(response),
				mimeType: mime || 'application/octet-stream',
			};
		}
		case 'empty':
			return { kind: 'empty' };
		case 'text':
			return { kind: 'text', value: body.toString('utf8').replace(BOM, '') };
		case 'json': {
			const text = body.toString('utf8').replace(BOM, '');
			if (format === 'json') return { kind: 'json', value: JSON.parse(text) };
			// Autodetected JSON that does not parse (no content type, a proxy's error page, a
			// truncated answer) is shown as text rather than failing the item.
			const parsed = parseJson(text);
			return parsed.ok ? { kind: 'json', value: parsed.value } : { kind: 'text', value: text };
		}
	}
}

/**
 * Alteryx answers "create" calls with the new id as a JSON string literal (`"66eb…"`); n8n
 * items must be objects, so it becomes `{ id }`. Other scalars get a `value` property.
 */
export function jsonValueToItems(value: unknown, splitArrays: boolean): IDataObject[] {
	if (Array.isArray(value)) {
		if (!splitArrays) return [{ data: value as IDataObject[] }];
		return value.map((element) =>
			element !== null && typeof element === 'object' && !Array.isArray(element)
				? (element as IDataObject)
				: { value: element as string },
		);
	}
	if (typeof value === 'string') return [{ id: value }];
	if (value === null || value === undefined) return [{ success: true }];
	if (typeof value === 'object') return [value as IDataObject];
	return [{ value: value as number | boolean }];
}
