import { updateDisplayOptions } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { jsonToItems, requestRouteJson } from '../../helpers/api';
import { locatorValue } from '../../helpers/parameters';
import { subscriptionLocator } from '../common.descriptions';
import type { OperationRoute } from '../node.type';

export const route: OperationRoute = {
	method: 'GET',
	path: '/v3/subscriptions/{subscriptionId}',
	operationId: 'Subscriptions_GetSubscriptionById',
};

const properties: INodeProperties[] = [subscriptionLocator()];

const displayOptions = { show: { resource: ['subscription'], operation: ['get'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const subscriptionId = locatorValue.call(this, 'subscriptionId', itemIndex);
	const studio = await requestRouteJson.call(this, route, { path: { subscriptionId } }, itemIndex);
	return jsonToItems(studio);
}
