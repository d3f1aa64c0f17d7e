import { updateDisplayOptions } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { requestRoute } from '../../helpers/api';
import { locatorValue } from '../../helpers/parameters';
import { collectionLocator } from '../common.descriptions';
import type { OperationRoute } from '../node.type';

export const route: OperationRoute = {
	method: 'DELETE',
	path: '/v3/collections/{collectionId}',
	operationId: 'Collections_DeleteCollection',
};

const properties: INodeProperties[] = [
	collectionLocator({ description: 'The collection to delete' }),
	{
		displayName: 'Delete Even If Not Empty',
		name: 'forceDelete',
		type: 'boolean',
		default: false,
		description:
			'Whether to delete the collection while it still holds workflows, schedules, users or user groups. The workflows, schedules and users themselves are kept. Without it, Alteryx refuses to delete a collection that is not empty.',
	},
];

const displayOptions = { show: { resource: ['collection'], operation: ['delete'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const collectionId = locatorValue.call(this, 'collectionId', itemIndex);
	const forceDelete = this.getNodeParameter('forceDelete', itemIndex, false) as boolean;
	await requestRoute.call(this, route, { path: { collectionId }, qs: { forceDelete } }, itemIndex);
	return [{ json: { success: true, id: collectionId } }];
}
