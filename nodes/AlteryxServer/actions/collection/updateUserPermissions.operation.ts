import { updateDisplayOptions } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { jsonToItems, requestRouteJson } from '../../helpers/api';
import { locatorValue } from '../../helpers/parameters';
import { collectionLocator, userLocator } from '../common.descriptions';
import type { OperationRoute } from '../node.type';
import { membershipAdditionalFields, membershipContract, permissionsField } from './permissions';

export const route: OperationRoute = {
	method: 'PUT',
	path: '/v3/collections/{collectionId}/users/{userId}/permissions',
	operationId: 'Collections_UpdateCollectionUserPermissions',
};

const properties: INodeProperties[] = [
	collectionLocator({ description: 'The collection the user is a member of' }),
	userLocator({
		description:
			'The member whose permissions to set. On servers with Windows authentication, give the user’s Active Directory SID as the ID.',
	}),
	{
		...permissionsField('user'),
		hint: 'Replaces the user’s permissions: the ones not selected are removed',
	},
	membershipAdditionalFields('user'),
];

const displayOptions = {
	show: { resource: ['collection'], operation: ['updateUserPermissions'] },
};

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const collectionId = locatorValue.call(this, 'collectionId', itemIndex);
	const userId = locatorValue.call(this, 'userId', itemIndex);
	const collection = await requestRouteJson.call(
		this,
		route,
		{ path: { collectionId, userId }, body: membershipContract.call(this, itemIndex) },
		itemIndex,
	);
	return jsonToItems(collection);
}
