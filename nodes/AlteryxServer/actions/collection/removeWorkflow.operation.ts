import { updateDisplayOptions } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { jsonToItems, requestRouteJson } from '../../helpers/api';
import { locatorValue } from '../../helpers/parameters';
import { collectionLocator, workflowLocator } from '../common.descriptions';
import type { OperationRoute } from '../node.type';

export const route: OperationRoute = {
	method: 'DELETE',
	path: '/v3/collections/{collectionId}/workflows/{workflowId}',
	operationId: 'Collections_RemoveWorkflowFromCollection',
};

const properties: INodeProperties[] = [
	collectionLocator({ description: 'The collection to remove the workflow from' }),
	workflowLocator({
		description: 'The workflow to take out of the collection; the workflow itself is kept',
	}),
];

const displayOptions = { show: { resource: ['collection'], operation: ['removeWorkflow'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const collectionId = locatorValue.call(this, 'collectionId', itemIndex);
	const workflowId = locatorValue.call(this, 'workflowId', itemIndex);
	const collection = await requestRouteJson.call(
		this,
		route,
		{ path: { collectionId, workflowId } },
		itemIndex,
	);
	return jsonToItems(collection);
}
