import type { INodeProperties } from 'n8n-workflow';

import { locator, type LocatorKind, type LocatorOptions } from './common.descriptions';

/**
 * DCM ids are GUIDs (11111111-2222-3333-4444-555555555555), not 24-hex ObjectIds. n8n wraps the
 * pattern in ^…$; empty passes, so the optional "to update" pickers can stay empty.
 */
const GUID_REGEX =
	'\\s*([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})?\\s*';

/** A "From List / By ID" picker for DCM records (GUID ids, checked in the By ID mode). */
function dcmLocator(
	kind: Omit<LocatorKind, 'idPlaceholder' | 'idValidation'>,
	options: LocatorOptions,
): INodeProperties {
	return locator(
		{
			...kind,
			idPlaceholder: 'e.g. 5f0c2a8e-4b1d-4c7a-9e3f-0a1b2c3d4e51',
			idValidation: [
				{
					type: 'regex',
					properties: {
						regex: GUID_REGEX,
						errorMessage: 'DCM IDs are GUIDs such as 5f0c2a8e-4b1d-4c7a-9e3f-0a1b2c3d4e51',
					},
				},
			],
		},
		options,
	);
}

/** A DCM connection by its record ID (the `id` of DCMEGetConnectionView). */
export const dcmConnectionLocator = (options: LocatorOptions = {}) =>
	dcmLocator(
		{
			name: 'connectionId',
			displayName: 'Connection',
			description:
				'The DCM connection, picked by name or given by its ID (a GUID). The list shows every connection on the server and needs a Curator; other users enter the ID.',
			searchListMethod: 'searchDcmConnections',
			listPlaceholder: 'Select a DCM connection...',
		},
		options,
	);

/**
 * A DCM connection by the ID workflows reference it with (the `connectionId` of
 * DCMEGetConnectionView, which connection handling rules use).
 */
export const dcmConnectionReferenceLocator = (options: LocatorOptions = {}) =>
	dcmLocator(
		{
			name: 'connectionReference',
			displayName: 'Connection',
			description:
				'A DCM connection as workflows reference it, picked by name or given by its connection ID (a GUID)',
			searchListMethod: 'searchDcmConnectionReferences',
			listPlaceholder: 'Select a DCM connection...',
		},
		options,
	);

/** A DCM connection handling rule by its ID. */
export const dcmHandlingRuleLocator = (options: LocatorOptions = {}) =>
	dcmLocator(
		{
			name: 'ruleId',
			displayName: 'Connection Handling Rule',
			description:
				'The connection handling rule, picked from the list (shown as source → target) or given by its ID (a GUID)',
			searchListMethod: 'searchDcmConnectionHandlingRules',
			listPlaceholder: 'Select a rule...',
		},
		options,
	);

const keyValueFields = (what: string): INodeProperties['options'] => [
	{
		displayName: 'Parameter',
		name: 'parameter',
		values: [
			{
				displayName: 'Name',
				name: 'name',
				type: 'string',
				default: '',
				description: `Name of the ${what} parameter, as the DCM schema names it`,
			},
			{
				displayName: 'Value',
				name: 'value',
				type: 'string',
				default: '',
			},
		],
	},
];

/**
 * The fields of DCMEUpsertConnectionContract, shared by DCM Connection → Create or Update and
 * DCM Administration → Create or Update Connection (helpers/dcm.ts → connectionUpsertContract).
 */
export function connectionContractFields(): INodeProperties[] {
	return [
		dcmConnectionLocator({
			displayName: 'Connection to Update',
			required: false,
			description:
				'Leave empty to create a new connection. Pick a connection (or give its ID) to update it: the node reads it first, and every field left empty below keeps its current value.',
		}),
		{
			displayName: 'Name',
			name: 'name',
			type: 'string',
			default: '',
			description:
				'The connection’s name as users see it in Designer and on the server. Required when creating; empty keeps the current name when updating.',
		},
		{
			displayName: 'Schema Name',
			name: 'schemaName',
			type: 'string',
			default: '',
			placeholder: 'e.g. snowflake-odbc-userpass',
			description:
				'The DCM connection schema: the technology and authentication method, e.g. snowflake-odbc-userpass or api-sharepoint-files-cloud-oauth-azure-builtin. Required when creating.',
		},
		{
			displayName: 'Data Source Name',
			name: 'dataSourceName',
			type: 'string',
			default: '',
			description:
				'Name of the data source (server, database or service) the connection uses. Required when creating.',
		},
		{
			displayName: 'Data Source Schema Name',
			name: 'dataSourceSchemaName',
			type: 'string',
			default: '',
			placeholder: 'e.g. snowflake-odbc',
			description:
				'The DCM data source schema, e.g. snowflake-odbc or api-sharepoint-files-cloud. Required when creating.',
		},
		{
			displayName: 'Parameters',
			name: 'parameters',
			type: 'fixedCollection',
			typeOptions: { multipleValues: true },
			placeholder: 'Add Parameter',
			default: {},
			description:
				'Connection parameters as name and value (e.g. warehouse, database); or as JSON under Additional Fields. When updating, giving none keeps the current parameters.',
			options: keyValueFields('connection'),
		},
		{
			displayName: 'Credentials',
			name: 'credentials',
			type: 'fixedCollection',
			typeOptions: { multipleValues: true },
			placeholder: 'Add Credential',
			default: {},
			description:
				'The credentials of the connection, each with one secret (e.g. a password); for several secrets (OAuth tokens) use Additional Fields → Credentials (JSON). When updating, a credential with the key of a current one changes only the fields given (e.g. a new password), and current credentials not given are kept.',
			options: [
				{
					displayName: 'Credential',
					name: 'credential',
					values: [
						{
							displayName: 'Credential ID',
							name: 'id',
							type: 'string',
							default: '',
							description:
								'The ID (a GUID) of an existing DCM credential to use; empty creates a new credential (or, when updating, keeps the one with this key)',
						},
						{
							displayName: 'Key',
							name: 'key',
							type: 'string',
							default: 'userpass',
							description:
								'The key the connection schema expects for this credential, e.g. userpass for a user name and password',
						},
						{
							displayName: 'Name',
							name: 'name',
							type: 'string',
							default: '',
							description: 'The credential’s name',
						},
						{
							displayName: 'Schema Name',
							name: 'schemaName',
							type: 'string',
							default: 'username-password',
							description: 'The DCM credential schema, e.g. username-password',
						},
						{
							displayName: 'Secret Expires On',
							name: 'secretExpiresOn',
							type: 'dateTime',
							default: '',
							description: 'When the secret expires; empty for never',
						},
						{
							displayName: 'Secret Name',
							name: 'valueName',
							type: 'string',
							default: 'password',
							description:
								'The secret’s key in the credential schema, e.g. password; empty sends no secret',
						},
						{
							displayName: 'Secret Value',
							name: 'secretValue',
							type: 'string',
							typeOptions: { password: true },
							default: '',
							description:
								'The secret itself, e.g. the password. Empty keeps the stored secret when updating. Alteryx never returns it.',
						},
						{
							displayName: 'User Name',
							name: 'userName',
							type: 'string',
							default: '',
							description: 'The user name the credential signs in with',
						},
					],
				},
			],
		},
		{
			displayName: 'Additional Fields',
			name: 'additionalFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			options: [
				{
					displayName: 'Allow in SDKs',
					name: 'allowInSdks',
					type: 'boolean',
					default: false,
					description:
						'Whether tools built with Alteryx SDKs (e.g. Python SDK tools) may use the connection',
				},
				{
					displayName: 'Credentials (JSON)',
					name: 'credentialsJson',
					type: 'json',
					default: '{}',
					description:
						'Credentials as a JSON map of key → credential: {"userpass": {"name": "svc", "schemaName": "username-password", "userName": "svc", "parameters": {}, "secrets": {"password": "s3cret"}}}. A secret may be its value or {"value": {"text": "…"}, "expiresOn": "…", "parameters": {}}; the credentials of DCM Connection → Get can be passed as they are. Added to the Credentials above (same key: JSON wins).',
				},
				{
					displayName: 'Data Source Driver Name',
					name: 'dataSourceDriverName',
					type: 'string',
					default: '',
					description: 'The ODBC driver the data source uses (drvName), e.g. SnowflakeDSIIDriver',
				},
				{
					displayName: 'Data Source Host',
					name: 'dataSourceHost',
					type: 'string',
					default: '',
					description: 'The host name of the data source, e.g. acme.snowflakecomputing.com',
				},
				{
					displayName: 'Data Source ID',
					name: 'dataSourceId',
					type: 'string',
					default: '',
					description:
						'The ID (a GUID) of the data source to update or link to; empty creates a new data source (or keeps the current one when updating)',
				},
				{
					displayName: 'Data Source Parameters',
					name: 'dataSourceParameters',
					type: 'fixedCollection',
					typeOptions: { multipleValues: true },
					placeholder: 'Add Parameter',
					default: {},
					description: 'Data source parameters as name and value (e.g. port)',
					options: keyValueFields('data source'),
				},
				{
					displayName: 'Data Source Parameters (JSON)',
					name: 'dataSourceParametersJson',
					type: 'json',
					default: '{}',
					description:
						'Data source parameters as a JSON object, e.g. {"port": "443"}; added to Data Source Parameters (same name: JSON wins)',
				},
				{
					displayName: 'Parameters (JSON)',
					name: 'parametersJson',
					type: 'json',
					default: '{}',
					description:
						'Connection parameters as a JSON object, e.g. {"warehouse": "ANALYTICS_WH"}; added to Parameters (same name: JSON wins)',
				},
			],
		},
	];
}

/** Users and user groups of a share operation (DCMEShareFor…Contract.userIds, userGroupIds). */
export function sharingFields(purpose: string): INodeProperties[] {
	return [
		{
			displayName: 'User Names or IDs',
			name: 'userIds',
			type: 'multiOptions',
			typeOptions: { loadOptionsMethod: 'getDcmUsers' },
			default: [],
			description: `The users who may ${purpose}. The list replaces the current one unless Options → Keep Current Shares is on. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.`,
		},
		{
			displayName: 'User Group Names or IDs',
			name: 'userGroupIds',
			type: 'multiOptions',
			typeOptions: { loadOptionsMethod: 'getDcmUserGroups' },
			default: [],
			description: `The user groups whose members may ${purpose}. The list replaces the current one unless Options → Keep Current Shares is on. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.`,
		},
	];
}

/** Options → Keep Current Shares of the share operations. */
export function keepCurrentSharesOption(): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Keep Current Shares',
				name: 'keepCurrent',
				type: 'boolean',
				default: false,
				description:
					'Whether to add the users and groups given here to those the connection is already shared with (the node reads the connection first). Off replaces them.',
			},
		],
	};
}
