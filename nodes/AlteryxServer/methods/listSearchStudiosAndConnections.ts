import type {
	IDataObject,
	ILoadOptionsFunctions,
	INodeListSearchItems,
	INodeListSearchResult,
} from 'n8n-workflow';

import { route as serverDataConnectionsRoute } from '../actions/serverDataConnection/getAll.operation';
import { route as subscriptionsRoute } from '../actions/subscription/getAll.operation';
import { requestRouteJson } from '../helpers/api';

// Pickers of the Server Data Connection and Studio (Subscription) resources. Both list
// endpoints return the whole list (no paging); the typed text filters it here, on the name or
// the exact ID.

function toResults(
	value: unknown,
	label: (record: IDataObject) => string,
	filter: string | undefined,
): INodeListSearchResult {
	const records = Array.isArray(value) ? (value as IDataObject[]) : [];
	const wanted = (filter ?? '').trim().toLowerCase();
	const results: INodeListSearchItems[] = records
		.map((record) => ({ name: label(record), value: String(record.id ?? '') }))
		.filter((result) => result.value !== '')
		.filter(
			(result) =>
				wanted === '' ||
				result.name.toLowerCase().includes(wanted) ||
				result.value.toLowerCase() === wanted,
		)
		.sort((a, b) => a.name.localeCompare(b.name));
	return { results };
}

export async function searchServerDataConnections(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const connections = await requestRouteJson.call(this, serverDataConnectionsRoute);
	return toResults(
		connections,
		(connection) =>
			connection.connectionType
				? `${String(connection.name ?? connection.id)} (${String(connection.connectionType)})`
				: String(connection.name ?? connection.id),
		filter,
	);
}

export async function searchSubscriptions(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const studios = await requestRouteJson.call(this, subscriptionsRoute);
	return toResults(studios, (studio) => String(studio.name || studio.id), filter);
}
