import { updateDisplayOptions } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { jsonToItems, requestRouteJson } from '../../helpers/api';
import { locatorValue } from '../../helpers/parameters';
import { collectionLocator, workflowLocator } from '../common.descriptions';
import type { OperationRoute } from '../node.type';

export const route: OperationRoute = {
	method: 'POST',
	path: '/v3/collections/{collectionId}/workflows',
	operationId: 'Collections_AddWorkflowToCollection',
};

const properties: INodeProperties[] = [
	collectionLocator({ description: 'The collection to add the workflow to' }),
	workflowLocator({
		description: 'The workflow (or analytic app) that the collection’s members get access to',
	}),
];

const displayOptions = { show: { resource: ['collection'], operation: ['addWorkflow'] } };

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
		{ path: { collectionId }, body: { workflowId } },
		itemIndex,
	);
	return jsonToItems(collection);
}
