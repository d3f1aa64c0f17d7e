import type { INodeProperties } from 'n8n-workflow';

import type { ResourceModule } from '../node.type';
import * as addUser from './addUser.operation';
import * as addUserGroup from './addUserGroup.operation';
import * as deleteServerDataConnection from './delete.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as removeUser from './removeUser.operation';
import * as removeUserGroup from './removeUserGroup.operation';
import * as rename from './rename.operation';

export const resource: ResourceModule['resource'] = {
	name: 'Server Data Connection',
	value: 'serverDataConnection',
	description:
		'Data connections the server manages: list, rename, delete, share with users and groups (Curator only)',
};

export const operations: ResourceModule['operations'] = {
	addUser,
	addUserGroup,
	delete: deleteServerDataConnection,
	get,
	getAll,
	removeUser,
	removeUserGroup,
	rename,
};

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['serverDataConnection'] } },
		options: [
			{
				name: 'Add User',
				value: 'addUser',
				action: 'Share a server data connection with a user',
				description: 'Let a user use the connection in their workflows',
			},
			{
				name: 'Add User Group',
				value: 'addUserGroup',
				action: 'Share a server data connection with a user group',
				description: 'Let every member of a user group use the connection',
			},
			{
				name: 'Delete',
				value: 'delete',
				action: 'Delete a server data connection',
				description: 'Delete the connection from the server',
			},
			{
				name: 'Get',
				value: 'get',
				action: 'Get a server data connection',
				description:
					'Get a connection with its connection string and the users and groups it is shared with',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many server data connections',
				description: 'List the data connections the server manages',
			},
			{
				name: 'Remove User',
				value: 'removeUser',
				action: 'Stop sharing a server data connection with a user',
				description: 'Take away a user’s permission to use the connection',
			},
			{
				name: 'Remove User Group',
				value: 'removeUserGroup',
				action: 'Stop sharing a server data connection with a user group',
				description: 'Take away a user group’s permission to use the connection',
			},
			{
				name: 'Rename',
				value: 'rename',
				action: 'Rename a server data connection',
				description: 'Change the name of a connection (the only setting the API can change)',
			},
		],
		default: 'getAll',
	},
	...addUser.description,
	...addUserGroup.description,
	...deleteServerDataConnection.description,
	...get.description,
	...getAll.description,
	...removeUser.description,
	...removeUserGroup.description,
	...rename.description,
];
