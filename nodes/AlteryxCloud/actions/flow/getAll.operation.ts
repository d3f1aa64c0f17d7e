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
	path: 'v4/flows',
	action: 'listing flows',
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
				displayName: 'Search Text',
				name: 'filter',
				type: 'string',
				default: '',
				description: 'Only flows whose name contains this text',
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

const displayOptions = { show: { resource: ['flow'], operation: ['getAll'] } };

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
		filterType: filter ? 'contains' : undefined,
		sort: String(options.sort ?? '').trim(),
	});
	return await requestCloudList.call(this, route, { qs }, itemIndex);
}
