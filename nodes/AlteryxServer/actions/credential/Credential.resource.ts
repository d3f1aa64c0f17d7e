import type { INodeProperties } from 'n8n-workflow';

import type { ResourceModule } from '../node.type';
import * as create from './create.operation';
import * as deleteCredential from './delete.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as removeUser from './removeUser.operation';
import * as removeUserGroup from './removeUserGroup.operation';
import * as shareWithUser from './shareWithUser.operation';
import * as shareWithUserGroup from './shareWithUserGroup.operation';
import * as update from './update.operation';

export const resource: ResourceModule['resource'] = {
	name: 'Credential',
	value: 'credential',
	description:
		'Windows accounts stored on Alteryx Server that workflows run as (not n8n credentials): add them, change passwords, share them',
};

export const operations: ResourceModule['operations'] = {
	create,
	delete: deleteCredential,
	get,
	getAll,
	removeUser,
	removeUserGroup,
	shareWithUser,
	shareWithUserGroup,
	update,
};

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['credential'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				action: 'Create a credential',
				description:
					'Store a Windows user name and password on the server for running workflows (the server must use SSL/TLS)',
			},
			{
				name: 'Delete',
				value: 'delete',
				action: 'Delete a credential',
				description: 'Delete a stored credential (Curator only)',
			},
			{
				name: 'Get',
				value: 'get',
				action: 'Get a credential',
				description: 'Get a credential’s user name and the users and user groups it is shared with',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many credentials',
				description:
					'List the credentials: Curators see every credential, other users only those shared with them',
			},
			{
				name: 'Remove User',
				value: 'removeUser',
				action: 'Remove a user from a credential',
				description: 'Stop sharing a credential with a user (Curator only)',
			},
			{
				name: 'Remove User Group',
				value: 'removeUserGroup',
				action: 'Remove a user group from a credential',
				description: 'Stop sharing a credential with a user group (Curator only)',
			},
			{
				name: 'Share With User',
				value: 'shareWithUser',
				action: 'Share a credential with a user',
				description: 'Let a user run workflows with a credential (Curator only)',
			},
			{
				name: 'Share With User Group',
				value: 'shareWithUserGroup',
				action: 'Share a credential with a user group',
				description:
					'Let the members of a user group run workflows with a credential (Curator only)',
			},
			{
				name: 'Update',
				value: 'update',
				action: 'Update a credential',
				description:
					'Change the password stored with a credential, e.g. after it was changed in Active Directory (the server must use SSL/TLS)',
			},
		],
		default: 'get',
	},
	...create.description,
	...deleteCredential.description,
	...get.description,
	...getAll.description,
	...removeUser.description,
	...removeUserGroup.description,
	...shareWithUser.description,
	...shareWithUserGroup.description,
	...update.description,
];
