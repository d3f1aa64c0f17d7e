import { updateDisplayOptions } from 'n8n-workflow';
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { requestRouteJson } from '../../../AlteryxServer/helpers/api';
import { jsonItems, v1Routes } from '../v1';

const properties: INodeProperties[] = [
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 50,
		description: 'Max number of results to return',
		displayOptions: { show: { returnAll: [false] } },
	},
	{
		displayName: 'Search',
		name: 'search',
		type: 'string',
		default: '',
		description: 'Only workflows whose name contains this text',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['workflow'], operation: ['getMany'] } },
	properties,
);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const qs: IDataObject = {};
	const search = String(this.getNodeParameter('search', itemIndex, '')).trim();
	if (search) qs.search = search;
	if (!this.getNodeParameter('returnAll', itemIndex, false)) {
		qs.limit = this.getNodeParameter('limit', itemIndex, 50) as number;
	}
	const records = await requestRouteJson.call(
		this,
		v1Routes.subscriptionWorkflows,
		{ qs },
		itemIndex,
	);
	return jsonItems(records).map((json) => ({ json }));
}
