import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { cloudGet, listRecords } from '../helpers/api';

const PAGE_SIZE = 100;
/** Pages a dropdown reads at most (1,000 entries); more are given by id in an expression. */
const MAX_PAGES = 10;

/** The entries of a Cloud list by name, the id as value. */
async function optionsOf(
	context: ILoadOptionsFunctions,
	endpoint: string,
): Promise<INodePropertyOptions[]> {
	const options: INodePropertyOptions[] = [];
	for (let page = 0; page < MAX_PAGES; page++) {
		const qs = { limit: PAGE_SIZE, offset: page * PAGE_SIZE, sort: 'name' };
		const records = listRecords(await cloudGet.call(context, endpoint, qs)) ?? [];
		for (const record of records) {
			if (record.id === undefined || record.id === null) continue;
			options.push({ name: String(record.name ?? record.id), value: String(record.id) });
		}
		if (records.length < PAGE_SIZE) break;
	}
	return options.sort((a, b) => a.name.localeCompare(b.name));
}

/** The plans the token's user can see (GET plans/v1/plans), for Plans to Watch. */
export async function getPlans(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return await optionsOf(this, 'plans/v1/plans');
}

/** The flows the token's user can see (GET v4/flows), for Flows to Watch. */
export async function getFlows(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return await optionsOf(this, 'v4/flows');
}
