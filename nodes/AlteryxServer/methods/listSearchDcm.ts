import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { requestRouteJson } from '../helpers/api';
import { asList, dcmRoutes } from '../helpers/dcm';
import { filterSearchResults } from './searchResults';

// "From List" pickers for DCM records. The only DCM list endpoints are the Curator-only admin
// ones, each returning the whole list, filtered here by the text the user types.

async function connections(this: ILoadOptionsFunctions): Promise<IDataObject[]> {
	return asList(await requestRouteJson.call(this, dcmRoutes.adminList));
}

const connectionLabel = (connection: IDataObject) => {
	const owner = (connection.owner as IDataObject | undefined)?.email;
	const details = [connection.schemaName, owner].filter(Boolean).join(', ');
	return `${String(connection.name ?? connection.id)}${details ? ` (${details})` : ''}`;
};

/** DCM connections by record ID (DCM Connection and DCM Administration operations). */
export async function searchDcmConnections(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const records = await connections.call(this);
	return filterSearchResults(
		records.map((connection) => ({
			name: connectionLabel(connection),
			value: String(connection.id ?? ''),
		})),
		filter,
	);
}

/**
 * DCM connections by the ID workflows reference them with (connectionId, falling back to the
 * record ID), for connection handling rules.
 */
export async function searchDcmConnectionReferences(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const records = await connections.call(this);
	return filterSearchResults(
		records.map((connection) => ({
			name: connectionLabel(connection),
			value: String(connection.connectionId || connection.id || ''),
		})),
		filter,
	);
}

/** DCM connection handling rules, shown as "source → target". */
export async function searchDcmConnectionHandlingRules(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const rules = asList(await requestRouteJson.call(this, dcmRoutes.ruleList));
	return filterSearchResults(
		rules.map((rule) => ({
			name: `${String(rule.sourceConnectionTitle || rule.sourceConnectionId)} → ${String(
				rule.targetConnectionTitle || rule.targetConnectionId || '(no target)',
			)}`,
			value: String(rule.id ?? ''),
		})),
		filter,
	);
}
