import type { IHttpRequestMethods, INodeProperties } from 'n8n-workflow';

import { requestAuthenticationProperty } from '../transport/authentication';
import { concurrentRequestsOption } from '../transport/concurrency';

/** The verbs Alteryx's V3 macro pack has a macro for; each gets its own node. */
export type AlteryxVerb = Extract<IHttpRequestMethods, 'GET' | 'POST' | 'PUT' | 'DELETE'>;

const ENDPOINT_EXAMPLES: Record<AlteryxVerb, string> = {
	GET: 'v3/workflows',
	POST: 'v3/workflows/{{ $json.id }}/jobs',
	PUT: 'v3/users/{{ $json.id }}',
	DELETE: 'v3/schedules/{{ $json.id }}',
};

const keyValueCollection = (
	displayName: string,
	name: string,
	placeholder: string,
): INodeProperties => ({
	displayName,
	name,
	type: 'fixedCollection',
	typeOptions: { multipleValues: true },
	placeholder,
	default: { parameters: [{ name: '', value: '' }] },
	options: [
		{
			name: 'parameters',
			displayName: 'Parameter',
			values: [
				{ displayName: 'Name', name: 'name', type: 'string', default: '' },
				{ displayName: 'Value', name: 'value', type: 'string', default: '' },
			],
		},
	],
});

const queryProperties: INodeProperties[] = [
	{
		displayName: 'Send Query Parameters',
		name: 'sendQuery',
		type: 'boolean',
		default: false,
		noDataExpression: true,
		description: 'Whether the request has query parameters (filters such as view=Full or name=…)',
	},
	{
		displayName: 'Specify Query Parameters',
		name: 'specifyQuery',
		type: 'options',
		displayOptions: { show: { sendQuery: [true] } },
		options: [
			{ name: 'Using Fields Below', value: 'keypair' },
			{ name: 'Using JSON', value: 'json' },
		],
		default: 'keypair',
	},
	{
		...keyValueCollection('Query Parameters', 'queryParameters', 'Add Parameter'),
		displayOptions: { show: { sendQuery: [true], specifyQuery: ['keypair'] } },
	},
	{
		displayName: 'JSON',
		name: 'jsonQuery',
		type: 'json',
		displayOptions: { show: { sendQuery: [true], specifyQuery: ['json'] } },
		default: '{\n  "view": "Full"\n}',
		description: 'An object whose properties become query parameters; arrays repeat the parameter',
	},
];

const headerProperties: INodeProperties[] = [
	{
		displayName: 'Send Headers',
		name: 'sendHeaders',
		type: 'boolean',
		default: false,
		noDataExpression: true,
		description:
			'Whether the request has extra headers (the Authorization header is added for you)',
	},
	{
		displayName: 'Specify Headers',
		name: 'specifyHeaders',
		type: 'options',
		displayOptions: { show: { sendHeaders: [true] } },
		options: [
			{ name: 'Using Fields Below', value: 'keypair' },
			{ name: 'Using JSON', value: 'json' },
		],
		default: 'keypair',
	},
	{
		...keyValueCollection('Header Parameters', 'headerParameters', 'Add Header'),
		displayOptions: { show: { sendHeaders: [true], specifyHeaders: ['keypair'] } },
	},
	{
		displayName: 'JSON',
		name: 'jsonHeaders',
		type: 'json',
		displayOptions: { show: { sendHeaders: [true], specifyHeaders: ['json'] } },
		default: '{}',
	},
];

const bodyParametersProperty: INodeProperties = {
	displayName: 'Body Parameters',
	name: 'bodyParameters',
	type: 'fixedCollection',
	typeOptions: { multipleValues: true },
	placeholder: 'Add Parameter',
	default: { parameters: [{ name: '', value: '' }] },
	options: [
		{
			name: 'parameters',
			displayName: 'Parameter',
			values: [
				{
					displayName: 'Parameter Type',
					name: 'parameterType',
					type: 'options',
					displayOptions: { show: { '/contentType': ['multipart-form-data'] } },
					options: [
						{ name: 'Form Data', value: 'formData' },
						{ name: 'N8n Binary File', value: 'formBinaryData' },
					],
					default: 'formData',
				},
				{ displayName: 'Name', name: 'name', type: 'string', default: '' },
				{
					displayName: 'Value',
					name: 'value',
					type: 'string',
					displayOptions: { hide: { parameterType: ['formBinaryData'] } },
					default: '',
				},
				{
					displayName: 'Input Data Field Name',
					name: 'inputDataFieldName',
					type: 'string',
					displayOptions: { show: { parameterType: ['formBinaryData'] } },
					default: 'data',
					description: 'The binary property of the input item that holds the file',
				},
			],
		},
	],
};

const bodyProperties: INodeProperties[] = [
	{
		displayName: 'Send Body',
		name: 'sendBody',
		type: 'boolean',
		default: false,
		noDataExpression: true,
		description: 'Whether the request has a body',
	},
	{
		displayName: 'Body Content Type',
		name: 'contentType',
		type: 'options',
		displayOptions: { show: { sendBody: [true] } },
		options: [
			{ name: 'Form Urlencoded', value: 'form-urlencoded' },
			{
				name: 'Form-Data (Multipart)',
				value: 'multipart-form-data',
				description: 'Text fields and files, e.g. a .yxzp upload to v3/workflows',
			},
			{ name: 'JSON', value: 'json' },
			{ name: 'N8n Binary File', value: 'binaryData', description: 'The raw bytes of a file' },
			{ name: 'Raw', value: 'raw' },
		],
		default: 'json',
	},
	{
		displayName: 'Specify Body',
		name: 'specifyBody',
		type: 'options',
		displayOptions: { show: { sendBody: [true], contentType: ['json'] } },
		options: [
			{ name: 'Using Fields Below', value: 'keypair' },
			{ name: 'Using JSON', value: 'json' },
		],
		default: 'json',
	},
	// Two properties with one name: n8n keeps a parameter only while its display conditions
	// hold, and the JSON body's "Specify Body" must not hide the form and multipart fields.
	{
		...bodyParametersProperty,
		displayOptions: { show: { sendBody: [true], contentType: ['json'], specifyBody: ['keypair'] } },
	},
	{
		...bodyParametersProperty,
		displayOptions: {
			show: { sendBody: [true], contentType: ['form-urlencoded', 'multipart-form-data'] },
		},
	},
	{
		displayName: 'JSON',
		name: 'jsonBody',
		type: 'json',
		displayOptions: { show: { sendBody: [true], contentType: ['json'], specifyBody: ['json'] } },
		default: '{}',
	},
	{
		displayName: 'Input Data Field Name',
		name: 'inputDataFieldName',
		type: 'string',
		displayOptions: { show: { sendBody: [true], contentType: ['binaryData'] } },
		default: 'data',
		description: 'The binary property of the input item that holds the file to send',
	},
	{
		displayName: 'Content Type',
		name: 'rawContentType',
		type: 'string',
		displayOptions: { show: { sendBody: [true], contentType: ['raw'] } },
		default: 'text/plain',
		placeholder: 'application/xml',
	},
	{
		displayName: 'Body',
		name: 'body',
		type: 'string',
		typeOptions: { rows: 4 },
		displayOptions: { show: { sendBody: [true], contentType: ['raw'] } },
		default: '',
	},
];

function optionsCollection(method: AlteryxVerb): INodeProperties {
	const options: INodeProperties[] = [
		{
			displayName: 'Batching',
			name: 'batching',
			type: 'fixedCollection',
			placeholder: 'Add Batching',
			default: { batch: {} },
			options: [
				{
					displayName: 'Batching',
					name: 'batch',
					values: [
						{
							displayName: 'Items per Batch',
							name: 'batchSize',
							type: 'number',
							typeOptions: { minValue: 1 },
							default: 50,
							description:
								'How many items are sent at the same time (at most Concurrent Requests, when that option is added too)',
						},
						{
							displayName: 'Batch Interval (Ms)',
							name: 'batchInterval',
							type: 'number',
							typeOptions: { minValue: 0 },
							default: 1000,
							description:
								'Time to wait between batches, in milliseconds (a batch ends when its last item is done)',
						},
					],
				},
			],
		},
		concurrentRequestsOption,
		{
			displayName: 'Include Response Headers and Status',
			name: 'fullResponse',
			type: 'boolean',
			default: false,
			description: 'Whether to return the status code and headers along with the body',
		},
		{
			displayName: 'Max Response Size (MiB)',
			name: 'maxResponseSize',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 64,
			description:
				'The largest JSON or text answer that is turned into items; a larger one fails the item before it is read into items. Files are not limited. 0 means no limit.',
		},
		{
			displayName: 'Never Error',
			name: 'neverError',
			type: 'boolean',
			default: false,
			description: 'Whether to succeed even when Alteryx answers with an error status',
		},
		{
			displayName: 'Output Property Name',
			name: 'outputPropertyName',
			type: 'string',
			default: 'data',
			description:
				'The binary property (file responses) or JSON property (text responses) that receives the body',
		},
		{
			displayName: 'Retries on Transient Errors',
			name: 'maxRetries',
			type: 'number',
			typeOptions: { minValue: 0, maxValue: 10 },
			default: 3,
			description:
				'How often to repeat a GET, PUT or DELETE after a 429, 502, 503 or 504, a dropped connection or a timeout, waiting longer each time and honouring Retry-After. A POST is repeated only when it never reached the server, so a job is never started twice. 0 turns retrying off.',
		},
		{
			displayName: 'Max Retry Wait (Seconds)',
			name: 'maxRetryWait',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 30,
			description: 'The longest wait before one retry, also the cap for a server’s Retry-After',
		},
		{
			displayName: 'Response Format',
			name: 'responseFormat',
			type: 'options',
			options: [
				{
					name: 'Autodetect',
					value: 'autodetect',
					description:
						'JSON as items, text as text, anything else (packages, job outputs) as a file',
				},
				{ name: 'File', value: 'file', description: 'Always put the body into a binary property' },
				{ name: 'JSON', value: 'json' },
				{ name: 'Text', value: 'text' },
			],
			default: 'autodetect',
		},
		{
			displayName: 'Split Into Items',
			name: 'splitIntoItems',
			type: 'boolean',
			default: true,
			description:
				'Whether a JSON array in the response becomes one item per element (otherwise one item with the array in "data")',
		},
		{
			displayName: 'Timeout',
			name: 'timeout',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 300000,
			description:
				'The longest one request may take in milliseconds, from connecting to the last byte of the answer (including getting a token), before it is given up',
		},
	];
	if (method === 'GET') {
		options.splice(
			options.findIndex((option) => option.name === 'outputPropertyName'),
			0,
			{
				displayName: 'Pagination',
				name: 'pagination',
				type: 'fixedCollection',
				placeholder: 'Add Pagination',
				default: { pagination: {} },
				description:
					'For endpoints that page with offset and limit (v3/workflows/{ID}/jobs, v3/jobs, V1 lists)',
				options: [
					{
						displayName: 'Pagination',
						name: 'pagination',
						values: [
							{
								displayName: 'Limit',
								name: 'limit',
								type: 'number',
								typeOptions: {
									minValue: 1,
								},
								default: 50,
								description: 'Max number of results to return',
							},
							{
								displayName: 'Limit Parameter',
								name: 'limitParameter',
								type: 'string',
								default: 'limit',
							},
							{
								displayName: 'Offset Parameter',
								name: 'offsetParameter',
								type: 'string',
								default: 'offset',
							},
							{
								displayName: 'Page Size',
								name: 'pageSize',
								type: 'number',
								default: 100,
								description: 'How many results to ask for per request',
							},
							{
								displayName: 'Return All',
								name: 'returnAll',
								type: 'boolean',
								default: true,
								description: 'Whether to return all results or only up to a given limit',
							},
						],
					},
				],
			},
		);
	}
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options,
	};
}

export function verbNodeProperties(method: AlteryxVerb): INodeProperties[] {
	return [
		requestAuthenticationProperty,
		{
			displayName: 'Endpoint',
			name: 'endpoint',
			type: 'string',
			default: '',
			required: true,
			placeholder: ENDPOINT_EXAMPLES[method],
			description:
				'Alteryx Server: a path relative to the Web API address, e.g. v3/workflows, v3/jobs/{{ $JSON.ID }}, v1/jobs/…/output/…, admin/v1/…. Alteryx Analytics Cloud: the path as the Cloud API docs write it, e.g. v4/jobGroups/12 or plans/v1/plans (sent to the API gateway). A full URL is accepted only on the same server',
		},
		...queryProperties,
		...headerProperties,
		...(method === 'POST' || method === 'PUT' ? bodyProperties : []),
		optionsCollection(method),
	];
}
