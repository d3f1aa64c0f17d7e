import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { type AlteryxContext, alteryxApiRequest } from '../../transport/request';
import { type AlteryxResponse, decodeJsonBody, jsonValueToItems } from '../../transport/response';
import type { OperationRoute } from '../actions/node.type';

export interface RouteCall {
	/** Values for the `{placeholders}` of the route's path. */
	path?: Record<string, string>;
	qs?: IDataObject;
	body?: Buffer | string | IDataObject | IDataObject[];
	headers?: IDataObject;
	timeout?: number;
	neverError?: boolean;
}

/**
 * Fills the `{placeholders}` of a swagger path. Ids are percent-encoded so a value typed by a
 * user (or produced by an expression) can never add path segments or a query.
 */
export function buildEndpoint(
	this: AlteryxContext,
	route: OperationRoute,
	values: Record<string, string> = {},
	itemIndex = 0,
): string {
	return route.path.replace(/\{([^}]+)\}/g, (_placeholder, name: string) => {
		const value = String(values[name] ?? '').trim();
		if (value === '') {
			throw new NodeOperationError(this.getNode(), `The ${describeId(name)} is empty`, {
				description: `${route.method} ${route.path} needs a ${describeId(name)}. Pick one from the list or map an id from an earlier node.`,
				itemIndex,
			});
		}
		return encodeURIComponent(value);
	});
}

/** 'workflowId' → 'workflow ID', 'userGroupId' → 'user group ID'. */
function describeId(name: string): string {
	return name
		.replace(/Id$/, ' ID')
		.replace(/([a-z])([A-Z])/g, '$1 $2')
		.toLowerCase()
		.replace(/ id$/, ' ID');
}

/** Calls the route through the shared transport (token, errors, Web API address). */
export async function requestRoute(
	this: AlteryxContext,
	route: OperationRoute,
	call: RouteCall = {},
	itemIndex = 0,
): Promise<AlteryxResponse> {
	return await alteryxApiRequest.call(
		this,
		{
			method: route.method,
			endpoint: buildEndpoint.call(this, route, call.path, itemIndex),
			qs: call.qs,
			body: call.body,
			headers: call.headers,
			timeout: call.timeout,
			neverError: call.neverError,
		},
		itemIndex,
	);
}

/** Calls the route and returns the parsed JSON body (undefined for an empty body). */
export async function requestRouteJson(
	this: AlteryxContext,
	route: OperationRoute,
	call: RouteCall = {},
	itemIndex = 0,
): Promise<unknown> {
	const response = await requestRoute.call(this, route, call, itemIndex);
	return decodeJsonBody(response.body);
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

export interface PagingSettings {
	returnAll: boolean;
	/** How many records to return when returnAll is false. */
	limit: number;
	/** How many records to ask for per request. */
	pageSize?: number;
	/** Field that identifies a record; repeated records are dropped (and end the paging). */
	idField?: string;
	/** Names of the paging query parameters. */
	offsetParameter?: string;
	limitParameter?: string;
}

/**
 * Offset/limit paging for the two paged V3 endpoints: a plain array (GET
 * v3/workflows/{id}/jobs) or the `{ data, pagination }` envelope (GET v3/jobs). Stops at a short
 * or empty page, at `hasNextPage: false`, at the user's limit, or when a page brings nothing
 * new (a server that reads `offset` differently would otherwise loop forever).
 */
export async function requestAllPages(
	this: AlteryxContext,
	route: OperationRoute,
	call: RouteCall,
	paging: PagingSettings,
	itemIndex = 0,
): Promise<IDataObject[]> {
	const wanted = paging.returnAll ? Infinity : Math.max(1, paging.limit);
	const pageSize = Math.max(1, paging.pageSize ?? 100);
	const offsetParameter = paging.offsetParameter ?? 'offset';
	const limitParameter = paging.limitParameter ?? 'limit';
	const records: IDataObject[] = [];
	const seen = new Set<string>();

	for (let offset = 0; records.length < wanted; offset += pageSize) {
		const size = Math.min(pageSize, wanted - records.length);
		const decoded = await requestRouteJson.call(
			this,
			route,
			{ ...call, qs: { ...call.qs, [offsetParameter]: offset, [limitParameter]: size } },
			itemIndex,
		);
		const envelope = decoded as { data?: unknown; pagination?: { hasNextPage?: boolean } };
		const page = Array.isArray(decoded)
			? decoded
			: Array.isArray(envelope?.data)
				? envelope.data
				: undefined;
		if (!page) {
			throw new NodeOperationError(
				this.getNode(),
				`${route.method} ${route.path} did not return a list`,
				{
					description: 'The server answered with something other than a page of records.',
					itemIndex,
				},
			);
		}
		let added = 0;
		for (const record of page as IDataObject[]) {
			const id = paging.idField ? record?.[paging.idField] : undefined;
			if (typeof id === 'string') {
				if (seen.has(id)) continue;
				seen.add(id);
			}
			if (records.length < wanted) records.push(record);
			added++;
		}
		const hasNextPage = envelope?.pagination?.hasNextPage;
		if (
			page.length === 0 ||
			added === 0 ||
			hasNextPage === false ||
			(hasNextPage === undefined && page.length < size)
		) {
			break;
		}
	}
	return records;
}
