import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type {
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IN8nHttpFullResponse,
	INode,
	IPollFunctions,
	JsonObject,
} from 'n8n-workflow';

import { errorChain } from './errorChain';
import { alteryxApiError } from './errors';
import { type AlteryxResponse, toBuffer } from './response';
import { describeConnectionFailure, findErrorCode, TokenExchangeError } from './token';
import {
	type AlteryxServerCredentials,
	CREDENTIAL_TYPE,
	InvalidAddressError,
	resolveEndpointUrl,
} from './webApi';

export type AlteryxContext = IExecuteFunctions | ILoadOptionsFunctions | IPollFunctions;

export interface AlteryxRequest {
	method: IHttpRequestMethods;
	/** Relative to the Web API address ("v3/workflows"), or an absolute URL on the same origin. */
	endpoint: string;
	qs?: IDataObject;
	headers?: IDataObject;
	/**
	 * Always bytes, a string or a JSON value, never a stream: n8n re-sends the same body after a
	 * 401-triggered token refresh, which a consumed stream or FormData could not be.
	 */
	body?: Buffer | string | IDataObject | IDataObject[];
	timeout?: number;
	/** Return non-2xx responses instead of throwing (the "Never Error" option). */
	neverError?: boolean;
}

export const DEFAULT_TIMEOUT_MS = 300_000;

/**
 * The one way every node talks to Alteryx Server. The token is attached by the credential
 * (and refreshed once on a 401 by n8n core); this function resolves the endpoint inside the
 * Web API address, sends the request, and turns failures into errors a user can act on.
 */
export async function alteryxApiRequest(
	this: AlteryxContext,
	request: AlteryxRequest,
	itemIndex = 0,
): Promise<AlteryxResponse> {
	const node = this.getNode();
	const credentials = (await this.getCredentials(
		CREDENTIAL_TYPE,
		itemIndex,
	)) as unknown as AlteryxServerCredentials;

	let url: URL;
	try {
		url = resolveEndpointUrl(credentials.webApiUrl, request.endpoint);
	} catch (error) {
		throw asOperationError(node, error, itemIndex);
	}

	const headers: IDataObject = { Accept: 'application/json, */*;q=0.5', ...request.headers };
	let body = request.body;
	if (body !== undefined && !Buffer.isBuffer(body) && typeof body !== 'string') {
		body = JSON.stringify(body);
		if (!hasHeader(headers, 'content-type')) headers['Content-Type'] = 'application/json';
	}

	appendQuery(url, request.qs);

	const options: IHttpRequestOptions = {
		method: request.method,
		url: url.href,
		headers,
		body,
		// Bytes in, bytes out: the node decides how to read the body (JSON, text, file), and
		// Alteryx's quirks (string-literal ids, BOMs, empty 200s) are handled in one place.
		encoding: 'arraybuffer',
		json: false,
		returnFullResponse: true,
		timeout: request.timeout ?? DEFAULT_TIMEOUT_MS,
		skipSslCertificateValidation: credentials.ignoreSSLIssues === true,
		sendCredentialsOnCrossOriginRedirect: false,
	};

	let response: IN8nHttpFullResponse;
	try {
		response = (await this.helpers.httpRequestWithAuthentication.call(
			this,
			CREDENTIAL_TYPE,
			options,
		)) as IN8nHttpFullResponse;
	} catch (error) {
		const failed = responseOf(error);
		if (failed) {
			const asResponse: AlteryxResponse = { ...failed, url: url.href };
			if (request.neverError) return asResponse;
			throw alteryxApiError(node, asResponse, itemIndex);
		}
		throw connectionError(node, error, url, itemIndex);
	}

	return {
		statusCode: response.statusCode,
		headers: (response.headers ?? {}) as IDataObject,
		body: toBuffer(response.body),
		url: url.href,
	};
}

/**
 * Query values go into the URL here rather than through axios' serializer, so "&" and "#"
 * in a value are always encoded and an array repeats the parameter (what ASP.NET expects).
 */
function appendQuery(url: URL, qs: IDataObject | undefined) {
	for (const [name, value] of Object.entries(qs ?? {})) {
		for (const element of Array.isArray(value) ? value : [value]) {
			if (element === undefined || element === null) continue;
			url.searchParams.append(
				name,
				typeof element === 'object' ? JSON.stringify(element) : String(element),
			);
		}
	}
}

function hasHeader(headers: IDataObject, name: string): boolean {
	return Object.keys(headers).some((key) => key.toLowerCase() === name);
}

/** The HTTP response inside an error thrown by n8n's request helpers, if there was one. */
function responseOf(error: unknown): Omit<AlteryxResponse, 'url'> | undefined {
	for (const link of errorChain(error)) {
		const candidate = (
			link as { response?: { status?: number; headers?: unknown; data?: unknown } }
		).response;
		if (candidate && typeof candidate.status === 'number') {
			return {
				statusCode: candidate.status,
				headers: (candidate.headers ?? {}) as IDataObject,
				body: toBuffer(candidate.data),
			};
		}
	}
	return undefined;
}

/** n8n core replaces the message of what the credential's token exchange threw; find the original. */
function findTokenError(error: unknown): TokenExchangeError | undefined {
	for (const link of errorChain(error)) {
		if (link instanceof TokenExchangeError) return link;
	}
	return undefined;
}

function connectionError(node: INode, error: unknown, url: URL, itemIndex: number) {
	if (error instanceof NodeOperationError) return error;
	if (error instanceof InvalidAddressError) return asOperationError(node, error, itemIndex);
	const tokenError = findTokenError(error);
	if (tokenError) {
		return new NodeApiError(node, { message: tokenError.message } as JsonObject, {
			message: tokenError.message,
			description: tokenError.description,
			httpCode: tokenError.httpCode ? String(tokenError.httpCode) : undefined,
			itemIndex,
		});
	}
	const code = findErrorCode(error);
	if (code === 'ECONNABORTED' || code === 'ETIMEDOUT' || /timeout/i.test(String(error))) {
		// The error response carries no `code`: n8n would swap the message for a generic one.
		const message = `Alteryx Server did not answer in time (${url.pathname})`;
		return new NodeApiError(node, { message } as JsonObject, {
			message,
			description:
				'Raise the Timeout option for slow endpoints (large downloads, big lists), or check the server load.',
			itemIndex,
		});
	}
	const described = describeConnectionFailure(error, url.href);
	return new NodeApiError(node, { message: described.message } as JsonObject, {
		message: described.message,
		description: described.description,
		itemIndex,
	});
}

export function asOperationError(node: INode, error: unknown, itemIndex: number) {
	if (error instanceof InvalidAddressError) {
		return new NodeOperationError(node, error.message, { description: error.hint, itemIndex });
	}
	if (error instanceof NodeOperationError) return error;
	return new NodeOperationError(node, error as Error, { itemIndex });
}
