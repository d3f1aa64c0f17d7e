import type { INodeProperties } from 'n8n-workflow';

import type { ResourceModule } from '../node.type';
import * as create from './create.operation';
import * as deactivate from './deactivate.operation';
import * as deleteUser from './delete.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as getAssets from './getAssets.operation';
import * as resetPassword from './resetPassword.operation';
import * as transferAssets from './transferAssets.operation';
import * as update from './update.operation';

export const resource: ResourceModule['resource'] = {
	name: 'User',
	value: 'user',
	description:
		'Server users: create, update, deactivate and delete them, list what they own and hand it over (Curator only)',
};

export const operations: ResourceModule['operations'] = {
	create,
	deactivate,
	delete: deleteUser,
	get,
	getAll,
	getAssets,
	resetPassword,
	transferAssets,
	update,
};

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['user'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				action: 'Create a user',
				description:
					'Add a user with an email address and name (not on Windows-authenticated servers)',
			},
			{
				name: 'Deactivate',
				value: 'deactivate',
				action: 'Deactivate a user',
				description:
					'Mark a user inactive and remove them from every user group; their assets stay',
			},
			{
				name: 'Delete',
				value: 'delete',
				action: 'Delete a user',
				description:
					'Delete a user who owns no assets and belongs to no user group (transfer their assets first)',
			},
			{
				name: 'Get',
				value: 'get',
				action: 'Get a user',
				description: 'Get the details and permissions of a user',
			},
			{
				name: 'Get Assets',
				value: 'getAssets',
				action: 'Get the assets of a user',
				description: 'List the workflows, schedules and collections a user owns',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many users',
				description:
					'List the users of the server, optionally filtered by role, name, email or date',
			},
			{
				name: 'Reset Password',
				value: 'resetPassword',
				action: 'Send a password reset email to a user',
				description: 'Email the user a link to set a new password (built-in authentication only)',
			},
			{
				name: 'Transfer Assets',
				value: 'transferAssets',
				action: 'Transfer the assets of a user to another user',
				description:
					'Give another user ownership of all workflows, schedules and collections a user owns',
			},
			{
				name: 'Update',
				value: 'update',
				action: 'Update a user',
				description:
					'Change a user’s details, role or permissions; fields left out keep their current values',
			},
		],
		default: 'get',
	},
	...create.description,
	...deactivate.description,
	...deleteUser.description,
	...get.description,
	...getAll.description,
	...getAssets.description,
	...resetPassword.description,
	...transferAssets.description,
	...update.description,
];
