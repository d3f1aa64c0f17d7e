import { updateDisplayOptions } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { jsonToItems, requestRouteJson } from '../../helpers/api';
import { locatorValue } from '../../helpers/parameters';
import { collectionLocator, scheduleLocator } from '../common.descriptions';
import type { OperationRoute } from '../node.type';

export const route: OperationRoute = {
	method: 'DELETE',
	path: '/v3/collections/{collectionId}/schedules/{scheduleId}',
	operationId: 'Collections_RemoveScheduleFromCollection',
};

const properties: INodeProperties[] = [
	collectionLocator({ description: 'The collection to remove the schedule from' }),
	scheduleLocator({
		description: 'The schedule to take out of the collection; the schedule itself is kept',
	}),
];

const displayOptions = { show: { resource: ['collection'], operation: ['removeSchedule'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const collectionId = locatorValue.call(this, 'collectionId', itemIndex);
	const scheduleId = locatorValue.call(this, 'scheduleId', itemIndex);
	const collection = await requestRouteJson.call(
		this,
		route,
		{ path: { collectionId, scheduleId } },
		itemIndex,
	);
	return jsonToItems(collection);
}
