import { updateDisplayOptions } from 'n8n-workflow';
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { requestCloudList, withoutEmpty } from '../../helpers/api';
import { returnAllOrLimit } from '../common.descriptions';
import type { CloudRoute } from '../node.type';

// The job library replaces the deprecated list GET v4/jobGroups.
export const route: CloudRoute = {
	method: 'GET',
	path: 'v4/jobLibrary',
	action: 'listing job groups',
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
				displayName: 'Status',
				name: 'status',
				type: 'options',
				options: [
					{ name: 'Canceled', value: 'Canceled' },
					{ name: 'Complete', value: 'Complete' },
					{ name: 'Created', value: 'Created' },
					{ name: 'Failed', value: 'Failed' },
					{ name: 'In Progress', value: 'InProgress' },
				],
				default: 'Failed',
				description: 'Only job groups with this status',
			},
		],
	},
];

const displayOptions = { show: { resource: ['jobGroup'], operation: ['getAll'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const qs = withoutEmpty({ status: filters.status as string });
	return await requestCloudList.call(this, route, { qs }, itemIndex);
}
