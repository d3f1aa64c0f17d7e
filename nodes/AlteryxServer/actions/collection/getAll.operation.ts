import { updateDisplayOptions } from 'n8n-workflow';
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { jsonToItems, requestRouteJson, withoutUndefined } from '../../helpers/api';
import { applyLimit } from '../../helpers/parameters';
import { returnAllOrLimit } from '../common.descriptions';
import type { OperationRoute } from '../node.type';

export const route: OperationRoute = {
	method: 'GET',
	path: '/v3/collections',
	operationId: 'Collections_GetCollections',
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
						description: 'ID, name, owner ID and the date the collection was added',
					},
					{
						name: 'Full',
						value: 'Full',
						description:
							'Also the IDs of the workflows, schedules, users and user groups in each collection',
					},
				],
				default: 'Default',
				description: 'How much of each collection to return',
			},
		],
	},
];

const displayOptions = { show: { resource: ['collection'], operation: ['getAll'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const qs = withoutUndefined({ view: (options.view as string) || undefined });
	// The endpoint has no paging parameters: it always returns the whole list.
	const collections = await requestRouteJson.call(this, route, { qs }, itemIndex);
	const list = Array.isArray(collections) ? collections : [];
	return jsonToItems(applyLimit.call(this, list, itemIndex));
}
