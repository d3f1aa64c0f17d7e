import { NodeOperationError } from 'n8n-workflow';
import type { IExecuteFunctions } from 'n8n-workflow';

/**
 * The id behind a resource locator (picked from the list or typed), or a plain string field,
 * trimmed; empty is an error naming the field, since an empty id would reach the Cloud as "".
 */
export function idParameter(
	this: IExecuteFunctions,
	name: string,
	label: string,
	itemIndex: number,
): string {
	const raw = this.getNodeParameter(name, itemIndex, '', { extractValue: true }) as unknown;
	const value = raw === undefined || raw === null ? '' : String(raw).trim();
	if (value === '') {
		throw new NodeOperationError(this.getNode(), `The ${label} is empty`, {
			description: `Pick one from the list, or enter or map its ID in "${label}". An expression may have given an empty value.`,
			itemIndex,
		});
	}
	return value;
}

/** Key/value pairs of a fixedCollection, without the unnamed ones; values travel as strings. */
export function keyValuePairs(entries: unknown): Array<{ key: string; value: string }> {
	const list = Array.isArray(entries) ? (entries as Array<{ key?: unknown; value?: unknown }>) : [];
	return list
		.filter((entry) => String(entry?.key ?? '').trim() !== '')
		.map((entry) => ({ key: String(entry.key).trim(), value: String(entry.value ?? '') }));
}
