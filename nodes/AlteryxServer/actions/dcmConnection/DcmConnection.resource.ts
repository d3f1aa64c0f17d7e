import type { INodeProperties } from 'n8n-workflow';

import type { ResourceModule } from '../node.type';
import * as deleteConnection from './delete.operation';
import * as get from './get.operation';
import * as getForConnect from './getForConnect.operation';
import * as lookup from './lookup.operation';
import * as shareForCollaboration from './shareForCollaboration.operation';
import * as shareForExecution from './shareForExecution.operation';
import * as unshareForExecution from './unshareForExecution.operation';
import * as upsert from './upsert.operation';

export const resource: ResourceModule['resource'] = {
	name: 'DCM Connection',
	value: 'dcmConnection',
	description:
		'Data Connection Manager connections of the API user: create, update, look up, share and delete them',
};

export const operations: ResourceModule['operations'] = {
	delete: deleteConnection,
	get,
	getForConnect,
	lookup,
	shareForCollaboration,
	shareForExecution,
	unshareForExecution,
	upsert,
};

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['dcmConnection'] } },
		options: [
			{
				name: 'Create or Update',
				value: 'upsert',
				action: 'Create or update a DCM connection',
				description:
					'Create a new DCM connection, or update the current one if it already exists (upsert)',
			},
			{
				name: 'Delete',
				value: 'delete',
				action: 'Delete a DCM connection',
				description:
					'Delete a DCM connection the API user owns, with its data source and credentials',
			},
			{
				name: 'Get',
				value: 'get',
				action: 'Get a DCM connection',
				description:
					'Get a DCM connection the API user owns or that is shared with them: parameters, data source, credentials (without secrets) and sharing',
			},
			{
				name: 'Get for Connect',
				value: 'getForConnect',
				action: 'Get a DCM connection for the data catalog',
				description:
					'Get the name and data source of a DCM connection, as Alteryx Connect reads it (Curator only)',
			},
			{
				name: 'Look Up',
				value: 'lookup',
				action: 'Look up a DCM connection referenced in workflows',
				description:
					'Find the DCM connection a workflow references, by the connection ID in the workflow',
			},
			{
				name: 'Share for Collaboration',
				value: 'shareForCollaboration',
				action: 'Share a DCM connection for collaboration',
				description:
					'Let users and groups use the connection in Designer and their own workflows, optionally with its credentials',
			},
			{
				name: 'Share for Execution',
				value: 'shareForExecution',
				action: 'Share a DCM connection for execution',
				description: 'Let users and groups run workflows that use the connection on the server',
			},
			{
				name: 'Unshare for Execution',
				value: 'unshareForExecution',
				action: 'Unshare a DCM connection for execution',
				description: 'Stop sharing the connection for execution with every user and group',
			},
		],
		default: 'get',
	},
	...deleteConnection.description,
	...get.description,
	...getForConnect.description,
	...lookup.description,
	...shareForCollaboration.description,
	...shareForExecution.description,
	...unshareForExecution.description,
	...upsert.description,
];
