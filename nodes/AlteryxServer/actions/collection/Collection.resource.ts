import type { INodeProperties } from 'n8n-workflow';

import type { ResourceModule } from '../node.type';
import * as addSchedule from './addSchedule.operation';
import * as addUser from './addUser.operation';
import * as addUserGroup from './addUserGroup.operation';
import * as addWorkflow from './addWorkflow.operation';
import * as create from './create.operation';
import * as deleteCollection from './delete.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as removeSchedule from './removeSchedule.operation';
import * as removeUser from './removeUser.operation';
import * as removeUserGroup from './removeUserGroup.operation';
import * as removeWorkflow from './removeWorkflow.operation';
import * as update from './update.operation';
import * as updateUserGroupPermissions from './updateUserGroupPermissions.operation';
import * as updateUserPermissions from './updateUserPermissions.operation';

export const resource: ResourceModule['resource'] = {
	name: 'Collection',
	value: 'collection',
	description:
		'Collections share workflows and schedules with users and user groups (Curator only)',
};

export const operations: ResourceModule['operations'] = {
	addSchedule,
	addUser,
	addUserGroup,
	addWorkflow,
	create,
	delete: deleteCollection,
	get,
	getAll,
	removeSchedule,
	removeUser,
	removeUserGroup,
	removeWorkflow,
	update,
	updateUserGroupPermissions,
	updateUserPermissions,
};

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['collection'] } },
		options: [
			{
				name: 'Add Schedule',
				value: 'addSchedule',
				action: 'Add a schedule to a collection',
				description: 'Share a schedule with the members of a collection',
			},
			{
				name: 'Add User',
				value: 'addUser',
				action: 'Add a user to a collection',
				description:
					'Give a user access to a collection, with permissions and an optional expiry date (adding a member again replaces their permissions)',
			},
			{
				name: 'Add User Group',
				value: 'addUserGroup',
				action: 'Add a user group to a collection',
				description:
					'Give every member of a user group access to a collection, with permissions and an optional expiry date',
			},
			{
				name: 'Add Workflow',
				value: 'addWorkflow',
				action: 'Add a workflow to a collection',
				description: 'Share a workflow with the members of a collection',
			},
			{
				name: 'Create',
				value: 'create',
				action: 'Create a collection',
				description:
					'Create an empty collection owned by the API user (needs the Create Collections permission); returns its ID',
			},
			{
				name: 'Delete',
				value: 'delete',
				action: 'Delete a collection',
				description:
					'Delete a collection; its workflows, schedules and users are kept, only the sharing ends',
			},
			{
				name: 'Get',
				value: 'get',
				action: 'Get a collection',
				description:
					'Get a collection with the IDs of its workflows, schedules, users and user groups',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many collections',
				description: 'List the collections on the server',
			},
			{
				name: 'Remove Schedule',
				value: 'removeSchedule',
				action: 'Remove a schedule from a collection',
				description: 'Stop sharing a schedule through a collection',
			},
			{
				name: 'Remove User',
				value: 'removeUser',
				action: 'Remove a user from a collection',
				description: 'Take away a user’s access to a collection',
			},
			{
				name: 'Remove User Group',
				value: 'removeUserGroup',
				action: 'Remove a user group from a collection',
				description: 'Take away a user group’s access to a collection',
			},
			{
				name: 'Remove Workflow',
				value: 'removeWorkflow',
				action: 'Remove a workflow from a collection',
				description: 'Stop sharing a workflow through a collection',
			},
			{
				name: 'Update',
				value: 'update',
				action: 'Update a collection',
				description: 'Rename a collection or give it a new owner',
			},
			{
				name: 'Update User Group Permissions',
				value: 'updateUserGroupPermissions',
				action: 'Update the permissions of a user group in a collection',
				description:
					'Set what a member user group may do in a collection, and when its access expires',
			},
			{
				name: 'Update User Permissions',
				value: 'updateUserPermissions',
				action: 'Update the permissions of a user in a collection',
				description: 'Set what a member user may do in a collection, and when their access expires',
			},
		],
		default: 'get',
	},
	...addSchedule.description,
	...addUser.description,
	...addUserGroup.description,
	...addWorkflow.description,
	...create.description,
	...deleteCollection.description,
	...get.description,
	...getAll.description,
	...removeSchedule.description,
	...removeUser.description,
	...removeUserGroup.description,
	...removeWorkflow.description,
	...update.description,
	...updateUserGroupPermissions.description,
	...updateUserPermissions.description,
];
