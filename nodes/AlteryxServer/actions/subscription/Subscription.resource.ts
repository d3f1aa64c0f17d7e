import type { INodeProperties } from 'n8n-workflow';

import type { ResourceModule } from '../node.type';
import * as create from './create.operation';
import * as deleteSubscription from './delete.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as moveUsers from './moveUsers.operation';
import * as update from './update.operation';

export const resource: ResourceModule['resource'] = {
	name: 'Studio (Subscription)',
	value: 'subscription',
	description:
		'Studios (subscriptions in the API) that group users and their workflows: create, list, change, move users, delete (Curator only)',
};

export const operations: ResourceModule['operations'] = {
	create,
	delete: deleteSubscription,
	get,
	getAll,
	moveUsers,
	update,
};

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['subscription'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				action: 'Create a studio',
				description: 'Create a studio; the answer includes its API key and secret',
			},
			{
				name: 'Delete',
				value: 'delete',
				action: 'Delete a studio',
				description: 'Delete a studio that has no users and no workflows',
			},
			{
				name: 'Get',
				value: 'get',
				action: 'Get a studio',
				description: 'Get a studio with its users and workflows',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many studios',
				description: 'List studios with their user and workflow counts, optionally filtered',
			},
			{
				name: 'Move Users',
				value: 'moveUsers',
				action: 'Move users into a studio',
				description: 'Make users members of a studio; they leave the studio they were in',
			},
			{
				name: 'Update',
				value: 'update',
				action: 'Update a studio',
				description:
					'Change a studio’s name, default credential or schedule sharing; fields left out keep their values',
			},
		],
		default: 'getAll',
	},
	...create.description,
	...deleteSubscription.description,
	...get.description,
	...getAll.description,
	...moveUsers.description,
	...update.description,
];
