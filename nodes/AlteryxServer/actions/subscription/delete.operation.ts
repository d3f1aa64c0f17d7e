import { updateDisplayOptions } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { requestRoute } from '../../helpers/api';
import { locatorValue } from '../../helpers/parameters';
import { subscriptionLocator } from '../common.descriptions';
import type { OperationRoute } from '../node.type';

export const route: OperationRoute = {
	method: 'DELETE',
	path: '/v3/subscriptions',
	operationId: 'Subscriptions_DeleteSubscription',
};

const properties: INodeProperties[] = [
	subscriptionLocator({
		description:
			'The studio to delete. Alteryx only deletes a studio without users or workflows: move its users to another studio first.',
	}),
];

const displayOptions = { show: { resource: ['subscription'], operation: ['delete'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const subscriptionId = locatorValue.call(this, 'subscriptionId', itemIndex);
	// This DELETE takes the ID as a query parameter, not in the path.
	await requestRoute.call(this, route, { qs: { subscriptionId } }, itemIndex);
	return [{ json: { success: true, id: subscriptionId } }];
}
