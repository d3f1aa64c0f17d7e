import { updateDisplayOptions } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { requestCloudJson, toItems } from '../../helpers/api';
import { idParameter } from '../../helpers/parameters';
import { jobGroupIdField } from '../common.descriptions';
import type { CloudRoute } from '../node.type';

export const route: CloudRoute = {
	method: 'GET',
	path: 'v4/jobGroups/{jobGroupId}/inputs',
	action: 'reading the inputs of job group {jobGroupId}',
};

const properties: INodeProperties[] = [jobGroupIdField];

const displayOptions = { show: { resource: ['jobGroup'], operation: ['getInputs'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const jobGroupId = idParameter.call(this, 'jobGroupId', 'Job Group ID', itemIndex);
	return toItems(await requestCloudJson.call(this, route, { path: { jobGroupId } }, itemIndex));
}
