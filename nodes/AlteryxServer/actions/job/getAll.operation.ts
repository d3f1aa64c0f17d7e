import { updateDisplayOptions } from 'n8n-workflow';
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { jsonToItems, requestAllPages, withoutUndefined } from '../../helpers/api';
import { withJobId } from '../../helpers/jobs';
import { pagingParameters, sortParameters, toIsoDay, toStringList } from '../../helpers/parameters';
import { returnAllOrLimit, sortOptions } from '../common.descriptions';
import type { OperationRoute } from '../node.type';

export const route: OperationRoute = {
	method: 'GET',
	path: '/v3/jobs',
	operationId: 'Jobs_GetJobsInQueue',
};

const properties: INodeProperties[] = [
	...returnAllOrLimit(),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{
				displayName: 'All Users',
				name: 'allUsers',
				type: 'boolean',
				default: true,
				description:
					'Whether to list the jobs of every user; off lists only the API user’s own jobs',
			},
			{
				displayName: 'Completed After',
				name: 'completedAfter',
				type: 'dateTime',
				default: '',
				description: 'Only jobs that completed on or after this day',
			},
			{
				displayName: 'Completed Before',
				name: 'completedBefore',
				type: 'dateTime',
				default: '',
				description: 'Only jobs that completed before this day',
			},
			{
				displayName: 'Priorities',
				name: 'priorities',
				type: 'multiOptions',
				options: [
					{ name: 'Critical', value: 'Critical' },
					{ name: 'High', value: 'High' },
					{ name: 'Low', value: 'Low' },
					{ name: 'Medium', value: 'Medium' },
				],
				default: [],
				description: 'Only jobs with one of these priorities',
			},
			{
				displayName: 'Statuses',
				name: 'statuses',
				type: 'multiOptions',
				options: [
					{ name: 'Complete', value: 'Complete' },
					{ name: 'Initializing', value: 'Initializing' },
					{ name: 'Queued', value: 'Queued' },
					{ name: 'Running', value: 'Running' },
				],
				default: [],
				description: 'Only jobs in one of these states',
			},
			{
				displayName: 'User IDs',
				name: 'users',
				type: 'string',
				default: '',
				description: 'Only jobs of these users (IDs, comma-separated); applies with All Users on',
			},
			{
				displayName: 'Workflow Names',
				name: 'workflowNames',
				type: 'string',
				default: '',
				description: 'Only jobs of workflows with these names (comma-separated)',
			},
		],
	},
	sortOptions(
		[
			{ name: 'Completed Date', value: 'CompletionDateTime' },
			{ name: 'Created Date', value: 'CreateDate' },
			{ name: 'Priority', value: 'Priority' },
			{ name: 'Status', value: 'Status' },
			{ name: 'Workflow Name', value: 'AppName' },
		],
		'CreateDate',
	),
];

const displayOptions = { show: { resource: ['job'], operation: ['getAll'] } };

export const description = updateDisplayOptions(displayOptions, properties);

const joinList = (values: string[]) => (values.length ? values.join(',') : undefined);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	// The list filters are single strings in the swagger; several values go comma-separated.
	const qs = withoutUndefined({
		allUsers: filters.allUsers === undefined ? true : (filters.allUsers as boolean),
		statuses: joinList((filters.statuses as string[] | undefined) ?? []),
		priorities: joinList((filters.priorities as string[] | undefined) ?? []),
		users: joinList(toStringList.call(this, filters.users, 'User IDs', itemIndex)),
		workflowNames: joinList(
			toStringList.call(this, filters.workflowNames, 'Workflow Names', itemIndex),
		),
		completedAfter: toIsoDay.call(this, filters.completedAfter, 'Completed After', itemIndex),
		completedBefore: toIsoDay.call(this, filters.completedBefore, 'Completed Before', itemIndex),
		...sortParameters.call(this, itemIndex),
	});
	const jobs = await requestAllPages.call(
		this,
		route,
		{ qs },
		{ ...pagingParameters.call(this, itemIndex), idField: 'jobId' },
		itemIndex,
	);
	return jsonToItems(jobs).map((item) => ({ json: withJobId(item.json) }));
}
