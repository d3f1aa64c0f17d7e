import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { requestRoute } from '../../helpers/api';
import { locatorValue, toStringList } from '../../helpers/parameters';
import { subscriptionLocator } from '../common.descriptions';
import type { OperationRoute } from '../node.type';

export const route: OperationRoute = {
	method: 'PUT',
	path: '/v3/subscriptions/{subscriptionId}/users',
	operationId: 'Subscriptions_ChangeUsersSubscription',
};

const properties: INodeProperties[] = [
	subscriptionLocator({ description: 'The studio the users move into' }),
	{
		displayName: 'User Names or IDs',
		name: 'userIds',
		type: 'multiOptions',
		typeOptions: { loadOptionsMethod: 'getStudioUserOptions' },
		default: [],
		required: true,
		description:
			'The users to move; each leaves the studio they are in now, as a user belongs to one studio. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
];

const displayOptions = { show: { resource: ['subscription'], operation: ['moveUsers'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const subscriptionId = locatorValue.call(this, 'subscriptionId', itemIndex);
	const userIds = [
		...new Set(
			toStringList.call(this, this.getNodeParameter('userIds', itemIndex, []), 'Users', itemIndex),
		),
	];
	if (userIds.length === 0) {
		throw new NodeOperationError(this.getNode(), 'No users to move were given', {
			description: 'Choose at least one user, or map their IDs with an expression.',
			itemIndex,
		});
	}
	await requestRoute.call(this, route, { path: { subscriptionId }, body: { userIds } }, itemIndex);
	return [{ json: { success: true, subscriptionId, userIds } }];
}
