import type {
	IDataObject,
	ILoadOptionsFunctions,
	INodeListSearchItems,
	INodeListSearchResult,
} from 'n8n-workflow';

import { readCredential } from '../../transport/authentication';
import { galleryAddress, workflowPageUrl } from '../helpers/galleryUrls';

/**
 * What a "From List" picker shows: the entries with an ID whose name contains the typed text
 * (any case) or whose ID is the typed text, sorted by name. The list endpoints behind the
 * pickers return whole lists, so the filtering happens here.
 */
export function filterSearchResults(
	items: INodeListSearchItems[],
	filter: string | undefined,
): INodeListSearchResult {
	const wanted = (filter ?? '').trim().toLowerCase();
	const results = items
		.filter((item) => item.value !== '')
		.filter(
			(item) =>
				wanted === '' ||
				item.name.toLowerCase().includes(wanted) ||
				String(item.value).toLowerCase() === wanted,
		)
		.sort((a, b) => a.name.localeCompare(b.name));
	return { results };
}

/** filterSearchResults for records named by `label` and identified by `idField`. */
export function recordsToSearchResults(
	records: IDataObject[],
	label: (record: IDataObject) => string,
	filter: string | undefined,
	idField = 'id',
): INodeListSearchResult {
	return filterSearchResults(
		records.map((record) => ({ name: label(record), value: String(record[idField] ?? '') })),
		filter,
	);
}

/** How the user pickers and dropdowns name a user: "First Last (email)". */
export function userLabel(user: IDataObject): string {
	return `${[user.firstName, user.lastName].filter(Boolean).join(' ')} (${String(user.email ?? user.id)})`;
}

/**
 * Workflow results with a link to their Gallery page (n8n shows an "open" link beside each),
 * when the credential's address says where the Gallery is (helpers/galleryUrls.ts).
 */
export async function withGalleryLinks(
	this: ILoadOptionsFunctions,
	result: INodeListSearchResult,
): Promise<INodeListSearchResult> {
	// Read once per run: the list request has just read it.
	const { connection } = await readCredential.call(this);
	const gallery = galleryAddress(connection.baseUrl);
	if (!gallery) return result;
	for (const item of result.results) {
		const url = workflowPageUrl(gallery, String(item.value), item.name);
		if (url) item.url = url;
	}
	return result;
}
