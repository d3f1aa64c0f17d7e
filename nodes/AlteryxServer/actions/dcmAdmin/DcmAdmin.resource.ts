import type { INodeProperties } from 'n8n-workflow';

import type { ResourceModule } from '../node.type';
import * as deleteConnection from './deleteConnection.operation';
import * as deleteRule from './deleteRule.operation';
import * as getConnection from './getConnection.operation';
import * as getManyConnections from './getManyConnections.operation';
import * as getManyRules from './getManyRules.operation';
import * as getRule from './getRule.operation';
import * as unshareForCollaboration from './unshareForCollaboration.operation';
import * as unshareForExecution from './unshareForExecution.operation';
import * as upsertConnection from './upsertConnection.operation';
import * as upsertRule from './upsertRule.operation';

export const resource: ResourceModule['resource'] = {
	name: 'DCM Administration',
	value: 'dcmAdmin',
	description:
		'Curators: every user’s Data Connection Manager connections, and the connection handling rules',
};

export const operations: ResourceModule['operations'] = {
	deleteConnection,
	deleteRule,
	getConnection,
	getManyConnections,
	getManyRules,
	getRule,
	unshareForCollaboration,
	unshareForExecution,
	upsertConnection,
	upsertRule,
};

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['dcmAdmin'] } },
		options: [
			{
				name: 'Create or Update Connection',
				value: 'upsertConnection',
				action: 'Create or update a DCM connection for a user',
				description:
					'Create a DCM connection owned by a given user, or update (or transfer) anyone’s connection (Curator only)',
			},
			{
				name: 'Create or Update Connection Handling Rule',
				value: 'upsertRule',
				action: 'Create or update a connection handling rule',
				description:
					'Create a rule that makes the server use a target connection wherever workflows use a source connection, or update one (Curator only)',
			},
			{
				name: 'Delete Connection',
				value: 'deleteConnection',
				action: 'Delete a DCM connection of any user',
				description:
					'Delete anyone’s DCM connection, with its data source and credentials (Curator only)',
			},
			{
				name: 'Delete Connection Handling Rule',
				value: 'deleteRule',
				action: 'Delete a connection handling rule',
				description: 'Delete a connection handling rule (Curator only)',
			},
			{
				name: 'Get Connection',
				value: 'getConnection',
				action: 'Get a DCM connection of any user',
				description: 'Get anyone’s DCM connection, with its owner and sharing (Curator only)',
			},
			{
				name: 'Get Connection Handling Rule',
				value: 'getRule',
				action: 'Get a connection handling rule',
				description: 'Get a connection handling rule: source and target connection (Curator only)',
			},
			{
				name: 'Get Many Connection Handling Rules',
				value: 'getManyRules',
				action: 'Get many connection handling rules',
				description: 'List the connection handling rules of the server (Curator only)',
			},
			{
				name: 'Get Many Connections',
				value: 'getManyConnections',
				action: 'Get many DCM connections',
				description:
					'List every DCM connection on the server, or those one user can see (Curator only)',
			},
			{
				name: 'Unshare for Collaboration',
				value: 'unshareForCollaboration',
				action: 'Unshare a DCM connection for collaboration',
				description:
					'Stop sharing anyone’s connection for collaboration with every user and group (Curator only)',
			},
			{
				name: 'Unshare for Execution',
				value: 'unshareForExecution',
				action: 'Unshare a DCM connection for execution',
				description:
					'Stop sharing anyone’s connection for execution with every user and group (Curator only)',
			},
		],
		default: 'getManyConnections',
	},
	...deleteConnection.description,
	...deleteRule.description,
	...getConnection.description,
	...getManyConnections.description,
	...getManyRules.description,
	...getRule.description,
	...unshareForCollaboration.description,
	...unshareForExecution.description,
	...upsertConnection.description,
	...upsertRule.description,
];
