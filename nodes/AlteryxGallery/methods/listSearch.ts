import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { requestRouteJson } from '../../AlteryxServer/helpers/api';
import {
	recordsToSearchResults,
	withGalleryLinks,
} from '../../AlteryxServer/methods/searchResults';
import { v1Routes } from '../actions/v1';

/**
 * The workflows of the key's studio (subscription), for the Workflow picker: the server filters
 * by name (`search`), as Workflow → Get Many does; each result links to its Gallery page.
 */
export async function searchWorkflows(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const search = (filter ?? '').trim();
	const value = await requestRouteJson.call(this, v1Routes.subscriptionWorkflows, {
		qs: search ? { search } : {},
	});
	const records = (Array.isArray(value) ? value : []) as IDataObject[];
	return await withGalleryLinks.call(
		this,
		recordsToSearchResults(records, workflowName, undefined),
	);
}

/** V1 lists name a workflow in its metaInfo. */
function workflowName(workflow: IDataObject): string {
	const metaInfo = (workflow.metaInfo ?? {}) as IDataObject;
	return String(metaInfo.name || workflow.name || workflow.id);
}
