import { updateDisplayOptions } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { requestCloudList } from '../../helpers/api';
import { returnAllOrLimit } from '../common.descriptions';
import type { CloudRoute } from '../node.type';

export const route: CloudRoute = {
	method: 'GET',
	path: 'scheduling/v1/schedules',
	action: 'listing schedules',
};

const properties: INodeProperties[] = [...returnAllOrLimit()];

const displayOptions = { show: { resource: ['schedule'], operation: ['getAll'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	return await requestCloudList.call(this, route, {}, itemIndex);
}
