import { updateDisplayOptions } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { requestCloudJson } from '../../helpers/api';
import { idParameter } from '../../helpers/parameters';
import { jobGroupIdField } from '../common.descriptions';
import type { CloudRoute } from '../node.type';

export const route: CloudRoute = {
	method: 'GET',
	path: 'v4/jobGroups/{jobGroupId}/outputs',
	action: 'reading the outputs of job group {jobGroupId}',
};

const properties: INodeProperties[] = [jobGroupIdField];

const displayOptions = { show: { resource: ['jobGroup'], operation: ['getOutputs'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const jobGroupId = idParameter.call(this, 'jobGroupId', 'Job Group ID', itemIndex);
	// One item: { files: [{ uri, fileType, isPrimaryOutput }], tables: […] } are where the
	// outputs were written (the Cloud gives locations, not the bytes).
	const outputs = await requestCloudJson.call(this, route, { path: { jobGroupId } }, itemIndex);
	return [
		{
			json:
				outputs !== null && typeof outputs === 'object' && !Array.isArray(outputs)
					? { jobGroupId, ...(outputs as object) }
					: { jobGroupId, outputs: outputs as string },
		},
	];
}
