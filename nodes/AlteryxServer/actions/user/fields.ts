import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { idInCollection } from '../../helpers/parameters';
import { credentialLocator } from '../common.descriptions';
import { languageOptions, roleOptions } from './shared';

type FieldUse = 'create' | 'update';

interface UserField {
	property: INodeProperties;
	/** The contracts the field belongs to (CreateUserContract, UpdateUserContract). */
	in: FieldUse[];
}

const both: FieldUse[] = ['create', 'update'];

// Sorted by display name (n8n's lint wants collection options in that order).
const USER_FIELDS: UserField[] = [
	{
		in: ['update'],
		property: {
			displayName: 'Account Locked',
			name: 'isAccountLocked',
			type: 'boolean',
			default: false,
			description:
				'Whether the account is locked (for example after too many failed sign-ins); turn off to unlock it',
		},
	},
	{
		in: both,
		property: {
			displayName: 'Active',
			name: 'isActive',
			type: 'boolean',
			default: true,
			description:
				'Whether the user is active. Inactive users cannot sign in or use the API. To deactivate and also remove them from their groups, use the Deactivate operation.',
		},
	},
	{
		in: both,
		property: {
			displayName: 'API Access',
			name: 'isApiEnabled',
			type: 'boolean',
			default: true,
			description:
				'Whether the user may call the Alteryx Server API with the API key and secret of their profile',
		},
	},
	{
		in: both,
		property: {
			displayName: 'Can Assign Jobs',
			name: 'canAssignJobs',
			type: 'boolean',
			default: true,
			description: 'Whether the user may choose which worker (by worker tag) runs their jobs',
		},
	},
	{
		in: both,
		property: {
			displayName: 'Can Create and Update DCM Connections',
			name: 'canCreateAndUpdateDcm',
			type: 'boolean',
			default: true,
			description: 'Whether the user may create and edit Data Connection Manager (DCM) connections',
		},
	},
	{
		in: both,
		property: {
			displayName: 'Can Create Collections',
			name: 'canCreateCollections',
			type: 'boolean',
			default: true,
			description: 'Whether the user may create collections',
		},
	},
	{
		in: both,
		property: {
			displayName: 'Can Manage Generic DCM Vaults',
			name: 'canManageGenericVaultsDcm',
			type: 'boolean',
			default: true,
			description: 'Whether the user may manage generic Data Connection Manager vaults',
		},
	},
	{
		in: both,
		property: {
			displayName: 'Can Prioritize Jobs',
			name: 'canPrioritizeJobs',
			type: 'boolean',
			default: true,
			description: 'Whether the user may set the priority of their jobs and schedules',
		},
	},
	{
		in: both,
		property: {
			displayName: 'Can Schedule Jobs',
			name: 'canScheduleJobs',
			type: 'boolean',
			default: true,
			description: 'Whether the user may create schedules',
		},
	},
	{
		in: both,
		property: {
			displayName: 'Can Share DCM Connections for Collaboration',
			name: 'canShareForCollaborationDcm',
			type: 'boolean',
			default: true,
			description:
				'Whether the user may share Data Connection Manager connections with other users for collaboration',
		},
	},
	{
		in: both,
		property: {
			displayName: 'Can Share DCM Connections for Execution',
			name: 'canShareForExecutionDcm',
			type: 'boolean',
			default: true,
			description:
				'Whether the user may share Data Connection Manager connections so that others can run workflows with them',
		},
	},
	{
		in: both,
		property: credentialLocator({
			name: 'defaultCredentialId',
			displayName: 'Default Credential',
			required: false,
			description:
				'The Alteryx Server credential the user’s workflows run with by default. Empty means none.',
		}),
	},
	{
		in: both,
		property: {
			displayName: 'Default Worker Tag',
			name: 'defaultWorkerTag',
			type: 'string',
			default: '',
			description: 'The worker tag the user’s jobs run on by default; empty for any worker',
		},
	},
	{
		in: ['update'],
		property: {
			displayName: 'Email',
			name: 'email',
			type: 'string',
			placeholder: 'name@email.com',
			default: '',
			description: 'The new email address; it must not belong to another user',
		},
	},
	{
		in: ['update'],
		property: {
			displayName: 'Email Validated',
			name: 'isValidated',
			type: 'boolean',
			default: true,
			description: 'Whether the user’s email address counts as confirmed',
		},
	},
	{
		in: ['update'],
		property: {
			displayName: 'First Name',
			name: 'firstName',
			type: 'string',
			default: '',
			description: 'The new first name (1 to 255 characters)',
		},
	},
	{
		in: ['update'],
		property: {
			displayName: 'Language',
			name: 'language',
			type: 'options',
			options: languageOptions,
			default: 'en-us',
			description: 'The language of the Server user interface and emails for this user',
		},
	},
	{
		in: ['update'],
		property: {
			displayName: 'Last Name',
			name: 'lastName',
			type: 'string',
			default: '',
			description: 'The new last name (1 to 255 characters)',
		},
	},
	{
		in: both,
		property: {
			displayName: 'Role',
			name: 'role',
			type: 'options',
			options: roleOptions,
			default: 'Artisan',
			description:
				'What the user may do on the server. When a new user is created without a role, Alteryx sets Evaluated.',
		},
	},
	{
		in: both,
		property: {
			displayName: 'Time Zone',
			name: 'timeZone',
			type: 'string',
			default: '',
			placeholder: 'e.g. Etc/UTC',
			description:
				'The user’s time zone, written as the server writes it (see timeZone in User → Get), e.g. Etc/UTC',
		},
	},
];

/** The options of the Additional Fields (create) or Update Fields (update) collection. */
export function userFieldOptions(use: FieldUse): INodeProperties[] {
	return USER_FIELDS.filter((field) => field.in.includes(use)).map((field) => field.property);
}

/**
 * The contract values of the fields the user set: the credential locator becomes its id
 * (empty clears it), every other field is passed on as it is.
 */
export function userFieldValues(fields: IDataObject): IDataObject {
	const values: IDataObject = { ...fields };
	if (fields.defaultCredentialId !== undefined) {
		values.defaultCredentialId = idInCollection(fields, 'defaultCredentialId');
	}
	for (const name of ['defaultWorkerTag', 'email', 'firstName', 'lastName', 'timeZone']) {
		if (typeof values[name] === 'string') values[name] = (values[name] as string).trim();
	}
	return values;
}
