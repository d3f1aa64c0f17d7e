import type { INodeProperties } from 'n8n-workflow';

/** The v4 host of a Cloud credential, as an expression for declarative requests (the test). */
export const CLOUD_V4_BASE_URL =
	'={{ $credentials.region === "custom" ? $credentials.v4Url : "https://" + $credentials.region + ".alteryxcloud.com/" }}';

/** Where the Cloud is: the region, or the two addresses of a custom one. Shared by both Cloud credentials. */
export const cloudAddressProperties: INodeProperties[] = [
	{
		displayName: 'Region',
		name: 'region',
		type: 'options',
		options: [
			{ name: 'Australia (Au1)', value: 'au1' },
			{ name: 'Custom', value: 'custom', description: 'Enter the two addresses below' },
			{ name: 'Europe (Eu1)', value: 'eu1' },
			{ name: 'United States (Us1)', value: 'us1' },
		],
		default: 'us1',
		description:
			'Where your Alteryx One workspace runs: the first part of its address (us1.alteryxcloud.com)',
	},
	{
		displayName: 'Alteryx One Address',
		name: 'v4Url',
		type: 'string',
		default: '',
		placeholder: 'https://us1.alteryxcloud.com/',
		required: true,
		displayOptions: { show: { region: ['custom'] } },
		description: 'The address of the v4 API (and of the web app)',
	},
	{
		displayName: 'API Gateway Address',
		name: 'gatewayUrl',
		type: 'string',
		default: '',
		placeholder: 'https://api.us1.alteryxcloud.com/',
		required: true,
		displayOptions: { show: { region: ['custom'] } },
		description: 'The address of the API gateway (iam/v1, plans/v1, scheduling/v1)',
	},
	{
		displayName: 'API Project ID',
		name: 'apiProjectId',
		type: 'string',
		default: '',
		description:
			'Only if your workspace requires one: sent as x-api-project-id to the API gateway. Create an API project in Alteryx One’s developer console.',
	},
];

/** n8n's allowlist fields, defined here so the default is the Cloud's hosts instead of "all". */
export function cloudAllowedDomainsProperties(defaultDomains: string): INodeProperties[] {
	return [
		{
			displayName: 'Allowed HTTP Request Domains',
			name: 'allowedHttpRequestDomains',
			type: 'options',
			options: [
				{
					name: 'Alteryx One Hosts Only',
					value: 'domains',
					description: 'The token is sent to the domains below (by default Alteryx One’s)',
				},
				{
					name: 'All',
					value: 'all',
					description: 'The HTTP Request node may send the token to any URL',
				},
				{ name: 'None', value: 'none', description: 'The HTTP Request node may not use it' },
			],
			default: 'domains',
			description:
				'Where the HTTP Request node may send this credential’s token. The Alteryx nodes only ever call the addresses above.',
		},
		{
			displayName: 'Allowed Domains',
			name: 'allowedDomains',
			type: 'string',
			default: defaultDomains,
			displayOptions: { show: { allowedHttpRequestDomains: ['domains'] } },
			description:
				'Comma-separated host names (wildcards like *.example.com allowed). The token endpoint must be among them.',
		},
	];
}
