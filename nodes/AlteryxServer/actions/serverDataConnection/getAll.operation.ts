import { updateDisplayOptions } from 'n8n-workflow';
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { jsonToItems, requestRouteJson } from '../../helpers/api';
import { applyLimit } from '../../helpers/parameters';
import { returnAllOrLimit } from '../common.descriptions';
import type { OperationRoute } from '../node.type';

export const route: OperationRoute = {
	method: 'GET',
	path: '/v3/serverDataConnections',
	operationId: 'ServerConnections_GetServerDataConnections',
};

const properties: INodeProperties[] = [
	...returnAllOrLimit(),
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
						description: 'ID, name, connection string and connection type',
					},
					{
						name: 'Full',
						value: 'Full',
						description:
							'Also the DCM connection and the IDs of the users and user groups it is shared with',
					},
				],
				default: 'Default',
				description: 'How much of each connection to return',
			},
		],
	},
];

const displayOptions = { show: { resource: ['serverDataConnection'], operation: ['getAll'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const view = (options.view as string) || undefined;
	// The endpoint has no paging parameters: it always returns the whole list.
	const connections = await requestRouteJson.call(
		this,
		route,
		{ qs: view ? { view } : {} },
		itemIndex,
	);
	const list = Array.isArray(connections) ? connections : [];
	return jsonToItems(applyLimit.call(this, list, itemIndex));
}
