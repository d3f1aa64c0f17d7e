import { randomBytes } from 'crypto';

import { concatStreams, StreamBody } from './streams';

export interface MultipartField {
	name: string;
	value: string;
}

export interface MultipartFile {
	name: string;
	/** The bytes, or a file in n8n's binary data store that is read while the form is sent. */
	data: Buffer | StreamBody;
	fileName: string;
	mimeType: string;
}

export type MultipartPart = MultipartField | MultipartFile;

/**
 * Encodes multipart/form-data. Bytes become one Buffer; a file from n8n's binary data store
 * makes the form a StreamBody that frames the file's stream and is built again for every send
 * (n8n core does not resend a stream after its 401 token refresh: the transport does). Its
 * Content-Length is known when every file's size is, so no chunked encoding reaches IIS.
 */
export function encodeMultipart(parts: MultipartPart[]): {
	body: Buffer | StreamBody;
	contentType: string;
} {
	const boundary = `----n8nAlteryx${randomBytes(12).toString('hex')}`;
	const pieces: Array<Buffer | StreamBody> = [];
	let text = '';
	const flush = () => {
		if (text !== '') pieces.push(Buffer.from(text, 'utf8'));
		text = '';
	};
	for (const part of parts) {
		text += `--${boundary}\r\nContent-Disposition: form-data; name="${escapeQuoted(part.name)}"`;
		if ('data' in part) {
			text += `; filename="${escapeQuoted(part.fileName)}"\r\nContent-Type: ${part.mimeType || 'application/octet-stream'}\r\n\r\n`;
			flush();
			pieces.push(part.data);
			text += '\r\n';
		} else {
			text += `\r\n\r\n${part.value}\r\n`;
		}
	}
	text += `--${boundary}--\r\n`;
	flush();
	const contentType = `multipart/form-data; boundary=${boundary}`;
	if (pieces.every((piece) => Buffer.isBuffer(piece))) {
		return { body: Buffer.concat(pieces as Buffer[]), contentType };
	}
	let length: number | undefined = 0;
	for (const piece of pieces) {
		const size = Buffer.isBuffer(piece) ? piece.length : piece.length;
		length = length === undefined || size === undefined ? undefined : length + size;
	}
	return { body: new StreamBody(async () => await concatStreams(pieces), length), contentType };
}

/** The HTML standard's escaping for names in Content-Disposition: no way to end the header. */
function escapeQuoted(value: string): string {
	return value.replace(/\r/g, '%0D').replace(/\n/g, '%0A').replace(/"/g, '%22');
}
