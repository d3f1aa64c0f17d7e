import { updateDisplayOptions } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { jsonToItems, requestRouteJson } from '../../helpers/api';
import { locatorValue } from '../../helpers/parameters';
import { collectionLocator, scheduleLocator } from '../common.descriptions';
import type { OperationRoute } from '../node.type';

export const route: OperationRoute = {
	method: 'POST',
	path: '/v3/collections/{collectionId}/schedules',
	operationId: 'Collections_AddScheduleToCollection',
};

const properties: INodeProperties[] = [
	collectionLocator({ description: 'The collection to add the schedule to' }),
	scheduleLocator({ description: 'The schedule that the collection’s members get access to' }),
];

const displayOptions = { show: { resource: ['collection'], operation: ['addSchedule'] } };

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
		{ path: { collectionId }, body: { scheduleId } },
		itemIndex,
	);
	return jsonToItems(collection);
}
