import { updateDisplayOptions } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { requestCloudJson, toItems } from '../../helpers/api';
import type { CloudRoute } from '../node.type';

export const route: CloudRoute = {
	method: 'GET',
	path: 'v4/people/current',
	action: 'reading the current user',
};

const properties: INodeProperties[] = [];

const displayOptions = { show: { resource: ['user'], operation: ['getCurrent'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	return toItems(await requestCloudJson.call(this, route, {}, itemIndex));
}
