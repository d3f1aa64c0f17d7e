import { NodeOperationError } from 'n8n-workflow';
import type {
	IBinaryKeyData,
	IDataObject,
	IExecuteFunctions,
	INode,
	INodeExecutionData,
} from 'n8n-workflow';

import { binaryInput } from '../transport/binaryInput';
import { concurrencyFrom, type ItemWindow, mapItems } from '../transport/concurrency';
import { encodeMultipart, type MultipartPart } from '../transport/multipart';
import { requestPages } from '../transport/pagination';
import { type AlteryxRequest, alteryxApiRequest } from '../transport/request';
import { retryPolicyFromOptions } from '../transport/retry';
import {
	type AlteryxResponse,
	DEFAULT_MAX_RESPONSE_BYTES,
	decodeResponse,
	fileNameFromResponse,
	jsonValueToItems,
	mimeTypeOf,
	type ResponseFormat,
} from '../transport/response';
import { errorItem, withItemIndex } from '../transport/items';
import type { AlteryxVerb } from './description';

interface KeyValue {
	name?: string;
	value?: string;
	parameterType?: 'formData' | 'formBinaryData';
	inputDataFieldName?: string;
}

interface VerbOptions {
	batching?: { batch?: { batchSize?: number; batchInterval?: number } };
	concurrentRequests?: number;
	fullResponse?: boolean;
	maxResponseSize?: number;
	maxRetries?: number;
	maxRetryWait?: number;
	neverError?: boolean;
	outputPropertyName?: string;
	pagination?: {
		pagination?: {
			returnAll?: boolean;
			limit?: number;
			pageSize?: number;
			offsetParameter?: string;
			limitParameter?: string;
		};
	};
	responseFormat?: ResponseFormat;
	splitIntoItems?: boolean;
	timeout?: number;
}

// Headers the transport and the credential set: a user-set Host would also steer redirects.
const RESERVED_HEADERS = new Set([
	'host',
	'x-forwarded-host',
	'forwarded',
	'authorization',
	'proxy-authorization',
	'content-length',
	'transfer-encoding',
	'connection',
]);

// RFC 7230 token characters: anything else in a header name is a mistake or an attack.
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
// eslint-disable-next-line no-control-regex
const UNSAFE_HEADER_VALUE = /[\r\n\u0000]/;

/**
 * What the Alteryx Server GET, POST, PUT and DELETE nodes do: one request per input item
 * (or per page), the response turned into items. The four node classes only pick the verb.
 */
export async function executeVerbRequest(
	this: IExecuteFunctions,
	method: AlteryxVerb,
): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();

	const firstOptions = this.getNodeParameter('options', 0, {}) as VerbOptions;
	const results = await mapItems(
		items.length,
		itemWindow(this.getNode(), firstOptions),
		async (itemIndex) => {
			try {
				return await runItem.call(this, method, itemIndex);
			} catch (error) {
				if (this.continueOnFail()) return [errorItem(error, itemIndex)];
				throw withItemIndex(error, this.getNode(), itemIndex);
			}
		},
	);
	return [results.flat()];
}

/**
 * Concurrent Requests items in flight (a sliding window). Batching, as before the option existed:
 * batches of Items per Batch with Batch Interval between them; all items of a batch at once
 * unless Concurrent Requests is also set, which then caps each batch.
 */
function itemWindow(node: INode, options: VerbOptions): ItemWindow {
	const batch = options.batching?.batch;
	if (!batch) return { concurrency: concurrencyFrom(node, options.concurrentRequests) };
	const size = Math.max(1, Number(batch.batchSize ?? 50));
	return {
		concurrency:
			options.concurrentRequests === undefined
				? size
				: concurrencyFrom(node, options.concurrentRequests),
		batch: { size, intervalMs: Math.max(0, Number(batch.batchInterval ?? 1000)) },
	};
}

async function runItem(
	this: IExecuteFunctions,
	method: AlteryxVerb,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const options = this.getNodeParameter('options', itemIndex, {}) as VerbOptions;
	const request = await buildRequest.call(this, method, itemIndex, options);
	const paging = method === 'GET' ? options.pagination?.pagination : undefined;

	if (paging) {
		const records = await requestPages.call(
			this,
			request,
			{ ...paging, returnAll: paging.returnAll !== false, limit: paging.limit ?? 50 },
			{
				message: 'This endpoint does not return a list',
				description:
					'Pagination works with endpoints that return an array or a { data: [...] } page. Remove the Pagination option for this endpoint.',
			},
			itemIndex,
		);
		const json = options.splitIntoItems === false ? [{ data: records }] : records;
		return json.map((entry) => ({ json: entry, pairedItem: { item: itemIndex } }));
	}

	const format = request.decode?.format;
	if (format === 'file' || format === 'autodetect') {
		// A file answer goes from the socket into n8n's binary data store, never whole in memory.
		request.saveFile = async (body, head) =>
			await this.helpers.prepareBinaryData(
				body,
				fileNameFromResponse(head),
				mimeTypeOf(head.headers) || 'application/octet-stream',
			);
	}
	const response = await alteryxApiRequest.call(this, request, itemIndex);
	return await responseToItems.call(this, response, options, itemIndex);
}

async function buildRequest(
	this: IExecuteFunctions,
	method: AlteryxVerb,
	itemIndex: number,
	options: VerbOptions,
): Promise<AlteryxRequest> {
	const request: AlteryxRequest = {
		method,
		endpoint: this.getNodeParameter('endpoint', itemIndex, '') as string,
		qs: {},
		headers: {},
		timeout: options.timeout,
		neverError: options.neverError === true,
		expectHtml: options.responseFormat === 'text' || options.responseFormat === 'file',
		retry: retryPolicyFromOptions(options),
		decode: {
			format: options.responseFormat ?? 'autodetect',
			maxBytes: maxResponseBytes.call(this, options.maxResponseSize, itemIndex),
		},
	};

	if (this.getNodeParameter('sendQuery', itemIndex, false)) {
		request.qs = readPairs.call(
			this,
			'Query',
			'specifyQuery',
			'queryParameters',
			'jsonQuery',
			itemIndex,
		);
	}
	if (this.getNodeParameter('sendHeaders', itemIndex, false)) {
		const headers = readPairs.call(
			this,
			'Headers',
			'specifyHeaders',
			'headerParameters',
			'jsonHeaders',
			itemIndex,
		);
		for (const [name, value] of Object.entries(headers)) {
			if (!HEADER_NAME.test(name)) {
				throw new NodeOperationError(this.getNode(), `The header name "${name}" is not valid`, {
					description: "Header names may contain letters, digits and - _ . ! # $ % & ' * + ^ ` | ~",
					itemIndex,
				});
			}
			if (RESERVED_HEADERS.has(name.toLowerCase())) {
				throw new NodeOperationError(this.getNode(), `The header "${name}" cannot be set here`, {
					description:
						'The node sets it itself (the Authorization header comes from the credential). Remove it from the headers.',
					itemIndex,
				});
			}
			if (UNSAFE_HEADER_VALUE.test(String(value))) {
				throw new NodeOperationError(
					this.getNode(),
					`The value of header "${name}" contains a line break`,
					{ itemIndex },
				);
			}
		}
		request.headers = headers;
	}
	if (
		(method === 'POST' || method === 'PUT') &&
		this.getNodeParameter('sendBody', itemIndex, false)
	) {
		await addBody.call(this, request, itemIndex);
	}
	return request;
}

/** The Max Response Size option (MiB, 0 = no limit) in bytes. */
function maxResponseBytes(this: IExecuteFunctions, mebibytes: unknown, itemIndex: number): number {
	if (mebibytes === undefined) return DEFAULT_MAX_RESPONSE_BYTES;
	const value = Number(mebibytes);
	if (mebibytes === '' || mebibytes === null || !Number.isFinite(value) || value < 0) {
		throw new NodeOperationError(
			this.getNode(),
			`Max Response Size must be a number of MiB, 0 for no limit (got ${JSON.stringify(mebibytes)})`,
			{ itemIndex },
		);
	}
	return Math.floor(value * 1024 * 1024);
}

/** Name/value pairs from the "fields below" table, or an object typed as JSON. */
function readPairs(
	this: IExecuteFunctions,
	label: string,
	modeParameter: string,
	pairsParameter: string,
	jsonParameter: string,
	itemIndex: number,
): IDataObject {
	if (this.getNodeParameter(modeParameter, itemIndex, 'keypair') === 'json') {
		const parsed = parseJsonParameter.call(this, jsonParameter, label, itemIndex);
		if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
			throw new NodeOperationError(this.getNode(), `${label} JSON must be an object`, {
				description: 'For example {"view": "Full"}',
				itemIndex,
			});
		}
		return parsed as IDataObject;
	}
	const pairs = this.getNodeParameter(`${pairsParameter}.parameters`, itemIndex, []) as KeyValue[];
	const result: IDataObject = {};
	for (const { name, value } of pairs) {
		if (!name) continue;
		const existing = result[name];
		// A name given twice is sent twice (?statuses=Queued&statuses=Running).
		if (existing === undefined) result[name] = value ?? '';
		else
			result[name] = [
				...(Array.isArray(existing) ? existing : [existing]),
				value ?? '',
			] as string[];
	}
	return result;
}

function parseJsonParameter(
	this: IExecuteFunctions,
	parameter: string,
	label: string,
	itemIndex: number,
): unknown {
	const raw = this.getNodeParameter(parameter, itemIndex, '') as unknown;
	if (typeof raw !== 'string') return raw;
	if (raw.trim() === '') return {};
	try {
		return JSON.parse(raw);
	} catch (error) {
		throw new NodeOperationError(this.getNode(), `${label} is not valid JSON`, {
			description: `${(error as Error).message}. Check quotes and commas; expressions must produce valid JSON.`,
			itemIndex,
		});
	}
}

async function addBody(this: IExecuteFunctions, request: AlteryxRequest, itemIndex: number) {
	const contentType = this.getNodeParameter('contentType', itemIndex, 'json') as string;
	const headers = request.headers as IDataObject;

	if (contentType === 'json') {
		const specifyBody = this.getNodeParameter('specifyBody', itemIndex, 'json') as string;
		const body =
			specifyBody === 'json'
				? parseJsonParameter.call(this, 'jsonBody', 'JSON Body', itemIndex)
				: Object.fromEntries(
						(this.getNodeParameter('bodyParameters.parameters', itemIndex, []) as KeyValue[])
							.filter((pair) => pair.name)
							.map((pair) => [pair.name as string, pair.value ?? '']),
					);
		// JSON.stringify here, not in the transport: a body may legitimately be a JSON string
		// or array (e.g. the user-id array of POST v3/usergroups/{id}/users).
		request.body = JSON.stringify(body);
		headers['Content-Type'] = 'application/json';
		return;
	}

	if (contentType === 'form-urlencoded') {
		const form = new URLSearchParams();
		for (const pair of this.getNodeParameter(
			'bodyParameters.parameters',
			itemIndex,
			[],
		) as KeyValue[]) {
			if (pair.name) form.append(pair.name, pair.value ?? '');
		}
		request.body = form.toString();
		headers['Content-Type'] = 'application/x-www-form-urlencoded';
		return;
	}

	if (contentType === 'multipart-form-data') {
		const parts: MultipartPart[] = [];
		for (const pair of this.getNodeParameter(
			'bodyParameters.parameters',
			itemIndex,
			[],
		) as KeyValue[]) {
			if (!pair.name) continue;
			if (pair.parameterType === 'formBinaryData') {
				const file = await binaryInput.call(this, itemIndex, pair.inputDataFieldName || 'data');
				parts.push({
					name: pair.name,
					data: file.data,
					fileName: file.fileName ?? pair.name,
					mimeType: file.mimeType,
				});
			} else {
				parts.push({ name: pair.name, value: pair.value ?? '' });
			}
		}
		const { body, contentType: multipartType } = encodeMultipart(parts);
		request.body = body;
		headers['Content-Type'] = multipartType;
		return;
	}

	if (contentType === 'binaryData') {
		const property = this.getNodeParameter('inputDataFieldName', itemIndex, 'data') as string;
		const file = await binaryInput.call(this, itemIndex, property);
		request.body = file.data;
		headers['Content-Type'] = file.mimeType || 'application/octet-stream';
		return;
	}

	request.body = this.getNodeParameter('body', itemIndex, '') as string;
	headers['Content-Type'] = this.getNodeParameter(
		'rawContentType',
		itemIndex,
		'text/plain',
	) as string;
}

async function responseToItems(
	this: IExecuteFunctions,
	response: AlteryxResponse,
	options: VerbOptions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const pairedItem = { item: itemIndex };
	const status = { statusCode: response.statusCode, headers: response.headers };
	const decoded = decodeResponseOrExplain.call(
		this,
		response,
		options.responseFormat ?? 'autodetect',
		itemIndex,
	);
	const propertyName = options.outputPropertyName || 'data';

	if (decoded.kind === 'file') {
		const binary: IBinaryKeyData = {
			[propertyName]:
				response.file ??
				(await this.helpers.prepareBinaryData(decoded.data, decoded.fileName, decoded.mimeType)),
		};
		return [{ json: options.fullResponse ? status : {}, binary, pairedItem }];
	}
	if (decoded.kind === 'text') {
		const json: IDataObject = { [propertyName]: decoded.value };
		return [{ json: options.fullResponse ? { ...status, ...json } : json, pairedItem }];
	}
	if (decoded.kind === 'empty') {
		const json: IDataObject = {
			success: response.statusCode < 400,
			statusCode: response.statusCode,
		};
		if (options.fullResponse) json.headers = response.headers;
		return [{ json, pairedItem }];
	}
	if (options.fullResponse) {
		return [{ json: { ...status, body: decoded.value as IDataObject }, pairedItem }];
	}
	return jsonValueToItems(decoded.value, options.splitIntoItems !== false).map((json) => ({
		json,
		pairedItem,
	}));
}

function decodeResponseOrExplain(
	this: IExecuteFunctions,
	response: AlteryxResponse,
	format: ResponseFormat,
	itemIndex: number,
) {
	try {
		return decodeResponse(response, format);
	} catch (error) {
		throw new NodeOperationError(this.getNode(), 'The response is not valid JSON', {
			description: `${(error as Error).message}. Set Response Format to Autodetect or Text to see what the server sent.`,
			itemIndex,
		});
	}
}
