import { updateDisplayOptions } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { jsonToItems, requestRouteJson } from '../../helpers/api';
import { locatorValue } from '../../helpers/parameters';
import { collectionLocator, userGroupLocator } from '../common.descriptions';
import type { OperationRoute } from '../node.type';
import { membershipAdditionalFields, membershipContract, permissionsField } from './permissions';

export const route: OperationRoute = {
	method: 'PUT',
	path: '/v3/collections/{collectionId}/userGroups/{userGroupId}/permissions',
	operationId: 'Collections_UpdateCollectionUserGroupPermissions',
};

const properties: INodeProperties[] = [
	collectionLocator({ description: 'The collection the user group is a member of' }),
	userGroupLocator({ description: 'The member user group whose permissions to set' }),
	{
		...permissionsField('user group'),
		hint: 'Replaces the user group’s permissions: the ones not selected are removed',
	},
	membershipAdditionalFields('user group'),
];

const displayOptions = {
	show: { resource: ['collection'], operation: ['updateUserGroupPermissions'] },
};

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const collectionId = locatorValue.call(this, 'collectionId', itemIndex);
	const userGroupId = locatorValue.call(this, 'userGroupId', itemIndex);
	const collection = await requestRouteJson.call(
		this,
		route,
		{ path: { collectionId, userGroupId }, body: membershipContract.call(this, itemIndex) },
		itemIndex,
	);
	return jsonToItems(collection);
}
