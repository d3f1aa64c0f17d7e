import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { jsonToItems, withoutUndefined } from '../../helpers/api';
import { idInCollection, locatorValue, sameRecord } from '../../helpers/parameters';
import { updateByMerge } from '../../helpers/update';
import { collectionLocator, userLocator } from '../common.descriptions';
import type { OperationRoute } from '../node.type';
import { route as getRoute } from './get.operation';

export const route: OperationRoute = {
	method: 'PUT',
	path: '/v3/collections/{collectionId}',
	operationId: 'Collections_UpdateCollection',
};

const properties: INodeProperties[] = [
	collectionLocator({ description: 'The collection to rename or give a new owner' }),
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		description:
			'Only the fields added here change; the other keeps its current value (the node reads the collection first, because Alteryx requires both name and owner)',
		options: [
			{
				displayName: 'Name',
				name: 'name',
				type: 'string',
				default: '',
				description: 'The new name of the collection (1 to 255 characters)',
			},
			userLocator({
				name: 'ownerId',
				displayName: 'Owner',
				description: 'The user who becomes the owner of the collection',
				required: false,
			}),
		],
	},
];

const displayOptions = { show: { resource: ['collection'], operation: ['update'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const collectionId = locatorValue.call(this, 'collectionId', itemIndex);
	const fields = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
	const changes = withoutUndefined({
		name: typeof fields.name === 'string' && fields.name.trim() ? fields.name.trim() : undefined,
		ownerId: idInCollection(fields, 'ownerId') || undefined,
	});
	if (Object.keys(changes).length === 0) {
		throw new NodeOperationError(this.getNode(), 'No field to update was given', {
			description: 'Add a new Name or Owner under "Update Fields".',
			itemIndex,
		});
	}
	const { updated } = await updateByMerge.call(
		this,
		{
			getRoute,
			putRoute: route,
			path: { collectionId },
			toContract: (current) => ({ name: current.name, ownerId: current.ownerId }),
			changes,
		},
		itemIndex,
	);
	return jsonToItems(updated);
}

/** Read, then written back: items for the same record one after another. */
export const sequentialKey = sameRecord('collectionId');
