import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { jsonToItems, requestRouteJson } from '../../helpers/api';
import { locatorValue } from '../../helpers/parameters';
import { dataConnectionLocator } from '../common.descriptions';
import type { OperationRoute } from '../node.type';

export const route: OperationRoute = {
	method: 'PUT',
	path: '/v3/serverDataConnections/{dataConnectionId}',
	operationId: 'ServerConnections_UpdateServerDataConnectionName',
};

const properties: INodeProperties[] = [
	dataConnectionLocator({ description: 'The Server data connection to rename' }),
	{
		displayName: 'New Name',
		name: 'name',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. Sales Data Warehouse',
		description:
			'The connection’s new name (1 to 255 characters). The name is the only setting the API can change.',
	},
];

const displayOptions = { show: { resource: ['serverDataConnection'], operation: ['rename'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const dataConnectionId = locatorValue.call(this, 'dataConnectionId', itemIndex);
	const name = String(this.getNodeParameter('name', itemIndex, '')).trim();
	if (!name) {
		throw new NodeOperationError(this.getNode(), 'New Name is empty', {
			description: 'Enter the name the connection should have (1 to 255 characters).',
			itemIndex,
		});
	}
	const connection = await requestRouteJson.call(
		this,
		route,
		{ path: { dataConnectionId }, body: { name } },
		itemIndex,
	);
	return jsonToItems(connection);
}
