import type { IExecuteFunctions } from 'n8n-workflow';

import { StreamBody } from './streams';

export interface BinaryInput {
	/**
	 * The file as a StreamBody when n8n keeps it in its binary data store (filesystem, S3,
	 * database mode): read while it is sent, never held in memory. Bytes in memory mode.
	 */
	data: Buffer | StreamBody;
	fileName: string | undefined;
	mimeType: string;
}

/** A binary property of an input item, ready to be sent as a body or a multipart file. */
export async function binaryInput(
	this: IExecuteFunctions,
	itemIndex: number,
	propertyName: string,
): Promise<BinaryInput> {
	const binary = this.helpers.assertBinaryData(itemIndex, propertyName);
	const id = binary.id;
	if (id) {
		const { fileSize } = await this.helpers.getBinaryMetadata(id);
		const size = Number(fileSize);
		return {
			data: new StreamBody(
				async () => await this.helpers.getBinaryStream(id),
				Number.isSafeInteger(size) && size >= 0 ? size : undefined,
			),
			fileName: binary.fileName,
			mimeType: binary.mimeType,
		};
	}
	return {
		data: await this.helpers.getBinaryDataBuffer(itemIndex, propertyName),
		fileName: binary.fileName,
		mimeType: binary.mimeType,
	};
}
