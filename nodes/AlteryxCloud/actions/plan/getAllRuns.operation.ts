import { updateDisplayOptions } from 'n8n-workflow';
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { requestCloudList, withoutEmpty } from '../../helpers/api';
import { toIsoDateTime } from '../../../AlteryxServer/helpers/parameters';
import { returnAllOrLimit } from '../common.descriptions';
import type { CloudRoute } from '../node.type';

export const route: CloudRoute = {
	method: 'GET',
	path: 'plans/v1/planSnapshotRuns',
	action: 'listing plan runs',
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
				displayName: 'Finished After',
				name: 'finishedAfter',
				type: 'dateTime',
				default: '',
				description: 'Only runs that finished after this time',
			},
			{
				displayName: 'Plan ID',
				name: 'planId',
				type: 'string',
				default: '',
				description: 'Only runs of this plan',
			},
			{
				displayName: 'Status',
				name: 'status',
				type: 'multiOptions',
				options: [
					{ name: 'Canceled', value: 'Canceled' },
					{ name: 'Complete', value: 'Complete' },
					{ name: 'Created', value: 'Created' },
					{ name: 'Failed', value: 'Failed' },
					{ name: 'In Progress', value: 'InProgress' },
				],
				default: [],
				description: 'Only runs with one of these statuses',
			},
		],
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Sort',
				name: 'sort',
				type: 'string',
				default: '',
				placeholder: 'e.g. -submittedAt',
				description: 'The field to sort by; a leading minus sorts in descending order',
			},
		],
	},
];

const displayOptions = { show: { resource: ['plan'], operation: ['getAllRuns'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const statuses = Array.isArray(filters.status) ? (filters.status as string[]) : [];
	const qs = withoutEmpty({
		planId: String(filters.planId ?? '').trim(),
		status: statuses.join(','),
		finishedAfter: toIsoDateTime.call(this, filters.finishedAfter, 'Finished After', itemIndex),
		sort: String(options.sort ?? '').trim(),
	});
	return await requestCloudList.call(this, route, { qs }, itemIndex);
}
