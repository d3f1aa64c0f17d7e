import { updateDisplayOptions } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { jsonToItems, requestRouteJson } from '../../helpers/api';
import { jobRoutes, withJobId } from '../../helpers/jobs';
import { locatorValue } from '../../helpers/parameters';
import { jobLocator } from '../common.descriptions';
import type { OperationRoute } from '../node.type';

export const route: OperationRoute = jobRoutes.get;

const properties: INodeProperties[] = [
	jobLocator(),
	{
		displayName: 'Include Messages',
		name: 'includeMessages',
		type: 'boolean',
		default: true,
		description: 'Whether to include the messages the run wrote (errors, warnings, record counts)',
	},
];

const displayOptions = { show: { resource: ['job'], operation: ['get'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const jobId = locatorValue.call(this, 'jobId', itemIndex);
	const includeMessages = this.getNodeParameter('includeMessages', itemIndex, true) as boolean;
	const job = await requestRouteJson.call(
		this,
		route,
		{ path: { jobId }, qs: { includeMessages } },
		itemIndex,
	);
	return jsonToItems(job).map((item) => ({ json: withJobId(item.json) }));
}
