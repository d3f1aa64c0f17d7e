import { NodeApiError } from 'n8n-workflow';
import type { IDataObject, INode, JsonObject } from 'n8n-workflow';

import { decodeJsonBody } from './response';

/** What Alteryx's Web API (ASP.NET) puts in an error body, as far as it is known. */
interface AlteryxErrorBody {
	message?: string;
	modelState?: Record<string, string[] | string>;
}

const UNAVAILABLE_HINT =
	'Alteryx Server, or a proxy or load balancer in front of it, is unavailable right now. GET, PUT and DELETE are retried automatically (option Retries on Transient Errors); a POST is not sent again, so a job is never started twice. Try again later.';

const STATUS_HINTS: Record<number, string> = {
	400: 'Alteryx Server refused the request as invalid. Check the fields listed above against the API documentation (your server’s Swagger page: {Web API Address}swagger/ui/index).',
	401: 'The token was refreshed and the call was still denied. The user behind the API key needs API Access = Yes, and the role the endpoint requires: most V3 endpoints need Curator; V1/V2 need Artisan and membership of the asset’s studio.',
	403: 'The user may not do this with this asset (for example: the workflow may not be downloaded or run by others).',
	404: 'Nothing exists at this endpoint. Check the id in the endpoint, and that the endpoint exists on your server version.',
	409: 'The request conflicts with the current state (for example: a user who still owns assets cannot be deleted).',
	429: 'Alteryx Server (or a proxy in front of it) is rate-limiting requests. Try again later or slow down with the Batching option.',
	502: UNAVAILABLE_HINT,
	503: UNAVAILABLE_HINT,
	504: UNAVAILABLE_HINT,
};

/**
 * Turns a failed Alteryx response into a NodeApiError that carries Alteryx's own message and
 * every `modelState` field message, the HTTP status and the item. Only the parsed server
 * response goes into the error, never the request; a server that echoes the request back
 * (the token in a header dump) is redacted by the transport before it gets here.
 */
export function alteryxApiError(
	node: INode,
	response: { statusCode: number; body: unknown },
	itemIndex?: number,
): NodeApiError {
	const parsed = decodeJsonBody(response.body);
	const body = (parsed && typeof parsed === 'object' ? parsed : undefined) as
		| AlteryxErrorBody
		| undefined;
	const text = typeof parsed === 'string' ? parsed.trim() : undefined;

	const status = response.statusCode;
	const serverMessage =
		body?.message ??
		(body as IDataObject | undefined)?.Message ??
		(body as IDataObject | undefined)?.error_description ??
		(body as IDataObject | undefined)?.error ??
		(text && text.length <= 500 && !text.startsWith('<') ? text : undefined);
	const fieldMessages = describeModelState(body?.modelState);

	const message = serverMessage
		? `${String(serverMessage)} (HTTP ${status})`
		: `Alteryx Server answered HTTP ${status}`;
	const description = [...fieldMessages, STATUS_HINTS[status] ?? hintForStatus(status)]
		.filter(Boolean)
		.join('\n');

	const errorResponse: JsonObject = { statusCode: status };
	if (body) errorResponse.body = body as unknown as JsonObject;
	else if (text) errorResponse.body = text.slice(0, 2000);

	const error = new NodeApiError(node, errorResponse, {
		message,
		description,
		httpCode: String(status),
		itemIndex,
	});
	if (body?.modelState) {
		error.context.modelState = body.modelState as unknown as IDataObject;
	}
	return error;
}

/** `{"contract.name": ["The Name field is required."]}` → `name: The Name field is required.` */
export function describeModelState(modelState: AlteryxErrorBody['modelState']): string[] {
	if (!modelState || typeof modelState !== 'object') return [];
	const lines: string[] = [];
	for (const [field, messages] of Object.entries(modelState)) {
		// ASP.NET prefixes the parameter name ("contract.", "userContract."); users know the field.
		const label = field.replace(/^[a-z]*(contract|model|request)\./i, '') || 'request';
		for (const message of Array.isArray(messages) ? messages : [messages]) {
			lines.push(`${label}: ${String(message)}`);
		}
	}
	return lines;
}

function hintForStatus(status: number): string {
	if (status >= 500) {
		return 'Alteryx Server had an internal problem. Try again later; if it persists, the server logs have the details.';
	}
	return '';
}
