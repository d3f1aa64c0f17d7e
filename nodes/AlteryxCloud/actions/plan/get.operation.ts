import { updateDisplayOptions } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { requestCloudJson, toItems } from '../../helpers/api';
import { idParameter } from '../../helpers/parameters';
import { planLocator } from '../common.descriptions';
import type { CloudRoute } from '../node.type';

export const route: CloudRoute = {
	method: 'GET',
	path: 'plans/v1/plans/{planId}',
	action: 'reading plan {planId}',
};

const properties: INodeProperties[] = [planLocator()];

const displayOptions = { show: { resource: ['plan'], operation: ['get'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const planId = idParameter.call(this, 'planId', 'Plan', itemIndex);
	return toItems(await requestCloudJson.call(this, route, { path: { planId } }, itemIndex));
}
