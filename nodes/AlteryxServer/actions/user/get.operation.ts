import { updateDisplayOptions } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { jsonToItems, requestRouteJson } from '../../helpers/api';
import { locatorValue } from '../../helpers/parameters';
import { userLocator } from '../common.descriptions';
import type { OperationRoute } from '../node.type';

export const route: OperationRoute = {
	method: 'GET',
	path: '/v3/users/{userId}',
	operationId: 'Users_GetUser',
};

const properties: INodeProperties[] = [userLocator({ description: 'The user to get' })];

const displayOptions = { show: { resource: ['user'], operation: ['get'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const userId = locatorValue.call(this, 'userId', itemIndex);
	const user = await requestRouteJson.call(this, route, { path: { userId } }, itemIndex);
	return jsonToItems(user);
}
