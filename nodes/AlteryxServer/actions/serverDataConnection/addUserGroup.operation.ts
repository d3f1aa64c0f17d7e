import { updateDisplayOptions } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { jsonToItems, requestRouteJson } from '../../helpers/api';
import { locatorValue } from '../../helpers/parameters';
import { dataConnectionLocator, userGroupLocator } from '../common.descriptions';
import type { OperationRoute } from '../node.type';

export const route: OperationRoute = {
	method: 'POST',
	path: '/v3/serverDataConnections/{dataConnectionId}/userGroups',
	operationId: 'ServerConnections_AddUserGroupToServerDataConnection',
};

const properties: INodeProperties[] = [
	dataConnectionLocator({ description: 'The Server data connection to share' }),
	userGroupLocator({ description: 'The user group whose members may use the connection' }),
];

const displayOptions = {
	show: { resource: ['serverDataConnection'], operation: ['addUserGroup'] },
};

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const dataConnectionId = locatorValue.call(this, 'dataConnectionId', itemIndex);
	const userGroupId = locatorValue.call(this, 'userGroupId', itemIndex);
	const connection = await requestRouteJson.call(
		this,
		route,
		{ path: { dataConnectionId }, body: { userGroupId } },
		itemIndex,
	);
	return jsonToItems(connection);
}
