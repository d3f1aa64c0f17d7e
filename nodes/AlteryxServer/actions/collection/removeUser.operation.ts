import { updateDisplayOptions } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { jsonToItems, requestRouteJson } from '../../helpers/api';
import { locatorValue } from '../../helpers/parameters';
import { collectionLocator, userLocator } from '../common.descriptions';
import type { OperationRoute } from '../node.type';

export const route: OperationRoute = {
	method: 'DELETE',
	path: '/v3/collections/{collectionId}/users/{userId}',
	operationId: 'Collections_RemoveUserFromCollection',
};

const properties: INodeProperties[] = [
	collectionLocator({ description: 'The collection to remove the user from' }),
	userLocator({ description: 'The member who loses access to the collection' }),
];

const displayOptions = { show: { resource: ['collection'], operation: ['removeUser'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const collectionId = locatorValue.call(this, 'collectionId', itemIndex);
	const userId = locatorValue.call(this, 'userId', itemIndex);
	const collection = await requestRouteJson.call(
		this,
		route,
		{ path: { collectionId, userId } },
		itemIndex,
	);
	return jsonToItems(collection);
}
