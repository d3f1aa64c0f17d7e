import { updateDisplayOptions } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { requestRoute } from '../../helpers/api';
import { jobRoutes } from '../../helpers/jobs';
import { locatorValue } from '../../helpers/parameters';
import { jobLocator } from '../common.descriptions';
import type { OperationRoute } from '../node.type';

export const route: OperationRoute = jobRoutes.cancel;

const properties: INodeProperties[] = [
	jobLocator({
		description:
			'The job to cancel. Curators can cancel any job, other users only jobs they started or scheduled.',
	}),
];

const displayOptions = { show: { resource: ['job'], operation: ['cancel'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const jobId = locatorValue.call(this, 'jobId', itemIndex);
	await requestRoute.call(this, route, { path: { jobId } }, itemIndex);
	return [{ json: { success: true, id: jobId, jobId } }];
}
