import { updateDisplayOptions } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { requestCloudJson, toItems } from '../../helpers/api';
import { idParameter } from '../../helpers/parameters';
import { scheduleLocator } from '../common.descriptions';
import type { CloudRoute } from '../node.type';

export const route: CloudRoute = {
	method: 'GET',
	path: 'scheduling/v1/schedules/{scheduleId}',
	action: 'reading schedule {scheduleId}',
};

const properties: INodeProperties[] = [scheduleLocator()];

const displayOptions = { show: { resource: ['schedule'], operation: ['get'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const scheduleId = idParameter.call(this, 'scheduleId', 'Schedule', itemIndex);
	return toItems(await requestCloudJson.call(this, route, { path: { scheduleId } }, itemIndex));
}
