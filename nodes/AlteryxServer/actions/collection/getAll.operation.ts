import { updateDisplayOptions } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { requestListWithLimit, withoutUndefined } from '../../helpers/api';
import { viewOption } from '../../helpers/parameters';
import { returnAllOrLimit, viewOptions } from '../common.descriptions';
import type { OperationRoute } from '../node.type';

export const route: OperationRoute = {
	method: 'GET',
	path: '/v3/collections',
	operationId: 'Collections_GetCollections',
};

const properties: INodeProperties[] = [
	...returnAllOrLimit(),
	viewOptions({
		record: 'collection',
		defaultView: 'ID, name, owner ID and the date the collection was added',
		fullView: 'Also the IDs of the workflows, schedules, users and user groups in each collection',
	}),
];

const displayOptions = { show: { resource: ['collection'], operation: ['getAll'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const qs = withoutUndefined({ view: viewOption.call(this, itemIndex) });
	// The endpoint has no paging parameters: it always returns the whole list.
	return await requestListWithLimit.call(this, route, { qs }, itemIndex);
}
