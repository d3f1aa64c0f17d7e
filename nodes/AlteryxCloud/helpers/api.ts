import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { ErrorSubject } from '../../transport/errors';
import { requestPages } from '../../transport/pagination';
import { type AlteryxContext, alteryxApiRequest } from '../../transport/request';
import {
	type AlteryxResponse,
	DEFAULT_MAX_RESPONSE_BYTES,
	decodeJsonBody,
	jsonValueToItems,
} from '../../transport/response';
import { fillPathIds, shownId } from '../../transport/pathIds';
import type { CloudRoute } from '../actions/node.type';

export interface CloudCall {
	/** Values for the `{placeholders}` of the route's path. */
	path?: Record<string, string>;
	qs?: IDataObject;
	body?: IDataObject | IDataObject[];
	headers?: IDataObject;
	timeout?: number;
}

/** How the editor names the field behind a placeholder. */
const FIELD_NAMES: Record<string, string> = {
	planId: 'Plan',
	planSnapshotRunId: 'Plan Run ID',
	flowId: 'Flow',
	jobGroupId: 'Job Group ID',
	scheduleId: 'Schedule',
};

/** What a placeholder's value is, in errors: 'plan 12'. */
const OBJECT_NAMES: Record<string, string> = {
	planId: 'plan',
	planSnapshotRunId: 'plan run',
	flowId: 'flow',
	jobGroupId: 'job group',
	scheduleId: 'schedule',
};

/**
 * Fills the `{placeholders}` of a route; each value becomes exactly one path segment.
 * Percent-encoding keeps a typed or mapped id from adding segments or a query; "." and ".."
 * (which encoding leaves as they are) and empty ids are refused before anything is sent.
 */
export function cloudEndpoint(
	this: AlteryxContext,
	route: CloudRoute,
	values: Record<string, string> = {},
	itemIndex = 0,
): string {
	return fillPathIds(this.getNode(), route, values, (name) => FIELD_NAMES[name] ?? name, itemIndex);
}

/** What a call is about, so a 404 names the object ("Plan 12") and the action. */
export function cloudSubject(route: CloudRoute, values: Record<string, string> = {}): ErrorSubject {
	const named: string[] = [];
	for (const [, placeholder] of route.path.matchAll(/\{([^}]+)\}/g)) {
		named.push(`${OBJECT_NAMES[placeholder] ?? placeholder} ${shownId(values[placeholder])}`);
	}
	const notFound = named.join(' or ');
	return {
		notFound: notFound ? notFound.charAt(0).toUpperCase() + notFound.slice(1) : undefined,
		action: route.action.replace(/\{([^}]+)\}/g, (_match, name: string) => shownId(values[name])),
	};
}

const JSON_WITHIN_LIMIT = { format: 'json', maxBytes: DEFAULT_MAX_RESPONSE_BYTES } as const;

/** Calls the route through the shared transport (token, Cloud host per path family, errors). */
export async function requestCloud(
	this: AlteryxContext,
	route: CloudRoute,
	call: CloudCall = {},
	itemIndex = 0,
): Promise<AlteryxResponse> {
	return await alteryxApiRequest.call(
		this,
		{
			method: route.method,
			endpoint: cloudEndpoint.call(this, route, call.path, itemIndex),
			qs: call.qs,
			body: call.body,
			headers: call.headers,
			timeout: call.timeout,
			subject: cloudSubject(route, call.path),
			decode: JSON_WITHIN_LIMIT,
		},
		itemIndex,
	);
}

/** Calls the route and returns the parsed JSON body (undefined for an empty body). */
export async function requestCloudJson(
	this: AlteryxContext,
	route: CloudRoute,
	call: CloudCall = {},
	itemIndex = 0,
): Promise<unknown> {
	const response = await requestCloud.call(this, route, call, itemIndex);
	return decodeJsonBody(response.body);
}

/** One item per object: a `{ data: […] }` list becomes its records, an object itself. */
export function toItems(value: unknown): INodeExecutionData[] {
	const data = (value as { data?: unknown } | undefined)?.data;
	const records =
		value !== null && typeof value === 'object' && !Array.isArray(value) && Array.isArray(data)
			? jsonValueToItems(data, true)
			: jsonValueToItems(value, true);
	return records.map((json) => ({ json }));
}

/** The Cloud's list pages: `limit` and `offset`, answered as `{ data: […] }`. */
const PAGE_SIZE = 100;

/**
 * Get Many: Return All pages through the list with limit and offset; otherwise asks only for
 * what Limit allows. One item per object.
 */
export async function requestCloudList(
	this: IExecuteFunctions,
	route: CloudRoute,
	call: CloudCall,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const returnAll = this.getNodeParameter('returnAll', itemIndex, false) as boolean;
	const limit = returnAll ? Infinity : (this.getNodeParameter('limit', itemIndex, 50) as number);
	const records = await requestPages.call(
		this,
		{
			method: route.method,
			endpoint: cloudEndpoint.call(this, route, call.path, itemIndex),
			qs: call.qs,
			headers: call.headers,
			subject: cloudSubject(route, call.path),
			decode: JSON_WITHIN_LIMIT,
		},
		{ returnAll, limit, pageSize: PAGE_SIZE },
		{
			message: `Alteryx Analytics Cloud did not answer ${route.method} ${route.path} with a list`,
			description: 'A list comes as { "data": [ … ] }. Check the region or URLs of the credential.',
		},
		itemIndex,
	);
	return records.map((json) => ({ json }));
}

/** Drops the keys whose value is undefined or '' (options the user did not set). */
export function withoutEmpty(object: IDataObject): IDataObject {
	return Object.fromEntries(
		Object.entries(object).filter(([, value]) => value !== undefined && value !== ''),
	);
}
