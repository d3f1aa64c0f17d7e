import { updateDisplayOptions } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { requestCloudJson, toItems } from '../../helpers/api';
import { idParameter } from '../../helpers/parameters';
import { flowLocator } from '../common.descriptions';
import type { CloudRoute } from '../node.type';

export const route: CloudRoute = {
	method: 'GET',
	path: 'v4/flows/{flowId}',
	action: 'reading flow {flowId}',
};

const properties: INodeProperties[] = [flowLocator()];

const displayOptions = { show: { resource: ['flow'], operation: ['get'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const flowId = idParameter.call(this, 'flowId', 'Flow', itemIndex);
	return toItems(await requestCloudJson.call(this, route, { path: { flowId } }, itemIndex));
}
