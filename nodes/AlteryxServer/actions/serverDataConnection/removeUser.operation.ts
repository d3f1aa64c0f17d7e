import { updateDisplayOptions } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { jsonToItems, requestRouteJson } from '../../helpers/api';
import { locatorValue } from '../../helpers/parameters';
import { dataConnectionLocator, userLocator } from '../common.descriptions';
import type { OperationRoute } from '../node.type';

export const route: OperationRoute = {
	method: 'DELETE',
	path: '/v3/serverDataConnections/{dataConnectionId}/users/{userId}',
	operationId: 'ServerConnections_RemoveUserFromServerDataConnection',
};

const properties: INodeProperties[] = [
	dataConnectionLocator({ description: 'The Server data connection to stop sharing' }),
	userLocator({
		description:
			'The user who may no longer use the connection; Alteryx answers 404 if it is not shared with them directly',
	}),
];

const displayOptions = {
	show: { resource: ['serverDataConnection'], operation: ['removeUser'] },
};

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
		{ path: { dataConnectionId, userId } },
		itemIndex,
	);
	return jsonToItems(connection);
}
