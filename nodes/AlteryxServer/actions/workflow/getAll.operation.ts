import { updateDisplayOptions } from 'n8n-workflow';
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { requestListWithLimit, withoutUndefined } from '../../helpers/api';
import { toIsoDateTime, viewOption } from '../../helpers/parameters';
import { returnAllOrLimit, viewOptions } from '../common.descriptions';
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
	viewOptions({
		record: 'workflow',
		defaultView: 'ID, name, owner, creation date, version number and execution mode',
		fullView: 'Every detail of each workflow, including its versions',
	}),
];

const displayOptions = { show: { resource: ['workflow'], operation: ['getAll'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const qs = withoutUndefined({
		view: viewOption.call(this, itemIndex),
		name: (filters.name as string) || undefined,
		ownerId: (filters.ownerId as string) || undefined,
		createdAfter: toIsoDateTime.call(this, filters.createdAfter, 'Created After', itemIndex),
		createdBefore: toIsoDateTime.call(this, filters.createdBefore, 'Created Before', itemIndex),
	});
	// The endpoint has no paging parameters: it always returns the whole list.
	return await requestListWithLimit.call(this, route, { qs }, itemIndex);
}
