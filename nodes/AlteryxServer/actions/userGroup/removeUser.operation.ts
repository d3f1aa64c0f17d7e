import { updateDisplayOptions } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { jsonToItems, requestRouteJson } from '../../helpers/api';
import { locatorValue } from '../../helpers/parameters';
import { userGroupLocator, userLocator } from '../common.descriptions';
import type { OperationRoute } from '../node.type';

export const route: OperationRoute = {
	method: 'DELETE',
	path: '/v3/usergroups/{userGroupId}/users/{userId}',
	operationId: 'UserGroups_RemoveUserFromGroup',
};

const properties: INodeProperties[] = [
	userGroupLocator({ description: 'The custom user group to remove the user from' }),
	userLocator({
		description:
			'The user to remove. Removing a user who is not a member succeeds and changes nothing.',
	}),
];

const displayOptions = { show: { resource: ['userGroup'], operation: ['removeUser'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const userGroupId = locatorValue.call(this, 'userGroupId', itemIndex);
	const userId = locatorValue.call(this, 'userId', itemIndex);
	// Answers the group as it is afterwards (UserGroupView).
	const group = await requestRouteJson.call(
		this,
		route,
		{ path: { userGroupId, userId } },
		itemIndex,
	);
	return jsonToItems(group);
}
