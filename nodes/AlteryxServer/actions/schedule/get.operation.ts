import { updateDisplayOptions } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { jsonToItems, requestRouteJson } from '../../helpers/api';
import { locatorValue } from '../../helpers/parameters';
import { scheduleLocator } from '../common.descriptions';
import type { OperationRoute } from '../node.type';

export const route: OperationRoute = {
	method: 'GET',
	path: '/v3/schedules/{scheduleId}',
	operationId: 'Schedules_GetSchedule',
};

const properties: INodeProperties[] = [scheduleLocator()];

const displayOptions = { show: { resource: ['schedule'], operation: ['get'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const scheduleId = locatorValue.call(this, 'scheduleId', itemIndex);
	const schedule = await requestRouteJson.call(this, route, { path: { scheduleId } }, itemIndex);
	return jsonToItems(schedule);
}
