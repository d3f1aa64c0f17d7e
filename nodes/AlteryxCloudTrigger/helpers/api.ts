import type { IDataObject } from 'n8n-workflow';

import { alteryxApiError } from '../../transport/errors';
import { type AlteryxContext, alteryxApiRequest } from '../../transport/request';
import { DEFAULT_MAX_RESPONSE_BYTES, decodeJsonBody } from '../../transport/response';

const JSON_WITHIN_LIMIT = { format: 'json', maxBytes: DEFAULT_MAX_RESPONSE_BYTES } as const;

/**
 * GET of a Cloud endpoint written as the Cloud docs write it ("plans/v1/planSnapshotRuns"): the
 * connection sends it to the v4 host or the gateway. A failed answer throws the transport's
 * NodeApiError (the Cloud's message and request id); with `missingIsUndefined`, a 404 or 410 (the
 * record was deleted) gives undefined instead.
 */
export async function cloudGet(
	this: AlteryxContext,
	endpoint: string,
	qs?: IDataObject,
	missingIsUndefined = false,
): Promise<unknown> {
	const response = await alteryxApiRequest.call(
		this,
		{ method: 'GET', endpoint, qs, decode: JSON_WITHIN_LIMIT, neverError: missingIsUndefined },
		0,
	);
	if (missingIsUndefined && (response.statusCode === 404 || response.statusCode === 410)) {
		return undefined;
	}
	if (response.statusCode >= 300) throw alteryxApiError(this.getNode(), response, 0);
	return decodeJsonBody(response.body);
}

/** The records of a Cloud list answer ({ data: [...] }), or undefined when it is not one. */
export function listRecords(body: unknown): IDataObject[] | undefined {
	const data = Array.isArray(body) ? body : (body as { data?: unknown } | undefined)?.data;
	return Array.isArray(data) ? (data as IDataObject[]) : undefined;
}
