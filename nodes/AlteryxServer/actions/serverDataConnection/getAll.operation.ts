import { updateDisplayOptions } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { requestListWithLimit, withoutUndefined } from '../../helpers/api';
import { viewOption } from '../../helpers/parameters';
import { returnAllOrLimit, viewOptions } from '../common.descriptions';
import type { OperationRoute } from '../node.type';

export const route: OperationRoute = {
	method: 'GET',
	path: '/v3/serverDataConnections',
	operationId: 'ServerConnections_GetServerDataConnections',
};

const properties: INodeProperties[] = [
	...returnAllOrLimit(),
	viewOptions({
		record: 'connection',
		defaultView: 'ID, name, connection string and connection type',
		fullView: 'Also the DCM connection and the IDs of the users and user groups it is shared with',
	}),
];

const displayOptions = { show: { resource: ['serverDataConnection'], operation: ['getAll'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const qs = withoutUndefined({ view: viewOption.call(this, itemIndex) });
	// The endpoint has no paging parameters: it always returns the whole list.
	return await requestListWithLimit.call(this, route, { qs }, itemIndex);
}
