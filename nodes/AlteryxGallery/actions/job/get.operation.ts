import { updateDisplayOptions } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { withJobId } from '../../../AlteryxServer/helpers/jobs';
import { idParameter, jobIdField } from '../common';
import { getV1Job } from '../v1';

export const description = updateDisplayOptions(
	{ show: { resource: ['job'], operation: ['get'] } },
	[jobIdField('The job to read, with its status, result, outputs and messages')],
);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const jobId = idParameter.call(this, 'jobId', 'Job ID', itemIndex);
	const job = await getV1Job.call(this, jobId, true, itemIndex);
	return [{ json: withJobId(job) }];
}
