import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { jsonToItems, requestRouteJson, withoutUndefined } from '../../helpers/api';
import { idInCollection } from '../../helpers/parameters';
import { credentialLocator } from '../common.descriptions';
import type { OperationRoute } from '../node.type';

export const route: OperationRoute = {
	method: 'POST',
	path: '/v3/subscriptions',
	operationId: 'Subscriptions_CreateSubscription',
};

const properties: INodeProperties[] = [
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. Finance Studio',
		description: 'The studio’s name (1 to 255 characters)',
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'Can Share Schedules',
				name: 'canShareSchedule',
				type: 'boolean',
				default: false,
				description: 'Whether members of the studio can see and share each other’s schedules',
			},
			credentialLocator({
				required: false,
				displayName: 'Default Workflow Credential',
				description:
					'The credential the studio’s workflows run with by default, picked by user name or given by its ID',
			}),
		],
	},
];

const displayOptions = { show: { resource: ['subscription'], operation: ['create'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const name = String(this.getNodeParameter('name', itemIndex, '')).trim();
	if (!name) {
		throw new NodeOperationError(this.getNode(), 'Name is empty', {
			description: 'Enter the studio’s name (1 to 255 characters).',
			itemIndex,
		});
	}
	const additional = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	// CreateSubscriptionContract spells it canShareSchedule (the update contract: canShareSchedules).
	const contract = withoutUndefined({
		name,
		canShareSchedule: additional.canShareSchedule as boolean | undefined,
		credentialId: idInCollection(additional, 'credentialId') || undefined,
	});
	// 201 with the new Subscription, including the studio's API key and secret.
	const studio = await requestRouteJson.call(this, route, { body: contract }, itemIndex);
	return jsonToItems(studio);
}
