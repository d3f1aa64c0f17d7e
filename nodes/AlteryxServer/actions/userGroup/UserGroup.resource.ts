import type { INodeProperties } from 'n8n-workflow';

import type { ResourceModule } from '../node.type';
import * as addActiveDirectoryGroup from './addActiveDirectoryGroup.operation';
import * as addUser from './addUser.operation';
import * as create from './create.operation';
import * as deleteUserGroup from './delete.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as removeActiveDirectoryGroup from './removeActiveDirectoryGroup.operation';
import * as removeUser from './removeUser.operation';
import * as update from './update.operation';

export const resource: ResourceModule['resource'] = {
	name: 'User Group',
	value: 'userGroup',
	description:
		'Custom user groups: create and rename them, set their role, add and remove users and Active Directory groups (Curator only)',
};

export const operations: ResourceModule['operations'] = {
	addActiveDirectoryGroup,
	addUser,
	create,
	delete: deleteUserGroup,
	get,
	getAll,
	removeActiveDirectoryGroup,
	removeUser,
	update,
};

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['userGroup'] } },
		options: [
			{
				name: 'Add Active Directory Group',
				value: 'addActiveDirectoryGroup',
				action: 'Add an active directory group to a user group',
				description:
					'Nest a Windows Active Directory group, by SID, in a custom group (Windows authentication only)',
			},
			{
				name: 'Add User',
				value: 'addUser',
				action: 'Add a user to a user group',
				description: 'Make one or more users members of a custom group',
			},
			{
				name: 'Create',
				value: 'create',
				action: 'Create a user group',
				description: 'Create a custom group with a name and a role',
			},
			{
				name: 'Delete',
				value: 'delete',
				action: 'Delete a user group',
				description: 'Delete a custom group; its users stay',
			},
			{
				name: 'Get',
				value: 'get',
				action: 'Get a user group',
				description: 'Get a custom group with its members, credentials and data connections',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many user groups',
				description: 'List the custom groups (ID, name and role)',
			},
			{
				name: 'Remove Active Directory Group',
				value: 'removeActiveDirectoryGroup',
				action: 'Remove an active directory group from a user group',
				description:
					'Take a nested Active Directory group, by SID, out of a custom group (Windows authentication only)',
			},
			{
				name: 'Remove User',
				value: 'removeUser',
				action: 'Remove a user from a user group',
				description: 'Take a user out of a custom group',
			},
			{
				name: 'Update',
				value: 'update',
				action: 'Update a user group',
				description: 'Rename a custom group or change its role',
			},
		],
		default: 'addUser',
	},
	...addActiveDirectoryGroup.description,
	...addUser.description,
	...create.description,
	...deleteUserGroup.description,
	...get.description,
	...getAll.description,
	...removeActiveDirectoryGroup.description,
	...removeUser.description,
	...update.description,
];
