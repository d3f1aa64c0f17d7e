import { updateDisplayOptions } from 'n8n-workflow';
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { jsonToItems, requestRouteJson, withoutUndefined } from '../../helpers/api';
import { applyLimit, toIsoDateTime } from '../../helpers/parameters';
import { returnAllOrLimit } from '../common.descriptions';
import type { OperationRoute } from '../node.type';

export const route: OperationRoute = {
	method: 'GET',
	path: '/v3/workflows',
	operationId: 'Workflows_GetWorkflows',
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
				displayName: 'Created After',
				name: 'createdAfter',
				type: 'dateTime',
				default: '',
				description: 'Only workflows whose published version was created at or after this time',
			},
			{
				displayName: 'Created Before',
				name: 'createdBefore',
				type: 'dateTime',
				default: '',
				description: 'Only workflows whose published version was created at or before this time',
			},
			{
				displayName: 'Name',
				name: 'name',
				type: 'string',
				default: '',
				description: 'Only workflows whose name contains this text',
			},
			{
				displayName: 'Owner ID',
				name: 'ownerId',
				type: 'string',
				default: '',
				description: 'Only workflows owned by the user with this ID',
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
				displayName: 'View',
				name: 'view',
				type: 'options',
				options: [
					{
						name: 'Default',
						value: 'Default',
						description: 'ID, name, owner, creation date, version number and execution mode',
					},
					{
						name: 'Full',
						value: 'Full',
						description: 'Every detail of each workflow, including its versions',
					},
				],
				default: 'Default',
				description: 'How much of each workflow to return',
			},
		],
	},
];

const displayOptions = { show: { resource: ['workflow'], operation: ['getAll'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const qs = withoutUndefined({
		view: (options.view as string) || undefined,
		name: (filters.name as string) || undefined,
		ownerId: (filters.ownerId as string) || undefined,
		createdAfter: toIsoDateTime.call(this, filters.createdAfter, 'Created After', itemIndex),
		createdBefore: toIsoDateTime.call(this, filters.createdBefore, 'Created Before', itemIndex),
	});
	// The endpoint has no paging parameters: it always returns the whole list.
	const workflows = await requestRouteJson.call(this, route, { qs }, itemIndex);
	const list = Array.isArray(workflows) ? workflows : [];
	return jsonToItems(applyLimit.call(this, list, itemIndex));
}
