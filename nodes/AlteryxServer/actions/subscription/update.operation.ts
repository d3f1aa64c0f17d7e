import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { jsonToItems } from '../../helpers/api';
import { idInCollection, locatorValue, sameRecord } from '../../helpers/parameters';
import { requireSomeFields, updateByMerge } from '../../helpers/update';
import { credentialLocator, subscriptionLocator } from '../common.descriptions';
import type { OperationRoute } from '../node.type';
import { route as getRoute } from './get.operation';

export const route: OperationRoute = {
	method: 'PUT',
	path: '/v3/subscriptions/{subscriptionId}',
	operationId: 'Subscriptions_UpdateSubscription',
};

const properties: INodeProperties[] = [
	subscriptionLocator({ description: 'The studio to update' }),
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		description:
			'Only the fields added here change; the others keep their current values (the node reads the studio first and sends the complete contract Alteryx requires)',
		options: [
			{
				displayName: 'Can Share Schedules',
				name: 'canShareSchedules',
				type: 'boolean',
				default: false,
				description: 'Whether members of the studio can see and share each other’s schedules',
			},
			credentialLocator({
				required: false,
				displayName: 'Default Workflow Credential',
				description:
					'The credential the studio’s workflows run with by default. Leave empty to remove it.',
			}),
			{
				displayName: 'Name',
				name: 'name',
				type: 'string',
				default: '',
				description: 'The studio’s new name',
			},
		],
	},
];

const displayOptions = { show: { resource: ['subscription'], operation: ['update'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const subscriptionId = locatorValue.call(this, 'subscriptionId', itemIndex);
	const fields = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
	requireSomeFields.call(this, fields, 'Update Fields', itemIndex);
	const changes: IDataObject = {
		canShareSchedules: fields.canShareSchedules as boolean | undefined,
		credentialId: idInCollection(fields, 'credentialId'),
	};
	if (fields.name !== undefined) {
		changes.name = String(fields.name).trim();
		if (!changes.name) {
			throw new NodeOperationError(this.getNode(), 'Name is empty', {
				description: 'A studio needs a name: enter one, or remove Name from Update Fields.',
				itemIndex,
			});
		}
	}

	const { updated } = await updateByMerge.call(
		this,
		{
			getRoute,
			putRoute: route,
			path: { subscriptionId },
			// UpdateSubscriptionContract requires all three fields.
			toContract: (current) => ({
				name: current.name,
				credentialId: current.credentialId ?? '',
				canShareSchedules: current.canShareSchedules ?? false,
			}),
			changes,
		},
		itemIndex,
	);
	return jsonToItems(updated);
}

/** Read, then written back: items for the same record one after another. */
export const sequentialKey = sameRecord('subscriptionId');
