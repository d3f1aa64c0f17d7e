import { updateDisplayOptions } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { requestListWithLimit } from '../../helpers/api';
import { returnAllOrLimit } from '../common.descriptions';
import type { OperationRoute } from '../node.type';

export const route: OperationRoute = {
	method: 'GET',
	path: '/v3/usergroups',
	operationId: 'UserGroups_GetUserGroups',
};

const properties: INodeProperties[] = [...returnAllOrLimit()];

const displayOptions = { show: { resource: ['userGroup'], operation: ['getAll'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	// The custom groups only (ID, name, role); the endpoint has no paging or filters.
	return await requestListWithLimit.call(this, route, {}, itemIndex);
}
