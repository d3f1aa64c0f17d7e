import type { IBinaryData, IExecuteFunctions } from 'n8n-workflow';

import type { AlteryxRequest } from '../../transport/request';
import { type AlteryxResponse, fileNameFromResponse, mimeTypeOf } from '../../transport/response';

export interface InputFile {
	data: Buffer;
	fileName: string | undefined;
	mimeType: string;
}

/** The bytes, name and type of a binary property of the input item. */
export async function readInputFile(
	this: IExecuteFunctions,
	itemIndex: number,
	propertyName: string,
): Promise<InputFile> {
	const binary = this.helpers.assertBinaryData(itemIndex, propertyName);
	const data = await this.helpers.getBinaryDataBuffer(itemIndex, propertyName);
	return { data, fileName: binary.fileName, mimeType: binary.mimeType };
}

// Alteryx sends most files as application/octet-stream, which tells n8n (and the next node)
// nothing; the extension says more.
const MIME_TYPES_BY_EXTENSION: Record<string, string> = {
	csv: 'text/csv',
	dbf: 'application/dbase',
	docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
	htm: 'text/html',
	html: 'text/html',
	json: 'application/json',
	kml: 'application/vnd.google-earth.kml+xml',
	pdf: 'application/pdf',
	txt: 'text/plain',
	xls: 'application/vnd.ms-excel',
	xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
	xml: 'application/xml',
	// A workflow package is a zip archive: with this type n8n's Compression node can open it.
	yxzp: 'application/zip',
	zip: 'application/zip',
};

const GENERIC_MIME_TYPES = new Set(['', 'application/octet-stream', 'binary/octet-stream']);

export function mimeTypeForFile(fileName: string | undefined, fromServer: string): string {
	if (!GENERIC_MIME_TYPES.has(fromServer)) return fromServer;
	const extension = /\.([a-z0-9]+)$/i.exec(fileName ?? '')?.[1]?.toLowerCase();
	return (extension && MIME_TYPES_BY_EXTENSION[extension]) || 'application/octet-stream';
}

/** The server's file name (Content-Disposition) or the fallback, and a telling MIME type. */
function fileOf(response: AlteryxResponse, fallbackFileName: string) {
	const fileName = fileNameFromResponse(response) ?? fallbackFileName;
	return { fileName, mimeType: mimeTypeForFile(fileName, mimeTypeOf(response.headers)) };
}

/**
 * How a download is kept (RouteCall.saveFile): streamed from the socket into n8n's binary data
 * store, named as responseToBinary names it.
 */
export function saveDownload(
	this: IExecuteFunctions,
	fallbackFileName: string,
): NonNullable<AlteryxRequest['saveFile']> {
	return async (body, response) => {
		const { fileName, mimeType } = fileOf(response, fallbackFileName);
		return await this.helpers.prepareBinaryData(body, fileName, mimeType);
	};
}

/**
 * A downloaded file as n8n binary data: the server's file name (Content-Disposition) or the
 * given fallback, and a MIME type that says what the file is. A download requested with
 * saveDownload is already stored.
 */
export async function responseToBinary(
	this: IExecuteFunctions,
	response: AlteryxResponse,
	fallbackFileName: string,
): Promise<IBinaryData> {
	if (response.file) return response.file;
	const { fileName, mimeType } = fileOf(response, fallbackFileName);
	return await this.helpers.prepareBinaryData(response.body, fileName, mimeType);
}

/** The size of a downloaded file in bytes. */
export function fileSizeOf(response: AlteryxResponse, binary: IBinaryData): number {
	return response.file ? Number(binary.bytes ?? 0) : response.body.length;
}
