import { updateDisplayOptions } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { requestCloudJson } from '../../helpers/api';
import { jobGroupRoutes } from '../../helpers/jobGroups';
import { idParameter } from '../../helpers/parameters';
import { jobGroupIdField } from '../common.descriptions';
import type { CloudRoute } from '../node.type';

export const route: CloudRoute = jobGroupRoutes.cancel;

const properties: INodeProperties[] = [jobGroupIdField];

const displayOptions = { show: { resource: ['jobGroup'], operation: ['cancel'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const jobGroupId = idParameter.call(this, 'jobGroupId', 'Job Group ID', itemIndex);
	const answer = await requestCloudJson.call(this, route, { path: { jobGroupId } }, itemIndex);
	return [
		{
			json: {
				jobGroupId,
				cancelRequested: true,
				...(answer !== null && typeof answer === 'object' && !Array.isArray(answer)
					? (answer as object)
					: {}),
			},
		},
	];
}
