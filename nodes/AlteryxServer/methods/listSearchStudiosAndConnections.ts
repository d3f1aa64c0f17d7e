import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { route as serverDataConnectionsRoute } from '../actions/serverDataConnection/getAll.operation';
import { route as subscriptionsRoute } from '../actions/subscription/getAll.operation';
import { requestRouteJson } from '../helpers/api';
import { recordsToSearchResults } from './searchResults';

// Pickers of the Server Data Connection and Studio (Subscription) resources. Both list
// endpoints return the whole list (no paging); the typed text filters it here, on the name or
// the exact ID.

export async function searchServerDataConnections(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const connections = await requestRouteJson.call(this, serverDataConnectionsRoute);
	return recordsToSearchResults(
		Array.isArray(connections) ? (connections as IDataObject[]) : [],
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
	return recordsToSearchResults(
		Array.isArray(studios) ? (studios as IDataObject[]) : [],
		(studio) => String(studio.name || studio.id),
		filter,
	);
}
