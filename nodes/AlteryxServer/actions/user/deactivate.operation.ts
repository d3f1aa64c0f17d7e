import { updateDisplayOptions } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { requestRouteJson } from '../../helpers/api';
import { locatorValue } from '../../helpers/parameters';
import { userLocator } from '../common.descriptions';
import type { OperationRoute } from '../node.type';

export const route: OperationRoute = {
	method: 'POST',
	path: '/v3/users/{userId}/deactivate',
	operationId: 'Users_DeactivateUser',
};

const properties: INodeProperties[] = [
	userLocator({
		description:
			'The user to deactivate. They can no longer sign in or use the API, and are removed from every user group; their assets stay.',
	}),
];

const displayOptions = { show: { resource: ['user'], operation: ['deactivate'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const userId = locatorValue.call(this, 'userId', itemIndex);
	// Answers the ids of the user groups the user was removed from.
	const groupIds = await requestRouteJson.call(this, route, { path: { userId } }, itemIndex);
	return [
		{
			json: {
				success: true,
				id: userId,
				removedFromUserGroupIds: Array.isArray(groupIds) ? groupIds.map(String) : [],
			},
		},
	];
}
