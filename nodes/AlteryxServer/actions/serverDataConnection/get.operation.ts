import { updateDisplayOptions } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { jsonToItems, requestRouteJson } from '../../helpers/api';
import { locatorValue } from '../../helpers/parameters';
import { dataConnectionLocator } from '../common.descriptions';
import type { OperationRoute } from '../node.type';

export const route: OperationRoute = {
	method: 'GET',
	path: '/v3/serverDataConnections/{dataConnectionId}',
	operationId: 'ServerConnections_GetServerDataConnection',
};

const properties: INodeProperties[] = [dataConnectionLocator()];

const displayOptions = { show: { resource: ['serverDataConnection'], operation: ['get'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const dataConnectionId = locatorValue.call(this, 'dataConnectionId', itemIndex);
	const connection = await requestRouteJson.call(
		this,
		route,
		{ path: { dataConnectionId } },
		itemIndex,
	);
	return jsonToItems(connection);
}
