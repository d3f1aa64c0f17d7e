import { updateDisplayOptions } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { requestCloudJson, toItems } from '../../helpers/api';
import { idParameter } from '../../helpers/parameters';
import { scheduleLocator } from '../common.descriptions';
import type { CloudRoute } from '../node.type';

export const route: CloudRoute = {
	method: 'POST',
	path: 'scheduling/v1/schedules/{scheduleId}/enable',
	action: 'enabling schedule {scheduleId}',
};

const properties: INodeProperties[] = [
	scheduleLocator('The schedule to enable: it runs again at its times'),
];

const displayOptions = { show: { resource: ['schedule'], operation: ['enable'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const scheduleId = idParameter.call(this, 'scheduleId', 'Schedule', itemIndex);
	return toItems(await requestCloudJson.call(this, route, { path: { scheduleId } }, itemIndex));
}
