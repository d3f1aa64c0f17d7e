import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { requestRouteJson } from '../helpers/api';
import type { OperationRoute } from '../actions/node.type';
import { listRoutes } from './routes';
import { recordsToSearchResults, userLabel, withGalleryLinks } from './searchResults';

// The V3 list endpoints have no paging: each returns the whole list, filtered here by the text
// the user types (case-insensitive, anywhere in the name).

async function listOf(
	this: ILoadOptionsFunctions,
	route: OperationRoute,
	qs?: IDataObject,
): Promise<IDataObject[]> {
	const value = await requestRouteJson.call(this, route, { qs });
	if (Array.isArray(value)) return value as IDataObject[];
	const data = (value as { data?: unknown } | undefined)?.data;
	return Array.isArray(data) ? (data as IDataObject[]) : [];
}

export async function searchWorkflows(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	// The server filters by name itself, which keeps the answer small on big galleries.
	const records = await listOf.call(this, listRoutes.workflows, filter ? { name: filter } : {});
	const result = recordsToSearchResults(
		records,
		(workflow) => String(workflow.name ?? workflow.id),
		undefined,
	);
	return await withGalleryLinks.call(this, result);
}

export async function searchUsers(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const records = await listOf.call(this, listRoutes.users);
	return recordsToSearchResults(records, userLabel, filter);
}

export async function searchCollections(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const records = await listOf.call(this, listRoutes.collections);
	return recordsToSearchResults(
		records,
		(collection) => String(collection.name ?? collection.id),
		filter,
	);
}

export async function searchSchedules(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const records = await listOf.call(this, listRoutes.schedules);
	return recordsToSearchResults(
		records,
		(schedule) => String(schedule.name || schedule.id),
		filter,
	);
}

export async function searchUserGroups(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const records = await listOf.call(this, listRoutes.userGroups);
	return recordsToSearchResults(records, (group) => String(group.name ?? group.id), filter);
}

export async function searchCredentials(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const records = await listOf.call(this, listRoutes.credentials);
	return recordsToSearchResults(
		records,
		(credential) => String(credential.userName ?? credential.id),
		filter,
	);
}

export async function searchJobs(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const records = await listOf.call(this, listRoutes.jobs, {
		allUsers: true,
		sortField: 'CreateDate',
		direction: 'desc',
		offset: 0,
		limit: 100,
	});
	const result = recordsToSearchResults(
		records,
		(job) =>
			`${String(job.workflowName ?? 'Job')} · ${String(job.status ?? '')} · ${String(job.queueTime ?? '')}`,
		filter,
		'jobId',
	);
	// Newest first is more useful than alphabetical for jobs.
	const order = new Map(records.map((job, index) => [String(job.jobId), index]));
	result.results.sort(
		(a, b) => (order.get(a.value as string) ?? 0) - (order.get(b.value as string) ?? 0),
	);
	return result;
}
export * from './listSearchStudiosAndConnections';
export * from './listSearchDcm';
