import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject } from 'n8n-workflow';

import { type AlteryxContext, type AlteryxRequest, alteryxApiRequest } from './request';
import { decodeJsonBody, jsonValueToItems } from './response';

export interface PagingSettings {
	returnAll: boolean;
	/** How many records to return when returnAll is false. */
	limit: number;
	/** How many records to ask for per request. */
	pageSize?: number;
	/**
	 * Field that identifies a record; repeated records are dropped (and end the paging). Without
	 * it, records with the same content are the same record.
	 */
	idField?: string;
	/** Names of the paging query parameters (empty means the default). */
	offsetParameter?: string;
	limitParameter?: string;
}

/** What the error says when the endpoint answers with something other than a page. */
export interface NotAListExplanation {
	message: string;
	description: string;
}

/**
 * Offset/limit paging for the verb nodes and the paged V3 endpoints: a plain array (GET
 * v3/workflows/{id}/jobs) or the `{ data, pagination }` envelope (GET v3/jobs). Asks for
 * `pageSize` records at a time and stops at a short or empty page, at `hasNextPage: false`, at
 * the user's limit, or when a page brings nothing new (a server that reads `offset` differently
 * would otherwise loop forever). With Never Error an error answer ends the paging as the last
 * record, `{ statusCode, body }`.
 */
export async function requestPages(
	this: AlteryxContext,
	request: AlteryxRequest,
	paging: PagingSettings,
	notAList: NotAListExplanation,
	itemIndex = 0,
): Promise<IDataObject[]> {
	const wanted = paging.returnAll ? Infinity : Math.max(1, Number(paging.limit));
	const pageSize = Math.max(1, Number(paging.pageSize ?? 100));
	const offsetParameter = paging.offsetParameter || 'offset';
	const limitParameter = paging.limitParameter || 'limit';
	const records: IDataObject[] = [];
	const seen = new Set<string>();

	for (let offset = 0; records.length < wanted; offset += pageSize) {
		const size = Math.min(pageSize, wanted - records.length);
		const response = await alteryxApiRequest.call(
			this,
			{ ...request, qs: { ...request.qs, [offsetParameter]: offset, [limitParameter]: size } },
			itemIndex,
		);
		if (response.statusCode >= 400) {
			// Only reachable with Never Error: return what the server said, as the last record.
			records.push({
				statusCode: response.statusCode,
				body: decodeJsonBody(response.body) as IDataObject,
			});
			break;
		}
		const decoded = decodeJsonBody(response.body);
		const envelope = decoded as
			| { data?: unknown; pagination?: { hasNextPage?: boolean } }
			| undefined;
		const page = Array.isArray(decoded)
			? decoded
			: Array.isArray(envelope?.data)
				? envelope.data
				: undefined;
		if (!page) {
			throw new NodeOperationError(this.getNode(), notAList.message, {
				description: notAList.description,
				itemIndex,
			});
		}
		let added = 0;
		for (const record of jsonValueToItems(page, true)) {
			// Without an id field (the verb nodes) a record is known by its content: an endpoint
			// that ignores offset and limit (GET v3/workflows) answers the same list every time.
			const id = paging.idField ? record[paging.idField] : JSON.stringify(record);
			if (typeof id === 'string') {
				if (seen.has(id)) continue;
				seen.add(id);
			}
			if (records.length < wanted) records.push(record);
			added++;
		}
		const hasNextPage = envelope?.pagination?.hasNextPage;
		if (
			page.length === 0 ||
			added === 0 ||
			hasNextPage === false ||
			(hasNextPage === undefined && page.length < size)
		) {
			break;
		}
	}
	return records;
}
