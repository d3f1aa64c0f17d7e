import { updateDisplayOptions } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { requestCloudJson, toItems } from '../../helpers/api';
import { idParameter } from '../../helpers/parameters';
import { scheduleLocator } from '../common.descriptions';
import type { CloudRoute } from '../node.type';

export const route: CloudRoute = {
	method: 'POST',
	path: 'scheduling/v1/schedules/{scheduleId}/disable',
	action: 'disabling schedule {scheduleId}',
};

const properties: INodeProperties[] = [
	scheduleLocator('The schedule to disable: it keeps its settings but does not run'),
];

const displayOptions = { show: { resource: ['schedule'], operation: ['disable'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const scheduleId = idParameter.call(this, 'scheduleId', 'Schedule', itemIndex);
	return toItems(await requestCloudJson.call(this, route, { path: { scheduleId } }, itemIndex));
}
