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

export const route: CloudRoute = {
	method: 'GET',
	path: 'plans/v1/plans',
	action: 'listing plans',
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
				displayName: 'Match',
				name: 'filterType',
				type: 'options',
				options: [
					{ name: 'Contains', value: 'contains' },
					{ name: 'Exact', value: 'exact' },
					{ name: 'Exact, Ignoring Case', value: 'exactIgnoreCase' },
					{ name: 'Fuzzy', value: 'fuzzy' },
				],
				default: 'contains',
				description: 'How Search Text is matched',
			},
			{
				displayName: 'Ownership',
				name: 'ownershipFilter',
				type: 'options',
				options: [
					{ name: 'All', value: 'all' },
					{ name: 'Owned by Me', value: 'owned' },
					{ name: 'Shared With Me', value: 'shared' },
				],
				default: 'all',
				description: 'Which plans to list by who owns them',
			},
			{
				displayName: 'Search Text',
				name: 'filter',
				type: 'string',
				default: '',
				description: 'Only plans whose name matches this text',
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
				placeholder: 'e.g. -updatedAt',
				description: 'The field to sort by; a leading minus sorts in descending order',
			},
		],
	},
];

const displayOptions = { show: { resource: ['plan'], operation: ['getAll'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const filter = String(filters.filter ?? '').trim();
	const qs = withoutEmpty({
		filter,
		// The Cloud matches the text against these fields; only the name is offered.
		filterFields: filter ? 'name' : undefined,
		filterType: filter ? (filters.filterType as string) || 'contains' : undefined,
		ownershipFilter: filters.ownershipFilter as string,
		sort: String(options.sort ?? '').trim(),
	});
	return await requestCloudList.call(this, route, { qs }, itemIndex);
}
