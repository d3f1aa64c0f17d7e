import { randomBytes } from 'crypto';

export interface MultipartField {
	name: string;
	value: string;
}

export interface MultipartFile {
	name: string;
	data: Buffer;
	fileName: string;
	mimeType: string;
}

export type MultipartPart = MultipartField | MultipartFile;

/**
 * Encodes multipart/form-data into one Buffer. A Buffer (unlike FormData or a stream) can be
 * sent again unchanged, so n8n core's one retry after a 401 token refresh also works for
 * uploads such as a .yxzp to v3/workflows.
 */
export function encodeMultipart(parts: MultipartPart[]): { body: Buffer; contentType: string } {
	const boundary = `----n8nAlteryx${randomBytes(12).toString('hex')}`;
	const chunks: Buffer[] = [];
	for (const part of parts) {
		let head = `--${boundary}\r\nContent-Disposition: form-data; name="${escapeQuoted(part.name)}"`;
		if ('data' in part) {
			head += `; filename="${escapeQuoted(part.fileName)}"\r\nContent-Type: ${part.mimeType || 'application/octet-stream'}`;
			chunks.push(Buffer.from(`${head}\r\n\r\n`, 'utf8'), part.data, Buffer.from('\r\n'));
		} else {
			chunks.push(Buffer.from(`${head}\r\n\r\n${part.value}\r\n`, 'utf8'));
		}
	}
	chunks.push(Buffer.from(`--${boundary}--\r\n`, 'utf8'));
	return { body: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

/** The HTML standard's escaping for names in Content-Disposition: no way to end the header. */
function escapeQuoted(value: string): string {
	return value.replace(/\r/g, '%0D').replace(/\n/g, '%0A').replace(/"/g, '%22');
}
