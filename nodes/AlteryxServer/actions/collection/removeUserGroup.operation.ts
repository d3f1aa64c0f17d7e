import { updateDisplayOptions } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { jsonToItems, requestRouteJson } from '../../helpers/api';
import { locatorValue } from '../../helpers/parameters';
import { collectionLocator, userGroupLocator } from '../common.descriptions';
import type { OperationRoute } from '../node.type';

export const route: OperationRoute = {
	method: 'DELETE',
	path: '/v3/collections/{collectionId}/userGroups/{userGroupId}',
	operationId: 'Collections_RemoveUserGroupFromCollection',
};

const properties: INodeProperties[] = [
	collectionLocator({ description: 'The collection to remove the user group from' }),
	userGroupLocator({ description: 'The member user group that loses access to the collection' }),
];

const displayOptions = { show: { resource: ['collection'], operation: ['removeUserGroup'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const collectionId = locatorValue.call(this, 'collectionId', itemIndex);
	const userGroupId = locatorValue.call(this, 'userGroupId', itemIndex);
	const collection = await requestRouteJson.call(
		this,
		route,
		{ path: { collectionId, userGroupId } },
		itemIndex,
	);
	return jsonToItems(collection);
}
