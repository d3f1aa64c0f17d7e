import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { alteryxApiError } from '../../transport/errors';
import { type PagingSettings, requestPages } from '../../transport/pagination';
import {
	type AlteryxContext,
	type AlteryxRequest,
	alteryxApiRequest,
} from '../../transport/request';
import {
	type AlteryxResponse,
	DEFAULT_MAX_RESPONSE_BYTES,
	decodeJsonBody,
	jsonValueToItems,
} from '../../transport/response';
import type { StreamBody } from '../../transport/streams';
import { fillPathIds } from '../../transport/pathIds';
import type { OperationRoute } from '../actions/node.type';
import { applyLimit } from './parameters';
import { routeErrorSubject } from './routeErrors';

export interface RouteCall {
	/** Values for the `{placeholders}` of the route's path. */
	path?: Record<string, string>;
	qs?: IDataObject;
	body?: Buffer | string | IDataObject | IDataObject[] | StreamBody;
	headers?: IDataObject;
	timeout?: number;
	neverError?: boolean;
	/** A download: the answer goes from the socket into n8n's binary data store (helpers/binary.ts). */
	saveFile?: AlteryxRequest['saveFile'];
}

/**
 * Fills the `{placeholders}` of a swagger path; each value becomes exactly one path segment.
 * Ids are percent-encoded so a value typed by a user (or produced by an expression) can never
 * add path segments or a query; ".", ".." and empty ids, which encoding leaves as they are and
 * URL resolution (or the server) turns into another route, are refused before anything is sent.
 */
export function buildEndpoint(
	this: AlteryxContext,
	route: OperationRoute,
	values: Record<string, string> = {},
	itemIndex = 0,
): string {
	return fillPathIds(
		this.getNode(),
		route,
		values,
		(name) => idFieldName(route.path, name),
		itemIndex,
	);
}

/** How the editor names the field behind a placeholder: 'collectionId' → 'Collection ID'. */
function idFieldName(path: string, placeholder: string): string {
	if (placeholder.toLowerCase() === 'id') {
		return /\/connectionhandlingrules\/\{id\}/i.test(path)
			? 'Connection Handling Rule ID'
			: 'Connection ID';
	}
	return (
		ID_FIELD_NAMES[placeholder] ??
		placeholder
			.replace(/Id$/, ' ID')
			.replace(/([a-z])([A-Z])/g, '$1 $2')
			.replace(/^./, (first) => first.toUpperCase())
	);
}

/** Placeholders whose field is named otherwise in the editor. */
const ID_FIELD_NAMES: Record<string, string> = {
	adGroupSid: 'Active Directory Group SID',
	dataConnectionId: 'Server Data Connection ID',
	subscriptionId: 'Studio ID',
	outputId: 'Output Name or ID',
};

// JSON answers become items; the verb nodes' default limit keeps a runaway list from
// exhausting n8n's memory. Downloads (requestRoute) are files and not limited.
const JSON_WITHIN_LIMIT = { format: 'json', maxBytes: DEFAULT_MAX_RESPONSE_BYTES } as const;

/** Calls the route through the shared transport (token, errors, Web API address). */
export async function requestRoute(
	this: AlteryxContext,
	route: OperationRoute,
	call: RouteCall = {},
	itemIndex = 0,
): Promise<AlteryxResponse> {
	return await alteryxApiRequest.call(
		this,
		routeRequest.call(this, route, call, itemIndex),
		itemIndex,
	);
}

/** The transport request for a call of the route. */
function routeRequest(
	this: AlteryxContext,
	route: OperationRoute,
	call: RouteCall,
	itemIndex: number,
): AlteryxRequest {
	return {
		method: route.method,
		endpoint: buildEndpoint.call(this, route, call.path, itemIndex),
		qs: call.qs,
		body: call.body,
		headers: call.headers,
		timeout: call.timeout,
		neverError: call.neverError,
		subject: routeErrorSubject(route, call.path, call.qs),
		// A file of any size; an answer that is not one is read as it is (error, login page).
		...(call.saveFile ? { saveFile: call.saveFile, decode: { format: 'file', maxBytes: 0 } } : {}),
	};
}

/** The error of a failed answer the caller took with `neverError`, worded like the others. */
export function routeError(
	this: AlteryxContext,
	route: OperationRoute,
	call: RouteCall,
	response: AlteryxResponse,
	itemIndex: number,
) {
	return alteryxApiError(
		this.getNode(),
		response,
		itemIndex,
		routeErrorSubject(route, call.path, call.qs),
	);
}

/** Calls the route and returns the parsed JSON body (undefined for an empty body). */
export async function requestRouteJson(
	this: AlteryxContext,
	route: OperationRoute,
	call: RouteCall = {},
	itemIndex = 0,
): Promise<unknown> {
	const response = await alteryxApiRequest.call(
		this,
		{ ...routeRequest.call(this, route, call, itemIndex), decode: JSON_WITHIN_LIMIT },
		itemIndex,
	);
	return decodeJsonBody(response.body);
}

/**
 * Get Many of a V3 list endpoint without paging parameters: it always returns the whole list, so
 * Return All / Limit is applied here. An answer that is not a list gives no items.
 */
export async function requestListWithLimit(
	this: IExecuteFunctions,
	route: OperationRoute,
	call: RouteCall,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const records = await requestRouteJson.call(this, route, call, itemIndex);
	return jsonToItems(applyLimit.call(this, Array.isArray(records) ? records : [], itemIndex));
}

/**
 * What a JSON answer becomes: one item per array element, `{ id }` for the string id that
 * create calls return, `{ success: true }` for an empty 200, the object itself otherwise.
 */
export function jsonToItems(value: unknown): INodeExecutionData[] {
	return jsonValueToItems(value, true).map((json) => ({ json }));
}

/** Drops keys whose value is undefined, so they neither override a merge nor reach the API. */
export function withoutUndefined<T extends IDataObject>(object: T): T {
	return Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined)) as T;
}

/**
 * Offset/limit paging of a route (GET v3/jobs, GET v3/workflows/{id}/jobs) through the pager the
 * verb nodes use too; `paging.idField` drops repeated records.
 */
export async function requestAllPages(
	this: AlteryxContext,
	route: OperationRoute,
	call: RouteCall,
	paging: PagingSettings,
	itemIndex = 0,
): Promise<IDataObject[]> {
	return await requestPages.call(
		this,
		{ ...routeRequest.call(this, route, call, itemIndex), decode: JSON_WITHIN_LIMIT },
		paging,
		{
			message: `${route.method} ${route.path} did not return a list`,
			description: 'The server answered with something other than a page of records.',
		},
		itemIndex,
	);
}
