import { updateDisplayOptions } from 'n8n-workflow';
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { jsonToItems, requestAllPages, withoutUndefined } from '../../helpers/api';
import { withJobId } from '../../helpers/jobs';
import { locatorValue, pagingParameters, sortParameters } from '../../helpers/parameters';
import { returnAllOrLimit, sortOptions, workflowLocator } from '../common.descriptions';
import type { OperationRoute } from '../node.type';

export const route: OperationRoute = {
	method: 'GET',
	path: '/v3/workflows/{workflowId}/jobs',
	operationId: 'Workflows_GetJobsForWorkflow',
};

const properties: INodeProperties[] = [
	workflowLocator({ description: 'The workflow whose jobs to list' }),
	...returnAllOrLimit(),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{
				displayName: 'Result',
				name: 'resultCode',
				type: 'options',
				options: [
					{ name: 'Error', value: 'Error' },
					{ name: 'Success', value: 'Success' },
					{ name: 'Warning', value: 'Warning' },
				],
				default: 'Success',
				description:
					'Only finished jobs with this outcome. A job can be Complete and still have ended in Error.',
			},
			{
				displayName: 'Status',
				name: 'status',
				type: 'options',
				options: [
					{ name: 'Complete', value: 'Complete' },
					{ name: 'Error', value: 'Error', description: 'Completed with an error' },
					{ name: 'Queued', value: 'Queued' },
					{ name: 'Running', value: 'Running' },
				],
				default: 'Complete',
				description: 'Only jobs in this state',
			},
		],
	},
	sortOptions(
		[
			{ name: 'Created Date', value: 'createDate' },
			{ name: 'Priority', value: 'priority' },
			{ name: 'Status', value: 'status' },
		],
		'createDate',
	),
];

const displayOptions = { show: { resource: ['workflow'], operation: ['getJobs'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const workflowId = locatorValue.call(this, 'workflowId', itemIndex);
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const qs = withoutUndefined({
		status: (filters.status as string) || undefined,
		resultCode: (filters.resultCode as string) || undefined,
		...sortParameters.call(this, itemIndex),
	});
	const jobs = await requestAllPages.call(
		this,
		route,
		{ path: { workflowId }, qs },
		{ ...pagingParameters.call(this, itemIndex), idField: 'id' },
		itemIndex,
	);
	return jsonToItems(jobs).map((item) => ({ json: withJobId(item.json) }));
}
