import type { IDataObject, ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { cloudGet, listRecords } from '../helpers/api';

/** Options of a Cloud list (its first 100 entries by name): name, and the id as value. */
async function optionsOf(
	context: ILoadOptionsFunctions,
	endpoint: string,
): Promise<INodePropertyOptions[]> {
	const body = await cloudGet.call(context, endpoint, { limit: 100, offset: 0, sort: 'name' });
	return (listRecords(body) ?? [])
		.filter((record: IDataObject) => record.id !== undefined && record.id !== null)
		.map((record) => ({ name: String(record.name ?? record.id), value: String(record.id) }))
		.sort((a, b) => a.name.localeCompare(b.name));
}

/** The plans the token's user can see (GET plans/v1/plans), for Plans to Watch. */
export async function getPlans(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return await optionsOf(this, 'plans/v1/plans');
}

/** The flows the token's user can see (GET v4/flows), for Flows to Watch. */
export async function getFlows(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return await optionsOf(this, 'v4/flows');
}
