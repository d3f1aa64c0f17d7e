import { updateDisplayOptions } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { jsonToItems, requestRouteJson } from '../../helpers/api';
import { locatorValue } from '../../helpers/parameters';
import { workflowLocator } from '../common.descriptions';
import type { OperationRoute } from '../node.type';

export const route: OperationRoute = {
	method: 'GET',
	path: '/v3/workflows/{workflowId}',
	operationId: 'Workflows_GetWorkflow',
};

const properties: INodeProperties[] = [workflowLocator()];

const displayOptions = { show: { resource: ['workflow'], operation: ['get'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const workflowId = locatorValue.call(this, 'workflowId', itemIndex);
	const workflow = await requestRouteJson.call(this, route, { path: { workflowId } }, itemIndex);
	return jsonToItems(workflow);
}
