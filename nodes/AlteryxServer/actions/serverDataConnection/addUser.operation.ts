import { updateDisplayOptions } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { jsonToItems, requestRouteJson } from '../../helpers/api';
import { locatorValue } from '../../helpers/parameters';
import { dataConnectionLocator, userLocator } from '../common.descriptions';
import type { OperationRoute } from '../node.type';

export const route: OperationRoute = {
	method: 'POST',
	path: '/v3/serverDataConnections/{dataConnectionId}/users',
	operationId: 'ServerConnections_AddUserToServerDataConnection',
};

const properties: INodeProperties[] = [
	dataConnectionLocator({ description: 'The Server data connection to share' }),
	userLocator({ description: 'The user who may use the connection from now on' }),
];

const displayOptions = { show: { resource: ['serverDataConnection'], operation: ['addUser'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const dataConnectionId = locatorValue.call(this, 'dataConnectionId', itemIndex);
	const userId = locatorValue.call(this, 'userId', itemIndex);
	const connection = await requestRouteJson.call(
		this,
		route,
		{ path: { dataConnectionId }, body: { userId } },
		itemIndex,
	);
	return jsonToItems(connection);
}
