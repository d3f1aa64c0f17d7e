import { updateDisplayOptions } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { jsonToItems, requestRouteJson } from '../../helpers/api';
import { locatorValue } from '../../helpers/parameters';
import { jobLocator } from '../common.descriptions';
import type { OperationRoute } from '../node.type';

export const route: OperationRoute = {
	method: 'GET',
	path: '/v3/jobs/{jobId}/messages',
	operationId: 'Jobs_GetJobMessages',
};

const properties: INodeProperties[] = [
	jobLocator({ description: 'The job whose messages to get' }),
];

const displayOptions = { show: { resource: ['job'], operation: ['getMessages'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const jobId = locatorValue.call(this, 'jobId', itemIndex);
	// The swagger declares one message, servers send a list: either way, one item per message.
	const messages = await requestRouteJson.call(this, route, { path: { jobId } }, itemIndex);
	return jsonToItems(messages ?? []).map((item) => ({ json: { jobId, ...item.json } }));
}
