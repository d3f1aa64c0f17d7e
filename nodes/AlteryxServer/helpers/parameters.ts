import { NodeOperationError } from 'n8n-workflow';
import type {
	IDataObject,
	IExecuteFunctions,
	INodeProperties,
	INodePropertyRegexValidation,
} from 'n8n-workflow';

import type { PagingSettings } from '../../transport/pagination';
// Read at call time only: the registry imports the operations, which import this file.
import { resources } from '../actions/registry';
import {
	UrlWithoutIdError,
	urlWithoutIdMessage,
	WORKFLOW_URL_ERROR,
	workflowIdFromUrl,
} from './galleryUrls';

/**
 * The id behind a resource locator (picked from the list or typed), trimmed. Empty is an error
 * unless the parameter is optional: an empty id would otherwise reach Alteryx as "".
 */
export function locatorValue(
	this: IExecuteFunctions,
	name: string,
	itemIndex: number,
	{ optional = false } = {},
): string {
	let raw: unknown;
	try {
		raw = this.getNodeParameter(name, itemIndex, '', { extractValue: true });
	} catch (error) {
		throw urlWithoutId.call(this, name, itemIndex) ?? error;
	}
	const value = raw === undefined || raw === null ? '' : String(raw).trim();
	if (value === '' && !optional) {
		const label = fieldLabel.call(this, name, itemIndex);
		throw new NodeOperationError(this.getNode(), `The ${label} is empty`, {
			description: `Pick one from the list, or enter or map its ID in "${label}". An expression may have given an empty value.`,
			itemIndex,
		});
	}
	return value;
}

/**
 * The error for a "By URL" value that n8n's extractValue found no id in, with the mode's own
 * explanation of what a URL must look like; undefined when the locator is in another mode.
 */
function urlWithoutId(
	this: IExecuteFunctions,
	name: string,
	itemIndex: number,
): NodeOperationError | undefined {
	const stored = this.getNodeParameter(name, itemIndex, '', { extractValue: false }) as unknown;
	if (!isLocatorValue(stored) || stored.mode !== 'url') return undefined;
	const property = locatorProperty.call(this, name, itemIndex);
	const mode = property?.modes?.find((candidate) => candidate.name === 'url');
	const rule = mode?.validation?.find(
		(check): check is INodePropertyRegexValidation =>
			typeof check === 'object' && check.type === 'regex',
	);
	const { message, description } = urlWithoutIdMessage(
		property?.displayName ?? name,
		String(stored.value ?? '').trim(),
		rule?.properties.errorMessage ?? 'Copy the address of its page in the Gallery',
	);
	return new NodeOperationError(this.getNode(), message, { description, itemIndex });
}

function isLocatorValue(value: unknown): value is { mode?: unknown; value?: unknown } {
	return value !== null && typeof value === 'object' && 'mode' in value;
}

/**
 * The `sequentialKey` of an operation that reads a record and writes it back: items naming the
 * same record (the locator's ID) run one after another, so none overwrites another's change;
 * items for other records run concurrently.
 */
export function sameRecord(locator: string) {
	return function sequentialKey(this: IExecuteFunctions, itemIndex: number): string | undefined {
		const id = locatorValue.call(this, locator, itemIndex, { optional: true }).toLowerCase();
		return id === '' ? undefined : `${locator}:${id}`;
	};
}

/**
 * The ID in a collection option that is a resource locator (Additional Fields, Update Fields,
 * Filters). getNodeParameter on the whole collection returns the locator as it is stored,
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
	const text = value === undefined || value === null ? '' : String(value).trim();
	// n8n extracts no value here, so a "By URL" value is read as its mode reads it (only the
	// workflow pickers have that mode).
	if (isLocatorValue(raw) && raw.mode === 'url' && text !== '') {
		const id = workflowIdFromUrl(text);
		if (id === undefined) throw new UrlWithoutIdError('Workflow', text, WORKFLOW_URL_ERROR);
		return id;
	}
	return text;
}

/** Return All / Limit, the n8n convention for Get Many operations. */
export function pagingParameters(this: IExecuteFunctions, itemIndex: number): PagingSettings {
	const returnAll = this.getNodeParameter('returnAll', itemIndex, false) as boolean;
	const limit = returnAll ? Infinity : (this.getNodeParameter('limit', itemIndex, 50) as number);
	return { returnAll, limit };
}

/** Applies Return All / Limit to an endpoint that always returns its whole list. */
export function applyLimit<T>(this: IExecuteFunctions, records: T[], itemIndex: number): T[] {
	const { returnAll, limit } = pagingParameters.call(this, itemIndex);
	return returnAll ? records : records.slice(0, limit);
}

/** The View option of a Get Many (see viewOptions); undefined leaves the server's default. */
export function viewOption(this: IExecuteFunctions, itemIndex: number): string | undefined {
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	return (options.view as string) || undefined;
}

/** Sort By and Sort Direction of the sortOptions collection; undefined leaves the server's order. */
export function sortParameters(
	this: IExecuteFunctions,
	itemIndex: number,
): { sortField?: string; direction?: string } {
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	return {
		sortField: (options.sortField as string) || undefined,
		direction: (options.direction as string) || undefined,
	};
}

/**
 * Answers to an analytic app's questions (the Questions field) as AppValue[]: unnamed answers
 * are dropped, values always travel as strings.
 */
export function toAppValues(entries: unknown): IDataObject[] {
	const list = Array.isArray(entries) ? (entries as IDataObject[]) : [];
	return list
		.filter((answer) => String(answer?.name ?? '').trim() !== '')
		.map((answer) => ({ name: String(answer.name).trim(), value: String(answer.value ?? '') }));
}

/**
 * Alteryx wants id lists in form fields as a JSON array string ('["id1","id2"]'). Users type
 * either that or a comma-separated list, or map an array with an expression.
 */
export function toJsonArrayString(
	this: IExecuteFunctions,
	value: unknown,
	fieldName: string,
	itemIndex: number,
): string {
	return JSON.stringify(toStringList.call(this, value, fieldName, itemIndex));
}

/** A list of strings from an array, a JSON array string or a comma-separated string. */
export function toStringList(
	this: IExecuteFunctions,
	value: unknown,
	fieldName: string,
	itemIndex: number,
): string[] {
	if (value === undefined || value === null || value === '') return [];
	if (Array.isArray(value)) return value.map((element) => String(element).trim()).filter(Boolean);
	const text = String(value).trim();
	if (text.startsWith('[')) {
		let parsed: unknown;
		try {
			parsed = JSON.parse(text);
		} catch (error) {
			throw new NodeOperationError(this.getNode(), `${fieldName} is not a valid JSON array`, {
				description: `${(error as Error).message}. Use ["id1","id2"] or id1,id2.`,
				itemIndex,
			});
		}
		if (!Array.isArray(parsed)) {
			throw new NodeOperationError(this.getNode(), `${fieldName} must be a list`, { itemIndex });
		}
		return parsed.map((element) => String(element).trim()).filter(Boolean);
	}
	return text
		.split(',')
		.map((element) => element.trim())
		.filter(Boolean);
}

/** A dateTime parameter (string, Date or Luxon DateTime) as an ISO 8601 UTC string. */
export function toIsoDateTime(
	this: IExecuteFunctions,
	value: unknown,
	fieldName: string,
	itemIndex: number,
): string | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	const date = new Date(typeof value === 'object' ? String(value) : (value as string));
	if (Number.isNaN(date.getTime())) {
		throw new NodeOperationError(this.getNode(), `${fieldName} is not a valid date`, {
			description: `Got "${String(value)}". Use a date such as 2024-09-19T10:00:00Z.`,
			itemIndex,
		});
	}
	return date.toISOString();
}

/**
 * A dateTime parameter as the yyyy-MM-dd that GET v3/jobs expects. The calendar day the user
 * picked is kept as written: converting to UTC first could move it to the day before.
 */
export function toIsoDay(
	this: IExecuteFunctions,
	value: unknown,
	fieldName: string,
	itemIndex: number,
): string | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	const leadingDay = /^(\d{4}-\d{2}-\d{2})/.exec(String(value));
	if (leadingDay) return leadingDay[1];
	return toIsoDateTime.call(this, value, fieldName, itemIndex)?.slice(0, 10);
}

/** Booleans travel in multipart forms as the strings Alteryx's model binder reads. */
export function formBoolean(value: unknown): string {
	return value === true || value === 'true' ? 'true' : 'false';
}

/** The field's label as the editor shows it for this resource and operation ("Collection"). */
function fieldLabel(this: IExecuteFunctions, name: string, itemIndex: number): string {
	return locatorProperty.call(this, name, itemIndex)?.displayName ?? name;
}

/** The description of a top-level parameter of the chosen operation. */
function locatorProperty(
	this: IExecuteFunctions,
	name: string,
	itemIndex: number,
): INodeProperties | undefined {
	const resource = this.getNodeParameter('resource', itemIndex, '') as string;
	const operation = this.getNodeParameter('operation', itemIndex, '') as string;
	return resources
		.find((module) => module.resource.value === resource)
		?.description.find(
			(candidate) =>
				candidate.name === name &&
				(candidate.displayOptions?.show?.operation ?? [operation]).includes(operation),
		);
}
