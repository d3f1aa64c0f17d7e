import { updateDisplayOptions } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { requestRoute } from '../../helpers/api';
import { locatorValue } from '../../helpers/parameters';
import { scheduleLocator } from '../common.descriptions';
import type { OperationRoute } from '../node.type';

export const route: OperationRoute = {
	method: 'DELETE',
	path: '/v3/schedules/{scheduleId}',
	operationId: 'Schedules_DeleteSchedule',
};

const properties: INodeProperties[] = [
	scheduleLocator({
		description: 'The schedule to delete; the workflow itself and its past jobs stay',
	}),
];

const displayOptions = { show: { resource: ['schedule'], operation: ['delete'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const scheduleId = locatorValue.call(this, 'scheduleId', itemIndex);
	await requestRoute.call(this, route, { path: { scheduleId } }, itemIndex);
	return [{ json: { success: true, id: scheduleId } }];
}
