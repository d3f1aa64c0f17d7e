import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { binaryInput } from '../../transport/binaryInput';
import { encodeMultipart, type MultipartPart } from '../../transport/multipart';
import type { StreamBody } from '../../transport/streams';
import { formBoolean } from './parameters';

export interface PackageForm {
	/** A stream of the form around the package when n8n keeps it in its binary data store. */
	body: Buffer | StreamBody;
	contentType: string;
	fileName: string;
}

/**
 * The multipart form of POST v3/workflows and POST v3/workflows/{id}/versions: the package in
 * the part named `file`, then the fields, booleans as "true"/"false" (what Alteryx's model
 * binder reads), undefined fields left out.
 */
export async function buildPackageForm(
	this: IExecuteFunctions,
	itemIndex: number,
	binaryPropertyName: string,
	fields: IDataObject,
	fallbackName: string,
): Promise<PackageForm> {
	const file = await binaryInput.call(this, itemIndex, binaryPropertyName);
	const fileName = file.fileName || `${fallbackName || 'workflow'}.yxzp`;
	const parts: MultipartPart[] = [
		// application/yxzp is what Alteryx's own curl example sends for the package.
		{ name: 'file', data: file.data, fileName, mimeType: 'application/yxzp' },
	];
	for (const [name, value] of Object.entries(fields)) {
		if (value === undefined || value === null) continue;
		parts.push({ name, value: typeof value === 'boolean' ? formBoolean(value) : String(value) });
	}
	const { body, contentType } = encodeMultipart(parts);
	return { body, contentType, fileName };
}

/** "Sales Forecast.yxzp" → "Sales Forecast": the default workflow name for an upload. */
export function nameFromFileName(fileName: string | undefined): string {
	return (fileName ?? '').replace(/\.[^.]+$/, '').trim();
}
