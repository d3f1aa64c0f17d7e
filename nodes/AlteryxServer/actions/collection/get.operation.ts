import { updateDisplayOptions } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { jsonToItems, requestRouteJson } from '../../helpers/api';
import { locatorValue } from '../../helpers/parameters';
import { collectionLocator } from '../common.descriptions';
import type { OperationRoute } from '../node.type';

export const route: OperationRoute = {
	method: 'GET',
	path: '/v3/collections/{collectionId}',
	operationId: 'Collections_GetCollection',
};

const properties: INodeProperties[] = [collectionLocator()];

const displayOptions = { show: { resource: ['collection'], operation: ['get'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const collectionId = locatorValue.call(this, 'collectionId', itemIndex);
	const collection = await requestRouteJson.call(
		this,
		route,
		{ path: { collectionId } },
		itemIndex,
	);
	return jsonToItems(collection);
}
