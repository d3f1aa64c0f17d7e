import { updateDisplayOptions } from 'n8n-workflow';
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { jsonToItems, requestRouteJson, withoutUndefined } from '../../helpers/api';
import { asList, dcmRoutes } from '../../helpers/dcm';
import { applyLimit } from '../../helpers/parameters';
import { returnAllOrLimit } from '../common.descriptions';
import type { OperationRoute } from '../node.type';

export const route: OperationRoute = dcmRoutes.adminList;

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
				displayName: 'Connection ID (in Workflow)',
				name: 'connectionId',
				type: 'string',
				default: '',
				placeholder: 'e.g. a1b2c3d4-0001-4e5f-8a9b-0c1d2e3f4a5b',
				description:
					'Only the connection with this connection ID, as workflows reference it (a GUID)',
			},
			{
				displayName: 'Visible By Name or ID',
				name: 'visibleBy',
				type: 'options',
				typeOptions: { loadOptionsMethod: 'getDcmUsers' },
				default: '',
				description:
					'Only the connections this user can see (owned by or shared with them). Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			},
		],
	},
];

const displayOptions = { show: { resource: ['dcmAdmin'], operation: ['getManyConnections'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const qs = withoutUndefined({
		connectionId: String(filters.connectionId ?? '').trim() || undefined,
		visibleBy: String(filters.visibleBy ?? '').trim() || undefined,
	});
	// No paging: the endpoint returns every connection (the swagger types it as one object).
	const connections = asList(await requestRouteJson.call(this, route, { qs }, itemIndex));
	return jsonToItems(applyLimit.call(this, connections, itemIndex));
}
