import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { filterSearchResults } from '../../AlteryxServer/methods/searchResults';
import type { CloudRoute } from '../actions/node.type';
import { requestCloudJson } from '../helpers/api';

/** How many records one page of a picker asks for; n8n asks for the next page on scroll. */
const PICKER_PAGE = 100;

const pickerRoutes = {
	plans: { method: 'GET', path: 'plans/v1/plans', action: 'listing plans' },
	flows: { method: 'GET', path: 'v4/flows', action: 'listing flows' },
	schedules: { method: 'GET', path: 'scheduling/v1/schedules', action: 'listing schedules' },
} satisfies Record<string, CloudRoute>;

/**
 * One page of a list (limit + offset, `{ data: […] }`), filtered by the typed text (any case, in
 * the name, or the exact ID). The offset of the next page is the pagination token.
 */
async function searchPage(
	this: ILoadOptionsFunctions,
	route: CloudRoute,
	filter: string | undefined,
	paginationToken: string | undefined,
	serverFilter: IDataObject,
): Promise<INodeListSearchResult> {
	const offset = Number(paginationToken ?? 0) || 0;
	const answer = await requestCloudJson.call(this, route, {
		qs: { limit: PICKER_PAGE, offset, ...serverFilter },
	});
	const data = Array.isArray(answer)
		? (answer as IDataObject[])
		: ((answer as { data?: unknown } | undefined)?.data as IDataObject[] | undefined);
	const records = Array.isArray(data) ? data : [];
	const result = filterSearchResults(
		records.map((record) => ({
			name: String(record.name || record.id),
			value: String(record.id ?? ''),
		})),
		filter,
	);
	return records.length < PICKER_PAGE
		? result
		: { ...result, paginationToken: String(offset + records.length) };
}

export async function searchPlans(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	// The Cloud filters plans by name itself, which keeps big workspaces quick.
	const text = (filter ?? '').trim();
	const serverFilter = text ? { filter: text, filterFields: 'name', filterType: 'contains' } : {};
	return await searchPage.call(this, pickerRoutes.plans, filter, paginationToken, serverFilter);
}

export async function searchFlows(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const text = (filter ?? '').trim();
	const serverFilter = text ? { filter: text, filterType: 'contains' } : {};
	return await searchPage.call(this, pickerRoutes.flows, filter, paginationToken, serverFilter);
}

export async function searchSchedules(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	return await searchPage.call(this, pickerRoutes.schedules, filter, paginationToken, {});
}
