import type { INodeProperties, INodePropertyMode, INodePropertyOptions } from 'n8n-workflow';

import { workflowUrl } from '../helpers/galleryUrls';

export interface LocatorOptions {
	/** Parameter name; defaults to '<kind>Id' (workflowId, userId, …). */
	name?: string;
	displayName?: string;
	description?: string;
	required?: boolean;
}

export interface LocatorKind {
	name: string;
	displayName: string;
	description: string;
	searchListMethod: string;
	idPlaceholder: string;
	/** The From List placeholder; "Select a <display name>..." when not given. */
	listPlaceholder?: string;
	/** Checks of the By ID mode, for ids with a fixed format (the GUIDs of DCM). */
	idValidation?: INodePropertyMode['validation'];
	/**
	 * A "By URL" mode, for objects with a page in the Gallery (helpers/galleryUrls.ts): the
	 * pattern whose one group is the id (n8n's extractValue), the message when a URL does not
	 * match, a placeholder. Saved values name their mode ('list', 'url', 'id'), so modes are only
	 * ever added, never renamed.
	 */
	urlMode?: { pattern: string; errorMessage: string; placeholder: string };
}

/**
 * A "From List / By URL / By ID" picker (By URL only where the kind has one). Ids are not validated by pattern: Alteryx uses 24-hex ids for
 * most assets, but Active Directory SIDs stand in for users on Windows-authenticated servers.
 */
export function locator(kind: LocatorKind, options: LocatorOptions): INodeProperties {
	return {
		displayName: options.displayName ?? kind.displayName,
		name: options.name ?? kind.name,
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: options.required ?? true,
		description: options.description ?? kind.description,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder:
					kind.listPlaceholder ??
					`Select a ${kind.displayName.replace(/ ID$/, '').toLowerCase()}...`,
				typeOptions: { searchListMethod: kind.searchListMethod, searchable: true },
			},
			...(kind.urlMode
				? [
						{
							displayName: 'By URL',
							name: 'url',
							type: 'string' as const,
							placeholder: kind.urlMode.placeholder,
							extractValue: { type: 'regex' as const, regex: kind.urlMode.pattern },
							validation: [
								{
									type: 'regex' as const,
									// n8n anchors it (^…$); spaces around a pasted address are forgiven.
									properties: {
										regex: `\\s*${kind.urlMode.pattern}\\s*`,
										errorMessage: kind.urlMode.errorMessage,
									},
								},
							],
						},
					]
				: []),
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: kind.idPlaceholder,
				...(kind.idValidation ? { validation: kind.idValidation } : {}),
			},
		],
	};
}

export const workflowLocator = (options: LocatorOptions = {}) =>
	locator(
		{
			name: 'workflowId',
			displayName: 'Workflow',
			description: 'The workflow (or analytic app) to use, picked by name or given by its ID',
			searchListMethod: 'searchWorkflows',
			idPlaceholder: 'e.g. 66ebd18d3d62000400000001',
			urlMode: workflowUrl,
		},
		options,
	);

export const userLocator = (options: LocatorOptions = {}) =>
	locator(
		{
			name: 'userId',
			displayName: 'User',
			description: 'The Alteryx Server user, picked by name or email or given by its ID',
			searchListMethod: 'searchUsers',
			idPlaceholder: 'e.g. 66ebd18d3d62000100000001',
		},
		options,
	);

export const collectionLocator = (options: LocatorOptions = {}) =>
	locator(
		{
			name: 'collectionId',
			displayName: 'Collection',
			description: 'The collection, picked by name or given by its ID',
			searchListMethod: 'searchCollections',
			idPlaceholder: 'e.g. 66ebd18d3d62000600000001',
		},
		options,
	);

export const scheduleLocator = (options: LocatorOptions = {}) =>
	locator(
		{
			name: 'scheduleId',
			displayName: 'Schedule',
			description: 'The schedule, picked by name or given by its ID',
			searchListMethod: 'searchSchedules',
			idPlaceholder: 'e.g. 66ebd18d3d62000700000001',
		},
		options,
	);

export const userGroupLocator = (options: LocatorOptions = {}) =>
	locator(
		{
			name: 'userGroupId',
			displayName: 'User Group',
			description: 'The custom user group, picked by name or given by its ID',
			searchListMethod: 'searchUserGroups',
			idPlaceholder: 'e.g. 66ebd18d3d62000300000001',
		},
		options,
	);

export const credentialLocator = (options: LocatorOptions = {}) =>
	locator(
		{
			name: 'credentialId',
			displayName: 'Credential',
			description:
				'The Alteryx Server credential (a stored Windows user name and password), picked by user name or given by its ID',
			searchListMethod: 'searchCredentials',
			idPlaceholder: 'e.g. 66ebd18d3d62000800000001',
		},
		options,
	);

export const jobLocator = (options: LocatorOptions = {}) =>
	locator(
		{
			name: 'jobId',
			displayName: 'Job',
			description:
				'The job, picked from the most recent jobs in the queue (Curator only) or given by its ID, e.g. the ID returned by Workflow → Run',
			searchListMethod: 'searchJobs',
			idPlaceholder: 'e.g. 66ebd18d3d62000a00000001',
		},
		options,
	);

export const dataConnectionLocator = (options: LocatorOptions = {}) =>
	locator(
		{
			name: 'dataConnectionId',
			displayName: 'Server Data Connection',
			description:
				'The Server data connection (a connection the server manages and shares with users), picked by name or given by its ID',
			searchListMethod: 'searchServerDataConnections',
			idPlaceholder: 'e.g. 66ebd18d3d62000900000001',
		},
		options,
	);

export const subscriptionLocator = (options: LocatorOptions = {}) =>
	locator(
		{
			name: 'subscriptionId',
			displayName: 'Studio',
			description: 'The studio (called subscription in the API), picked by name or given by its ID',
			searchListMethod: 'searchSubscriptions',
			idPlaceholder: 'e.g. 66ebd18d3d62000200000001',
		},
		options,
	);

/** Return All / Limit for a Get Many operation. */
export function returnAllOrLimit(): INodeProperties[] {
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: false,
			description: 'Whether to return all results or only up to a given limit',
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			default: 50,
			typeOptions: { minValue: 1 },
			displayOptions: { show: { returnAll: [false] } },
			description: 'Max number of results to return',
		},
	];
}

export interface ViewDescriptions {
	/** What one record is ("collection"), for "How much of each collection to return". */
	record: string;
	/** What the Default view returns of each record. */
	defaultView: string;
	/** What the Full view adds. */
	fullView: string;
}

/**
 * The Options collection of a Get Many whose V3 endpoint takes `view` (Default or Full); read
 * it with `viewOption`.
 */
export function viewOptions({ record, defaultView, fullView }: ViewDescriptions): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'View',
				name: 'view',
				type: 'options',
				options: [
					{ name: 'Default', value: 'Default', description: defaultView },
					{ name: 'Full', value: 'Full', description: fullView },
				],
				default: 'Default',
				description: `How much of each ${record} to return`,
			},
		],
	};
}

/**
 * The Questions field of Workflow → Run and Schedule → Create: answers to an analytic app's
 * questions, each picked from the chosen workflow's questions. Read it with toAppValues.
 */
export function appQuestionsField({
	description,
	valueDescription,
}: {
	description: string;
	valueDescription: string;
}): INodeProperties {
	return {
		displayName: 'Questions',
		name: 'questions',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Question Answer',
		default: {},
		description,
		options: [
			{
				displayName: 'Question',
				name: 'question',
				values: [
					{
						displayName: 'Name or ID',
						name: 'name',
						type: 'options',
						typeOptions: {
							loadOptionsMethod: 'getWorkflowQuestions',
							loadOptionsDependsOn: ['workflowId.value'],
						},
						default: '',
						description:
							'The question to answer (its name). Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
					},
					{
						displayName: 'Value',
						name: 'value',
						type: 'string',
						default: '',
						description: valueDescription,
					},
				],
			},
		],
	};
}

/**
 * The Options collection of a paged job list: Sort By (the endpoint's own field names, which
 * differ between GET v3/jobs and GET v3/workflows/{id}/jobs) and Sort Direction. Read it with
 * sortParameters.
 */
export function sortOptions(
	sortFields: INodePropertyOptions[],
	defaultSortField: string,
): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Sort By',
				name: 'sortField',
				type: 'options',
				options: sortFields,
				default: defaultSortField,
			},
			{
				displayName: 'Sort Direction',
				name: 'direction',
				type: 'options',
				options: [
					{ name: 'Ascending', value: 'asc' },
					{ name: 'Descending', value: 'desc' },
				],
				default: 'desc',
			},
		],
	};
}

/** The name of a binary property, for operations that read or write a file. */
export function binaryPropertyName(
	displayName: string,
	description: string,
	name = 'binaryPropertyName',
): INodeProperties {
	return {
		displayName,
		name,
		type: 'string',
		default: 'data',
		required: true,
		hint: 'The name of the binary property (see the Binary tab of the item)',
		description,
	};
}

/** Job priorities of EnqueueJobContract and the schedule contracts. */
export const priorityOptions = [
	{ name: 'Critical', value: 'Critical' },
	{ name: 'Default', value: 'Default' },
	{ name: 'High', value: 'High' },
	{ name: 'Low', value: 'Low' },
	{ name: 'Medium', value: 'Medium' },
];

export const executionModeOptions = [
	{
		name: 'Safe',
		value: 'Safe',
		description:
			'No reading or writing outside the server’s staging folder, no Run Command, Python or R tools',
	},
	{
		name: 'Semi Safe',
		value: 'SemiSafe',
		description: 'Like Safe, but the workflow may read data from anywhere',
	},
	{
		name: 'Standard',
		value: 'Standard',
		description: 'Unrestricted: the workflow may read and write anywhere and use every tool',
	},
];

export const workflowCredentialTypeOptions = [
	{
		name: 'Default',
		value: 'Default',
		description: 'Runs as the server’s default Run As user',
	},
	{
		name: 'Required',
		value: 'Required',
		description: 'Whoever runs it must supply a credential',
	},
	{
		name: 'Specific',
		value: 'Specific',
		description: 'Always runs with the credential given in Credential ID',
	},
];
