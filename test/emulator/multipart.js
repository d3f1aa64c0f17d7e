'use strict';

// A small multipart/form-data parser (RFC 7578). Workflow uploads must keep the exact package
// bytes, so parts are sliced from the raw Buffer and never decoded as text unless they are fields.

function boundaryOf(contentType) {
	const match = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType || '');
	return match ? (match[1] || match[2]).trim() : null;
}

function parseHeaderBlock(text) {
	const headers = {};
	for (const line of text.split('\r\n')) {
		const colon = line.indexOf(':');
		if (colon > 0)
			headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
	}
	return headers;
}

function dispositionParam(disposition, name) {
	// filename*=UTF-8''... (RFC 5987) wins over filename=, as browsers and curl send both.
	const extended = new RegExp(`${name}\\*=([^']*)'[^']*'([^;]+)`, 'i').exec(disposition);
	if (extended) {
		try {
			return decodeURIComponent(extended[2].trim());
		} catch {
			return extended[2].trim();
		}
	}
	const quoted = new RegExp(`(?:^|;)\\s*${name}="((?:[^"\\\\]|\\\\.)*)"`, 'i').exec(disposition);
	if (quoted) return quoted[1].replace(/\\(.)/g, '$1');
	const bare = new RegExp(`(?:^|;)\\s*${name}=([^;]+)`, 'i').exec(disposition);
	return bare ? bare[1].trim() : undefined;
}

/**
 * @param {Buffer} body
 * @param {string} contentType  the request's Content-Type header
 * @returns {{ fields: Record<string,string>, files: Record<string,{ filename: string,
 *   contentType: string, data: Buffer }> } | null}  null when the body is not multipart
 */
function parseMultipart(body, contentType) {
	const boundary = boundaryOf(contentType);
	if (!boundary) return null;
	const delimiter = Buffer.from(`--${boundary}`);
	const fields = {};
	const files = {};
	let position = body.indexOf(delimiter);
	if (position === -1) return null;
	for (;;) {
		position += delimiter.length;
		// "--" right after a delimiter closes the body.
		if (body[position] === 0x2d && body[position + 1] === 0x2d) break;
		if (body[position] === 0x0d && body[position + 1] === 0x0a) position += 2;
		const headerEnd = body.indexOf('\r\n\r\n', position);
		if (headerEnd === -1) break;
		const headers = parseHeaderBlock(body.subarray(position, headerEnd).toString('utf8'));
		const dataStart = headerEnd + 4;
		const next = body.indexOf(Buffer.concat([Buffer.from('\r\n'), delimiter]), dataStart);
		if (next === -1) break;
		const data = body.subarray(dataStart, next);
		const disposition = headers['content-disposition'] || '';
		const name = dispositionParam(disposition, 'name');
		const filename = dispositionParam(disposition, 'filename');
		if (name !== undefined) {
			if (filename !== undefined) {
				files[name] = {
					filename,
					contentType: headers['content-type'] || 'application/octet-stream',
					data: Buffer.from(data),
				};
			} else {
				fields[name] = data.toString('utf8');
			}
		}
		position = next + 2;
	}
	return { fields, files };
}

module.exports = { parseMultipart, boundaryOf };
