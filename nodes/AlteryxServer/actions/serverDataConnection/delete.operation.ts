import { updateDisplayOptions } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { requestRoute } from '../../helpers/api';
import { locatorValue } from '../../helpers/parameters';
import { dataConnectionLocator } from '../common.descriptions';
import type { OperationRoute } from '../node.type';

export const route: OperationRoute = {
	method: 'DELETE',
	path: '/v3/serverDataConnections/{dataConnectionId}',
	operationId: 'ServerConnections_DeleteServerDataConnection',
};

const properties: INodeProperties[] = [
	dataConnectionLocator({
		description:
			'The Server data connection to delete; workflows that use it can no longer connect through it',
	}),
];

const displayOptions = { show: { resource: ['serverDataConnection'], operation: ['delete'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const dataConnectionId = locatorValue.call(this, 'dataConnectionId', itemIndex);
	await requestRoute.call(this, route, { path: { dataConnectionId } }, itemIndex);
	return [{ json: { success: true, id: dataConnectionId } }];
}
