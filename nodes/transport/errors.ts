import { NodeApiError } from 'n8n-workflow';
import type { IDataObject, INode, JsonObject } from 'n8n-workflow';

import { decodeJsonBody, headerValue } from './response';

/** What Alteryx's Web API (ASP.NET) puts in an error body, as far as it is known. */
interface AlteryxErrorBody {
	message?: string;
	modelState?: Record<string, string[] | string>;
}

/**
 * What a request was about (the Alteryx Server node knows it from the route), so that a 404 names
 * the object and a 403 the role instead of the endpoint the user never typed.
 */
export interface ErrorSubject {
	/** The objects the request names: 'Workflow 64b0…', 'Collection 1 or workflow 2'. */
	notFound?: string;
	/** What was being done: 'deleting user 64b0…'. */
	action: string;
	/** What the user behind the API key needs for it, where Alteryx documents it: 'the Curator role'. */
	requirement?: string;
	/** A permission on the object the request also needs: 'ownership of the workflow or …'. */
	permission?: string;
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
	response: { statusCode: number; body: unknown; headers?: IDataObject },
	itemIndex?: number,
	subject?: ErrorSubject,
	product = 'Alteryx Server',
): NodeApiError {
	if (product !== 'Alteryx Server') {
		return cloudApiError(node, response, product, itemIndex, subject);
	}
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

	const worded = subject && describeForSubject(status, subject, serverMessage !== undefined);
	const message =
		worded?.message ??
		(serverMessage
			? `${String(serverMessage)} (HTTP ${status})`
			: `Alteryx Server answered HTTP ${status}`);
	const description = [
		// When the message names the object, Alteryx's own words move to the description.
		worded?.message && serverMessage ? String(serverMessage) : undefined,
		...fieldMessages,
		worded?.hint ?? STATUS_HINTS[status] ?? hintForStatus(status),
	]
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

/** The 404 and 403 wording for a request whose subject is known; other statuses keep theirs. */
function describeForSubject(
	status: number,
	subject: ErrorSubject,
	hasServerMessage: boolean,
): { message?: string; hint: string } | undefined {
	if (status === 404 && subject.notFound) {
		return {
			message: `${subject.notFound} was not found on Alteryx Server`,
			hint: `Check the ${subject.notFound.includes(' or ') ? 'ids' : 'id'}: pick from the list or map an id from an earlier node. Alteryx also answers 404 for an object the user behind the API key may not see.`,
		};
	}
	if (status === 404) {
		return {
			// Without an id, Alteryx's own message (e.g. "No records are available") says it best.
			message: hasServerMessage
				? undefined
				: `Alteryx Server answered HTTP 404 to ${subject.action}`,
			hint: 'This endpoint may not exist on your server version: some V3 endpoints are only on newer servers.',
		};
	}
	if (status === 403) {
		const needs = [subject.requirement, subject.permission].filter(Boolean).join(', and ');
		// The object's own permission is the likelier cause where there is one; a role is named
		// without its parenthesis (server versions), which the description keeps.
		const missing = subject.permission ?? subject.requirement?.replace(/ \(.*\)$/, '');
		return {
			message: missing
				? `Alteryx Server refused: ${subject.action} needs ${missing}`
				: `Alteryx Server refused ${subject.action} to the user behind the API key`,
			hint: needs ? `The user behind the API key needs ${needs}.` : STATUS_HINTS[403],
		};
	}
	return undefined;
}

function hintForStatus(status: number): string {
	if (status >= 500) {
		return 'Alteryx Server had an internal problem. Try again later; if it persists, the server logs have the details.';
	}
	return '';
}

/**
 * Alteryx Analytics Cloud's error shapes: `{"exception":{name,message,details}}` from its APIs,
 * `{"fault":{faultstring,detail:{errorcode}}}` from the API gateway (Apigee). Every answer has an
 * `x-trifacta-request-id`, which Alteryx support asks for.
 */
function cloudApiError(
	node: INode,
	response: { statusCode: number; body: unknown; headers?: IDataObject },
	product: string,
	itemIndex?: number,
	subject?: ErrorSubject,
): NodeApiError {
	const parsed = decodeJsonBody(response.body);
	const body = (parsed && typeof parsed === 'object' ? parsed : undefined) as
		| IDataObject
		| undefined;
	const exception = body?.exception as IDataObject | undefined;
	const fault = body?.fault as IDataObject | undefined;
	const faultDetail = fault?.detail as IDataObject | undefined;
	const text = typeof parsed === 'string' ? parsed.trim() : undefined;
	const status = response.statusCode;
	const serverMessage =
		(typeof exception?.message === 'string' ? exception.message : undefined) ??
		(typeof fault?.faultstring === 'string' ? fault.faultstring : undefined) ??
		(typeof body?.message === 'string' ? body.message : undefined) ??
		(text && text.length <= 500 && !text.startsWith('<') ? text : undefined);
	const details = [
		typeof exception?.details === 'string' ? exception.details : undefined,
		typeof exception?.name === 'string' ? `(${exception.name})` : undefined,
		typeof faultDetail?.errorcode === 'string' ? `(${faultDetail.errorcode})` : undefined,
	]
		.filter(Boolean)
		.join(' ');
	const requestId = response.headers
		? headerValue(response.headers, 'x-trifacta-request-id')
		: undefined;
	const named = status === 404 && subject?.notFound;
	const message = named
		? `${subject.notFound} was not found in ${product}`
		: serverMessage
			? `${serverMessage} (HTTP ${status})`
			: `${product} answered HTTP ${status}${subject ? ` to ${subject.action}` : ''}`;
	const description = [
		named && serverMessage ? serverMessage : undefined,
		details || undefined,
		CLOUD_STATUS_HINTS[status] ?? (status >= 500 ? CLOUD_STATUS_HINTS[500] : undefined),
		requestId ? `Request ID (for Alteryx support): ${requestId}` : undefined,
	]
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
	if (requestId) error.context.requestId = requestId;
	return error;
}

const CLOUD_STATUS_HINTS: Record<number, string> = {
	400: 'Alteryx Analytics Cloud refused the request as invalid (a missing or wrong field, or an object that does not exist).',
	401: 'The access token was renewed and the call was still refused. Check the region of the credential: a token works only in its own workspace. If the gateway says "Invalid ApiKey", your workspace needs an API Project ID in the credential.',
	403: 'The user behind the token may not do this (a permission or role in the workspace). Plans and schedules also answer 403 or 404 on workspaces without them.',
	404: 'Nothing exists at this path: check the ID, and that your workspace has this feature (plans and schedules are not on every edition).',
	410: 'The object was deleted.',
	415: 'Alteryx Analytics Cloud did not accept the body’s type: send JSON.',
	429: 'Alteryx Analytics Cloud’s quota for this call is used up (per user and per workspace, per minute). The request was retried after the time the server asked for; slow down with the Batching option, or try again in a minute.',
	500: 'Alteryx Analytics Cloud had a problem. GET, PUT and DELETE are retried automatically; a POST is not sent again, so nothing starts twice.',
};
