import type { IDataObject } from 'n8n-workflow';

/**
 * The ID in a collection option that is a resource locator. getNodeParameter on the whole
 * collection (Additional Fields, Update Fields, Filters) returns the locator as it is stored,
 * `{ __rl: true, mode, value }`; an expression may give a plain string instead. Undefined when
 * the option was not added; '' when it was added but left empty.
 */
export function idInCollection(collection: IDataObject, name: string): string | undefined {
	if (!Object.prototype.hasOwnProperty.call(collection, name)) return undefined;
	const raw = collection[name] as unknown;
	const value =
		raw !== null && typeof raw === 'object' && 'value' in (raw as IDataObject)
			? (raw as IDataObject).value
			: raw;
	return value === undefined || value === null ? '' : String(value).trim();
}
